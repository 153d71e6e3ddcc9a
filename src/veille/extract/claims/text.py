"""Shared pieces of the claims stage: claim drafts, quotation marks, sentence and paragraph
bounds, and span trimming. Rules (parse or token patterns) produce ``Draft``s; speakers and
stance are settled afterwards on the whole document, then drafts become ``records.Claim``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from veille.extract.claims.lexicon import Lexicon, fold
from veille.records import Stance

Span = tuple[int, int]  # character offsets [start, end) into doc.text

OPENERS = {"«": "»", "“": "”"}
CLOSERS = frozenset({"»", "”", '"'})
# Whitespace inside guillemets is often a no-break space (U+00A0) or a narrow one (U+202F).
SPACES = " \t\n\r\u00a0\u202f\u2009\u2007"
_EDGE = SPACES + ",;:—–-"


@dataclass(eq=False)
class Draft:
    """A claim under construction; compared by identity so that ``parent`` can point at one."""

    start: int
    end: int
    cue_start: int
    cue_end: int
    cue_stance: Stance
    direct: bool = False
    speaker: Span | None = None
    pronoun: tuple[str, str] | None = None  # (gender, number) of a pronoun speaker to resolve
    extra: Span | None = None
    parent: Draft | None = None
    preposition: bool = False  # "selon", "according to": no tense, a conditional is a hedge
    stance: Stance | None = None
    stance_of: Draft | None = None  # "X, cité par Y": Y's claim takes X's stance
    antecedent: bool = False  # "ce que X a démenti": content is the clause before ", ce"
    demonstrative: bool = False  # "ce dernier", "celle-ci": the last one named, in any role


@dataclass(frozen=True)
class Quote:
    start: int  # the opening mark
    end: int  # just after the closing mark
    inner: Span  # the words between the marks, spaces trimmed


def find_quotes(text: str) -> list[Quote]:
    """Top-level quotations: « … », “ … ” and "…", across a paragraph break only when the
    next paragraph reopens the quotation left open (the press's multi-paragraph quote)."""
    quotes: list[Quote] = []
    stack: list[tuple[str, int]] = []
    straight: int | None = None
    resume = -1
    for i, ch in enumerate(text):
        if i < resume:
            continue
        if ch == "\n":
            reopening = _reopening(text, i, stack, straight)
            if reopening is not None:
                resume = reopening + 1  # the quotation goes on in the next paragraph
                continue
            stack.clear()
            straight = None
        elif ch in OPENERS:
            stack.append((ch, i))
        elif ch in ("»", "”"):
            opener = "«" if ch == "»" else "“"
            while stack and stack[-1][0] != opener:
                stack.pop()
            if stack:
                _, at = stack.pop()
                if not stack and straight is None:
                    _add_quote(quotes, text, at, i)
        elif ch == '"' and not stack:
            if straight is None:
                straight = i
            else:
                _add_quote(quotes, text, straight, i)
                straight = None
    return quotes


def _reopening(
    text: str, newline: int, stack: list[tuple[str, int]], straight: int | None
) -> int | None:
    """Offset of the mark that reopens, at the start of the next paragraph, the one quotation
    left open at a line break; None when there is none."""
    if straight is not None and not stack:
        mark = '"'
    elif straight is None and len(stack) == 1:
        mark = stack[0][0]
    else:
        return None
    j = newline
    while j < len(text) and text[j] in SPACES:
        j += 1
    return j if j < len(text) and text[j] == mark else None


def _add_quote(quotes: list[Quote], text: str, opening: int, closing: int) -> None:
    # English puts the comma of '"…," she said' inside the marks: it is no part of the words.
    inner = strip_span(text, opening + 1, closing, SPACES)
    inner = strip_span(text, inner[0], inner[1], SPACES + ",")
    if inner[1] > inner[0]:
        quotes.append(Quote(opening, closing + 1, inner))


def strip_span(text: str, start: int, end: int, chars: str) -> Span:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def trim_content(text: str, start: int, end: int) -> Span:
    """Content without edge spaces, commas or a final full stop, nor an unmatched quote mark."""
    start, end = strip_span(text, start, end, _EDGE)
    while end > start and text[end - 1] in ".…" and text[end - 2 : end] != "..":
        end -= 1
        start, end = strip_span(text, start, end, _EDGE)
    inner = text[start:end]
    if inner[:1] in OPENERS and OPENERS[inner[0]] not in inner[1:]:
        start, end = strip_span(text, start + 1, end, _EDGE)
    inner = text[start:end]
    if inner[-1:] in CLOSERS and inner[-1] != '"':
        opener = "«" if inner[-1] == "»" else "“"
        if opener not in inner[:-1]:
            start, end = strip_span(text, start, end - 1, _EDGE)
    return start, end


@dataclass
class Context:
    """One document under extraction: the spaCy Doc, its lexicon and precomputed bounds."""

    doc: Any  # spacy.tokens.Doc
    lex: Lexicon
    quotes: list[Quote] = field(default_factory=list)
    sent_of: list[int] = field(default_factory=list)  # token index -> sentence number
    sents: list[tuple[int, int]] = field(default_factory=list)  # token ranges [start, end)
    breaks: list[int] = field(default_factory=list)  # offsets of line breaks
    starts: list[int] = field(default_factory=list)  # token start offsets
    words: list[str] = field(default_factory=list)  # folded token texts
    text: str = ""  # doc.text, which spaCy rebuilds on every access
    parsed: bool = False

    @classmethod
    def build(cls, doc: Any, lex: Lexicon) -> Context:
        text = str(doc.text)
        ctx = cls(doc, lex, find_quotes(text), text=text)
        ctx.parsed = lex.dependency and doc.has_annotation("DEP")
        ctx.sents = _sentences(doc, {q.end - 1 for q in ctx.quotes}, {q.start for q in ctx.quotes})
        ctx.sent_of = [0] * len(doc)
        for n, (a, b) in enumerate(ctx.sents):
            for i in range(a, b):
                ctx.sent_of[i] = n
        ctx.breaks = [i for i, ch in enumerate(text) if ch == "\n"]
        ctx.starts = [t.idx for t in doc]
        ctx.words = [fold(t.text) for t in doc]
        return ctx

    def word(self, i: int) -> str:
        return self.words[i] if 0 <= i < len(self.words) else ""

    def sent_range(self, i: int) -> tuple[int, int]:
        return self.sents[self.sent_of[i]]

    def token_at(self, offset: int) -> int:
        """Index of the token at (or just before) a character offset."""
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self.breaks, offset)

    def char_span(self, first: int, last: int) -> Span:
        """Offsets of tokens ``first..last`` (inclusive)."""
        return self.doc[first].idx, self.doc[last].idx + len(self.doc[last].text)

    def quote_closing_at(self, i: int) -> Quote | None:
        """The quotation whose closing mark is token ``i``."""
        if not 0 <= i < len(self.doc):
            return None
        at = self.doc[i].idx
        return next((q for q in self.quotes if q.end - 1 == at), None)

    def quote_opening_at(self, i: int) -> Quote | None:
        if not 0 <= i < len(self.doc):
            return None
        at = self.doc[i].idx
        return next((q for q in self.quotes if q.start == at), None)

    def inside_quote(self, offset: int) -> Quote | None:
        return next((q for q in self.quotes if q.start < offset < q.end - 1), None)

    def in_compound(self, i: int) -> bool:
        """A word glued to a hyphen is part of a compound ("lance-roquettes"), not a verb; a
        subject clitic ("dit-il", "estime-t-on") does not count."""
        doc, tok = self.doc, self.doc[i]
        end = tok.idx + len(tok.text)
        if (
            i > 0
            and doc[i - 1].text.endswith("-")
            and doc[i - 1].idx + len(doc[i - 1].text) == tok.idx
        ):
            return True
        if i + 1 >= len(doc) or doc[i + 1].idx != end or not doc[i + 1].text.startswith("-"):
            return False
        rest = fold(doc[i + 1].text).lstrip("-")
        return rest not in self.lex.pronouns and rest not in ("t", "on", "")

    def skip_spaces_back(self, i: int) -> int:
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        return i

    def clause_start(self, i: int) -> int:
        """First token of the clause ending at token ``i``: the sentence start, or just after
        a colon or semicolon that is not inside a quote."""
        lo = self.sent_range(i)[0] if i < len(self.doc) else 0
        for j in range(i - 1, lo - 1, -1):
            if self.doc[j].text in (":", ";") and self.inside_quote(self.doc[j].idx) is None:
                return j + 1
        return lo

    def sentence_last(self, hi: int) -> int:
        """Last word of a sentence ending before token ``hi`` (no final stop or space)."""
        last = hi - 1
        while last > 0 and (self.doc[last].is_space or self.doc[last].text in ".!?…"):
            last -= 1
        return last

    def after_comma(self, end: int, hi: int) -> tuple[int, int] | None:
        """Tokens after ", " following token ``end``, to the end of the sentence."""
        j = end + 1
        while j < hi and self.doc[j].is_space:
            j += 1
        if j >= hi or self.doc[j].text != ",":
            return None
        last = self.sentence_last(hi)
        return (j + 1, last) if j + 1 <= last else None

    def next_quote(self, end: int) -> Span | None:
        """The second part of a quote split by its attribution: the next quote of the
        paragraph, when only the attribution's own words (no verb, no full stop) lie between."""
        after = self.char_span(end, end)[1]
        for quote in self.quotes:
            if quote.start < after:
                continue
            if self.paragraph(quote.start) != self.paragraph(after):
                return None
            between = self.doc[end + 1 : self.token_at(quote.start)]
            if len(between) > 25 or any(t.text in ".!?" for t in between):
                return None
            if self.parsed and any("Fin" in t.morph.get("VerbForm") for t in between):
                return None
            return quote.inner
        return None

    def is_aside(self, i: int) -> bool:
        """Words after an attribution that are about the speaker, not more content: a relative
        clause or a present participle ("…, a dit X, qui a publié …", "…, ajoutant que …")."""
        tok = self.doc[i]
        if fold(tok.text) in self.lex.relatives:
            return True
        if fold(tok.text) == "en" and i + 1 < len(self.doc):
            tok = self.doc[i + 1]  # a gerund: "…, en ajoutant que …"
        if self.parsed:
            return "Part" in tok.morph.get("VerbForm") and "Pres" in tok.morph.get("Tense")
        return fold(tok.text).endswith(("ing", "ant"))


def split_parts(
    ctx: Context, left: tuple[int, int], right: tuple[int, int] | None
) -> tuple[Span, Span | None]:
    """Content and extra of an attribution in mid-sentence: "A, estiment des analystes, B".

    As for a quote split by its attribution, the content is the part before and the extra the
    part after; words about the speaker after it ("…, a dit X, qui …") are no content at all.
    """
    text = ctx.text
    before = trim_content(text, *_chars(ctx, left))
    if right is None or ctx.is_aside(right[0]):
        return before, None
    after = trim_content(text, *_chars(ctx, right))
    return before, (after if after[1] > after[0] else None)


def _chars(ctx: Context, tokens: tuple[int, int]) -> Span:
    return ctx.char_span(*tokens)


def _sentences(
    doc: Any, closing_marks: set[int], opening_marks: frozenset[int] | set[int] = frozenset()
) -> list[tuple[int, int]]:
    """Sentence token ranges, with a closing quote mark that a model put at the start of the
    next sentence given back to the sentence it closes, and an opening mark left at the end of
    a sentence handed on to the one it opens ('… said. "' + 'The …')."""
    if len(doc) == 0:
        return []
    if doc.has_annotation("SENT_START"):
        bounds = [(s.start, s.end) for s in doc.sents]
    else:
        bounds = _line_sentences(doc)
    fixed: list[tuple[int, int]] = []
    for start, end in _split_lines(doc, _merge_unfinished(doc, bounds)):
        while start < end and doc[start].idx in closing_marks and fixed:
            fixed[-1] = (fixed[-1][0], start + 1)
            start += 1
        if start < end:
            fixed.append((start, end))
    for n in range(len(fixed) - 1):
        start, end = fixed[n]
        moved = end
        while moved - 1 > start and (
            doc[moved - 1].idx in opening_marks or doc[moved - 1].is_space
        ):
            moved -= 1
        if moved < end and doc[moved].idx in opening_marks:
            fixed[n], fixed[n + 1] = (start, moved), (moved, fixed[n + 1][1])
    return _join_asked(doc, fixed, closing_marks)


def _join_asked(
    doc: Any, bounds: list[tuple[int, int]], closing_marks: set[int]
) -> list[tuple[int, int]]:
    """'"Why now?" | she asked.': a quote ending in "?" or "!" and a sentence going on in lower
    case are one sentence."""
    joined: list[tuple[int, int]] = []
    for start, end in bounds:
        if joined and doc[start].text[:1].islower():
            last = joined[-1][1] - 1
            if doc[last].idx in closing_marks and last > 0 and doc[last - 1].text in ("?", "!"):
                joined[-1] = (joined[-1][0], end)
                continue
        joined.append((start, end))
    return joined


_ENDINGS = frozenset({".", "!", "?", "…", ";", ":", "»", "”", '"', ")"})


def _merge_unfinished(doc: Any, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Undo a model's sentence break after a word ("Rome et Berlin | ont démenti …"): a
    sentence goes on unless it ends with a stop, a closing mark or a line break."""
    merged: list[tuple[int, int]] = []
    for start, end in bounds:
        if merged:
            last = merged[-1][1] - 1
            text = doc[last].text
            if not (text in _ENDINGS or "\n" in text or text[-1:] in ".!?"):
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    return merged


def _split_lines(doc: Any, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A line break always ends a sentence (paragraphs, headings, list items)."""
    out = []
    for start, end in bounds:
        for i in range(start, end):
            if "\n" in doc[i].text and i + 1 < end:
                out.append((start, i + 1))
                start = i + 1
        out.append((start, end))
    return out


def _line_sentences(doc: Any) -> list[tuple[int, int]]:
    """Without a sentencizer: sentences end at '.', '!', '?' or a line break."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for tok in doc:
        if tok.text in (".", "!", "?") or "\n" in tok.text:
            bounds.append((start, tok.i + 1))
            start = tok.i + 1
    if start < len(doc):
        bounds.append((start, len(doc)))
    return bounds
