from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from veille.kb import KbError, PhraseIndex, fold, load_kb, name_key
from veille.kb.entries import _KNOWN
from veille.kb.text import case_compatible

KB_DATA = Path(__file__).resolve().parents[1] / "src" / "veille" / "data" / "kb"


def test_bundled_kb_loads_with_valid_references_and_qids() -> None:
    kb = load_kb()
    assert len(kb) > 500  # 249 ISO countries, curated entries, templates
    for entry in kb.entries.values():
        assert entry.qid is None or re.fullmatch(r"Q[1-9]\d*", entry.qid), entry.id
        assert entry.names, entry.id
    assert kb.get("country/USA").qid == "Q30"  # type: ignore[union-attr]


def test_north_korea_is_one_entry_with_its_names_demonyms_and_capital() -> None:
    kb = load_kb()
    prk = kb.entries["country/PRK"]
    assert prk.name("fr") == "Corée du Nord" and prk.name("en") == "North Korea"
    assert {"RPDC", "Nord-Corée"} <= set(prk.aliases_for("fr"))
    assert "DPRK" in prk.aliases_for("en")
    assert {"nord-coréen", "nord-coréennes"} <= set(prk.demonyms["fr"])  # plural added
    assert prk.capital == "city/pyongyang"
    assert kb.entries["city/pyongyang"].metonym_of == "country/PRK"
    assert kb.country_of("org/kremlin") == "country/RUS"


def test_templates_give_every_country_with_demonyms_its_ministries() -> None:
    kb = load_kb()
    mod = kb.entries["org/defence-ministry/RUS"]
    assert "ministère russe de la Défense" in mod.aliases_for("fr")
    assert "Russian defence ministry" in mod.aliases_for("en")
    assert "org/foreign-ministry/PRK" in kb.entries


def test_office_holders_depend_on_the_date() -> None:
    kb = load_kb()
    ids = lambda when: [e.id for e in kb.holders("defence_minister", "country/RUS", when)]  # noqa: E731
    assert ids("2023-08") == ["person/sergei-shoigu"]
    assert ids("2025-01") == ["person/andrei-belousov"]
    assert set(ids(None)) == {"person/sergei-shoigu", "person/andrei-belousov"}


def test_user_folder_extends_an_entry_and_adds_new_ones(tmp_path: Path) -> None:
    lines = [
        {"id": "person/kim-jong-un", "aliases": {"fr": ["le Maréchal"]}},
        {"id": "org/acme", "type": "ORG", "name": {"fr": "Acme Défense"}},
    ]
    (tmp_path / "mine.jsonl").write_text(
        "\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8"
    )
    kb = load_kb((str(tmp_path),))
    assert "le Maréchal" in kb.entries["person/kim-jong-un"].aliases_for("fr")
    assert "Kim Jong Un" in kb.entries["person/kim-jong-un"].aliases_for("fr")  # kept
    assert kb.entries["org/acme"].type == "ORG"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "mine.jsonl:1: not JSON"),
        ('{"name": "x"}', "string 'id'"),
        ('{"id": "x", "type": "PLANET", "name": {"fr": "x"}}', "type must be one of"),
        ('{"id": "x", "type": "ORG", "nmae": {"fr": "x"}}', "unknown field(s) nmae"),
        ('{"id": "x", "type": "ORG", "name": {"fr": "x"}, "seat_of": "country/XXX"}', "unknown"),
    ],
)
def test_bad_kb_files_fail_with_file_and_reason(tmp_path: Path, line: str, message: str) -> None:
    (tmp_path / "mine.jsonl").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(KbError, match=re.escape(message)):
        load_kb.__wrapped__((str(tmp_path),))


def test_every_entry_field_is_documented_in_the_readme() -> None:
    readme = (KB_DATA / "README.md").read_text(encoding="utf-8")
    for name in _KNOWN:
        assert f"`{name}`" in readme, name


def test_generated_countries_match_the_generator() -> None:
    pytest.importorskip("pycountry")
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_kb", KB_DATA.parents[3] / "scripts" / "build_kb.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = [json.dumps(r, ensure_ascii=False) for r in module.country_records()]
    assert (KB_DATA / "00_countries_iso.jsonl").read_text(encoding="utf-8").splitlines() == expected


@given(st.text(max_size=60))
def test_fold_keeps_offsets(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_name_keys_and_case_rules() -> None:
    assert name_key("Kim Jong-Un") == name_key("Kim Jong Un") == name_key("kim jong-un")
    assert name_key("Choïgou") == name_key("Choigou")
    assert case_compatible("US", "US") and not case_compatible("US", "us")
    assert case_compatible("Nord", "Nord") and not case_compatible("Nord", "nord")
    assert case_compatible("obus d'artillerie", "Obus d'artillerie")


def test_phrase_index_finds_spelling_variants_with_exact_offsets() -> None:
    index = PhraseIndex([("Kim Jong-un", "kim"), ("États-Unis", "usa"), ("US", "usa")])
    text = "Kim Jong-Un et Kim Jong Un ; les Etats-Unis, let us go, the US"
    hits = index.find(text)
    assert [(text[h.start : h.end], h.value) for h in hits] == [
        ("Kim Jong-Un", "kim"),
        ("Kim Jong Un", "kim"),
        ("Etats-Unis", "usa"),
        ("US", "usa"),
    ]
    assert index.find("la Russian Federation") == []  # whole words only


# Sentences written for this test: entries of the broad news KB are found and typed in
# French (where spaCy's model guesses parties and groups as places or people) and in
# English (where there is no NER model at all, so the KB is all there is).
_WORLD_FR = (
    "Le RN et LFI ont voté la motion, le groupe Liot s'est abstenu. Selon l'AFP, les Fama "
    "ont repris Kidal. Les talibans ont fermé les écoles, a dénoncé Amnesty International ; "
    "Amnesty réclame une enquête. Des cargos ont été visés en mer Rouge par les Houthis, et "
    "Nairobi a condamné l'attaque. Le CICR est entré dans la bande de Gaza."
)
_WORLD_EN = (
    "Mark Rutte met Volodymyr Zelenskyy in Brussels, Reuters reported. The IAEA and the WHO "
    "warned about the Zaporizhzhia nuclear power plant. Keir Starmer and the Labour Party lost "
    "seats to Reform UK. The Taliban dismissed a Human Rights Watch report, and the IDF said "
    "Hezbollah had fired from Lebanon. Tankers avoided the Strait of Hormuz."
)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "fr",
            _WORLD_FR,
            {
                "RN": ("ORG", "org/party/fr-rn"),
                "LFI": ("ORG", "org/party/fr-lfi"),
                "groupe Liot": ("ORG", "org/party/fr-liot"),
                "AFP": ("ORG", "org/afp"),
                "Fama": ("ORG", "org/fama"),
                "Kidal": ("LOCATION", "city/kidal"),
                "talibans": ("ORG", "org/taliban"),
                "Amnesty International": ("ORG", "org/amnesty"),
                "Amnesty": ("ORG", "org/amnesty"),  # short form: the same entity
                "mer Rouge": ("LOCATION", "water/red-sea"),
                "Houthis": ("ORG", "org/houthis"),
                "Nairobi": ("COUNTRY", "country/KEN"),  # a capital as its government
                "CICR": ("ORG", "org/icrc"),
                "bande de Gaza": ("LOCATION", "region/gaza-strip"),
            },
        ),
        (
            "en",
            _WORLD_EN,
            {
                "Mark Rutte": ("PERSON", "person/mark-rutte"),
                "Volodymyr Zelenskyy": ("PERSON", "person/volodymyr-zelensky"),
                "Brussels": ("LOCATION", "city/brussels"),
                "Reuters": ("ORG", "org/reuters"),
                "IAEA": ("ORG", "org/iaea"),
                "WHO": ("ORG", "org/who"),
                "Zaporizhzhia nuclear power plant": (
                    "LOCATION",
                    "place/zaporizhzhia-nuclear-plant",
                ),
                "Keir Starmer": ("PERSON", "person/keir-starmer"),
                "Labour Party": ("ORG", "org/party/uk-labour-party"),
                "Reform UK": ("ORG", "org/party/uk-reform"),
                "Taliban": ("ORG", "org/taliban"),
                "Human Rights Watch": ("ORG", "org/hrw"),
                "IDF": ("ORG", "org/idf"),
                "Hezbollah": ("ORG", "org/hezbollah"),
                "Strait of Hormuz": ("LOCATION", "water/strait-of-hormuz"),
            },
        ),
    ],
)
def test_world_news_entries_are_found_and_typed(
    language: str, text: str, expected: dict[str, tuple[str, str]]
) -> None:
    from veille.annotate import annotate
    from veille.ids import make_id
    from veille.records import Document, OffsetMap, PubDate
    from veille.settings import Settings

    settings = Settings(nlp_en="no_such_model_xx") if language == "en" else Settings()
    doc = Document(
        make_id("doc", text), text, "t", text, text, OffsetMap(), language, PubDate(None, "unknown")
    )
    (annotated,) = annotate([doc], settings)
    found = {m.text: (m.type, m.kb_entry) for m in annotated.mentions}
    assert {name: found.get(name) for name in expected} == expected


def test_sentence_initial_common_words_are_not_outlets_or_parties() -> None:
    # "Le monde", "Libération de", "Reconquête de", "Les républicains" (US) open sentences in
    # French; a name matched on its first capital only would read them as outlets or parties.
    from veille.annotate import annotate
    from veille.ids import make_id
    from veille.records import Document, OffsetMap, PubDate
    from veille.settings import Settings

    text = (
        "Le monde observe la ligne de front. Libération des otages : un accord est proche. "
        "Reconquête de Kherson : l'armée avance. Les Républicains ont bloqué l'aide au Congrès."
    )
    doc = Document(make_id("doc", text), text, "t", text, text, OffsetMap(), "fr", PubDate())
    (annotated,) = annotate([doc], Settings())
    linked = {m.kb_entry for m in annotated.mentions}
    assert not linked & {
        "org/le-monde",
        "org/liberation",
        "org/party/fr-reconquete",
        "org/party/fr-lr",
    }


def test_world_office_holders_follow_the_date() -> None:
    kb = load_kb()

    def ids(role: str, where: str, when: str) -> list[str]:
        return [e.id for e in kb.holders(role, where, when)]

    assert ids("head_of_government", "country/FRA", "2024-10") == ["person/michel-barnier"]
    assert ids("head_of_government", "country/GBR", "2023-05") == ["person/rishi-sunak"]
    assert ids("foreign_minister", "country/DEU", "2023-05") == ["person/annalena-baerbock"]
    assert ids("secretary_general", "org/nato", "2025-03") == ["person/mark-rutte"]
    assert kb.entries["city/bamako"].metonym_of == "country/MLI"
    assert kb.entries["country/MLI"].capital == "city/bamako"
