"""The real-press development set's machinery on a tiny fake set written here, in our words:
cache check and fill, quoted gold -> offset gold, and offset gold scored on clean text."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner

from veille.cli import main as cli_main
from veille.eval import evaluate
from veille.eval.gold import load_gold
from veille.eval.offsets import anchor_near, resolve_offsets
from veille.eval.score import anchor_gold
from veille.settings import Settings

from .conftest import REPO

# Our own sentences. The first page starts with a seed-style date line, which cleaning drops,
# and repeats "Valmont" so that anchoring must pick the right occurrence.
PAGES = {
    "fr01": (
        " date 2024-03 Le ministre Paul Valmont a démenti mardi avoir vendu 40 blindés à "
        "l'Ostrie. « Ces accusations sont sans fondement », a déclaré Paul Valmont, "
        "cité par l'agence Nordpresse.\n\nSelon des analystes, plus de 300 soldats seraient "
        "déployés. Valmont a visité l'usine de Brest."
    ),
    "en01": (
        "The Ostrian government said on Monday that Valmont had sold armoured vehicles. "
        '"We have the proof," a spokesman told reporters.'
    ),
}


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("devset_script", REPO / "scripts" / "devset.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


@pytest.fixture()
def devset(tmp_path: Path) -> dict[str, Path]:
    devset_script = _script()
    cache = tmp_path / "cache"
    cache.mkdir()
    manifest = []
    for page_id, text in PAGES.items():
        (cache / f"{page_id}.txt").write_bytes(text.encode("utf-8"))
        manifest.append(
            {
                "id": page_id,
                "url": f"https://example.org/{page_id}",
                "language": page_id[:2],
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "sha256_folded": devset_script.sha256_folded(text),
                "length": len(text),
            }
        )
    _write_jsonl(tmp_path / "manifest.jsonl", manifest)
    work = tmp_path / "work" / "a"
    _write_jsonl(
        work / "documents.jsonl",
        [
            {"doc": "fr01", "language": "fr", "published": "2024-03", "duplicate_of": None},
            {"doc": "en01", "language": "en", "published": None, "duplicate_of": None},
        ],
    )
    _write_jsonl(
        work / "entities.jsonl",
        [
            {"name": "Paul Valmont", "type": "PERSON", "kb_id": None, "aliases": ["Valmont"]},
            {"name": "Ostrie", "type": "COUNTRY", "kb_id": None, "aliases": ["Ostrie"]},
        ],
    )
    _write_jsonl(
        work / "mentions.jsonl",
        [
            {"doc": "fr01", "text": "Paul Valmont", "occurrence": 2, "entity": "Paul Valmont"},
            {"doc": "fr01", "text": "Valmont", "occurrence": 3, "entity": "Paul Valmont"},
            {"doc": "en01", "text": "Valmont", "occurrence": 1, "entity": "Paul Valmont"},
        ],
    )
    _write_jsonl(
        work / "quantities.jsonl",
        [
            {
                "doc": "fr01",
                "text": "plus de 300 soldats",
                "occurrence": 1,
                "value": 300,
                "bound": "more_than",
                "value_max": None,
                "counted": "soldats",
                "time": None,
            }
        ],
    )
    _write_jsonl(
        work / "claims.jsonl",
        [
            {
                "id": "fr01-c1",
                "doc": "fr01",
                "speaker": "Paul Valmont",
                "speaker_entity": "Paul Valmont",
                "speaker_kind": "entity",
                "cue": "a déclaré",
                "stance": "deny",
                "direct": True,
                "content": "Ces accusations sont sans fondement",
                "content_occurrence": 1,
                "nested_in": None,
            }
        ],
    )
    _write_jsonl(
        work / "events.jsonl",
        [
            {
                "id": "fr01-e1",
                "doc": "fr01",
                "type": "VISIT",
                "trigger": "a visité",
                "trigger_occurrence": 1,
                "arguments": [{"role": "agent", "entity": "Paul Valmont", "text": "Valmont"}],
                "time": None,
                "modality": "actual",
                "claim": None,
            }
        ],
    )
    _write_jsonl(work / "stories.jsonl", [{"label": "Blindés", "docs": ["fr01", "en01"]}])
    return {"root": tmp_path, "cache": cache, "work": work, "manifest": tmp_path / "manifest.jsonl"}


def _run(devset: dict[str, Path], *args: str) -> int:
    code: int = _script().main(
        ["--manifest", str(devset["manifest"]), "--cache", str(devset["cache"]), *args]
    )
    return code


def test_check_reports_ok_missing_and_mismatch(
    devset: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(devset, "check") == 0
    assert capsys.readouterr().out.split("\n")[:2] == ["fr01\tok", "en01\tok"]
    (devset["cache"] / "en01.txt").unlink()
    assert _run(devset, "check") == 0
    assert "en01\tmissing" in capsys.readouterr().out
    (devset["cache"] / "fr01.txt").write_text("another text", "utf-8")
    assert _run(devset, "check") == 1
    assert "fr01\tmismatch" in capsys.readouterr().out


def test_put_checks_the_hash_and_accepts_typography_only_changes(
    devset: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (devset["cache"] / "fr01.txt").unlink()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(PAGES["fr01"] + " ", "utf-8")
    assert _run(devset, "put", "fr01", str(wrong)) == 1
    assert not (devset["cache"] / "fr01.txt").exists()
    curly = tmp_path / "curly.txt"
    curly.write_text(PAGES["fr01"].replace("l'", "l’"), "utf-8")  # one character for one
    assert _run(devset, "put", "fr01", str(curly)) == 0
    assert _run(devset, "check") == 0
    assert "fr01\tok-folded" in capsys.readouterr().out
    assert _run(devset, "put", "zz99", str(curly)) == 1


def test_fill_puts_every_line(devset: dict[str, Path], tmp_path: Path) -> None:
    for path in devset["cache"].iterdir():
        path.unlink()
    results = tmp_path / "results.jsonl"
    _write_jsonl(results, [{"id": k, "excerpt": v} for k, v in PAGES.items()])
    assert _run(devset, "fill", str(results)) == 0
    assert (devset["cache"] / "en01.txt").read_text("utf-8") == PAGES["en01"]


def test_offsets_hold_no_text_and_slice_back(devset: dict[str, Path]) -> None:
    out = devset["root"] / "gold"
    assert _run(devset, "offsets", str(devset["work"]), str(out)) == 0
    written = (out / "claims.jsonl").read_text("utf-8") + (out / "events.jsonl").read_text("utf-8")
    assert "fondement" not in written and "visité" not in written
    text = PAGES["fr01"]
    claim = json.loads((out / "claims.jsonl").read_text("utf-8"))
    assert text[claim["start"] : claim["end"]] == "Ces accusations sont sans fondement"
    assert text[claim["speaker_start"] : claim["speaker_end"]] == "Paul Valmont"
    assert claim["speaker_start"] > claim["end"]  # the speaker nearest the quote, not the lead
    assert text[claim["cue_start"] : claim["cue_end"]] == "a déclaré"
    mentions = [json.loads(x) for x in (out / "mentions.jsonl").read_text("utf-8").splitlines()]
    assert [text[m["start"] : m["end"]] for m in mentions[:2]] == ["Paul Valmont", "Valmont"]
    assert mentions[1]["start"] > text.index("analystes")  # third occurrence
    quantity = json.loads((out / "quantities.jsonl").read_text("utf-8"))
    assert text[quantity["counted_start"] : quantity["counted_end"]] == "soldats"
    event = json.loads((out / "events.jsonl").read_text("utf-8"))
    agent = event["arguments"][0]
    assert text[agent["start"] : agent["end"]] == "Valmont" and agent["start"] > claim["end"]
    documents = [json.loads(x) for x in (out / "documents.jsonl").read_text("utf-8").splitlines()]
    assert documents[0]["file"] == "fr01.txt" and len(documents[0]["sha256"]) == 64


def test_offsets_refuses_a_span_not_in_the_text(
    devset: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _write_jsonl(
        devset["work"] / "times.jsonl",
        [{"doc": "fr01", "text": "jeudi", "occurrence": 1, "value": "2024-03", "type": "DATE"}],
    )
    out = devset["root"] / "gold"
    assert _run(devset, "offsets", str(devset["work"]), str(out)) == 1
    assert "'jeudi' not found" in capsys.readouterr().err
    assert (out / "times.jsonl").read_text("utf-8") == ""


def test_anchor_near_follows_a_dropped_header() -> None:
    raw = " date 2024-03 Valmont dit oui. Puis Valmont dit non."
    clean = "Valmont dit oui. Puis Valmont dit non."
    second = raw.index("Valmont", 20)
    assert anchor_near(clean, "Valmont", raw, second) == (22, 29)
    assert anchor_near(clean, "Valmont", raw, raw.index("Valmont")) == (0, 7)
    assert anchor_near(clean, "Ostrie", raw, 0) is None


def test_offset_gold_anchors_on_clean_text(devset: dict[str, Path]) -> None:
    out = devset["root"] / "gold"
    _run(devset, "offsets", str(devset["work"]), str(out))
    gold = load_gold(out)
    sources = {k: (devset["cache"] / f"{k}.txt").read_text("utf-8") for k in PAGES}
    resolved = resolve_offsets(gold, sources)
    clean = {"d1": PAGES["fr01"].removeprefix(" date 2024-03 "), "d2": PAGES["en01"]}
    anchored = anchor_gold(resolved, clean, {"fr01": "d1", "en01": "d2"})
    assert anchored.unanchored == ()
    spans = [clean["d1"][s:e] for m in anchored.records["mentions"][:2] for s, e in [m["span"]]]
    assert spans == ["Paul Valmont", "Valmont"]
    assert anchored.records["mentions"][1]["span"][0] > clean["d1"].index("analystes")
    assert resolved.records["claims"][0]["speaker"] == "Paul Valmont"


def test_offset_gold_scores_per_language(devset: dict[str, Path], settings: Settings) -> None:
    out = devset["root"] / "gold"
    _run(devset, "offsets", str(devset["work"]), str(out))
    report = evaluate(out, settings, corpus_dir=devset["cache"], language="fr")
    assert report.unanchored == () and report.unmatched_documents == ()
    assert report.scores["mentions.overlap"].gold == 2  # only the French document's
    assert report.scores["claims"].gold == 1
    english = evaluate(out, settings, corpus_dir=devset["cache"], language="en")
    assert english.scores["mentions.overlap"].gold == 1 and english.scores["claims"].gold == 0


def test_eval_without_cache_says_so_and_exits_zero(
    devset: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = devset["root"] / "gold"
    _run(devset, "offsets", str(devset["work"]), str(out))
    monkeypatch.setenv("VEILLE_DEVSET_CACHE", str(devset["root"] / "nowhere"))
    result = CliRunner().invoke(cli_main, ["eval", str(out)])
    assert result.exit_code == 0
    assert result.output.strip().count("\n") == 0 and "cache absent" in result.output


def test_committed_devset_manifest_and_gold_are_consistent() -> None:
    pages = _script().read_manifest(REPO / "devset" / "manifest.jsonl")
    assert sum(p["language"] == "fr" for p in pages.values()) >= 40
    assert sum(p["language"] == "en" for p in pages.values()) >= 8
    assert len({p["story"] for p in pages.values()}) >= 8
    gold = REPO / "devset" / "gold"
    if (gold / "documents.jsonl").is_file():
        loaded = load_gold(gold)
        assert {d["doc"] for d in loaded.documents} <= set(pages)
        for kind in ("mentions", "times", "quantities", "claims", "events"):
            for row in loaded.records[kind]:  # offsets only, never quoted page text
                assert not {"text", "content", "trigger", "speaker", "cue"} & set(row)


def test_anchor_near_matches_across_reflowed_lines() -> None:
    raw = "Le ministre a parlé de\nfausses déclarations hier."
    clean = "Le ministre a parlé de fausses déclarations hier."
    start = raw.index("de\nfausses")
    assert anchor_near(clean, "de\nfausses déclarations", raw, start) == (20, 43)


def test_committed_devset_without_cache_is_skipped_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VEILLE_DEVSET_CACHE", str(tmp_path / "no-cache"))
    result = CliRunner().invoke(cli_main, ["eval", str(REPO / "devset" / "gold")])
    assert result.exit_code == 0 and result.output.strip().count("\n") == 0
    assert "cache absent" in result.output
