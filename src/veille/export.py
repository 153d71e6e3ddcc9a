"""JSONL export: the public data contract (see README, "Export contract").

One file per record type plus ``manifest.json``. Records are sorted and serialised with fixed
key order, so two exports of the same store are byte-identical.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from veille import __version__
from veille.ids import make_id
from veille.records import Claim, Description, Event, StoredMention
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
    "propositions",
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
                "published_after": doc.published.after,
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
    mentions = store.mentions()
    for sm in mentions:
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
                "kb_entry": m.kb_entry,
                "cluster": m.cluster,
                "category": m.category,
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
                "id": make_id("qty", doc_id, q.start, q.end),
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
    records["claims"], claim_ids = _claims(store, mentions)
    records["events"] = _events(store, mentions, claim_ids)
    for link in store.links():
        records["links"].append(
            {
                "kind": link.kind,
                "a": link.a,
                "b": link.b,
                "score": link.score,
                "proposition": link.proposition,
            }
        )
    for story in store.stories():
        records["stories"].append(
            {
                "id": story.id,
                "label": story.label,
                "doc_ids": list(story.doc_ids),
                "first_published": story.first_published,
                "last_published": story.last_published,
                "top_entities": list(story.top_entities),
            }
        )
    for p in store.propositions():
        records["propositions"].append(
            {
                "id": p.id,
                "type": p.type,
                "agent": p.agent,
                "recipient": p.recipient,
                "target": p.target,
                "item": p.item,
                "time": p.time,
                "events": list(p.events),
                "claims": list(p.claims),
                "documents": list(p.documents),
                "outlets": list(p.outlets),
                "independent_sources": p.independent_sources,
                "stances": {stance: list(ids) for stance, ids in p.stances},
                "first_seen": p.first_seen,
                "last_seen": p.last_seen,
            }
        )
    return records


def claim_id(doc_id: str, claim: Claim) -> str:
    return make_id("clm", doc_id, claim.start, claim.end, claim.cue_start)


def event_id(doc_id: str, event: Event) -> str:
    return make_id("evt", doc_id, event.type, event.trigger_start, event.trigger_end)


class _EntityIndex:
    """The entity a span refers to: the longest linked mention overlapping it, else a
    description overlapping it ("le président russe") through its resolved entity."""

    def __init__(
        self, mentions: list[StoredMention], descriptions: list[tuple[str, Description]]
    ) -> None:
        self.by_doc: dict[str, list[StoredMention]] = defaultdict(list)
        by_entry: dict[str, str] = {}
        by_cluster: dict[tuple[str, str], str] = {}
        for sm in mentions:
            if sm.entity_id:
                self.by_doc[sm.doc_id].append(sm)
                if sm.mention.kb_entry:
                    by_entry.setdefault(sm.mention.kb_entry, sm.entity_id)
                if sm.mention.cluster:
                    by_cluster.setdefault((sm.doc_id, sm.mention.cluster), sm.entity_id)
        self.described: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for doc_id, d in descriptions:
            entity = by_cluster.get((doc_id, d.cluster or "")) or by_entry.get(d.kb_entry or "")
            if entity:
                self.described[doc_id].append((d.start, d.end, entity))

    def at(
        self, doc_id: str, start: int | None, end: int | None, speaker: bool = False
    ) -> str | None:
        """For a speaker, a person named in the span wins ("le porte-parole du Conseil de
        sécurité nationale, John Kirby" is Kirby, not the Council)."""
        if start is None or end is None:
            return None
        overlapping = [
            sm
            for sm in self.by_doc.get(doc_id, ())
            if sm.mention.start < end and start < sm.mention.end
        ]
        if not overlapping:
            described = [d for d in self.described.get(doc_id, ()) if d[0] < end and start < d[1]]
            return max(described, key=lambda d: d[1] - d[0])[2] if described else None

        def rank(sm: StoredMention) -> tuple[bool, int, int]:
            person = speaker and sm.mention.type == "PERSON"
            return (person, sm.mention.end - sm.mention.start, -sm.mention.start)

        return max(overlapping, key=rank).entity_id


# The span -> entity rule is shared with the cross-document stage (resolve/views.py).
EntityIndex = _EntityIndex


def _claims(
    store: Store, mentions: list[StoredMention]
) -> tuple[list[dict[str, Any]], dict[tuple[str, int], str]]:
    entities = _EntityIndex(mentions, store.descriptions())
    texts = {s.document.id: s.document.text for s in store.documents()}
    per_doc: dict[str, list[Claim]] = defaultdict(list)
    for doc_id, claim in store.claims():
        per_doc[doc_id].append(claim)
    ids = {
        (doc_id, i): claim_id(doc_id, c) for doc_id, cs in per_doc.items() for i, c in enumerate(cs)
    }
    rows = []
    for doc_id, claims in per_doc.items():
        for i, c in enumerate(claims):
            rows.append(
                {
                    "id": ids[(doc_id, i)],
                    "doc_id": doc_id,
                    "start": c.start,
                    "end": c.end,
                    "text": texts[doc_id][c.start : c.end],
                    "speaker": c.speaker,
                    "speaker_start": c.speaker_start,
                    "speaker_end": c.speaker_end,
                    "speaker_entity_id": entities.at(
                        doc_id, c.speaker_start, c.speaker_end, speaker=True
                    ),
                    "speaker_kind": c.speaker_kind,
                    "cue": c.cue,
                    "stance": c.stance,
                    "direct": c.direct,
                    "nested_in": ids.get((doc_id, c.parent)) if c.parent is not None else None,
                    "extra_start": c.extra_start,
                    "extra_end": c.extra_end,
                }
            )
    return sorted(rows, key=lambda r: (r["doc_id"], r["start"], r["id"])), ids


def _events(
    store: Store, mentions: list[StoredMention], claim_ids: dict[tuple[str, int], str]
) -> list[dict[str, Any]]:
    entities = _EntityIndex(mentions, store.descriptions())
    story_of = {s.document.id: s.story_id for s in store.documents()}
    rows = []
    for doc_id, e in store.events():
        rows.append(
            {
                "id": event_id(doc_id, e),
                "doc_id": doc_id,
                "type": e.type,
                "trigger": {"text": e.trigger, "start": e.trigger_start, "end": e.trigger_end},
                "arguments": [
                    {
                        "role": a.role,
                        "entity_id": entities.at(doc_id, a.start, a.end),
                        "text": a.text,
                        "start": a.start,
                        "end": a.end,
                    }
                    for a in e.arguments
                ],
                "time": e.time,
                "modality": e.modality,
                "claim_id": claim_ids.get((doc_id, e.claim)) if e.claim is not None else None,
                "story_id": story_of.get(doc_id),
            }
        )
    return sorted(rows, key=lambda r: (r["doc_id"], r["trigger"]["start"], r["id"]))


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
