"""Copy detection and story assignment at scale, on generated documents.

    python benchmarks/crossdoc.py [--sizes 1000 10000 100000] [--brute-force-max 3000]

Documents are generated from a seeded vocabulary: dispatches of ~250 words, a fifth of the
documents being variants of an earlier one (paragraphs reordered, trimmed, re-headlined,
boilerplate added, words dropped). Reported per size: time and peak memory of copy detection
(MinHash LSH, then exact confirmation), recall of the true copy pairs, the same against
brute-force all pairs where affordable, the cost of adding one document when every other
signature is already stored, and the time of story assignment (entity-indexed candidates)
with its B-cubed F1 against the generating stories.
"""

from __future__ import annotations

import argparse
import random
import resource
import time

from veille.eval.metrics import bcubed
from veille.records import Document, Entity, Mention, OffsetMap, PubDate, StoredMention
from veille.resolve.dedup import copy_links, shingles
from veille.resolve.stories import cluster_stories

WORDS = [f"w{i}" for i in range(20000)]


def generate(n: int, seed: int = 1) -> tuple[list[Document], set[frozenset[str]], dict[str, str]]:
    rng = random.Random(seed)
    docs: list[Document] = []
    pairs: set[frozenset[str]] = set()
    story_of: dict[str, str] = {}
    originals: list[tuple[str, list[str], str]] = []
    for i in range(n):
        doc_id = f"doc_{i:07d}"
        day = 1 + (i * 365) // max(n, 1)
        published = f"2023-{1 + (day - 1) // 31 % 12:02d}-{1 + (day - 1) % 28:02d}"
        if originals and rng.random() < 0.2:
            source_id, paras, story = originals[
                rng.randrange(max(0, len(originals) - 50), len(originals))
            ]
            variant = paras[:]
            rng.shuffle(variant)
            variant = variant[: max(2, len(variant) - rng.randrange(3))]
            variant = [" ".join(w for j, w in enumerate(p.split()) if j % 9 != 8) for p in variant]
            text = "Titre repris\n\n" + "\n\n".join(variant) + "\n\nPartager Publicité"
            pairs.add(frozenset((doc_id, source_id)))
        else:
            story = f"story_{i // 20}"
            paras = [" ".join(rng.choice(WORDS) for _ in range(50)) for _ in range(5)]
            originals.append((doc_id, paras, story))
            text = "\n\n".join(paras)
        story_of[doc_id] = story
        docs.append(
            Document(
                doc_id, doc_id, doc_id, text, text, OffsetMap(), "fr", PubDate(published, "day")
            )
        )
    return docs, pairs, story_of


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def brute_force(docs: list[Document]) -> set[frozenset[str]]:
    sets = {d.id: shingles(d.text, 5) for d in docs}
    found = set()
    ids = sorted(sets)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            inter = len(sets[a] & sets[b])
            if inter and inter / min(len(sets[a]), len(sets[b])) >= 0.3:
                found.add(frozenset((a, b)))
    return found


def stories_run(docs: list[Document], truth: dict[str, str]) -> tuple[float, float]:
    """Entities drawn from each generating story's pool (a few shared across all stories)."""
    rng = random.Random(2)
    mentions = []
    common = [f"ent_country_{k}" for k in range(5)]
    for d in docs:
        pool = [f"ent_{truth[d.id]}_{k}" for k in range(6)]
        for k, e in enumerate(rng.sample(pool, 4) + rng.sample(common, 2)):
            mentions.append(StoredMention(d.id, Mention(k * 10, k * 10 + 5, e, "PERSON", "KB"), e))
    entities = [
        Entity(e, e, "PERSON", (e,), 1, 1) for e in sorted({m.entity_id or "" for m in mentions})
    ]
    start = time.perf_counter()
    _, story_of = cluster_stories(docs, mentions, [], {}, entities, 10, 0.35)
    elapsed = time.perf_counter() - start
    return elapsed, bcubed(truth, story_of).f1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--brute-force-max", type=int, default=3000)
    args = parser.parse_args()
    print(
        "size  copies_s  peak_MB  recall  brute_s  brute_recall  add_one_s  stories_s  stories_F1"
    )
    for n in args.sizes:
        docs, truth, story_truth = generate(n)
        stored: dict[str, tuple[int, bytes]] = {}

        def keep(
            doc_id: str, size: int, values: bytes, into: dict[str, tuple[int, bytes]] = stored
        ) -> None:
            into[doc_id] = (size, values)

        start = time.perf_counter()
        links = copy_links(docs[:-1], 0.7, 0.3, 5, on_new_signature=keep)
        copies_s = time.perf_counter() - start
        found = {frozenset((lk.a, lk.b)) for lk in links}
        wanted = {p for p in truth if docs[-1].id not in p}
        recall = len(found & wanted) / len(wanted) if wanted else 1.0
        start = time.perf_counter()
        copy_links(docs, 0.7, 0.3, 5, stored)  # one new document, every other signature stored
        add_one = time.perf_counter() - start
        brute_s, brute_recall = float("nan"), float("nan")
        if n <= args.brute_force_max:
            start = time.perf_counter()
            brute = brute_force(docs[:-1])
            brute_s = time.perf_counter() - start
            brute_recall = len(brute & wanted) / len(wanted) if wanted else 1.0
        stories_s, stories_f1 = stories_run(docs, story_truth)
        print(
            f"{n:<6}{copies_s:9.2f}{peak_mb():9.0f}{recall:8.3f}{brute_s:9.2f}{brute_recall:14.3f}"
            f"{add_one:11.2f}{stories_s:11.2f}{stories_f1:12.3f}"
        )


if __name__ == "__main__":
    main()
