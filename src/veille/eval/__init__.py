"""``veille eval``: every stage scored against gold, beside its naive baseline.

1. load the gold folder (docs/annotation.md);
2. run the pipeline on the gold documents into a fresh in-memory store (or read ``store``);
3. match gold documents to stored ones by URL, else by file name;
4. anchor quoted gold spans on the clean texts;
5. score veille's export records and the baselines' with the rules of docs/eval.md;
6. compare with the floors of ``eval_baseline.json``.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from veille.eval.baselines import baseline_records, entity_overlap_stories
from veille.eval.gold import Gold, GoldError, load_gold
from veille.eval.metrics import Score
from veille.eval.offsets import (
    CacheMissing,
    default_cache,
    is_offset_gold,
    only_files,
    only_language,
    read_sources,
    resolve_offsets,
)
from veille.eval.score import anchor_gold, score_all
from veille.export import export_records
from veille.settings import Settings
from veille.store.base import Store

__all__ = ["CacheMissing", "EvalReport", "GoldError", "check_floors", "evaluate"]


@dataclass(frozen=True)
class EvalReport:
    scores: dict[str, Score]
    baselines: dict[str, Score]
    unanchored: tuple[str, ...]
    unmatched_documents: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "scores": {k: v.as_dict() for k, v in self.scores.items()},
            "baselines": {k: v.as_dict() for k, v in self.baselines.items()},
            "unanchored": list(self.unanchored),
            "unmatched_documents": list(self.unmatched_documents),
        }


def evaluate(
    gold_dir: str | Path,
    settings: Settings,
    *,
    corpus_dir: str | Path | None = None,
    store: Store | None = None,
    language: str | None = None,
    files: Collection[str] | None = None,
) -> EvalReport:
    """Scores on ``gold_dir``; ``language`` restricts the gold to documents in that language.

    Offset gold (eval/offsets.py) is read against its cached texts, in ``corpus_dir`` or by
    default ``$VEILLE_DEVSET_CACHE`` or ``GOLD_DIR/../cache``; CacheMissing when they are absent.
    """
    gold = load_gold(gold_dir)  # 1
    if language:
        gold = only_language(gold, language)
    if files is not None:
        gold = only_files(gold, files)
    offsets = is_offset_gold(gold)
    if offsets:  # real-press gold: offsets into cached texts that never enter the repo
        cache = Path(corpus_dir) if corpus_dir else default_cache(gold.folder)
        gold = resolve_offsets(gold, read_sources(gold, cache))
    if store is None:  # 2
        from veille.pipeline import run_pipeline
        from veille.store import SQLiteStore

        if offsets:
            corpus = Path(corpus_dir) if corpus_dir else default_cache(gold.folder)
        else:
            corpus = Path(corpus_dir) if corpus_dir else gold.folder.parent / "corpus"
        paths = [str(corpus / doc["file"]) for doc in gold.documents if doc.get("file")]
        store = SQLiteStore(":memory:")
        run_pipeline(paths, store, settings)
    stored = [s.document for s in store.documents()]
    doc_ids = _match_documents(gold, stored)  # 3
    texts = {d.id: d.text for d in stored}
    anchored = anchor_gold(gold, texts, doc_ids)  # 4
    wanted = set(doc_ids.values())
    predicted = {
        kind: [r for r in rows if kind not in _PER_DOC or r.get("doc_id") in wanted]
        for kind, rows in export_records(store).items()
    }
    scores = score_all(gold, anchored, predicted)  # 5
    naive = {**predicted, **baseline_records([d for d in stored if d.id in wanted], settings)}
    naive["documents"] = entity_overlap_stories(predicted["documents"], predicted["mentions"])
    naive["links"] = [lk for lk in predicted["links"] if lk["kind"] in ("duplicate", "derived")]
    baselines = score_all(gold, anchored, naive)
    unmatched = tuple(d["doc"] for d in gold.documents if d["doc"] not in doc_ids)
    return EvalReport(scores, baselines, anchored.unanchored, unmatched)


_PER_DOC = {"mentions", "times", "quantities", "claims", "events"}


def _match_documents(gold: Gold, stored: list[Any]) -> dict[str, str]:
    by_url = {d.url: d.id for d in stored if d.url}
    by_file = {_file_name(d.source): d.id for d in stored}
    found = {}
    for doc in gold.documents:
        key = doc["doc"]
        doc_id = by_url.get(key) or by_file.get(doc.get("file") or "") or by_file.get(key)
        if doc_id:
            found[key] = doc_id
    return found


def _file_name(source: str) -> str:
    """File name of a document's source; JSON Lines sources read ``path:LINE``."""
    path, sep, line = source.rpartition(":")
    return Path(path if sep and line.isdigit() else source).name


def floor_subsets(floors_path: str | Path) -> list[tuple[str, list[str], dict[str, float]]]:
    """(name, files, floors) of the gold subsets held to floors of their own: the first eight
    examples keep the floors they had before the gold grew, so that growth lowers none."""
    data = json.loads(Path(floors_path).read_text(encoding="utf-8"))
    return [(name, s["files"], s["floors"]) for name, s in data.get("subsets", {}).items()]


def check_floors(achieved: dict[str, float], floors_path: str | Path) -> list[str]:
    """Every achieved score below its floor, as 'rule: 0.7100 < floor 0.8000'.

    Only the scores that were computed are checked: gold scores (``mentions.exact`` …) when a
    gold folder was evaluated, ``timeml.*`` when a TimeML corpus was.
    """
    data = json.loads(Path(floors_path).read_text(encoding="utf-8"))
    floors = dict(data["floors"])
    for name, subset in data.get("subsets", {}).items():
        floors.update({f"{name}:{rule}": value for rule, value in subset["floors"].items()})
    return [
        f"{rule}: {achieved[rule]:.4f} < floor {float(floor):.4f}"
        for rule, floor in sorted(floors.items())
        if rule in achieved and achieved[rule] + 1e-9 < float(floor)
    ]
