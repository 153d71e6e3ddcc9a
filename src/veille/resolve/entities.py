"""Entities across documents (v0): mentions whose names normalise alike are one entity.

Normalisation folds case, diacritics, hyphens and spacing, so "Kim Jong-Un", "Kim Jong-un" and
"Kim Jong Un" meet. Knowledge-base linking, short forms and descriptions come in the entity
stage proper; this keeps the contract (ids, aliases, counts) in place for it.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence

from veille.ids import make_id
from veille.records import Entity, EntityType, StoredMention


def name_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def merge_entities(
    mentions: Sequence[StoredMention],
) -> tuple[list[Entity], list[tuple[str, int, int, str]]]:
    """Entities and the (doc_id, start, end, entity_id) assignment of every mention."""
    groups: dict[str, list[StoredMention]] = defaultdict(list)
    for sm in mentions:
        key = name_key(sm.mention.text)
        if key:
            groups[key].append(sm)
    entities: list[Entity] = []
    assignment: list[tuple[str, int, int, str]] = []
    for key, members in sorted(groups.items()):
        entity_id = make_id("ent", key)
        forms = Counter(m.mention.text for m in members)
        # Most frequent spelling names the entity; ties go to the longer, then alphabetical.
        name = min(forms, key=lambda form: (-forms[form], -len(form), form))
        types: Counter[EntityType] = Counter(m.mention.type for m in members)
        kind = min(types, key=lambda t: (-types[t], t))
        entities.append(
            Entity(
                id=entity_id,
                name=name,
                type=kind,
                aliases=tuple(sorted(forms)),
                mentions=len(members),
                documents=len({m.doc_id for m in members}),
            )
        )
        assignment.extend((m.doc_id, m.mention.start, m.mention.end, entity_id) for m in members)
    return entities, assignment
