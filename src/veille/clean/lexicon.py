"""The boilerplate lexicons: data files in ``veille/data/boilerplate`` (format in README.md).

All files are merged and applied to every document: furniture in one language is common on
pages in another. Loaded once per process.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

_PACKAGE = "veille.data"
_FOLDER = "boilerplate"
_REGEX_SECTIONS = ("line", "block", "prefix", "suffix", "published", "updated")
_SECTIONS = (*_REGEX_SECTIONS, "months", "weekdays")
_FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class Lexicon:
    line: tuple[re.Pattern[str], ...] = ()
    block: tuple[re.Pattern[str], ...] = ()
    prefix: tuple[re.Pattern[str], ...] = ()
    suffix: tuple[re.Pattern[str], ...] = ()
    published: tuple[re.Pattern[str], ...] = ()
    updated: tuple[re.Pattern[str], ...] = ()
    months: Mapping[str, int] = field(default_factory=dict)
    weekdays: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    folder = files(_PACKAGE).joinpath(_FOLDER)
    entries: dict[str, list[tuple[str, str]]] = {name: [] for name in _SECTIONS}
    for item in sorted(folder.iterdir(), key=lambda item: item.name):
        if item.name.endswith(".txt"):
            for section, where, value in _entries(item.read_text(encoding="utf-8"), item.name):
                entries[section].append((where, value))
    regexes = {
        name: tuple(_compile(v, w, name) for w, v in entries[name]) for name in _REGEX_SECTIONS
    }
    return Lexicon(
        **regexes,
        months=dict(_month(v, w) for w, v in entries["months"]),
        weekdays=frozenset(v.casefold() for _, v in entries["weekdays"]),
    )


def _entries(text: str, name: str) -> list[tuple[str, str, str]]:
    """(section, "file:line", entry) for every entry of one lexicon file."""
    section: str | None = None
    out: list[tuple[str, str, str]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        where = f"{name}:{number}"
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip().lower()
            if section not in _SECTIONS:
                raise ValueError(f"{where}: unknown section [{section}]")
            continue
        if section is None:
            raise ValueError(f"{where}: entry outside a section")
        out.append((section, where, line))
    return out


def _compile(pattern: str, where: str, section: str) -> re.Pattern[str]:
    # Suffixes are searched for at the end of a line, labels at the start of a stamp token.
    source = rf"\s*(?:{pattern})\s*$" if section == "suffix" else pattern
    try:
        return re.compile(source, _FLAGS)
    except re.error as exc:
        raise ValueError(f"{where}: bad regex in [{section}]: {exc}") from exc


def _month(entry: str, where: str) -> tuple[str, int]:
    name, _, number = entry.partition("=")
    if not number.strip().isdigit() or not 1 <= int(number) <= 12:
        raise ValueError(f"{where}: expected 'name = month number', got {entry!r}")
    return name.strip().casefold(), int(number)
