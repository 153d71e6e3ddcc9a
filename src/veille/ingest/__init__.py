"""Ingest: paths (files, folders, ``-`` for stdin) -> RawDocuments, or IngestErrors.

``iter_raw`` is the public entry point. Each format is an adapter (``text``, ``html``,
``jsonl``) chosen by suffix; content with an unknown suffix, and stdin, is sniffed. Nothing
raises for bad input: every problem becomes an ``IngestError`` naming the input, and the
other inputs go on.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from veille.ingest.base import Adapter, BadInput, Item, check_text, decode_bytes, load_text
from veille.ingest.html import HtmlAdapter
from veille.ingest.jsonl import JsonlAdapter
from veille.ingest.text import TextAdapter
from veille.ingest.timeml import TimeMLAdapter
from veille.records import IngestError, RawDocument
from veille.settings import Settings

__all__ = [
    "Adapter",
    "HtmlAdapter",
    "JsonlAdapter",
    "TextAdapter",
    "TimeMLAdapter",
    "iter_raw",
    "sniff",
]

STDIN = "-"
STDIN_SOURCE = "<stdin>"
_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|article|main|div|p|h[1-6]|span|section|br)\b",
    re.I,
)


def iter_raw(paths: Iterable[str], settings: Settings) -> Iterator[RawDocument | IngestError]:
    """Every document found under ``paths``, in order; folders walked in sorted order."""
    adapters = _adapters(settings.max_file_bytes)
    for name in paths:
        if name == STDIN:
            yield from _guarded(STDIN_SOURCE, _read_stdin(adapters, settings.max_file_bytes))
            continue
        path = Path(name)
        if _is_dir(path):
            for item in _walk(path, _known_suffixes(adapters)):
                if isinstance(item, IngestError):
                    yield item
                else:
                    yield from _guarded(str(item), _read_file(item, adapters, settings))
        else:
            yield from _guarded(name, _read_file(path, adapters, settings))


def sniff(content: str) -> str:
    """``html``, ``jsonl`` or ``text``, judged from the content alone."""
    head = content.lstrip()
    if head.startswith("<") and _HTML_TAG.search(head[:10_000]):
        return "html"
    lines = [line for line in content.split("\n") if line.strip()]
    if lines and all(line.lstrip().startswith("{") for line in lines):
        return "jsonl"
    return "text"


def _adapters(max_bytes: int) -> dict[str, Adapter]:
    """One adapter per format name; the suffix table is derived from them."""
    return {
        "text": TextAdapter(max_bytes),
        "html": HtmlAdapter(max_bytes),
        "jsonl": JsonlAdapter(max_bytes),
        "timeml": TimeMLAdapter(max_bytes),
    }


def _read_file(path: Path, adapters: dict[str, Adapter], settings: Settings) -> Iterator[Item]:
    suffix = path.suffix.lower()
    for adapter in adapters.values():
        if suffix in adapter.suffixes:
            yield from adapter.read(path)
            return
    try:  # unknown suffix: decide from the content
        content = load_text(path, settings.max_file_bytes)
    except BadInput as exc:
        yield IngestError(str(path), str(exc))
        return
    yield from adapters[sniff(content)].parse(content, str(path))


def _read_stdin(adapters: dict[str, Adapter], max_bytes: int) -> Iterator[Item]:
    try:
        content = _stdin_text(max_bytes)
    except BadInput as exc:
        yield IngestError(STDIN_SOURCE, str(exc))
        return
    yield from adapters[sniff(content)].parse(content, STDIN_SOURCE)


def _stdin_text(max_bytes: int) -> str:
    stream = sys.stdin
    if stream is None:
        raise BadInput("no standard input")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            return decode_bytes(buffer.read(max_bytes + 1), max_bytes)
        text = stream.read(max_bytes + 1)  # a text stream (tests, embedding): already decoded
    except (OSError, ValueError) as exc:
        raise BadInput(f"cannot read standard input: {exc}") from None
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise BadInput(f"input too large (more than the limit of {max_bytes} bytes)")
    if not text:
        raise BadInput("empty file")
    return check_text(text)


def _walk(folder: Path, suffixes: frozenset[str]) -> Iterator[Path | IngestError]:
    """Files under ``folder``, depth first in sorted order, hidden entries skipped.

    A walk takes the files an adapter claims by suffix and files without a suffix (sniffed);
    other files (a corpus README.md, a saved page's images and scripts) are not articles.
    A file named explicitly is always read, whatever its suffix. Symbolic links to folders
    are not followed (no cycles); links to files are read.
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield IngestError(str(folder), f"cannot read directory: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = entry.is_file()  # regular files only: a pipe would block the walk
        except OSError:
            is_dir = is_file = False
        if is_dir:
            yield from _walk(path, suffixes)
        elif is_file and (path.suffix.lower() in suffixes or not path.suffix):
            yield path


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False  # reported when read as a file


def _known_suffixes(adapters: dict[str, Adapter]) -> frozenset[str]:
    return frozenset(suffix for adapter in adapters.values() for suffix in adapter.suffixes)


def _guarded(source: str, items: Iterator[Item]) -> Iterator[Item]:
    """Last line of defence: an unexpected failure on one input must not stop the others."""
    try:
        yield from items
    except Exception as exc:  # reported as this input's error, never raised
        yield IngestError(source, f"unexpected error: {type(exc).__name__}: {exc}")
