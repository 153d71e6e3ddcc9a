"""Dossier: one self-contained HTML file (no network, no script) read from the store.

Article text is untrusted. It only ever reaches the page through Jinja2's autoescaping, and
the page's Content-Security-Policy forbids scripts, so hostile markup in an article is shown
as text and never runs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from veille import __version__
from veille.records import Entity, Quantity, StoredDocument, StoredMention, TimeExpression
from veille.report.picture import contested, story_overview
from veille.store.base import Store

CONTEXT_CHARS = 70
MAX_CONTEXTS = 5
TOP_COOCCURRING = 6


@dataclass(frozen=True)
class Segment:
    """A piece of a paragraph: plain text, or a mention of ``entity_id``."""

    text: str
    entity_id: str | None = None
    type: str | None = None


@dataclass(frozen=True)
class Context:
    doc_id: str
    before: str
    mention: str
    after: str


def paragraphs(text: str, mentions: list[StoredMention]) -> list[list[Segment]]:
    """Split ``text`` into paragraphs of segments, mentions marked; offsets stay exact."""
    result: list[list[Segment]] = []
    # Outer mention first where two start together ("Conseil de sécurité de l'ONU" over "Conseil")
    spans = sorted(
        ((m.mention.start, m.mention.end, m) for m in mentions), key=lambda t: (t[0], -t[1])
    )
    start = 0
    for block in text.split("\n\n"):
        end = start + len(block)
        segments: list[Segment] = []
        cursor = start
        for m_start, m_end, sm in spans:
            if m_start < cursor or m_end > end:
                continue
            if m_start > cursor:
                segments.append(Segment(text[cursor:m_start]))
            segments.append(Segment(text[m_start:m_end], sm.entity_id, sm.mention.type))
            cursor = m_end
        if cursor < end:
            segments.append(Segment(text[cursor:end]))
        if segments:
            result.append(segments)
        start = end + 2
    return result


def build_context(store: Store) -> dict[str, object]:
    """Everything the template shows, computed once from the store."""
    stored = store.documents()
    by_id = {s.document.id: s for s in stored}
    mentions = store.mentions()
    per_doc: dict[str, list[StoredMention]] = defaultdict(list)
    per_entity: dict[str, list[StoredMention]] = defaultdict(list)
    for sm in mentions:
        per_doc[sm.doc_id].append(sm)
        if sm.entity_id:
            per_entity[sm.entity_id].append(sm)
    entities = sorted(store.entities(), key=lambda e: (-e.mentions, e.name))
    names = {e.id: e.name for e in entities}
    ordered = sorted(stored, key=lambda s: (s.document.published.value or "9999", s.document.id))
    return {
        "version": __version__,
        "documents": ordered,
        "by_id": by_id,
        "entities": entities,
        "names": names,
        "contexts": {e.id: _contexts(per_entity[e.id], by_id) for e in entities},
        "cooccurring": _cooccurring(entities, per_entity, per_doc),
        "paragraphs": {
            s.document.id: paragraphs(s.document.text, per_doc[s.document.id]) for s in stored
        },
        "sentence_counts": {s.document.id: len(store.sentences(s.document.id)) for s in stored},
        "ledger": _ledger(store, by_id),
        **_timeline_and_claims(store, by_id, names),
        "times": _times_by_doc(store),
        "links": store.links(),
        "errors": store.errors(),
        "degraded": sorted({s.document.language for s in stored if s.degraded}),
    }


@dataclass(frozen=True)
class LedgerRow:
    """One numeric fact with the sentence it comes from."""

    doc_id: str
    quantity: Quantity
    sentence: str
    published: str | None


def _ledger(store: Store, by_id: dict[str, StoredDocument]) -> list[LedgerRow]:
    """Numbers ledger: every quantity with its source sentence, grouped by what is counted."""
    rows = []
    for doc_id, quantity in store.quantities():
        text = by_id[doc_id].document.text
        sentence = next(
            (
                text[s.start : s.end]
                for s in store.sentences(doc_id)
                if s.start <= quantity.start < s.end
            ),
            text[max(0, quantity.start - CONTEXT_CHARS) : quantity.end + CONTEXT_CHARS],
        )
        rows.append(
            LedgerRow(doc_id, quantity, sentence.strip(), by_id[doc_id].document.published.value)
        )
    return sorted(
        rows, key=lambda r: ((r.quantity.counted or "~").casefold(), r.quantity.value, r.doc_id)
    )


def granularity(value: str | None) -> str:
    """How precise a TIMEX3 value is, for the reader: day, month, year, week, …"""
    if not value:
        return "undated"
    if value.endswith("_REF"):
        return value.removesuffix("_REF").lower() + " (vague)"
    if value.startswith("P"):
        return "duration"
    if "T" in value:
        return "time of day"
    if "-W" in value:
        return "week"
    parts = value.split("-")
    if len(parts) == 2 and parts[1] in ("SP", "SU", "FA", "WI"):
        return "season"
    return {1: "year", 2: "month", 3: "day"}.get(len(parts), "date")


def _timeline_and_claims(
    store: Store, by_id: dict[str, StoredDocument], names: dict[str, str]
) -> dict[str, object]:
    """Events in time order with the sentence and the claim that report them; claims by speaker."""
    from veille.export import export_records

    records = export_records(store)
    claims = {c["id"]: c for c in records["claims"]}
    picture = {
        "stories": story_overview(store, by_id, names, records["events"]),
        "contested": contested(records, by_id, names),
    }
    sentences = {doc_id: store.sentences(doc_id) for doc_id in by_id}

    def sentence(doc_id: str, offset: int) -> str:
        text = by_id[doc_id].document.text
        for s in sentences[doc_id]:
            if s.start <= offset < s.end:
                return text[s.start : s.end].strip()
        return text[max(0, offset - CONTEXT_CHARS) : offset + CONTEXT_CHARS]

    timeline = []
    for event in records["events"]:
        agent = next((a for a in event["arguments"] if a["role"] == "agent"), None)
        timeline.append(
            {
                **event,
                "granularity": granularity(event["time"]),
                "agent": names.get(agent["entity_id"] or "", agent["text"]) if agent else None,
                "sentence": sentence(event["doc_id"], event["trigger"]["start"]),
                "claim": claims.get(event["claim_id"] or ""),
            }
        )
    # Dated events first in time order (ISO values sort chronologically), then vague, then none.
    timeline.sort(
        key=lambda e: (e["time"] is None, e["time"] or "", e["doc_id"], e["trigger"]["start"])
    )
    speakers: dict[str, list[dict[str, object]]] = defaultdict(list)
    for claim in records["claims"]:
        who = names.get(claim["speaker_entity_id"] or "") or claim["speaker"] or "(unattributed)"
        speakers[who].append(claim)
    by_speaker = sorted(speakers.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return {"timeline": timeline, "claims_by_speaker": by_speaker, **picture}


def _times_by_doc(store: Store) -> dict[str, list[TimeExpression]]:
    result: dict[str, list[TimeExpression]] = defaultdict(list)
    for doc_id, expression in store.times():
        result[doc_id].append(expression)
    return result


def _contexts(mentions: list[StoredMention], by_id: dict[str, StoredDocument]) -> list[Context]:
    contexts = []
    for sm in mentions[:MAX_CONTEXTS]:
        text = by_id[sm.doc_id].document.text
        m = sm.mention
        before = text[max(0, m.start - CONTEXT_CHARS) : m.start].replace("\n", " ")
        after = text[m.end : m.end + CONTEXT_CHARS].replace("\n", " ")
        contexts.append(Context(sm.doc_id, before, text[m.start : m.end], after))
    return contexts


def _cooccurring(
    entities: list[Entity],
    per_entity: dict[str, list[StoredMention]],
    per_doc: dict[str, list[StoredMention]],
) -> dict[str, list[tuple[str, int]]]:
    """For each entity, the entities found in the same documents, by shared documents."""
    doc_entities = {
        doc: {sm.entity_id for sm in sms if sm.entity_id} for doc, sms in per_doc.items()
    }
    result = {}
    for entity in entities:
        counts: Counter[str] = Counter()
        for doc in {sm.doc_id for sm in per_entity[entity.id]}:
            counts.update(doc_entities[doc] - {entity.id})
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_COOCCURRING]
        result[entity.id] = top
    return result


def render_dossier(store: Store) -> str:
    env = Environment(
        loader=PackageLoader("veille.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("dossier.html.j2").render(**build_context(store))


def write_dossier(store: Store, path: str | Path) -> Path:
    out = Path(path)
    out.write_text(render_dossier(store), encoding="utf-8")
    return out
