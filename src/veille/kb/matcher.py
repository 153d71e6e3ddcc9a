"""Phrase lookup over folded words: every occurrence of every phrase, with exact offsets.

Matching on folded words (not spaCy tokens) makes "Kim Jong-Un", "Kim Jong-un" and
"Kim Jong Un", or "Etats-Unis" and "États-Unis", one phrase whatever the tokenizer does with
them; ``case_compatible`` then keeps "US" from matching "us".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from veille.kb.text import case_compatible, word_key, words

T = TypeVar("T")


@dataclass(frozen=True)
class Hit(Generic[T]):
    start: int
    end: int
    alias: str  # the phrase as listed, e.g. "Corée du Nord"
    value: T


class PhraseIndex(Generic[T]):
    """Phrases (with a value each) found in texts; one phrase may carry several values."""

    def __init__(self, phrases: Iterable[tuple[str, T]] = ()) -> None:
        self._table: dict[tuple[str, ...], list[tuple[str, T]]] = {}
        self._prefixes: set[tuple[str, ...]] = set()
        self._longest = 0
        for phrase, value in phrases:
            self.add(phrase, value)

    def add(self, phrase: str, value: T) -> None:
        key = word_key(phrase)
        if not key:
            return
        bucket = self._table.setdefault(key, [])
        if (phrase, value) not in bucket:
            bucket.append((phrase, value))
        for n in range(1, len(key) + 1):
            self._prefixes.add(key[:n])
        self._longest = max(self._longest, len(key))

    def lookup(self, phrase: str) -> list[tuple[str, T]]:
        """Values of a phrase given whole (no case check): for names found by other means."""
        return list(self._table.get(word_key(phrase), ()))

    def find(self, text: str) -> list[Hit[T]]:
        """Every (possibly overlapping) occurrence, in order of start then length."""
        tokens = words(text)
        hits: list[Hit[T]] = []
        seen: set[tuple[int, int, T]] = set()
        for i in range(len(tokens)):
            key: tuple[str, ...] = ()
            for j in range(i, min(len(tokens), i + self._longest)):
                key = (*key, tokens[j][2])
                if key not in self._prefixes:
                    break
                for alias, value in self._table.get(key, ()):
                    start, end = tokens[i][0], tokens[j][1]
                    if (start, end, value) not in seen and case_compatible(alias, text[start:end]):
                        seen.add((start, end, value))
                        hits.append(Hit(start, end, alias, value))
        return hits
