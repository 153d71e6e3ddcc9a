"""Exact and near-duplicate documents: MinHash LSH proposes pairs, exact Jaccard confirms.

Confirming with the true shingle Jaccard keeps the result deterministic and the score
meaningful; MinHash only keeps the candidate search sub-quadratic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from datasketch import MinHash, MinHashLSH

from veille.records import Document, Link

_WORD = re.compile(r"\w+", re.UNICODE)
NUM_PERM = 128


def shingles(text: str, size: int) -> set[str]:
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def duplicate_pairs(
    documents: Sequence[Document], threshold: float, shingle_size: int
) -> list[Link]:
    """All pairs of documents whose word-shingle Jaccard is at least ``threshold``."""
    sets = {doc.id: shingles(doc.text, shingle_size) for doc in documents}
    lsh = MinHashLSH(threshold=max(0.1, threshold - 0.15), num_perm=NUM_PERM)
    hashes: dict[str, MinHash] = {}
    for doc_id in sorted(sets):
        mh = MinHash(num_perm=NUM_PERM, seed=1)
        mh.update_batch([s.encode("utf-8") for s in sets[doc_id]])
        hashes[doc_id] = mh
        lsh.insert(doc_id, mh)
    links = []
    for doc_id in sorted(sets):
        for other in lsh.query(hashes[doc_id]):
            if other <= doc_id:
                continue
            score = jaccard(sets[doc_id], sets[other])
            if score >= threshold:
                links.append(Link("duplicate", doc_id, other, round(score, 4)))
    return sorted(links, key=lambda lk: (lk.a, lk.b))


def canonical_copies(documents: Sequence[Document], links: Sequence[Link]) -> dict[str, str]:
    """Map each duplicate to the first-published copy of its group (ties: smallest id)."""
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
        # Unknown dates sort last: the copy we can date is the better original.
        first = min(members, key=lambda d: (d.published.value or "9999", d.id))
        for doc in members:
            if doc.id != first.id:
                result[doc.id] = first.id
    return result
