"""Linking within one document: every mention to a KB entry or to a document-level entity.

1. names the NER model found but the KB phrase lookup did not ("Choïgu" for "Choïgou") are
   linked when their name key is a KB alias's, or close to one (rapidfuzz ``ratio``);
2. short forms ("Kim", "Kirby") go to the full name used in the same document, preferring
   the entry the KB gives that short form, then the nearest full name before; a KB short form
   with no full name in the document goes to its KB entry;
3. names of organisations and things the KB does not know take the cluster of a longer name
   in the same document that they shorten ("Amnesty" for "Amnesty International", "Monde"
   for "Le Monde") or abbreviate ("AIEA" for "Agence internationale de l'énergie atomique");
4. every mention gets a cluster key: ``kb:<entry>`` or ``name:<name key of the full name>``;
   unlinked names of one type that are spelling variants of each other share one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from veille.extract.entities.candidates import Candidate
from veille.extract.entities.lexicon import EntityResources
from veille.kb import KnowledgeBase, fold, name_key, word_key
from veille.records import EntityType

# Which KB types a mention typed by the model may link to (the KB's type then wins).
COMPATIBLE: dict[EntityType, tuple[EntityType, ...]] = {
    "PERSON": ("PERSON",),
    "ORG": ("ORG", "LOCATION", "COUNTRY"),
    "LOCATION": ("LOCATION", "COUNTRY", "ORG"),
    "COUNTRY": ("COUNTRY", "LOCATION"),
    "OTHER": ("OTHER", "ORG", "EQUIPMENT"),
    "EQUIPMENT": ("EQUIPMENT",),
}
MIN_FUZZY_CHARS = 5  # shorter names are too easily close to another
_DIGITS = re.compile(r"\D")


def spelling_variants(a: str, b: str, threshold: float) -> bool:
    """Two name keys spell one name: close (rapidfuzz ``ratio``), same first letter, same
    digits ("Hwasong-17" is not "Hwasong-18"), and long enough to judge."""
    return (
        min(len(a), len(b)) >= MIN_FUZZY_CHARS
        and a[:1] == b[:1]
        and _DIGITS.sub("", a) == _DIGITS.sub("", b)
        and fuzz.ratio(a, b) >= threshold
    )


@lru_cache(maxsize=16)
def _pool(kb: KnowledgeBase, kind: EntityType) -> tuple[list[str], list[str]]:
    """(name keys, entry ids) of every alias of the KB types ``kind`` may link to."""
    keys, ids = [], []
    for key, entries in sorted(kb.name_keys.items()):
        for entry_id in entries:
            if kb.entries[entry_id].type in COMPATIBLE[kind]:
                keys.append(key)
                ids.append(entry_id)
    return keys, ids


def kb_variant(text: str, kind: EntityType, kb: KnowledgeBase, threshold: float) -> str | None:
    """The KB entry a name found by the model is a spelling of, if any."""
    key = name_key(text)
    exact = [e for e in kb.name_keys.get(key, ()) if kb.entries[e].type in COMPATIBLE[kind]]
    if exact:
        return exact[0] if len(exact) == 1 else None
    if len(key) < MIN_FUZZY_CHARS:
        return None
    keys, ids = _pool(kb, kind)
    found = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=threshold)
    if found is None or not spelling_variants(key, found[0], threshold):
        return None
    return ids[found[2]]


def link_variants(candidates: Sequence[Candidate], res: EntityResources, threshold: float) -> None:
    """Step 1, in place: model-found names to KB entries; the KB's type and category win."""
    fulls = [c for c in candidates if c.type == "PERSON" and len(word_key(c.text)) > 1]
    for c in candidates:
        if c.entry is not None or c.kind != "ner":
            continue
        if _is_short(c) and _full_name_for(c, fulls, res.kb, threshold) is not None:
            continue  # a surname of someone named in full here: step 2 links it
        entry_id = kb_variant(c.text, c.type, res.kb, threshold)
        entry = res.kb.get(entry_id)
        if entry is not None:
            c.entry, c.type = entry.id, entry.type
            c.category = entry.id if entry.is_category else entry.category


def _is_short(c: Candidate) -> bool:
    return c.type == "PERSON" and (
        c.kind == "short" or (c.entry is None and len(word_key(c.text)) == 1)
    )


def _same_words(short: tuple[str, ...], full: tuple[str, ...], threshold: float) -> bool:
    """The short form is the full name's first or last words, or a spelling of them."""
    n = len(short)
    if full[:n] == short or full[-n:] == short:
        return True
    key = "".join(short)
    return any(spelling_variants(key, "".join(part), threshold) for part in (full[:n], full[-n:]))


def _full_name_for(
    short: Candidate, fulls: Sequence[Candidate], kb: KnowledgeBase, threshold: float
) -> Candidate | None:
    words = word_key(short.text)
    matching = [
        f for f in fulls if f is not short and _same_words(words, word_key(f.text), threshold)
    ]
    if not matching:
        return None
    preferred = [f for f in matching if (e := kb.get(f.entry)) and short.text in e.short]
    if preferred:
        return preferred[0]
    before = [f for f in matching if f.end <= short.start]
    return before[-1] if before else matching[0]


def assign_clusters(
    candidates: Sequence[Candidate], res: EntityResources, threshold: float
) -> None:
    """Steps 2 to 4, in place."""
    fulls = [c for c in candidates if c.type == "PERSON" and not _is_short(c)]
    for c in candidates:
        if _is_short(c):
            full = _full_name_for(c, fulls, res.kb, threshold)
            if full is not None:
                c.entry = full.entry
                c.cluster = full.cluster or _cluster_of(full)
                continue
        c.cluster = _cluster_of(c)
    for c in candidates:  # 3: after every full name has its own cluster
        longer = _longer_name_for(c, candidates, res.lexicon.particles)
        if longer is not None:
            c.entry, c.type, c.category = longer.entry, longer.type, longer.category
            c.cluster = longer.cluster
    _merge_spelling_variants([c for c in candidates if c.entry is None], threshold)


_NAMED_THINGS: frozenset[EntityType] = frozenset({"ORG", "OTHER", "LOCATION"})


def _longer_name_for(
    c: Candidate, candidates: Sequence[Candidate], particles: frozenset[str]
) -> Candidate | None:
    """The longer name in the document that an unlinked organisation's or thing's name
    shortens (its first or last words) or abbreviates (the initials of its words, particles
    left out); the nearest one before it, else the first after."""
    if c.entry is not None or c.type not in _NAMED_THINGS:
        return None
    words = word_key(c.text)
    acronym = c.text.isupper() and c.text.isalpha() and 2 <= len(c.text) <= 6
    found = []
    for f in candidates:
        if f is c or f.type not in _NAMED_THINGS or len(f.text) <= len(c.text):
            continue
        full = word_key(f.text)
        initials = "".join(w[0] for w in full if w not in particles)
        shortens = len(full) > len(words) and words in (full[: len(words)], full[-len(words) :])
        if shortens or (acronym and len(initials) >= 2 and initials == fold(c.text)):
            found.append(f)
    before = [f for f in found if f.end <= c.start]
    return before[-1] if before else (found[0] if found else None)


def _cluster_of(c: Candidate) -> str:
    return f"kb:{c.entry}" if c.entry else f"name:{name_key(c.text)}"


def _merge_spelling_variants(unlinked: list[Candidate], threshold: float) -> None:
    """ "Navalny" and "Navalnyï" in one article: the first spelling's cluster takes both."""
    firsts: dict[tuple[EntityType, str], str] = {}
    for c in unlinked:
        assert c.cluster is not None
        key = c.cluster.removeprefix("name:")
        for (kind, other), cluster in firsts.items():
            if kind == c.type and spelling_variants(key, other, threshold):
                c.cluster = cluster
                break
        else:
            firsts.setdefault((c.type, key), c.cluster)
