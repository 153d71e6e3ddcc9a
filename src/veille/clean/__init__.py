"""Clean: RawDocument -> Document (main text, furniture removed, normalised, with metadata).

``clean`` is the public entry point:

1. HTML: main text and metadata with trafilatura/htmldate (``html``); the extracted text is
   the document's ``original``. Plain text is its own original.
2. Furniture removal by general line rules and, for plain text, page header/footer shape
   (``boilerplate``), learning the title, the outlet and date stamps on the way.
3. Unicode/typography normalisation (``normalize``); the index of step 2 and this one are
   composed so every clean offset maps back into ``original``.
4. Language (``language``) and publication date with precision and source (``pubdate``).
5. Too little text left -> IngestError. Bad input never raises.
"""

from __future__ import annotations

from veille.clean.boilerplate import Stripped, strip_boilerplate
from veille.clean.html import HtmlContent, NoArticle, extract_html
from veille.clean.language import detect_language
from veille.clean.normalize import normalize, normalize_inline
from veille.clean.offsets import compose, to_offset_map
from veille.clean.pubdate import publication_date
from veille.ids import make_id
from veille.records import Document, IngestError, RawDocument
from veille.settings import Settings

__all__ = [
    "HtmlContent",
    "Stripped",
    "clean",
    "extract_html",
    "normalize",
    "publication_date",
    "strip_boilerplate",
]


def clean(raw: RawDocument, settings: Settings) -> Document | IngestError:
    """The clean Document for ``raw``, or an IngestError saying why there is none."""
    try:
        return _clean(raw, settings)
    except NoArticle as exc:
        return IngestError(raw.source, str(exc))
    except Exception as exc:  # a surprise on one page must not stop the others
        return IngestError(raw.source, f"cleaning failed: {type(exc).__name__}: {exc}")


def _clean(raw: RawDocument, settings: Settings) -> Document | IngestError:
    page = extract_html(raw.html, raw.url) if raw.html is not None else None  # 1
    original = page.text if page is not None else (raw.text or "")
    title = _first(raw.title, page.title if page else None)
    if raw.curated:
        stripped = Stripped(original, tuple(range(len(original))))
    else:
        stripped = strip_boilerplate(original, plain=page is None, title=title)  # 2
    text, norm_index = normalize(stripped.text)  # 3
    if len(text) < settings.min_text_chars:  # 5
        # A page whose only text is a menu entry has no article, whatever trafilatura kept.
        reason = "no article text found in HTML" if page else "no text left after cleaning"
        return IngestError(raw.source, reason)
    return Document(
        id=make_id("doc", raw.content_hash),
        content_hash=raw.content_hash,
        source=raw.source,
        text=text,
        original=original,
        offsets=to_offset_map(compose(stripped.index, norm_index)),
        language=detect_language(text, settings, raw.language),  # 4
        published=publication_date(raw.published, page.date if page else None, stripped.stamps),
        url=_first(raw.url, page.url if page else None),
        outlet=_first(raw.outlet, page.outlet if page else None, stripped.outlet),
        title=_first(title, stripped.title),
        removed_lines=stripped.removed,
    )


def _first(*values: str | None) -> str | None:
    """The first value that is not blank, normalised as a one-line field."""
    for value in values:
        if value and value.strip():
            return normalize_inline(value)
    return None
