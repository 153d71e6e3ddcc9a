"""Copies across documents: duplicates and derived articles, on generated variants of one of
our example dispatches (the stress set), and never between independent articles of one story."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from veille.export import export_records
from veille.pipeline import RunSummary
from veille.records import Document, OffsetMap, PubDate
from veille.report import render_dossier
from veille.resolve.dedup import canonical_copies, copy_links, from_bytes, minhash, shingles
from veille.settings import Settings
from veille.store import SQLiteStore

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
BOILERPLATE = [
    "Partager sur Facebook",
    "Abonnez-vous à notre lettre d'information pour recevoir chaque matin l'essentiel",
    "Publicité",
    "Lire aussi : les marchés européens terminent la semaine en légère hausse",
]


def body(name: str) -> str:
    """The article text of an example file, without its key: value header."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    return text.split("\n\n", 1)[1] if re.match(r"^\w+: ", text) else text


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


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def paraphrase(sentence: str, rng: random.Random) -> str:
    """A rewording as a second outlet does it: words dropped and two clauses swapped."""
    words = sentence.split()
    kept = [w for i, w in enumerate(words) if i % 4 != 3]
    if len(kept) > 6:
        cut = rng.randrange(2, len(kept) - 2)
        kept = kept[cut:] + kept[:cut]
    return " ".join(kept)


def variants(text: str, seed: int = 7) -> dict[str, str]:
    rng = random.Random(seed)
    paras = paragraphs(text)
    reordered = paras[:]
    rng.shuffle(reordered)
    sentences = re.split(r"(?<=[.!?»])\s+", text)
    reworded = " ".join(paraphrase(s, rng) if i % 3 == 1 else s for i, s in enumerate(sentences))
    return {
        "reordered": "\n\n".join(reordered),
        "trimmed": "\n\n".join(paras[: max(2, len(paras) // 2)]),
        "reheadlined": "Exclusif : ce que Washington reproche à Pyongyang\n\n" + text,
        "boilerplate": "\n\n".join(p for para in paras for p in (para, rng.choice(BOILERPLATE))),
        "paraphrased": reworded,
        "all_at_once": "Nouveau titre\n\n"
        + "\n\n".join(paragraphs(reworded)[: max(2, len(paras) * 2 // 3)] + BOILERPLATE[:2]),
    }


def test_every_generated_variant_of_a_dispatch_is_linked_to_it() -> None:
    original = body("06_conteneurs_depeches.txt")
    docs = [doc("doc_original", original, "2023-10-13")]
    for i, (name, text) in enumerate(sorted(variants(original).items())):
        docs.append(doc(f"doc_{name}", text, f"2023-10-{14 + i}"))
    links = copy_links(docs, 0.7, 0.3, 5)
    linked = {
        lk.b if lk.a == "doc_original" else lk.a for lk in links if "doc_original" in (lk.a, lk.b)
    }
    assert linked == {d.id for d in docs[1:]}
    for lk in links:
        if lk.kind == "derived":
            assert lk.a == "doc_original" or lk.b != "doc_original"  # the original comes first
            assert 0.3 <= lk.score <= 1.0


def test_independent_articles_on_one_story_are_not_copies() -> None:
    names = sorted(p.name for p in CORPUS.glob("0[1-5]_*.txt"))
    docs = [doc(f"doc_{i}", body(name), "2023-09-13") for i, name in enumerate(names)]
    assert copy_links(docs, 0.7, 0.3, 5) == []


def test_the_original_is_the_earliest_dated_and_unknown_dates_come_last() -> None:
    text = body("06_conteneurs_depeches.txt")
    excerpt = "\n\n".join(paragraphs(text)[:3])
    docs = [doc("doc_a", excerpt, "2023-10-12"), doc("doc_b", text, "2023-10-13")]
    (link,) = copy_links(docs, 0.7, 0.3, 5)
    assert (link.kind, link.a, link.b) == ("derived", "doc_a", "doc_b")
    undated = [doc("doc_a", excerpt, None), doc("doc_b", text, "2023-10-13")]
    (link,) = copy_links(undated, 0.7, 0.3, 5)
    assert (link.a, link.b) == ("doc_b", "doc_a")
    assert canonical_copies(undated, [link]) == {"doc_a": "doc_b"}


def test_stored_signatures_are_used_instead_of_recomputed() -> None:
    text = body("06_conteneurs_depeches.txt")
    docs = [doc("doc_a", text, "2023-10-13"), doc("doc_b", text + " (avec agences)", "2023-10-14")]
    kept: dict[str, tuple[int, bytes]] = {}
    first = copy_links(docs, 0.7, 0.3, 5, on_new_signature=lambda d, n, v: kept.update({d: (n, v)}))
    assert set(kept) == {"doc_a", "doc_b"}
    fresh: list[str] = []
    again = copy_links(docs, 0.7, 0.3, 5, kept, lambda d, n, v: fresh.append(d))
    assert again == first and fresh == []
    assert from_bytes(kept["doc_a"][1]).jaccard(minhash(shingles(text, 5))) == pytest.approx(1.0)


def test_the_arms_accusation_and_its_denials_are_one_contested_proposition(
    corpus_run: tuple[Path, RunSummary],
) -> None:
    db, _ = corpus_run
    with SQLiteStore(db) as store:
        records = export_records(store)
        html = render_dossier(store)
    names = {e["id"]: e["name"] for e in records["entities"]}
    claims = {c["id"]: c for c in records["claims"]}
    arms = [
        p
        for p in records["propositions"]
        if p["type"] == "TRANSFER"
        and names.get(p["agent"]) == "Corée du Nord"
        and names.get(p["recipient"]) == "Russie"
        and "allege" in p["stances"]
    ]
    assert len(arms) == 1  # one contested shipment story, however many articles report it
    stances = arms[0]["stances"]
    alleging = {names.get(claims[c]["speaker_entity_id"]) for c in stances["allege"]}
    denying = {claims[c]["doc_id"] for c in stances["deny"]}
    assert alleging <= {"Maison-Blanche", "John Kirby"}
    assert len(denying) >= 4  # denied in the September and the October articles alike
    contradicts = [lk for lk in records["links"] if lk["kind"] == "contradicts"]
    assert contradicts and all(
        claims[lk["a"]]["stance"] in ("assert", "allege") and claims[lk["b"]]["stance"] == "deny"
        for lk in contradicts
    )
    assert 'id="contested"' in html and "Denied by" in html


def test_stories_and_links_do_not_depend_on_ingestion_batches(
    corpus_run: tuple[Path, RunSummary], settings: Settings
) -> None:
    from veille.pipeline import run_pipeline

    files = sorted(str(p) for p in CORPUS.iterdir() if p.name != "README.md")
    with SQLiteStore(":memory:") as store:
        run_pipeline(files[4:], store, settings)
        run_pipeline(files[:4], store, settings)
        batched = export_records(store)
    with SQLiteStore(corpus_run[0]) as store:
        whole = export_records(store)
    for kind in ("stories", "propositions", "links"):
        assert batched[kind] == whole[kind], kind
    assert [d["story_id"] for d in batched["documents"]] == [
        d["story_id"] for d in whole["documents"]
    ]
