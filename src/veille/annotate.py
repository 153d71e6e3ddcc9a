"""Annotate stage: sentences and entity mentions, per document, through spaCy.

A pure function of the document and the loaded pipelines, so it gives the same result in one
process or on many workers. Documents are batched per language through ``nlp.pipe``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import groupby
from typing import Any

from veille.extract.published import infer_published
from veille.nlp import LoadedPipeline, load_pipeline
from veille.records import AnnotatedDocument, Description, Document, EntityType, Mention, Sentence
from veille.settings import Settings


def annotate(documents: Iterable[Document], settings: Settings) -> Iterator[AnnotatedDocument]:
    """Yield one AnnotatedDocument per input Document, in input order."""
    batch: list[Document] = []
    for doc in documents:
        batch.append(doc)
        if len(batch) >= settings.nlp_batch_size:
            yield from _annotate_batch(batch, settings)
            batch = []
    yield from _annotate_batch(batch, settings)


def _annotate_batch(batch: list[Document], settings: Settings) -> Iterator[AnnotatedDocument]:
    for language, group in groupby(batch, key=lambda d: d.language):
        docs = list(group)
        loaded = load_pipeline(language, settings)
        for document, sdoc in zip(docs, loaded.nlp.pipe(_prepared(loaded, docs)), strict=True):
            sentences = tuple(Sentence(s.start_char, s.end_char) for s in sdoc.sents)
            mentions = tuple(
                Mention(
                    start=span.start_char,
                    end=span.end_char,
                    text=span.text,
                    type=_entity_type(span._.veille_type),
                    label=span.label_,
                    kb_entry=span._.kb_entry,
                    cluster=span._.cluster,
                    category=span._.category,
                )
                for span in sdoc._.mentions
            )
            times = tuple(sdoc._.times or ())
            published = infer_published(document.published, times, sdoc)
            yield AnnotatedDocument(
                replace(document, published=published),
                sentences,
                mentions,
                loaded.name,
                loaded.degraded,
                times=times,
                quantities=tuple(sdoc._.quantities or ()),
                claims=tuple(sdoc._.claims or ()),
                events=tuple(sdoc._.events or ()),
                descriptions=tuple(
                    Description(
                        span.start_char,
                        span.end_char,
                        span.text,
                        span._.role,
                        span._.kb_entry,
                        span._.cluster,
                    )
                    for span in sdoc._.descriptions or ()
                ),
            )


def _prepared(loaded: LoadedPipeline, docs: list[Document]) -> Iterator[Any]:
    """Tokenised spaCy Docs that carry their publication date, the anchor of relative times."""
    for document in docs:
        sdoc = loaded.nlp.make_doc(document.text)
        sdoc._.published = document.published
        yield sdoc


def _entity_type(value: str) -> EntityType:
    allowed: tuple[EntityType, ...] = ("PERSON", "ORG", "COUNTRY", "LOCATION", "EQUIPMENT")
    for kind in allowed:
        if value == kind:
            return kind
    return "OTHER"
