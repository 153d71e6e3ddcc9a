"""Scoring predicted export records against gold, one rule per record type (docs/eval.md)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from veille.eval.gold import Gold, anchor
from veille.eval.metrics import Score, bcubed, prf
from veille.eval.metrics import match as match_records
from veille.eval.offsets import anchor_near
from veille.resolve.entities import name_key

Record = dict[str, Any]


@dataclass(frozen=True)
class Anchored:
    """Gold records with offsets in the predicted documents' clean text."""

    records: dict[str, list[Record]]
    doc_ids: dict[str, str]  # gold key -> predicted doc id
    unanchored: tuple[str, ...]  # "kind doc: 'text'" for spans not found in the clean text


def anchor_gold(gold: Gold, texts: dict[str, str], doc_ids: dict[str, str]) -> Anchored:
    """Turn quoted gold spans into (doc_id, start, end) on the clean texts."""
    out: dict[str, list[Record]] = {}
    missing: list[str] = []

    def locate(kind: str, row: Record, text_key: str, occ_key: str) -> tuple[int, int] | None:
        doc_id = doc_ids.get(row["doc"])
        span = row.get(text_key)
        if doc_id is None or not span:
            return None
        if "_raw" in row and row["doc"] in gold.sources:
            # Offset gold: the occurrence nearest the raw offset, as cleaning may shift text.
            source = gold.sources[row["doc"]]
            found = anchor_near(texts[doc_id], span, source, row["_raw"][0])
        else:
            found = anchor(texts[doc_id], span, int(row.get(occ_key, 1)))
        if found is None:
            missing.append(f"{kind} {row['doc']}: {span!r} (occurrence {row.get(occ_key, 1)})")
        return found

    for kind in ("mentions", "times", "quantities"):
        out[kind] = []
        for row in gold.records[kind]:
            span = locate(kind, row, "text", "occurrence")
            out[kind].append({**row, "doc_id": doc_ids.get(row["doc"]), "span": span})
    out["claims"] = []
    for row in gold.records["claims"]:
        span = locate("claims", row, "content", "content_occurrence")
        out["claims"].append({**row, "doc_id": doc_ids.get(row["doc"]), "span": span})
    out["events"] = []
    for row in gold.records["events"]:
        span = locate("events", row, "trigger", "trigger_occurrence")
        out["events"].append({**row, "doc_id": doc_ids.get(row["doc"]), "span": span})
    return Anchored(out, doc_ids, tuple(missing))


def _overlaps(span: tuple[int, int] | None, start: int, end: int) -> bool:
    return span is not None and span[0] < end and start < span[1]


def align_entities(gold_mentions: list[Record], predicted_mentions: list[Record]) -> dict[str, str]:
    """One-to-one alignment predicted entity id -> gold entity name by shared mentions (CEAF).

    A predicted entity that splits a gold one gets credit only for its largest fragment, and
    one that merges two gold entities only for the larger: both errors cost linking F1.
    """
    by_span = {(p["doc_id"], p["start"], p["end"]): p.get("entity_id") for p in predicted_mentions}
    shared: Counter[tuple[str, str]] = Counter()
    for g in gold_mentions:
        if g["span"] is None or not g.get("entity"):
            continue
        predicted = by_span.get((g["doc_id"], *g["span"]))
        if predicted:
            shared[(predicted, g["entity"])] += 1
    alignment: dict[str, str] = {}
    taken: set[str] = set()
    for (predicted, gold_name), _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])):
        if predicted not in alignment and gold_name not in taken:
            alignment[predicted] = gold_name
            taken.add(gold_name)
    return alignment


class EntityJudge:
    """Does a predicted entity id stand for a gold entity name?"""

    def __init__(self, gold: Gold, alignment: dict[str, str], predicted: list[Record]) -> None:
        self.alignment = alignment
        self.names = {e["id"]: e for e in predicted}
        self.gold_keys = {
            name: {name_key(a) for a in [name, *e.get("aliases", [])]}
            for name, e in gold.entities.items()
        }
        self.gold_kb = {name: e.get("kb_id") for name, e in gold.entities.items()}

    def same(self, predicted_id: str | None, gold_name: str | None) -> bool:
        if not predicted_id or not gold_name:
            return not predicted_id and not gold_name
        if predicted_id in self.alignment:
            return self.alignment[predicted_id] == gold_name
        entity = self.names.get(predicted_id)
        if entity is None:
            return False
        kb = self.gold_kb.get(gold_name)
        if kb and entity.get("kb_id") == kb:
            return True
        return name_key(entity["name"]) in self.gold_keys.get(gold_name, set())


def _head(counted: str | None) -> str:
    """Head word of a counted noun phrase, singular-ish: 'essais de missiles' -> 'essai'."""
    if not counted:
        return ""
    first = counted.split()[0] if counted.split() else ""
    return name_key(first).rstrip("sx")


def _time_value(gold: Any, predicted: Any) -> bool:
    """Equal TIMEX3 values; a gold ``null`` (the annotator judged the date unknowable, as for a
    weekday in an undated article) matches a value that leaves the date unknown (``XXXX-…``)."""
    if gold is None:
        return predicted is None or str(predicted).startswith("XXXX")
    return str(gold) == str(predicted)


def _value(a: Any, b: Any) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-6 * max(1.0, abs(float(a)))
    except (TypeError, ValueError):
        return bool(a == b)


def score_all(
    gold: Gold,
    anchored: Anchored,
    predicted: dict[str, list[Record]],
    misses: dict[str, list[tuple[str, object]]] | None = None,
) -> dict[str, Score]:
    """Every score of docs/eval.md, keyed ``record.rule``; unmatched records into ``misses``."""

    def match(
        rule: str, g: list[Record], p: list[Record], same: Callable[[Any, Any], bool]
    ) -> Score:
        collected = misses.setdefault(rule, []) if misses is not None else None
        return match_records(g, p, same, collected)

    g = anchored.records
    pm = predicted["mentions"]
    scores: dict[str, Score] = {}
    scores["mentions.exact"] = match(
        "mentions.exact",
        g["mentions"],
        pm,
        lambda a, b: a["doc_id"] == b["doc_id"] and a["span"] == (b["start"], b["end"]),
    )
    scores["mentions.overlap"] = match(
        "mentions.overlap",
        g["mentions"],
        pm,
        lambda a, b: a["doc_id"] == b["doc_id"] and _overlaps(a["span"], b["start"], b["end"]),
    )
    alignment = align_entities(g["mentions"], pm)
    judge = EntityJudge(gold, alignment, predicted["entities"])
    linked_gold = [m for m in g["mentions"] if m.get("entity")]
    linked_pred = [m for m in pm if m.get("entity_id")]
    scores["entities.linking"] = match(
        "entities.linking",
        linked_gold,
        linked_pred,
        lambda a, b: (
            a["doc_id"] == b["doc_id"]
            and a["span"] == (b["start"], b["end"])
            and judge.same(b["entity_id"], a["entity"])
        ),
    )
    pt = predicted["times"]
    scores["times.span"] = match(
        "times.span",
        g["times"],
        pt,
        lambda a, b: a["doc_id"] == b["doc_id"] and _overlaps(a["span"], b["start"], b["end"]),
    )
    scores["times.value"] = match(
        "times.value",
        g["times"],
        pt,
        lambda a, b: (
            a["doc_id"] == b["doc_id"]
            and _overlaps(a["span"], b["start"], b["end"])
            and _time_value(a["value"], b["value"])
        ),
    )
    scores["quantities"] = match(
        "quantities",
        g["quantities"],
        predicted["quantities"],
        lambda a, b: (
            a["doc_id"] == b["doc_id"]
            and _overlaps(a["span"], b["start"], b["end"])
            and _value(a["value"], b["value"])
            and a.get("bound") == b.get("bound")
            and _head(a.get("counted")) == _head(b.get("counted"))
        ),
    )

    def same_speaker(a: Record, b: Record) -> bool:
        if a.get("speaker_entity"):
            return judge.same(b.get("speaker_entity_id"), a["speaker_entity"])
        spoken = (b.get("speaker") or "").casefold()
        written = (a.get("speaker") or "").casefold()
        return bool(spoken and written) and (spoken in written or written in spoken)

    def same_claim(a: Record, b: Record) -> bool:
        return bool(
            a["doc_id"] == b["doc_id"]
            and _overlaps(a["span"], b["start"], b["end"])
            and a.get("stance") == b.get("stance")
            and same_speaker(a, b)
        )

    scores["claims"] = match("claims", g["claims"], predicted["claims"], same_claim)
    claim_of = _align(g["claims"], predicted["claims"], same_claim)
    for kind in ("contradicts", "corroborates"):
        scores[f"links.{kind}"] = _claim_links(gold, predicted, claim_of, kind)

    def agent(arguments: list[Record], key: str) -> str | None:
        for arg in arguments or []:
            if arg.get("role") == "agent":
                return arg.get(key)
        return None

    scores["events"] = match(
        "events",
        g["events"],
        predicted["events"],
        lambda a, b: (
            a["doc_id"] == b["doc_id"]
            and a.get("type") == b.get("type")
            and judge.same(
                agent(b.get("arguments", []), "entity_id"), agent(a.get("arguments", []), "entity")
            )
            and (a.get("time") or None) == (b.get("time") or None)
        ),
    )
    scores["stories"] = _stories(gold, anchored, predicted)
    scores["duplicates"] = _duplicates(gold, anchored, predicted)
    scores["published"] = _published(gold, anchored, predicted)
    scores["copies"] = _duplicates(gold, anchored, predicted, ("duplicate", "derived"))
    return scores


def _align(
    gold: list[Record], predicted: list[Record], same: Callable[[Record, Record], bool]
) -> dict[str, str]:
    """Predicted claim id -> gold claim id, one to one, matched as the claim score matches."""
    found: dict[str, str] = {}
    for g in gold:
        for p in predicted:
            if p.get("id") and p["id"] not in found and same(g, p):
                found[p["id"]] = g["id"]
                break
    return found


def _claim_links(
    gold: Gold, predicted: dict[str, list[Record]], claim_of: dict[str, str], kind: str
) -> Score:
    """Pair F1 of claim links; ``contradicts`` pairs are ordered (alleging, denying), the
    others not. A predicted link counts when both its claims match the gold link's claims."""

    def key(a: Any, b: Any) -> tuple[str, str]:
        a, b = str(a), str(b)
        return (a, b) if kind == "contradicts" else (min(a, b), max(a, b))

    gold_pairs = {key(lk["a"], lk["b"]) for lk in gold.records["links"] if lk.get("kind") == kind}
    claims = {c.get("id") for c in predicted["claims"]}
    predicted_pairs = {
        key(claim_of.get(lk["a"], lk["a"]), claim_of.get(lk["b"], lk["b"]))
        for lk in predicted["links"]
        if lk["kind"] == kind and lk["a"] in claims and lk["b"] in claims
    }
    return prf(len(gold_pairs & predicted_pairs), len(gold_pairs), len(predicted_pairs))


def _published(gold: Gold, anchored: Anchored, predicted: dict[str, list[Record]]) -> Score:
    """Publication dates: precision counts the dates veille gives that are right (a wrong
    date is worse than none), recall the dated gold documents veille dates right."""
    wanted = {
        anchored.doc_ids[row["doc"]]: row.get("published")
        for row in gold.records["documents"]
        if row.get("doc") in anchored.doc_ids
    }
    given = {
        doc["id"]: doc.get("published")
        for doc in predicted["documents"]
        if doc["id"] in wanted and doc.get("published")
    }
    right = sum(1 for doc_id, value in given.items() if value == wanted[doc_id])
    return prf(right, sum(1 for value in wanted.values() if value), len(given))


def _stories(gold: Gold, anchored: Anchored, predicted: dict[str, list[Record]]) -> Score:
    gold_labels = {
        anchored.doc_ids[key]: story["label"]
        for story in gold.records["stories"]
        for key in story.get("docs", [])
        if key in anchored.doc_ids
    }
    story_of = {
        doc["id"]: doc.get("story_id") or f"single:{doc['id']}" for doc in predicted["documents"]
    }
    return bcubed(gold_labels, {d: story_of.get(d, f"single:{d}") for d in gold_labels})


def _duplicates(
    gold: Gold,
    anchored: Anchored,
    predicted: dict[str, list[Record]],
    kinds: tuple[str, ...] = ("duplicate",),
) -> Score:
    """Pair F1 of document copies (unordered pairs, of any of ``kinds``)."""
    ids = anchored.doc_ids
    gold_pairs = {
        frozenset((ids[link["a"]], ids[link["b"]]))
        for link in gold.records["links"]
        if link.get("kind") in kinds and link.get("a") in ids and link.get("b") in ids
    }
    wanted = set(ids.values())
    predicted_pairs = {
        frozenset((link["a"], link["b"]))
        for link in predicted["links"]
        if link["kind"] in kinds and link["a"] in wanted and link["b"] in wanted
    }
    return prf(len(gold_pairs & predicted_pairs), len(gold_pairs), len(predicted_pairs))
