"""Numbers that are not numeric facts: parts of dates and times, ordinals, names of models and
resolutions, phone numbers, anaphoric "les deux", frequencies and years. A duration stated as a
fact ("la visite a duré trois jours", "une journée") is a count of its unit, kept.

``is_fact_number`` judges a number from the characters around it, before it is shaped into an
expression; ``is_fact`` judges a finished expression, once what it counts is known.
"""

from __future__ import annotations

import bisect
import re

from veille.extract.quantities.lexicon import Lexicon, norm
from veille.extract.quantities.numbers import Number
from veille.extract.quantities.shape import Draft

_LOOKBACK = 40  # characters before a number searched for labels, months, determiners
_GLUED_LETTERS = re.compile(r"[^\W\d_]+")
_HYPHENED_WORD = re.compile(r"[-‐‑][^\W\d_]")
_YEARS = (1000, 2100)


class Blocked:
    """Character spans where no number may be taken (times, phone numbers, idioms…)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self._starts = [s for s, _ in merged]
        self._spans = merged

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self._spans[i][1] > start


def blocked_spans(text: str, lex: Lexicon, times: list[tuple[int, int]]) -> Blocked:
    spans = list(times)
    for pattern in lex.excluded:
        spans.extend(m.span() for m in pattern.finditer(text) if m.end() > m.start())
    return Blocked(spans)


def is_fact_number(number: Number, text: str, lex: Lexicon, blocked: Blocked) -> bool:
    if blocked.overlaps(number.start, number.end):
        return False
    if number.kind == "digits" and not _free_digits(number, text, lex):
        return False
    lo = max(0, number.start - _LOOKBACK)
    if number.spelled and lex.anaphoric_before.search(text, lo, number.start):
        return False  # "les deux pays" points back to them
    return not _in_date(number, text, lex)


def _free_digits(number: Number, text: str, lex: Lexicon) -> bool:
    """Digits not glued to a name ("Su-35", "A320", "95MS"), not ordinal ("70e"), not after a
    label ("résolution 1718")."""
    before = text[number.start - 1] if number.start else " "
    if before.isalpha() or (before in "-‐‑" and _letter_before(text, number.start - 1)):
        return False
    if lex.ordinal_after.match(text, number.end):
        return False
    glued = _GLUED_LETTERS.match(text, number.end)
    if glued and not _known_suffix(text, number.end, lex):
        return False
    if _HYPHENED_WORD.match(text, number.end):
        return False  # "30-minute", "20-year-old": a modifier, not a count
    lo = max(0, number.start - _LOOKBACK)
    return not lex.label_before.search(text, lo, number.start)


def _letter_before(text: str, pos: int) -> bool:
    return pos > 0 and text[pos - 1].isalpha()


def _known_suffix(text: str, pos: int, lex: Lexicon) -> bool:
    """Letters glued after digits that are a unit, a currency or a scale: "50km", "3bn"."""
    return bool(
        lex.unit_after.match(text, pos)
        or lex.money_after.match(text, pos)
        or lex.abbreviation_after.match(text, pos)
        or lex.scale_after.match(text, pos)
    )


def _in_date(number: Number, text: str, lex: Lexicon) -> bool:
    """ "13 septembre", "les 7 et 8 septembre", "September 13", "septembre 2022"."""
    if lex.month_after.match(text, number.end):
        return True
    return bool(lex.month_before.search(text, max(0, number.start - 16), number.start))


def is_fact(draft: Draft, head: str | None, plural: bool, text: str, lex: Lexicon) -> bool:
    """A finished expression, with the head word of what it counts (None if nothing) and
    whether that head is plural."""
    if head is not None and norm(head) in lex.not_counted:
        return False  # "deux fois" is a frequency ("deux jours" is a duration: a count of days)
    if draft.unit is not None:
        return True
    if head is None and (draft.first.spelled or draft.bound == "exact"):
        return False  # a bare number: a score, an address, a name, or a count too vague
    lo = max(0, draft.first.start - _LOOKBACK)
    after_preposition = lex.year_before.search(text, lo, draft.first.start)
    if draft.first.plain and after_preposition and (head is None or _year_like(draft.first)):
        return False  # "en 2019", "depuis 2018", "les années 90"
    # "2019 summit", "1950-1953": years, not counts
    return not (_year_like(draft.first) and (not plural or _year_like(draft.last)))


def _year_like(number: Number) -> bool:
    return (
        number.kind == "digits"
        and number.plain
        and len(text_digits := str(int(number.value))) == 4
        and _YEARS[0] <= int(text_digits) <= _YEARS[1]
    )
