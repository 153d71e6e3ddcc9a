"""Inter-annotator agreement: annotator B's gold scored against annotator A's.

Both gold folders are anchored on the same clean texts, then B is turned into export-shaped
records and scored with the very rules used for the system (docs/eval.md), so agreement and
system scores read on one scale. F1 is symmetric in A and B.

    python -m veille.eval.agreement examples/gold examples/gold-b [--disagreements]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from veille.eval.gold import Gold, load_gold
from veille.eval.metrics import Score
from veille.eval.offsets import default_cache, is_offset_gold, read_sources, resolve_offsets
from veille.eval.score import Anchored, anchor_gold, score_all
from veille.settings import Settings

Record = dict[str, Any]


def as_predicted(gold: Gold, anchored: Anchored) -> dict[str, list[Record]]:
    """Gold records in the export's shape: entities identified by their canonical name."""
    ids = anchored.doc_ids
    spans = anchored.records

    def located(rows: list[Record]) -> list[Record]:
        return [
            {**row, "start": row["span"][0], "end": row["span"][1]}
            for row in rows
            if row["span"] is not None
        ]

    events = []
    for row in located(spans["events"]):
        arguments = [{**a, "entity_id": a.get("entity")} for a in row.get("arguments", [])]
        events.append({**row, "arguments": arguments})
    story_of = {key: s["label"] for s in gold.records["stories"] for key in s.get("docs", [])}
    published = {d["doc"]: d.get("published") for d in gold.records["documents"]}
    return {
        "documents": [
            {"id": doc_id, "story_id": story_of.get(key), "published": published.get(key)}
            for key, doc_id in ids.items()
        ],
        "entities": [{"id": name, **e} for name, e in gold.entities.items()],
        "mentions": [{**m, "entity_id": m.get("entity")} for m in located(spans["mentions"])],
        "times": located(spans["times"]),
        "quantities": located(spans["quantities"]),
        "claims": [
            {**c, "speaker_entity_id": c.get("speaker_entity")} for c in located(spans["claims"])
        ],
        "events": events,
        "links": [
            {**lk, "a": ids[lk["a"]], "b": ids[lk["b"]]}
            for lk in gold.records["links"]
            if lk.get("kind") in ("duplicate", "derived")
            and lk.get("a") in ids
            and lk.get("b") in ids
        ]
        + [lk for lk in gold.records["links"] if lk.get("kind") in ("corroborates", "contradicts")],
    }


def agreement(
    folder_a: str | Path,
    folder_b: str | Path,
    settings: Settings,
    misses: dict[str, list[tuple[str, object]]] | None = None,
) -> dict[str, Score]:
    from veille.eval import _match_documents
    from veille.pipeline import run_pipeline
    from veille.store import SQLiteStore

    gold_a, gold_b = load_gold(folder_a), load_gold(folder_b)
    corpus = gold_a.folder.parent / "corpus"
    if is_offset_gold(gold_a):  # real-press gold: both folders read against the cached texts
        corpus = default_cache(gold_a.folder)
        gold_a = resolve_offsets(gold_a, read_sources(gold_a, corpus))
        gold_b = resolve_offsets(gold_b, read_sources(gold_b, corpus))
    with SQLiteStore(":memory:") as store:
        paths = [str(corpus / d["file"]) for d in gold_a.documents if d.get("file")]
        run_pipeline(paths, store, settings)
        stored = [s.document for s in store.documents()]
    texts = {d.id: d.text for d in stored}
    anchored_a = anchor_gold(gold_a, texts, _match_documents(gold_a, stored))
    anchored_b = anchor_gold(gold_b, texts, _match_documents(gold_b, stored))
    return score_all(gold_a, anchored_a, as_predicted(gold_b, anchored_b), misses)


def main(argv: list[str]) -> int:
    show = "--disagreements" in argv
    argv = [a for a in argv if a != "--disagreements"]
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    misses: dict[str, list[tuple[str, object]]] = {}
    scores = agreement(argv[0], argv[1], Settings(), misses)
    if show:
        hidden = {"span", "doc_id", "start", "end", "entity_id", "speaker_entity_id"}
        for rule, rows in misses.items():
            for side, row in rows:
                shown = {k: v for k, v in row.items() if k not in hidden}  # type: ignore[attr-defined]
                side_name = "A only" if side == "gold" else "B only"
                print(json.dumps({"rule": rule, "side": side_name, **shown}, ensure_ascii=False))
        return 0
    print(f"{'score':<18}{'P':>7}{'R':>7}{'F1':>7}{'A':>6}{'B':>6}")
    for rule, s in scores.items():
        print(f"{rule:<18}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.gold:6d}{s.predicted:6d}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
