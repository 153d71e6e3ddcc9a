from __future__ import annotations

from veille.extract.published import infer_published
from veille.records import PubDate, TimeExpression

from .conftest import parser


def timex(text: str, sentence: str, value: str, anchored: bool = False) -> TimeExpression:
    start = sentence.index(text)
    return TimeExpression(start, start + len(text), text, value, "DATE", anchored=anchored)


def test_known_dates_are_kept() -> None:
    known = PubDate("2023-09", "month", "metadata")
    assert infer_published(known, [timex("2024", "en 2024", "2024")]) is known


def test_latest_past_date_bounds_an_undated_article() -> None:
    nlp = parser("fr")
    text = (
        "Le sommet a eu lieu le 13 septembre 2023. Une première visite datait de 2019. "
        "Le pays va encore augmenter sa production en 2026. Il partira mardi."
    )
    sdoc = nlp(text)
    times = [
        timex("13 septembre 2023", text, "2023-09-13"),
        timex("2019", text, "2019"),
        timex("2026", text, "2026"),
        timex("mardi", text, "XXXX-WXX-2", anchored=False),
    ]
    inferred = infer_published(PubDate(), times, sdoc)
    # a lower bound only: the article stays undated
    assert inferred == PubDate(after="2023-09-13")
    assert inferred.value is None and inferred.precision == "unknown"


def test_nothing_to_infer_from() -> None:
    assert infer_published(PubDate(), []) == PubDate()
