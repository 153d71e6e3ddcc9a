"""Capitals as governments: "Pyongyang dément" is North Korea, "arrivé à Pyongyang" a place.

Annotation guideline: a capital used as its government links to the country; a capital as a
place stays a LOCATION. The default is the government (news reports actors far more often
than places); the context turns it into a place: a place preposition, an origin preposition
after a motion or distance word, or the object of a motion verb. Words come from the
language's lexicon; the dependency parse is used when the pipeline has one.
"""

from __future__ import annotations

from typing import Any

from veille.extract.entities.candidates import Candidate
from veille.extract.entities.lexicon import EntityResources, Lexicon
from veille.kb import fold

_WINDOW = 4  # words before the preposition that may govern it when there is no parse


def apply_metonymy(candidates: list[Candidate], doc: Any, res: EntityResources) -> None:
    """Re-point capitals used as governments to their country (in place)."""
    for c in candidates:
        entry = res.kb.get(c.entry)
        if entry is None or entry.metonym_of is None:
            continue
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is not None and not is_place(span, res.lexicon):
            c.entry = entry.metonym_of
            c.type = "COUNTRY"


def _forms(token: Any) -> set[str]:
    return {fold(token.text), fold(token.lemma_ or token.text)}


def _governors(span: Any, prep_index: int) -> set[str]:
    """Words the prepositional phrase hangs on: parse heads if parsed, else the words before."""
    doc = span.doc
    found: set[str] = set()
    if doc.has_annotation("DEP"):
        head = span.root.head
        for _ in range(2):  # "vente de munitions à Moscou": munitions -> vente
            found |= _forms(head)
            head = head.head
    for token in doc[max(0, prep_index - _WINDOW) : prep_index]:
        found |= _forms(token)
    return found


def is_place(span: Any, lex: Lexicon) -> bool:
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s"):
        return False  # "Pyongyang's allies": a possessor is an actor
    i = span.start - 1
    if (
        i >= 0
        and fold(doc[i].text) in lex.determiners
        and i > 0
        and fold(doc[i - 1].text)
        in (lex.place_prepositions | lex.origin_prepositions | lex.directional_prepositions)
    ):
        i -= 1  # "près de la capitale" is rare, but "jusqu'à la" happens: skip the article
    prep = fold(doc[i].text) if i >= 0 else ""
    if prep in lex.place_prepositions:
        return not (_governors(span, i) & lex.recipient_words)
    if prep in lex.origin_prepositions or prep in lex.directional_prepositions:
        before = _governors(span, i)
        distance = i > 0 and (doc[i - 1].like_num or fold(doc[i - 1].text) in lex.motion_words)
        return bool(before & lex.motion_words) or bool(distance)
    if doc.has_annotation("DEP") and span.root.dep_ in ("obj", "dobj"):
        return bool(_forms(span.root.head) & lex.motion_words)  # "a quitté Pyongyang"
    return i >= 0 and fold(doc[i].text) in lex.motion_words  # "visited Pyongyang"
