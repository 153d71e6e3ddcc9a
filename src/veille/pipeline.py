"""The whole job in one visible function: ``run_pipeline``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from veille.annotate import annotate
from veille.clean import clean
from veille.ingest import iter_raw
from veille.nlp import pipeline_status
from veille.records import Document, IngestError, RawDocument
from veille.resolve import resolve
from veille.settings import Settings
from veille.store.base import Store


@dataclass(frozen=True)
class RunSummary:
    read: int  # documents read from the inputs, new or not
    added: int  # new documents stored by this run
    already_stored: int  # same content seen before: skipped, nothing duplicated
    documents: int  # documents in the store after the run
    duplicates: int  # stored documents that copy another one
    entities: int
    mentions: int
    times: int
    quantities: int
    claims: int
    events: int
    errors: tuple[IngestError, ...]
    degraded: tuple[str, ...]  # one note per language annotated without a full model

    @property
    def failed(self) -> bool:
        """Nothing could be ingested at all: the only case the CLI exits non-zero."""
        return self.read == 0 and bool(self.errors)


Progress = Callable[[int, int], None]  # (documents done, documents in total)


def run_pipeline(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    *,
    on_error: Callable[[IngestError], None] | None = None,
    progress: Progress | None = None,
) -> RunSummary:
    """Run veille on ``paths`` into ``store`` and return what happened.

    1. ingest: each path goes to its adapter (txt, html, jsonl, folder, stdin) -> RawDocument;
    2. skip what is stored already (content hash), so re-running adds nothing;
    3. clean: main text, boilerplate removal, normalisation with an offset map, language,
       publication date;
    4. annotate: sentences and entity mentions through the language's spaCy pipeline;
    5. store each document with its annotations in one transaction;
    6. resolve across all stored documents: duplicates and entities.
    Bad inputs become IngestErrors (reported through ``on_error``, stored, counted) and the
    other inputs go on.
    """
    errors: list[IngestError] = []

    def report(error: IngestError) -> None:
        errors.append(error)
        store.record_error(error)
        if on_error is not None:
            on_error(error)

    raws: list[RawDocument] = []
    for item in iter_raw(paths, settings):  # 1
        if isinstance(item, IngestError):
            report(item)
        else:
            raws.append(item)

    fresh = [raw for raw in _unique(raws) if not store.has_content(raw.content_hash)]  # 2
    added = 0
    degraded: dict[str, str] = {}
    for done, annotated in enumerate(annotate(_cleaned(fresh, settings, report), settings), 1):
        if store.add(annotated):  # 5
            added += 1
        if annotated.degraded:
            language = annotated.document.language
            degraded[language] = f"{language}: {pipeline_status(language, settings)[2]}"
        if progress is not None:
            progress(done, len(fresh))
    if progress is not None:  # documents dropped by cleaning never reach the loop
        progress(len(fresh), len(fresh))

    resolution = resolve(store, settings)  # 6
    counts = store.counts()
    return RunSummary(
        read=len(raws),
        added=added,
        already_stored=len(raws) - len(fresh),
        documents=counts["documents"],
        duplicates=len(resolution.duplicate_of),
        entities=counts["entities"],
        mentions=counts["mentions"],
        times=counts["times"],
        quantities=counts["quantities"],
        claims=counts["claims"],
        events=counts["events"],
        errors=tuple(errors),
        degraded=tuple(sorted(degraded.values())),
    )


def _unique(raws: Iterable[RawDocument]) -> Iterator[RawDocument]:
    """The same content given twice in one run is one document."""
    seen: set[str] = set()
    for raw in raws:
        if raw.content_hash not in seen:
            seen.add(raw.content_hash)
            yield raw


def _cleaned(
    raws: Iterable[RawDocument], settings: Settings, report: Callable[[IngestError], None]
) -> Iterator[Document]:
    for raw in raws:  # 3
        result = clean(raw, settings)
        if isinstance(result, IngestError):
            report(result)
        else:
            yield result  # 4 happens downstream, in batches
