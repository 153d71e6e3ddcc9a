"""Stories: online, time-aware clustering of articles by the event they cover.

Documents are taken in (publication date, id) order; each is compared with the stories that
have an article within ``window_days`` of it and joins the most similar one when the similarity
reaches ``threshold``, otherwise it starts a story. The same set of documents always gives the
same stories, whatever the batches they were ingested in.

An article is a weighted bag of features, all language-independent but the last:
- ``ent:<entity id>`` for each entity it names (entity ids come from KB entries when linked, so
  "Corée du Nord" and "North Korea" are one feature), counted more in the lead;
- ``evt:<type>:<agent>:<recipient or target>`` for each event with at least one resolved
  participant ("Kim meets Putin" in French or English is one feature);
- ``term:<word>`` for content words, at a low weight (they help inside one language only).
Features are weighted by inverse document frequency over the store, so the countries every
article names weigh little and the people and places of one event weigh much; similarity is the
cosine between the article and the sum of the story's articles within the window.

Copies (duplicates and derived articles) join their original's story. A story's label is its
top entities and dominant event type; its id is a hash of its first document's id.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from veille.ids import make_id
from veille.kb import fold
from veille.records import Document, Entity, StoredMention, Story
from veille.resolve.views import EventView

LEAD_CHARS = 400  # the lead (first sentences) says what the article is about
LEAD_BONUS = 2.0
TERM_WEIGHT = 0.3
EVENT_WEIGHT = 1.5
MAX_CANDIDATE_FEATURES = 12  # the rarest features of an article find its candidate stories
_TERM = re.compile(r"[^\W\d_]{6,}", re.UNICODE)
# Event types that say little about which story an article belongs to.
_WEAK_EVENTS = {"OTHER"}

Vector = dict[str, float]


@dataclass(frozen=True)
class _Span:
    start: date
    end: date


def date_span(value: str | None) -> _Span | None:
    """The days a (possibly partial) ISO date covers: 2023-09 is 1 to 30 September."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value[:10].split("-")]
        if len(parts) == 3:
            day = date(*parts)
            return _Span(day, day)
        if len(parts) == 2:
            first = date(parts[0], parts[1], 1)
            nxt = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return _Span(first, nxt - timedelta(days=1))
        return _Span(date(parts[0], 1, 1), date(parts[0], 12, 31))
    except ValueError:
        return None


def _gap(a: _Span | None, b: _Span | None) -> int:
    """Days between two spans (0 when they overlap or one is unknown)."""
    if a is None or b is None:
        return 0
    if a.end < b.start:
        return (b.start - a.end).days
    if b.end < a.start:
        return (a.start - b.end).days
    return 0


def features(
    doc: Document, mentions: Sequence[StoredMention], events: Sequence[EventView]
) -> dict[str, float]:
    bag: dict[str, float] = defaultdict(float)
    for sm in mentions:
        if sm.entity_id:
            bag[f"ent:{sm.entity_id}"] += 1.0 + (LEAD_BONUS if sm.mention.start < LEAD_CHARS else 0)
    for ev in events:
        other = ev.recipient or ev.target
        if ev.type in _WEAK_EVENTS or not (ev.agent or other):
            continue
        bag[f"evt:{ev.type}:{ev.agent or ''}:{other or ''}"] += EVENT_WEIGHT
    for word in _TERM.findall(fold(doc.text).casefold()):
        bag[f"term:{word}"] += TERM_WEIGHT
    return bag


def inverse_frequencies(bags: dict[str, dict[str, float]]) -> dict[str, float]:
    """Smoothed idf; a feature of one document only is dropped (weight 0): no other article
    can share it, and left in it would only dilute the similarity of long articles."""
    df: Counter[str] = Counter(f for bag in bags.values() for f in bag)
    n = len(bags)
    return {f: math.log(1 + n / c) if c > 1 else 0.0 for f, c in df.items()}


def _weighted(bag: dict[str, float], idf: dict[str, float]) -> Vector:
    # log-damped counts: an entity named ten times is not ten times the story
    vec = {f: ((1.0 + math.log(c)) if c >= 1 else c) * idf[f] for f, c in bag.items() if idf[f] > 0}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {f: v / norm for f, v in vec.items()}


def _cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(f, 0.0) for f, v in a.items())
    norm = math.sqrt(sum(v * v for v in b.values())) or 1.0
    return dot / norm


def cluster_stories(
    documents: Sequence[Document],
    mentions: Sequence[StoredMention],
    events: Sequence[EventView],
    copy_of: dict[str, str],
    entities: Sequence[Entity],
    window_days: int,
    threshold: float,
) -> tuple[list[Story], dict[str, str]]:
    """Stories, and the story id of every document."""
    by_doc_m: dict[str, list[StoredMention]] = defaultdict(list)
    for sm in mentions:
        by_doc_m[sm.doc_id].append(sm)
    by_doc_e: dict[str, list[EventView]] = defaultdict(list)
    for ev in events:
        by_doc_e[ev.doc_id].append(ev)
    bags = {d.id: features(d, by_doc_m[d.id], by_doc_e[d.id]) for d in documents}
    idf = inverse_frequencies(bags)
    vectors = {doc_id: _weighted(bag, idf) for doc_id, bag in bags.items()}
    spans = {d.id: date_span(d.published.value) for d in documents}

    order = sorted(documents, key=lambda d: (d.published.value is None, d.published.value, d.id))
    story_of: dict[str, str] = {}
    members: dict[str, list[str]] = defaultdict(list)
    index: dict[str, set[str]] = defaultdict(set)  # feature -> stories holding it
    for doc in order:
        original = copy_of.get(doc.id)
        story = story_of.get(original) if original else None
        if story is None:
            story = _best_story(doc.id, vectors, spans, members, index, window_days, threshold)
        if story is None:
            story = make_id("sty", doc.id)
        story_of[doc.id] = story
        members[story].append(doc.id)
        for f in vectors[doc.id]:
            if not f.startswith("term:"):
                index[f].add(story)
    names = {e.id: e.name for e in entities}
    by_id = {d.id: d for d in documents}
    stories = [
        _story(sid, docs, by_id, bags, idf, by_doc_e, names) for sid, docs in members.items()
    ]
    return sorted(stories, key=lambda s: s.id), story_of


def _best_story(
    doc_id: str,
    vectors: dict[str, Vector],
    spans: dict[str, _Span | None],
    members: dict[str, list[str]],
    index: dict[str, set[str]],
    window_days: int,
    threshold: float,
) -> str | None:
    vec = vectors[doc_id]
    rare = sorted((f for f in vec if not f.startswith("term:")), key=lambda f: (-vec[f], f))
    candidates: set[str] = set()
    for f in rare[:MAX_CANDIDATE_FEATURES]:
        candidates |= index.get(f, set())
    best: tuple[float, str] | None = None
    for story in sorted(candidates):
        recent = [m for m in members[story] if _gap(spans[m], spans[doc_id]) <= window_days]
        if not recent:
            continue
        centroid: Vector = defaultdict(float)
        for m in recent:
            for f, v in vectors[m].items():
                centroid[f] += v
        score = _cosine(vec, centroid)
        if score >= threshold and (best is None or score > best[0]):
            best = (score, story)
    return best[1] if best else None


def _story(
    story_id: str,
    doc_ids: list[str],
    by_id: dict[str, Document],
    bags: dict[str, dict[str, float]],
    idf: dict[str, float],
    events: dict[str, list[EventView]],
    names: dict[str, str],
) -> Story:
    weight: dict[str, float] = defaultdict(float)
    for doc_id in doc_ids:
        for f, c in bags[doc_id].items():
            if f.startswith("ent:"):
                weight[f[4:]] += c * idf[f]
    top = [e for e, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:5]]
    types = Counter(
        ev.type for d in doc_ids for ev in events.get(d, ()) if ev.type not in _WEAK_EVENTS
    )
    dominant = min(types, key=lambda t: (-types[t], t)) if types else None
    label = ", ".join(names.get(e, e) for e in top[:3]) or by_id[doc_ids[0]].title or story_id
    if dominant:
        label = f"{label} ({dominant})"
    dates = sorted(v for d in doc_ids if (v := by_id[d].published.value))
    return Story(
        story_id,
        label,
        tuple(doc_ids),
        dates[0] if dates else None,
        dates[-1] if dates else None,
        tuple(top),
    )
