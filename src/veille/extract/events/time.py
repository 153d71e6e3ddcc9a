"""The time of an event: a time expression of its own clause, never the publication date.

On a parse, each time expression of the sentence gets a rank for a trigger:

0. attached below the trigger ("a assisté jeudi soir", "leur sommet du 13 septembre");
1. in the trigger's clause (attached to the verb governing a noun or an infinitive);
2. in a fragment the parser cut off from any verb, when this trigger is the nearest;
3. in the clause the trigger's clause is coordinated with ("a quitté X dimanche et a …"),
   or in a participle clause before it ("Arrivé mardi, il a été accueilli …"); for an act of
   saying, the clause its relative clause hangs on ("X a affirmé vendredi, …, qui accuse");
   for a simple imperfect reported by a past verb, the report's ("a affirmé le mois dernier
   que les négociations avançaient").

Only dates count: a duration or a set ("pendant deux heures", "chaque année") places no
event on a timeline. A time outside the claim that reports the trigger (the "a rapporté
vendredi" of the report, in the clause of its cue) is never the event's. Without a parse:
the nearest date of the sentence. Inheriting the previous sentence's time is the
orchestrator's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from veille.extract.events.triggers import Token
from veille.records import Claim, TimeExpression

__all__ = ["TimeSlot", "choose_times", "claim_of", "clause_head", "place_times"]

_BOUNDARY = {"ROOT", "ccomp", "advcl", "acl:relcl", "parataxis", "csubj", "conj", "acl"}
_DATES = ("DATE", "TIME")


@dataclass(frozen=True)
class TimeSlot:
    expr: TimeExpression
    root: int  # token index of the expression's syntactic head
    first: int
    last: int


def place_times(doc: Any, times: list[TimeExpression]) -> list[TimeSlot]:
    """Time expressions anchored on tokens; those not on token boundaries are expanded."""
    slots = []
    for expr in times:
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        slots.append(TimeSlot(expr, span.root.i, span.start, span.end - 1))
    return slots


def clause_head(token: Token) -> Token:
    """The verb heading the clause of a token (the token itself for a clause verb)."""
    for _ in range(60):
        if token.head.i == token.i:
            return token
        if token.pos_ in ("VERB", "AUX") and token.dep_ in _BOUNDARY:
            return token
        token = token.head
    return token


def choose_times(
    doc: Any,
    head: Token,
    slots: list[TimeSlot],
    heads: list[int],
    claims: list[Claim],
    parsed: bool,
    speech: bool = False,
) -> list[TimeSlot]:
    """The best time slots for a trigger (several only when they tie); ``heads`` are the
    trigger heads of the same sentence; ``speech`` says the event is an act of saying
    (an accusation, a denial), whose time is its claim's."""
    usable = [s for s in slots if speech or not _reporting_time(doc, head, s, claims, parsed)]
    ranked = [
        (r, s)
        for s in usable
        if (r := (_rank(doc, head, s, heads, speech) if parsed else _blank_rank(head, s, heads)))
        is not None
    ]
    dates = [(r, s) for r, s in ranked if s.expr.type in _DATES]
    if not dates:
        return []
    best = min(r for r, _ in dates)
    tied = [s for r, s in dates if r == best]
    return sorted(tied, key=lambda s: abs(s.root - head.i))


def claim_of(claims: list[Claim], offset: int) -> int | None:
    """Index of the innermost claim whose content contains a character offset."""
    best: tuple[int, int] | None = None
    for i, claim in enumerate(claims):
        spans = [(claim.start, claim.end)]
        if claim.extra_start is not None and claim.extra_end is not None:
            spans.append((claim.extra_start, claim.extra_end))
        for start, end in spans:
            if start <= offset < end and (best is None or end - start < best[1]):
                best = (i, end - start)
    return best[0] if best else None


def _reporting_time(
    doc: Any, head: Token, slot: TimeSlot, claims: list[Claim], parsed: bool
) -> bool:
    """Is the time that of the claim reporting the trigger ("…, a rapporté vendredi KCNA")?"""
    index = claim_of(claims, doc[head.i].idx)
    if index is None or claim_of(claims, slot.expr.start) == index:
        return False
    if parsed and _simultaneous(clause_head(head)):
        return False
    claim = claims[index]
    cue = doc.char_span(claim.cue_start, claim.cue_end, alignment_mode="expand")
    if cue is None or len(cue) == 0:
        return False
    if parsed:
        return _under(doc[slot.root], cue.root) or clause_head(doc[slot.root]).i == cue.root.i
    return bool(slot.first - cue.end <= 3 and cue.start - slot.last <= 3)


def _rank(doc: Any, head: Token, slot: TimeSlot, heads: list[int], speech: bool) -> int | None:
    root = doc[slot.root]
    if _under(root, head):
        return 0
    own = clause_head(head)
    theirs = clause_head(root)
    if theirs.i == own.i:
        return 1
    if theirs.pos_ not in ("VERB", "AUX"):
        nearest = min(heads, key=lambda h: abs(h - slot.root))
        return 2 if nearest == head.i else None
    if own.dep_ in ("conj", "ccomp") and own.head.i == theirs.i:
        return 3 if own.dep_ == "conj" or _simultaneous(own) else None
    if theirs.dep_ == "advcl" and theirs.head.i == own.i and _bare_participle(theirs):
        return 3  # "Arrivé mardi, M. Choïgou a été accueilli …"
    speaker = own.head
    inverted = speaker.dep_ in ("nsubj", "obj")  # "a affirmé vendredi la Maison Blanche, qui …"
    if speech and own.dep_ == "acl:relcl" and inverted and speaker.head == theirs:
        return 3  # "a affirmé vendredi la Maison Blanche, qui … à l'appui de ses accusations"
    return None


def _simultaneous(clause: Token) -> bool:
    """A simple imperfect reported by a past verb is the time of the report: "avait affirmé
    le mois dernier que les négociations avançaient" (concordance of tenses)."""
    imperfect = "Imp" in clause.morph.get("Tense") and "Ind" in clause.morph.get("Mood")
    bare = not any(c.dep_.startswith("aux") for c in clause.children)
    return clause.dep_ == "ccomp" and imperfect and bare


def _bare_participle(token: Token) -> bool:
    return "Part" in token.morph.get("VerbForm") and not any(
        c.dep_.startswith(("nsubj", "aux")) for c in token.children
    )


def _under(token: Token, ancestor: Token) -> bool:
    """Is ``token`` in the subtree of ``ancestor`` without crossing another clause?"""
    for _ in range(60):
        if token.i == ancestor.i:
            return True
        if token.head.i == token.i or (token.pos_ in ("VERB", "AUX") and token.dep_ in _BOUNDARY):
            return False
        token = token.head
    return False


def _blank_rank(head: Token, slot: TimeSlot, heads: list[int]) -> int | None:
    """Nearest first; a time with another trigger between belongs to that one."""
    lo, hi = sorted((head.i, slot.root))
    if any(lo < h < hi for h in heads if h != head.i):
        return None
    gap = slot.first - head.i if slot.first > head.i else head.i - slot.last
    return 0 if gap <= 3 else 1
