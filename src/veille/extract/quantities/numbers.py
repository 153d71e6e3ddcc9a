"""Numbers as written: digits, number words, vague plurals and approximate nouns.

Scanning works on the characters of the text, not on spaCy tokens, because tokenizers split
"1 000" or "12.000" differently; the parse is used later, for what is counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from text_to_num import text2num

from veille.extract.quantities.lexicon import Lexicon, norm
from veille.records import Bound

Kind = Literal["digits", "words", "vague", "approximate"]

_WORD = re.compile(r"[^\W\d_]+(?:[-‐‑][^\W\d_]+)*")
_HYPHENS = re.compile(r"[-‐‑]")
_MAX_RUN = 12  # number words in one number; longer runs are cut (and stay cheap)


@dataclass(frozen=True)
class Number:
    """One number in the text, before bounds, units and what it counts are looked at."""

    start: int
    end: int
    value: float
    kind: Kind
    value_max: float | None = None
    bound: Bound = "exact"
    plain: bool = False  # digits only: no separator, no decimals (years, identifiers)
    weak: bool = False  # "un", "a": a number only if a scale word follows

    @property
    def spelled(self) -> bool:
        return self.kind == "words"

    @property
    def vague(self) -> bool:
        """Vague plurals and approximate nouns take "de"/"of" before what they count."""
        return self.kind in ("vague", "approximate")


def scan_numbers(text: str, lex: Lexicon) -> list[Number]:
    """Every number of ``text``, sorted and non-overlapping; vague phrases win over the
    digits or words inside them."""
    found: list[Number] = []
    taken: list[tuple[int, int]] = []
    for number in [
        *_approximate(text, lex),
        *_vague(text, lex),
        *_digits(text, lex),
        *_words(text, lex),
    ]:
        if not any(s < number.end and number.start < e for s, e in taken):
            found.append(number)
            taken.append((number.start, number.end))
    return sorted(found, key=lambda n: n.start)


def parse_digits(written: str, lex: Lexicon) -> float:
    """Value of digits as written: "12 000", "12.000", "12,000" (en), "10,8" (fr); in French
    also "12,000" and "1,250,000" from English-style copy: the decimal comma is read as a
    thousands group when it cannot be a decimal (several groups, or three digits ending in a
    zero: a French decimal has no trailing zero)."""
    foreign = _foreign_grouping(written, lex)
    if foreign is not None:
        return foreign
    seps = "".join(re.escape(g) for g in lex.groups)
    grouped = rf"\d{{1,3}}(?:[{seps}]\d{{3}})+" if seps else r"(?!x)x"
    match = re.fullmatch(rf"({grouped}|\d+)(?:[.,](\d+))?", written)
    if match is None:
        return float(re.sub(r"\D", "", written) or 0)
    whole = re.sub(r"\D", "", match.group(1))
    return float(f"{whole}.{match.group(2)}") if match.group(2) else float(whole)


def _foreign_grouping(written: str, lex: Lexicon) -> float | None:
    for sep in lex.foreign_groups:
        parts = written.split(sep)
        if len(parts) < 2 or not all(p.isdigit() for p in parts):
            continue
        if len(parts[0]) > 3 or any(len(p) != 3 for p in parts[1:]):
            continue
        if len(parts) > 2 or parts[-1].endswith("0"):
            return float("".join(parts))
    return None


def _digits(text: str, lex: Lexicon) -> Iterator[Number]:
    for match in lex.digits.finditer(text):
        written = match.group()
        yield Number(
            match.start(),
            match.end(),
            parse_digits(written, lex),
            "digits",
            plain=written.isdigit(),
        )


def _vague(text: str, lex: Lexicon) -> Iterator[Number]:
    """ "des milliers", "des dizaines de milliers", "thousands", "several hundred" -> range."""
    for match in lex.vague.finditer(text):
        det = match.group("det")
        multiplier = lex.vague_determiners.get(norm(det), 1.0) if det else 1.0
        n1 = norm(match.group("n1"))
        if det is None and n1 not in lex.vague_nouns_bare:
            continue
        low, high = lex.vague_nouns[n1]
        if match.group("n2"):
            unit = lex.vague_nouns[norm(match.group("n2"))][0]
            low, high = low * unit, (high + 1) * unit - 1
        yield Number(match.start(), match.end(), low * multiplier, "vague", high, "range")


def _approximate(text: str, lex: Lexicon) -> Iterator[Number]:
    """ "une cinquantaine", "une centaine de milliers", "a handful" -> about."""
    for match in lex.approximate.finditer(text):
        low, high = lex.approximate_nouns[norm(match.group("noun"))]
        factor = 1.0
        if match.group("n2"):
            n2 = norm(match.group("n2"))
            factor = lex.scales.get(n2) or lex.vague_nouns.get(n2, (1.0, 1.0))[0]
        top = high * factor if high is not None and high != low else None
        yield Number(match.start(), match.end(), low * factor, "approximate", top, "about")


@lru_cache(maxsize=4096)
def _word_value(word: str, language: str) -> float | None:
    """Value of one number word ("trois", "vingt-cinq"), None for any other word."""
    try:
        return float(text2num(word, language))
    except Exception:  # text2num raises ValueError and others on non-numbers and languages
        return None


def _word_class(word: str, lex: Lexicon) -> str:
    key = norm(word)
    if key in lex.scales:
        return "other"  # scale words are applied by the assembler, after digits or words
    if key in lex.one_words:
        return "one"
    if key in lex.joiners:
        return "joiner"
    parts = _HYPHENS.split(key)
    if all(
        p in lex.joiners or p in lex.one_words or _word_value(p, lex.language) is not None
        for p in parts
    ):
        return "number" if _word_value(parts[0], lex.language) is not None else "other"
    return "other"


def _runs(text: str, lex: Lexicon) -> Iterator[list[tuple[re.Match[str], str]]]:
    """Maximal runs of number words separated by spaces only."""
    run: list[tuple[re.Match[str], str]] = []
    for match in _WORD.finditer(text):
        kind = _word_class(match.group(), lex)
        joined = bool(run) and text[run[-1][0].end() : match.start()].strip() == ""
        if kind == "other" or not joined or len(run) >= _MAX_RUN:
            if run:
                yield run
            run = []
        if kind != "other":
            run.append((match, kind))
    if run:
        yield run


def _words(text: str, lex: Lexicon) -> Iterator[Number]:
    if not lex.spelled:
        return
    for run in _runs(text, lex):
        yield from _run_numbers(run, lex)


def _run_numbers(run: list[tuple[re.Match[str], str]], lex: Lexicon) -> Iterator[Number]:
    """Longest prefixes of a run that text2num reads, one after the other."""
    i = 0
    while i < len(run):
        for j in range(len(run), i, -1):
            part = run[i:j]
            if part[0][1] == "joiner" or part[-1][1] == "joiner":
                continue
            words = [lex.one_canonical if k == "one" else norm(m.group()) for m, k in part]
            value = _word_value(" ".join(words), lex.language)
            if value is None:
                continue
            weak = all(k == "one" for _, k in part)
            yield Number(part[0][0].start(), part[-1][0].end(), value, "words", weak=weak)
            i = j
            break
        else:
            i += 1
