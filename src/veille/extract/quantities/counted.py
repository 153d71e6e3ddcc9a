"""What a number counts, and when: the counted noun phrase and the attached time expression.

With a dependency parse, the counted phrase is the noun the number quantifies and its
modifiers ("essais de missiles"), and the time is one of the same clause. Without one (a blank
pipeline), token heuristics stand in: content words after the number (up to a plural head in
English), and a time of the same stretch between commas, or one opening the sentence.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from veille.extract.quantities.lexicon import Lexicon, norm
from veille.records import TimeExpression

Token = Any  # spacy.tokens.Token (spaCy ships no type stubs)
Doc = Any

_NOUNS = frozenset({"NOUN", "PROPN", "X", "SYM"})
_NOMINAL_PARTICIPLES = frozenset({"ADJ", "VERB"})  # "300 blessés", "des milliers de morts"
_NUMBER_DEPS = frozenset({"nummod", "det", "quantmod"})
_NOT_COUNTED_POS = frozenset({"PUNCT", "AUX", "ADP", "CCONJ", "SCONJ", "PRON", "DET", "PART"})
_HEAD_DEPS = frozenset({"amod", "nmod", "flat", "flat:name", "fixed", "compound", "prep"})
_CLAUSES = frozenset(
    {"acl", "acl:relcl", "relcl", "advcl", "parataxis", "ccomp", "csubj", "appos", "punct"}
)
_TRAILING = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PUNCT", "PART"})
_MAX_AFTER_HEAD = 3  # words kept after a head noun guessed without a parse


@dataclass(frozen=True)
class Counted:
    start: int
    end: int
    head: Token  # the head noun (its text is what is compared, its place anchors the time)


class Tokens:
    """Character offsets to tokens, and whether the doc carries a parse and sentences."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text: str = doc.text  # spaCy rebuilds doc.text on every access
        self.starts = [t.idx for t in doc]
        self.parsed = bool(doc.has_annotation("DEP")) and bool(doc.has_annotation("POS"))
        self.sentenced = bool(doc.has_annotation("SENT_START"))

    def at(self, pos: int) -> Token | None:
        """First non-space token starting at or after ``pos``."""
        i = bisect.bisect_left(self.starts, pos)
        while i < len(self.starts) and self.doc[i].is_space:
            i += 1
        return self.doc[i] if i < len(self.starts) else None

    def covering(self, pos: int) -> Token | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.doc[i] if i >= 0 else None

    def sentence(self, token: Token) -> int:
        return int(token.sent.start) if self.sentenced else 0


Stop = Callable[[Token], bool]


def counted_phrase(
    tokens: Tokens,
    pos: int,
    unit_end: int | None,
    lex: Lexicon,
    stop: Stop,
    measure: bool = False,
) -> Counted | None:
    """The counted phrase starting at ``pos`` (right after the number, its scale word and
    "de"/"of"), or None when no noun follows. A unit written as words ("kilomètres à l'heure")
    is always inside it, and is all of it for a unit of measure (``measure``). ``stop`` ends
    the phrase (times, other numbers)."""
    first = tokens.at(pos)
    if (
        first is None
        or stop(first)
        or (first.idx - pos) > 2
        or "\n" in tokens.text[pos : first.idx]
    ):
        return None
    if not any(ch.isalpha() or ch == "%" for ch in first.text):
        return None
    is_unit = unit_end is not None and first.idx < unit_end
    if is_unit and measure and unit_end is not None:
        return Counted(first.idx, unit_end, first)
    if tokens.parsed:
        found = _parsed(first, is_unit, lex, stop, tokens.covering(pos - 1))
    else:
        found = _guessed(first, is_unit, lex, stop)
    if found is None:
        return None
    if unit_end is not None and found.end < unit_end:
        return Counted(found.start, unit_end, found.head)
    return found


def _parsed(
    first: Token, is_unit: bool, lex: Lexicon, stop: Stop, number: Token | None
) -> Counted | None:
    head = first if is_unit else _quantified(number, first) or _head_noun(first, lex)
    if head is None:
        return None
    start = first.idx if lex.left_modifiers else head.idx
    keep = _phrase(head, lex, stop)
    last = head
    for token in head.doc[head.i + 1 :]:
        if token.i not in keep or stop(token):
            break
        last = token
    while last.i > head.i and (last.pos_ in _TRAILING or last.is_punct):
        last = last.doc[last.i - 1]
    return Counted(start, last.idx + len(last.text), head)


def _head_noun(first: Token, lex: Lexicon) -> Token | None:
    """The noun a number counts: past adjectives before it in French ("deux nouveaux
    missiles"), to the end of a compound in English ("missile tests")."""
    token = first
    for _ in range(4):
        if token.pos_ in _NOUNS and not (lex.left_modifiers and _modifies_right(token)):
            return token
        if not _modifies_right(token):
            break
        token = token.head
    if first.pos_ in _NOMINAL_PARTICIPLES and not first.is_stop:
        return first
    return None


def _quantified(number: Token | None, first: Token) -> Token | None:
    """The word the parser says the number quantifies, whatever tag it gave that word
    ("4 sous-marins" tagged as an adverb)."""
    if number is None or number.dep_ not in _NUMBER_DEPS:
        return None
    head = number.head
    if head.i < first.i or head.i - first.i > 3 or head.pos_ in _NOT_COUNTED_POS:
        return None
    between = head.doc[first.i : head.i]
    return head if all(_modifies_right(t) for t in between) else None


def _modifies_right(token: Token) -> bool:
    return bool(
        token.head.i > token.i
        and token.head.i - token.i <= 3
        and token.dep_ in ("amod", "compound", "flat", "flat:name")
    )


def _phrase(head: Token, lex: Lexicon, stop: Stop) -> set[int]:
    """Token indices of the counted phrase to the right of its head: adjectives, names,
    complements introduced by "de", "of"… with what they contain, and bare coordinated nouns
    ("chars et blindés"); no clauses, and no
    complement that holds a time ("au cours des dernières semaines")."""
    keep = {head.i}
    for child in head.rights:
        if _bare_conjunct(child):
            keep.update(_complement(child, lex))  # "300 chars et blindés": both counted
            continue
        if child.dep_ not in _HEAD_DEPS or not _belongs(child, lex, inner=False):
            continue
        inside = _complement(child, lex)
        if not any(stop(head.doc[i]) for i in inside):
            keep.update(inside)
    return keep


def _bare_conjunct(token: Token) -> bool:
    """A noun coordinated to the head without a number or determiner of its own: the same
    number counts it ("300 chars et blindés"); "40 obusiers et 200 missiles" are two counts."""
    return bool(
        token.dep_ == "conj"
        and token.pos_ in ("NOUN", "ADJ")
        and not any(c.dep_ in ("nummod", "det", "case") for c in token.children)
    )


def _complement(token: Token, lex: Lexicon) -> set[int]:
    found = {token.i}
    for child in token.children:
        if child.dep_ in _CLAUSES or not _belongs(child, lex, inner=True):
            continue
        found.update(_complement(child, lex))
    return found


def _belongs(child: Token, lex: Lexicon, inner: bool) -> bool:
    """Adjectives, and complements through a listed preposition ("de", "of"); deeper in the
    phrase also "en" before a bare noun ("mise en orbite")."""
    if child.dep_ == "amod":
        return bool(child.pos_ in _NOMINAL_PARTICIPLES)
    if child.dep_ == "prep":
        return norm(child.text) in lex.counted_links
    if child.dep_ != "nmod":
        return True
    cases = [c for c in child.children if c.dep_ == "case"]
    if not cases:
        return False
    link = norm(cases[0].text)
    if link in lex.counted_links:
        return True
    bare = not any(c.dep_ == "det" for c in child.children)
    return inner and bare and link in lex.inner_links


def _guessed(first: Token, is_unit: bool, lex: Lexicon, stop: Stop) -> Counted | None:
    """Without a parse: content words after the number, and one complement ("de X")."""
    if not is_unit and not _content(first):
        return None
    walk = _compound if lex.left_modifiers else _head_first
    head, last = walk(first, lex, stop)
    link = _next(last)
    if link is not None and norm(link.text) in lex.counted_links:
        after = _next(link)
        if after is not None and not stop(after) and _content(after):
            last = walk(after, lex, stop)[1]
    return Counted(first.idx, last.idx + len(last.text), head)


def _next(token: Token) -> Token | None:
    return token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None


def _compound(first: Token, lex: Lexicon, stop: Stop) -> tuple[Token, Token]:
    """English: modifiers then a plural head ("artillery shells"); a phrase with no plural
    within reach is its first word ("1 tank destroyed")."""
    last = first
    while not _plural(last, lex) and last.i - first.i < 3:
        nxt = _next(last)
        if nxt is None or stop(nxt) or not _content(nxt):
            break
        last = nxt
    if not _plural(last, lex):
        return first, first
    return last, last


def _head_first(first: Token, lex: Lexicon, stop: Stop) -> tuple[Token, Token]:
    """French: the head, then lower-case words after it (adjectives, mostly)."""
    last = first
    while last.i - first.i < _MAX_AFTER_HEAD:
        nxt = _next(last)
        if nxt is None or stop(nxt) or not _content(nxt) or not nxt.is_lower:
            break
        last = nxt
    return first, last


def is_plural(token: Token, tokens: Tokens, lex: Lexicon) -> bool:
    """Whether a counted head is plural: the model's morphology, else the spelling."""
    if tokens.parsed:
        number = token.morph.get("Number")
        if number:
            return "Plur" in number
    return _plural(token, lex) or (not lex.plural_endings and not lex.left_modifiers)


def _plural(token: Token, lex: Lexicon) -> bool:
    word = norm(token.text)
    if word in lex.plural_heads:
        return True
    return token.is_lower and len(word) > 3 and word.endswith(lex.plural_endings)


def _content(token: Token) -> bool:
    """A word that may be counted: letters, not a function word (acronyms like "US" are)."""
    text = token.text
    if not any(ch.isalpha() for ch in text) or token.like_num:
        return False
    return not token.is_stop or (len(text) > 1 and text.isupper())


def attach_time(
    tokens: Tokens,
    anchor: Token | None,
    at: tuple[int, int],
    times: list[TimeExpression],
    lex: Lexicon,
) -> str | None:
    """Value of the time the number is about. With a parse: a time attached to the number's
    own phrase or to the verb of its clause, the syntactically closest first. Without: a time
    of the same stretch between commas, else one that opens the sentence. Durations say how
    long, not when, and are never attached."""
    if anchor is None:
        return None
    candidates = []
    for time in times:
        root = _root(tokens, time)
        if time.type == "DURATION" or root is None:
            continue
        if tokens.sentence(root) != tokens.sentence(anchor):
            continue
        rank = _rank(tokens, anchor, root, at, time, times, lex)
        if rank is not None:
            distance = max(time.start - at[1], at[0] - time.end, 0)
            candidates.append((rank, distance, time.start, time.value))
    return min(candidates)[3] if candidates else None


def _rank(
    tokens: Tokens,
    anchor: Token,
    root: Token,
    at: tuple[int, int],
    time: TimeExpression,
    times: list[TimeExpression],
    lex: Lexicon,
) -> int | None:
    """How close a time is to the number (lower is closer), None if it is not about it."""
    if not tokens.parsed:
        return _stretch_rank(tokens, anchor, at, time)
    if _attachment(root, times, lex).i not in _clause_path(anchor):
        return None
    return _tree_distance(anchor, root)


def _root(tokens: Tokens, time: TimeExpression) -> Token | None:
    span = tokens.doc.char_span(time.start, time.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root if tokens.parsed else span[0]


def _clause_path(token: Token) -> set[int]:
    """The token and its heads up to the verb of its clause (the root if verbless)."""
    path = {token.i}
    while token.head.i != token.i and token.pos_ != "VERB":
        token = token.head
        path.add(token.i)
    return path


def _attachment(root: Token, times: list[TimeExpression], lex: Lexicon) -> Token:
    """Where a time expression hangs in the tree, climbing out of its own words and of
    locutions around it ("au cours des dernières semaines")."""
    token = root
    while token.head.i != token.i and (
        _inside(token.head, times) or norm(token.head.text) in lex.time_heads
    ):
        token = token.head
    return token.head if token.head.i != token.i else token


def _inside(token: Token, times: list[TimeExpression]) -> bool:
    return any(t.start <= token.idx < t.end for t in times)


_COMMAS = frozenset(",;:()[]–—")


def _stretch_rank(
    tokens: Tokens, anchor: Token, at: tuple[int, int], time: TimeExpression
) -> int | None:
    """0 when no comma separates the time from the number, 1 when the time is in the opening
    stretch of the sentence ("In 2022, …"), None otherwise."""
    text = tokens.text
    between = text[at[1] : time.start] if time.start >= at[1] else text[time.end : at[0]]
    if not _COMMAS.intersection(between):
        return 0
    opening = anchor.sent.start_char if tokens.sentenced else 0
    return None if _COMMAS.intersection(text[opening : time.start]) else 1


def _tree_distance(a: Token, b: Token) -> int:
    up_a = [a, *a.ancestors]
    depth = {t.i: d for d, t in enumerate(up_a)}
    for d, t in enumerate([b, *b.ancestors]):
        if t.i in depth:
            return d + depth[t.i]
    return len(up_a) + 100
