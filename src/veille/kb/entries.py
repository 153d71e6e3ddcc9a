"""Knowledge-base entries and how they are read from JSON Lines files (data/kb/README.md).

Files are read in name order; an entry whose ``id`` was seen already extends it: lists and
alias lists are added to, other fields replace. So a generated file (countries from pycountry)
is completed by a curated one, and a user's file can add aliases to a bundled entry.
Entries with ``"for_each": "country"`` are templates, expanded once per country with demonyms.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from veille.records import EntityType

TYPES: tuple[EntityType, ...] = ("PERSON", "ORG", "COUNTRY", "LOCATION", "EQUIPMENT", "OTHER")
ANY = "*"  # language key of aliases written the same in every language
_LIST_FIELDS = ("short", "contextual", "designators", "roles")
_MAP_FIELDS = ("name", "aliases", "demonyms")
_KNOWN = {
    "id",
    "type",
    "qid",
    "capital",
    "metonym_of",
    "seat_of",
    "category",
    "parent",
    "for_each",
    *_LIST_FIELDS,
    *_MAP_FIELDS,
}


class KbError(ValueError):
    """A knowledge-base file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Role:
    """An office held: "head_of_state" of country/PRK, "spokesperson" of org/kremlin, …"""

    role: str
    country: str | None = None
    org: str | None = None
    start: str | None = None  # ISO date, possibly partial ("2012-11"); None: since ever
    end: str | None = None  # None: still in office

    def active(self, when: str | None) -> bool:
        if when is None:
            return True
        return (self.start or "") <= when and (self.end is None or when < self.end)


@dataclass(frozen=True)
class Entry:
    id: str
    type: EntityType
    names: dict[str, str]  # language -> canonical name
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # language or "*"
    qid: str | None = None  # Wikidata, only when sure
    short: tuple[str, ...] = ()  # "Kim": linked only through the document or as a last resort
    contextual: tuple[str, ...] = ()  # "Nord": only when the entry is named in the document
    demonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    capital: str | None = None
    metonym_of: str | None = None  # a capital: the country whose government it may stand for
    seat_of: str | None = None  # a seat of power ("Kremlin"): kept as itself, tied to a country
    category: str | None = None  # equipment system: its category entry
    parent: str | None = None  # equipment category: the broader one
    designators: tuple[str, ...] = ()  # equipment: model prefixes ("Su" for Su-35)
    roles: tuple[Role, ...] = ()

    def name(self, language: str = "fr") -> str:
        for key in (language, "fr", "en", ANY):
            if key in self.names:
                return self.names[key]
        return next(iter(self.names.values()), self.id)

    def aliases_for(self, language: str) -> list[str]:
        """Full names usable in ``language``: its names and aliases, then language-neutral ones."""
        found: list[str] = []
        for key in (language, ANY):
            for alias in (self.names.get(key), *self.aliases.get(key, ())):
                if alias and alias not in found:
                    found.append(alias)
        return found

    @property
    def is_category(self) -> bool:
        return self.type == "EQUIPMENT" and self.category is None


def read_records(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """Raw records of every file, merged by id, in file then line order."""
    merged: dict[str, dict[str, Any]] = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise KbError(f"{where}: not JSON ({exc.msg})") from exc
            _check(record, where)
            if record["id"] in merged:
                _extend(merged[record["id"]], record)
            else:
                merged[record["id"]] = record
    return list(merged.values())


def _check(record: Any, where: str) -> None:
    if not isinstance(record, dict) or not isinstance(record.get("id"), str):
        raise KbError(f"{where}: each line must be an object with a string 'id'")
    unknown = set(record) - _KNOWN
    if unknown:
        raise KbError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    if "type" in record and record["type"] not in TYPES:
        raise KbError(f"{where}: type must be one of {', '.join(TYPES)}")


def _extend(base: dict[str, Any], more: dict[str, Any]) -> None:
    for key, value in more.items():
        if key in _MAP_FIELDS and isinstance(value, dict):
            target = base.setdefault(key, {})
            for lang, item in value.items():
                if isinstance(item, list):
                    target[lang] = [
                        *target.get(lang, []),
                        *(a for a in item if a not in target.get(lang, [])),
                    ]
                else:
                    target[lang] = item
        elif key in _LIST_FIELDS and isinstance(value, list):
            base[key] = [*base.get(key, []), *(v for v in value if v not in base.get(key, []))]
        else:
            base[key] = value


def expand_templates(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Plain records plus one record per (template, country with demonyms)."""
    plain = [r for r in records if "for_each" not in r]
    countries = [r for r in plain if r.get("type") == "COUNTRY" and r.get("demonyms")]
    out = list(plain)
    for template in (r for r in records if r.get("for_each") == "country"):
        for country in countries:
            values = _slots(country)
            out.append(_fill({k: v for k, v in template.items() if k != "for_each"}, values))
    return out


def _slots(country: dict[str, Any]) -> dict[str, str]:
    """{country}, {country_en}, {adj_ms}, {adj_fs} (French), {adj_en} for one country."""
    names = country.get("name", {})
    demonyms = country.get("demonyms", {})
    fr, en = demonyms.get("fr", []), demonyms.get("en", [])
    return {
        "id": country["id"].split("/")[-1],
        "country": names.get("fr") or names.get(ANY) or country["id"],
        "country_en": names.get("en") or names.get(ANY) or country["id"],
        "adj_ms": fr[0] if fr else "",
        "adj_fs": fr[1] if len(fr) > 1 else (fr[0] if fr else ""),
        "adj_en": en[0] if en else "",
        "country_id": country["id"],
    }


def _fill(value: Any, slots: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**slots)
    if isinstance(value, list):
        filled = [_fill(v, slots) for v in value]
        # A slot the country lacks (no English demonym) leaves a broken alias: drop it.
        return [v for v in filled if not (isinstance(v, str) and ("  " in v or v != v.strip()))]
    if isinstance(value, dict):
        return {k: _fill(v, slots) for k, v in value.items()}
    return value


def to_entry(record: dict[str, Any]) -> Entry:
    where = record["id"]
    if record.get("type") not in TYPES:
        raise KbError(f"{where}: missing or unknown type")
    names = record.get("name") or {}
    if isinstance(names, str):
        names = {ANY: names}
    if not names:
        raise KbError(f"{where}: missing name")
    roles = tuple(
        Role(
            role=r["role"],
            country=r.get("country"),
            org=r.get("org"),
            start=r.get("from"),
            end=r.get("to"),
        )
        for r in record.get("roles", [])
    )
    return Entry(
        id=record["id"],
        type=record["type"],
        names=dict(names),
        aliases={k: tuple(v) for k, v in (record.get("aliases") or {}).items()},
        qid=record.get("qid"),
        short=tuple(record.get("short", [])),
        contextual=tuple(record.get("contextual", [])),
        demonyms={k: tuple(_with_plurals(k, v)) for k, v in (record.get("demonyms") or {}).items()},
        capital=record.get("capital"),
        metonym_of=record.get("metonym_of"),
        seat_of=record.get("seat_of"),
        category=record.get("category"),
        parent=record.get("parent"),
        designators=tuple(record.get("designators", [])),
        roles=roles,
    )


def _with_plurals(language: str, forms: list[str]) -> list[str]:
    """French demonyms are listed in the singular; their plural adds -s (not after s or x)."""
    out = list(forms)
    if language == "fr":
        for form in forms:
            plural = form if form[-1] in "sx" else form + "s"
            if plural not in out:
                out.append(plural)
    return out
