"""Event lexicons, one set of data files per language (``veille/data/events/``).

- ``triggers.tsv``: ``language<TAB>lemma<TAB>TYPE``; a lemma with spaces is a multi-word
  trigger whose words may list alternatives with ``|`` ("se rendre à|en");
- ``<language>.toml``: when a trigger is an event mention (conditions, word classes, stop
  phrases), prepositions of argument roles, modality cues, time-continuation cues, and the
  suffix rules of the blank-pipeline fallback.

The code that reads them knows no language: adding one is adding rows and a data file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from veille.datafiles import read_toml, table
from veille.extract.events.phrases import phrase_words

__all__ = ["EventLexicon", "Phrase", "load_lexicon", "read_triggers"]


@dataclass(frozen=True)
class Phrase:
    """A multi-word trigger: each word is a set of alternatives (lemmas or word forms)."""

    text: str  # as written in triggers.tsv: the key of its conditions
    words: tuple[frozenset[str], ...]
    type: str


@dataclass(frozen=True)
class EventLexicon:
    language: str
    triggers: Mapping[str, str]  # single-word lemma -> type
    phrases: tuple[Phrase, ...]
    conditions: Mapping[str, tuple[str, ...]]
    retype: Mapping[str, Mapping[str, str]]  # lemma -> word class -> type
    classes: Mapping[str, frozenset[str]]
    light_verbs: frozenset[str]
    governing_nouns: frozenset[str]
    stop_phrases: tuple[tuple[str, ...], ...]
    roles: Mapping[str, frozenset[str]]  # role name or setting -> words
    words: Mapping[str, frozenset[str]]  # grammar words: "of", "and", articles, reflexives …
    modality: Mapping[str, frozenset[str]]
    continuation: tuple[tuple[str, ...], ...]
    demonstratives: frozenset[str]
    continuation_pronouns: frozenset[str]
    suffixes: tuple[tuple[str, str], ...]
    irregular: Mapping[str, str]
    not_names: frozenset[str]
    subject_pronouns: frozenset[str]
    anaphora: Mapping[str, frozenset[str]] = field(default_factory=dict)  # agents to resolve

    def in_class(self, word: str, names: str) -> bool:
        """Is a lemma in one of the ``|``-separated word classes?"""
        return any(word in self.classes.get(name, frozenset()) for name in names.split("|"))

    def role_words(self, key: str) -> frozenset[str]:
        return self.roles.get(key, frozenset())

    def grammar(self, key: str) -> frozenset[str]:
        """Grammar words of ``[words]``: "of" ("de"), "and" ("et"), "articles" …"""
        return self.words.get(key, frozenset())

    def cues(self, key: str) -> frozenset[str]:
        return self.modality.get(key, frozenset())

    def lemma_candidates(self, form: str) -> list[str]:
        """Lemmas a word form may have, for pipelines without a lemmatiser."""
        word = form.lower().replace("’", "'")
        found = [word]
        if word in self.irregular:
            found.append(self.irregular[word])
        for suffix, replacement in self.suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                found.append(word[: len(word) - len(suffix)] + replacement)
        return found


def read_triggers() -> list[tuple[str, str, str]]:
    """Rows of ``triggers.tsv`` as (language, lemma, type); comments and blanks skipped."""
    path = resources.files("veille.data").joinpath("events", "triggers.tsv")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            language, lemma, kind = line.split("\t")
            rows.append((language.strip(), lemma.strip(), kind.strip()))
    return rows


@lru_cache(maxsize=16)
def load_lexicon(language: str) -> EventLexicon:
    """The lexicon of a language; one without a data file gets its triggers only."""
    data = read_toml("events", f"{language}.toml")
    triggers: dict[str, str] = {}
    phrases: list[Phrase] = []
    for lang, lemma, kind in read_triggers():
        if lang != language:
            continue
        if " " in lemma:
            words = tuple(frozenset(phrase_words(w.replace("|", " "))) for w in lemma.split())
            phrases.append(Phrase(lemma, words, kind))
        else:
            triggers[lemma] = kind
    return EventLexicon(
        language=language,
        triggers=triggers,
        phrases=tuple(phrases),
        conditions={k: tuple(v) for k, v in table(data, "conditions").items()},
        retype={k: dict(v) for k, v in table(data, "retype").items()},
        classes={k: frozenset(v) for k, v in table(data, "classes").items()},
        light_verbs=_words(data, "nouns", "light_verbs"),
        governing_nouns=_words(data, "nouns", "governing"),
        stop_phrases=tuple(phrase_words(p) for p in _list(data, "stop", "phrases")),
        roles={k: frozenset(v) for k, v in table(data, "roles").items()},
        words={k: frozenset(v) for k, v in table(data, "words").items()},
        modality={k: frozenset(v) for k, v in table(data, "modality").items()},
        continuation=tuple(phrase_words(p) for p in _list(data, "time", "continuation")),
        demonstratives=_words(data, "time", "demonstratives"),
        continuation_pronouns=_words(data, "time", "pronouns"),
        suffixes=tuple((str(s), str(r)) for s, r in _list(data, "blank", "suffixes")),
        irregular={str(k): str(v) for k, v in table(data, "blank", "irregular").items()},
        not_names=_words(data, "blank", "not_names"),
        subject_pronouns=_words(data, "blank", "subject_pronouns"),
        anaphora={
            k: frozenset(str(w).casefold() for w in v) for k, v in table(data, "anaphora").items()
        },
    )


def _list(data: Mapping[str, Any], section: str, key: str) -> list[Any]:
    value = table(data, section).get(key, [])
    return list(value) if isinstance(value, list) else []


def _words(data: Mapping[str, Any], section: str, key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in _list(data, section, key))
