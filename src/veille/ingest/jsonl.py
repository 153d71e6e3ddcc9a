"""JSON Lines: one article per line, ``{"text" | "html": ..., "url", "title", ...}``.

A bad line is reported with its line number and the other lines go on. When a line has both
``text`` and ``html``, ``text`` wins: it is what the producer considered the article.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from veille.ingest.base import FileAdapter, Item, make_raw
from veille.records import IngestError, RawDocument

_CONTENT = ("text", "html")
_META = ("url", "title", "published", "outlet", "language")
_JSON_TYPES = {bool: "boolean", int: "number", float: "number", list: "array", dict: "object"}


class BadLine(Exception):
    """A JSONL line that cannot become a document; ``str(exc)`` is the reason."""


class JsonlAdapter(FileAdapter):
    suffixes = (".jsonl", ".ndjson")

    def parse(self, content: str, source: str) -> Iterator[Item]:
        for number, line in enumerate(content.split("\n"), 1):
            if not line.strip():
                continue
            try:
                yield parse_line(line, f"{source}:{number}")
            except BadLine as exc:
                yield IngestError(source, str(exc), line=number)


def parse_line(line: str, source: str) -> RawDocument:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadLine(f"malformed JSON: {exc.msg} (column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:  # e.g. nesting too deep
        raise BadLine(f"malformed JSON: {type(exc).__name__}") from None
    if not isinstance(obj, dict):
        raise BadLine(f"JSON line is not an object (got {_type_name(obj)})")
    for key in (*_CONTENT, *_META):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise BadLine(f"field {key!r} must be a string, not {_type_name(value)}")
    meta = {key: obj[key].strip() or None for key in _META if obj.get(key) is not None}
    text, html = obj.get("text"), obj.get("html")
    if text is None and html is None:
        raise BadLine("object has no 'text' or 'html' field")
    if text is not None and text.strip():
        return make_raw(source, text=_newlines(text).strip(), **meta)
    if html is not None and html.strip():
        return make_raw(source, html=_newlines(html), **meta)
    raise BadLine("empty 'text'" if text is not None else "empty 'html'")


def _newlines(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return _JSON_TYPES.get(type(value), type(value).__name__)
