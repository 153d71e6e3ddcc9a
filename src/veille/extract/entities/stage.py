"""Entity mentions of one document, linked: the per-document half of "one name for one thing".

``extract_entities`` runs the whole cascade on a parsed spaCy Doc (or a blank one: the KB
then finds everything):

1. knowledge-base phrases: full names, short forms, demonyms (kept aside), descriptions;
2. model designations ("Su-35", "Hwasong-17") whose prefix the KB knows;
3. the NER model's spans, cleaned (articles, titles, dates, furniture, sentence verbs), or
   without a model, capitalised runs (``entity_shapes``);
4. overlaps: the KB wins, except around a longer person name found by the model;
5. names the KB phrase lookup missed linked as spelling variants (rapidfuzz);
6. capitals used as governments re-pointed to their country;
7. short forms to full names, and a within-document cluster key for every mention;
8. descriptions of office holders resolved to people.

It is a pure function of the document, its publication date and the loaded resources.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from veille.extract.entities.candidates import (
    Candidate,
    designator_candidates,
    kb_candidates,
    ner_candidates,
    resolve_overlaps,
)
from veille.extract.entities.descriptions import (
    ResolvedDescription,
    description_spans,
    resolve_descriptions,
)
from veille.extract.entities.lexicon import Description, EntityResources
from veille.extract.entities.linking import assign_clusters, link_variants
from veille.extract.entities.metonymy import apply_metonymy
from veille.extract.entities.shapes import shape_candidates

# rapidfuzz ``ratio`` (0-100) of name keys from which two spellings are one name. Variants:
# "Choïgu"/"Choïgou" 92, "Navalny"/"Navalnyï" 93, "Dmitry"/"Dmitri Peskov" 92; two people:
# "Lee Jae-myung"/"Lee Jae-yong" 86. Transliterations across languages fall lower ("Sergei
# Shoigu"/"Sergueï Choïgou" 85): the KB joins those. The gold scores the same from 80 to 95.
VARIANT_THRESHOLD = 88.0


@dataclass(frozen=True)
class KbMatches:
    """Steps 1 and 2: what the knowledge base and the designation pattern find in a text."""

    candidates: tuple[Candidate, ...]
    demonyms: tuple[tuple[int, int, str], ...]  # (start, end, country entry)
    descriptions: tuple[tuple[int, int, Description], ...]


@dataclass(frozen=True)
class Entities:
    mentions: tuple[Candidate, ...]
    descriptions: tuple[ResolvedDescription, ...]


def match_kb(text: str, res: EntityResources) -> KbMatches:
    kb, demonyms = kb_candidates(text, res)  # 1
    for d in designator_candidates(text, res):  # 2: "Soyouz-2" beats the "Soyouz" inside it
        if any(k.start <= d.start and d.end <= k.end for k in kb):
            continue
        kb = [k for k in kb if not k.overlaps(d.start, d.end)] + [d]
    kb.sort(key=lambda c: (c.start, c.end))
    return KbMatches(tuple(kb), tuple(demonyms), tuple(description_spans(text, res)))


def extract_entities(
    doc: Any,
    res: EntityResources,
    published: str | None,
    matches: KbMatches | None = None,
    *,
    has_ner: bool = True,
) -> Entities:
    """Steps 1-8; ``matches`` when the KB ruler ran already; without an NER model
    (``has_ner`` false) names are found by their shape instead (step 3)."""
    text = doc.text
    found = matches or match_kb(text, res)
    kb = [replace(c) for c in found.candidates]  # linking edits candidates: never the ruler's
    ner = ner_candidates(doc, res) if has_ner else shape_candidates(doc, res)  # 3
    mentions = resolve_overlaps(  # 4
        kb, ner, [(s, e) for s, e, _ in found.demonyms], [(s, e) for s, e, _ in found.descriptions]
    )
    link_variants(mentions, res, VARIANT_THRESHOLD)  # 5
    apply_metonymy(mentions, doc, res)  # 6
    assign_clusters(mentions, res, VARIANT_THRESHOLD)  # 7
    resolved = resolve_descriptions(text, list(found.descriptions), mentions, res, published)  # 8
    return Entities(tuple(mentions), tuple(resolved))
