"""English news attributions on veille's degraded English pipeline (tests/data/claims_en_news.tsv).

The pipeline is the one a user without an English spaCy model gets: blank tokenizer,
sentencizer and the knowledge-base entity ruler, so every claim comes from token patterns.
Besides the case-by-case checks, a scorer reports recall and precision of the quoted
attributions of the table beside a plain quotation-mark regex, the naive baseline (it finds
quotes but never who said them).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pytest

from veille.nlp import load_pipeline
from veille.records import Claim
from veille.settings import Settings

TABLE = Path(__file__).parent / "data" / "claims_en_news.tsv"
_QUOTE = re.compile(r'"[^"\n]+"|“[^”\n]+”')


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


def _unescape(cell: str) -> str:
    return cell.replace("\\n", "\n")


def _cases() -> list[Case]:
    cases: list[Case] = []
    text = ""
    for n, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [_unescape(c) for c in line.split("\t")]
        text = text if cols[0] == "^" else cols[0]
        cases.append(Case(n, text, *cols[1:]))
    return cases


@cache
def _claims(text: str) -> tuple[Claim, ...]:
    nlp = load_pipeline("en", Settings()).nlp
    return tuple(nlp(text)._.claims)


@pytest.mark.parametrize("case", _cases(), ids=lambda c: f"en_news{c.line}")
def test_english_news(case: Case) -> None:
    claims = _claims(case.text)
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
    assert (claim.speaker_kind, claim.cue, claim.stance) == (case.kind, case.cue, case.stance)
    assert claim.direct == (case.direct == "direct")
    parent = claims[claim.parent].speaker if claim.parent is not None else "-"
    assert parent == case.nested_in
    extra = text[claim.extra_start : claim.extra_end] if claim.extra_start is not None else "-"
    assert extra == case.extra


class Scores(NamedTuple):
    recall: float
    precision: float


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _inner(text: str, match: re.Match[str]) -> tuple[int, int]:
    start, end = match.start() + 1, match.end() - 1
    while end > start and text[end - 1] in " ,":
        end -= 1
    return start, end


def score_quotes() -> tuple[Scores, Scores]:
    """Quoted attributions of the table: (veille, regex baseline).

    veille finds one when a direct claim has the gold content and speaker; the baseline when
    one of its quotes has the gold content (it names no speaker, so that is all it can do).
    A prediction is right when it is one of the gold quoted attributions of its text.
    """
    gold = [c for c in _cases() if c.direct == "direct"]
    gold_keys = {(c.text, c.content, c.speaker) for c in gold}
    gold_quotes = {(c.text, c.content) for c in gold}
    texts = sorted({c.text for c in _cases()})
    found = right = predicted = 0
    for text in texts:
        for claim in _claims(text):
            if not claim.direct:
                continue
            predicted += 1
            right += (text, text[claim.start : claim.end], claim.speaker or "") in gold_keys
    found = sum(
        any(
            (c.text[k.start : k.end], k.speaker or "") == (c.content, c.speaker)
            for k in _claims(c.text)
            if k.direct
        )
        for c in gold
    )
    veille = Scores(_ratio(found, len(gold)), _ratio(right, predicted))
    base_pred = base_right = 0
    for text in texts:
        for match in _QUOTE.finditer(text):
            a, b = _inner(text, match)
            base_pred += 1
            base_right += (text, text[a:b]) in gold_quotes
    base_found = sum(
        any(c.content == c.text[slice(*_inner(c.text, m))] for m in _QUOTE.finditer(c.text))
        for c in gold
    )
    return veille, Scores(_ratio(base_found, len(gold)), _ratio(base_right, base_pred))


def test_quoted_attributions_score() -> None:
    veille, baseline = score_quotes()
    print(f"quoted attributions: veille R={veille.recall:.2f} P={veille.precision:.2f}")
    print(f"quotation-mark regex: R={baseline.recall:.2f} P={baseline.precision:.2f}")
    assert veille.recall >= 0.9 and veille.precision >= 0.9


def test_table_is_large_enough() -> None:
    cases = _cases()
    assert len({c.text for c in cases}) >= 40
    assert sum(c.direct == "direct" for c in cases) >= 15
