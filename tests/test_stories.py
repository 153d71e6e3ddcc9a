"""Stories: online, time-aware clustering, language-independent through entity ids."""

from __future__ import annotations

import random

from veille.ids import make_id
from veille.records import Document, Entity, Mention, OffsetMap, PubDate, StoredMention
from veille.resolve.stories import cluster_stories, date_span
from veille.resolve.views import EventView

KIM, PUTIN, SHOIGU, LAVROV = "ent_kim", "ent_putin", "ent_shoigu", "ent_lavrov"
VOSTOCHNY, PYONGYANG, SEOUL, YOON, BIDEN = "ent_vos", "ent_pyo", "ent_seo", "ent_yoon", "ent_bid"


def doc(doc_id: str, text: str, published: str | None, language: str = "fr") -> Document:
    return Document(
        id=doc_id,
        content_hash=doc_id,
        source=doc_id,
        text=text,
        original=text,
        offsets=OffsetMap(),
        language=language,
        published=PubDate(published, "day" if published and len(published) == 10 else "month"),
    )


def mentions(doc_id: str, *entities: str) -> list[StoredMention]:
    return [
        StoredMention(doc_id, Mention(i * 10, i * 10 + 5, e, "PERSON", "KB"), e)
        for i, e in enumerate(entities)
    ]


def meet(doc_id: str, agent: str, other: str) -> EventView:
    return EventView(
        make_id("evt", doc_id),
        doc_id,
        "MEET",
        agent,
        other,
        None,
        None,
        None,
        None,
        "actual",
        None,
        0,
    )


CORPUS = {
    # the summit, in French, English and French again; a follow-up a few days later
    "doc_fr": (
        "Sommet au cosmodrome entre les deux dirigeants.",
        "2023-09-13",
        "fr",
        [KIM, PUTIN, VOSTOCHNY, KIM, PUTIN],
        [("doc_fr", KIM, PUTIN)],
    ),
    "doc_en": (
        "Summit at the spaceport between the two leaders.",
        "2023-09-13",
        "en",
        [PUTIN, KIM, VOSTOCHNY, PUTIN],
        [("doc_en", KIM, PUTIN)],
    ),
    "doc_month": (
        "Le voyage du dirigeant en train vers l'Extrême-Orient.",
        "2023-09",
        "fr",
        [KIM, PUTIN, VOSTOCHNY],
        [],
    ),
    # another story the same days: Seoul and Washington
    "doc_other": (
        "Exercices conjoints annoncés à Séoul.",
        "2023-09-14",
        "fr",
        [YOON, SEOUL, BIDEN, YOON],
        [("doc_other", YOON, BIDEN)],
    ),
    # the same people two months before: a story of its own
    "doc_july": (
        "Le ministre russe au défilé de Pyongyang.",
        "2023-07-27",
        "fr",
        [KIM, SHOIGU, PYONGYANG, KIM],
        [("doc_july", SHOIGU, KIM)],
    ),
}


def run(order: list[str], copy_of: dict[str, str] | None = None) -> dict[str, str]:
    docs = [doc(d, CORPUS[d][0], CORPUS[d][1], CORPUS[d][2]) for d in order]
    ms = [m for d in order for m in mentions(d, *CORPUS[d][3])]
    evs = [meet(*e) for d in order for e in CORPUS[d][4]]
    entities = [Entity(e, e, "PERSON", (e,), 1, 1) for e in (KIM, PUTIN, VOSTOCHNY, YOON)]
    _, story_of = cluster_stories(docs, ms, evs, copy_of or {}, entities, 10, 0.35)
    return story_of


def test_a_french_and_an_english_report_of_one_summit_are_one_story() -> None:
    story_of = run(sorted(CORPUS))
    assert story_of["doc_fr"] == story_of["doc_en"] == story_of["doc_month"]
    assert story_of["doc_other"] != story_of["doc_fr"]
    assert story_of["doc_july"] not in {story_of["doc_fr"], story_of["doc_other"]}


def test_stories_do_not_depend_on_the_order_documents_arrive_in() -> None:
    first = run(sorted(CORPUS))
    for seed in range(5):
        order = sorted(CORPUS)
        random.Random(seed).shuffle(order)
        assert run(order) == first


def test_story_ids_are_a_hash_of_their_first_document_and_copies_follow_their_original() -> None:
    story_of = run(sorted(CORPUS), copy_of={"doc_other": "doc_fr"})
    assert story_of["doc_other"] == story_of["doc_fr"]
    assert story_of["doc_july"] == make_id("sty", "doc_july")
    assert story_of["doc_fr"] == make_id("sty", "doc_month")  # 2023-09 sorts first


def test_partial_dates_cover_their_month_or_year() -> None:
    span = date_span("2023-09")
    assert span is not None and (span.start.day, span.end.day) == (1, 30)
    year = date_span("2024")
    assert year is not None and (year.start.month, year.end.month) == (1, 12)
    assert date_span(None) is None and date_span("PRESENT_REF") is None
