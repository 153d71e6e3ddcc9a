"""Names by their shape, for pipelines without an NER model (a degraded language).

A run of capitalised words is a name candidate once its leading titles ("Admiral", "Deputy
Prime Minister"), articles and stop words are dropped; a lone capitalised word opening a
sentence is not. A generic facility noun right after it belongs to the name ("Knevichi
airfield"). The context types it: a dropped title makes a PERSON, a vessel noun before it
EQUIPMENT ("the frigate Marshal Shaposhnikov", whose "Marshal" is then no title), a facility
noun or "town of" a place; anything else stays OTHER. The KB still wins where they overlap.
"""

from __future__ import annotations

from typing import Any

from veille.extract.entities.candidates import Candidate
from veille.extract.entities.lexicon import EntityResources
from veille.kb import fold
from veille.records import EntityType

_COORDINATORS = frozenset({"and", "et", "&", "or", "ou"})


def _capitalised(token: Any) -> bool:
    return token.text[:1].isupper() and any(ch.isalpha() for ch in token.text)


def _runs(doc: Any, connectors: frozenset[str], suffixes: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) token ranges of capitalised words, joined by hyphens or inner particles;
    a hyphen before an adjective-making word ("-led", "-held") ends the run."""
    runs = []
    i, n = 0, len(doc)
    while i < n:
        if not _capitalised(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n:
            glued = (
                doc[j].text == "-"
                and not doc[j - 1].whitespace_
                and j + 1 < n
                and fold(doc[j + 1].text) not in suffixes
            )
            inner = fold(doc[j].text) in connectors and j + 1 < n and _capitalised(doc[j + 1])
            if _capitalised(doc[j]) and not doc[j].is_sent_start:
                j += 1
            elif glued or inner:
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def shape_candidates(doc: Any, res: EntityResources) -> list[Candidate]:
    lex = res.lexicon
    out = []
    # "of" joins the words of one name ("Bank of Korea"); "and" joins two names.
    for start, end in _runs(doc, lex.particles - _COORDINATORS, lex.compound_suffixes):
        vessel = start > 0 and fold(doc[start - 1].text) in lex.vessel_heads
        titled = False
        while start < end:
            word = fold(doc[start].text)
            if word in lex.titles and not vessel:
                titled = True
            elif not (doc[start].is_stop or word in lex.determiners or word in lex.time_words):
                break
            start += 1
        while end > start and fold(doc[end - 1].text) in lex.time_words:
            end -= 1
        if end <= start or (end - start == 1 and doc[start].is_sent_start and not titled):
            continue
        span = doc[start:end]
        if span.text in lex.not_entities or len(span.text) < 2:
            continue
        kind: EntityType = "PERSON" if titled else "EQUIPMENT" if vessel else "OTHER"
        facility = _facility_after(doc, end, lex.facility_heads)
        if facility is not None:
            end, kind = facility
        elif _after_place_noun(doc, start, lex.place_nouns):
            kind = "LOCATION"
        span = doc[start:end]
        out.append(Candidate(span.start_char, span.end_char, span.text, kind, "SHAPE", kind="ner"))
    return out


def _facility_after(
    doc: Any, end: int, heads: dict[str, EntityType]
) -> tuple[int, EntityType] | None:
    """ "Knevichi | airfield", "Yuri Gagarin | aircraft plant": the longest head that follows."""
    for size in (2, 1):
        words = " ".join(fold(t.text) for t in doc[end : end + size])
        if end + size <= len(doc) and words in heads:
            return end + size, heads[words]
    return None


def _after_place_noun(doc: Any, start: int, nouns: frozenset[str]) -> bool:
    """ "the nearby town of Artyom", "la ville de Koursk"."""
    before = " ".join(fold(t.text) for t in doc[max(0, start - 2) : start])
    return before in nouns
