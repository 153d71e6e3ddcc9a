from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest
from click.testing import CliRunner

from veille.cli import main
from veille.settings import Settings

from .conftest import REPO

ARTICLE = (
    "title: Visite à Pyongyang\noutlet: La Vigie\ndate: 2023-10-19\n\n"
    "Le ministre russe des Affaires étrangères, Sergueï Lavrov, est arrivé mercredi à "
    "Pyongyang pour une visite de deux jours, a annoncé l'agence KCNA.\n"
)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_run_writes_dossier_and_is_idempotent(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    db, report = str(tmp_path / "v.db"), str(tmp_path / "d.html")
    first = runner.invoke(main, ["run", str(tmp_path / "in"), "--db", db, "--report", report])
    assert first.exit_code == 0, first.output
    assert re.search(r"new documents stored\s+│\s+1", first.output)
    assert "empty.txt" in first.stderr and "error" in first.stderr
    assert "Lavrov" in Path(report).read_text(encoding="utf-8")
    again = runner.invoke(main, ["run", str(tmp_path / "in"), "--db", db, "--report", report])
    assert re.search(r"already stored \(skipped\)\s+│\s+1", again.output)
    assert re.search(r"documents in store\s+│\s+1", again.output)


def test_nothing_readable_exits_non_zero_with_one_line_per_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01\x02binary\xff" * 50)
    missing = tmp_path / "missing.txt"
    result = runner.invoke(
        main, ["ingest", str(junk), str(missing), "--db", str(tmp_path / "v.db")]
    )
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("junk.txt" in e for e in errors) and any("missing.txt" in e for e in errors)


def test_export_and_report_need_an_existing_store(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["export", str(tmp_path / "out"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code != 0 and "no such store" in result.output
    assert not (tmp_path / "x.db").exists()


def test_bad_setting_is_refused(runner: CliRunner) -> None:
    result = runner.invoke(main, ["settings", "--set", "no_such=1"])
    assert result.exit_code != 0 and "unknown setting" in result.output


def test_doctor_reports_french_ok_and_english_degraded(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["doctor", "--db", str(tmp_path / "v.db")])
    assert result.exit_code == 0, result.output
    assert re.search(r"ok nlp fr: fr_core_news_md installed", result.output)
    assert re.search(r"degraded nlp en: .*not installed", result.output)
    assert not (tmp_path / "v.db").exists()  # the doctor creates nothing


def test_every_command_and_setting_is_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in main.commands:  # type: ignore[attr-defined]
        assert f"`veille {name}" in readme, f"command {name} missing from README"
    for f in fields(Settings):
        assert f"`{f.name}`" in readme, f"setting {f.name} missing from README"
