"""Stores behind one interface: ``open_store`` picks the backend from the location."""

from __future__ import annotations

from pathlib import Path

from veille.store.base import Store
from veille.store.sqlite import SQLiteStore, StoreError

__all__ = ["SQLiteStore", "Store", "StoreError", "open_store"]


def open_store(location: str | Path) -> SQLiteStore:
    """Open (creating and migrating) the store at ``location``: a SQLite file path."""
    return SQLiteStore(location)
