"""Lexicons of the numeric-facts stage, one data file per language.

``veille/data/quantities/common.toml`` holds what no language owns (currency signs, unit
symbols, patterns of phone numbers and clock times); ``<language>.toml`` holds the words:
bounds, scale words, vague plurals, currencies, units, labels, ordinal suffixes. Everything is
compiled into regular expressions once per language, so a new language is a new data file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from veille.datafiles import read_toml
from veille.datafiles import table as _table

APOSTROPHES = "'’"
_BOUNDS = ("more_than", "less_than", "about")


@dataclass(frozen=True)
class Lexicon:
    """Compiled lexicon of one language. Patterns anchored ``\\Z`` run on the text before a
    number (``search(text, lo, start)``); the others are matched at a position after it."""

    language: str
    spelled: bool  # number words are read (text2num) only for languages with a data file
    digits: re.Pattern[str]  # a number written with digits, separators and decimals
    decimal: str
    groups: str  # characters that group thousands (before exactly three digits)
    foreign_groups: str  # the decimal sign, read as a group when it cannot be decimal
    one_words: frozenset[str]  # "un", "a": numbers only before a scale word
    one_canonical: str  # the one word text2num reads ("un", "one")
    joiners: frozenset[str]  # "et", "and" inside number words
    scales: Mapping[str, float]  # lower-cased scale word -> factor
    scale_after: re.Pattern[str]  # scale word right after a number
    abbreviation_after: re.Pattern[str]  # "bn", "Md": scales that need money around them
    abbreviations: Mapping[str, float]
    bound_before: re.Pattern[str]  # named groups more_than / less_than / about, end-anchored
    bound_after: re.Pattern[str]
    range_open: re.Pattern[str]  # "entre", "de" before the first number (group "open")
    range_closers: Mapping[str, str]  # opener -> closer ("entre" -> "et")
    range_infix: re.Pattern[str]  # "à", "-", "ou" between two numbers
    range_close: re.Pattern[str]  # "et", "à" after the first number of an enclosed range
    vague: re.Pattern[str]  # "des milliers de": groups det, n1, n2
    vague_determiners: Mapping[str, float]
    vague_nouns: Mapping[str, tuple[float, float]]
    vague_nouns_bare: frozenset[str]  # vague nouns that need no determiner ("thousands")
    approximate: re.Pattern[str]  # "une cinquantaine de": groups noun, n2
    approximate_nouns: Mapping[str, tuple[float, float | None]]
    link_after: re.Pattern[str]  # "de", "d'", "of" between a scale word and what it counts
    sign_before: re.Pattern[str]  # "$", "€", "USD" right before a number
    money_after: re.Pattern[str]  # currency sign, code or word after a number
    money: Mapping[str, str]  # normalised surface -> ISO 4217
    unit_after: re.Pattern[str]  # unit symbol or word after a number
    units: Mapping[str, str]  # normalised surface -> unit
    ordinal_after: re.Pattern[str]
    label_before: re.Pattern[str]
    month_after: re.Pattern[str]  # "13 septembre", "les 7 et 8 septembre"
    month_before: re.Pattern[str]  # "September 13", "septembre 2022"
    year_before: re.Pattern[str]  # "en 2019", "since 2018"
    anaphoric_before: re.Pattern[str]  # "les deux pays"
    excluded: tuple[re.Pattern[str], ...]  # phone numbers, clock times, addresses, idioms
    counted_links: frozenset[str]
    inner_links: frozenset[str]  # only inside a complement, before a bare noun: "mise en orbite"
    plural_heads: frozenset[str]  # without a parse, English plurals that end a compound
    plural_endings: tuple[str, ...]
    not_counted: frozenset[str]
    durations: frozenset[str]
    time_offsets: re.Pattern[str]  # after a duration: "trois jours après", "two weeks ago"
    half: re.Pattern[str]  # after a duration: "une heure et demie", "an hour and a half"
    offset_before: re.Pattern[str]  # before a duration: "il y a trois ans", "dans deux jours"
    time_heads: frozenset[str]  # "cours" in "au cours de": a time hangs through them
    phrase_units: frozenset[str]  # units whose complement is counted too ("% du PIB")
    left_modifiers: bool


def norm(text: str) -> str:
    """Key under which lexicon phrases are looked up: lower case, one apostrophe, one space."""
    text = text.casefold().replace("’", "'")
    return " ".join(text.split())


def phrase_pattern(phrase: str) -> str:
    """Regex for a phrase: flexible spaces, either apostrophe; a trailing apostrophe glues."""
    words = [re.escape(w) for w in phrase.split()]
    body = r"\s+".join(words)
    return re.sub(f"[{APOSTROPHES}]", f"[{APOSTROPHES}]", body)


def _alternation(phrases: Iterable[str]) -> str:
    """Longest phrase first, so that "plus de" is not cut to a shorter entry."""
    unique = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(phrase_pattern(p) for p in unique) or r"(?!x)x"


def _before(phrases: Iterable[str]) -> str:
    """Phrases ending right before a number: a space after words, none after an apostrophe."""
    parts = []
    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
        gap = r"\s*" if phrase[-1] in APOSTROPHES or not phrase[-1].isalnum() else r"\s+"
        parts.append(phrase_pattern(phrase) + gap)
    return "|".join(parts) or r"(?!x)x"


def _start() -> str:
    """A phrase starts a word; an elided article may precede it ("l'article", "d'environ")."""
    return r"(?<!\w)"


def _after_pattern(phrases: list[str]) -> re.Pattern[str]:
    """Phrases right after a position (case-insensitive, on word boundaries)."""
    if not phrases:
        return re.compile(r"(?!x)x")
    words = sorted((re.escape(norm(p)).replace(r"\ ", r"\s+") for p in phrases), key=len)
    return re.compile(rf"\s*(?:{'|'.join(reversed(words))})\b", re.IGNORECASE)


def _before_pattern(phrases: list[str]) -> re.Pattern[str]:
    """Phrases ending right before a position (search with ``endpos``)."""
    if not phrases:
        return re.compile(r"(?!x)x")
    words = sorted((re.escape(norm(p)).replace(r"\ ", r"\s+") for p in phrases), key=len)
    return re.compile(rf"\b(?:{'|'.join(reversed(words))})\s*$", re.IGNORECASE)


def _words(data: Mapping[str, Any], key: str) -> list[str]:
    return [str(w) for w in _table(data, "words").get(key, [])]


def _span(value: Any) -> tuple[float, float]:
    low, high = (value, value) if isinstance(value, int | float) else value
    return float(low), float(high)


def _digits_pattern(decimal: str, groups: str) -> re.Pattern[str]:
    seps = "".join(re.escape(g) for g in dict.fromkeys(groups))
    grouped = rf"\d{{1,3}}(?:[{seps}]\d{{3}}(?!\d))+" if seps else r"(?!x)x"
    decimals = rf"(?:[{re.escape(decimal)}.,]\d+(?![\d]))?"
    return re.compile(rf"(?<![\w.,])(?:{grouped}|\d+){decimals}")


def _vague(
    data: Mapping[str, Any],
) -> tuple[re.Pattern[str], dict[str, float], dict[str, Any], frozenset[str]]:
    vague = _table(data, "vague")
    dets = {norm(k): float(v) for k, v in _table(data, "vague", "determiners").items()}
    nouns = {norm(k): _span(v) for k, v in _table(data, "vague", "nouns").items()}
    after_det = {norm(k): _span(v) for k, v in _table(data, "vague", "after_determiner").items()}
    link = _before(vague.get("link", []))
    det = rf"(?P<det>{_before(dets)})"
    if not vague.get("determiner_required", True):
        det += "?"
    n2 = rf"(?:{link})(?P<n2>{_alternation(nouns)})"
    n1 = _alternation([*nouns, *after_det])
    pattern = rf"(?i){_start()}{det}(?P<n1>{n1})(?:\s+{n2})?(?!\w)"
    bare = frozenset(nouns) if not vague.get("determiner_required", True) else frozenset()
    return re.compile(pattern), dets, {**after_det, **nouns}, bare


def _approximate(data: Mapping[str, Any]) -> tuple[re.Pattern[str], dict[str, Any]]:
    approx = _table(data, "approximate")
    nouns = {norm(k): _span(v) for k, v in _table(data, "approximate", "nouns").items()}
    scale_nouns = list(_table(data, "vague", "nouns")) + list(_table(data, "scales"))
    link = _before(approx.get("link", []))
    pattern = (
        rf"(?i){_start()}(?:{_before(approx.get('articles', []))})(?P<noun>{_alternation(nouns)})"
        rf"(?:\s+(?:{link})(?P<n2>{_alternation(scale_nouns)}))?(?!\w)"
    )
    return re.compile(pattern), nouns


def _literal(items: Iterable[str]) -> str:
    """Case-sensitive alternation of symbols, longest first; never matches when empty."""
    return "|".join(re.escape(s) for s in sorted(items, key=len, reverse=True)) or r"(?!x)x"


def _money(data: Mapping[str, Any]) -> tuple[re.Pattern[str], dict[str, str]]:
    signs = {k: str(v) for k, v in _table(data, "currency_signs").items()}
    words = {norm(k): str(v) for k, v in _table(data, "money").items()}
    sign_alt = _literal(signs)
    pattern = rf"\s*(?:(?P<sign>{sign_alt})(?!\w)|(?i:(?P<word>{_alternation(words)}))(?!\w))"
    return re.compile(pattern), {**signs, **words}


def _units(data: Mapping[str, Any]) -> tuple[re.Pattern[str], dict[str, str]]:
    symbols = {k: str(v) for k, v in _table(data, "unit_symbols").items()}
    words = {norm(k): str(v) for k, v in _table(data, "units").items()}
    symbol_alt = _literal(symbols)
    pattern = (
        rf"\s*(?:(?P<symbol>{symbol_alt})(?![\w²])|(?i:(?P<word>{_alternation(words)}))(?!\w))"
    )
    return re.compile(pattern), {**symbols, **words}


def _bounds(table: Mapping[str, Any], before: bool) -> re.Pattern[str]:
    groups = []
    for bound in _BOUNDS:
        phrases = [str(p) for p in table.get(bound, [])]
        if phrases:
            body = _before(phrases) if before else _alternation(phrases)
            groups.append(f"(?P<{bound}>{body})")
    body = "|".join(groups) or r"(?!x)x"
    if before:
        return re.compile(rf"(?i){_start()}(?:{body})\Z")
    return re.compile(rf"(?i)[ \t\u00a0\u202f]*,?[ \t\u00a0\u202f]*(?:{body})(?!\w)")


def _ranges(
    data: Mapping[str, Any],
) -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str], re.Pattern[str]]:
    table = _table(data, "ranges")
    closers = {norm(o): norm(c) for o, c in table.get("enclosing", [])}
    open_re = re.compile(rf"(?i){_start()}(?P<open>{_before(closers)})\Z")
    close_re = re.compile(rf"(?i)\s+(?P<word>{_alternation(closers.values())})\s+")
    connectors = set(table.get("infix", []))
    words = [c for c in connectors if c[0].isalpha()]
    dashes = "".join(re.escape(c) for c in connectors if not c[0].isalpha())
    parts = [rf"\s+(?P<word>{_alternation(words)})\s+"] if words else []
    if dashes:
        parts.append(rf"\s*(?P<dash>[{dashes}])\s*")
    infix = re.compile(rf"(?i)(?:{'|'.join(parts) or '(?!x)x'})")
    return open_re, closers, infix, close_re


def _label_before(data: Mapping[str, Any], joiners: list[str]) -> re.Pattern[str]:
    """A label, then maybe earlier parts of the same identifier or list: "n° 2023-",
    "résolutions 1718 et "."""
    labels = _alternation(_words(data, "labels"))
    joined = _alternation([*joiners, ",", "&"])
    chain = rf"(?:\d+(?:[-/.]|\s*(?:{joined})\s*))*"
    return re.compile(rf"(?i){_start()}(?:{labels})\s*{chain}\Z")


def _excluded(data: Mapping[str, Any]) -> tuple[re.Pattern[str], ...]:
    patterns = [re.compile(p) for p in _table(data, "excluded").get("patterns", [])]
    idioms = _words(data, "idioms")
    if idioms:
        patterns.append(re.compile(rf"(?i){_start()}(?:{_alternation(idioms)})(?!\w)"))
    streets = _words(data, "streets")
    if streets:  # "37, rue …", "4 bis, avenue …", "10 Downing Street"
        number = r"(?<![\d.,])\d+(?:[-–]\d+)?(?:\s*(?:bis|ter)\b)?,?"
        names = r"(?:[A-Z][\w'’-]*\s+){0,3}"
        patterns.append(re.compile(rf"{number}\s+{names}(?i:{_alternation(streets)})(?!\w)"))
    return tuple(patterns)


def _merge(common: Mapping[str, Any], own: Mapping[str, Any]) -> dict[str, Any]:
    """A language file extends the common tables; its own entries win."""
    merged = dict(common)
    for key, value in own.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@lru_cache(maxsize=16)
def load_lexicon(language: str) -> Lexicon:
    """The lexicon of ``language``; a language without a data file gets the common part only."""
    data = _merge(
        read_toml("quantities", "common.toml"), read_toml("quantities", f"{language}.toml")
    )
    return build_lexicon(language, data)


def build_lexicon(language: str, data: Mapping[str, Any]) -> Lexicon:
    numbers = _table(data, "numbers")
    decimal = str(numbers.get("decimal", "."))
    groups = "".join(str(g) for g in numbers.get("groups", [","]))
    foreign = "".join(str(g) for g in numbers.get("foreign_groups", []))
    scales = {norm(k): float(v) for k, v in _table(data, "scales").items()}
    abbreviations = {str(k): float(v) for k, v in _table(data, "scale_abbreviations").items()}
    vague, determiners, vague_nouns, vague_bare = _vague(data)
    approximate, approximate_nouns = _approximate(data)
    money_after, money = _money(data)
    unit_after, units = _units(data)
    range_open, closers, infix, close = _ranges(data)
    links = set(_table(data, "vague").get("link", [])) | set(
        _table(data, "approximate").get("link", [])
    )
    months = _words(data, "months")
    month_alt = _alternation(months)
    list_sep = _alternation(["et", "and", "au", "à", "to", "ou", "or", ",", "-", "–"])
    suffixes = [str(s) for s in _table(data, "ordinals").get("suffixes", [])]
    return Lexicon(
        language=language,
        spelled="numbers" in data,
        digits=_digits_pattern(decimal, groups + foreign),
        decimal=decimal,
        groups=groups,
        foreign_groups=foreign,
        one_words=frozenset(norm(w) for w in numbers.get("one", [])),
        one_canonical=norm(str((numbers.get("one") or ["one"])[0])),
        joiners=frozenset(norm(w) for w in numbers.get("joiners", [])),
        scales=scales,
        scale_after=re.compile(rf"(?i)\s+(?P<scale>{_alternation(scales)})(?!\w)"),
        abbreviation_after=re.compile(rf"\s?(?P<abbr>{_literal(abbreviations)})(?![^\W\d_])"),
        abbreviations=abbreviations,
        bound_before=_bounds(_table(data, "bounds"), before=True),
        bound_after=_bounds(_table(data, "bounds_after"), before=False),
        range_open=range_open,
        range_closers=closers,
        range_infix=infix,
        range_close=close,
        vague=vague,
        vague_determiners=determiners,
        vague_nouns=vague_nouns,
        vague_nouns_bare=vague_bare,
        approximate=approximate,
        approximate_nouns=approximate_nouns,
        link_after=re.compile(rf"(?i)\s*(?:{_before(links)})" if links else r"(?!x)x"),
        sign_before=re.compile(
            rf"(?<![^\W\d_])(?:{_literal(_table(data, 'currency_signs'))})[ \u00a0\u202f]?\Z"
        ),
        money_after=money_after,
        money=money,
        unit_after=unit_after,
        units=units,
        ordinal_after=re.compile(rf"(?i)(?:{_literal(suffixes)})(?!\w)"),
        label_before=_label_before(data, numbers.get("joiners", [])),
        month_after=re.compile(
            rf"(?i)(?:\s*(?:{list_sep})\s*\d{{1,2}}(?:er|st|nd|rd|th)?)*\s+(?:{month_alt})(?!\w)"
        ),
        month_before=re.compile(rf"(?i){_start()}(?:{month_alt})\s+\Z"),
        year_before=re.compile(
            rf"(?i){_start()}(?:{_alternation(_words(data, 'year_prepositions'))})[\s-]+\Z"
        ),
        anaphoric_before=re.compile(
            rf"(?i){_start()}(?:{_alternation(_words(data, 'anaphoric'))})\s+\Z"
        ),
        excluded=_excluded(data),
        counted_links=frozenset(norm(w) for w in _words(data, "counted_links")),
        inner_links=frozenset(norm(w) for w in _words(data, "inner_links")),
        plural_heads=frozenset(norm(w) for w in _table(data, "counted").get("plural_heads", [])),
        plural_endings=tuple(str(e) for e in _table(data, "counted").get("plural_endings", [])),
        not_counted=frozenset(norm(w) for w in _words(data, "not_counted")),
        durations=frozenset(norm(w) for w in _words(data, "durations")),
        time_offsets=_after_pattern(_words(data, "time_offsets")),
        half=_after_pattern(_words(data, "half")),
        offset_before=_before_pattern(_words(data, "offsets_before")),
        time_heads=frozenset(norm(w) for w in _words(data, "time_heads")),
        phrase_units=frozenset(str(u) for u in _table(data, "counted").get("phrase_units", [])),
        left_modifiers=bool(_table(data, "counted").get("left_modifiers", False)),
    )
