"""Removal of the page furniture that plain-text copies of web pages carry.

Everything here is a general rule: regexes from the lexicon files (``data/boilerplate``)
for kinds of lines ("Lire aussi …", share bars, comment forms, cookie banners, credits),
plus a few structural rules for plain-text pages:

1. line rules: stamp lines (kept as date evidence), Unix timestamps, hashtag lines,
   ``[line]`` regexes, ``[block]`` headings with the related headlines under them, and
   ``[suffix]`` credits at line ends;
2. the headline: a line repeated identically near the top (or equal to the known title) is
   the title and every copy leaves the text;
3. the page header (plain text only): short lines before the first body paragraph; the
   first, when it is a short name before the headline, is the outlet;
4. the page footer (plain text only): a blank-line-separated block of short non-sentence
   lines after the last paragraph;
5. datelines (``[prefix]``) at paragraph starts: the prefix goes, the sentence stays.

Removal only deletes ranges of the input, so the result comes with an index back into it.
Mid-article subheadings are kept: only the header and the footer are judged by shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from veille.clean.lexicon import Lexicon, load_lexicon
from veille.clean.normalize import normalize_inline
from veille.clean.stamps import Stamp, parse_stamp_line

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'»”’)\]]*$")
_STATEMENT_END = re.compile(r"[.…:;][\"'»”’)\]]*$")  # headlines may end in ? or !, not in .
_PERIOD_END = re.compile(r"[.…][\"'»”’)\]]*$")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_HASHTAG_SHARE = 0.5  # a line is a hashtag line when more than half its tokens are #tags
_TITLE_WINDOW = 12  # a repeated headline is looked for among the first lines
_TITLE_MAX_WORDS = 30
_SITE_MAX_WORDS = 4
_SHORT_WORDS = 12  # footer lines and related headlines are at most this long
_PROSE_WORDS = 6  # a body paragraph: this many words and a sentence end …
_LONG_WORDS = 25  # … or this many words whatever its end (a paragraph cut off)
# One-to-one replacements (offsets stay valid) so regexes can be written with plain
# apostrophes and spaces.
_MATCH_KEY = str.maketrans(
    {"\u2019": "'", "\u02bc": "'", "\u2018": "'", "\t": " ", "\u00a0": " ", "\u202f": " "}
)


@dataclass(frozen=True)
class Stripped:
    """The text with furniture removed and what was learnt on the way."""

    text: str
    index: tuple[int, ...]  # position in the input of each character of ``text``
    removed: tuple[str, ...] = ()
    title: str | None = None
    outlet: str | None = None
    stamps: tuple[Stamp, ...] = ()
    place: str | None = None  # dateline place, e.g. "TOKYO"


@dataclass
class _Line:
    start: int  # offset of the first character of the line in the input
    end: int  # offset of its end, before the newline
    stop: int  # offset after the newline (== end for the last line)
    raw: str
    lead: int  # characters of leading whitespace
    key: str  # the line trimmed, with one-to-one typographic replacements
    removed: bool = False
    cut_from: int | None = None  # suffix removal: absolute offset where the cut starts
    cut_to: int | None = None  # prefix removal: absolute offset where the kept text starts

    @property
    def blank(self) -> bool:
        return not self.key

    @cached_property
    def words(self) -> int:
        return len(_WORD.findall(self.key))

    @cached_property
    def ident(self) -> str:
        """Identity for repeated lines: same words, same typography, spacing aside."""
        return normalize_inline(self.key)


@dataclass
class _State:
    lines: list[_Line]
    removed: list[tuple[int, str]] = field(default_factory=list)  # (offset, text)
    stamps: list[Stamp] = field(default_factory=list)
    title: str | None = None
    outlet: str | None = None
    place: str | None = None

    def drop(self, line: _Line) -> None:
        if not line.removed:
            line.removed = True
            self.removed.append((line.start, line.raw.strip()))

    def kept(self) -> list[_Line]:
        return [line for line in self.lines if not line.blank and not line.removed]


def strip_boilerplate(text: str, *, plain: bool = True, title: str | None = None) -> Stripped:
    """Furniture removed from ``text``; ``plain`` enables the header and footer rules."""
    lexicon = load_lexicon()
    state = _State(_split(text))
    _apply_line_rules(state, lexicon)
    _apply_suffixes(state, lexicon)
    _remove_headline(state, title, plain=plain)
    if plain:
        _remove_header(state)
        _remove_footer(state, text)
    _apply_prefixes(state, lexicon)
    kept, index = _assemble(text, state.lines)
    return Stripped(
        text=kept,
        index=tuple(index),
        removed=tuple(text for _, text in sorted(state.removed)),  # in reading order
        title=state.title,
        outlet=state.outlet,
        stamps=tuple(state.stamps),
        place=state.place,
    )


def is_prose(key: str) -> bool:
    """A body paragraph rather than a headline, a label or a menu entry."""
    words = len(_WORD.findall(key))
    return words >= _LONG_WORDS or (words >= _PROSE_WORDS and bool(_SENTENCE_END.search(key)))


def _split(text: str) -> list[_Line]:
    lines: list[_Line] = []
    start = 0
    while start <= len(text):
        newline = text.find("\n", start)
        end = len(text) if newline < 0 else newline
        raw = text[start:end]
        stripped = raw.lstrip()
        lines.append(
            _Line(
                start=start,
                end=end,
                stop=end if newline < 0 else end + 1,
                raw=raw,
                lead=len(raw) - len(stripped),
                key=stripped.rstrip().translate(_MATCH_KEY),
            )
        )
        if newline < 0:
            break
        start = newline + 1
    return lines


# 1. line rules -------------------------------------------------------------------------


def _apply_line_rules(state: _State, lexicon: Lexicon) -> None:
    in_block = False  # under a "Related" heading: short lines are other stories' headlines
    block_seen = 0
    for line in state.lines:
        if line.blank:
            if in_block and block_seen:
                in_block = False
            continue
        if in_block:
            if _is_short(line):
                state.drop(line)
                block_seen += 1
                continue
            in_block = False
        stamps = parse_stamp_line(line.key)
        if stamps is not None:
            state.stamps.extend(stamps)
            state.drop(line)
        elif _is_hashtag_line(line.key) or _full_match(lexicon.line, line.key):
            state.drop(line)
        elif _full_match(lexicon.block, line.key):
            state.drop(line)
            in_block, block_seen = True, 0


def _is_hashtag_line(key: str) -> bool:
    tokens = key.split()
    tags = sum(1 for token in tokens if token.startswith("#") and len(token) > 1)
    return bool(tokens) and tags / len(tokens) > _HASHTAG_SHARE


def _full_match(patterns: tuple[re.Pattern[str], ...], key: str) -> bool:
    return any(pattern.fullmatch(key) for pattern in patterns)


def _apply_suffixes(state: _State, lexicon: Lexicon) -> None:
    for line in state.kept():
        for pattern in lexicon.suffix:
            match = pattern.search(line.key)
            if match is None:
                continue
            if not line.key[: match.start()].strip():
                state.drop(line)  # the whole line is a credit
            else:
                line.cut_from = line.start + line.lead + match.start()
                state.removed.append((line.cut_from, line.key[match.start() :].strip()))
            break


# 2. headline ---------------------------------------------------------------------------


def _remove_headline(state: _State, known: str | None, *, plain: bool) -> None:
    """Lines identical to the title leave the text; a repeated top line is the title."""
    kept = state.kept()
    counts: dict[str, int] = {}
    for line in kept:
        counts[line.ident] = counts.get(line.ident, 0) + 1
    target = normalize_inline(known) if known else None
    if target is None or target not in counts:
        for line in kept[:_TITLE_WINDOW]:
            if counts[line.ident] > 1 and _is_headline(line):
                state.title = normalize_inline(line.raw)
                target = line.ident
                break
    if target is None:
        return
    first = next((i for i, line in enumerate(kept) if line.ident == target), None)
    if first is None:
        return
    if plain and first > 0 and _is_site_name(state, kept[0]):
        state.outlet = normalize_inline(kept[0].raw)
        state.drop(kept[0])
    for line in kept:
        if line.ident == target:
            state.drop(line)


def _is_headline(line: _Line) -> bool:
    return 0 < line.words <= _TITLE_MAX_WORDS and _STATEMENT_END.search(line.key) is None


def _is_site_name(state: _State, line: _Line) -> bool:
    """The page's first line, a short name: the site. (A later short line is a menu entry.)"""
    first = next((other for other in state.lines if not other.blank), None)
    return (
        line is first
        and 0 < line.words <= _SITE_MAX_WORDS
        and _SENTENCE_END.search(line.key) is None
    )


# 3 and 4. header and footer of a plain-text page ---------------------------------------


def _remove_header(state: _State) -> None:
    kept = state.kept()
    first = next((i for i, line in enumerate(kept) if _starts_body(line)), None)
    if not first:  # no body paragraph at all, or the page starts with one
        return
    header = kept[:first]
    if _hard_wrapped(kept):  # a paragraph's first lines, wrapped at a fixed width, stay
        while header and header[-1].stop == kept[len(header)].start:
            header.pop()
        if not header:
            return
    if state.title is None:
        site = header[0] if len(header) > 1 and _is_site_name(state, header[0]) else None
        if site is not None and state.outlet is None:
            state.outlet = normalize_inline(site.raw)
        candidates = [line for line in header if line is not site and line.words >= 3]
        if candidates:
            state.title = normalize_inline(max(candidates, key=lambda line: line.words).raw)
    for line in header:
        state.drop(line)


def _hard_wrapped(lines: list[_Line]) -> bool:
    """Text wrapped at a fixed width (wire copy saved as plain text): many lines go on in
    the next one, which starts in lower case with no blank line between."""
    runs_on = sum(
        1
        for a, b in pairwise(lines)
        if a.stop == b.start and b.key[:1].islower() and not _STATEMENT_END.search(a.key)
    )
    return runs_on >= 3 and runs_on * 4 >= len(lines)


def _remove_footer(state: _State, text: str) -> None:
    kept = state.kept()
    last = max((i for i, line in enumerate(kept) if is_prose(line.key)), default=None)
    if last is None:
        return
    tail = kept[last + 1 :]
    short = len(tail)
    while short > 0 and _is_short(tail[short - 1]):
        short -= 1
    footer = tail[short:]
    if not footer:
        return
    before = kept[last + short]  # the last line that stays
    separated = text[before.stop : footer[0].start] != ""  # blank or removed lines between
    if separated or not _BLANK_LINE.search(text):  # no blank lines anywhere: cannot ask
        for line in footer:
            state.drop(line)


def _is_short(line: _Line) -> bool:
    """A menu entry, a label, a headline: few words and no sentence end.

    A closing "Et maintenant ?" is the article's; questions in page footers ("Qui
    sommes-nous ?") are left to the lexicon.
    """
    return line.words <= _SHORT_WORDS and _SENTENCE_END.search(line.key) is None


def _starts_body(line: _Line) -> bool:
    """Header lines are names, headlines and labels; a sentence ends the header."""
    return is_prose(line.key) or _PERIOD_END.search(line.key) is not None


# 5. datelines --------------------------------------------------------------------------


def _apply_prefixes(state: _State, lexicon: Lexicon) -> None:
    kept = state.kept()
    starts = {line.start for line in kept}
    for line in kept:
        # a paragraph wrapped at a fixed width has its dateline on a line that runs on
        if not is_prose(line.key) and line.stop not in starts:
            continue
        for pattern in lexicon.prefix:
            match = pattern.match(line.key)
            if match is None or match.end() >= len(line.key):
                continue
            line.cut_to = line.start + line.lead + match.end()
            state.removed.append((line.start, line.key[: match.end()].strip()))
            place = match.groupdict().get("place")
            if place and state.place is None:
                state.place = place.strip()
            break


# assembly ------------------------------------------------------------------------------


def _assemble(text: str, lines: list[_Line]) -> tuple[str, list[int]]:
    """The kept characters and their positions in ``text``."""
    pieces: list[str] = []
    index: list[int] = []
    for line in lines:
        if line.removed:
            continue
        start = line.cut_to if line.cut_to is not None else line.start
        end = line.cut_from if line.cut_from is not None else line.end
        for lo, hi in ((start, end), (line.end, line.stop)):  # the text, then its newline
            if hi > lo:
                pieces.append(text[lo:hi])
                index.extend(range(lo, hi))
    return "".join(pieces), index
