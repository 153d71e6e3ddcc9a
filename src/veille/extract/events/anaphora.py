"""Agents written as pronouns or generic nouns, resolved to a named mention before them.

The entity stage leaves names (``doc._.mentions``) and office descriptions
(``doc._.descriptions``, "le président russe") on the Doc; an agent that overlaps neither is
looked up here when its words are in ``[anaphora]`` of the language's data file:

- a personal pronoun ("il", "elle", "she"): the nearest mention before it, in its sentence or
  the two before, that is the subject of its clause (a person, a country or an
  organisation); else the nearest person;
- a "last named" phrase ("ce dernier", "celui-ci", "the latter"): the nearest person before;
- a generic noun with a definite article standing for a state ("le pays", "le régime",
  "les autorités", "the country"): the nearest country (capitals used as actors are
  countries for the entity stage) earlier in its sentence but not the subject of a verb it
  depends on ("Moscou a persuadé le régime de vendre"), else the nearest one that is a
  subject in the two sentences before, else the nearest one.

The agent argument then points at the antecedent's span (its text as written there), so
that every consumer reaches the entity through that mention; nothing resolved, nothing
changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from veille.extract.events.lexicon import EventLexicon
from veille.records import EventArgument

__all__ = ["Antecedents"]

_LOOKBACK = 2  # sentences before the anaphor's own searched for an antecedent
_SUBJECTS = {"nsubj", "nsubj:pass", "csubj"}
_ACTORS = {"PERSON", "COUNTRY", "ORG"}


@dataclass(frozen=True)
class _Named:
    start: int
    end: int
    text: str
    type: str
    sentence: int
    subject: bool
    governor: int  # token index of the head of its root


class Antecedents:
    """The named mentions of one Doc, in text order, with their sentence and role."""

    def __init__(self, doc: Any, lex: EventLexicon, sentence_of_char: Any) -> None:
        self.doc = doc
        self.lex = lex
        self.sentence_of = sentence_of_char
        spans = list(_extension(doc, "mentions"))
        self.covered = [(s.start_char, s.end_char) for s in spans]
        self.covered += [(s.start_char, s.end_char) for s in _extension(doc, "descriptions")]
        self.named = [
            _Named(
                s.start_char,
                s.end_char,
                s.text,
                str(s._.veille_type or ""),
                sentence_of_char(s.start_char),
                _is_subject(s),
                s.root.head.i,
            )
            for s in spans
            if str(s._.veille_type or "") in _ACTORS
        ]

    def resolve(self, arg: EventArgument) -> EventArgument:
        if any(s < arg.end and arg.start < e for s, e in self.covered):
            return arg
        kind = self._kind(arg.text)
        if kind is None:
            return arg
        found = self._antecedent(kind, arg.start, self._governors(arg))
        if found is None:
            return arg
        return EventArgument(arg.role, found.start, found.end, found.text)

    def _kind(self, text: str) -> str | None:
        words = text.casefold().replace("\u2019", "'").split()
        if not words:
            return None
        phrase = " ".join(words)
        anaphora = self.lex.anaphora
        if phrase in anaphora.get("pronouns", frozenset()):
            return "pronoun"
        if phrase in anaphora.get("last_named", frozenset()):
            return "last_named"
        articles = anaphora.get("articles", frozenset())
        if len(words) == 2 and words[0] in articles:
            noun = words[1]
        elif words[0][:2] in articles and "'" in words[0] and len(words) == 1:
            noun = words[0].split("'", 1)[1]  # "l'état"
        else:
            return None
        return "state" if noun in anaphora.get("state_nouns", frozenset()) else None

    def _governors(self, arg: EventArgument) -> set[int]:
        """Token indices of the words the anaphor depends on (its clause's verbs)."""
        span = self.doc.char_span(arg.start, arg.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return set()
        return {t.i for t in span.root.ancestors}

    def _antecedent(self, kind: str, at: int, governors: set[int]) -> _Named | None:
        k = self.sentence_of(at)
        before = [n for n in self.named if n.end <= at and k - _LOOKBACK <= n.sentence <= k]
        before.reverse()  # nearest first
        people = [n for n in before if n.type == "PERSON"]
        if kind == "last_named":
            return people[0] if people else None
        if kind == "pronoun":
            subjects = [n for n in before if n.subject]
            return subjects[0] if subjects else (people[0] if people else None)
        # never the subject of its own clause: "Moscou a persuadé le régime" is another state
        states = [
            n
            for n in before
            if n.type == "COUNTRY"
            and not (n.sentence == k and n.subject and n.governor in governors)
        ]
        same = [n for n in states if n.sentence == k]
        if same:
            return same[0]
        subjects = [n for n in states if n.subject]
        return subjects[0] if subjects else (states[0] if states else None)


def _is_subject(span: Any) -> bool:
    """Subject of its clause, or a name the parser left as a fragment before its verb."""
    root = span.root
    if root.dep_ in _SUBJECTS:
        return True
    return bool(root.dep_ in ("dep", "ROOT") and root.head.i >= root.i and root.pos_ == "PROPN")


def _extension(doc: Any, name: str) -> list[Any]:
    if not Doc.has_extension(name):
        return []
    return list(getattr(doc._, name) or [])
