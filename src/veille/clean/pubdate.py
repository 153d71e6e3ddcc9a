"""Publication date with its precision and where it came from. Never invents precision.

Order: the metadata that came with the document (``published`` field or header), then the
HTML (htmldate, original date), then a date stamp in the page text, else unknown.
"""

from __future__ import annotations

from collections.abc import Sequence

from veille.clean.stamps import Stamp, parse_date_text
from veille.records import PubDate


def publication_date(
    published: str | None, html_date: str | None = None, stamps: Sequence[Stamp] = ()
) -> PubDate:
    if published:
        parsed = parse_date_text(published)
        if parsed:
            return PubDate(parsed[0], parsed[1], "metadata")
    if html_date:
        parsed = parse_date_text(html_date)
        if parsed:
            return PubDate(parsed[0], parsed[1], "html")
    for stamp in stamps:
        if stamp.kind != "updated":  # an update date is not when the article appeared
            return PubDate(stamp.value, stamp.precision, "text")
    return PubDate()
