"""Events: the ``veille_events`` spaCy component and ``extract_events``.

``extract_events(doc, language)`` runs the stage on a spaCy ``Doc``:

1. find triggers: lexicon lemmas of an ontology type that are real event mentions
   (``event_triggers`` on a parse, ``event_blank`` on word forms without one); nouns with a
   demonstrative ("cette visite") refer back to an event already found, and a trigger inside
   a time expression ("quelques heures avant la rencontre") dates another: both left out;
2. read arguments: agent, recipient, target, item, location, participant
   (``event_arguments``); coordinated agents of some types give one event each;
3. give each event its own time from ``doc._.times`` (``event_time``): attached to it, or
   in its clause, never the publication date;
4. set modality (``event_modality``): negated, hypothetical, planned, else actual; an
   actual event whose time is after publication is planned;
5. point to the claim of ``doc._.claims`` whose content holds the trigger (innermost), or
   whose cue is the trigger ("Pyongyang dément …");
6. add a DENY event for each denial claim whose cue is no trigger ("avait assuré que le pays
   n'avait jamais exporté …"), its speaker as agent (not an ACCUSE event for each "allege"
   claim: most report suspicions rather than make an accusation);
7. let an event without a time inherit the previous sentence's when its sentence continues
   the same narrative ("lors de cette visite", "ensuite"), unless it is not actual;
8. date an actual event told in the perfect or simple past, still without a time, from the document
   (``_document_times``): the one day-precise date of its sentence (a report of what
   happened that day: "Moscou a abattu trois drones, a annoncé lundi le ministère"), or, in
   the lead sentence (the first with verb events, followed by at least two more) told in
   the perfect ("a livré", "est arrivé"), the publication day when it is known to the day:
   a news lead tells what just happened.

It works without ``doc._.times`` and ``doc._.claims`` (no times, no claims). Words and cues
come from ``veille/data/events/`` (``triggers.tsv`` and ``<language>.toml``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Any

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc

from veille.extract.events.anaphora import Antecedents
from veille.extract.events.arguments import agent_arguments, argument, named, other_arguments
from veille.extract.events.blank import blank_agents, blank_arguments, blank_triggers, in_aside
from veille.extract.events.lexicon import EventLexicon, load_lexicon
from veille.extract.events.modality import blank_modality, parsed_modality
from veille.extract.events.phrases import PhraseMatcher, span_text
from veille.extract.events.time import TimeSlot, choose_times, claim_of, place_times
from veille.extract.events.triggers import Trigger, find_triggers, lemma
from veille.records import Claim, Event, EventArgument, Modality, PubDate, TimeExpression

__all__ = ["EventExtractor", "extract_events", "make_events"]

for _name in ("times", "claims", "events", "published"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

_CLAIM_TYPES = {"deny": "DENY"}  # an "allege" claim is often a mere report, not an accusation
_CALENDAR = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")  # comparable with a publication date
_SAME_NAME = 80  # rapidfuzz ratio from which two agents' last words name the same one
_TERMINAL = {".", "!", "?", "…", "»", '"', "”", ")"}


@dataclass(frozen=True)
class _Draft:
    trigger: Trigger
    agents: tuple[EventArgument, ...]  # one event per agent (or one without)
    arguments: tuple[EventArgument, ...]
    times: tuple[str, ...]  # one event per time (or one without)
    modality: Modality
    claim: int | None
    sentence: int
    continues: bool  # the sentence continues the previous one's narrative
    nominal: bool = False  # the trigger is a noun ("la visite de Choïgou")


def extract_events(doc: Any, language: str | None = None) -> list[Event]:
    """Events of a spaCy Doc, sorted by trigger start; ``language`` defaults to the Doc's."""
    lex = load_lexicon(language or str(doc.lang_))
    claims = _doc_claims(doc)
    context = _Context(doc, lex, claims, place_times(doc, _doc_times(doc)))
    drafts = context.parsed() if doc.has_annotation("DEP") else context.blank()
    drafts = _with_claim_events(context, drafts)
    drafts = _inherit_times(context, drafts)
    drafts = _document_times(context, drafts)
    return _events(drafts, str(doc.text))


class _Context:
    """One document's tokens, lexicon, claims, time slots and sentences."""

    def __init__(self, doc: Any, lex: EventLexicon, claims: list[Claim], slots: list[TimeSlot]):
        self.doc = doc
        self.lex = lex
        self.claims = claims
        self.slots = slots
        self.sentences = _sentences(doc)
        self.sentence_of = {
            i: k for k, (start, end) in enumerate(self.sentences) for i in range(start, end)
        }
        self.published = _published(doc)
        self.time_tokens = {i for s in slots for i in range(s.first, s.last + 1)}
        self.cues = self._continuation_cues()
        starts = [
            doc[start].idx if start < len(doc) else len(doc.text) for start, _ in self.sentences
        ]
        self.antecedents = Antecedents(
            doc, lex, lambda char: max(0, bisect.bisect_right(starts, char) - 1)
        )

    def parsed(self) -> list[_Draft]:
        doc, lex = self.doc, self.lex
        found = find_triggers(doc, lex, self.time_tokens)
        triggers = [t for t in found if not self._anaphoric(doc[t.head]) and not self._dating(t)]
        heads = [t.head for t in triggers]
        drafts = []
        for trigger in triggers:
            head = doc[trigger.head]
            same = [h for h in heads if self._same(h, head.i)]
            slots = self._times_for(head, same, True, trigger.type)
            agents = agent_arguments(head, trigger.type, lex, self.time_tokens)
            skip = self.time_tokens | {t.i for a in agents for t in _tokens(doc, a.start, a.end)}
            arguments = other_arguments(head, trigger.type, lex, skip)
            nominal = head.pos_ == "NOUN"
            plural = nominal and "Plur" in head.morph.get("Number")
            draft = self._draft(
                trigger, agents, arguments, slots, plural, parsed_modality(head, lex)
            )
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")]
            carried = any(c.lower_ in lex.continuation_pronouns for c in subjects)
            drafts.append(replace(draft, nominal=nominal, continues=draft.continues or carried))
        return _drop_restated(drafts)

    def blank(self) -> list[_Draft]:
        doc, lex = self.doc, self.lex
        drafts = []
        triggers = blank_triggers(doc, lex)
        heads = [t.head for t in triggers]
        for trigger in triggers:
            agents = [self._span_arg("agent", s, e) for s, e in blank_agents(doc, trigger, lex)]
            slots = self._times_for(doc[trigger.head], heads, False, trigger.type)
            last = (_tokens(doc, trigger.start, trigger.end) or [doc[trigger.head]])[-1].i
            modality = blank_modality(doc, trigger.head, last, lex)
            arguments = blank_arguments(doc, trigger, lex)
            drafts.append(self._draft(trigger, agents, arguments, slots, False, modality))
        return drafts

    def cue_draft(self, index: int, claim: Claim, kind: str) -> _Draft | None:
        """A DENY event from a denial claim's cue and speaker."""
        doc = self.doc
        span = doc.char_span(claim.cue_start, claim.cue_end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        head = span.root
        parsed = doc.has_annotation("DEP")
        if parsed and head.pos_ not in ("VERB", "NOUN"):
            return None  # "selon X" reports, it does not accuse
        trigger = Trigger(kind, head.i, claim.cue_start, claim.cue_end, lemma(head))
        agents = [] if claim.speaker_start is None else [self._speaker(claim)]
        slots = self._times_for(head, [head.i], parsed, kind)
        modality = (
            parsed_modality(head, self.lex)
            if parsed
            else blank_modality(doc, span.start, span.end - 1, self.lex)
        )
        draft = self._draft(trigger, agents, [], slots, False, modality)
        return replace(draft, claim=index)

    def _draft(
        self,
        trigger: Trigger,
        agents: list[EventArgument],
        arguments: list[EventArgument],
        slots: list[TimeSlot],
        plural: bool,
        modality: Modality,
    ) -> _Draft:
        values = tuple(dict.fromkeys(s.expr.value for s in (slots if plural else slots[:1])))
        if modality == "actual" and any(self._future(v) for v in values):
            modality = "planned"
        return _Draft(
            trigger,
            tuple(self.antecedents.resolve(a) for a in agents),
            tuple(arguments),
            values,
            modality,
            self._claim(trigger),
            self.sentence_of.get(trigger.head, 0),
            self._continues(trigger),
        )

    def _times_for(self, head: Any, heads: list[int], parsed: bool, kind: str) -> list[TimeSlot]:
        k = self.sentence_of.get(head.i)
        own = [s for s in self.slots if self.sentence_of.get(s.root) == k]
        if not parsed:
            own = [s for s in own if not in_aside(self.doc, s.first, s.last, self.lex)]
        speech = kind in self.lex.role_words("speech_types")
        return choose_times(self.doc, head, own, heads or [head.i], self.claims, parsed, speech)

    def _speaker(self, claim: Claim) -> EventArgument:
        """The speaker as agent: on a parse, the phrase of its head, titles giving way."""
        start, end = claim.speaker_start or 0, claim.speaker_end or 0
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0 or not self.doc.has_annotation("DEP"):
            return self._span_arg("agent", start, end, True)
        return argument("agent", named(span.root), self.lex, self.time_tokens)

    def _same(self, a: int, b: int) -> bool:
        return self.sentence_of.get(a) == self.sentence_of.get(b)

    def _span_arg(self, role: str, start: int, end: int, chars: bool = False) -> EventArgument:
        doc = self.doc
        if not chars:
            start, end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        return EventArgument(role, start, end, span_text(doc, start, end))

    def _claim(self, trigger: Trigger) -> int | None:
        inside = claim_of(self.claims, trigger.start)
        if inside is not None:
            return inside
        for i, claim in enumerate(self.claims):
            if claim.cue_start < trigger.end and trigger.start < claim.cue_end:
                return i
        return None

    def _dating(self, trigger: Trigger) -> bool:
        """A trigger inside a time expression dates something else: "avant la rencontre"."""
        return trigger.head in self.time_tokens

    def _anaphoric(self, head: Any) -> bool:
        """ "cette visite" refers back to an event: no new one."""
        return head.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in self.lex.demonstratives for c in head.children
        )

    def _continues(self, trigger: Trigger) -> bool:
        """A continuation cue before the trigger in its sentence ("Ensuite", "lors de cette
        visite")."""
        start, _ = self.sentences[self.sentence_of.get(trigger.head, 0)]
        return any(start <= i < trigger.head for i in self.cues)

    def _continuation_cues(self) -> list[int]:
        """Where continuation phrases end, and demonstratives before an event noun."""
        doc, lex = self.doc, self.lex
        matcher = PhraseMatcher(doc, lambda t: {t.lower_.replace("’", "'")})
        found = set(matcher.ends(lex.continuation))
        for i in matcher.starts(lex.demonstratives):
            if i + 1 < len(doc) and lemma(doc[i + 1]) in lex.triggers:
                found.add(i + 1)
        return sorted(found)

    def _future(self, value: str) -> bool:
        if value == "FUTURE_REF":
            return True
        published = self.published
        if not published or not _CALENDAR.fullmatch(value[:10]):
            return False
        n = min(len(value), len(published), 10)  # "2024-04" against "2024-03-15"
        return value[:n] > published[:n]


def _tokens(doc: Any, start: int, end: int) -> list[Any]:
    found = doc.char_span(start, end, alignment_mode="expand")
    return list(found) if found is not None else []


def _drop_restated(drafts: list[_Draft]) -> list[_Draft]:
    """A noun naming again an event told before, same type and agent ("Choïgou a assisté …"
    then "la venue de Choïgou"), is the same event."""
    kept: list[_Draft] = []
    for draft in drafts:
        if draft.nominal and any(_same_event(earlier, draft) for earlier in kept):
            continue
        kept.append(draft)
    return kept


def _same_event(a: _Draft, b: _Draft) -> bool:
    if a.trigger.type != b.trigger.type or not a.agents or not b.agents:
        return False
    if b.times and a.times and b.times != a.times:
        return False
    return any(
        fuzz.ratio(_last_word(x.text), _last_word(y.text)) >= _SAME_NAME
        for x in a.agents
        for y in b.agents
    )


def _last_word(text: str) -> str:
    words = [w for w in text.replace("-", " ").split() if w[:1].isalpha()]
    return words[-1].casefold() if words else ""


def _with_claim_events(context: _Context, drafts: list[_Draft]) -> list[_Draft]:
    out = list(drafts)
    reporting = {c.parent for c in context.claims if c.parent is not None}
    for i, claim in enumerate(context.claims):
        kind = _CLAIM_TYPES.get(claim.stance)
        if kind is None or i in reporting:  # "cité par KCNA" reports the denial it holds
            continue
        covered = any(
            d.trigger.start < claim.cue_end
            and claim.cue_start < d.trigger.end
            and d.trigger.type in ("DENY", "ACCUSE")
            for d in out
        )
        if not covered:
            draft = context.cue_draft(i, claim, kind)
            if draft is not None:
                out.append(draft)
    return sorted(out, key=lambda d: (d.trigger.start, d.trigger.end))


def _inherit_times(context: _Context, drafts: list[_Draft]) -> list[_Draft]:
    """Events of a sentence that continues the previous one take its last time."""
    last_time: dict[int, str] = {}
    for slot in context.slots:
        if slot.expr.type in ("DATE", "TIME"):
            k = context.sentence_of.get(slot.root)
            if k is not None:
                last_time.setdefault(k, slot.expr.value)
    out = []
    assigned: dict[int, str] = {}
    for draft in drafts:
        k = draft.sentence
        previous = assigned.get(k - 1) or last_time.get(k - 1)
        if not draft.times and draft.modality == "actual" and draft.continues and previous:
            draft = replace(draft, times=(previous,))
        if draft.times:
            assigned[k] = draft.times[-1]
        out.append(draft)
    return out


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_PAST_AUX = {"avoir", "être", "have", "be"}
_ARTICLE = 3  # sentences from the lead on, at least, for a text to be read as a news article


def _document_times(context: _Context, drafts: list[_Draft]) -> list[_Draft]:
    """Step 8: times from the document for past events its clauses leave undated."""
    doc = context.doc
    if not doc.has_annotation("DEP"):
        return drafts  # tense is read from the parse
    days: dict[int, set[str]] = {}
    for slot in context.slots:
        if slot.expr.type == "DATE" and _DAY.fullmatch(slot.expr.value):
            k = context.sentence_of.get(slot.root)
            if k is not None:
                days.setdefault(k, set()).add(slot.expr.value)
    lead = min((d.sentence for d in drafts if not d.nominal), default=None)
    if lead is not None and len(context.sentences) - lead < _ARTICLE:
        lead = None  # a lone sentence or two is no article: no lead, no publication day
    published = context.published or ""
    out = []
    for draft in drafts:
        head = doc[draft.trigger.head]
        if draft.times or draft.modality != "actual" or draft.nominal:
            out.append(draft)
            continue
        own = days.get(draft.sentence, set())
        if len(own) == 1 and _past(head):
            draft = replace(draft, times=(next(iter(own)),))
        elif draft.sentence == lead and _perfect(head) and _DAY.fullmatch(published):
            draft = replace(draft, times=(published,))
        out.append(draft)
    return out


def _perfect(head: Any) -> bool:
    """Present of "avoir"/"être" + past participle: "a livré", "est arrivé"."""
    auxes = [c for c in head.children if c.dep_ in ("aux:tense", "aux")]
    return "Part" in head.morph.get("VerbForm") and any(
        lemma(a) in _PAST_AUX and "Pres" in a.morph.get("Tense") for a in auxes
    )


def _past(head: Any) -> bool:
    """A perfect or a simple past; not a pluperfect ("avait livré" is before the day its
    sentence names)."""
    if "Part" in head.morph.get("VerbForm"):
        return _perfect(head)
    return "Past" in head.morph.get("Tense") and "Fin" in head.morph.get("VerbForm")


def _events(drafts: list[_Draft], text: str) -> list[Event]:
    events: list[Event] = []
    seen: set[tuple[int, int, int | None, str | None]] = set()
    for d in drafts:
        for agent in d.agents or (None,):
            for time in d.times or (None,):
                key = (d.trigger.start, d.trigger.end, agent.start if agent else None, time)
                if key in seen:
                    continue
                seen.add(key)
                arguments = ((agent,) if agent else ()) + d.arguments
                events.append(
                    Event(
                        type=d.trigger.type,
                        trigger=text[d.trigger.start : d.trigger.end],
                        trigger_start=d.trigger.start,
                        trigger_end=d.trigger.end,
                        arguments=arguments,
                        time=time,
                        modality=d.modality,
                        claim=d.claim,
                    )
                )
    return sorted(events, key=lambda e: (e.trigger_start, e.trigger_end))


def _sentences(doc: Any) -> list[tuple[int, int]]:
    """Token ranges of sentences; a break the parser made inside a sentence (no final
    punctuation, no line break) is undone."""
    if len(doc) == 0:
        return [(0, 0)]
    if not doc.has_annotation("SENT_START"):
        return [(0, len(doc))]
    merged: list[tuple[int, int]] = []
    for sent in doc.sents:
        if merged and _open(doc, merged[-1][1]):
            merged[-1] = (merged[-1][0], sent.end)
        else:
            merged.append((sent.start, sent.end))
    return merged


def _open(doc: Any, end: int) -> bool:
    last = end - 1
    while last >= 0 and doc[last].is_space:
        if "\n" in doc[last].text:
            return False
        last -= 1
    if last < 0 or "\n" in doc[last].whitespace_:
        return False
    return doc[last].text not in _TERMINAL


def _doc_times(doc: Any) -> list[TimeExpression]:
    value = doc._.times if Doc.has_extension("times") else None
    return [t for t in value or [] if isinstance(t, TimeExpression)]


def _doc_claims(doc: Any) -> list[Claim]:
    value = doc._.claims if Doc.has_extension("claims") else None
    return [c for c in value or [] if isinstance(c, Claim)]


def _published(doc: Any) -> str | None:
    value = doc._.published if Doc.has_extension("published") else None
    if isinstance(value, PubDate):
        return value.value
    return value if isinstance(value, str) else None


class EventExtractor:
    """The pipeline component: sets ``doc._.events`` to a list of records.Event."""

    def __init__(self, language: str) -> None:
        self.language = language
        load_lexicon(language)  # fail at pipeline build time, not on the first document

    def __call__(self, doc: Any) -> Any:
        doc._.events = extract_events(doc, self.language)
        return doc


@Language.factory(
    "veille_events",
    assigns=["doc._.events"],
    default_config={"language": None},
)
def make_events(nlp: Language, name: str, language: str | None) -> EventExtractor:
    """``nlp.add_pipe("veille_events")``; run it after ``veille_times`` and ``veille_claims``."""
    return EventExtractor(str(language or nlp.lang))
