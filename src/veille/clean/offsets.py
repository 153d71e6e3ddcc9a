"""Offset bookkeeping: every text transformation here returns, with its output, an *index*:
``index[i]`` is the position in the input of output character ``i``. Indexes compose by
lookup, and the final one is compressed into a ``records.OffsetMap``.
"""

from __future__ import annotations

from collections.abc import Sequence

from veille.records import OffsetMap


def compose(outer: Sequence[int], inner: Sequence[int]) -> list[int]:
    """``inner`` maps C -> B and ``outer`` maps B -> A; the result maps C -> A."""
    return [outer[i] for i in inner]


def to_offset_map(index: Sequence[int]) -> OffsetMap:
    """Runs where both sides advance together become one ``(clean, orig, length)`` segment."""
    segments: list[list[int]] = []
    for clean, orig in enumerate(index):
        if segments:
            last = segments[-1]
            if clean == last[0] + last[2] and orig == last[1] + last[2]:
                last[2] += 1
                continue
        segments.append([clean, orig, 1])
    return OffsetMap(tuple((s[0], s[1], s[2]) for s in segments))
