"""Numeric facts: the ``veille_quantities`` spaCy component and ``extract_quantities``.

``extract_quantities(doc, language)`` runs the stage on a spaCy ``Doc``:

1. scan numbers written with digits ("12 000", "12.000", "12,000", "10,8"), in words
   (text2num: "vingt-cinq", "deux cents"), as vague plurals ("des milliers") or approximate
   nouns ("une cinquantaine");
2. drop numbers that state no fact: inside a date or set of ``doc._.times`` ("le 13
   septembre 2023", "il y a trois ans"), ordinals, model names ("Su-35"), labels ("résolution
   1718"), dates, phone numbers, anaphoric "les deux";
3. shape expressions: scale words ("3,5 millions"), ranges ("entre 3 et 5"), units and money
   ("6 %", "10,8 billions de roubles", "$2 million"), bounds ("plus de", "environ");
4. find what each counts (the dependency parse if the pipeline has one, token heuristics
   otherwise) and drop frequencies ("deux fois") and years; durations stay ("trois
   jours", "une journée": value 3 or 1, counted "jours", "journée");
5. attach the time expression of the same clause (of the same sentence without a parse).

The words of each step come from ``veille/data/quantities/<language>.toml``.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from veille.extract.quantities.counted import (
    Counted,
    Token,
    Tokens,
    attach_time,
    counted_phrase,
    is_plural,
)
from veille.extract.quantities.filters import Blocked, blocked_spans, is_fact, is_fact_number
from veille.extract.quantities.lexicon import Lexicon, load_lexicon, norm
from veille.extract.quantities.numbers import scan_numbers
from veille.extract.quantities.shape import Draft, bound_after, shape
from veille.records import Quantity, TimeExpression

__all__ = ["QuantityExtractor", "doc_times", "extract_quantities", "make_quantities"]

if not Doc.has_extension("quantities"):
    Doc.set_extension("quantities", default=None)


def extract_quantities(
    doc: Any, language: str | None = None, *, lexicon: Lexicon | None = None
) -> list[Quantity]:
    """Numeric facts of a spaCy Doc, sorted by start. ``language`` (default: the Doc's) picks
    the lexicon data file; ``lexicon`` gives one directly (see ``build_lexicon``)."""
    lex = lexicon or load_lexicon(language or str(doc.lang_))
    tokens = Tokens(doc)
    text = tokens.text
    times = doc_times(doc)
    # a duration ("trois jours", "pendant une semaine") is also a count; dates and sets
    # ("il y a trois ans", "deux fois par an") hold no numeric fact
    spans = [(t.start, t.end) for t in times if t.type != "DURATION"]
    blocked = blocked_spans(text, lex, spans)
    numbers = [n for n in scan_numbers(text, lex) if is_fact_number(n, text, lex, blocked)]
    drafts = shape(numbers, text, lex)
    found: list[Quantity] = []
    for i, draft in enumerate(drafts):
        limit = drafts[i + 1].start if i + 1 < len(drafts) else len(text)
        quantity = _finish(draft, limit, tokens, lex, blocked, times)
        if quantity is not None and (not found or found[-1].end <= quantity.start):
            found.append(quantity)
    return found


def doc_times(doc: Any) -> list[TimeExpression]:
    """The time expressions ``veille_times`` left on the Doc, if that component ran."""
    if not Doc.has_extension("times"):
        return []
    value = doc._.times
    return [t for t in value or [] if isinstance(t, TimeExpression)]


def _finish(
    draft: Draft,
    limit: int,
    tokens: Tokens,
    lex: Lexicon,
    blocked: Blocked,
    times: list[TimeExpression],
) -> Quantity | None:
    text = tokens.text

    def stop(token: Token) -> bool:
        end = token.idx + len(token.text)
        return bool(end > limit or blocked.overlaps(token.idx, end))

    counted = None
    if draft.countable:
        counted = counted_phrase(
            tokens, draft.counted_from, draft.unit_end, lex, stop, measure=draft.measure
        )
    plural = counted is not None and is_plural(counted.head, tokens, lex)
    if not is_fact(draft, _head_text(counted), plural, text, lex):
        return None
    end = max(draft.end, counted.end if counted else draft.end, draft.unit_end or draft.end)
    bound, value_max, value = draft.bound, draft.value_max, draft.value
    if counted is not None and norm(str(counted.head.text)) in lex.durations:
        offset_before = lex.offset_before.search(text, max(0, draft.start - 24), draft.start)
        if lex.time_offsets.match(text, end) or offset_before:
            return None  # "trois jours après", "il y a deux ans": a time offset, not a length
        half = lex.half.match(text, end)
        if half and draft.bound != "range":
            value, end = value + 0.5, half.end()  # "une heure et demie"
    after = bound_after(draft, end, text, lex)
    if after is not None and after[1] <= limit:
        bound, end = after
    anchor = counted.head if counted else tokens.covering(draft.first.start)
    return Quantity(
        start=draft.start,
        end=end,
        text=text[draft.start : end],
        value=value,
        bound=bound,
        value_max=value_max,
        unit=draft.unit,
        counted=text[counted.start : counted.end] if counted else None,
        counted_start=counted.start if counted else None,
        counted_end=counted.end if counted else None,
        time=attach_time(tokens, anchor, (draft.start, end), times, lex),
    )


def _head_text(counted: Counted | None) -> str | None:
    return None if counted is None else str(counted.head.text)


class QuantityExtractor:
    """The pipeline component: sets ``doc._.quantities`` to a list of records.Quantity."""

    def __init__(self, language: str) -> None:
        self.language = language
        load_lexicon(language)  # fail at pipeline build time, not on the first document

    def __call__(self, doc: Any) -> Any:
        doc._.quantities = extract_quantities(doc, self.language)
        return doc


@Language.factory(
    "veille_quantities",
    assigns=["doc._.quantities"],
    default_config={"language": None},
)
def make_quantities(nlp: Language, name: str, language: str | None) -> QuantityExtractor:
    """``nlp.add_pipe("veille_quantities")``; run it after ``veille_times`` to use its times."""
    return QuantityExtractor(language or str(nlp.lang))
