"""Resources of the entity stage for one language: the KB, its lexicon, and phrase indexes.

Loaded once per (language, KB folders) and shared by every document: the stage stays a pure
function of the document and these resources.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from veille.kb import Alias, KnowledgeBase, PhraseIndex, fold, load_kb
from veille.records import EntityType


@dataclass(frozen=True)
class Description:
    """An office described in words ("le ministre russe de la Défense"): role and whose."""

    role: str
    of: str  # the country or organisation entry


@dataclass(frozen=True)
class Lexicon:
    determiners: frozenset[str]
    titles: frozenset[str]
    portfolio_titles: frozenset[str]
    eponym_heads: frozenset[str]
    geo_heads: frozenset[str]
    unit_heads: frozenset[str]
    compound_suffixes: frozenset[str]
    vessel_heads: frozenset[str]
    facility_heads: dict[str, EntityType]
    place_nouns: frozenset[str]
    not_entities: frozenset[str]
    time_words: frozenset[str]
    particles: frozenset[str]
    place_prepositions: frozenset[str]
    origin_prepositions: frozenset[str]
    directional_prepositions: frozenset[str]
    motion_words: frozenset[str]
    recipient_words: frozenset[str]
    descriptions: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class EntityResources:
    language: str
    kb: KnowledgeBase
    lexicon: Lexicon
    names: PhraseIndex[Alias]  # KB aliases, demonyms included
    descriptions: PhraseIndex[Description]


def _folded(values: Any) -> frozenset[str]:
    return frozenset(fold(str(v)) for v in values or ())


def load_lexicon(language: str) -> Lexicon:
    """The language's lexicon file, or an empty lexicon (names from the KB still work)."""
    path = resources.files("veille.data").joinpath("entities", f"{language}.toml")
    data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    metonymy = data.get("metonymy", {})
    return Lexicon(
        determiners=_folded(data.get("determiners")),
        titles=_folded(data.get("titles")),
        portfolio_titles=_folded(data.get("portfolio_titles")),
        eponym_heads=_folded(data.get("eponym_heads")),
        geo_heads=_folded(data.get("geo_heads")),
        unit_heads=_folded(data.get("unit_heads")),
        compound_suffixes=_folded(data.get("compound_suffixes")),
        vessel_heads=_folded(data.get("vessel_heads")),
        facility_heads={fold(k): v for k, v in data.get("facility_heads", {}).items()},
        place_nouns=_folded(data.get("place_nouns")),
        # Kept as written: "Lire" (a link) is furniture, "lire" is not a candidate anyway.
        not_entities=frozenset(data.get("not_entities", ())),
        time_words=_folded(data.get("time_words")),
        particles=_folded(data.get("particles")),
        place_prepositions=_folded(metonymy.get("place_prepositions")),
        origin_prepositions=_folded(metonymy.get("origin_prepositions")),
        directional_prepositions=_folded(metonymy.get("directional_prepositions")),
        motion_words=_folded(metonymy.get("motion_words")),
        recipient_words=_folded(metonymy.get("recipient_words")),
        descriptions={k: tuple(v) for k, v in data.get("descriptions", {}).items()},
    )


def description_index(
    kb: KnowledgeBase, lexicon: Lexicon, language: str
) -> PhraseIndex[Description]:
    """Every description pattern with its slots filled from the KB, e.g.
    "ministre {adj} de la Défense" -> "ministre russe de la Défense" (defence_minister, RUS)."""
    adjectives: list[tuple[str, str]] = []
    countries: list[tuple[str, str]] = []
    orgs: list[tuple[str, str]] = []
    for entry in kb.entries.values():
        if entry.type == "COUNTRY":
            adjectives += [(f, entry.id) for f in entry.demonyms.get(language, ())]
            countries += [(a, entry.id) for a in entry.aliases_for(language)]
        elif entry.type == "ORG":
            orgs += [(a, entry.id) for a in entry.aliases_for(language)]
    slots = {"{adj}": adjectives, "{country}": countries, "{org}": orgs}
    index: PhraseIndex[Description] = PhraseIndex()
    for role, patterns in lexicon.descriptions.items():
        for pattern in patterns:
            slot = next((s for s in slots if s in pattern), None)
            if slot is None:
                continue
            for filler, entry_id in slots[slot]:
                index.add(pattern.replace(slot, filler), Description(role, entry_id))
    return index


@lru_cache(maxsize=16)
def entity_resources(language: str, kb_dirs: tuple[str, ...] = ()) -> EntityResources:
    kb = load_kb(kb_dirs)
    lexicon = load_lexicon(language)
    return EntityResources(
        language=language,
        kb=kb,
        lexicon=lexicon,
        names=kb.index(language),
        descriptions=description_index(kb, lexicon, language),
    )
