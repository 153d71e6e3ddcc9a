"""Copies across documents: exact and near-duplicates, and derived articles.

- ``duplicate``: word-shingle Jaccard >= ``near_duplicate_threshold`` (the same text, give or
  take furniture and a reworded sentence);
- ``derived``: a rewrite, excerpt or reprise of one dispatch: the share of the shorter text's
  shingles found in the longer (containment) >= ``derived_threshold``. Two articles written
  independently on one event share names and set phrases, but few runs of five words: their
  containment stays far below (a few per cent on the examples).

MinHash LSH proposes the pairs (Jaccard threshold 0.1, bands weighted towards recall, so that
an excerpt a tenth the length of its original is still proposed); the true shingle sets
confirm and score them, which keeps the result deterministic. Signatures are kept in the
store, so an article already seen is never re-hashed; only the candidates' shingle sets are
rebuilt to confirm.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from veille.records import Document, Link

_WORD = re.compile(r"\w+", re.UNICODE)
NUM_PERM = 128
SEED = 1
# Stated, not defaulted: stored signatures are only comparable within one permutation scheme.
SCHEME = "affine32"
_DTYPE = "<u4"
# LSH band threshold (Jaccard) for proposing candidate pairs; confirmation is exact.
CANDIDATE_JACCARD = 0.1
# False positives cost one exact comparison, false negatives a missed copy: favour recall.
LSH_WEIGHTS = (0.2, 0.8)
# A text of fewer shingles (a headline, a caption) is too short to call derived.
MIN_DERIVED_SHINGLES = 20


def shingles(text: str, size: int) -> set[str]:
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the other."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def minhash(shingle_set: set[str]) -> MinHash:
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    mh.update_batch([s.encode("utf-8") for s in sorted(shingle_set)])
    return mh


def to_bytes(mh: MinHash) -> bytes:
    return np.asarray(mh.hashvalues, dtype=_DTYPE).tobytes()


def from_bytes(values: bytes) -> MinHash:
    return MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        scheme=SCHEME,
        hashvalues=np.frombuffer(values, dtype=_DTYPE).astype(np.uint32),
    )


def _date_key(doc: Document) -> tuple[str, str]:
    """Earliest dated first; unknown dates last (the copy we can date is the better original)."""
    return (doc.published.value or "9999", doc.id)


def copy_links(
    documents: Sequence[Document],
    near_threshold: float,
    derived_threshold: float,
    shingle_size: int,
    stored: dict[str, tuple[int, bytes]] | None = None,
    on_new_signature: Callable[[str, int, bytes], None] | None = None,
) -> list[Link]:
    """``duplicate`` links (a < b by id) and ``derived`` links (a = the original, b = the copy).

    ``stored`` holds signatures computed before (doc_id -> (shingles, bytes)); new ones are
    handed to ``on_new_signature`` so the caller can keep them.
    """
    stored = stored or {}
    by_id = {doc.id: doc for doc in documents}
    sets: dict[str, set[str]] = {}

    def shingle_set(doc_id: str) -> set[str]:
        if doc_id not in sets:
            sets[doc_id] = shingles(by_id[doc_id].text, shingle_size)
        return sets[doc_id]

    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM, weights=LSH_WEIGHTS)
    hashes: dict[str, MinHash] = {}
    for doc_id in sorted(by_id):
        if doc_id in stored:
            hashes[doc_id] = from_bytes(stored[doc_id][1])
        else:
            found = shingle_set(doc_id)
            hashes[doc_id] = minhash(found)
            if on_new_signature is not None:
                on_new_signature(doc_id, len(found), to_bytes(hashes[doc_id]))
        lsh.insert(doc_id, hashes[doc_id])
    links = []
    for doc_id in sorted(by_id):
        for other in sorted(lsh.query(hashes[doc_id])):
            if other <= doc_id:
                continue
            a, b = shingle_set(doc_id), shingle_set(other)
            score = jaccard(a, b)
            if score >= near_threshold:
                links.append(Link("duplicate", doc_id, other, round(score, 4)))
                continue
            share = containment(a, b)
            if share >= derived_threshold and min(len(a), len(b)) >= MIN_DERIVED_SHINGLES:
                first, second = sorted((by_id[doc_id], by_id[other]), key=_date_key)
                links.append(Link("derived", first.id, second.id, round(share, 4)))
    return sorted(links, key=lambda lk: (lk.kind, lk.a, lk.b))


def duplicate_pairs(
    documents: Sequence[Document], threshold: float, shingle_size: int
) -> list[Link]:
    """All pairs of documents whose word-shingle Jaccard is at least ``threshold``."""
    links = copy_links(documents, threshold, 2.0, shingle_size)
    return [lk for lk in links if lk.kind == "duplicate"]


def canonical_copies(documents: Sequence[Document], links: Sequence[Link]) -> dict[str, str]:
    """Map each copy to the first-published document of its group (ties: smallest id).

    Called with ``duplicate`` links this gives ``duplicate_of``; with ``derived`` ones too, the
    dispatch each article comes from (copies of one dispatch are one source)."""
    parent = {doc.id: doc.id for doc in documents}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        parent[find(link.a)] = find(link.b)
    groups: dict[str, list[Document]] = {}
    for doc in documents:
        groups.setdefault(find(doc.id), []).append(doc)
    result = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        first = min(members, key=_date_key)
        for doc in members:
            if doc.id != first.id:
                result[doc.id] = first.id
    return result
