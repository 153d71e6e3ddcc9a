"""Modality of an event: negated, hypothetical, planned or actual, in that order of precedence.

On a parse, the words that count are the trigger's own (auxiliaries, adverbs, determiners,
modifiers) and those of the words governing it within its clause: the verb an infinitive
depends on ("pourrait livrer", "doit se rendre", "va augmenter"), the verb a noun is the
object or subject of ("toute livraison … violerait"), the noun an event depends on
("intention de fournir"), and a denial verb over its complement ("a démenti avoir livré").

- negated: a negation ("n'a pas", "ne … jamais", "aucun", "sans"), or under a denial; a
  "ne" without a partner is no negation (expletive "avant qu'il ne parte", restrictive
  "ne … que");
- hypothetical: conditional or subjunctive mood, a hedging governor ("pouvoir", "craindre",
  "chercher à"), "si", "toute livraison", "éventuelle";
- planned: future tense, a planning governor ("prévoir", "devoir", "aller"), "prochaine",
  or a conditional reporting the future of a past speech verb ("a dit qu'il viendrait");
  the orchestrator also plans events whose time is after publication.

A conditional of hearsay ("Pyongyang aurait livré des obus", the journalistic conditional)
stays hypothetical: the contract has no "alleged" modality, and the claim that reports the
event carries who alleges it.

Without a parse, the same cue words are looked for in a few tokens around the trigger.
"""

from __future__ import annotations

from typing import Any

from veille.extract.events.lexicon import EventLexicon
from veille.extract.events.triggers import Token, forms, lemma
from veille.records import Modality

__all__ = ["blank_modality", "parsed_modality"]

_WINDOW_BEFORE = 6
_WINDOW_AFTER = 3
_PARTNER_WINDOW = 8  # words between "ne" and its partner ("n'a jusqu'ici livré aucun obus")
_NOUNISH = ("NOUN", "PROPN")
_NOUN_UP = {"obj", "nsubj:pass", "obl:arg", "obl", "obl:mod", "nmod"}  # not nsubj: "la venue
# de X pourrait traduire …" hedges the reading, not the visit
_VERB_UP = {"xcomp"}
_INF_UP = {"acl", "obl:arg", "obl", "obl:mod", "ccomp", "advcl", "nmod"}
_MARKERS = {"aux", "aux:tense", "aux:pass", "advmod", "det", "mark", "cop", "amod", "cc"}


def parsed_modality(head: Token, lex: EventLexicon) -> Modality:
    chain, denied = _chain(head, lex)
    words = [w for t in chain for w in _markers(t)]
    governors = chain[1:]
    if denied or any(_negative(w, lex) for w in words):
        return "negated"
    if _hypothetical(head, chain, governors, words, lex):
        return "hypothetical"
    if _planned(head, governors, words, lex):
        return "planned"
    return "actual"


def _chain(head: Token, lex: EventLexicon) -> tuple[list[Token], bool]:
    """The trigger and its governors within the clause; whether a denial governs it."""
    chain = [head]
    token = head
    denied = False
    for _ in range(6):
        governor = token.head
        if governor.i == token.i:
            break
        dep = token.dep_
        infinitive = "Inf" in token.morph.get("VerbForm")
        climbs = (
            (token.pos_ in _NOUNISH and dep in _NOUN_UP)
            or (dep in _VERB_UP)
            or (infinitive and dep in _INF_UP)
        )
        if forms(governor, lex) & lex.cues("deny") and (climbs or dep == "ccomp"):
            denied = True
            break
        if not climbs:
            break
        chain.append(governor)
        token = governor
    return chain, denied


def _markers(token: Token) -> list[Token]:
    return [token, *(c for c in token.children if c.dep_ in _MARKERS)]


def _negative(token: Token, lex: EventLexicon) -> bool:
    clitic = token.lower_.replace("\u2019", "'") in lex.cues("negation_clitics")
    if clitic:
        return _partnered(token, lex)
    return "Neg" in token.morph.get("Polarity") or (
        token.lower_ in lex.cues("negation") and token.dep_ in ("advmod", "det", "cc", "mark")
    )


def _partnered(clitic: Token, lex: EventLexicon) -> bool:
    """A "ne" negates only with a partner in its clause ("pas", "jamais", "aucun", "rien" …,
    after it or as the subject before it); alone it is expletive ("craint que Moscou ne
    livre", "avant que l'armée ne se retire") and with "que" restrictive ("n'a livré que
    dix obus"): neither negates."""
    doc = clitic.doc
    partners = lex.cues("negation_partners")
    for token in doc[clitic.i + 1 : clitic.i + 1 + _PARTNER_WINDOW]:
        if token.is_punct or token.is_sent_start:
            break
        if token.lower_ in partners:
            return True
    for i in range(clitic.i - 1, max(-1, clitic.i - 1 - _PARTNER_WINDOW), -1):
        token = doc[i]  # a partner as subject: "aucun traité n'a été signé"
        if token.is_punct:
            break
        if token.lower_ in partners:
            return True
        if token.is_sent_start:
            break
    return False


def _hypothetical(
    head: Token, chain: list[Token], governors: list[Token], words: list[Token], lex: EventLexicon
) -> bool:
    cues = lex.cues("hypothetical")
    if any(forms(g, lex) & cues for g in governors):
        return True
    own = [c for c in head.children if c.dep_ in ("det", "amod", "aux", "aux:tense", "advmod")]
    if any(lemma(c) in lex.cues("hypothetical_dets") for c in own if c.dep_ == "det"):
        return True
    if any(lemma(c) in cues or c.lower_ in cues for c in own if c.dep_ != "det"):
        return True
    if any(lemma(w) in lex.cues("hypothetical_marks") for w in words if w.dep_ == "mark"):
        return True
    moods = [m for w in words for m in w.morph.get("Mood")]
    return ("Cnd" in moods and not _future_in_past(chain)) or "Sub" in moods


def _future_in_past(chain: list[Token]) -> bool:
    """A conditional in a clause reported by a past speech verb is the future of that past:
    "Peskov a indiqué que les entretiens porteraient sur …"."""
    top = chain[-1]
    if top.dep_ != "ccomp":
        return False
    speech = top.head
    tenses = [t for w in _markers(speech) for t in w.morph.get("Tense")]
    return "Past" in tenses or "Imp" in tenses


def _planned(head: Token, governors: list[Token], words: list[Token], lex: EventLexicon) -> bool:
    cues = lex.cues("planned")
    if any(forms(g, lex) & cues for g in governors):
        return True
    if any(lemma(c) in cues for c in head.children if c.dep_ in ("amod", "aux", "advmod")):
        return True
    tenses = [t for w in words for t in w.morph.get("Tense")]
    moods = [m for w in words for m in w.morph.get("Mood")]
    return "Fut" in tenses or "Cnd" in moods


def blank_modality(doc: Any, first: int, last: int, lex: EventLexicon) -> Modality:
    """Cue words in a window around the trigger tokens ``first``..``last``, in its clause."""
    before = _clause_window(doc, first, -1, _WINDOW_BEFORE)
    after = _clause_window(doc, last, 1, _WINDOW_AFTER)
    words = {t.lower_.replace("’", "'") for t in before + after}
    sentence = doc[first].sent if doc.has_annotation("SENT_START") else doc[:]
    earlier = {t.lower_ for t in doc[sentence.start : first]}
    negations = words & lex.cues("negation")
    if negations and negations <= lex.cues("negation_clitics"):
        negations = negations if words & lex.cues("negation_partners") else set()
    if negations or earlier & lex.cues("deny"):
        return "negated"
    if words & (lex.cues("hypothetical") | lex.cues("hypothetical_dets")):
        return "hypothetical"
    if words & lex.cues("planned"):
        return "planned"
    return "actual"


def _clause_window(doc: Any, at: int, step: int, size: int) -> list[Token]:
    found: list[Token] = []
    i = at + step
    while 0 <= i < len(doc) and len(found) < size:
        token = doc[i]
        if token.is_punct or (step > 0 and token.is_sent_start):
            break
        found.append(token)
        if step < 0 and token.is_sent_start:
            break
        i += step
    return found
