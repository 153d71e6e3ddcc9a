"""``veille doctor``: what works on this machine and what to install when it does not."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from veille.nlp import load_pipeline, pipeline_status
from veille.settings import Settings
from veille.store import StoreError, open_store


@dataclass(frozen=True)
class Check:
    name: str
    status: Literal["ok", "degraded", "fail"]
    detail: str


def run_checks(db: str, settings: Settings) -> list[Check]:
    checks = []
    for language in settings.language_list:
        name, degraded, note = pipeline_status(language, settings)
        try:
            loaded = load_pipeline(language, settings)
        except Exception as exc:  # any load failure is what the doctor is for
            checks.append(Check(f"nlp {language}", "fail", f"{name} does not load: {exc}"))
            continue
        status: Literal["ok", "degraded"] = "degraded" if degraded else "ok"
        detail = f"{note}; components: {', '.join(loaded.nlp.pipe_names)}"
        checks.append(Check(f"nlp {language}", status, detail))
    try:
        from veille.clean.language import detect_language

        found = detect_language("Le dirigeant a visité une usine de munitions.", settings)
        checks.append(Check("language identification", "ok", f"lingua answers '{found}'"))
    except Exception as exc:
        checks.append(
            Check("language identification", "fail", f"{exc}; pip install lingua-language-detector")
        )
    try:
        # A missing store is checked in memory: the doctor never creates files.
        exists = Path(db).exists()
        store = open_store(db if exists else ":memory:")
        versions = [f"{v}_{n}" for v, n in store.applied_migrations()]
        store.close()
        where = f"{db} opens" if exists else f"{db} does not exist yet (created by `veille run`)"
        checks.append(Check("store", "ok", f"{where}; migrations {', '.join(versions)}"))
    except StoreError as exc:
        checks.append(Check("store", "fail", str(exc)))
    return checks
