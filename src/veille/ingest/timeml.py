"""ISO-TimeML documents (French TimeBank and the like) read as articles.

The text is TEXT without its tags, character for character; the document creation time (the
DCT's TIMEX3) is the publication date with day precision; DOCID is the title. The TIMEX3
annotations themselves are gold for ``veille.eval.timeml``, which reads them with ``read_timeml``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, replace

from veille.ingest.base import FileAdapter, Item, make_raw
from veille.records import IngestError


@dataclass(frozen=True)
class Timex:
    """A gold TIMEX3 inside TEXT: character offsets into the tag-free text."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True)
class TimeMLDocument:
    doc_id: str
    dct: str | None
    text: str
    timexes: tuple[Timex, ...]


class BadTimeML(ValueError):
    """Not a TimeML document; ``str(exc)`` is the reason."""


def read_timeml(content: str) -> TimeMLDocument:
    try:
        root = ET.fromstring(content.encode("utf-8"))
    except ET.ParseError as exc:
        raise BadTimeML(f"malformed XML: {exc}") from None
    body = root.find("TEXT")
    if body is None:
        raise BadTimeML("no TEXT element: not a TimeML document")
    dct_node = root.find("DCT/TIMEX3")
    dct = dct_node.get("value") if dct_node is not None else None
    pieces: list[str] = []
    timexes: list[Timex] = []
    _flatten(body, pieces, timexes, offset=0)
    return TimeMLDocument(
        doc_id=(root.findtext("DOCID") or "").strip(),
        dct=dct,
        text="".join(pieces),
        timexes=tuple(timexes),
    )


def _flatten(node: ET.Element, pieces: list[str], timexes: list[Timex], offset: int) -> int:
    """Append the text under ``node`` (without its own tail) and collect its TIMEX3."""
    if node.text:
        pieces.append(node.text)
        offset += len(node.text)
    for child in node:
        start = offset
        offset = _flatten(child, pieces, timexes, offset)
        if child.tag == "TIMEX3":
            text = "".join(pieces)[start:offset]
            timexes.append(
                Timex(
                    start,
                    offset,
                    text,
                    child.get("type", ""),
                    child.get("value", ""),
                    child.get("mod"),
                )
            )
        if child.tail:
            pieces.append(child.tail)
            offset += len(child.tail)
    return offset


class TimeMLAdapter(FileAdapter):
    suffixes = (".tml", ".timeml")

    def parse(self, content: str, source: str) -> Iterator[Item]:
        try:
            doc = read_timeml(content)
        except BadTimeML as exc:
            yield IngestError(source, str(exc))
            return
        if not doc.text.strip():
            yield IngestError(source, "TimeML TEXT is empty")
            return
        raw = make_raw(source, text=doc.text, title=doc.doc_id or None, published=doc.dct)
        yield replace(raw, curated=True)
