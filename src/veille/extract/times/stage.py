"""Time expressions: found by a per-language grammar, normalised TimeML-style (TIMEX3).

    extract_times(doc_or_text, language, published) -> list[TimeExpression]
    nlp.add_pipe("veille_times")     # reads doc._.published, writes doc._.times

1. fold the text (accents, apostrophes, dashes, spaces, case; one character for one);
2. find the hot words (digits, month names, "hier", units …) and try every rule of the
   language's grammar (``veille/data/time/<lang>.toml``) at the token starts just before them;
   keep the longest matches, leftmost first; ``ignore`` rules win spans that are not times
   ("87 ans,");
3. extend each match to the left over modifiers ("plus de", "début", "vers");
4. normalise in text order against the publication date, carrying the reference date (the
   last day-level date, for "le lendemain", "à 18 h") and the tense of the clause (from the
   parse when there is one, else from cue words) for weekdays and dates without a year.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from veille.extract.times.calendar import Anchor, Normal
from veille.extract.times.lexicon import Grammar, Rule, fold, load_grammar, lower, word_key
from veille.extract.times.normalise import Context, Fields, normalise
from veille.records import PubDate, TimeExpression, TimeType

__all__ = ["TimesComponent", "extract_times", "make_times"]

if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)
if not Doc.has_extension("times"):
    Doc.set_extension("times", default=None)

_DAY_VALUE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?![\dW])")
_SENTENCE_ENDS = ".!?;\n"
_PREFIX_REACH = 40  # characters before a match searched for modifiers
_RULE_REACH = 40  # characters from the start of a rule's match to its first hot word
_TOKEN = re.compile(r"\b\w|[^\w\s]")
_CLOCK = re.compile(r"T\d\d:\d\d$")
_ADJACENT = re.compile(r"[\s,]*(?:\w{1,3}[\s,]+)?")  # ", ", " on ", ", le "
_TYPES: dict[str, TimeType] = {"DATE": "DATE", "TIME": "TIME", "DURATION": "DURATION", "SET": "SET"}


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    rule: Rule
    groups: dict[str, str | None]
    extra: dict[str, str | None]


def extract_times(
    doc_or_text: Doc | str, language: str, published: PubDate | None = None
) -> list[TimeExpression]:
    """Time expressions of a text (or a spaCy Doc, whose parse then hints at tenses), sorted by
    start, with values resolved against the publication date."""
    text = doc_or_text if isinstance(doc_or_text, str) else doc_or_text.text
    grammar = load_grammar(language)
    if grammar is None or not text:
        return []
    folded = fold(text)
    low = lower(folded)
    matches = _extend(grammar, low, _select(_candidates(grammar, low, folded)))
    tenses = _Tenses(grammar, low, None if isinstance(doc_or_text, str) else doc_or_text)
    ctx = Context(Anchor.from_pubdate(published))
    found: list[tuple[_Match, Normal]] = []
    for match in matches:
        ctx.direction = tenses.direction(match.start, match.end)
        normal = normalise(Fields(grammar, match.rule, match.groups, match.extra), ctx)
        if normal is None:
            continue
        found.append((match, normal))
        ctx.ref = _day_of(normal.value) or ctx.ref
        ctx.last = _anchor_of(normal) or ctx.last
    return [_record(text, m, n) for m, n in _clock_before_day(folded, found)]


def _clock_before_day(
    folded: str, found: list[tuple[_Match, Normal]]
) -> list[tuple[_Match, Normal]]:
    """A clock time written just before its day ("vers 0 h 40, jeudi") takes that day."""
    out = list(found)
    for i, ((m, n), (after, later)) in enumerate(itertools.pairwise(found)):
        day = _day_of(later.value)
        clock = _CLOCK.search(n.value)
        if m.rule.kind != "time" or day is None or clock is None:
            continue
        if _ADJACENT.fullmatch(folded, m.end, after.start):
            value = day.isoformat() + clock.group()
            out[i] = (m, Normal(value, n.type, n.mod, later.anchored, later.note))
    return out


def _record(text: str, match: _Match, normal: Normal) -> TimeExpression:
    return TimeExpression(
        start=match.start,
        end=match.end,
        text=text[match.start : match.end],
        value=normal.value,
        type=_TYPES.get(normal.type, "DATE"),
        mod=normal.mod,
        anchored=normal.anchored,
        note=normal.note,
    )


def _anchor_of(normal: Normal) -> Anchor | None:
    """A date of the text as the anchor of "l'année suivante": year, month or day."""
    if normal.type not in ("DATE", "TIME"):
        return None
    m = _DATE_VALUE.match(normal.value)
    if not m:
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    if day is not None and _day_of(normal.value) is None:
        day = None
    return Anchor(year, month, day)


def _day_of(value: str) -> dt.date | None:
    m = _DAY_VALUE.match(value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _candidates(grammar: Grammar, low: str, folded: str) -> list[_Match]:
    """Every match of every rule, tried at the token starts shortly before a hot word, that
    passes the rule's case checks."""
    found: list[_Match] = []
    positions = _starts(grammar, low)
    for rule in grammar.rules:
        match = rule.regex.match
        for pos in positions:
            m = match(low, pos)
            if m is not None and m.end() > pos and _cased(grammar, rule, m, folded):
                found.append(_Match(pos, m.end(), rule, m.groupdict(), {}))
    return found


def _starts(grammar: Grammar, low: str) -> list[int]:
    """Token starts (words and punctuation) up to ``_RULE_REACH`` characters before a hot word:
    no rule starts farther from its first digit or strong word ("il y a quelques semaines")."""
    tokens = [m.start() for m in _TOKEN.finditer(low)]
    chosen: set[int] = set()
    for hot in grammar.hot.finditer(low):
        lo = bisect.bisect_left(tokens, hot.start() - _RULE_REACH)
        hi = bisect.bisect_right(tokens, hot.start())
        chosen.update(tokens[lo:hi])
    return sorted(chosen)


def _cased(grammar: Grammar, rule: Rule, m: re.Match[str], folded: str) -> bool:
    if rule.case is not None and not rule.case.match(folded, m.start()):
        return False
    return all(
        folded[m.start(name)].isupper()
        for name, surface in m.groupdict().items()
        if surface and word_key(surface) in grammar.capitalised
    )


def _select(candidates: list[_Match]) -> list[_Match]:
    """Longest matches first, earlier rules first between equal spans; no overlaps. Matches of
    ``ignore`` rules take their span and are then dropped."""
    ranked = sorted(candidates, key=lambda m: (m.start - m.end, m.rule.order, m.start))
    taken = bytearray(max((m.end for m in candidates), default=0))  # 1 where a match lies
    kept: list[_Match] = []
    for m in ranked:
        if taken.find(1, m.start, m.end) >= 0:
            continue
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        if m.rule.kind != "ignore":
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _extend(grammar: Grammar, folded: str, matches: list[_Match]) -> list[_Match]:
    """Take in the modifiers written just before a match ("plus de", "fin", "vers")."""
    out: list[_Match] = []
    floor = 0
    for m in matches:
        best: re.Match[str] | None = None
        for prefix in grammar.prefixes:
            if m.rule.kind not in prefix.kinds:
                continue
            hit = prefix.regex.search(folded, max(floor, m.start - _PREFIX_REACH), m.start)
            if hit and hit.start() >= floor and (best is None or hit.start() < best.start()):
                best = hit
        if best is not None and best.start() < m.start:
            m = _Match(best.start(), m.end, m.rule, m.groups, best.groupdict())
        out.append(m)
        floor = m.end
    return out


_CUE_WINDOW = 40  # characters between a tense cue word and the expression it can govern


class _Tenses:
    """Whether the clause of an expression speaks of the future (+1), the past (-1) or the
    present (0): the cue word nearest to it ("depuis", "prévu", "will"), else the morphology of
    its governing verb when the Doc is parsed, else the verb forms nearest to it ("sera")."""

    def __init__(self, grammar: Grammar, folded: str, doc: Doc | None) -> None:
        self.grammar = grammar
        self.folded = folded
        self.doc = doc if doc is not None and doc.has_annotation("MORPH") else None

    def direction(self, start: int, end: int) -> int | None:
        lo, hi = self._sentence(start, end)
        g = self.grammar
        # Cue words govern the expression ("prévu le 7", "until Friday"): far away, they belong
        # to another clause ("chargés le 7 septembre … transportés jusqu'à Dounaï").
        words = self._cue(g.future_words, g.past_words, lo, hi, start, end, window=_CUE_WINDOW)
        if words is not None:
            return words
        morph = self._morph(start, end)
        if morph:
            return morph
        forms = self._cue(g.future_forms, g.past_forms, lo, hi, start, end)
        return forms if forms is not None else morph

    def _sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around an expression, by punctuation: the parser's sentences break
        on headlines in capitals ("LA FÊTE DIMANCHE.") and join across quotes."""
        text = self.folded
        lo = max(text.rfind(ch, 0, start) for ch in _SENTENCE_ENDS) + 1
        ends = [i for i in (text.find(ch, end) for ch in _SENTENCE_ENDS) if i >= 0]
        return lo, min(ends, default=len(text))

    def _cue(
        self,
        future: re.Pattern[str] | None,
        past: re.Pattern[str] | None,
        lo: int,
        hi: int,
        start: int,
        end: int,
        window: int | None = None,
    ) -> int | None:
        """The direction of the cue nearest to the expression in its sentence (and within
        ``window`` characters of it, when given)."""
        best: tuple[int, int] | None = None  # (distance, direction)
        for pattern, sign in ((future, 1), (past, -1)):
            if pattern is None:
                continue
            for m in pattern.finditer(self.folded, lo, hi):
                if start <= m.start() < end:
                    continue  # the expression's own words
                distance = start - m.end() if m.end() <= start else m.start() - end
                if window is not None and distance > window:
                    continue
                if best is None or distance < best[0]:
                    best = (distance, sign)
        return None if best is None else best[1]

    def _morph(self, start: int, end: int) -> int | None:
        if self.doc is None:
            return None
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        token = span.root
        for _ in range(8):
            outside = not (start <= token.idx < end)
            if outside and token.pos_ in ("VERB", "AUX") and not self._adjectival(token):
                return self._verb(token)
            if token.head.i == token.i:
                return None
            token = token.head
        return None

    def _verb(self, verb: Any) -> int | None:
        auxes = [c for c in verb.children if c.dep_.startswith("aux")]
        for t in [*auxes, verb]:
            if "Fut" in t.morph.get("Tense"):
                return 1
        participle = "Part" in verb.morph.get("VerbForm")
        for t in [*auxes, verb]:
            if "Cnd" in t.morph.get("Mood") or self._conditional(t):
                return -1 if participle else 1
        if "Inf" in verb.morph.get("VerbForm"):
            head = verb.head
            if head.i != verb.i and head.lemma_.lower() in self.grammar.future_lemmas:
                return 1
            return None
        if participle:
            # "a été opéré" (a perfect auxiliary) is past; "est fixée" (passive only) has the
            # tense of its auxiliary.
            if any(a.dep_ != "aux:pass" for a in auxes):
                return -1
            if verb.lemma_.lower() in self.grammar.perfect_with_be:
                return -1  # the parse reads "sont intervenus" as a passive present
            return self._tense(auxes[0]) if auxes else -1
        return self._tense(verb)

    @staticmethod
    def _adjectival(token: Any) -> bool:
        """A participle without auxiliary ("législatives anticipées") carries no tense."""
        if "Part" not in token.morph.get("VerbForm"):
            return False
        return not any(c.dep_.startswith("aux") for c in token.children)

    @staticmethod
    def _tense(token: Any) -> int | None:
        tense = token.morph.get("Tense")
        if "Past" in tense or "Imp" in tense:
            return -1
        return 0 if "Pres" in tense else None

    def _conditional(self, token: Any) -> bool:
        """spaCy's French model often tags the conditional as an imperfect: "rendrait" is the
        future stem ("rendr") + an imperfect ending, "déclarait" is not."""
        form = token.text.lower()
        lemma = token.lemma_.lower()
        for ending in self.grammar.conditional_endings:
            if form.endswith(ending) and len(form) > len(ending):
                stem = form[: -len(ending)]
                if stem in (lemma, lemma[:-1]) or stem in self.grammar.future_stems:
                    return True
        return False


class TimesComponent:
    """spaCy component: ``doc._.times`` from the text and ``doc._.published``."""

    def __init__(self, language: str = "", preload: str = "") -> None:
        self.language = language
        if language or preload:
            load_grammar(language or preload)  # compile once, at pipeline construction

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published if isinstance(doc._.published, PubDate) else PubDate()
        doc._.times = extract_times(doc, self.language or doc.lang_, published)
        return doc


@Language.factory("veille_times", assigns=["doc._.times"], default_config={"language": ""})
def make_times(nlp: Language, name: str, language: str) -> TimesComponent:
    """``language`` overrides ``doc.lang_`` (empty: each Doc's own language)."""
    return TimesComponent(language, preload=str(nlp.lang or ""))
