"""Sentence boundaries of the French pipeline: never inside a hyphenated or elided word.

Sentences written for these tests. Each must come out as the number of sentences given,
and no sentence may start right after a hyphen or an apostrophe.
"""

from __future__ import annotations

import pytest

from veille.nlp import load_pipeline
from veille.settings import Settings

ROWS = [
    ("Le dirigeant Kim Il-sung a fondé le régime en 1948, selon les historiens.", 1),
    (
        "La délégation a fleuri la statue de Kim Il-sung, puis elle est repartie.",
        1,
    ),
    ("Kim Jong-Un a visité une usine de moteurs mardi. Il a félicité les ouvriers.", 2),
    (
        "Ils promettent une coopération militaro-technique. Aucun accord n'a été publié.",
        2,
    ),
    ("Selon l'état-major interarmées de Séoul, le projectile a parcouru 600 kilomètres.", 1),
    ("Jean-Yves Martin, porte-parole du ministère, a refusé de commenter.", 1),
    ("Le missile a-t-il vraiment atteint l'espace ? Personne ne peut le confirmer.", 2),
    ("Ce sera peut-être la dernière visite du ministre avant l'été.", 1),
    ("Le sous-marin est entré au port le 2023-07-28 au matin après un long exercice.", 1),
    ("Le vice-ministre sud-coréen a rencontré son homologue nippon à Tokyo.", 1),
]


@pytest.fixture(scope="module")
def nlp() -> object:
    return load_pipeline("fr", Settings()).nlp


@pytest.mark.parametrize(("text", "count"), ROWS, ids=[r[0][:40] for r in ROWS])
def test_no_sentence_starts_inside_a_word(nlp: object, text: str, count: int) -> None:
    doc = nlp(text)  # type: ignore[operator]
    starts = [s.start for s in doc.sents]
    for i in starts[1:]:
        assert doc[i - 1].whitespace_, f"split inside {doc[i - 1].text!r}+{doc[i].text!r}"
    assert len(starts) == count, [s.text for s in doc.sents]


def test_a_line_break_still_ends_a_sentence(nlp: object) -> None:
    doc = nlp("Moscou et Pyongyang signent un traité\nLe texte prévoit une aide mutuelle.")  # type: ignore[operator]
    assert len(list(doc.sents)) == 2
