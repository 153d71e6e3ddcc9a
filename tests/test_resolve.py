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
