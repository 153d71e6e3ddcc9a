"""Precision, recall and F1 with one-to-one matching, and B-cubed for clusterings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

G = TypeVar("G")
P = TypeVar("P")


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int
    matched: int

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
        }


def prf(matched: int, gold: int, predicted: int) -> Score:
    precision = matched / predicted if predicted else (1.0 if not gold else 0.0)
    recall = matched / gold if gold else (1.0 if not predicted else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, gold, predicted, matched)


def match(
    gold: Sequence[G],
    predicted: Sequence[P],
    same: Callable[[G, P], bool],
    misses: list[tuple[str, object]] | None = None,
) -> Score:
    """Greedy one-to-one matching in order: each record counts at most once on each side.

    ``misses``, when given, collects ("gold", record) and ("predicted", record) for every
    record left unmatched: the disagreements to read.
    """
    used: set[int] = set()
    matched = 0
    for g in gold:
        for i, p in enumerate(predicted):
            if i not in used and same(g, p):
                used.add(i)
                matched += 1
                break
        else:
            if misses is not None:
                misses.append(("gold", g))
    if misses is not None:
        misses.extend(("predicted", p) for i, p in enumerate(predicted) if i not in used)
    return prf(matched, len(gold), len(predicted))


def bcubed(gold: dict[str, str], predicted: dict[str, str]) -> Score:
    """B-cubed precision/recall of a clustering; both map item -> cluster label."""
    items = sorted(set(gold) & set(predicted))
    if not items:
        return prf(0, len(gold), len(predicted))

    def members(labels: dict[str, str], item: str) -> set[str]:
        return {other for other in items if labels[other] == labels[item]}

    precision = recall = 0.0
    for item in items:
        g, p = members(gold, item), members(predicted, item)
        precision += len(g & p) / len(p)
        recall += len(g & p) / len(g)
    precision, recall = precision / len(items), recall / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, len(gold), len(predicted), len(items))
