from __future__ import annotations

from veille.ids import make_id
from veille.records import Document, Mention, OffsetMap, PubDate, StoredMention
from veille.resolve.dedup import canonical_copies, duplicate_pairs, jaccard, shingles
from veille.resolve.entities import merge_entities, name_key

BASE = (
    "Le chef de la diplomatie russe est arrivé mercredi dans la capitale nord-coréenne pour "
    "une visite de deux jours, a annoncé l'agence officielle, qui n'a pas précisé l'objet des "
    "entretiens prévus avec son homologue. Washington soupçonne Pyongyang de livrer des obus "
    "à Moscou, ce que les deux pays démentent depuis plusieurs mois."
)


def doc(doc_id: str, text: str, published: str | None = None) -> Document:
    return Document(
        id=doc_id,
        content_hash=doc_id,
        source=doc_id,
        text=text,
        original=text,
        offsets=OffsetMap(),
        language="fr",
        published=PubDate(published, "day" if published else "unknown"),
    )


def test_shingles_and_jaccard() -> None:
    assert shingles("a b c", 5) == {"a b c"}
    assert shingles("", 5) == set()
    assert jaccard({"x"}, {"x"}) == 1.0
    assert jaccard(set(), {"x"}) == 0.0


def test_wire_copy_is_a_near_duplicate_but_another_story_is_not() -> None:
    copy = BASE.replace("mercredi", "ce mercredi") + " (avec agences)"
    other = (
        "Les exercices militaires conjoints de Séoul et de Washington commencent lundi, "
        "selon le ministère de la Défense, qui évoque une menace croissante du Nord."
    )
    docs = [doc("doc_a", BASE), doc("doc_b", copy), doc("doc_c", other)]
    links = duplicate_pairs(docs, threshold=0.6, shingle_size=5)
    assert [(lk.a, lk.b) for lk in links] == [("doc_a", "doc_b")]
    assert 0.6 <= links[0].score < 1.0


def test_exact_copy_scores_one_and_canonical_is_first_published() -> None:
    docs = [doc("doc_z", BASE, "2023-10-18"), doc("doc_a", BASE, "2023-10-19")]
    links = duplicate_pairs(docs, threshold=0.8, shingle_size=5)
    assert links[0].score == 1.0
    assert canonical_copies(docs, links) == {"doc_a": "doc_z"}


def test_undated_copy_is_not_taken_as_the_original() -> None:
    docs = [doc("doc_a", BASE), doc("doc_b", BASE, "2023-10-19"), doc("doc_c", BASE)]
    links = duplicate_pairs(docs, threshold=0.8, shingle_size=5)
    assert canonical_copies(docs, links) == {"doc_a": "doc_b", "doc_c": "doc_b"}


def test_name_variants_merge_into_one_entity() -> None:
    assert name_key("Kim Jong-Un") == name_key("Kim Jong Un") == name_key("kim jong-un")
    assert name_key("Choïgou") == name_key("Choigou")
    forms = ["Kim Jong-Un", "Kim Jong-un", "Kim Jong-un", "Kim Jong Un"]
    mentions = [
        StoredMention(f"doc_{i}", Mention(0, len(f), f, "PERSON", "PER"))
        for i, f in enumerate(forms)
    ]
    mentions.append(StoredMention("doc_0", Mention(20, 26, "Russie", "LOCATION", "LOC")))
    entities, assignment = merge_entities(mentions)
    kim = next(e for e in entities if e.type == "PERSON")
    assert kim.name == "Kim Jong-un"  # the most frequent spelling
    assert kim.aliases == ("Kim Jong Un", "Kim Jong-Un", "Kim Jong-un")
    assert (kim.mentions, kim.documents) == (4, 4)
    assert kim.id == make_id("ent", name_key("Kim Jong-un"))
    assert len(assignment) == 5


def sm(doc_id: str, text: str, kind: str = "PERSON", **links: str) -> StoredMention:
    start = 10 * len(links) + len(text)  # distinct offsets per mention of a document
    return StoredMention(doc_id, Mention(start, start + len(text), text, kind, "KB", **links))  # type: ignore[arg-type]


def test_kb_linked_mentions_become_one_entity_with_kb_name_and_qid() -> None:
    mentions = [
        sm("doc_a", "Kim Jong-Un", kb_entry="person/kim-jong-un", cluster="kb:person/kim-jong-un"),
        sm("doc_a", "Kim", kb_entry="person/kim-jong-un", cluster="kb:person/kim-jong-un"),
        sm("doc_b", "Kim Jong Un", kb_entry="person/kim-jong-un", cluster="kb:person/kim-jong-un"),
        sm("doc_b", "Pyongyang", "COUNTRY", kb_entry="country/PRK"),
        sm("doc_c", "RPDC", "COUNTRY", kb_entry="country/PRK"),
        sm("doc_c", "Pyongyang", "LOCATION", kb_entry="city/pyongyang"),
    ]
    entities, assignment = merge_entities(mentions)
    by_name = {e.name: e for e in entities}
    kim = by_name["Kim Jong-un"]
    assert kim.id == make_id("ent", "person/kim-jong-un") and kim.kb_id == "Q56226"
    assert (kim.mentions, kim.documents, kim.aliases) == (
        3,
        2,
        ("Kim", "Kim Jong Un", "Kim Jong-Un"),
    )
    assert by_name["Corée du Nord"].aliases == ("Pyongyang", "RPDC")
    assert by_name["Pyongyang"].type == "LOCATION"  # the city as a place stays apart
    assert len(assignment) == 6


def test_unlinked_spelling_variants_merge_across_documents_but_models_do_not() -> None:
    mentions = [
        sm("doc_a", "Koo Byoungsam", cluster="name:koobyoungsam"),
        sm("doc_b", "Koo Byoungsahm", cluster="name:koobyoungsahm"),
        sm("doc_a", "Hwasong-17", "EQUIPMENT", cluster="name:hwasong17"),
        sm("doc_b", "Hwasong-18", "EQUIPMENT", cluster="name:hwasong18"),
    ]
    entities, _ = merge_entities(mentions)
    assert sorted(e.aliases for e in entities) == [
        ("Hwasong-17",),
        ("Hwasong-18",),
        ("Koo Byoungsahm", "Koo Byoungsam"),
    ]


def test_two_kb_entries_are_never_merged_through_a_variant() -> None:
    mentions = [
        sm("doc_a", "Kim Jong-il", kb_entry="person/kim-jong-il"),
        sm("doc_b", "Kim Jong-un", kb_entry="person/kim-jong-un"),
        sm("doc_c", "Kim Jong-ul", cluster="name:kimjongul"),
    ]
    entities, _ = merge_entities(mentions)
    assert {e.kb_id for e in entities} >= {"Q56226"}
    assert len([e for e in entities if e.name.startswith("Kim Jong-")]) >= 2


def test_a_lone_surname_joins_the_only_full_name_that_ends_with_it() -> None:
    mentions = [
        sm("doc_a", "Jan Novak", cluster="name:jannovak"),
        sm("doc_b", "Novak", cluster="name:novak"),
        sm("doc_b", "Lee", cluster="name:lee"),
        sm("doc_c", "Lee Min-ho", cluster="name:leeminho"),
        sm("doc_c", "Lee Jun-seo", cluster="name:leejunseo"),
    ]
    entities, _ = merge_entities(mentions)
    by_name = {e.name: e for e in entities}
    assert by_name["Jan Novak"].aliases == ("Jan Novak", "Novak")
    assert "Lee" in by_name  # two full names end with it: left alone


def test_merge_is_deterministic_and_order_free() -> None:
    mentions = [
        sm("doc_a", "Koo Byoungsam", cluster="name:koobyoungsam"),
        sm("doc_b", "Koo Byoungsahm", cluster="name:koobyoungsahm"),
        sm("doc_b", "Moscou", "COUNTRY", kb_entry="country/RUS"),
        sm("doc_a", "Russie", "COUNTRY", kb_entry="country/RUS"),
    ]
    first = merge_entities(mentions)
    again = merge_entities(list(reversed(mentions)))
    assert first[0] == again[0] and sorted(first[1]) == sorted(again[1])
