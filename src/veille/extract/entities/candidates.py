"""Mention candidates of one document: knowledge-base phrases, model designators, NER spans.

The KB is trusted over the NER model where they overlap (it knows "Washington" is a city and
"Wagner" a group), except when the model found a longer person name around a KB word
("George Washington", "Kim Yo-jong" around "Kim"). NER spans are cleaned first: articles and
titles dropped, dates, page furniture and sentence-initial verbs rejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span

from veille.extract.entities.lexicon import EntityResources
from veille.kb import Alias, Hit, fold
from veille.records import EntityType

# NER labels of spaCy's French (WikiNER) and English (OntoNotes) models to veille's types.
LABEL_TYPES: dict[str, EntityType] = {
    "PER": "PERSON",
    "PERSON": "PERSON",
    "ORG": "ORG",
    "NORP": "OTHER",
    "LOC": "LOCATION",
    "LOCATION": "LOCATION",
    "GPE": "LOCATION",
    "FAC": "LOCATION",
    "COUNTRY": "COUNTRY",
    "EQUIPMENT": "EQUIPMENT",
    "PRODUCT": "OTHER",
    "MISC": "OTHER",
    "EVENT": "OTHER",
    "WORK_OF_ART": "OTHER",
    "LAW": "OTHER",
}
# Model designations: "Su-35", "MiG-31I", "Tu-95MS", "Hwasong-17", "KN-23", "S-400".
DESIGNATOR = re.compile(r"(?<![\w-])([A-Z][A-Za-zïë]{0,9})-(\d{1,3}[A-Z]{0,3}\d?)(?![\w-])")
_GLUED = re.compile(r"\w\.[a-z]")  # "Coréens.s", "européenne.un": words run together
_NOT_A_NAME_POS = {"VERB", "AUX", "ADV", "ADP", "PRON", "DET", "CCONJ", "SCONJ", "ADJ", "INTJ"}


@dataclass
class Candidate:
    start: int
    end: int
    text: str
    type: EntityType
    label: str  # "KB", "PATTERN" or the NER model's label
    entry: str | None = None  # KB entry id
    kind: str = "name"  # name | short | contextual | designator | ner
    category: str | None = None  # equipment category entry
    cluster: str | None = None  # within-document entity key, set by linking

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def _longest_first(hits: list[Hit[Alias]]) -> list[Hit[Alias]]:
    """Leftmost-longest non-overlapping hits; a full name beats a short or contextual form."""
    priority = {"name": 0, "demonym": 1, "short": 2, "contextual": 3}
    ordered = sorted(hits, key=lambda h: (h.start, -(h.end - h.start), priority[h.value.kind]))
    kept: list[Hit[Alias]] = []
    for hit in ordered:
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept


def _nested(
    outer: Hit[Alias], hits: list[Hit[Alias]], text: str, res: EntityResources
) -> list[Hit[Alias]]:
    """Names of their own inside an organisation's name: the UN in "Conseil de sécurité de
    l'ONU" (annotation rule). Eponyms and naming parts are not: they are no KB names, or
    they name the same entry ("Vostotchny" in "cosmodrome de Vostotchny")."""
    if res.kb.entries[outer.value.entry].type != "ORG":
        return []
    connectors = res.lexicon.determiners | res.lexicon.particles

    def complement(h: Hit[Alias]) -> bool:
        if h.start > outer.start:  # "… de l'ONU", "… of the UN"
            before = fold(text[outer.start : h.start]).replace("'", "' ").split()
            return bool(before) and before[-1] in connectors
        rest = text[h.end : outer.end].strip()  # "United Nations | Security Council"
        return rest[:1].isupper()

    inner = [
        h
        for h in hits
        if outer.start <= h.start
        and h.end <= outer.end
        and (h.end - h.start) < (outer.end - outer.start)
        and h.value.kind == "name"
        and h.value.entry != outer.value.entry
        and res.kb.entries[h.value.entry].type in ("ORG", "COUNTRY")
        and complement(h)
    ]
    return _longest_first(inner)


def _candidate(hit: Hit[Alias], text: str, res: EntityResources) -> Candidate:
    entry = res.kb.entries[hit.value.entry]
    return Candidate(
        hit.start,
        hit.end,
        text[hit.start : hit.end],
        entry.type,
        "KB",
        entry.id,
        hit.value.kind,
        category=(entry.id if entry.is_category else entry.category),
    )


def _eponym(c: Candidate, text: str, res: EntityResources) -> Candidate:
    """ "place Kim Il-sung", "Kim Il-sung Square": a person's name naming a place is a place."""
    if c.type != "PERSON":
        return c
    before = re.search(r"(\w+)\s+$", text[max(0, c.start - 30) : c.start])
    after = re.match(r"\s+(\w+)", text[c.end : c.end + 30])
    if before and fold(before.group(1)) in res.lexicon.eponym_heads:
        start = c.start - len(before.group(0))
        return Candidate(start, c.end, text[start : c.end], "LOCATION", "KB", kind="eponym")
    if after and after.group(1)[:1].isupper() and fold(after.group(1)) in res.lexicon.eponym_heads:
        end = c.end + len(after.group(0))
        return Candidate(c.start, end, text[c.start : end], "LOCATION", "KB", kind="eponym")
    return c


_COORDINATED = re.compile(r"\s+(?:et|and)\s+(d'|de\s+|des\s+|du\s+)([\w-]+(?:\s+[\w-]+)?)")


def _coordinated(c: Candidate, text: str, res: EntityResources) -> Candidate:
    """ "drones de reconnaissance et d'attaque": two kinds sharing one head, one mention."""
    m = _COORDINATED.match(text, c.end)
    head = c.text.split()[0] if c.type == "EQUIPMENT" and " " in c.text else None
    if m is None or head is None:
        return c
    for words in (m.group(2).split()[:1], m.group(2).split()):
        phrase = f"{head} {m.group(1)}{' '.join(words)}".replace("' ", "'")
        if any(res.kb.entries[a.entry].type == "EQUIPMENT" for _, a in res.names.lookup(phrase)):
            end = m.start(2) + len(" ".join(words))
            return Candidate(
                c.start,
                end,
                text[c.start : end],
                "EQUIPMENT",
                "KB",
                None,
                "coordination",
                c.category,
            )
    return c


def kb_candidates(
    text: str, res: EntityResources
) -> tuple[list[Candidate], list[tuple[int, int, str]]]:
    """Entity candidates from KB names, and (start, end, country) of demonyms elsewhere."""
    hits = res.names.find(text)
    kept = _longest_first(hits)
    candidates = []
    for hit in kept:
        if hit.value.kind == "demonym":
            continue
        candidates.append(_coordinated(_eponym(_candidate(hit, text, res), text, res), text, res))
        candidates += [_candidate(h, text, res) for h in _nested(hit, hits, text, res)]
    demonyms = [(h.start, h.end, h.value.entry) for h in kept if h.value.kind == "demonym"]
    return _contextual_ok(candidates, text, res), demonyms


def _contextual_ok(candidates: list[Candidate], text: str, res: EntityResources) -> list[Candidate]:
    """ "le Nord" is North Korea only after an article and when the document names it."""
    named = {c.entry for c in candidates if c.kind == "name"}
    out = []
    for c in candidates:
        if c.kind == "contextual":
            before = fold(text[max(0, c.start - 4) : c.start]).split()
            if c.entry not in named or not before or before[-1] not in res.lexicon.determiners:
                continue
        out.append(c)
    return out


def designator_candidates(text: str, res: EntityResources) -> list[Candidate]:
    """Model designations whose prefix the KB knows ("Su" -> combat aircraft)."""
    out = []
    for m in DESIGNATOR.finditer(text):
        category = res.kb.designators.get(fold(m.group(1)))
        if category:
            out.append(
                Candidate(
                    m.start(),
                    m.end(),
                    m.group(),
                    "EQUIPMENT",
                    "PATTERN",
                    None,
                    "designator",
                    category,
                )
            )
    return out


def ner_candidates(doc: Any, res: EntityResources) -> list[Candidate]:
    """The NER model's spans, cleaned; nothing for pipelines without a model."""
    out = []
    text = doc.text  # built on each access: once here
    for ent in _joined(doc, res):
        kind = LABEL_TYPES.get(ent.label_)
        span = _trimmed(ent, res) if kind else None
        if kind is None or span is None or not _acceptable(span, kind, text, res):
            continue
        if kind != "PERSON" and DESIGNATOR.fullmatch(span.text):
            kind = "EQUIPMENT"  # "Hwasong-17" tagged as a place
        out.append(
            Candidate(span.start_char, span.end_char, span.text, kind, ent.label_, kind="ner")
        )
    return out


def _joined(doc: Any, res: EntityResources) -> list[Any]:
    """The model's spans, with a lone word that is no name on its own ("Nord") joined to the
    span right after it: the model often cuts "Nord Stream 1" into "Nord" and "Stream 1"."""
    ents = list(doc.ents)
    out = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        after = ents[i + 1] if i + 1 < len(ents) else None
        if (
            after is not None
            and len(ent) == 1
            and ent.text in res.lexicon.not_entities
            and after.start == ent.end
            and doc[ent.start].whitespace_ == " "
        ):
            out.append(Span(doc, ent.start, after.end, label=after.label_))
            i += 2
            continue
        out.append(ent)
        i += 1
    return out


def _trimmed(ent: Any, res: EntityResources) -> Any | None:
    """Without leading articles and titles, trailing punctuation and possessive 's."""
    lex = res.lexicon
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end - 1 and (
        fold(doc[start].text) in lex.titles
        or (doc[start].text.islower() and doc[start].text in lex.determiners)
    ):
        start += 1  # a capitalised article may belong to the name: "Le Monde"
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    if end <= start:
        return None
    geo = ent.label_ in ("LOC", "GPE")
    if not doc[start].text[:1].isupper() and not (geo and _geo_head(doc[start], lex)):
        # "gare frontalière de Khassan" -> "Khassan"; a lower-case phrase is no name.
        capital = next((i for i in range(start, end) if doc[i].text[:1].isupper()), None)
        if capital is None or ent.label_ not in ("LOC", "GPE", "PER", "PERSON"):
            return None
        start = capital
    if geo and start > 0 and _geo_head(doc[start - 1], lex):
        start -= 1  # "mer Baltique" where the model found "Baltique"
    if geo and end < len(doc) and _geo_head(doc[end], lex) and doc[end].text[:1].isupper():
        end += 1  # "Black Sea" where the model found "Black"
    return doc[start:end]


def _geo_head(token: Any, lex: Any) -> bool:
    """A generic geographic noun heading a name: lower case before it in French ("mer
    Baltique"), capitalised after it in English ("Black Sea")."""
    return fold(token.text) in lex.geo_heads


def _acceptable(span: Any, kind: EntityType, text: str, res: EntityResources) -> bool:
    lex = res.lexicon
    name = span.text
    letters = [ch for ch in name if ch.isalpha()]
    if len(name) < 2 or not letters or name in lex.not_entities or _GLUED.search(name):
        return False
    words = [fold(t.text) for t in span if not t.is_punct]
    if any(w in lex.time_words for w in words):
        return False  # "Vendredi dernier", "Un jour plus tôt" are times, not names
    if len(span) == 1 and span[0].pos_ in _NOT_A_NAME_POS:
        return False  # "Commencez" opening a link line
    if _after_unit_head(span, lex.unit_heads, lex.particles):
        return False  # "l'échelle de Richter": part of a unit, not a person
    if kind != "PERSON" and _after_portfolio_title(span, lex.portfolio_titles, lex.particles):
        return False  # "ministre russe des Ressources naturelles": a title, not a body
    if kind == "OTHER":
        content = [t for t in span if t.is_alpha and fold(t.text) not in lex.particles]
        if any(not t.text[:1].isupper() for t in content):
            return False  # "Il n'est pas certain que la"
        if len(letters) <= 3 and name.isupper():
            return False  # "ML", "SMT": variant codes, not entities
    return not _furniture_line(text, span.start_char, span.end_char, lex.particles)


def _after_unit_head(span: Any, heads: frozenset[str], particles: frozenset[str]) -> bool:
    i = span.start - 1
    doc = span.doc
    while i >= 0 and fold(doc[i].text) in particles:
        i -= 1
    return i >= 0 and i < span.start - 1 and fold(doc[i].text) in heads


def _after_portfolio_title(span: Any, titles: frozenset[str], particles: frozenset[str]) -> bool:
    i = span.start - 1
    doc = span.doc
    while i >= 0 and fold(doc[i].text) in particles:
        i -= 1
    if i >= 0 and doc[i].text.islower() and fold(doc[i].text) not in titles:
        i -= 1  # a demonym: "ministre russe des …"
    return i >= 0 and fold(doc[i].text) in titles


def _furniture_line(text: str, start: int, end: int, particles: frozenset[str]) -> bool:
    """A short line of capitalised words only ("Nouvelles Du Monde", "Facebook"): furniture."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    if len(line) > 60:
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'-]*", line) if fold(w) not in particles]
    return bool(words) and all(w[:1].isupper() for w in words)


def resolve_overlaps(
    kb: list[Candidate],
    ner: list[Candidate],
    demonyms: list[tuple[int, int]],
    descriptions: list[tuple[int, int]],
) -> list[Candidate]:
    """KB and pattern candidates, plus the NER ones that do not clash with them.

    An NER span inside a demonym or a description ("Nord-Coréens") is not a name, nor is a
    non-person span straddling a description ("ministre russe des").
    """
    kept_kb = list(kb)
    out_ner = []
    for n in ner:
        clashing = [k for k in kept_kb if k.overlaps(n.start, n.end)]
        if not clashing:
            inside = any(s <= n.start and n.end <= e for s, e in (*demonyms, *descriptions))
            straddles = any(s < n.end and n.start < e for s, e in descriptions)
            if not inside and not (straddles and n.type != "PERSON"):
                out_ner.append(n)
            continue
        wider_person = (
            n.type == "PERSON"
            and all(
                n.start <= k.start and k.end <= n.end and (k.end - k.start) < (n.end - n.start)
                for k in clashing
            )
            and all(k.kind == "short" or k.type != "PERSON" for k in clashing)
            and sum(1 for w in n.text.split() if w[:1].isupper()) >= 2
        )
        if wider_person:
            kept_kb = [k for k in kept_kb if k not in clashing]
            out_ner.append(n)
    return sorted(kept_kb + out_ner, key=lambda c: (c.start, c.end))
