"""JSONL export: the public data contract (see README, "Export contract").

One file per record type plus ``manifest.json``. Records are sorted and serialised with fixed
key order, so two exports of the same store are byte-identical.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from veille import __version__
from veille.store.base import Store

SCHEMA_VERSION = 1
# Every record type of the contract; stages not built yet export an empty file.
RECORD_TYPES = (
    "documents",
    "entities",
    "mentions",
    "times",
    "quantities",
    "claims",
    "events",
    "stories",
    "links",
)


def export_records(store: Store) -> dict[str, list[dict[str, Any]]]:
    """The export as plain records, keyed by record type."""
    records: dict[str, list[dict[str, Any]]] = {name: [] for name in RECORD_TYPES}
    for stored in store.documents():
        doc = stored.document
        records["documents"].append(
            {
                "id": doc.id,
                "url": doc.url,
                "outlet": doc.outlet,
                "title": doc.title,
                "language": doc.language,
                "published": doc.published.value,
                "published_precision": doc.published.precision,
                "published_source": doc.published.source,
                "text": doc.text,
                "duplicate_of": stored.duplicate_of,
                "story_id": stored.story_id,
                "source": doc.source,
                "content_hash": doc.content_hash,
                "pipeline": stored.pipeline,
                "degraded": stored.degraded,
            }
        )
    for entity in store.entities():
        records["entities"].append(
            {
                "id": entity.id,
                "kb_id": entity.kb_id,
                "name": entity.name,
                "type": entity.type,
                "aliases": list(entity.aliases),
                "mentions": entity.mentions,
                "documents": entity.documents,
            }
        )
    for sm in store.mentions():
        m = sm.mention
        records["mentions"].append(
            {
                "doc_id": sm.doc_id,
                "entity_id": sm.entity_id,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "type": m.type,
                "label": m.label,
            }
        )
    for doc_id, t in store.times():
        records["times"].append(
            {
                "doc_id": doc_id,
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "value": t.value,
                "type": t.type,
                "mod": t.mod,
                "anchored": t.anchored,
                "note": t.note,
            }
        )
    for doc_id, q in store.quantities():
        records["quantities"].append(
            {
                "doc_id": doc_id,
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "value": _number(q.value),
                "bound": q.bound,
                "value_max": _number(q.value_max),
                "unit": q.unit,
                "counted": q.counted,
                "entity_id": None,
                "time": q.time,
            }
        )
    for link in store.links():
        records["links"].append({"kind": link.kind, "a": link.a, "b": link.b, "score": link.score})
    return records


def _number(value: float | None) -> int | float | None:
    """Whole numbers as JSON integers (1000, not 1000.0), so consumers compare them simply."""
    if value is not None and float(value).is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def export_jsonl(store: Store, out_dir: str | Path) -> dict[str, int]:
    """Write the export to ``out_dir``; return the number of records per file."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, rows in export_records(store).items():
        _write_lines(out / f"{name}.jsonl", rows)
        counts[name] = len(rows)
    manifest = {"schema": SCHEMA_VERSION, "generator": f"veille {__version__}", "counts": counts}
    (out / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return counts


def _write_lines(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
