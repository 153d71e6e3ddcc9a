"""Descriptions of office holders resolved within the document or through the KB.

"le dirigeant nord-coréen", "le ministre russe de la Défense", "Kremlin spokesman": not
mentions (annotation guideline), but claims and events need to know who they are.

1. in apposition to a person named right after it ("le président russe, Vladimir Poutine"),
   or right before it when commas close the apposition ("Koo Byoungsam, porte-parole du
   ministère, a dit"), the description is that person;
2. otherwise, of the people the KB gives that office at the publication date (or at any date
   when it is unknown), the one named nearest before it in the document, else the only one;
3. otherwise the person an earlier apposition gave the same office in this document.
"""

from __future__ import annotations

from dataclasses import dataclass

from veille.extract.entities.candidates import Candidate
from veille.extract.entities.lexicon import Description, EntityResources

_APPOSITION_GAP = 3  # ", " or " " between a description and the name it introduces


@dataclass(frozen=True)
class ResolvedDescription:
    start: int
    end: int
    text: str
    role: str
    of: str  # country or organisation entry
    entry: str | None  # the KB person, when known
    cluster: str | None  # the document-level entity, when known


def description_spans(text: str, res: EntityResources) -> list[tuple[int, int, Description]]:
    """Leftmost-longest description phrases."""
    hits = sorted(res.descriptions.find(text), key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[tuple[int, int, Description]] = []
    for hit in hits:
        if not kept or hit.start >= kept[-1][1]:
            kept.append((hit.start, hit.end, hit.value))
    return kept


def resolve_descriptions(
    text: str,
    spans: list[tuple[int, int, Description]],
    mentions: list[Candidate],
    res: EntityResources,
    published: str | None,
) -> list[ResolvedDescription]:
    people = [m for m in mentions if m.type == "PERSON"]
    appositions: dict[Description, Candidate] = {}
    out = []
    for start, end, desc in spans:
        entry: str | None = None
        cluster: str | None = None
        named = _apposed(text, start, end, people)
        if named is not None:  # 1
            entry, cluster = named.entry, named.cluster
            appositions[desc] = named
        else:
            holders = {e.id for e in res.kb.holders(desc.role, desc.of, published)}
            before = [p for p in people if p.entry in holders and p.end <= start]
            anywhere = [p for p in people if p.entry in holders]
            if before or anywhere:  # 2
                chosen = before[-1] if before else anywhere[0]
                entry, cluster = chosen.entry, chosen.cluster
            elif len(holders) == 1:
                entry = next(iter(holders))
                cluster = f"kb:{entry}"
            elif desc in appositions:  # 3
                entry, cluster = appositions[desc].entry, appositions[desc].cluster
        out.append(
            ResolvedDescription(start, end, text[start:end], desc.role, desc.of, entry, cluster)
        )
    return out


def _apposed(text: str, start: int, end: int, people: list[Candidate]) -> Candidate | None:
    after = next((p for p in people if 0 <= p.start - end <= _APPOSITION_GAP), None)
    if after is not None and text[end : after.start].strip() in ("", ","):
        return after
    before = next((p for p in people if 0 <= start - p.end <= _APPOSITION_GAP), None)
    if before is not None and text[before.end : start].strip() == ",":
        closing = text[end : end + 2].strip()[:1]
        if closing in (",", ")", "") or end == len(text):
            return before
    return None
