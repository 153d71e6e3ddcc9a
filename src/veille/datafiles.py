"""Reading the bundled TOML lexicons (``src/veille/data/<stage>/<language>.toml``)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from importlib import resources
from typing import Any


def read_toml(stage: str, name: str) -> dict[str, Any]:
    """The data file ``data/<stage>/<name>``, or {} when the language has none."""
    path = resources.files("veille.data").joinpath(stage, name)
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


def table(data: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    """A nested table by its keys; {} when any level is missing or not a table."""
    node: Any = data
    for key in keys:
        node = node.get(key, {}) if isinstance(node, Mapping) else {}
    return dict(node) if isinstance(node, Mapping) else {}
