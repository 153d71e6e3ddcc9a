"""veille's spaCy components: they write to ``Doc._`` extensions, like any spaCy step.

- ``veille_entity_ruler`` (pipelines without an NER model): the knowledge base's phrases and
  model designations -> ``doc._.kb_matches``;
- ``veille_mentions`` (every pipeline, last): the entity cascade of ``veille.extract.entities``
  (it runs the KB lookup itself when no ruler did) -> ``doc._.mentions`` (Spans with
  ``_.veille_type``, ``_.kb_entry``, ``_.cluster``, ``_.category``) and
  ``doc._.descriptions`` (Spans with ``_.role``, ``_.kb_entry``, ``_.cluster``).

``doc.ents`` is left as the NER model made it, so the plain-NER baseline stays plain.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from veille.extract.entities.candidates import LABEL_TYPES
from veille.extract.entities.lexicon import entity_resources
from veille.extract.entities.stage import KbMatches, extract_entities, match_kb

__all__ = ["LABEL_TYPES", "EntityRuler", "MentionFinder"]

# Doc extensions of veille's components; ``published`` is set by annotate before the pipeline.
for _name in (
    "mentions",
    "published",
    "times",
    "quantities",
    "claims",
    "events",
    "kb_matches",
    "descriptions",
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
for _name in ("veille_type", "kb_entry", "cluster", "category", "role"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


def _published(doc: Doc) -> str | None:
    published = doc._.published
    return getattr(published, "value", None) if published is not None else None


class EntityRuler:
    """Knowledge-base phrase lookup for pipelines without a statistical NER model."""

    def __init__(self, language: str, kb_dirs: tuple[str, ...]) -> None:
        self.resources = entity_resources(language, kb_dirs)

    def __call__(self, doc: Doc) -> Doc:
        doc._.kb_matches = match_kb(doc.text, self.resources)
        return doc


class MentionFinder:
    """The entity cascade; writes mentions and resolved descriptions as Spans."""

    def __init__(self, language: str, kb_dirs: tuple[str, ...], has_ner: bool) -> None:
        self.resources = entity_resources(language, kb_dirs)
        self.has_ner = has_ner

    def __call__(self, doc: Doc) -> Doc:
        matches: KbMatches | None = doc._.kb_matches
        found = extract_entities(
            doc, self.resources, _published(doc), matches, has_ner=self.has_ner
        )
        mentions = []
        for m in found.mentions:
            span = doc.char_span(m.start, m.end, label=m.label)
            if span is None:  # inside a token ("américano-sud-coréens"): no name of its own
                continue
            span._.veille_type = m.type
            span._.kb_entry = m.entry
            span._.cluster = m.cluster
            span._.category = m.category
            mentions.append(span)
        descriptions = []
        for d in found.descriptions:
            span = doc.char_span(d.start, d.end, label="DESCRIPTION")
            if span is None:
                continue
            span._.role = d.role
            span._.kb_entry = d.entry
            span._.cluster = d.cluster
            descriptions.append(span)
        doc._.mentions = mentions
        doc._.descriptions = descriptions
        doc._.kb_matches = None  # consumed; keeps the Doc's user data serialisable
        return doc


def _language(nlp: Language, language: str | None) -> str:
    return language or str(nlp.lang)


@Language.factory(
    "veille_entity_ruler",
    assigns=["doc._.kb_matches"],
    default_config={"language": None, "kb_dirs": []},
)
def make_entity_ruler(
    nlp: Language, name: str, language: str | None, kb_dirs: list[str]
) -> EntityRuler:
    return EntityRuler(_language(nlp, language), tuple(kb_dirs))


@Language.factory(
    "veille_mentions",
    assigns=["doc._.mentions", "doc._.descriptions", "span._.veille_type", "span._.cluster"],
    default_config={"language": None, "kb_dirs": []},
)
def make_mention_finder(
    nlp: Language, name: str, language: str | None, kb_dirs: list[str]
) -> MentionFinder:
    # Without a statistical NER before it, names are also found by their shape.
    return MentionFinder(_language(nlp, language), tuple(kb_dirs), "ner" in nlp.pipe_names)


_HYPHENS = (
    "-\u2010\u2011\u2012\u2013"  # hyphen-minus, hyphen, no-break hyphen, figure dash, en dash
)
_ELISION = "'\u2019"
_TERMINAL = (".", "!", "?", "\u2026", "\u00bb", '"', "\u201d", ")", ";", ":")


@Language.component("veille_paragraphs", assigns=["token.is_sent_start"])
def veille_paragraphs(doc: Doc) -> Doc:
    """Sentence boundaries the parser must respect, set before it runs:

    - a line break ends a sentence: headlines, list items and paragraphs are never parsed as
      one sentence (the parser would hang a paragraph's subject on the previous one's verb);
    - no sentence starts inside a word: a token glued to the previous one through a hyphen
      ("Kim Jong-Un", "état-major", "militaro-technique", "a-t-il", "2023-07-28"), an elision
      ("l'état") or between letters and digits is not a sentence start, whatever the parser
      would guess (it splits "Il-sung" and "état-major" in running text)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        breaks = "\n" in previous.text or "\n" in previous.whitespace_ or previous.is_space
        if breaks and not token.is_space:
            token.is_sent_start = True
        elif _inside_word(previous, token):
            token.is_sent_start = False
    return doc


@Language.component("veille_sentence_repair", assigns=["token.is_sent_start", "token.head"])
def veille_sentence_repair(doc: Doc) -> Doc:
    """After the parser: a sentence is joined to the one before when it starts inside a
    written word (the parser does not always respect the boundaries ``veille_paragraphs``
    forbids) or when nothing ends the one before: no final punctuation, no line break ("le
    dirigeant Kim | Il-sung a fondé", the parser taking "Il" for the pronoun). The fragments'
    trees become one: the root of the fragment whose root is a verb (else of the longest)
    stays the root, the other roots hang on it as ``dep``."""
    if not doc.has_annotation("DEP"):
        return doc
    groups: list[list[Span]] = []
    for sent in doc.sents:
        glued = sent.start > 0 and (
            _inside_word(doc[sent.start - 1], doc[sent.start]) or _unended(doc, sent.start)
        )
        if glued and groups:
            groups[-1].append(sent)
        else:
            groups.append([sent])
    for group in groups:
        if len(group) < 2:
            continue
        roots = [s.root for s in group]
        top = max(
            range(len(group)),
            key=lambda k: (roots[k].pos_ in ("VERB", "AUX"), len(group[k]), -k),
        )
        for k, root in enumerate(roots):
            if k != top:
                root.head = roots[top]
                root.dep_ = "dep"
    return doc


def _unended(doc: Doc, start: int) -> bool:
    """Does the text before token ``start`` run on: no line break, no final punctuation?"""
    last = start - 1
    while last >= 0 and doc[last].is_space:
        if "\n" in doc[last].text:
            return False
        last -= 1
    if last < 0 or "\n" in doc[last].whitespace_:
        return False
    return not doc[last].text.endswith(_TERMINAL)


def _inside_word(previous: Token, token: Token) -> bool:
    """Are two tokens parts of one written word (no space between, joined by a hyphen, an
    elision, or letters and digits running on)?"""
    if previous.whitespace_ or previous.is_space or token.is_space:
        return False
    before, after = previous.text[-1], token.text[0]
    if before in _HYPHENS or after in _HYPHENS or before in _ELISION:
        return True
    return before.isalnum() and after.isalnum()
