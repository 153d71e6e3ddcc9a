"""Main text and metadata from an HTML page, with trafilatura (and htmldate for the date).

Precision over recall: no comments, no tables, no images or links; scripts and styles never
reach the text. Blocks are separated by blank lines, like paragraphs of a plain-text file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trafilatura import bare_extraction

# htmldate: the original publication date, from markup and URL only (the extensive search
# guesses from free text and may turn "/2023/09/" into a made-up day).
_DATE_PARAMS = {"original_date": True, "extensive_search": False}


@dataclass(frozen=True)
class HtmlContent:
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    date: str | None = None


class NoArticle(Exception):
    """No main text in the page; ``str(exc)`` is the reason."""


def extract_html(html: str, url: str | None = None) -> HtmlContent:
    """The article text and metadata; raises NoArticle when there is no article text."""
    result = _extract(html, url, favor_precision=True)
    if result is None or not _text(result):
        result = _extract(html, url, favor_precision=False)  # short pages: precise mode is empty
    text = _text(result) if result is not None else ""
    if result is None or not text:
        raise NoArticle("no article text found in HTML")
    return HtmlContent(
        text=text,
        title=_field(result, "title"),
        outlet=_field(result, "sitename"),
        url=_field(result, "url"),
        date=_field(result, "date"),
    )


def _extract(html: str, url: str | None, *, favor_precision: bool) -> Any:
    try:
        return bare_extraction(
            html,
            url=url,
            with_metadata=True,
            favor_precision=favor_precision,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            deduplicate=False,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception as exc:  # trafilatura/lxml on hostile markup: the page is unusable
        raise NoArticle(f"cannot parse HTML: {type(exc).__name__}") from exc


def _text(result: Any) -> str:
    raw = getattr(result, "text", None) or ""
    return "\n\n".join(line.strip() for line in str(raw).split("\n") if line.strip())


def _field(result: Any, name: str) -> str | None:
    value = getattr(result, name, None)
    return str(value).strip() or None if value else None
