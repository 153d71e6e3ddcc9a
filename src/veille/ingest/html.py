"""HTML pages: kept whole; the clean stage extracts the main text and the metadata."""

from __future__ import annotations

from collections.abc import Iterator

from veille.ingest.base import FileAdapter, Item, make_raw


class HtmlAdapter(FileAdapter):
    suffixes = (".html", ".htm", ".xhtml")

    def parse(self, content: str, source: str) -> Iterator[Item]:
        yield make_raw(source, html=content)
