"""Cue lexicons of the claims stage, one set of data files per language.

``data/claims/<lang>_verbs.tsv`` lists reporting verbs (lemma, default stance, flags, forms);
``data/claims/<lang>.toml`` lists prepositions, pronouns, hedges, speaker nouns and the words
the token patterns need. A language without files gets an empty lexicon: no claims, no error.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from veille.records import Stance

_STANCES: tuple[Stance, ...] = ("assert", "allege", "deny", "speculate")


def fold(word: str) -> str:
    """Lower case with typographic apostrophes folded, the form every lexicon entry uses."""
    return word.lower().replace("’", "'").replace("ʼ", "'")


@dataclass(frozen=True)
class Verb:
    """A reporting verb: "déclarer", a reflexive one ("se féliciter", key "se féliciter") or a
    phrase whose first word is the verb ("mettre en garde", "faire savoir")."""

    lemma: str
    stance: Stance
    flags: frozenset[str]

    @property
    def particles(self) -> tuple[str, ...]:
        """Words that follow the verb in a phrase cue: ("en", "garde") for "mettre en garde"."""
        words = self.lemma.split()
        return tuple(words[2:] if words[0] == "se" else words[1:])

    def obliques(self) -> frozenset[str]:
        """Prepositions whose complement is the content: "appeler à", "mettre en garde contre"."""
        return frozenset(f[4:] for f in self.flags if f.startswith("obl:"))


@dataclass(frozen=True)
class Lexicon:
    language: str
    dependency: bool = False  # read reported speech from a UD parse when one is present
    verbs: dict[str, Verb] = field(default_factory=dict)  # lemma -> verb
    forms: dict[str, str] = field(default_factory=dict)  # inflected form -> lemma
    nouns: dict[str, Stance] = field(default_factory=dict)  # reporting noun lemma -> stance
    source_preps: tuple[str, ...] = ()
    opinion_preps: tuple[str, ...] = ()
    pronouns: dict[str, tuple[str, str]] = field(default_factory=dict)  # -> (gender, number)
    hedge_words: tuple[str, ...] = ()
    hedge_lemmas: frozenset[str] = frozenset()
    hedge_modals: frozenset[str] = frozenset()
    conditional_stems: frozenset[str] = frozenset()
    conditional_words: frozenset[str] = frozenset()
    accusation: frozenset[str] = frozenset()
    negation: frozenset[str] = frozenset()
    group: frozenset[str] = frozenset()
    anonymous: frozenset[str] = frozenset()
    always_anonymous: frozenset[str] = frozenset()
    collective: frozenset[str] = frozenset()
    self_pronouns: frozenset[str] = frozenset()
    indefinite: frozenset[str] = frozenset()
    human: frozenset[str] = frozenset()
    not_sources: frozenset[str] = frozenset()
    # Word lists of the surface patterns ([patterns] table), read through ``words(key)``: a
    # list a language leaves out turns its pattern off.
    patterns: dict[str, frozenset[str]] = field(default_factory=dict)
    skip_after_cue: frozenset[str] = frozenset()
    aux: frozenset[str] = frozenset()
    boundary: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    complementizers: frozenset[str] = frozenset()
    relatives: frozenset[str] = frozenset()
    coordinators: frozenset[str] = frozenset()
    connectors: frozenset[str] = frozenset()
    prepositions: frozenset[str] = frozenset()
    quoting_as: frozenset[str] = frozenset()
    quoting_saying: frozenset[str] = frozenset()
    phrases: dict[str, tuple[Verb, ...]] = field(default_factory=dict)  # verb -> phrase cues
    carriers: frozenset[str] = frozenset()
    demonstratives: dict[str, tuple[str, str]] = field(default_factory=dict)
    false_words: frozenset[str] = frozenset()
    anonymous_pronouns: frozenset[str] = frozenset()
    propositions: frozenset[str] = frozenset()

    def verb(self, lemma: str) -> Verb | None:
        return self.verbs.get(fold(lemma))

    def verb_at(self, lemma: str, reflexive: bool, following: list[str]) -> Verb | None:
        """The verb entry for a lemma in context: the reflexive entry when the verb has its
        "se" ("s'est engagé à" -> "se engager"), a phrase when its words follow ("a mis en
        garde" -> "mettre en garde"), else the plain entry, unless it is reflexive only."""
        lemma = fold(lemma)
        for entry in self.phrases.get(lemma, ()):
            if entry.lemma.startswith("se ") != reflexive:
                continue
            if list(entry.particles) == following[: len(entry.particles)]:
                return entry
        if reflexive and f"se {lemma}" in self.verbs:
            return self.verbs[f"se {lemma}"]
        return self.verbs.get(lemma)

    def words(self, key: str) -> frozenset[str]:
        return self.patterns.get(key, frozenset())

    def noun_in(self, word: str, nouns: frozenset[str]) -> bool:
        """A noun (lemma or plural form) in a list: 'analystes', 'officials' -> singular."""
        w = fold(word)
        return w in nouns or (len(w) > 3 and w[-1] in "sx" and w[:-1] in nouns)


def _stance(value: str) -> Stance:
    for stance in _STANCES:
        if value == stance:
            return stance
    raise ValueError(f"claims lexicon: unknown stance {value!r}")


def _words(table: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(fold(str(w)) for w in table.get(key, []))


def _verbs(language: str) -> tuple[dict[str, Verb], dict[str, str]]:
    path = resources.files("veille.data").joinpath("claims", f"{language}_verbs.tsv")
    verbs: dict[str, Verb] = {}
    forms: dict[str, str] = {}
    if not path.is_file():
        return verbs, forms
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = [*line.split("\t"), "", "", "", ""][:5]
        lemma, stance, flags, present, pasts = (c.strip() for c in cols)
        key = _verb_key(lemma)
        flag_set = frozenset(f for f in flags.split(",") if f and f != "-")
        verbs[key] = Verb(key, _stance(stance), flag_set)
        base = key.split()[1 if key.startswith("se ") else 0]
        for form in (*present.split(","), *pasts.split(",")):
            if form.strip():
                forms.setdefault(fold(form.strip()), base)
    return verbs, forms


def _verb_key(lemma: str) -> str:
    """ "s'engager à" is written as in a dictionary; its key is "se engager"."""
    key = fold(lemma)
    for elided in ("s'", "se "):
        if key.startswith(elided):
            return "se " + key[len(elided) :].strip()
    return key


def _phrases(verbs: dict[str, Verb]) -> dict[str, tuple[Verb, ...]]:
    """Reflexive and phrase entries by their verb, longest phrase first."""
    out: dict[str, list[Verb]] = {}
    for verb in verbs.values():
        words = verb.lemma.split()
        if len(words) > 1:
            out.setdefault(words[1 if words[0] == "se" else 0], []).append(verb)
    return {k: tuple(sorted(v, key=lambda verb: -len(verb.particles))) for k, v in out.items()}


@lru_cache(maxsize=16)
def load_lexicon(language: str) -> Lexicon:
    """The claims lexicon of a language (cached); empty when veille has no data for it."""
    path = resources.files("veille.data").joinpath("claims", f"{language}.toml")
    if not path.is_file():
        return Lexicon(language)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    verbs, forms = _verbs(language)
    preps = data.get("prepositions", {})
    stance = data.get("stance", {})
    speakers = data.get("speakers", {})
    tokens = data.get("tokens", {})
    pronouns = {
        fold(p): (str(v).split()[0], str(v).split()[-1])
        for p, v in data.get("pronouns", {}).items()
    }
    return Lexicon(
        language=language,
        dependency=bool(data.get("dependency", False)),
        verbs=verbs,
        forms=forms,
        nouns={fold(n): _stance(str(v)) for n, v in data.get("nouns", {}).items()},
        source_preps=tuple(fold(p) for p in preps.get("source", [])),
        opinion_preps=tuple(fold(p) for p in preps.get("opinion", [])),
        pronouns=pronouns,
        hedge_words=tuple(fold(w) for w in stance.get("hedge_words", [])),
        hedge_lemmas=_words(stance, "hedge_lemmas"),
        hedge_modals=_words(stance, "hedge_modals"),
        conditional_stems=_words(stance, "conditional_stems"),
        conditional_words=_words(stance, "conditional_words"),
        accusation=_words(stance, "accusation"),
        negation=_words(stance, "negation"),
        group=_words(speakers, "group"),
        anonymous=_words(speakers, "anonymous"),
        always_anonymous=_words(speakers, "always_anonymous"),
        collective=_words(speakers, "collective"),
        self_pronouns=_words(speakers, "self_pronouns"),
        indefinite=_words(speakers, "indefinite"),
        human=_words(speakers, "human"),
        not_sources=_words(speakers, "not_sources"),
        patterns={k: _words(data["patterns"], k) for k in data.get("patterns", {})},
        skip_after_cue=_words(tokens, "skip_after_cue"),
        aux=_words(tokens, "aux"),
        boundary=_words(tokens, "boundary"),
        determiners=_words(tokens, "determiners"),
        complementizers=_words(tokens, "complementizers"),
        relatives=_words(tokens, "relatives"),
        coordinators=_words(tokens, "coordinators"),
        connectors=_words(tokens, "connectors"),
        prepositions=_words(tokens, "prepositions"),
        quoting_as=_words(tokens, "quoting_as"),
        quoting_saying=_words(tokens, "quoting_saying"),
        phrases=_phrases(verbs),
        carriers=_words(speakers, "carriers"),
        demonstratives={
            fold(p): (str(v).split()[0], str(v).split()[-1])
            for p, v in data.get("demonstratives", {}).items()
        },
        false_words=_words(stance, "false_words"),
        anonymous_pronouns=_words(speakers, "anonymous_pronouns"),
        propositions=_words(stance, "propositions"),
    )
