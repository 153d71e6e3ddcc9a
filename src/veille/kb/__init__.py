"""The knowledge base: countries, capitals, people, organisations and equipment, as data.

Bundled entries live in ``veille/data/kb/*.jsonl`` (format in that folder's README); more
folders can be given to ``load_kb``. The KB answers two questions for the entity stage:
which entries a phrase may name (``index``) and who held an office at a date (``holders``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from veille.kb.entries import ANY, Entry, KbError, Role, expand_templates, read_records, to_entry
from veille.kb.matcher import Hit, PhraseIndex
from veille.kb.text import fold, name_key, word_key

__all__ = [
    "Alias",
    "Entry",
    "Hit",
    "KbError",
    "KnowledgeBase",
    "PhraseIndex",
    "Role",
    "fold",
    "load_kb",
    "name_key",
    "word_key",
]

AliasKind = str  # "name" | "short" | "contextual" | "demonym"


@dataclass(frozen=True)
class Alias:
    entry: str
    kind: AliasKind


class KnowledgeBase:
    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = {e.id: e for e in entries}
        for entry in entries:
            for ref in (
                entry.capital,
                entry.metonym_of,
                entry.seat_of,
                entry.category,
                entry.parent,
            ):
                if ref and ref not in self.entries:
                    raise KbError(f"{entry.id}: refers to unknown entry {ref}")

    def get(self, entry_id: str | None) -> Entry | None:
        return self.entries.get(entry_id) if entry_id else None

    def __len__(self) -> int:
        return len(self.entries)

    @lru_cache(maxsize=8)  # noqa: B019  (one KB per process, a handful of languages)
    def index(self, language: str) -> PhraseIndex[Alias]:
        """Every alias usable in ``language`` (and language-neutral ones) -> entries."""
        index: PhraseIndex[Alias] = PhraseIndex()
        for entry in self.entries.values():
            for alias in entry.aliases_for(language):
                index.add(alias, Alias(entry.id, "name"))
            for alias in entry.short:
                index.add(alias, Alias(entry.id, "short"))
            for alias in entry.contextual:
                index.add(alias, Alias(entry.id, "contextual"))
            for key in (language, ANY):
                for form in entry.demonyms.get(key, ()):
                    index.add(form, Alias(entry.id, "demonym"))
        return index

    @cached_property
    def designators(self) -> dict[str, str]:
        """Folded model prefix ("su", "mig", "hwasong") -> equipment entry."""
        return {fold(p): e.id for e in self.entries.values() for p in e.designators}

    @cached_property
    def name_keys(self) -> dict[str, list[str]]:
        """name_key of every full name and alias, any language -> entries (for variants)."""
        table: dict[str, list[str]] = {}
        for entry in self.entries.values():
            forms = {a for lang in (*entry.names, *entry.aliases) for a in entry.aliases_for(lang)}
            for form in forms:
                ids = table.setdefault(name_key(form), [])
                if entry.id not in ids:
                    ids.append(entry.id)
        return table

    def holders(self, role: str, of: str, when: str | None) -> list[Entry]:
        """People who held ``role`` for country or organisation ``of`` at date ``when``."""
        return [
            e
            for e in self.entries.values()
            if any(r.role == role and of in (r.country, r.org) and r.active(when) for r in e.roles)
        ]

    def country_of(self, entry_id: str) -> str | None:
        """The country an entry stands for or belongs to: itself, its capital's, its seat's."""
        entry = self.get(entry_id)
        if entry is None:
            return None
        if entry.type == "COUNTRY":
            return entry.id
        return entry.metonym_of or entry.seat_of


def bundled_dir() -> Path:
    return Path(str(resources.files("veille.data").joinpath("kb")))


@lru_cache(maxsize=4)
def load_kb(extra_dirs: tuple[str, ...] = ()) -> KnowledgeBase:
    """The bundled KB, extended by the ``*.jsonl`` files of ``extra_dirs`` (read after it)."""
    paths = sorted(bundled_dir().glob("*.jsonl"))
    for folder in extra_dirs:
        found = sorted(Path(folder).glob("*.jsonl"))
        if not found:
            raise KbError(f"{folder}: no *.jsonl knowledge-base files")
        paths.extend(found)
    records = expand_templates(read_records(paths))
    return KnowledgeBase([to_entry(r) for r in records])
