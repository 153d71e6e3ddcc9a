"""veille's spaCy components: they write to ``Doc._`` extensions, like any spaCy step."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span

# NER labels of spaCy's French (WikiNER) and English (OntoNotes) models to veille's types.
LABEL_TYPES: dict[str, str] = {
    "PER": "PERSON",
    "PERSON": "PERSON",
    "ORG": "ORG",
    "NORP": "OTHER",
    "LOC": "LOCATION",
    "LOCATION": "LOCATION",
    "GPE": "LOCATION",
    "FAC": "LOCATION",
    "COUNTRY": "COUNTRY",
    "EQUIPMENT": "EQUIPMENT",
    "PRODUCT": "OTHER",
    "MISC": "OTHER",
}

# Doc extensions of veille's components; ``published`` is set by annotate before the pipeline.
for _name in ("mentions", "published", "times", "quantities", "claims", "events"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Span.has_extension("veille_type"):
    Span.set_extension("veille_type", default=None)


def _is_mention(span: Span) -> bool:
    """Drop spans no reader would call an entity: no letters, or a single character."""
    text = span.text.strip()
    return len(text) > 1 and any(ch.isalpha() for ch in text)


@Language.component("veille_mentions", assigns=["doc._.mentions", "span._.veille_type"])
def veille_mentions(doc: Doc) -> Doc:
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in LABEL_TYPES or not _is_mention(ent):
            continue
        ent._.veille_type = LABEL_TYPES[ent.label_]
        mentions.append(ent)
    doc._.mentions = mentions
    return doc


def entity_patterns(language: str) -> list[dict[str, Any]]:
    """Entity-ruler patterns for one language from the bundled data file."""
    path = resources.files("veille.data").joinpath("nlp", "entity_patterns.jsonl")
    patterns = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            if record.get("lang") in (None, language):
                patterns.append({"label": record["label"], "pattern": record["pattern"]})
    return patterns


@Language.factory(
    "veille_entity_ruler",
    assigns=["doc.ents"],
    default_config={"language": "en"},
)
def make_entity_ruler(nlp: Language, name: str, language: str) -> EntityRuler:
    """Gazetteer NER for languages without a statistical model (degraded mode)."""
    ruler = EntityRuler(nlp, name=name, phrase_matcher_attr="LOWER", overwrite_ents=True)
    ruler.add_patterns(entity_patterns(language))
    return ruler
