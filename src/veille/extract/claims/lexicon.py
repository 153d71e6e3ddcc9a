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
    lemma: str
    stance: Stance
    flags: frozenset[str]


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

    def verb(self, lemma: str) -> Verb | None:
        return self.verbs.get(fold(lemma))

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
        key = fold(lemma)
        flag_set = frozenset(f for f in flags.split(",") if f and f != "-")
        verbs[key] = Verb(key, _stance(stance), flag_set)
        for form in (*present.split(","), *pasts.split(",")):
            if form.strip():
                forms[fold(form.strip())] = key
    return verbs, forms


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
    )
