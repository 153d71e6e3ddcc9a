"""Resolve stage: the cross-document picture, recomputed from stored annotations."""

from __future__ import annotations

from veille.records import Resolution
from veille.resolve.dedup import canonical_copies, duplicate_pairs
from veille.resolve.entities import merge_entities
from veille.settings import Settings
from veille.store.base import Store


def resolve(store: Store, settings: Settings) -> Resolution:
    """1. duplicates (exact and near), 2. entities merged across documents; then stored."""
    documents = [stored.document for stored in store.documents()]
    links = duplicate_pairs(documents, settings.near_duplicate_threshold, settings.shingle_size)
    duplicate_of = canonical_copies(documents, links)
    entities, assignment = merge_entities(store.mentions())
    resolution = Resolution(
        entities=tuple(entities),
        mention_entities=tuple(assignment),
        duplicate_of=tuple(sorted(duplicate_of.items())),
        links=tuple(links),
    )
    store.replace_resolution(resolution)
    return resolution
