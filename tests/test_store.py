from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from veille.ids import content_hash, make_id
from veille.records import (
    AnnotatedDocument,
    Document,
    Entity,
    IngestError,
    Link,
    Mention,
    OffsetMap,
    PubDate,
    Resolution,
    Sentence,
)
from veille.store import SQLiteStore, StoreError
from veille.store.sqlite import migrations


def make_doc(text: str, title: str | None = "Titre", **extra: object) -> AnnotatedDocument:
    chash = content_hash(text)
    doc = Document(
        id=make_id("doc", chash),
        content_hash=chash,
        source="test.txt",
        text=text,
        original=text,
        offsets=OffsetMap(((0, 0, len(text)),)),
        language="fr",
        published=PubDate("2023-09", "month", "metadata"),
        title=title,
        **extra,  # type: ignore[arg-type]
    )
    mentions = (Mention(0, 3, text[:3], "PERSON", "PER"),) if len(text) >= 3 else ()
    return AnnotatedDocument(doc, (Sentence(0, len(text)),), mentions, "fr_core_news_md")


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    SQLiteStore(db).close()
    with SQLiteStore(db) as store:
        assert store.applied_migrations() == [(v, n) for v, n, _ in migrations()]


def test_a_lower_bound_on_the_date_is_stored_apart_from_the_date() -> None:
    with SQLiteStore(":memory:") as store:
        annotated = make_doc("Un article sans date, qui cite 2019.")
        undated = replace(annotated.document, published=PubDate(after="2019"))
        store.add(replace(annotated, document=undated))
        (stored,) = store.documents()
        assert stored.document.published == PubDate(after="2019")


def test_migration_moves_an_inferred_date_to_its_lower_bound(tmp_path: Path) -> None:
    """A store written before migration 006 kept inferred dates in ``published``."""
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.execute(
        "CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
    )
    for version, name, sql in migrations():
        if version < 6:
            conn.executescript(sql)
            conn.execute("INSERT INTO migrations VALUES (?, ?, '')", (version, name))
    conn.execute(
        "INSERT INTO documents (id, content_hash, source, language, published, "
        "published_precision, published_source, text, original, offsets, removed_lines, "
        "pipeline, degraded) VALUES ('d1', 'h1', 's', 'fr', '1999', 'year', 'inferred', "
        "'t', 't', '[]', '[]', 'p', 0)"
    )
    conn.commit()
    conn.close()
    with SQLiteStore(db) as store:
        (stored,) = store.documents()
        assert stored.document.published == PubDate(after="1999")


def test_add_is_idempotent_by_content_hash() -> None:
    with SQLiteStore(":memory:") as store:
        annotated = make_doc("Kim Jong-un a visité une usine.")
        assert store.add(annotated) is True
        assert store.add(annotated) is False
        assert len(store.documents()) == 1
        assert len(store.mentions()) == 1
        assert store.sentences(annotated.document.id) == [Sentence(0, 31)]


def test_fts_search_folds_accents_and_ignores_query_syntax() -> None:
    with SQLiteStore(":memory:") as store:
        store.add(make_doc("Le ministre Sergueï Choïgou est arrivé à Pyongyang."))
        store.add(make_doc("Un tout autre sujet, sans rapport."))
        hits = store.search("choigou")
        assert len(hits) == 1 and "[Choïgou]" in hits[0][1]
        assert store.search('NEAR( " OR') == []  # FTS5 operators are taken as plain words


def test_errors_are_recorded_once() -> None:
    with SQLiteStore(":memory:") as store:
        error = IngestError("bad.jsonl", "invalid JSON", line=3)
        store.record_error(error)
        store.record_error(error)
        assert store.errors() == [error]


def test_resolution_is_replaced_whole() -> None:
    with SQLiteStore(":memory:") as store:
        a, b = make_doc("Kim est là. " * 5), make_doc("Kim est ici. " * 5)
        store.add(a)
        store.add(b)
        entity = Entity("ent_1", "Kim", "PERSON", ("Kim",), 2, 2)
        first = Resolution(
            (entity,),
            ((a.document.id, 0, 3, "ent_1"), (b.document.id, 0, 3, "ent_1")),
            ((b.document.id, a.document.id),),
            (Link("duplicate", a.document.id, b.document.id, 0.9),),
        )
        store.replace_resolution(first)
        assert {s.document.id: s.duplicate_of for s in store.documents()}[b.document.id]
        assert all(m.entity_id == "ent_1" for m in store.mentions())
        store.replace_resolution(Resolution((), (), (), ()))
        assert store.entities() == [] and store.links() == []
        assert all(m.entity_id is None for m in store.mentions())
        assert all(s.duplicate_of is None for s in store.documents())


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"this is not sqlite " * 100)
    with pytest.raises(StoreError, match=r"notes\.db"):
        SQLiteStore(bogus)


text_strategy = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=200,
)


@hsettings(max_examples=60, deadline=None)
@given(text=text_strategy, title=st.none() | text_strategy)
def test_document_round_trips_through_store(text: str, title: str | None) -> None:
    annotated = make_doc(text, title=title, removed_lines=("Partager", "Publicité"))
    with SQLiteStore(":memory:") as store:
        store.add(annotated)
        (stored,) = store.documents()
        assert stored.document == annotated.document
        assert stored.pipeline == "fr_core_news_md" and stored.degraded is False


def test_sqlite_file_is_plain_sqlite(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    with SQLiteStore(db) as store:
        store.add(make_doc("Un article de test assez long pour compter."))
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone() == (1,)


def test_span_to_original_stops_before_removed_text() -> None:
    # original "Kim XXX est là": clean "Kim est là" keeps [0,4) and [8,14)
    offsets = OffsetMap(((0, 0, 4), (4, 8, 6)))
    original, clean = "Kim XXX est là", "Kim est là"
    start, end = offsets.span_to_original(0, 3)
    assert original[start:end] == clean[0:3] == "Kim"
    start, end = offsets.span_to_original(4, 10)
    assert original[start:end] == "est là"


def test_claims_and_events_round_trip_and_export_with_ids() -> None:
    from dataclasses import replace

    from veille.export import export_records
    from veille.records import Claim, Event, EventArgument

    text = "KCNA a cité Kim disant que Pyongyang livrera des obus."
    outer = Claim(12, 53, "a cité", 5, 11, "assert", False, "KCNA", 0, 4, "entity")
    inner = Claim(27, 53, "disant", 16, 22, "assert", False, "Kim", 12, 15, "entity", parent=0)
    event = Event(
        "TRANSFER",
        "livrera",
        37,
        44,
        (EventArgument("agent", 27, 36, "Pyongyang"), EventArgument("item", 45, 53, "des obus")),
        time=None,
        modality="planned",
        claim=1,
    )
    annotated = replace(make_doc(text), claims=(outer, inner), events=(event,))
    with SQLiteStore(":memory:") as store:
        store.add(annotated)
        doc_id = annotated.document.id
        assert [c for _, c in store.claims(doc_id)] == [outer, inner]
        assert [e for _, e in store.events()] == [event]
        store.replace_resolution(Resolution((), ((doc_id, 0, 3, "ent_kcna"),), (), ()))
        records = export_records(store)
    claims = records["claims"]
    assert claims[0]["speaker_entity_id"] == "ent_kcna"  # the mention "KCN" overlaps "KCNA"
    assert claims[1]["nested_in"] == claims[0]["id"] and claims[0]["nested_in"] is None
    (exported,) = records["events"]
    assert exported["claim_id"] == claims[1]["id"]
    assert exported["trigger"] == {"text": "livrera", "start": 37, "end": 44}
    assert [a["role"] for a in exported["arguments"]] == ["agent", "item"]


def test_description_speaker_reaches_its_entity() -> None:
    from dataclasses import replace

    from veille.export import export_records
    from veille.records import Claim, Description

    text = "Poutine est arrivé. Le président russe a déclaré que tout allait bien."
    poutine = Mention(0, 7, "Poutine", "PERSON", "PER", kb_entry="person/putin", cluster="kb:p")
    described = Description(20, 38, "Le président russe", "head_of_state", "person/putin", "kb:p")
    claim = Claim(52, 69, "a déclaré", 39, 48, "assert", False, "Le président russe", 20, 38)
    annotated = replace(
        make_doc(text), mentions=(poutine,), descriptions=(described,), claims=(claim,)
    )
    with SQLiteStore(":memory:") as store:
        store.add(annotated)
        doc_id = annotated.document.id
        assert store.descriptions() == [(doc_id, described)]
        store.replace_resolution(Resolution((), ((doc_id, 0, 7, "ent_putin"),), (), ()))
        (exported,) = export_records(store)["claims"]
    assert exported["speaker_entity_id"] == "ent_putin"
