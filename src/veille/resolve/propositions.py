"""Propositions: the same event reported across documents, and who agrees or disagrees.

1. Every event of a substantive type (not the speech acts ``ACCUSE``/``DENY``, not ``OTHER``,
   not a hypothetical: "any delivery would breach …" asserts no delivery) with a resolved
   participant has a signature: (type, agent, recipient or target), participants taken as the
   government they stand for (a capital, a seat of power: "le Kremlin" is Russia).
2. Events of one signature are grouped into propositions when their item categories agree
   and their times are compatible at their granularity (``2023-09`` with ``2023-09-13``). An
   undated event takes the time of the statement reporting it (a denial made in 2022 is about
   2022 at the latest), else its article's publication year.
3. A denial with no event of its own ("Moscou a balayé ces accusations", "tout projet de ce
   genre") answers an allegation against the denier (the denier takes part in it) at a
   compatible time: one its own article reports, else the most alleged one (its own story
   first among equals). A denier nobody could name answers its own article's allegation.
4. A proposition is kept when two documents report it or it is contested. Links:
   ``same_event`` from its first reported event to each event of another document;
   ``corroborates`` between two claims of one stance class (assert/allege, deny, speculate)
   from two different dispatches (copies of one dispatch are one source); ``contradicts`` from
   an asserting or alleging claim (a) to a denying one (b) of another document and speaker.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from veille.ids import make_id
from veille.records import Document, Link, Proposition
from veille.resolve.views import ClaimView, EventView

SPEECH = {"ACCUSE", "DENY"}
NOT_PROPOSITIONS = SPEECH | {"OTHER"}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_CLASS = {"assert": "positive", "allege": "positive", "deny": "deny", "speculate": "speculate"}
ANAPHORIC_SCORE = 0.5  # a link through a denial attached by rule 3, not by its own event


def time_key(value: str | None) -> tuple[str, ...] | None:
    """A TIMEX value as (year, month, day) components; weeks and seasons keep their year;
    references (PAST_REF …), durations and unknown years are no time."""
    if not value:
        return None
    found = _DATE.match(value)
    if not found:
        return None
    parts = [p for p in found.groups() if p]
    if found.end() < len(value) and value[found.end()] == "-" and len(parts) == 1:
        return (parts[0],)  # 2023-W36, 2023-SU
    return tuple(parts)


def compatible(a: tuple[str, ...] | None, b: tuple[str, ...] | None) -> bool:
    if a is None or b is None:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


@dataclass
class _Group:
    events: list[EventView] = field(default_factory=list)
    times: list[tuple[str, ...] | None] = field(default_factory=list)
    item: str | None = None
    anaphoric: set[str] = field(default_factory=set)  # claim ids attached by rule 3


Actor = Callable[[str | None, str | None], str | None]  # (entity id, date) -> principal


def build_propositions(
    claims: Sequence[ClaimView],
    events: Sequence[EventView],
    documents: Sequence[Document],
    copy_root: dict[str, str],
    story_of: dict[str, str],
    actor: Actor,
) -> tuple[list[Proposition], list[Link]]:
    docs = {d.id: d for d in documents}
    root = {d.id: copy_root.get(d.id, d.id) for d in documents}
    published = {d.id: d.published.value for d in documents}
    by_claim = {c.id: c for c in claims}
    speech_time = _speech_times(events, by_claim)

    def effective(ev: EventView) -> tuple[str, ...] | None:
        own = time_key(ev.time)
        if own is not None:
            return own
        if ev.claim is not None:
            said = speech_time.get(ev.claim.id) or speech_time.get(ev.claim.parent or "")
            if said is not None:
                return said
        year = time_key(published.get(ev.doc_id))
        return year[:1] if year else None

    def when(doc_id: str) -> str | None:
        return published.get(doc_id)

    order = {d.id: (d.published.value is None, d.published.value or "", d.id) for d in documents}
    groups: dict[tuple[str, str | None, str | None], list[_Group]] = defaultdict(list)
    for ev in sorted(events, key=lambda e: (order[e.doc_id], e.start, e.id)):  # 1
        if ev.type in NOT_PROPOSITIONS or ev.modality == "hypothetical":
            continue
        agent = actor(ev.agent, when(ev.doc_id))
        other = actor(ev.recipient or ev.target, when(ev.doc_id))
        if not (agent or other):
            continue
        t = effective(ev)
        for group in groups[(ev.type, agent, other)]:  # 2
            if all(compatible(t, u) for u in group.times) and (
                group.item is None or ev.item is None or group.item == ev.item
            ):
                break
        else:
            group = _Group()
            groups[(ev.type, agent, other)].append(group)
        group.events.append(ev)
        group.times.append(t)
        group.item = group.item or ev.item
    flat = [(key, g) for key, gs in sorted(groups.items(), key=lambda kv: str(kv[0])) for g in gs]
    member_claims = [_claims_of(g) for _, g in flat]
    _attach_denials(  # 3
        claims, events, flat, member_claims, root, story_of, actor, when
    )
    propositions: list[Proposition] = []
    links: list[Link] = []
    for (kind, agent, other), group in flat:  # 4
        ids = member_claims.pop(0)
        reported = {ev.doc_id for ev in group.events} | {by_claim[c].doc_id for c in ids}
        stances = {by_claim[c].stance for c in ids}
        if len(reported) < 2 and not ("deny" in stances and stances & {"assert", "allege"}):
            continue
        first = group.events[0]
        pid = make_id("prp", kind, agent, other, group.item, first.id)
        target = other if first.recipient is None and first.target is not None else None
        sources = {_source(by_claim.get(c), root, actor, when) for c in ids}
        sources |= {f"doc:{root[ev.doc_id]}" for ev in group.events if ev.claim is None}
        dates = sorted(v for d in reported if (v := published.get(d)))
        concrete = [t for t in group.times if t is not None]
        best = max(concrete, key=lambda t: (len(t), t)) if concrete else None
        by_stance: dict[str, list[str]] = defaultdict(list)
        for c in sorted(ids):
            by_stance[by_claim[c].stance].append(c)
        propositions.append(
            Proposition(
                id=pid,
                type=kind,
                agent=agent,
                recipient=None if target else other,
                target=target,
                item=group.item,
                time="-".join(best) if best else None,
                events=tuple(sorted(ev.id for ev in group.events)),
                claims=tuple(sorted(ids)),
                documents=tuple(sorted(reported)),
                outlets=tuple(sorted({docs[d].outlet or d for d in reported})),
                independent_sources=len(sources),
                stances=tuple((s, tuple(v)) for s, v in sorted(by_stance.items())),
                first_seen=dates[0] if dates else None,
                last_seen=dates[-1] if dates else None,
            )
        )
        links.extend(_links(pid, group, ids, by_claim, root, actor, when))
    return sorted(propositions, key=lambda p: p.id), links


def _speech_times(
    events: Sequence[EventView], by_claim: dict[str, ClaimView]
) -> dict[str, tuple[str, ...]]:
    """The time of the statement each claim reports, from its ACCUSE/DENY event."""
    found: dict[str, tuple[str, ...]] = {}
    for ev in events:
        t = time_key(ev.time)
        if ev.type in SPEECH and ev.claim is not None and t is not None:
            found.setdefault(ev.claim.id, t)
    for c in by_claim.values():  # a nested claim was said when its parent reports
        if c.id not in found and c.parent in found:
            found[c.id] = found[c.parent]
    return found


def _claims_of(group: _Group) -> set[str]:
    return {ev.claim.id for ev in group.events if ev.claim is not None}


def _attach_denials(
    claims: Sequence[ClaimView],
    events: Sequence[EventView],
    flat: list[tuple[tuple[str, str | None, str | None], _Group]],
    member_claims: list[set[str]],
    root: dict[str, str],
    story_of: dict[str, str],
    actor: Actor,
    when: Callable[[str], str | None],
) -> None:
    placed = set().union(*member_claims) if member_claims else set()
    # candidates come from indexes (by participant, by alleging document), never all groups
    by_party: dict[str, set[int]] = defaultdict(set)
    by_doc: dict[str, set[int]] = defaultdict(set)
    for i, ((_, agent, other), group) in enumerate(flat):
        for party in (agent, other):
            if party:
                by_party[party].add(i)
        for ev in group.events:
            if ev.claim is not None and ev.claim.stance == "allege":
                by_doc[ev.doc_id].add(i)
    deny_events: dict[str, list[EventView]] = defaultdict(list)
    for ev in events:
        if ev.claim is not None:
            deny_events[ev.claim.id].append(ev)
    for claim in claims:
        if claim.stance != "deny" or claim.id in placed:
            continue
        own = deny_events.get(claim.id, [])
        deniers = {actor(ev.agent, when(claim.doc_id)) for ev in own if ev.type == "DENY"}
        deniers.add(actor(claim.speaker, when(claim.doc_id)))
        deniers.discard(None)
        # when the denial was made, if the article says (the publication year is no evidence)
        t = next((k for ev in own if ev.type == "DENY" and (k := time_key(ev.time))), None)

        # the most alleged accusation against the denier, its own story first among equals
        involved = set().union(*(by_party.get(d, set()) for d in deniers if d))
        for scope in ("document", "anywhere"):
            pool = by_doc.get(claim.doc_id, set()) if scope == "document" else involved
            ranked = sorted(
                (r, i)
                for i in pool
                if (r := _answer_rank(claim, deniers, t, flat[i], scope, story_of)) is not None
            )
            if ranked:
                i = ranked[0][1]
                member_claims[i].add(claim.id)
                flat[i][1].anaphoric.add(claim.id)
                break


def _answer_rank(
    claim: ClaimView,
    deniers: set[str | None],
    t: tuple[str, ...] | None,
    candidate: tuple[tuple[str, str | None, str | None], _Group],
    scope: str,
    story_of: dict[str, str],
) -> tuple[int, bool, str] | None:
    """How well a proposition fits as the allegation a denial answers (lower is better)."""
    (_, agent, other), group = candidate
    alleging = [ev for ev in group.events if ev.claim is not None and ev.claim.stance == "allege"]
    if scope == "document":
        alleging = [ev for ev in alleging if ev.doc_id == claim.doc_id]
    if not alleging:
        return None
    # in its own article a denial answers an allegation there (against the denier when the
    # denier is known); elsewhere only an allegation against the denier
    involved = bool({agent, other} & deniers)
    if (deniers or scope != "document") and not involved:
        return None
    if not all(compatible(t, u) for u in group.times):
        return None
    story = story_of.get(claim.doc_id)
    elsewhere = all(story_of.get(ev.doc_id) != story for ev in alleging)
    allegations = len({ev.claim.id for ev in alleging if ev.claim})
    return (-allegations, elsewhere, str(candidate[0]))


def _source(
    claim: ClaimView | None,
    root: dict[str, str],
    actor: Actor,
    when: Callable[[str], str | None],
) -> str:
    """Who stands behind a claim: the government or person speaking, else the dispatch."""
    if claim is None:
        return "unknown"
    principal = actor(claim.speaker, when(claim.doc_id)) if claim.speaker else None
    return f"ent:{principal}" if principal else f"doc:{root[claim.doc_id]}"


def _links(
    pid: str,
    group: _Group,
    ids: set[str],
    by_claim: dict[str, ClaimView],
    root: dict[str, str],
    actor: Actor,
    when: Callable[[str], str | None],
) -> list[Link]:
    links = []
    first = group.events[0]
    for ev in group.events[1:]:
        if ev.doc_id != first.doc_id:
            links.append(Link("same_event", first.id, ev.id, 1.0, pid))
    members = [by_claim[c] for c in sorted(ids)]
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            if a.doc_id == b.doc_id:
                continue
            score = ANAPHORIC_SCORE if {a.id, b.id} & group.anaphoric else 1.0
            ka, kb = _CLASS[a.stance], _CLASS[b.stance]
            if ka == kb and root[a.doc_id] != root[b.doc_id]:
                links.append(Link("corroborates", a.id, b.id, score, pid))
            elif {ka, kb} == {"positive", "deny"}:
                pos, neg = (a, b) if ka == "positive" else (b, a)
                if _source(pos, root, actor, when) != _source(neg, root, actor, when):
                    links.append(Link("contradicts", pos.id, neg.id, score, pid))
    return links
