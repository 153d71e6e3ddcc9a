"""Propositions across documents: one accusation and its denials face to face."""

from __future__ import annotations

from veille.records import Document, OffsetMap, PubDate
from veille.resolve.propositions import build_propositions, compatible, time_key
from veille.resolve.views import ClaimView, EventView

USA, PRK, RUS, WAGNER = "ent_usa", "ent_prk", "ent_rus", "ent_wagner"
KREMLIN = "ent_kremlin"


def doc(doc_id: str, published: str, outlet: str) -> Document:
    return Document(
        id=doc_id,
        content_hash=doc_id,
        source=doc_id,
        text="",
        original="",
        offsets=OffsetMap(),
        language="fr",
        published=PubDate(published, "day"),
        outlet=outlet,
    )


def claim(cid: str, doc_id: str, stance: str, speaker: str | None) -> ClaimView:
    return ClaimView(cid, doc_id, stance, speaker, "entity", 0, 10)


def event(
    eid: str,
    c: ClaimView | None,
    kind: str = "TRANSFER",
    agent: str | None = PRK,
    recipient: str | None = RUS,
    time: str | None = None,
    modality: str = "actual",
) -> EventView:
    doc_id = c.doc_id if c else eid.split(":")[0]
    return EventView(eid, doc_id, kind, agent, recipient, None, None, None, time, modality, c, 0)


def actor(entity: str | None, when: str | None) -> str | None:
    return RUS if entity == KREMLIN else entity  # a seat of power speaks for its country


DOCS = [
    doc("d_wire", "2023-10-13", "Dépêches"),
    doc("d_copy", "2023-10-14", "Courrier"),
    doc("d_en", "2023-09-17", "Wire"),
    doc("d_later", "2023-10-19", "Horizon"),
    doc("d_old", "2023-07-28", "Courrier"),
]
ALLEGE = claim("c_allege", "d_wire", "allege", USA)
ALLEGE_COPY = claim("c_allege_copy", "d_copy", "allege", USA)
DENY_OWN = claim("c_deny_en", "d_en", "deny", PRK)  # "Pyongyang denied supplying weapons"
DENY_ANAPHORIC = claim("c_deny_later", "d_later", "deny", KREMLIN)  # "a balayé ces accusations"
OLD_ALLEGE = claim("c_old_allege", "d_old", "allege", USA)
OLD_DENY = claim("c_old_deny", "d_old", "deny", PRK)
CLAIMS = [ALLEGE, ALLEGE_COPY, DENY_OWN, DENY_ANAPHORIC, OLD_ALLEGE, OLD_DENY]
EVENTS = [
    event("e1", ALLEGE),
    event("e2", ALLEGE_COPY),
    event("e3", DENY_OWN, modality="negated"),
    event("e4", DENY_ANAPHORIC, kind="DENY", agent=KREMLIN, recipient=None),
    # last year's accusation, about another recipient, and its denial in the same article
    event("e5", OLD_ALLEGE, recipient=WAGNER),
    event("e6", OLD_ALLEGE, kind="ACCUSE", agent=USA, recipient=PRK, time="2022"),
    event("e7", OLD_DENY, kind="DENY", agent=PRK, recipient=None),
    # "any delivery would breach the resolutions": asserts no delivery
    event("e8", claim("c_hyp", "d_en", "assert", USA), modality="hypothetical"),
]


def build() -> tuple[dict[str, dict[str, object]], list[tuple[str, str, str]]]:
    props, links = build_propositions(
        CLAIMS, EVENTS, DOCS, {"d_copy": "d_wire"}, {d.id: "s" for d in DOCS}, actor
    )
    by_type = {f"{p.type}:{p.recipient}": p.__dict__ for p in props}
    return by_type, [(lk.kind, lk.a, lk.b) for lk in links]


def test_one_proposition_with_the_allegation_and_every_denial() -> None:
    props, _ = build()
    arms = props[f"TRANSFER:{RUS}"]
    stances = dict(arms["stances"])  # type: ignore[call-overload]
    assert set(stances["allege"]) == {"c_allege", "c_allege_copy"}
    assert set(stances["deny"]) == {"c_deny_en", "c_deny_later"}
    assert "c_hyp" not in arms["claims"]  # type: ignore[operator]
    # the copy is the same dispatch; the Kremlin speaks for Russia
    assert arms["independent_sources"] == 3
    assert arms["first_seen"] == "2023-09-17" and arms["last_seen"] == "2023-10-19"


def test_contradictions_join_allegations_to_denials_of_other_documents() -> None:
    _, links = build()
    contradicts = {(a, b) for kind, a, b in links if kind == "contradicts"}
    assert contradicts == {
        (a, b) for a in ("c_allege", "c_allege_copy") for b in ("c_deny_en", "c_deny_later")
    }
    corroborates = {(a, b) for kind, a, b in links if kind == "corroborates"}
    # two denials from two documents agree; two copies of one dispatch do not corroborate
    assert ("c_deny_en", "c_deny_later") in corroborates
    assert ("c_allege", "c_allege_copy") not in corroborates


def test_an_old_denial_answers_the_allegation_of_its_own_article() -> None:
    props, links = build()
    wagner = props[f"TRANSFER:{WAGNER}"]
    assert set(wagner["claims"]) == {"c_old_allege", "c_old_deny"}  # type: ignore[call-overload]
    assert wagner["time"] == "2022"  # undated, said in 2022
    assert ("same_event", "e1", "e2") in links or ("same_event", "e3", "e1") in links


def test_times_are_compatible_at_their_granularity() -> None:
    assert time_key("2023-07-27TEV") == ("2023", "07", "27")
    assert time_key("2023-W36") == ("2023",)
    assert time_key("PAST_REF") is None and time_key("P3D") is None
    assert compatible(("2023", "09"), ("2023", "09", "13"))
    assert not compatible(("2023", "10"), ("2023", "09", "13"))
    assert not compatible(("2022",), ("2023", "10"))
    assert compatible(None, ("2022",))


def test_figures_of_one_counted_thing_disagree_when_their_ranges_do_not_meet() -> None:
    from veille.records import Quantity
    from veille.resolve.figures import disagreements, quantity_id

    def q(start: int, value: float, bound: str = "exact", counted: str = "soldats") -> Quantity:
        return Quantity(start, start + 5, "x", value, bound, counted=counted, time="2023-10")  # type: ignore[arg-type]

    ten, twelve = q(0, 10000), q(10, 12000)
    more = q(20, 11000, "more_than")
    other = q(30, 300, counted="conteneurs")
    distance = Quantity(40, 45, "x", 6000, unit="km", counted="km", time="2023-10")
    quantities = [("d_wire", ten), ("d_en", twelve), ("d_later", more), ("d_later", other)]
    quantities += [
        ("d_wire", distance),
        ("d_en", Quantity(50, 55, "x", 50, unit="km", counted="km", time="2023-10")),
    ]
    links = disagreements(quantities, DOCS, {d.id: "s" for d in DOCS})
    pairs = {(lk.a, lk.b) for lk in links}
    # d_en (17 Sept) is earlier than d_wire (13 Oct): it comes first
    assert pairs == {
        (quantity_id("d_en", twelve), quantity_id("d_wire", ten)),
        (quantity_id("d_wire", ten), quantity_id("d_later", more)),
    }
