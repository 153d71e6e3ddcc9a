"""Unicode and typography normalisation that keeps the way back to the original offsets.

Kept on purpose: guillemets « » and curly double quotes “ ” (claim extraction needs them),
single newlines, and paragraph breaks (``\\n\\n``).

Three passes, each returning its text with an index (see ``offsets``):
1. characters: zero-width/format characters and soft hyphens dropped, typographic
   apostrophes -> ``'``, exotic spaces -> `` ``, line separators -> ``\\n``;
2. spacing: runs of spaces collapsed, spaces at line ends dropped, 3+ newlines -> 2;
3. NFC, composed cluster by cluster so each output character still points into the input.
"""

from __future__ import annotations

import unicodedata

_DELETE = frozenset(
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_APOSTROPHES = "\u2019\u02bc"
_NEWLINES = "\r\u2028\u2029\x85"
_KEEP_CONTROL = "\n"


def normalize(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, its position in ``text``."""
    chars, char_index = _map_chars(text)
    spaced, spaced_index = _collapse_spacing(chars, char_index)
    return _compose(spaced, spaced_index)


def normalize_inline(text: str) -> str:
    """A one-line field (title, outlet): normalised, newlines as spaces."""
    return " ".join(normalize(text)[0].split())


def _replacement(ch: str) -> str | None:
    """The character that stands for ``ch`` in the clean text; None drops it."""
    if ch in _DELETE:
        return None
    if ch in _APOSTROPHES:
        return "'"
    if ch in _NEWLINES:
        return "\n"
    if ch.isalnum():
        return ch
    category = unicodedata.category(ch)
    if ch == "\t" or ch in "\x0b\x0c" or category == "Zs":
        return " "
    if category == "Cc" and ch not in _KEEP_CONTROL:
        return None
    return ch


def _map_chars(text: str) -> tuple[list[str], list[int]]:
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch == "\r" and text[i + 1 : i + 2] == "\n":
            continue  # CRLF is one newline
        out = ch if "a" <= ch <= "z" else _replacement(ch)  # fast path for most characters
        if out is not None:
            chars.append(out)
            index.append(i)
    return chars, index


def _collapse_spacing(chars: list[str], index: list[int]) -> tuple[str, list[int]]:
    out: list[str] = []
    out_index: list[int] = []
    space = -1  # input position of the first space of a pending run
    newlines: list[int] = []  # input positions of a pending run of newlines
    for ch, i in zip(chars, index, strict=True):
        if ch == " ":
            if space < 0:
                space = i
            continue
        if ch == "\n":
            space = -1  # spaces before a newline are trailing: dropped
            newlines.append(i)
            continue
        if newlines:
            if out:  # no newlines at the very start
                kept = newlines[:2]
                out.extend("\n" * len(kept))
                out_index.extend(kept)
            newlines = []
        elif space >= 0 and out:
            out.append(" ")
            out_index.append(space)
        space = -1  # spaces at the start of a line are dropped with the newline run
        out.append(ch)
        out_index.append(i)
    return "".join(out), out_index


def _compose(text: str, index: list[int]) -> tuple[str, list[int]]:
    if unicodedata.is_normalized("NFC", text):
        return text, index
    out: list[str] = []
    out_index: list[int] = []
    start = 0
    for end in range(1, len(text) + 1):
        if end < len(text) and not _starts_cluster(text[start:end], text[end]):
            continue
        cluster = text[start:end]
        composed = unicodedata.normalize("NFC", cluster)
        out.append(composed)
        if composed == cluster:
            out_index.extend(index[start:end])
        else:  # k-th composed character -> k-th input character of the cluster, clamped
            out_index.extend(index[start + min(k, end - start - 1)] for k in range(len(composed)))
        start = end
    return "".join(out), out_index


def _starts_cluster(cluster: str, ch: str) -> bool:
    """True when NFC cannot join ``ch`` to what precedes it (a stable, non-combining start)."""
    if unicodedata.combining(ch) or not unicodedata.is_normalized("NFC", ch):
        return False
    return unicodedata.normalize("NFC", cluster + ch) == unicodedata.normalize("NFC", cluster) + ch
