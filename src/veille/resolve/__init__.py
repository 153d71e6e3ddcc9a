"""Resolve stage: the cross-document picture, recomputed from stored annotations."""

from __future__ import annotations

from veille.ids import make_id
from veille.kb import KnowledgeBase, load_kb
from veille.records import Resolution, StoredMention
from veille.resolve.dedup import NUM_PERM, canonical_copies, copy_links
from veille.resolve.entities import merge_entities
from veille.resolve.figures import disagreements
from veille.resolve.propositions import Actor, build_propositions
from veille.resolve.stories import cluster_stories
from veille.resolve.views import assigned, views
from veille.settings import Settings
from veille.store.base import Store


def resolve(store: Store, settings: Settings) -> Resolution:
    """1. copies: duplicates (exact and near) and derived articles, from stored MinHash
    signatures; 2. entities merged across documents; 3. stories; 4. propositions with their
    ``same_event``, ``corroborates`` and ``contradicts`` links; 5. figures that disagree;
    then stored in one go."""
    documents = [stored.document for stored in store.documents()]
    new_signatures: list[tuple[str, int, bytes]] = []
    links = copy_links(  # 1
        documents,
        settings.near_duplicate_threshold,
        settings.derived_threshold,
        settings.shingle_size,
        store.signatures(settings.shingle_size, NUM_PERM),
        lambda doc_id, n, values: new_signatures.append((doc_id, n, values)),
    )
    if new_signatures:
        store.add_signatures(settings.shingle_size, NUM_PERM, new_signatures)
    duplicate_of = canonical_copies(documents, [lk for lk in links if lk.kind == "duplicate"])
    copy_of = canonical_copies(documents, links)
    entities, assignment = merge_entities(store.mentions())  # 2
    kb = load_kb()
    mentions = assigned(store.mentions(), assignment)
    claims, events = views(mentions, store.descriptions(), store.claims(), store.events(), kb)
    stories, story_of = cluster_stories(  # 3
        documents,
        mentions,
        events,
        copy_of,
        entities,
        settings.story_window_days,
        settings.story_threshold,
    )
    propositions, claim_links = build_propositions(  # 4
        claims, events, documents, copy_of, story_of, government_of(mentions, kb)
    )
    figures = disagreements(store.quantities(), documents, story_of)  # 5
    links = sorted([*links, *claim_links, *figures], key=lambda lk: (lk.kind, lk.a, lk.b))
    resolution = Resolution(
        entities=tuple(entities),
        mention_entities=tuple(assignment),
        duplicate_of=tuple(sorted(duplicate_of.items())),
        links=tuple(links),
        stories=tuple(stories),
        story_of=tuple(sorted(story_of.items())),
        propositions=tuple(propositions),
    )
    store.replace_resolution(resolution)
    return resolution


def government_of(mentions: list[StoredMention], kb: KnowledgeBase) -> Actor:
    """The actor an entity stands for in a proposition: a capital or a seat of power is its
    country's government, a person holding an office at the time is the office's country (or
    organisation); anything else is itself."""
    entry_of = {sm.entity_id: sm.mention.kb_entry for sm in mentions if sm.mention.kb_entry}

    def actor(entity_id: str | None, when: str | None) -> str | None:
        if entity_id is None:
            return None
        entry = kb.get(entry_of.get(entity_id))
        if entry is None:
            return entity_id
        found = kb.country_of(entry.id)
        for role in entry.roles if found is None else ():
            if role.active(when):
                found = role.country or (role.org and (kb.country_of(role.org) or role.org))
                if found:
                    break
        return make_id("ent", found) if found else entity_id

    return actor
