"""Multi-word phrases on one Doc: triggers ("se rendre à"), stop phrases ("en échange de") and
continuation cues ("lors de cette visite"), matched through an index of the Doc's words built
once, so that a phrase costs a look-up rather than a scan of the text."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["PhraseMatcher", "phrase_words", "span_text"]

_WORD = re.compile(r"[^\s'’]+['’]?")


def phrase_words(text: str) -> tuple[str, ...]:
    """A phrase of a data file as token-like words: "à l'appui de" -> à, l', appui, de."""
    return tuple(w.replace("’", "'") for w in _WORD.findall(text.lower()))


def span_text(doc: Any, start: int, end: int) -> str:
    """The text of a character span on token boundaries, without joining the whole Doc."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return str(span.text) if span is not None else ""


class PhraseMatcher:
    """The words each token may stand for (lemma, form …), indexed by word."""

    def __init__(self, doc: Any, words_of: Callable[[Any], Iterable[str]]) -> None:
        self.doc = doc
        self.words = [frozenset(words_of(token)) for token in doc]
        self.index: dict[str, list[int]] = defaultdict(list)
        for i, words in enumerate(self.words):
            for word in words:
                self.index[word].append(i)

    def starts(self, first: Iterable[str]) -> list[int]:
        return sorted({i for word in first for i in self.index.get(word, ())})

    def gapped(self, words: tuple[frozenset[str], ...], max_gap: int) -> list[list[int]]:
        """Matches of words in order, at most ``max_gap`` tokens apart, within a clause
        (no punctuation, no sentence start in between)."""
        found = []
        for start in self.starts(words[0]):
            match = [start]
            for alternatives in words[1:]:
                nxt = self._next(match[-1], alternatives, max_gap)
                if nxt is None:
                    break
                match.append(nxt)
            else:
                found.append(match)
        return found

    def covered(self, phrases: Iterable[tuple[str, ...]]) -> set[int]:
        """Token indices inside an exact occurrence of one of the phrases."""
        covered: set[int] = set()
        n_tokens = len(self.words)
        for phrase in phrases:
            n = len(phrase)
            for i in self.index.get(phrase[0], ()):
                if i + n <= n_tokens and all(phrase[k] in self.words[i + k] for k in range(n)):
                    covered.update(range(i, i + n))
        return covered

    def ends(self, phrases: Iterable[tuple[str, ...]]) -> list[int]:
        """Token indices where an exact occurrence of one of the phrases ends, sorted."""
        found = set()
        n_tokens = len(self.words)
        for phrase in phrases:
            n = len(phrase)
            for i in self.index.get(phrase[0], ()):
                if i + n <= n_tokens and all(phrase[k] in self.words[i + k] for k in range(n)):
                    found.add(i + n - 1)
        return sorted(found)

    def _next(self, after: int, alternatives: frozenset[str], max_gap: int) -> int | None:
        doc = self.doc
        for i in range(after + 1, min(after + 2 + max_gap, len(doc))):
            if alternatives & self.words[i]:
                return i
            if doc[i].is_punct or doc[i].is_sent_start:
                return None
        return None
