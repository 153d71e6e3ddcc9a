"""Time expressions scored on an ISO-TimeML corpus (French TimeBank), beside dateparser.

    veille eval --timeml DIR        (or: python -m veille.eval.timeml DIR)

1. read every ``*.tml`` under DIR: the text, the DCT, the gold TIMEX3 inside TEXT;
2. run the pipeline on the same files (the TimeML adapter: text without tags, DCT as the
   day-precision publication date) into an in-memory store;
3. map gold offsets from the tag-free text to the clean text through the document's offset map;
4. strict extraction (exact span) and relaxed extraction (overlap), one-to-one; value accuracy
   over the relaxed matches; the same for ``dateparser.search.search_dates`` alone.
"""

from __future__ import annotations

import bisect
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from veille.eval.baselines import dateparser_times
from veille.eval.metrics import Score, match
from veille.export import export_records
from veille.ingest.timeml import Timex, read_timeml
from veille.settings import Settings

# HeidelTime's own README, French TimeBank, strict extraction: the reference to beat.
HEIDELTIME = {"strict": (0.8681, 0.8515, 0.8599)}

Span = tuple[int, int]


@dataclass(frozen=True)
class TimeMLScores:
    strict: Score
    relaxed: Score
    value_accuracy: float  # correct values among relaxed matches
    value_matches: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "strict": self.strict.as_dict(),
            "relaxed": self.relaxed.as_dict(),
            "value_accuracy": round(self.value_accuracy, 4),
            "value_matches": self.value_matches,
        }

    def floors(self) -> dict[str, float]:
        return {
            "timeml.strict": self.strict.f1,
            "timeml.relaxed": self.relaxed.f1,
            "timeml.value": self.value_accuracy,
        }


@dataclass(frozen=True)
class TimeMLReport:
    veille: TimeMLScores
    dateparser: TimeMLScores
    documents: int
    missing: tuple[str, ...]  # gold documents the pipeline did not store


def to_clean_span(origins: list[int], start: int, end: int) -> Span | None:
    """A span of the original text as a span of the clean text, given the original offset of
    every clean character (``origins``); None when cleaning removed all of it."""
    lo = bisect.bisect_left(origins, start)
    hi = bisect.bisect_left(origins, end)
    return (lo, hi) if hi > lo else None


def _score(
    gold: list[tuple[str, Span, str]], predicted: list[tuple[str, Span, str]]
) -> TimeMLScores:
    def exact(g: tuple[str, Span, str], p: tuple[str, Span, str]) -> bool:
        return g[0] == p[0] and g[1] == p[1]

    def overlap(g: tuple[str, Span, str], p: tuple[str, Span, str]) -> bool:
        return g[0] == p[0] and g[1][0] < p[1][1] and p[1][0] < g[1][1]

    strict = match(gold, predicted, exact)
    relaxed = match(gold, predicted, overlap)
    valued = match(gold, predicted, lambda g, p: overlap(g, p) and g[2] == p[2])
    accuracy = valued.matched / relaxed.matched if relaxed.matched else 0.0
    return TimeMLScores(strict, relaxed, accuracy, valued.matched)


def evaluate_timeml(folder: str | Path, settings: Settings) -> TimeMLReport:
    from veille.pipeline import run_pipeline
    from veille.store import SQLiteStore

    files = sorted(Path(folder).rglob("*.tml"))
    gold_docs = {f.name: read_timeml(f.read_text(encoding="utf-8")) for f in files}  # 1
    with SQLiteStore(":memory:") as store:
        run_pipeline([str(f) for f in files], store, settings)  # 2
        documents = {Path(s.document.source).name: s.document for s in store.documents()}
        predicted_rows = export_records(store)["times"]
    by_id = {d.id: name for name, d in documents.items()}
    gold: list[tuple[str, Span, str]] = []
    for name, tml in gold_docs.items():
        document = documents.get(name)
        origins = (
            [document.offsets.to_original(i) for i in range(len(document.text))] if document else []
        )
        for timex in tml.timexes:
            span = to_clean_span(origins, timex.start, timex.end)  # 3
            gold.append((name, span or (-1, -1), timex.value))
    veille_rows = [(by_id[r["doc_id"]], (r["start"], r["end"]), r["value"]) for r in predicted_rows]
    naive = [
        (name, (r["start"], r["end"]), r["value"])
        for name, document in documents.items()
        for r in dateparser_times(document)
    ]
    return TimeMLReport(
        veille=_score(gold, veille_rows),  # 4
        dateparser=_score(gold, naive),
        documents=len(documents),
        missing=tuple(sorted(set(gold_docs) - set(documents))),
    )


def gold_timexes(folder: str | Path) -> dict[str, tuple[Timex, ...]]:
    """Gold TIMEX3 per file name, for inspection and tests."""
    return {
        f.name: read_timeml(f.read_text(encoding="utf-8")).timexes
        for f in sorted(Path(folder).rglob("*.tml"))
    }


def format_report(report: TimeMLReport) -> str:
    lines = [f"TimeML evaluation: {report.documents} documents", ""]
    header = ("strict P", "R", "F1", "relaxed P", "R", "F1", "value acc")
    widths = (9, 7, 7, 11, 7, 7, 11)
    lines.append(
        f"{'system':<22}" + "".join(f"{h:>{w}}" for h, w in zip(header, widths, strict=True))
    )
    for name, s in (("veille", report.veille), ("dateparser alone", report.dateparser)):
        lines.append(
            f"{name:<22}{s.strict.precision:9.3f}{s.strict.recall:7.3f}{s.strict.f1:7.3f}"
            f"{s.relaxed.precision:11.3f}{s.relaxed.recall:7.3f}{s.relaxed.f1:7.3f}"
            f"{s.value_accuracy:11.3f}"
        )
    p, r, f = HEIDELTIME["strict"]
    lines.append(
        f"{'HeidelTime (published)':<22}{p:9.3f}{r:7.3f}{f:7.3f}{'—':>11}{'—':>7}{'—':>7}{'—':>11}"
    )
    for name in report.missing:
        lines.append(f"warning: {name} was not ingested")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    print(format_report(evaluate_timeml(argv[0], Settings())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
