"""Resolve stage: the cross-document picture, recomputed from stored annotations."""

from __future__ import annotations

from veille.kb import load_kb
from veille.records import Resolution
from veille.resolve.dedup import NUM_PERM, canonical_copies, copy_links
from veille.resolve.entities import merge_entities
from veille.resolve.stories import cluster_stories
from veille.resolve.views import assigned, views
from veille.settings import Settings
from veille.store.base import Store


def resolve(store: Store, settings: Settings) -> Resolution:
    """1. copies: duplicates (exact and near) and derived articles, from stored MinHash
    signatures; 2. entities merged across documents; 3. stories; then stored in one go."""
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
    _, events = views(mentions, store.descriptions(), store.claims(), store.events(), kb)
    stories, story_of = cluster_stories(  # 3
        documents,
        mentions,
        events,
        copy_of,
        entities,
        settings.story_window_days,
        settings.story_threshold,
    )
    resolution = Resolution(
        entities=tuple(entities),
        mention_entities=tuple(assignment),
        duplicate_of=tuple(sorted(duplicate_of.items())),
        links=tuple(links),
        stories=tuple(stories),
        story_of=tuple(sorted(story_of.items())),
    )
    store.replace_resolution(resolution)
    return resolution
