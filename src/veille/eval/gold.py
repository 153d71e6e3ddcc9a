"""Gold annotations: loading, validating and anchoring quoted spans to clean-text offsets.

The format is written in docs/annotation.md and docs/eval.md: the export contract's fields,
with documents keyed by URL (or file name), spans quoted with an occurrence number, and
entities named by their canonical name, so that gold survives re-ingestion and re-cleaning.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from veille.export import RECORD_TYPES

# Gold has one file per record type of the export contract.
RECORD_FILES = RECORD_TYPES

# Typography that cleaning may normalise; one character for one, so offsets are unchanged.
_FOLD = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " "})


class GoldError(ValueError):
    """A gold file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Gold:
    folder: Path
    records: dict[str, list[dict[str, Any]]]
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Offset gold only: the cached raw text of each document, by gold key (eval/offsets.py).
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def documents(self) -> list[dict[str, Any]]:
        return self.records["documents"]


def load_gold(folder: str | Path) -> Gold:
    root = Path(folder)
    if not (root / "documents.jsonl").is_file():
        raise GoldError(f"{root}: no documents.jsonl, not a gold folder")
    records: dict[str, list[dict[str, Any]]] = {}
    for name in RECORD_FILES:
        path = root / f"{name}.jsonl"
        rows: list[dict[str, Any]] = []
        if path.is_file():
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise GoldError(f"{path}:{number}: invalid JSON ({exc.msg})") from exc
                if not isinstance(row, dict):
                    raise GoldError(f"{path}:{number}: expected a JSON object")
                rows.append(row)
        records[name] = rows
    entities = {e["name"]: e for e in records["entities"]}
    keys = {d["doc"] for d in records["documents"]}
    for name in ("mentions", "times", "quantities", "claims", "events"):
        for row in records[name]:
            if row.get("doc") not in keys:
                raise GoldError(f"{root / name}.jsonl: unknown document {row.get('doc')!r}")
    return Gold(root, records, entities)


def fold(text: str) -> str:
    return text.translate(_FOLD)


def anchor(text: str, span: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Offsets of the ``occurrence``-th occurrence of ``span`` in ``text``, or None."""
    haystack, needle = fold(text), fold(span)
    if not needle:
        return None
    start = -1
    for _ in range(max(1, occurrence)):
        start = haystack.find(needle, start + 1)
        if start < 0:
            return None
    return start, start + len(needle)
