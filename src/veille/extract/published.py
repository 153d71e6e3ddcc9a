"""Publication date inferred from the text when the metadata has none.

An article cannot be older than the latest past date it reports, so that date bounds the
publication from below. That bound goes to ``PubDate.after`` (exported as ``published_after``)
and never to the date itself: a 2023 article whose latest past date is 1999 must not be
exported as published in 1999. It is never used to anchor weekdays or "hier" either (those
stay unresolved rather than invented).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from veille.records import PubDate, TimeExpression

_ABSOLUTE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def infer_published(
    published: PubDate, times: Sequence[TimeExpression], sdoc: Any | None = None
) -> PubDate:
    """``published`` itself when known; otherwise no date, with the latest absolute past date
    in the text as its lower bound ``after``."""
    if published.precision != "unknown":
        return published
    candidates = [
        t.value
        for t in times
        if t.type == "DATE"
        and not t.anchored
        and _ABSOLUTE.fullmatch(t.value)
        and not _in_future_clause(sdoc, t.start)
    ]
    if not candidates:
        return published
    latest = max(candidates)  # ISO prefixes order correctly: "2021" < "2021-06" < "2022"
    return PubDate(after=latest)


def _in_future_clause(sdoc: Any | None, start: int) -> bool:
    """The time sits in a sentence about the future (future or conditional verb, or
    "aller" + infinitive): "va augmenter sa production en 2026" does not date the article."""
    if sdoc is None:
        return False
    span = sdoc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return False
    for token in span.sent:
        morph = token.morph
        if "Fut" in morph.get("Tense") or "Cnd" in morph.get("Mood"):
            return True
        if token.lemma_ in ("aller", "go") and _infinitive_follows(token):
            return True
    return False


def _infinitive_follows(token: Any) -> bool:
    """ "va augmenter", "va encore augmenter": an infinitive within the next two words."""
    following = token.doc[token.i + 1 : token.i + 3]
    return any("Inf" in t.morph.get("VerbForm") for t in following)
