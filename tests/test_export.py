from __future__ import annotations

import json
from pathlib import Path

from veille.export import RECORD_TYPES, export_jsonl
from veille.pipeline import RunSummary, run_pipeline
from veille.settings import Settings
from veille.store import SQLiteStore

from .conftest import CORPUS

CONTRACT = {
    "documents": {
        "id",
        "url",
        "outlet",
        "title",
        "language",
        "published",
        "published_precision",
        "published_after",
        "text",
        "duplicate_of",
        "story_id",
    },
    "entities": {"id", "kb_id", "name", "type", "aliases", "mentions", "documents"},
    "mentions": {"doc_id", "entity_id", "start", "end", "text"},
    "links": {"kind", "a", "b", "score"},
}


def read_export(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_export_follows_the_contract(corpus_run: tuple[Path, RunSummary], tmp_path: Path) -> None:
    db, _ = corpus_run
    with SQLiteStore(db) as store:
        counts = export_jsonl(store, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{name}.jsonl" for name in RECORD_TYPES] + ["manifest.json"]
    )
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["schema"] == 1 and manifest["counts"] == counts
    rows = {
        name: [json.loads(line) for line in (tmp_path / f"{name}.jsonl").read_text().splitlines()]
        for name in RECORD_TYPES
    }
    for name, fields in CONTRACT.items():
        assert rows[name], f"{name}.jsonl is empty"
        for row in rows[name]:
            assert fields <= row.keys(), (name, fields - row.keys())
    texts = {d["id"]: d["text"] for d in rows["documents"]}
    entity_ids = {e["id"] for e in rows["entities"]}
    for m in rows["mentions"]:
        assert texts[m["doc_id"]][m["start"] : m["end"]] == m["text"]
        assert m["entity_id"] in entity_ids
    for d in rows["documents"]:
        assert d["published_precision"] in {"day", "month", "year", "unknown"}
        # an inferred lower bound is never exported as the date
        assert d["published_source"] != "inferred"
        assert d["published"] is None or d["published_after"] is None
        assert d["duplicate_of"] is None or d["duplicate_of"] in texts


def test_two_exports_of_one_store_are_byte_identical(
    corpus_run: tuple[Path, RunSummary], tmp_path: Path
) -> None:
    db, _ = corpus_run
    with SQLiteStore(db) as store:
        export_jsonl(store, tmp_path / "a")
        export_jsonl(store, tmp_path / "b")
    assert read_export(tmp_path / "a") == read_export(tmp_path / "b")


def test_independent_runs_give_the_same_export(
    corpus_run: tuple[Path, RunSummary], tmp_path: Path, settings: Settings
) -> None:
    """Ids come from content, not from order or time: inputs in reverse order, same bytes."""
    db, _ = corpus_run
    files = sorted(str(p) for p in CORPUS.iterdir() if p.suffix != ".md")
    with SQLiteStore(tmp_path / "other.db") as store:
        run_pipeline(list(reversed(files)), store, settings)
        export_jsonl(store, tmp_path / "b")
    with SQLiteStore(db) as store:
        export_jsonl(store, tmp_path / "a")
    a, b = read_export(tmp_path / "a"), read_export(tmp_path / "b")
    # documents.jsonl carries the source path, identical here since the same files were read
    assert a == b
