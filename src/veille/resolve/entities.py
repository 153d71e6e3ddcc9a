"""Entities across documents: one record per thing, with its aliases and counts.

1. mentions are grouped by knowledge-base entry when linked, else by their within-document
   entity key (``name:<name key of the full name>``), so "Kim" goes where its document put it;
2. unlinked groups of one type whose names are spelling variants (rapidfuzz ``ratio``) are
   merged, and so are those that spell a KB-linked entity's name or alias;
3. a bare surname with no full name in its document joins the one entity whose full name
   starts or ends with it, if there is exactly one;
4. each entity gets a deterministic id (from its KB entry, or from its canonical name's key),
   its KB name and Wikidata id when linked, its most complete written form otherwise.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from veille.extract.entities.linking import spelling_variants
from veille.extract.entities.stage import VARIANT_THRESHOLD
from veille.ids import make_id
from veille.kb import Entry, KnowledgeBase, load_kb, name_key, word_key
from veille.records import Entity, EntityType, StoredMention

__all__ = ["merge_entities", "name_key"]


def _group_key(sm: StoredMention) -> str | None:
    m = sm.mention
    if m.kb_entry:
        return f"kb:{m.kb_entry}"
    if m.cluster and m.cluster.startswith("name:"):
        return m.cluster
    key = name_key(m.text)
    return f"name:{key}" if key else None


class _Groups:
    """Union-find over group keys; the root is the smallest key, KB keys first."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra.startswith("kb:") and rb.startswith("kb:"):
            return  # two KB entries are two things, whatever spelling sits between them
        if ra != rb:
            first, second = sorted((ra, rb), key=lambda k: (not k.startswith("kb:"), k))
            self.parent[second] = first


def _majority_type(members: list[StoredMention]) -> EntityType:
    types: Counter[EntityType] = Counter(m.mention.type for m in members)
    return min(types, key=lambda t: (-types[t], t))


def _canonical_form(forms: Counter[str]) -> str:
    """The most complete spelling: most words, then most used, then longest, then alphabetical."""
    return min(forms, key=lambda f: (-len(word_key(f)), -forms[f], -len(f), f))


def merge_entities(
    mentions: Sequence[StoredMention],
    kb: KnowledgeBase | None = None,
    threshold: float = VARIANT_THRESHOLD,
) -> tuple[list[Entity], list[tuple[str, int, int, str]]]:
    """Entities and the (doc_id, start, end, entity_id) assignment of every mention."""
    kb = kb or load_kb()
    groups: dict[str, list[StoredMention]] = defaultdict(list)
    for sm in mentions:
        key = _group_key(sm)
        if key:
            groups[key].append(sm)  # 1
    union = _Groups(sorted(groups))
    _merge_variants(groups, union, kb, threshold)  # 2
    _attach_surnames(groups, union)  # 3
    merged: dict[str, list[StoredMention]] = defaultdict(list)
    for key, members in groups.items():
        merged[union.find(key)].extend(members)
    entities: list[Entity] = []
    assignment: list[tuple[str, int, int, str]] = []
    for root, members in sorted(merged.items()):
        entity = _entity(root, members, kb)  # 4
        entities.append(entity)
        assignment.extend((m.doc_id, m.mention.start, m.mention.end, entity.id) for m in members)
    return sorted(entities, key=lambda e: e.id), assignment


def _merge_variants(
    groups: dict[str, list[StoredMention]], union: _Groups, kb: KnowledgeBase, threshold: float
) -> None:
    """Unlinked groups join any group of their type one of whose names they spell closely.

    Names are compared within blocks of one type and first letter; names with different
    digits are never variants ("Hwasong-17", "Hwasong-18").
    """
    blocks: dict[tuple[EntityType, str], list[tuple[str, str]]] = defaultdict(list)
    for key, members in sorted(groups.items()):
        forms = {key.removeprefix("name:")} if key.startswith("name:") else set()
        entry = kb.get(key[3:]) if key.startswith("kb:") else None
        if entry is not None:
            forms |= {name_key(a) for a in kb_forms(entry)} | {
                name_key(m.mention.text) for m in members
            }
        kind = _majority_type(members)
        for form in sorted(f for f in forms if f):
            blocks[(kind, form[0])].append((form, key))
    for pairs in blocks.values():
        for a, key_a in pairs:
            if not key_a.startswith("name:"):
                continue
            for b, key_b in pairs:
                if key_b != key_a and spelling_variants(a, b, threshold):
                    union.union(key_a, key_b)


def kb_forms(entry: Entry) -> set[str]:
    """Every name and alias of an entry, in every language."""
    return {a for lang in (*entry.names, *entry.aliases) for a in entry.aliases_for(lang)}


def _attach_surnames(groups: dict[str, list[StoredMention]], union: _Groups) -> None:
    people = {k: v for k, v in groups.items() if _majority_type(v) == "PERSON"}
    fulls: dict[str, set[tuple[str, ...]]] = {
        key: {word_key(m.mention.text) for m in members if len(word_key(m.mention.text)) > 1}
        for key, members in people.items()
    }
    for key, members in sorted(people.items()):
        if key.startswith("kb:") or fulls[key]:
            continue
        surname = word_key(members[0].mention.text)
        owners = {
            union.find(other)
            for other, names in fulls.items()
            if any(n[: len(surname)] == surname or n[-len(surname) :] == surname for n in names)
        }
        if len(owners) == 1:
            union.union(key, owners.pop())


def _entity(root: str, members: list[StoredMention], kb: KnowledgeBase) -> Entity:
    forms = Counter(m.mention.text for m in members)
    entry = kb.get(root[3:]) if root.startswith("kb:") else None
    if entry is not None:
        entity_id, name, kind, qid = (
            make_id("ent", entry.id),
            entry.name("fr"),
            entry.type,
            entry.qid,
        )
    else:
        name = _canonical_form(forms)
        entity_id, kind, qid = make_id("ent", name_key(name)), _majority_type(members), None
    return Entity(
        id=entity_id,
        name=name,
        type=kind,
        aliases=tuple(sorted(forms)),
        mentions=len(members),
        documents=len({m.doc_id for m in members}),
        kb_id=qid,
    )
