"""Offset gold: spans given as character offsets into cached page texts, never as quotes.

Real press may not enter the repository (DESIGN.md, "Real press without its text in the
repo"), so its gold is written by annotators in the quoted form of docs/annotation.md into a
git-ignored folder, then converted here into offsets (``to_offsets``). The evaluator turns the
offsets back into quoted spans by slicing the cache text (``resolve_offsets``) and anchors each
on veille's clean text near where the raw offset falls (``anchor_near``): cleaning may drop a
header line or page furniture, so counting occurrences in the raw text would be wrong.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from collections.abc import Collection, Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from veille.eval.gold import Gold, GoldError, anchor, fold

Record = dict[str, Any]

CACHE_ENV = "VEILLE_DEVSET_CACHE"

# Per record type: (text field, occurrence field or None, offset prefix). The first entry is the
# record's own span (anchored by occurrence); the others are located nearest to it.
SPAN_FIELDS: dict[str, tuple[tuple[str, str | None, str], ...]] = {
    "mentions": (("text", "occurrence", ""),),
    "times": (("text", "occurrence", ""),),
    "quantities": (("text", "occurrence", ""), ("counted", None, "counted_")),
    "claims": (
        ("content", "content_occurrence", ""),
        ("speaker", "speaker_occurrence", "speaker_"),
        ("cue", "cue_occurrence", "cue_"),
        ("content_extra", "extra_occurrence", "extra_"),
    ),
    "events": (("trigger", "trigger_occurrence", "trigger_"),),
}


class CacheMissing(GoldError):
    """Offset gold whose cached texts are not on this machine (as in CI)."""


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sha256_folded(text: str) -> str:
    """Hash that ignores the typography gold folding ignores (one character for one)."""
    return sha256(fold(text))


def is_offset_gold(gold: Gold) -> bool:
    if any("sha256" in doc for doc in gold.documents):
        return True
    return any(
        "start" in row or "trigger_start" in row
        for kind in SPAN_FIELDS
        for row in gold.records[kind]
    )


def default_cache(gold_folder: Path) -> Path:
    """``$VEILLE_DEVSET_CACHE`` when set, else the ``cache`` folder beside the gold folder."""
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else gold_folder.parent / "cache"


def read_sources(gold: Gold, cache: Path) -> dict[str, str]:
    """Cached text of every gold document, checked against its sha256.

    Raises CacheMissing when any text is absent, GoldError when one differs from the manifest
    (other than by the typography folding ignores, which keeps offsets valid).
    """
    missing = [d["doc"] for d in gold.documents if not (cache / _file(d)).is_file()]
    if missing:
        raise CacheMissing(
            f"devset cache absent ({len(missing)} of {len(gold.documents)} texts missing "
            f"in {cache}): scoring skipped; refill it as devset/README.md says"
        )
    sources: dict[str, str] = {}
    for doc in gold.documents:
        text = (cache / _file(doc)).read_bytes().decode("utf-8")
        exact, folded = doc.get("sha256"), doc.get("sha256_folded")
        if exact and sha256(text) != exact and sha256_folded(text) != folded:
            raise GoldError(f"{cache / _file(doc)}: text differs from the manifest (sha256)")
        sources[doc["doc"]] = text
    return sources


def _file(doc: Record) -> str:
    return str(doc.get("file") or f"{doc['doc']}.txt")


def to_offsets(
    records: dict[str, list[Record]], texts: dict[str, str]
) -> tuple[dict[str, list[Record]], list[str]]:
    """Quoted-span gold -> offset gold on ``texts`` (doc key -> cache text).

    Returns the converted records and one problem line per span that could not be found;
    records with a problem are left out, so that the gold never holds a wrong offset.
    """
    out: dict[str, list[Record]] = {}
    problems: list[str] = []
    for kind, rows in records.items():
        fields = SPAN_FIELDS.get(kind)
        if kind == "documents":
            out[kind] = [_document_offsets(row, texts) for row in rows]
            continue
        if fields is None:
            out[kind] = [dict(row) for row in rows]
            continue
        out[kind] = []
        for row in rows:
            text = texts.get(row.get("doc", ""))
            if text is None:
                problems.append(f"{kind}: no cache text for document {row.get('doc')!r}")
                continue
            converted, trouble = _row_offsets(kind, row, text, fields)
            if trouble:
                problems.extend(f"{kind} {row.get('doc')}: {t}" for t in trouble)
            else:
                out[kind].append(converted)
    return out, problems


def _document_offsets(row: Record, texts: dict[str, str]) -> Record:
    doc = dict(row)
    doc.setdefault("file", f"{row['doc']}.txt")
    text = texts.get(row["doc"])
    if text is not None:
        doc["sha256"], doc["sha256_folded"] = sha256(text), sha256_folded(text)
    return doc


def _row_offsets(
    kind: str, row: Record, text: str, fields: tuple[tuple[str, str | None, str], ...]
) -> tuple[Record, list[str]]:
    out = {k: v for k, v in row.items() if k not in _quoted_keys(fields)}
    trouble: list[str] = []
    primary: tuple[int, int] | None = None
    for number, (field, occ_key, prefix) in enumerate(fields):
        span = row.get(field)
        if not span:
            if number > 0 and field in row:
                out[f"{prefix}start"] = out[f"{prefix}end"] = None
            continue
        if number == 0 or (occ_key and occ_key in row):
            found = anchor(text, span, int(row.get(occ_key or "", 1) or 1))
        else:
            found = _nearest(text, span, primary[0] if primary else 0, avoid=primary)
        if found is None:
            trouble.append(f"{field} {span!r} not found")
            continue
        if number == 0:
            primary = found
        out[f"{prefix}start"], out[f"{prefix}end"] = found
    if kind == "events":
        around = primary[0] if primary else 0
        arguments = []
        for arg in row.get("arguments") or []:
            converted = {k: v for k, v in arg.items() if k not in ("text", "occurrence")}
            if arg.get("text"):
                found = (
                    anchor(text, arg["text"], int(arg["occurrence"]))
                    if "occurrence" in arg
                    else _nearest(text, arg["text"], around, avoid=primary)
                )
                if found is None:
                    trouble.append(f"argument {arg['text']!r} not found")
                    continue
                converted["start"], converted["end"] = found
            arguments.append(converted)
        out["arguments"] = arguments
    return out, trouble


def _quoted_keys(fields: tuple[tuple[str, str | None, str], ...]) -> set[str]:
    return {f for f, _, _ in fields} | {o for _, o, _ in fields if o}


def _nearest(
    text: str,
    span: str,
    around: int,
    avoid: tuple[int, int] | None = None,
    words: bool = True,
) -> tuple[int, int] | None:
    """The occurrence of ``span`` in ``text`` whose start is nearest to ``around``.

    Whole-word occurrences outside ``avoid`` (the record's own span) come first, so that a
    speaker "il" is not found inside "qu'il" or inside the quote it introduces.
    """
    haystack = fold(text)
    starts = _starts(haystack, fold(span))
    if not starts:
        return None

    def rank(start: int) -> tuple[bool, bool, int, int]:
        end = start + len(span)
        bounded = (start == 0 or not haystack[start - 1].isalnum()) and (
            end == len(haystack) or not haystack[end].isalnum()
        )
        inside = avoid is not None and start < avoid[1] and avoid[0] < end
        if avoid is None:
            distance = abs(start - around)
        else:  # the gap to the record's own span, before or after it
            distance = max(avoid[0] - end, start - avoid[1], 0)
        return (words and not bounded, inside, distance, start)

    best = min(starts, key=rank)
    return best, best + len(span)


def _starts(haystack: str, needle: str) -> list[int]:
    starts, at = [], haystack.find(needle) if needle else -1
    while at >= 0:
        starts.append(at)
        at = haystack.find(needle, at + 1)
    return starts


def resolve_offsets(gold: Gold, sources: dict[str, str]) -> Gold:
    """Offset gold -> quoted gold whose spans carry the raw offset as ``_raw`` (an anchor hint).

    Every text field is sliced from the cached text, so that scoring rules that read texts
    (speakers, counted heads) see exactly what the annotator marked.
    """
    records: dict[str, list[Record]] = {k: list(v) for k, v in gold.records.items()}
    for kind, fields in SPAN_FIELDS.items():
        rows = []
        for row in gold.records[kind]:
            text = sources.get(row.get("doc", ""), "")
            out = dict(row)
            for number, (field, _, prefix) in enumerate(fields):
                start, end = row.get(f"{prefix}start"), row.get(f"{prefix}end")
                if start is None or end is None:
                    continue
                out[field] = text[start:end]
                if number == 0:
                    out["_raw"] = (start, end)
            if kind == "events":
                out["arguments"] = [
                    {**a, "text": text[a["start"] : a["end"]]} if "start" in a else dict(a)
                    for a in row.get("arguments") or []
                ]
            rows.append(out)
        records[kind] = rows
    return replace(gold, records=records, sources=dict(sources))


def anchor_near(clean: str, span: str, source: str, raw_start: int) -> tuple[int, int] | None:
    """Offsets of ``span`` in ``clean`` at the occurrence nearest where ``raw_start`` maps.

    Cleaning may reflow hard-wrapped lines, so a span that is not found as written is looked
    for with every run of whitespace matching any run of whitespace.
    """
    target = _map_offset(source, clean, raw_start)
    found = _nearest(clean, span, target, words=False)
    if found is not None or not span.strip():
        return found
    pattern = re.compile(r"\s+".join(re.escape(part) for part in fold(span).split()))
    matches = [(m.start(), m.end()) for m in pattern.finditer(fold(clean))]
    return min(matches, key=lambda m: (abs(m[0] - target), m[0])) if matches else None


def _map_offset(source: str, clean: str, position: int) -> int:
    """Where a position of the raw text falls in the clean text (aligned on common blocks)."""
    target = position
    for a, b, size in _blocks(fold(source), fold(clean)):
        if a <= position:
            target = b + min(position - a, size)
        else:
            break
    return target


@lru_cache(maxsize=128)
def _blocks(source: str, clean: str) -> tuple[tuple[int, int, int], ...]:
    matcher = difflib.SequenceMatcher(None, source, clean, autojunk=False)
    return tuple((m.a, m.b, m.size) for m in matcher.get_matching_blocks() if m.size)


def only_language(gold: Gold, language: str) -> Gold:
    """The gold restricted to the documents in ``language`` (records and links follow)."""
    return only_documents(gold, {d["doc"] for d in gold.documents if d.get("language") == language})


def only_files(gold: Gold, files: Collection[str]) -> Gold:
    """The gold restricted to the documents read from ``files`` (file names)."""
    return only_documents(gold, {d["doc"] for d in gold.documents if d.get("file") in files})


_COPIES = ("duplicate", "derived")


def only_documents(gold: Gold, keys: set[str]) -> Gold:
    """The gold restricted to the documents ``keys`` (records and links follow)."""
    records: dict[str, list[Record]] = {}
    for kind, rows in gold.records.items():
        if kind == "documents":
            records[kind] = [d for d in rows if d["doc"] in keys]
        elif kind == "stories":
            records[kind] = [
                {**s, "docs": [k for k in s.get("docs", []) if k in keys]} for s in rows
            ]
        elif kind == "links":  # copies between kept documents, claim links between kept claims
            claims = {c.get("id") for c in gold.records.get("claims", []) if c.get("doc") in keys}
            records[kind] = [
                link
                for link in rows
                if {link.get("a"), link.get("b")}
                <= (keys if link.get("kind") in _COPIES else claims)
            ]
        elif kind == "entities":
            records[kind] = list(rows)
        else:
            records[kind] = [r for r in rows if r.get("doc") in keys]
    return replace(gold, records=records)


def languages(gold: Gold) -> list[str]:
    return sorted({str(d.get("language")) for d in gold.documents if d.get("language")})


def load_texts(folder: Path, keys: Iterable[str]) -> dict[str, str]:
    """Cache texts of ``keys`` that are present in ``folder`` (``KEY.txt``)."""
    return {
        key: (folder / f"{key}.txt").read_bytes().decode("utf-8")
        for key in keys
        if (folder / f"{key}.txt").is_file()
    }
