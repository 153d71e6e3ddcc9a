"""spaCy pipelines per language, chosen by settings, with veille's components added.

A language whose configured model is not installed runs on a blank tokenizer, a sentencizer
and veille's entity ruler, and is reported as degraded: it is never parsed with another
language's model.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.util import is_package

from veille.extract import claims, events, quantities, times  # noqa: F401  (factories)
from veille.nlp import components  # noqa: F401  (registers the factories)
from veille.settings import Settings

# veille's extraction stages in the order they read each other: quantities attach times, events
# attach times and the claims that report them.
EXTRACTORS = ("veille_times", "veille_quantities", "veille_claims", "veille_events")


@dataclass(frozen=True)
class LoadedPipeline:
    language: str
    name: str  # model package name, or "blank:<lang>"
    nlp: Any  # spacy.language.Language (Any keeps mypy away from spaCy's partial typing)
    degraded: bool
    note: str


def pipeline_status(language: str, settings: Settings) -> tuple[str, bool, str]:
    """Which pipeline a language would get, whether degraded, and what to do about it."""
    model = settings.nlp_model(language)
    if model and is_package(model):
        return model, False, f"{model} installed"
    if model:
        hint = (
            f"model {model} not installed (install it from spaCy's model releases, "
            f"or set nlp_{language} to an installed pipeline)"
        )
    else:
        hint = f"no model configured for '{language}' (set nlp_{language})"
    return (
        f"blank:{language}",
        True,
        hint + "; running tokenizer, sentencizer and entity ruler only",
    )


@lru_cache(maxsize=8)
def load_pipeline(language: str, settings: Settings) -> LoadedPipeline:
    name, degraded, note = pipeline_status(language, settings)
    nlp: Language
    if degraded:
        try:
            nlp = spacy.blank(language)
        except (ImportError, KeyError):  # spaCy has no tokenizer for this language
            nlp = spacy.blank("xx")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("veille_entity_ruler", config={"language": language})
    else:
        nlp = spacy.load(name)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("veille_paragraphs", before="parser")
            nlp.add_pipe("veille_sentence_repair", after="parser")
    nlp.add_pipe("veille_mentions", last=True)
    for component in EXTRACTORS:
        nlp.add_pipe(component, config={"language": language})
    return LoadedPipeline(language, name, nlp, degraded, note)
