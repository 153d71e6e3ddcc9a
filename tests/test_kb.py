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
