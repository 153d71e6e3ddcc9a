"""Naive baselines scored beside veille: what each stage must clearly beat.

- mentions/linking: plain spaCy NER, every distinct surface string its own entity;
- times: ``dateparser.search.search_dates`` alone, anchored on the publication day if known;
- quantities: digits and text2num number words, bound always exact, next word as counted;
- claims: a quotation-mark regex (content inside the marks, no speaker);
- events: trigger words alone (the events lexicon), no arguments, no time;
- stories: documents sharing enough entities (Jaccard of their entity sets) in one story;
- links: copies as veille finds them, no claim links.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from veille.nlp import load_pipeline
from veille.records import Document
from veille.settings import Settings

Record = dict[str, Any]

_QUOTE = re.compile(r"«\s*([^»]+?)\s*»|“([^”]+)”|\"([^\"]+)\"")
_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f.,]\d+)*")
_WORD = re.compile(r"\w+(?:-\w+)*")


def baseline_records(documents: list[Document], settings: Settings) -> dict[str, list[Record]]:
    out: dict[str, list[Record]] = {
        "mentions": [],
        "entities": [],
        "times": [],
        "quantities": [],
        "claims": [],
        "events": [],
    }
    surfaces: set[str] = set()
    triggers = _triggers()
    for doc in documents:
        sdoc = load_pipeline(doc.language, settings).nlp(doc.text)
        for ent in sdoc.ents:
            surfaces.add(ent.text)
            out["mentions"].append(
                {
                    "doc_id": doc.id,
                    "start": ent.start_char,
                    "end": ent.end_char,
                    "text": ent.text,
                    "entity_id": f"surface:{ent.text}",
                }
            )
        for token in sdoc:
            kind = triggers.get((doc.language, _lemma(token)))
            if kind:
                out["events"].append(
                    {
                        "doc_id": doc.id,
                        "type": kind,
                        "arguments": [],
                        "time": None,
                        "trigger": {
                            "text": token.text,
                            "start": token.idx,
                            "end": token.idx + len(token.text),
                        },
                    }
                )
        out["times"].extend(dateparser_times(doc))
        out["quantities"].extend(_numbers(doc))
        out["claims"].extend(_quotes(doc))
    out["entities"] = [{"id": f"surface:{s}", "name": s, "kb_id": None} for s in sorted(surfaces)]
    return out


def _lemma(token: Any) -> str:
    lemma = str(token.lemma_ or token.lower_).lower()
    return lemma if token.lemma_ else re.sub(r"(ing|ed|es|s)$", "", lemma)


@lru_cache(maxsize=1)
def _triggers() -> dict[tuple[str, str], str]:
    path = resources.files("veille.data").joinpath("events", "triggers.tsv")
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            language, lemma, kind = line.split("\t")
            table[(language, lemma)] = kind
    return table


def dateparser_times(doc: Document) -> Iterator[Record]:
    from dateparser.search import search_dates

    settings: dict[str, Any] = {}
    if doc.published.precision == "day" and doc.published.value:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(doc.published.value[:10])
    try:
        found = search_dates(doc.text, languages=[doc.language], settings=settings) or []
    except Exception:  # dateparser raises on some inputs; a baseline then finds nothing
        found = []
    cursor = 0
    for text, when in found:
        start = doc.text.find(text, cursor)
        if start < 0:
            continue
        cursor = start + len(text)
        yield {
            "doc_id": doc.id,
            "start": start,
            "end": cursor,
            "text": text,
            "value": when.date().isoformat(),
            "type": "DATE",
        }


def _numbers(doc: Document) -> Iterator[Record]:
    from text_to_num import text2num

    for word in _WORD.finditer(doc.text):
        token = word.group()
        value: float | None = None
        if _NUMBER.fullmatch(token):
            value = _parse_number(token)
        else:
            try:
                value = float(text2num(token.lower(), doc.language))
            except ValueError:
                continue
        if value is None:
            continue
        after = _WORD.search(doc.text, word.end())
        counted = after.group() if after else None
        end = after.end() if after else word.end()
        yield {
            "doc_id": doc.id,
            "start": word.start(),
            "end": end,
            "text": doc.text[word.start() : end],
            "value": value,
            "bound": "exact",
            "value_max": None,
            "counted": counted,
            "time": None,
        }


def _parse_number(token: str) -> float | None:
    digits = re.sub(r"[ \u00a0\u202f.]", "", token).replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return None


def _quotes(doc: Document) -> Iterator[Record]:
    for found in _QUOTE.finditer(doc.text):
        group = next(i for i in (1, 2, 3) if found.group(i))
        yield {
            "doc_id": doc.id,
            "start": found.start(group),
            "end": found.end(group),
            "speaker": None,
            "speaker_entity_id": None,
            "stance": "assert",
            "direct": True,
        }


def entity_overlap_stories(
    documents: list[Record], mentions: list[Record], threshold: float = 0.3
) -> list[Record]:
    """Document rows with ``story_id`` from shared entities alone: connected components of the
    pairs whose entity sets have a Jaccard of at least ``threshold``; no time, no events."""
    entities: dict[str, set[str]] = {d["id"]: set() for d in documents}
    for m in mentions:
        if m.get("entity_id") and m["doc_id"] in entities:
            entities[m["doc_id"]].add(m["entity_id"])
    parent = {doc_id: doc_id for doc_id in entities}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    ids = sorted(entities)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            union = entities[a] | entities[b]
            if union and len(entities[a] & entities[b]) / len(union) >= threshold:
                parent[max(find(a), find(b))] = min(find(a), find(b))
    return [{**d, "story_id": f"overlap:{find(d['id'])}"} for d in documents]
