"""Plain-text files: an optional metadata header, then the article.

Two header styles are understood:

* ``key: value`` lines at the very start (title, titre, url, outlet, source, date, published,
  language, lang; any case), ended by a blank line or by the first line that is not one;
* the seed style: ``date YYYY[-MM[-DD]]`` then the article text on the same line
  (`` date 2023-08 Le dirigeant …``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from veille.ingest.base import FileAdapter, Item, make_raw
from veille.records import IngestError

# Header keys and the RawDocument field each one fills.
_HEADER_KEYS = {
    "title": "title",
    "titre": "title",
    "url": "url",
    "outlet": "outlet",
    "source": "outlet",
    "date": "published",
    "published": "published",
    "language": "language",
    "lang": "language",
}
_HEADER_LINE = re.compile(r"[ \t]*([A-Za-z]+)[ \t]*:[ \t]*(.*?)[ \t]*")
_SEED_DATE = re.compile(r"\s*date[ \t]+(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[ \t]+|[ \t]*\n|\Z)", re.I)


def split_header(content: str) -> tuple[dict[str, str], str]:
    """Header fields and the body that follows them (the whole content when no header)."""
    seed = _SEED_DATE.match(content)
    if seed:
        return {"published": seed.group(1)}, content[seed.end() :].strip()
    lines = content.lstrip("\n").split("\n")
    fields: dict[str, str] = {}
    count = 0
    for line in lines:
        match = _HEADER_LINE.fullmatch(line)
        if not match or match.group(1).lower() not in _HEADER_KEYS:
            break
        field = _HEADER_KEYS[match.group(1).lower()]
        if match.group(2):
            fields.setdefault(field, match.group(2))
        count += 1
    if count and count < len(lines) and not lines[count].strip():
        count += 1  # the blank line that ends the header
    return fields, "\n".join(lines[count:]).strip()


class TextAdapter(FileAdapter):
    suffixes = (".txt",)

    def parse(self, content: str, source: str) -> Iterator[Item]:
        fields, body = split_header(content)
        if not body:
            yield IngestError(source, "no article text after the header")
            return
        yield make_raw(source, text=body, **fields)
