"""Throughput of veille's per-document stages against spaCy alone, on the same documents.

    python benchmarks/throughput.py [PATH ...] [--repeat 5] [--copies 10]

spaCy's parser is the floor cost: DESIGN.md asks the whole per-document pipeline (clean +
annotate: spaCy plus veille's components) to keep at least 75% of spaCy's own throughput.
Machines are shared and noisy, so the script reports medians over repeats and the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import spacy

from veille.annotate import annotate
from veille.clean import clean
from veille.ingest import iter_raw
from veille.records import Document, RawDocument
from veille.settings import Settings

REPO = Path(__file__).resolve().parents[1]


def documents(paths: list[str], settings: Settings) -> tuple[list[RawDocument], list[Document]]:
    raws = [r for r in iter_raw(paths, settings) if isinstance(r, RawDocument)]
    docs = [d for d in (clean(r, settings) for r in raws) if isinstance(d, Document)]
    return raws, [d for d in docs if d.language == "fr"]


def timed(run: object) -> float:
    start = time.perf_counter()
    run()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(REPO / "examples" / "corpus")])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=10, help="corpus copies per run")
    args = parser.parse_args()
    settings = Settings()
    raws, docs = documents(args.paths, settings)
    raws = [r for r in raws if r.language in (None, "fr")] * args.copies
    docs = docs * args.copies
    chars = sum(len(d.text) for d in docs)
    nlp = spacy.load(settings.nlp_fr)
    list(annotate(docs[:2], settings))  # load and warm both pipelines before timing
    list(nlp.pipe(d.text for d in docs[:2]))

    def spacy_alone() -> None:
        for _ in nlp.pipe((d.text for d in docs), batch_size=settings.nlp_batch_size):
            pass

    def veille_annotate() -> None:
        for _ in annotate(docs, settings):
            pass

    def veille_clean_annotate() -> None:
        cleaned = [d for d in (clean(r, settings) for r in raws) if isinstance(d, Document)]
        for _ in annotate(cleaned, settings):
            pass

    runs = {
        "spaCy alone": spacy_alone,
        "veille annotate": veille_annotate,
        "veille clean + annotate": veille_clean_annotate,
    }
    samples: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.repeat):  # interleaved, so drift in machine load hits all alike
        for name, run in runs.items():
            samples[name].append(timed(run))
    rows = [(name, statistics.median(values)) for name, values in samples.items()]
    base = rows[0][1]
    print(f"{len(docs)} French documents, {chars} characters, median of {args.repeat} runs")
    print(f"{'pipeline':<26}{'seconds':>9}{'docs/s':>9}{'share of spaCy':>16}")
    for name, seconds in rows:
        print(f"{name:<26}{seconds:9.2f}{len(docs) / seconds:9.1f}{base / seconds:16.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
