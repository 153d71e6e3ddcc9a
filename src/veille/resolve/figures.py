"""Figures that disagree: the same counted thing, at compatible times, given different values.

Two quantities of two documents of one story disagree when they count the same thing (what
is counted, and the currency, agree), their times are compatible at their
granularity (both undated counts also, an undated and a dated one not: "300 containers on
7 September" is not "more than 1,000 containers" in all), and their value ranges do not meet:
"plus de 1 000" and "1 200" agree, "10 000" and "12 000" do not. ``a`` is the earlier
document's quantity; the score is the relative gap between the two values.

Quantity ids are ``qty_`` + hash of (document id, start, end), as in the export.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from veille.ids import make_id
from veille.kb import name_key
from veille.records import Document, Link, Quantity
from veille.resolve.propositions import compatible, time_key

ABOUT = 0.1  # "environ 300" is 270 to 330


def quantity_id(doc_id: str, q: Quantity) -> str:
    return make_id("qty", doc_id, q.start, q.end)


def counted_key(q: Quantity) -> str | None:
    """What is counted, as written but for case, accents and plural endings: "300 conteneurs"
    and "1 000 conteneurs d'armes" count two things. Measures (km, %) say too little of what
    they measure to be compared, money and counts of things do."""
    if q.unit and not (len(q.unit) == 3 and q.unit.isupper()):  # ISO 4217 codes are money
        return None
    words = [name_key(w).rstrip("sx") for w in (q.counted or "").split()]
    words = [w for w in words if w]
    return f"{' '.join(words)}|{q.unit or ''}" if words else None


def value_range(q: Quantity) -> tuple[float, float]:
    if q.bound == "more_than":
        return (q.value, q.value_max or math.inf)
    if q.bound == "less_than":
        return (-math.inf, q.value)
    if q.bound == "about":
        return (q.value * (1 - ABOUT), q.value * (1 + ABOUT))
    if q.value_max is not None:
        return (q.value, q.value_max)
    return (q.value, q.value)


def disagreements(
    quantities: Sequence[tuple[str, Quantity]],
    documents: Sequence[Document],
    story_of: dict[str, str],
) -> list[Link]:
    published = {
        d.id: (d.published.value is None, d.published.value or "", d.id) for d in documents
    }
    by_key: dict[tuple[str, str], list[tuple[str, Quantity]]] = defaultdict(list)
    for doc_id, q in quantities:
        key = counted_key(q)
        if key and doc_id in story_of:
            by_key[(story_of[doc_id], key)].append((doc_id, q))
    links = []
    for _, members in sorted(by_key.items()):
        members.sort(key=lambda m: (published[m[0]], m[1].start))
        for i, (doc_a, qa) in enumerate(members):
            for doc_b, qb in members[i + 1 :]:
                if doc_a == doc_b:
                    continue
                ta, tb = time_key(qa.time), time_key(qb.time)
                if (ta is None) != (tb is None) or not compatible(ta, tb):
                    continue
                (lo_a, hi_a), (lo_b, hi_b) = value_range(qa), value_range(qb)
                if hi_a < lo_b or hi_b < lo_a:
                    gap = abs(qa.value - qb.value) / max(abs(qa.value), abs(qb.value), 1e-9)
                    links.append(
                        Link(
                            "disagrees",
                            quantity_id(doc_a, qa),
                            quantity_id(doc_b, qb),
                            round(gap, 4),
                        )
                    )
    return links
