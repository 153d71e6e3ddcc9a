"""What every source adapter shares: the adapter interface, byte decoding, building records.

Adapters never raise for bad input: they yield an ``IngestError`` with a one-line reason and
the other inputs go on. Internally, ``BadInput`` carries such a reason up to the adapter.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from charset_normalizer import from_bytes

from veille.ids import content_hash
from veille.records import IngestError, RawDocument

Item = RawDocument | IngestError

# Byte-order marks, longest first: UTF-32 LE starts like UTF-16 LE.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Readings equivalent to cp1252 for the letters of Western-European languages: when
# charset-normalizer ties one of them with another code page, cp1252 is the one to take.
_WESTERN = frozenset({"cp1252", "iso8859_15", "latin_1", "iso8859_1", "iso8859_9", "cp1254"})
_TYPOGRAPHY = frozenset("\u00a0’‘“”«»–—…€•°·‹›„‚")
_MAX_ACCENTED = 0.5  # share of non-ASCII letters beyond which cp1252 is not the right reading
_MAX_CHAOS = 0.2  # charset-normalizer's own "too messy to be text" threshold
_MIN_COHERENCE = 0.2  # charset-normalizer recognised a language in the decoded text
_MAX_CONTROL_RATIO = 0.1  # real text has essentially no control characters


class BadInput(Exception):
    """An input that cannot become a document; ``str(exc)`` is the one-line reason."""


class Adapter(Protocol):
    """A source format: the suffixes it takes and how it turns content into documents."""

    @property
    def suffixes(self) -> tuple[str, ...]:
        """File suffixes (lower case, with the dot) this adapter is chosen for."""
        ...

    def read(self, path: Path) -> Iterator[Item]:
        """Documents (or errors) from a file."""
        ...

    def parse(self, content: str, source: str) -> Iterator[Item]:
        """Documents (or errors) from already decoded content named ``source``."""
        ...


class FileAdapter:
    """Shared ``read``: load and decode the file within the size limit, then ``parse``."""

    suffixes: tuple[str, ...] = ()

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes

    def read(self, path: Path) -> Iterator[Item]:
        try:
            content = load_text(path, self.max_bytes)
        except BadInput as exc:
            yield IngestError(str(path), str(exc))
            return
        yield from self.parse(content, str(path))

    def parse(self, content: str, source: str) -> Iterator[Item]:
        raise NotImplementedError


def load_text(path: Path, max_bytes: int) -> str:
    """The decoded text of ``path``; never reads more than ``max_bytes + 1`` bytes."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BadInput(f"file too large ({size} bytes; limit {max_bytes})")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise BadInput("file not found") from None
    except IsADirectoryError:
        raise BadInput("is a directory") from None
    except PermissionError:
        raise BadInput("cannot read file: permission denied") from None
    except OSError as exc:
        raise BadInput(f"cannot read file: {exc.strerror or exc}") from None
    except ValueError:  # e.g. a NUL character in the name
        raise BadInput("invalid file name") from None
    return decode_bytes(data, max_bytes)


def decode_bytes(data: bytes, max_bytes: int) -> str:
    """UTF-8 (with or without BOM), UTF-16/32 with BOM, else a coherent guess; else BadInput."""
    if len(data) > max_bytes:
        raise BadInput(f"input too large (more than the limit of {max_bytes} bytes)")
    if not data:
        raise BadInput("empty file")
    text = _decode(data)
    return check_text(text.removeprefix("\ufeff"))


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise BadInput(f"undecodable: invalid {encoding.upper()} after its BOM") from None
    if b"\x00" in data:
        raise BadInput("binary content (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _guess(data)


def _guess(data: bytes) -> str:
    """A legacy encoding: charset-normalizer when it recognises a language, else cp1252 when
    the bytes read as Western-European text, else an error.

    charset-normalizer alone is unreliable on short inputs (a few accented French words come
    out as Chinese), so its guess counts only with a language coherence; the cp1252 reading
    counts only when it looks like a Latin-script language (accents inside ASCII words).
    """
    matches = from_bytes(data)
    best = matches.best()
    western = _western(data)
    if best is not None and best.chaos <= _MAX_CHAOS and best.coherence >= _MIN_COHERENCE:
        ties = [
            m
            for m in matches
            if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.05
        ]
        if western is not None and any(_is_western(m.could_be_from_charset) for m in ties):
            return western
        guessed = _strict(data, best.encoding)  # str(best) may paper over bad bytes
        if guessed is not None and _text_like(guessed):
            return guessed
    if western is not None:
        return western
    raise BadInput("undecodable: not UTF-8 and no coherent text encoding found")


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _is_western(encodings: list[str]) -> bool:
    return any(encoding in _WESTERN for encoding in encodings)


def _western(data: bytes) -> str | None:
    """The cp1252 reading of ``data`` if it looks like Western-European text."""
    text = _strict(data, "cp1252")
    if text is None:
        return None
    letters = [ch for ch in text if ch.isalpha()]
    high = [ch for ch in text if ord(ch) > 127]
    if not letters or sum(1 for ch in letters if ord(ch) > 127) > _MAX_ACCENTED * len(letters):
        return None  # e.g. Cyrillic or Greek bytes read as Latin-1 letters
    if any(not ch.isalpha() and ch not in _TYPOGRAPHY for ch in high):
        return None  # e.g. Polish cp1250 "ą" read as "¹"
    return text if _text_like(text) else None


def _text_like(text: str) -> bool:
    """No control, unassigned, private-use or replacement characters."""
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Cn", "Co", "Cs") or ch == "\ufffd":
            return False
        if category == "Cc" and ch not in "\n\r\t\f\v":
            return False
    return True


def check_text(text: str) -> str:
    """Newlines normalised to ``\\n``; refuses blank text and text made of control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise BadInput("empty file (whitespace only)" if text else "empty file")
    control = sum(1 for ch in text if ch not in "\n\t\f\v" and unicodedata.category(ch) == "Cc")
    if "\x00" in text or control > _MAX_CONTROL_RATIO * len(text):
        raise BadInput("binary content (control characters)")
    return text


def make_raw(
    source: str,
    *,
    text: str | None = None,
    html: str | None = None,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    language: str | None = None,
) -> RawDocument:
    """A RawDocument whose hash covers the content and the metadata that came with it.

    The source name is left out of the hash, so the same content read from two places (or
    twice) is one document, while two JSONL lines that differ in anything never collide.
    """
    fields = {
        "text": text,
        "html": html,
        "url": url,
        "title": title,
        "outlet": outlet,
        "published": published,
        "language": language,
    }
    digest = content_hash(json.dumps(fields, sort_keys=True, ensure_ascii=False))
    return RawDocument(
        source=source,
        content_hash=digest,
        text=text,
        html=html,
        url=url,
        title=title,
        outlet=outlet,
        published=published,
        language=language,
    )
