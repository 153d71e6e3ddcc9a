"""Text keys for names: folding that keeps offsets, word keys for phrase lookup, name keys.

``fold`` maps one character to one character (case, diacritics, apostrophes, hyphens, spaces),
so an offset in the folded text is the same offset in the original: matches found on folded
text are spans of the clean text as they are.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SAME = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "`": "'",
    "\u00b4": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
}
_WORD = re.compile(r"\w+|[^\w\s]")
# Joiners inside names that writers use or drop at will: "Kim Jong-un" = "Kim Jong Un".
_JOINERS = frozenset("-'")


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    if ch in _SAME:
        return _SAME[ch]
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base[0] if base else ch


def fold(text: str) -> str:
    """Lower case without diacritics, one apostrophe, one hyphen, plain spaces; same length."""
    return "".join(_fold_char(ch) for ch in text)


def name_key(name: str) -> str:
    """Letters and digits only, folded: "Kim Jong-Un", "kim jong un" and "Kim Jong-un" meet."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded word) for every word and punctuation mark except name joiners."""
    folded = fold(text)
    return [
        (m.start(), m.end(), m.group()) for m in _WORD.finditer(folded) if m.group() not in _JOINERS
    ]


def word_key(text: str) -> tuple[str, ...]:
    """The lookup key of a phrase: its folded words, joiners and spacing ignored."""
    return tuple(w for _, _, w in words(text))


def case_compatible(alias: str, surface: str) -> bool:
    """May ``surface`` (as written) be read as ``alias``?

    Acronyms ("US", "ONU", "U.S.") need the capitals as written; a capitalised alias needs a
    capital first letter ("Nord" is not "nord"); a lower-case alias matches any case.
    """
    letters = [ch for ch in alias if ch.isalpha()]
    if not letters:
        return True
    written = [ch for ch in surface if ch.isalpha()]
    if len(letters) >= 2 and len(letters) <= 6 and all(ch.isupper() for ch in letters):
        return all(ch.isupper() for ch in written)
    if letters[0].isupper():
        return bool(written) and written[0].isupper()
    return True
