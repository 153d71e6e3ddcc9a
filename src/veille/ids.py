"""Deterministic identifiers: a short hash of normalised content, never a counter or a clock.

The same input gives the same ids on every run and with any number of workers, which is what
makes exports byte-identical.
"""

from __future__ import annotations

import hashlib


def content_hash(data: str | bytes) -> str:
    """SHA-256 hex digest of raw content (text is hashed as UTF-8)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def make_id(prefix: str, *parts: object) -> str:
    """``prefix_`` + 16 hex chars of SHA-256 over the parts, joined by an unambiguous separator."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return f"{prefix}_{hashlib.sha256(joined.encode('utf-8')).hexdigest()[:16]}"
