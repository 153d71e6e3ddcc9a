"""Event arguments from the dependency parse: who did it, to whom, what, where.

- agent: the subject; "par X" of a passive (not "par le rail"); the subject of the verb
  controlling an infinitive ("doit se rendre", "pourrait livrer"), or its object for
  object-control verbs ("convaincre le régime de vendre", "accuser Pyongyang d'avoir livré");
  the antecedent of a relative "qui"; the subject of the main clause for a participle
  ("Arrivé mardi, M. Choïgou …"), of the first verb for a coordinated one; for a noun, "de X"
  when X is a name ("la visite de Choïgou"), the subject of a light verb ("effectuer une
  visite"), or the subject its possessive refers to ("la Maison Blanche … à l'appui de ses
  accusations"); a name right before a subjectless verb the parser cut off ("Pyongyang
  dément");
- recipient, location, participant, target: complements by preposition ([roles] of the data
  file), "à" being a recipient for transfers and a place for visits;
- item: the object, or "de X" of a noun ("livraison d'armes").

Spans are noun phrases as written: determiners kept; prepositions, relative clauses, time
expressions and trailing punctuation left out; a title gives way to the name in apposition
("le ministre …, Sergueï Choïgou"); a name the parser split is joined again.
"""

from __future__ import annotations

from typing import Any

from veille.extract.events.lexicon import EventLexicon
from veille.extract.events.phrases import span_text
from veille.extract.events.triggers import Token, case_of, is_name_like, lemma
from veille.records import EventArgument

__all__ = ["agent_arguments", "agent_tokens", "argument", "named", "other_arguments"]

_CUT = {"acl:relcl", "acl", "advcl", "parataxis", "punct", "appos", "dep", "cc", "conj"}
_CLAUSE_UP = {"xcomp", "advcl", "acl", "conj", "obl:arg", "ccomp", "obl:mod"}
_NOMINAL = ("NOUN", "PROPN", "PRON")
_STOPS = {".", "!", "?", ";", ":"}


def agent_tokens(head: Token, kind: str, lex: EventLexicon) -> list[Token]:
    """Agent head tokens of an event: the conjuncts of a coordinated agent, in order."""
    found = _agent(head, kind, lex, depth=0)
    if found is None:
        found = _name_before(head, lex) or _fragment_subject(head)
    if found is None or lemma(found) in lex.role_words("relative"):
        return []  # no agent, or a "qui" whose antecedent the parse lost
    return [*_fragment_conjunct(found, lex), found, *_conjuncts(found, lex)]


def agent_arguments(
    head: Token, kind: str, lex: EventLexicon, skip: set[int]
) -> list[EventArgument]:
    """One agent argument per conjunct for the types that split ("Moscou et Pyongyang
    démentent": two denials), else one spanning them all ("Erdogan et Poutine se voient")."""
    tokens = agent_tokens(head, kind, lex)
    found = [argument("agent", t, lex, skip) for t in tokens]
    if len(found) < 2 or kind in lex.role_words("split_agent_types"):
        return found
    start, end = found[0].start, max(a.end for a in found)
    return [EventArgument("agent", start, end, span_text(head.doc, start, end))]


def _conjuncts(token: Token, lex: EventLexicon) -> list[Token]:
    """ "Moscou et Pyongyang", "la Russie comme la Corée du Nord"."""
    return [
        c
        for c in token.children
        if c.pos_ in ("NOUN", "PROPN")
        and (c.dep_ == "conj" or (c.dep_ == "nmod" and case_of(c) in lex.grammar("and")))
    ]


def argument(
    role: str, token: Token, lex: EventLexicon, skip: set[int], *, with_conjuncts: bool = False
) -> EventArgument:
    start, end = _phrase(token, lex, skip, with_conjuncts)
    return EventArgument(role, start, end, span_text(token.doc, start, end))


def other_arguments(
    head: Token, kind: str, lex: EventLexicon, skip: set[int]
) -> list[EventArgument]:
    """Recipient, target, item, location and participant arguments; ``skip`` holds token
    indices already used (agents, time expressions)."""
    found: list[EventArgument] = []
    for child in head.children:
        if child.i in skip or child.pos_ not in (*_NOMINAL, "NUM"):
            continue
        role = _role(child, kind, lex)
        if role is None:
            continue
        found.append(argument(role, child, lex, skip, with_conjuncts=role == "item"))
        if role == "item" and kind in lex.role_words("recipient_types"):
            found.extend(_recipients_of(child, lex, skip))
    return found


def _agent(head: Token, kind: str, lex: EventLexicon, depth: int) -> Token | None:
    if depth > 6:
        return None
    if head.pos_ == "NOUN":
        return _noun_agent(head, kind, lex, depth)
    passive = _passive(head)
    for child in head.children:
        if passive and _by_agent(child, lex):
            return _resolve(child, lex)
    for child in head.children:
        if child.dep_ in ("nsubj", "csubj"):
            return _resolve(child, lex)
    return None if passive else _controller(head, kind, lex, depth)


def _by_agent(child: Token, lex: EventLexicon) -> bool:
    """ "par X" of a passive names its agent, unless X is a means ("par le rail")."""
    by = child.dep_ == "obl:agent" or (
        child.dep_.startswith("obl") and case_of(child) in lex.role_words("agent")
    )
    return by and not lex.in_class(lemma(child), "means")


def _controller(head: Token, kind: str, lex: EventLexicon, depth: int) -> Token | None:
    """The agent of a subjectless verb: its controller, antecedent or conjunct's subject."""
    governor = head.head
    if governor.i == head.i or head.dep_ not in _CLAUSE_UP:
        return None
    if head.dep_ == "acl" and governor.pos_ in _NOMINAL and "Part" in head.morph.get("VerbForm"):
        return None  # "des obus fabriqués …": the noun is no agent
    if _controlled_object(head, governor, lex):
        return _resolve(governor, lex)  # "convaincre le régime de vendre" (hung on "régime")
    if lemma(governor) in lex.role_words("object_control"):
        for child in governor.children:
            if child.dep_ in ("obj", "iobj") or (
                child.dep_ == "obl:arg" and case_of(child) in lex.role_words("recipient")
            ):
                return _resolve(child, lex)
    if governor.pos_ == "NOUN":
        return _noun_agent(governor, kind, lex, depth + 1)
    if head.dep_ in ("advcl", "acl", "conj"):
        subject = [c for c in governor.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if subject:
            return _resolve(subject[0], lex)
        return None if head.dep_ != "conj" else _controller(governor, kind, lex, depth + 1)
    return _agent(governor, kind, lex, depth + 1)


def _controlled_object(head: Token, governor: Token, lex: EventLexicon) -> bool:
    """An infinitive the parser hung on the object of an object-control verb: that object
    is its agent ("persuader le régime de vendre", "pousser Moscou à livrer")."""
    return bool(
        head.dep_ == "acl"
        and "Inf" in head.morph.get("VerbForm")
        and governor.pos_ in _NOMINAL
        and governor.dep_ in ("obj", "iobj")
        and lemma(governor.head) in lex.role_words("object_control")
    )


def _noun_agent(noun: Token, kind: str, lex: EventLexicon, depth: int) -> Token | None:
    for child in noun.children:
        if child.dep_ == "nmod" and case_of(child) in lex.role_words("agent"):
            return child
    meet = kind in lex.role_words("participant_object_types")
    for child in noun.children:
        if child.dep_ == "nmod" and case_of(child) in lex.grammar("of") and _actor_like(child, lex):
            return None if meet else child
    deeper = None if meet else _actor_below(noun, lex)
    if deeper is not None:
        return deeper
    verb = noun.head
    if noun.dep_ in ("obj", "obl:arg", "obl", "obl:mod") and lemma(verb) in lex.light_verbs:
        return _agent(verb, kind, lex, depth + 1)
    if noun.dep_ == "obj" and lemma(noun) in lex.role_words("will_nouns"):
        return _agent(verb, kind, lex, depth + 1)  # "X dément toute intention de livrer"
    if kind in lex.role_words("participant_object_types"):
        return None  # "leur sommet": participants, not an agent
    for child in noun.children:
        if lemma(child) in lex.role_words("possessive_dets") or "Poss=Yes" in str(child.morph):
            return _possessor(noun, child, lex)
    return None


def _actor_below(noun: Token, lex: EventLexicon) -> Token | None:
    """ "de X" hung lower by the parser: "le premier voyage à l'étranger de Kim", "le
    soutien constant et fondé sur des principes de la RPDC" (no finite verb crossed)."""
    frontier = [c for c in noun.children if c.dep_ in ("nmod", "amod", "conj", "obl:arg")]
    for _ in range(4):
        below: list[Token] = []
        for token in frontier:
            if "Fin" in token.morph.get("VerbForm"):
                continue
            if token.pos_ == "PROPN" and case_of(token) in lex.grammar("of"):
                return token if _actor_like(token, lex) else None
            below.extend(c for c in token.children if c.dep_ in ("nmod", "obl:arg", "conj"))
        frontier = below
    return None


def _possessor(noun: Token, det: Token, lex: EventLexicon) -> Token:
    """A possessive refers to the subject of its clause unless the noun is that subject."""
    token = noun
    while token.dep_ not in ("ROOT", "nsubj", "nsubj:pass") and token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            subject = [c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")]
            if subject and subject[0].i != noun.i:
                return _resolve(subject[0], lex)
            break
    return det


def _resolve(token: Token, lex: EventLexicon) -> Token:
    """A relative pronoun stands for its antecedent; a title for the name in apposition."""
    if lemma(token) in lex.role_words("relative"):
        clause = token.head
        antecedent = clause.head
        if clause.dep_ in ("acl:relcl", "acl") and antecedent.pos_ in _NOMINAL:
            return _name_of(antecedent)
        return token
    return _name_of(token)


def named(token: Token) -> Token:
    """The token naming a phrase's referent: the name in apposition to a title."""
    return _name_of(token)


def _name_of(token: Token) -> Token:
    """The name in apposition to a title ("le ministre …, Sergueï Lavrov"), however the
    parser hung it: under the title, deeper in its phrase, or beside it after a comma."""
    if token.pos_ == "PROPN":
        return token
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return child
    for child in token.children:
        if child.dep_ == "nmod" and child.i > token.i:
            found = _name_of(child)
            if found.i != child.i and found.dep_ == "appos":
                return found
    return _name_after_comma(token) or token


def _name_after_comma(token: Token) -> Token | None:
    """ "par le ministre russe des Ressources naturelles, Alexandre Kozlov" (a conjunct)."""
    doc = token.doc
    inside = [c for c in token.children if c.dep_ not in ("conj", "appos", "punct", "cc")]
    end = max([token.i, *(t.i for c in inside for t in c.subtree)])
    if end + 2 >= len(doc) or doc[end + 1].text != ",":
        return None
    name = doc[end + 2]
    if name.pos_ == "PROPN" and name.head.i in (token.i, token.head.i):
        return name
    return None


def _name_before(head: Token, lex: EventLexicon) -> Token | None:
    """A name right before a verb with no subject, cut off by the parser ("Pyongyang dément")."""
    if head.pos_ == "NOUN":
        return None
    doc = head.doc
    i = head.i - 1
    while i >= 0 and doc[i].head.i == head.i and doc[i].dep_.startswith(("aux", "expl")):
        i -= 1
    if i < 0 or not (is_name_like(doc[i]) and doc[i].text[:1].isupper()):
        return None
    if doc[i].head.i == head.i and doc[i].dep_ not in ("nsubj", "dep"):
        return None
    return doc[i]


def _fragment_subject(head: Token) -> Token | None:
    """A name the parser made the root of a fragment before a subjectless verb:
    "Pyongyang, de son côté, dénonce …" parsed as two sentences."""
    if head.pos_ == "NOUN":
        return None
    doc = head.doc
    for i in range(head.i - 1, max(-1, head.i - 12), -1):
        token = doc[i]
        if token.text in _STOPS or (token.pos_ in ("VERB", "AUX") and token.head.i != head.i):
            return None
        if token.pos_ == "PROPN" and (
            token.dep_ == "ROOT" or (token.dep_ == "dep" and token.head.i == head.i)
        ):
            return token  # a fragment's root, or one hung back on the verb as "dep"
    return None


def _fragment_conjunct(agent: Token, lex: EventLexicon) -> list[Token]:
    """ "Moscou et Pyongyang ont démenti" parsed with "Moscou" as a fragment of its own."""
    doc = agent.doc
    i = agent.i - 1
    if i < 1 or doc[i].lower_ not in lex.grammar("and"):
        return []
    before = doc[i - 1]
    fragment = ("ROOT", "flat:name", "dep")  # "dep": a fragment root hung back on the verb
    if before.pos_ == "PROPN" and before.dep_ in fragment and before.head.i != agent.i:
        return [before.head if before.dep_ == "flat:name" else before]
    return []


def _actor_like(token: Token, lex: EventLexicon) -> bool:
    if lex.in_class(lemma(token), "weapon") or any(ch.isdigit() for ch in token.text):
        return False
    return bool(is_name_like(token) or lex.in_class(lemma(token), "person"))


def _passive(head: Token) -> bool:
    participle = head.dep_ == "acl" and "Part" in head.morph.get("VerbForm")
    return (
        participle
        or "Pass" in head.morph.get("Voice")
        or any(c.dep_ in ("aux:pass", "nsubj:pass", "obl:agent") for c in head.children)
    )


def _role(child: Token, kind: str, lex: EventLexicon) -> str | None:
    case = case_of(child)
    dep = child.dep_
    if dep in ("obj", "nsubj:pass"):
        return _object_role(kind, lex)
    if dep == "nmod" and case in lex.grammar("of"):
        return None if _actor_like(child, lex) else _object_role(kind, lex)
    if dep == "iobj" or (dep == "obl:arg" and case is None and child.pos_ == "PRON"):
        return "participant" if kind in ("VISIT", "MEET") else "recipient"
    if case is None or dep in ("nsubj", "obl:agent"):
        return None
    if case in lex.role_words("participant"):
        return "participant"
    if case in lex.role_words("target"):
        return "target"
    if case in lex.role_words("recipient") and kind in lex.role_words("recipient_types"):
        return "recipient"
    if case in lex.role_words("location") and (
        is_name_like(child) or lex.in_class(lemma(child), "place")
    ):
        return "location"
    if case in lex.grammar("of") and dep.startswith("obl") and lex.in_class(lemma(child), "weapon"):
        return "item"  # "n'a pas livré de missiles"
    return None


def _recipients_of(item: Token, lex: EventLexicon, skip: set[int]) -> list[EventArgument]:
    """ "livré des missiles à Moscou" parsed with "à Moscou" under "missiles"."""
    return [
        argument("recipient", c, lex, skip)
        for c in item.children
        if c.dep_ == "nmod" and case_of(c) in lex.role_words("recipient") and is_name_like(c)
    ]


def _object_role(kind: str, lex: EventLexicon) -> str:
    if kind in lex.role_words("target_types"):
        return "target"
    if kind in lex.role_words("location_object_types"):
        return "location"
    if kind in lex.role_words("participant_object_types"):
        return "participant"
    return "item"


def _phrase(token: Token, lex: EventLexicon, skip: set[int], conjuncts: bool) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``token``, as written."""
    cut = _CUT - {"conj", "cc"} if conjuncts else set(_CUT)
    keep = _kept(token, lex, cut, skip, top=True)
    lo = hi = token.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    doc = token.doc
    lo, hi = _join_name(doc, lo, hi)
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ == "case"):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _kept(token: Token, lex: EventLexicon, cut: set[str], skip: set[int], top: bool) -> set[int]:
    keep = {token.i}
    titled = lex.in_class(lemma(token), "person") and token.pos_ == "NOUN"
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ not in _NOMINAL:
            keep |= _kept(child, lex, cut - {"cc"}, skip, top=False)  # "grecque et chypriote"
            continue
        if child.dep_ in cut or child.i in skip or (top and child.dep_ == "case"):
            continue
        if child.dep_ == "nmod" and (titled or case_of(child) not in {*lex.grammar("of"), None}):
            continue  # "un responsable (du ministère)", "des missiles (à Moscou)"
        keep |= _kept(child, lex, cut, skip, top=False)
    return keep


def _join_name(doc: Any, lo: int, hi: int) -> tuple[int, int]:
    """Extend a span to whole words ("Kim Jong-un", "Royaume-Uni" split by the tokenizer) and
    a capitalised one over capitalised proper nouns the parser left out."""
    while hi + 1 < len(doc) and not doc[hi].whitespace_ and _word_part(doc[hi + 1]):
        hi += 1
    while lo > 0 and not doc[lo - 1].whitespace_ and _word_part(doc[lo - 1]):
        lo -= 1
    if not str(doc[lo].text)[:1].isupper():
        return lo, hi
    while lo > 0 and _name_part(doc[lo - 1]):
        lo -= 1
    if lo > 0 and doc[lo - 1].pos_ == "DET" and lo <= doc[lo - 1].head.i <= hi:
        lo -= 1  # "Le Royaume-Uni", its article hung on a fragment
    while hi + 1 < len(doc) and _name_part(doc[hi + 1]):
        hi += 1
    return lo, hi


def _word_part(token: Token) -> bool:
    return bool(token.is_alpha or token.is_digit or token.text == "-")


def _name_part(token: Token) -> bool:
    return bool(token.pos_ == "PROPN" and str(token.text)[:1].isupper())
