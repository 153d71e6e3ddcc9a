"""Command line: ``veille run`` is the main job; the other commands are its parts."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from veille import __version__
from veille.eval import EvalReport
from veille.export import export_jsonl
from veille.pipeline import RunSummary, run_pipeline
from veille.records import IngestError
from veille.report import write_dossier
from veille.settings import SETTING_HELP, Settings, load_settings
from veille.store import SQLiteStore, StoreError, open_store

out = Console()
err = Console(stderr=True, highlight=False)

db_option = click.option(
    "--db", default="veille.db", show_default=True, help="SQLite store file (created if absent)."
)
set_option = click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a setting (see `veille settings`); repeatable.",
)


def _settings(overrides: tuple[str, ...]) -> Settings:
    pairs = {}
    for item in overrides:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--set")
        pairs[name.strip()] = value.strip()
    try:
        return load_settings(pairs)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--set") from exc


@contextmanager
def _store(db: str) -> Iterator[SQLiteStore]:
    try:
        store = open_store(db)
    except StoreError as exc:
        err.print(f"[red]error:[/] {exc}", markup=True)
        sys.exit(2)
    try:
        yield store
    finally:
        store.close()


@click.group()
@click.version_option(__version__, prog_name="veille")
def main() -> None:
    """veille: news intelligence, every fact traced to its source."""


def _run(paths: tuple[str, ...], store: SQLiteStore, settings: Settings) -> RunSummary:
    def on_error(error: IngestError) -> None:
        err.print(f"error: {error}", markup=False, soft_wrap=True)

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("annotating documents", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        summary = run_pipeline(list(paths), store, settings, on_error=on_error, progress=progress)
    _print_summary(summary)
    return summary


def _print_summary(summary: RunSummary) -> None:
    table = Table(title="veille run", show_header=True, header_style="bold")
    table.add_column("")
    table.add_column("count", justify="right")
    rows = [
        ("documents read", summary.read),
        ("new documents stored", summary.added),
        ("already stored (skipped)", summary.already_stored),
        ("documents in store", summary.documents),
        ("duplicates", summary.duplicates),
        ("entities", summary.entities),
        ("mentions", summary.mentions),
        ("time expressions", summary.times),
        ("numeric facts", summary.quantities),
        ("claims", summary.claims),
        ("events", summary.events),
        ("errors", len(summary.errors)),
    ]
    for label, value in rows:
        table.add_row(label, str(value))
    out.print(table)
    for note in summary.degraded:
        out.print(f"[yellow]degraded[/] {note}", soft_wrap=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option(
    "--report",
    "report_path",
    default="dossier.html",
    show_default=True,
    help="Where to write the dossier.",
)
@set_option
def run(paths: tuple[str, ...], db: str, report_path: str, overrides: tuple[str, ...]) -> None:
    """Ingest PATHS, annotate, resolve, store and write the dossier (the main job).

    PATHS are files (.txt, .html, .jsonl), folders (walked recursively) or - for stdin.
    """
    settings = _settings(overrides)
    with _store(db) as store:
        summary = _run(paths, store, settings)
        written = write_dossier(store, report_path)
        out.print(f"dossier written to {written}")
    sys.exit(1 if summary.failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@set_option
def ingest(paths: tuple[str, ...], db: str, overrides: tuple[str, ...]) -> None:
    """Ingest, annotate, resolve and store PATHS, without writing a report."""
    with _store(db) as store:
        summary = _run(paths, store, _settings(overrides))
    sys.exit(1 if summary.failed else 0)


@main.command()
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@db_option
def export(out_dir: str, fmt: str, db: str) -> None:
    """Export the store to OUT_DIR as the JSONL data contract (one file per record type)."""
    if not Path(db).exists():
        raise click.BadParameter(f"{db}: no such store; run `veille run` first", param_hint="--db")
    with _store(db) as store:
        counts = export_jsonl(store, out_dir)
    out.print(", ".join(f"{name} {n}" for name, n in counts.items()) + f" -> {out_dir}")


@main.command()
@db_option
@click.option("--out", "out_path", default="dossier.html", show_default=True)
def report(db: str, out_path: str) -> None:
    """Write the dossier (self-contained HTML) from the store."""
    if not Path(db).exists():
        raise click.BadParameter(f"{db}: no such store; run `veille run` first", param_hint="--db")
    with _store(db) as store:
        out.print(f"dossier written to {write_dossier(store, out_path)}")


@main.command()
@click.argument("query")
@db_option
@click.option("--limit", default=10, show_default=True)
def search(query: str, db: str, limit: int) -> None:
    """Full-text search over the clean text of stored articles."""
    with _store(db) as store:
        titles = {s.document.id: s.document.title for s in store.documents()}
        for doc_id, snippet in store.search(query, limit):
            out.print(f"[bold]{doc_id}[/] {titles.get(doc_id) or ''}", soft_wrap=True)
            out.print(f"  {snippet}", markup=False, soft_wrap=True)


@main.command(name="settings")
@set_option
def show_settings(overrides: tuple[str, ...]) -> None:
    """List every setting with its value and what it does."""
    settings = _settings(overrides)
    table = Table(show_header=True, header_style="bold")
    for column in ("setting", "value", "help"):
        table.add_column(column)
    for f in fields(Settings):
        table.add_row(f.name, str(getattr(settings, f.name)), SETTING_HELP[f.name])
    out.print(table)


@main.command()
@db_option
@set_option
def doctor(db: str, overrides: tuple[str, ...]) -> None:
    """Check that models load and the store opens; say what to install when not."""
    from veille.doctor import run_checks

    ok = True
    for check in run_checks(db, _settings(overrides)):
        colour = {"ok": "green", "degraded": "yellow", "fail": "red"}[check.status]
        out.print(f"[{colour}]{check.status:>8}[/] {check.name}: {check.detail}", soft_wrap=True)
        ok = ok and check.status != "fail"
    sys.exit(0 if ok else 1)


@main.command(name="eval")
@click.argument("gold_dir", required=False, type=click.Path(exists=True, file_okay=False))
@click.option(
    "--timeml",
    "timeml_dir",
    type=click.Path(exists=True, file_okay=False),
    help="Score time expressions on an ISO-TimeML corpus (e.g. French TimeBank).",
)
@click.option("--db", default=None, help="Score an existing store instead of a fresh run.")
@click.option(
    "--corpus", default=None, help="Where the gold files are (default GOLD_DIR/../corpus)."
)
@click.option(
    "--language", default=None, help="Score only the gold documents in this language (fr, en)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--check", "floors", default=None, help="Fail when a score is below its floor here.")
@set_option
def eval_command(
    gold_dir: str | None,
    timeml_dir: str | None,
    db: str | None,
    corpus: str | None,
    language: str | None,
    as_json: bool,
    floors: str | None,
    overrides: tuple[str, ...],
) -> None:
    """Score every stage against the gold in GOLD_DIR, beside the naive baselines.

    Offset gold (devset/gold) is scored against its cached page texts (--corpus, default
    $VEILLE_DEVSET_CACHE or GOLD_DIR/../cache); without them it says so and exits 0.
    Use --language to report French and English separately.

    With --timeml DIR, score time expressions on an ISO-TimeML corpus beside dateparser alone
    and HeidelTime's published figure.
    """
    import json

    from veille.eval import CacheMissing, GoldError, check_floors, evaluate, floor_subsets
    from veille.eval.timeml import evaluate_timeml, format_report

    if not gold_dir and not timeml_dir:
        raise click.UsageError("give GOLD_DIR, --timeml DIR, or both")
    settings = _settings(overrides)
    results: dict[str, object] = {}
    achieved: dict[str, float] = {}
    if gold_dir:
        try:
            if db:
                with _store(db) as store:
                    result = evaluate(
                        gold_dir, settings, corpus_dir=corpus, store=store, language=language
                    )
            else:
                result = evaluate(gold_dir, settings, corpus_dir=corpus, language=language)
        except CacheMissing as exc:  # real-press gold without its texts (CI): not a failure
            err.print(str(exc), markup=False, soft_wrap=True)
            sys.exit(0)
        except GoldError as exc:
            err.print(f"error: {exc}", markup=False, soft_wrap=True)
            sys.exit(2)
        results["gold"] = result.as_dict()
        achieved.update({rule: score.f1 for rule, score in result.scores.items()})
        if not as_json:
            _print_eval(gold_dir, result)
        for name, files, _ in floor_subsets(floors) if floors else ():
            part = evaluate(gold_dir, settings, corpus_dir=corpus, files=files)
            achieved.update({f"{name}:{rule}": s.f1 for rule, s in part.scores.items()})
            if not as_json:
                _print_eval(f"{gold_dir} ({name})", part)
    if timeml_dir:
        timeml = evaluate_timeml(timeml_dir, settings)
        results["timeml"] = {
            "veille": timeml.veille.as_dict(),
            "dateparser": timeml.dateparser.as_dict(),
        }
        achieved.update(timeml.veille.floors())
        if not as_json:
            out.print(format_report(timeml), markup=False, highlight=False)
    if as_json:
        click.echo(json.dumps(results, indent=2, ensure_ascii=False))
    if floors:
        failures = check_floors(achieved, floors)
        for line in failures:
            err.print(f"below floor: {line}", markup=False, soft_wrap=True)
        if failures:
            sys.exit(1)


def _print_eval(gold_dir: str, result: EvalReport) -> None:
    table = Table(title=f"veille eval {gold_dir}", header_style="bold")
    for column in ("score", "P", "R", "F1", "gold", "pred", "baseline F1"):
        table.add_column(column, justify="left" if column == "score" else "right")
    for rule, score in result.scores.items():
        base = result.baselines[rule]
        table.add_row(
            rule,
            f"{score.precision:.3f}",
            f"{score.recall:.3f}",
            f"{score.f1:.3f}",
            str(score.gold),
            str(score.predicted),
            f"{base.f1:.3f}",
        )
    out.print(table)
    for line in result.unanchored:
        err.print(f"warning: gold span not found: {line}", markup=False, soft_wrap=True)
    for key in result.unmatched_documents:
        err.print(f"warning: gold document not ingested: {key}", markup=False, soft_wrap=True)
