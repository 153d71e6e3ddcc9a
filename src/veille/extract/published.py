"""Publication date inferred from the text when the metadata has none.

An article cannot be older than the latest past date it reports, so that date bounds the
publication from below. The result is flagged ``source="inferred"`` with the precision of the
date it comes from; it is a lower bound, never used to anchor weekdays or "hier" (those stay
unresolved rather than invented).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from veille.records import Precision, PubDate, TimeExpression

_ABSOLUTE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_PRECISION: dict[int, Precision] = {4: "year", 7: "month", 10: "day"}


def infer_published(
    published: PubDate, times: Sequence[TimeExpression], sdoc: Any | None = None
) -> PubDate:
    """``published`` itself when known; otherwise the latest absolute past date in the text."""
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
    return PubDate(latest, _PRECISION[len(latest)], "inferred")


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
