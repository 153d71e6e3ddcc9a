"""veille: news intelligence with every fact traced to a span of its source article.

The public API is small: ``run_pipeline`` runs the whole job; ``open_store`` opens a store;
``export_jsonl`` writes the data contract; ``write_dossier`` writes the report. They load
lazily, so importing a submodule (records, settings) does not load spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    "RunSummary": "veille.pipeline",
    "run_pipeline": "veille.pipeline",
    "open_store": "veille.store",
    "export_jsonl": "veille.export",
    "write_dossier": "veille.report",
    "Settings": "veille.settings",
    "load_settings": "veille.settings",
}

__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'veille' has no attribute {name!r}")
