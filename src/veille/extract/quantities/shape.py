"""From numbers to numeric expressions: scale words, ranges, units and money, bounds.

"plus de 3,5 millions de dollars" -> value 3.5e6, bound more_than, unit USD, and the place
where what is counted starts ("dollars"). What is counted is found later
(quantity_counted), when every expression of the text is known.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from veille.extract.quantities.lexicon import Lexicon, norm
from veille.extract.quantities.numbers import Number
from veille.records import Bound

_BOUND_WINDOW = 48  # characters before a number searched for "plus de", "approximately"…
_ATTACHED = ("digits", "words")


@dataclass(frozen=True)
class Draft:
    """A numeric expression: [start, end) spans bound words, number(s) and unit."""

    start: int
    end: int
    value: float
    bound: Bound
    first: Number
    last: Number
    counted_from: int  # where the counted noun phrase may start
    value_max: float | None = None
    unit: str | None = None
    unit_end: int | None = None  # a unit written as words belongs to the counted phrase
    measure: bool = False  # a unit of measure is all that is counted ("6.000 km")
    countable: bool = True  # False after a currency sign: "30 € le kilo" counts no kilo
    scaled: bool = False


@dataclass(frozen=True)
class _Scaled:
    number: Number
    value: float
    end: int
    scaled: bool


def shape(numbers: list[Number], text: str, lex: Lexicon) -> list[Draft]:
    """One draft per expression; range partners are folded into the first number's draft."""
    drafts: list[Draft] = []
    i = 0
    while i < len(numbers):
        first = _scale(numbers[i], text, lex)
        second = _scale(numbers[i + 1], text, lex) if i + 1 < len(numbers) else None
        ranged = _range(first, second, text, lex) if second else None
        i += 2 if ranged else 1
        if ranged is None:
            if first.number.weak and not first.scaled and not _duration_after(first, text, lex):
                continue  # "un", "a" without "million" (or "jour", "an") after it
            draft = _single(first)
        else:
            draft = ranged
        drafts.append(_bounded(_measured(draft, text, lex), text, lex))
    return drafts


_NEXT_WORD = re.compile(r"\s+([^\W\d_]+(?:[-\u2010\u2011][^\W\d_]+)*)")


def _duration_after(scaled: _Scaled, text: str, lex: Lexicon) -> bool:
    """ "une journée", "un an", "a week": "one" counts before a unit of time."""
    match = _NEXT_WORD.match(text, scaled.end)
    return bool(match and norm(match.group(1)) in lex.durations)


def _scale(number: Number, text: str, lex: Lexicon) -> _Scaled:
    """ "3,5 millions" -> 3.5e6; scale abbreviations ("bn", "Md") only next to money."""
    if number.kind not in _ATTACHED:
        return _Scaled(number, number.value, number.end, False)
    match = lex.scale_after.match(text, number.end)
    if match:
        factor = lex.scales[norm(match.group("scale"))]
        return _Scaled(number, number.value * factor, match.end(), True)
    match = lex.abbreviation_after.match(text, number.end)
    if match and _money_around(number.start, match.end(), text, lex):
        factor = lex.abbreviations[match.group("abbr")]
        return _Scaled(number, number.value * factor, match.end(), True)
    return _Scaled(number, number.value, number.end, False)


def _money_around(start: int, end: int, text: str, lex: Lexicon) -> bool:
    before = lex.sign_before.search(text, max(0, start - 6), start)
    after = lex.money_after.match(text, end) or _linked_money(end, text, lex)
    return bool(before or after)


def _linked_money(end: int, text: str, lex: Lexicon) -> re.Match[str] | None:
    link = lex.link_after.match(text, end)
    return lex.money_after.match(text, link.end()) if link else None


def _single(scaled: _Scaled) -> Draft:
    number = scaled.number
    return Draft(
        start=number.start,
        end=scaled.end,
        value=scaled.value,
        bound=number.bound,
        first=number,
        last=number,
        counted_from=scaled.end,
        value_max=number.value_max,
        scaled=scaled.scaled,
    )


def _range(first: _Scaled, second: _Scaled, text: str, lex: Lexicon) -> Draft | None:
    """ "entre 3 et 5", "de 3 à 5", "3 à 5 millions", "3-5", "deux ou trois" -> range."""
    a, b = first.number, second.number
    if a.kind not in _ATTACHED or b.kind not in _ATTACHED or a.kind != b.kind:
        return None
    start = a.start
    opener = lex.range_open.search(text, max(0, a.start - 12), a.start)
    closer = lex.range_close.fullmatch(text, first.end, b.start)
    infix = lex.range_infix.fullmatch(text, first.end, b.start)
    if (
        opener
        and closer
        and lex.range_closers.get(norm(opener.group("open"))) == norm(closer.group("word"))
    ):
        start = opener.start()
    elif not infix or (infix.group("dash") and a.kind != "digits"):
        return None
    low = first.value
    if second.scaled and not first.scaled and a.value < b.value:
        low = a.value * (second.value / b.value)  # "3 à 4 millions": the scale is shared
    elif not first.scaled:
        low = _shared_thousands(a, b, text, lex) or low
    if not low < second.value:
        return None
    return Draft(
        start=start,
        end=second.end,
        value=low,
        bound="range",
        first=a,
        last=b,
        counted_from=second.end,
        value_max=second.value,
        scaled=first.scaled or second.scaled,
    )


def _shared_thousands(a: Number, b: Number, text: str, lex: Lexicon) -> float | None:
    """ "10 à 15.000": the first number of a range shares the thousands of the second."""
    seps = "".join(re.escape(g) for g in lex.groups)
    written = text[b.start : b.end]
    if not seps or not a.plain or a.value >= 1000:
        return None
    if not re.fullmatch(rf"\d{{1,3}}(?:[{seps}]\d{{3}})+", written):
        return None
    groups = sum(1 for ch in written if ch in lex.groups)
    candidate = a.value * 1000**groups
    return candidate if b.value / 10 < candidate < b.value else None


def _measured(draft: Draft, text: str, lex: Lexicon) -> Draft:
    """Unit or currency after the number ("6 %", "50 euros", "3 millions de dollars") or a
    currency sign before it ("$2 million")."""
    linked = draft.scaled or draft.first.vague
    link = lex.link_after.match(text, draft.end) if linked else None
    after_link = link.end() if link else draft.end
    counted_from = after_link
    for pattern, table in ((lex.money_after, lex.money), (lex.unit_after, lex.units)):
        for pos in dict.fromkeys((draft.end, after_link)):
            match = pattern.match(text, pos)
            unit = _unit_of(match, table)
            if match is None or unit is None:
                continue
            if match.lastgroup == "sign":  # "50 €": a sign, nothing counted in it
                return replace(draft, end=match.end(), unit=unit, countable=False)
            return replace(
                draft,
                unit=unit,
                unit_end=match.end(),
                counted_from=match.start(match.lastgroup or 0),
                measure=table is lex.units and unit not in lex.phrase_units,
            )
    sign = lex.sign_before.search(text, max(0, draft.start - 6), draft.start)
    if sign:
        code = lex.money.get(sign.group().strip())
        return replace(draft, start=sign.start(), unit=code, counted_from=counted_from)
    return replace(draft, counted_from=counted_from)


def _unit_of(match: re.Match[str] | None, table: Mapping[str, str]) -> str | None:
    """Unit of a money or unit match: signs and symbols as written, words normalised."""
    if match is None or match.lastgroup is None:
        return None
    written = match.group(match.lastgroup)
    return table.get(norm(written)) if match.lastgroup == "word" else table.get(written)


def _bounded(draft: Draft, text: str, lex: Lexicon) -> Draft:
    """ "plus de", "environ", "jusqu'à", "more than" before the expression. A range keeps its
    bound ("quelque 3 500 à 4 000") and a vague plural its own, but the span takes the words."""
    if draft.first.kind == "vague":
        return draft
    match = lex.bound_before.search(text, max(0, draft.start - _BOUND_WINDOW), draft.start)
    if match is None or match.lastgroup is None:
        return draft
    bound: Bound = "range" if draft.bound == "range" else _as_bound(match.lastgroup)
    return replace(draft, start=match.start(), bound=bound)


def bound_after(draft: Draft, pos: int, text: str, lex: Lexicon) -> tuple[Bound, int] | None:
    """ "300 soldats au moins", "40 or more": a bound written after the expression."""
    if draft.bound != "exact":
        return None
    match = lex.bound_after.match(text, pos)
    if match is None or match.lastgroup is None:
        return None
    return _as_bound(match.lastgroup), match.end()


def _as_bound(name: str) -> Bound:
    bounds: dict[str, Bound] = {"more_than": "more_than", "less_than": "less_than"}
    return bounds.get(name, "about")


def spans(drafts: list[Draft]) -> Iterator[tuple[int, int]]:
    for draft in drafts:
        yield draft.start, draft.end
