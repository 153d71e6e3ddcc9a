"""Event triggers on a parsed Doc: lexicon lemmas that are real event mentions.

1. single-word triggers: a verb or noun whose lemma (or word form) is in the lexicon;
2. multi-word triggers ("se rendre à", "mettre en garde", "faire visiter"): words matched in
   order a few tokens apart, the trigger's head the word nearest the root;
3. dropped: triggers inside a stop phrase ("en échange de"); nouns that are not a specific
   event (a bare "une visite", an anaphoric "la rencontre"), merely classify another noun
   ("équipements de production"), restate their verb ("s'est rendu … pour une visite") or
   are what another event noun is about ("une aide à la construction"); participles that
   describe a noun ("des obus fabriqués en Russie"); triggers whose conditions
   (``[conditions]`` of the language's data file) fail;
4. retyped by the class of their object ("envoyer des troupes" is DEPLOY).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from veille.extract.events.lexicon import EventLexicon
from veille.extract.events.phrases import PhraseMatcher

Token = Any  # spacy.tokens.Token

__all__ = ["Trigger", "case_of", "find_triggers", "is_name_like", "lemma", "objects"]

_MAX_GAP = 3  # tokens allowed between two words of a multi-word trigger
_VERBAL = {"VERB", "NOUN", "ADJ"}
_OBJECT_DEPS = {"obj", "nsubj:pass", "obl:arg"}
_LIGHT_DEPS = ("obj", "obl:arg", "obl", "obl:mod", "nsubj:pass")  # "procéder à un essai"


@dataclass(frozen=True)
class Trigger:
    type: str
    head: int  # token index of the head word
    start: int  # character span of the trigger as written (auxiliaries included)
    end: int
    key: str  # the lexicon entry that matched


def lemma(token: Token) -> str:
    return str(token.lemma_ or token.lower_).lower()


def case_of(token: Token) -> str | None:
    """The preposition introducing a nominal ("à la Russie" -> "à")."""
    for child in token.children:
        if child.dep_ in ("case", "mark") or (child.dep_ == "fixed" and child.i < token.i):
            return lemma(child)
    return None


def forms(token: Token, lex: EventLexicon) -> set[str]:
    """Lemma, word form and the lemmas suffix rules give, for lemmatiser slips ("cherche")."""
    found = {lemma(token), str(token.lower_)}
    found.update(lex.lemma_candidates(token.text))
    return found


_NAME_LABELS = {"PER", "PERSON", "ORG", "LOC", "GPE", "COUNTRY", "NORP", "FAC"}


def is_name_like(token: Token) -> bool:
    """A proper noun, a named entity, or a capitalised noun inside a sentence ("Bruxelles"
    tagged as a common noun)."""
    if token.pos_ == "PROPN" or token.ent_type_ in _NAME_LABELS:
        return True
    return bool(token.pos_ == "NOUN" and token.text[:1].isupper() and not token.is_sent_start)


def objects(token: Token, lex: EventLexicon) -> list[Token]:
    """Objects of a verb, or "de" complements of a noun, with their conjuncts."""
    found = []
    for child in token.children:
        case = case_of(child)
        of = (child.dep_ in ("nmod", "obl") and case in lex.grammar("of")) or (
            child.dep_ == "nmod" and case is None
        )
        if child.dep_ in _OBJECT_DEPS or of:
            found.append(child)
            found.extend(c for c in child.children if c.dep_ == "conj")
    return found


def find_triggers(doc: Any, lex: EventLexicon, times: set[int] | None = None) -> list[Trigger]:
    """Triggers sorted by start; ``times`` are token indices inside time expressions."""
    times = times or set()
    matcher = PhraseMatcher(doc, parsed_words)
    stop = matcher.covered(lex.stop_phrases)
    found: dict[int, Trigger] = {}
    taken: set[int] = set()
    for phrase in lex.phrases:
        for match in matcher.gapped(phrase.words, _MAX_GAP):
            head = _highest(doc, match)
            if head.i in found or taken & set(match):
                continue
            trigger = _build(doc, head, match, phrase.type, phrase.text)
            if trigger and _keeps(head, trigger.key, lex, times, stop):
                found[head.i] = trigger
                taken.update(match)
    for i in _candidates(doc, lex, matcher):
        token = doc[i]
        if token.i in taken:
            continue
        key = _entry(token, lex)
        if key is None or not _verbal(token, key, lex):
            continue
        if not _keeps(token, key, lex, times, stop):
            continue
        kind = _retype(token, key, lex)
        trigger = _build(doc, token, [token.i], kind, key)
        if trigger:
            found[token.i] = trigger
    return sorted(found.values(), key=lambda t: (t.start, t.end))


def _candidates(doc: Any, lex: EventLexicon, matcher: PhraseMatcher) -> list[int]:
    """Tokens that may be single-word triggers: a lexicon lemma or form, or a verb the
    lemmatiser left as it was (looked up through the suffix rules)."""
    found = set(matcher.starts((*lex.triggers, *lex.irregular)))
    found.update(t.i for t in doc if _unlemmatised_verb(t))
    return sorted(found)


def _unlemmatised_verb(token: Token) -> bool:
    """A verb the lemmatiser left as written, or a past participle tagged as an adjective
    although an auxiliary of tense makes it a verb ("a gelé", tagged ADJ)."""
    if token.pos_ == "VERB" and token.lemma_.lower() == token.lower_:
        return True
    return token.pos_ == "ADJ" and any(c.dep_ == "aux:tense" for c in token.children)


def _verbal(token: Token, key: str, lex: EventLexicon) -> bool:
    """A verb or noun; another part of speech only for a verb form the tagger missed
    ("Pyongyang dément", tagged as an adverb): a listed irregular form or a participle."""
    if token.pos_ in ("VERB", "NOUN"):
        return True
    if token.pos_ == "ADJ" and "Part" in token.morph.get("VerbForm"):
        return True
    if _unlemmatised_verb(token):
        return True
    return lex.irregular.get(token.lower_) == key and token.pos_ not in ("DET", "ADP", "PRON")


def _entry(token: Token, lex: EventLexicon) -> str | None:
    for key in (lemma(token), token.lower_, lex.irregular.get(token.lower_)):
        if key in lex.triggers:
            return str(key)
    if _unlemmatised_verb(token):  # the lemmatiser gave up, or the tagger
        return next((c for c in lex.lemma_candidates(token.text) if c in lex.triggers), None)
    return None


def _retype(token: Token, key: str, lex: EventLexicon) -> str:
    for word_class, kind in lex.retype.get(key, {}).items():
        if any(_in_class(o, word_class, lex) for o in objects(token, lex)):
            return kind
    return lex.triggers[key]


def _build(doc: Any, head: Token, match: list[int], kind: str, key: str) -> Trigger | None:
    """The trigger's span: its words (trailing prepositions left out) and the auxiliaries
    and reflexive clitic right before its head ("s'était rendu", "a livré")."""
    words = [doc[i] for i in match if doc[i].pos_ not in ("ADP", "DET")] or [head]
    first = min(words, key=lambda t: t.i)
    i = first.i - 1
    while i >= 0 and doc[i].head.i == head.i and doc[i].dep_.startswith(("aux", "expl")):
        first = doc[i]
        i -= 1
    last = max(words, key=lambda t: t.i)
    return Trigger(kind, head.i, first.idx, last.idx + len(last.text), key)


def _keeps(token: Token, key: str, lex: EventLexicon, times: set[int], stop: set[int]) -> bool:
    if token.i in stop or _describes_noun(token, times):
        return False
    if token.pos_ == "NOUN" and not _real_noun_mention(token, lex, times):
        return False
    nested = _inside_event(token, lex, stop)
    if token.pos_ == "NOUN" and (_restates_verb(token, key, lex) or nested):
        return False
    return all(_holds(token, cond, lex, times) for cond in lex.conditions.get(key, ()))


def _inside_event(token: Token, lex: EventLexicon, stop: set[int]) -> bool:
    """ "une aide à la construction de satellites": the construction is what the aid is for."""
    head = token.head
    if token.dep_ != "nmod" or head.pos_ != "NOUN" or _entry(head, lex) is None:
        return False
    return head.i not in stop  # "à l'appui de ses accusations": no event noun above


def _describes_noun(token: Token, times: set[int]) -> bool:
    """A bare participle describing a noun ("des obus, fabriqués aux calibres soviétiques",
    "les visiteurs reçus par Pyongyang") is a property, unless it says when ("des missiles
    tirés samedi")."""
    if token.dep_ not in ("acl", "advcl") or "Part" not in token.morph.get("VerbForm"):
        return False
    children = list(token.children)
    if any(c.dep_.startswith(("aux", "nsubj")) for c in children):
        return False
    return not any(t.i in times for c in children for t in c.subtree)


def _restates_verb(token: Token, key: str, lex: EventLexicon) -> bool:
    """ "s'est rendu à Téhéran pour une visite": the noun is the verb's event again."""
    verb = token.head
    entry = _entry(verb, lex) if verb.pos_ == "VERB" else None
    return bool(entry and lex.triggers.get(entry) == lex.triggers.get(key))


def _real_noun_mention(token: Token, lex: EventLexicon, times: set[int]) -> bool:
    """A noun names a new event when it is specific: a possessive, an indefinite determiner
    with a modifier ("une visite officielle"), a definite one with a name, number or date
    ("la visite de Lavrov", "le sommet du 13 septembre"), the object of a light verb
    ("effectuer une visite"); not when it classifies another noun ("équipements de
    production") nor when a bare definite refers back ("avant la rencontre")."""
    head = token.head
    dets = [c for c in token.children if c.dep_ == "det"]
    if (
        token.dep_ == "nmod"
        and head.pos_ == "NOUN"
        and not dets
        and lemma(head) not in lex.triggers
        and lemma(head) not in lex.governing_nouns
    ):
        return False
    if lemma(head) in lex.light_verbs and token.dep_ in _LIGHT_DEPS:
        return True
    if any("Poss=Yes" in str(d.morph) for d in dets):
        return True
    modifiers = [
        c for c in token.children if c.dep_ not in ("det", "case", "punct", "cc", "mark", "appos")
    ]
    if not any("Def" in d.morph.get("Definite") for d in dets):
        return bool(modifiers)
    return any(_specific(m, times) or _complement(m, lex) for m in modifiers)


def _complement(modifier: Token, lex: EventLexicon) -> bool:
    """ "les livraisons d'armes": a "de" complement says which event it is."""
    return modifier.dep_ == "nmod" and case_of(modifier) in lex.grammar("of")


def _specific(modifier: Token, times: set[int]) -> bool:
    """A number, a name or a date anywhere in a modifier ("le soutien constant … de la RPDC")."""
    if modifier.dep_ == "nummod":
        return True
    return any(t.i in times or is_name_like(t) for t in modifier.subtree)


def _holds(token: Token, condition: str, lex: EventLexicon, times: set[int]) -> bool:
    return any(_holds_one(token, alt.strip(), lex, times) for alt in condition.split(" or "))


def _holds_one(token: Token, condition: str, lex: EventLexicon, times: set[int]) -> bool:
    name, _, arg = condition.partition(":")
    children = list(token.children)
    if name == "obj" and arg:
        return any(_in_class(o, arg, lex) for o in objects(token, lex))
    if name == "obj":
        return any(c.dep_ in ("obj", "nsubj:pass") for c in children) or bool(objects(token, lex))
    if name == "mod":
        mods = [c for c in children if c.dep_ in ("amod", "nmod", "compound", "obl:arg")]
        return any(_in_class(m, arg, lex) for m in mods + objects(token, lex))
    if name == "xcomp":  # "appelle à produire", "a appelé l'armée à se préparer"
        below = [*children, *(g for c in children if c.dep_ == "obj" for g in c.children)]
        return any("Inf" in c.morph.get("VerbForm") or c.dep_ == "xcomp" for c in below)
    if name == "person":
        return any(
            _is_person(c, lex) for c in children if c.dep_ in _OBJECT_DEPS | {"iobj"}
        ) or _person_after(token, lex)
    if name == "place":  # "arrivé mercredi à Pyongyang" parsed with "à Pyongyang" lower
        return any(
            _is_place(c, lex) or any(_is_place(g, lex) for g in c.children) for c in children
        )
    if name == "prep":
        return any(case_of(c) in arg.split("|") for c in children)
    if name == "plural":
        return "Plur" in token.morph.get("Number")
    if name == "time":
        return any(t.i in times for c in children for t in c.subtree)
    if name == "together":
        return _together(token, lex)
    if name == "no_clause":
        return not any(c.dep_ == "ccomp" for c in children)
    if name == "no_reflexive":
        return not any(lemma(c) in lex.grammar("reflexives") for c in children)
    return True


def _in_class(token: Token, names: str, lex: EventLexicon) -> bool:
    if lex.in_class(lemma(token), names) or lex.in_class(token.lower_, names):
        return True
    if "weapon" in names.split("|") and token.pos_ == "PROPN":
        return any(ch.isdigit() for ch in token.text)  # model names: "Hwasong-17", "Su-35"
    mods = [c for c in token.children if c.dep_ in ("amod", "nmod", "compound", "flat:name")]
    return any(lex.in_class(lemma(m), names) for m in mods)


def _is_person(token: Token, lex: EventLexicon) -> bool:
    return bool(
        token.pos_ in ("PROPN", "PRON")
        or token.ent_type_ in ("PER", "PERSON")
        or lex.in_class(lemma(token), "person")
    )


def _person_after(token: Token, lex: EventLexicon) -> bool:
    """A name within three words after the verb ("a reçu mercredi Kim"), for bad parses."""
    doc = token.doc
    for t in doc[token.i + 1 : token.i + 4]:
        if t.is_punct:
            return False
        if t.pos_ == "PROPN" and t.text[:1].isupper():
            return True
    return False


def _is_place(token: Token, lex: EventLexicon) -> bool:
    if case_of(token) not in lex.role_words("location"):
        return False
    return bool(is_name_like(token) or lex.in_class(lemma(token), "place"))


def _together(token: Token, lex: EventLexicon) -> bool:
    participant = lex.role_words("participant")
    for child in token.children:
        if case_of(child) in participant:
            return True
        if child.dep_ == "nsubj" and (
            "Plur" in child.morph.get("Number") or any(c.dep_ == "conj" for c in child.children)
        ):
            return True
    return token.pos_ == "NOUN" and "Plur" in token.morph.get("Number")


def parsed_words(token: Token) -> set[str]:
    """What a token may stand for in a phrase: its lemma, its form, an elided "s'" as "se"."""
    form = token.lower_.replace("’", "'")
    elided = form[:-1] + "e" if form.endswith("'") else form
    return {lemma(token), form, elided}


def _highest(doc: Any, match: list[int]) -> Token:
    """The word of a match nearest the root of the parse: its head."""

    def depth(token: Token) -> int:
        n = 0
        while token.head.i != token.i and n < 50:
            token = token.head
            n += 1
        return n

    content = [doc[i] for i in match if doc[i].pos_ in _VERBAL] or [doc[i] for i in match]
    return min(content, key=lambda t: (depth(t), t.i))
