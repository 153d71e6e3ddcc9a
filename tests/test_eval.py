from __future__ import annotations

import json
from pathlib import Path

import pytest

from veille.eval import check_floors, evaluate, floor_subsets
from veille.eval.agreement import agreement
from veille.eval.gold import GoldError, anchor, load_gold
from veille.eval.metrics import bcubed, match, prf
from veille.settings import Settings

from .conftest import REPO

GOLD = REPO / "examples" / "gold"
GOLD_B = REPO / "examples" / "gold-b"


def test_prf_edge_cases() -> None:
    assert prf(0, 0, 0).f1 == 1.0  # nothing to find, nothing found
    s = prf(3, 4, 6)
    assert (s.precision, s.recall) == (0.5, 0.75) and round(s.f1, 4) == 0.6
    assert prf(0, 5, 0).recall == 0.0 and prf(0, 0, 5).precision == 0.0


def test_matching_is_one_to_one() -> None:
    score = match([1, 1], [1], lambda g, p: g == p)
    assert (score.matched, score.recall, score.precision) == (1, 0.5, 1.0)


def test_bcubed_singletons_against_pairs() -> None:
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    predicted = {"a": "1", "b": "2", "c": "3", "d": "4"}
    score = bcubed(gold, predicted)
    assert score.precision == 1.0 and score.recall == 0.5
    assert bcubed(gold, gold).f1 == 1.0


def test_anchor_folds_typography_and_counts_occurrences() -> None:
    text = "L'agence KCNA a cité Kim. Puis Kim a parlé à l'ONU."
    assert anchor(text, "L’agence KCNA") == (0, 13)
    start, end = anchor(text, "Kim", 2) or (0, 0)
    assert text[start:end] == "Kim" and start == 31
    assert anchor(text, "Kim", 3) is None and anchor(text, "", 1) is None


def test_bad_gold_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "documents.jsonl").write_text('{"doc": "a"}\n{oops\n', encoding="utf-8")
    with pytest.raises(GoldError, match=r"documents\.jsonl:2"):
        load_gold(tmp_path)
    with pytest.raises(GoldError, match="not a gold folder"):
        load_gold(tmp_path / "nowhere")


def test_gold_folders_anchor_completely(settings: Settings) -> None:
    """Every quoted gold span must be found in the clean text: otherwise gold or cleaning is
    wrong, and the scores would silently under-count."""
    for folder in (GOLD, GOLD_B):
        report = evaluate(folder, settings)
        assert report.unmatched_documents == ()
        assert report.unanchored == (), report.unanchored[:5]


def test_gold_agrees_with_itself(settings: Settings) -> None:
    scores = agreement(GOLD_B, GOLD_B, settings)
    assert all(s.f1 == 1.0 for s in scores.values())


def test_quality_gate(settings: Settings) -> None:
    """CI's quality gate: no score may fall below its floor in eval_baseline.json."""
    baseline = REPO / "eval_baseline.json"
    report = evaluate(GOLD, settings)
    achieved = {rule: score.f1 for rule, score in report.scores.items()}
    subsets = floor_subsets(baseline)
    assert subsets, "the first eight examples keep floors of their own"
    for name, files, floors in subsets:
        part = evaluate(GOLD, settings, files=files)
        achieved.update({f"{name}:{rule}": score.f1 for rule, score in part.scores.items()})
        assert set(floors) == set(part.scores)
    assert check_floors(achieved, baseline) == []
    floors = json.loads(baseline.read_text())["floors"]
    assert {rule for rule in floors if not rule.startswith("timeml.")} == set(report.scores)


def test_floor_check_reports_each_drop(tmp_path: Path) -> None:
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"floors": {"a": 0.5, "b": 0.9, "timeml.strict": 0.8}}))
    assert check_floors({"a": 0.6, "b": 0.85}, floors) == ["b: 0.8500 < floor 0.9000"]


def test_an_unknowable_gold_date_accepts_a_value_that_invents_none() -> None:
    from veille.eval.score import _time_value

    assert _time_value(None, "XXXX-WXX-3") and _time_value(None, None)
    assert not _time_value(None, "2023-09-13")
    assert _time_value("2023-09", "2023-09") and not _time_value("2023-09", "2023-09-13")
