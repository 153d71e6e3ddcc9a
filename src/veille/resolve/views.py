"""Claims and events as the cross-document stage sees them: ids, entities, item categories.

The same span -> entity rule as the export (``export.EntityIndex``), applied to the mentions
with the entity ids this resolution has just assigned, so stories and propositions never read
a stale assignment.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from veille.export import EntityIndex, claim_id, event_id
from veille.kb import KnowledgeBase
from veille.records import Claim, Description, Event, StoredMention


@dataclass(frozen=True)
class ClaimView:
    id: str
    doc_id: str
    stance: str
    speaker: str | None  # entity id
    speaker_kind: str
    start: int
    end: int
    parent: str | None = None  # the claim this one is nested in


@dataclass(frozen=True)
class EventView:
    id: str
    doc_id: str
    type: str
    agent: str | None
    recipient: str | None
    target: str | None
    item: str | None  # equipment category (KB entry) or entity id of the thing handed over
    item_text: str | None
    time: str | None
    modality: str
    claim: ClaimView | None
    start: int


def assigned(
    mentions: Sequence[StoredMention], assignment: Sequence[tuple[str, int, int, str]]
) -> list[StoredMention]:
    """Mentions carrying the entity ids of ``assignment`` (doc_id, start, end, entity_id)."""
    table = {(doc, start, end): eid for doc, start, end, eid in assignment}
    return [
        replace(sm, entity_id=table.get((sm.doc_id, sm.mention.start, sm.mention.end)))
        for sm in mentions
    ]


def views(
    mentions: list[StoredMention],
    descriptions: list[tuple[str, Description]],
    claims: list[tuple[str, Claim]],
    events: list[tuple[str, Event]],
    kb: KnowledgeBase,
) -> tuple[list[ClaimView], list[EventView]]:
    index = EntityIndex(mentions, descriptions)
    categories: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for sm in mentions:
        m = sm.mention
        entry = kb.get(m.kb_entry) if m.kb_entry else None
        category = m.category or (m.kb_entry if entry is not None and entry.is_category else None)
        if category:
            categories[sm.doc_id].append((m.start, m.end, category))
    ids: dict[str, list[str]] = defaultdict(list)
    for doc_id, c in claims:
        ids[doc_id].append(claim_id(doc_id, c))
    per_doc: dict[str, list[ClaimView]] = defaultdict(list)
    claim_views = []
    for doc_id, c in claims:
        mine = ids[doc_id]
        view = ClaimView(
            claim_id(doc_id, c),
            doc_id,
            c.stance,
            index.at(doc_id, c.speaker_start, c.speaker_end, speaker=True),
            c.speaker_kind,
            c.start,
            c.end,
            mine[c.parent] if c.parent is not None and c.parent < len(mine) else None,
        )
        per_doc[doc_id].append(view)
        claim_views.append(view)
    event_views = []
    for doc_id, e in events:
        roles: dict[str, tuple[str | None, str, int, int]] = {}
        for a in e.arguments:
            roles.setdefault(a.role, (index.at(doc_id, a.start, a.end), a.text, a.start, a.end))
        item = roles.get("item")
        item_kind = None
        if item is not None:
            found = [c for c in categories.get(doc_id, ()) if c[0] < item[3] and item[2] < c[1]]
            item_kind = found[0][2] if found else item[0]
        owner = per_doc.get(doc_id, [])
        event_views.append(
            EventView(
                event_id(doc_id, e),
                doc_id,
                e.type,
                roles.get("agent", (None,))[0],
                roles.get("recipient", (None,))[0],
                roles.get("target", (None,))[0],
                item_kind,
                item[1] if item else None,
                e.time,
                e.modality,
                owner[e.claim] if e.claim is not None and e.claim < len(owner) else None,
                e.trigger_start,
            )
        )
    return claim_views, event_views
