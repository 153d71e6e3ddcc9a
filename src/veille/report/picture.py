"""The dossier's picture across documents: the story overview and the contested propositions.

Counts collapse copies: "3 outlets, 1 source" when three outlets ran one dispatch.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from veille.records import StoredDocument
from veille.store.base import Store

Record = dict[str, Any]
_POSITIVE = ("assert", "allege")


def story_overview(
    store: Store,
    by_id: dict[str, StoredDocument],
    names: dict[str, str],
    events: list[Record],
) -> list[Record]:
    """Each story with its dates, outlets, sources (copies once) and key events."""
    rows = []
    for story in store.stories():
        members = [by_id[d] for d in story.doc_ids if d in by_id]
        outlets = sorted({s.document.outlet or "(unknown outlet)" for s in members})
        sources = {s.duplicate_of or s.document.id for s in members}
        kinds = Counter(
            (e["type"], _agent(e, names) or "")
            for e in events
            if e["doc_id"] in story.doc_ids and e["type"] not in ("OTHER", "ACCUSE", "DENY")
        )
        key_events = [
            f"{kind} ({agent})" if agent else kind
            for (kind, agent), _ in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[:4]
        ]
        rows.append(
            {
                "id": story.id,
                "label": story.label,
                "first": story.first_published,
                "last": story.last_published,
                "documents": members,
                "outlets": outlets,
                "sources": len(sources),
                "events": key_events,
            }
        )
    return sorted(rows, key=lambda r: (r["first"] or "9999", r["id"]))


def contested(
    records: dict[str, list[Record]],
    by_id: dict[str, StoredDocument],
    names: dict[str, str],
) -> list[Record]:
    """Every proposition asserted or alleged by some and denied by others, side by side."""
    claims = {c["id"]: c for c in records["claims"]}
    rows = []
    for p in records["propositions"]:
        stances = p["stances"]
        positive = [claims[c] for s in _POSITIVE for c in stances.get(s, []) if c in claims]
        denying = [claims[c] for c in stances.get("deny", []) if c in claims]
        if not positive or not denying:
            continue
        other = p["recipient"] or p["target"]
        title = " → ".join(x for x in (names.get(p["agent"] or ""), names.get(other or "")) if x)
        rows.append(
            {
                "id": p["id"],
                "title": f"{p['type']}: {title}" if title else p["type"],
                "time": p["time"],
                "outlets": len(p["outlets"]),
                "sources": p["independent_sources"],
                "for": sorted((_said(c, by_id, names) for c in positive), key=_date),
                "against": sorted((_said(c, by_id, names) for c in denying), key=_date),
            }
        )
    return sorted(rows, key=lambda r: (-len(r["for"]) - len(r["against"]), r["id"]))


def _date(said: Record) -> tuple[str, str]:
    return (said["published"] or "9999", said["doc_id"])


def _agent(event: Record, names: dict[str, str]) -> str | None:
    for arg in event["arguments"]:
        if arg["role"] == "agent":
            return names.get(arg["entity_id"] or "") or arg["text"]
    return None


def _said(claim: Record, by_id: dict[str, StoredDocument], names: dict[str, str]) -> Record:
    doc = by_id[claim["doc_id"]].document
    return {
        "speaker": names.get(claim["speaker_entity_id"] or "") or claim["speaker"],
        "text": claim["text"],
        "doc_id": doc.id,
        "title": doc.title or doc.id,
        "outlet": doc.outlet,
        "published": doc.published.value,
        "is_copy": by_id[claim["doc_id"]].duplicate_of is not None,
    }
