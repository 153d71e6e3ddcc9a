"""Claims: who said what, through which cue, with which stance (issue #6).

``extract_claims(doc, language)`` reads one spaCy Doc; the ``veille_claims`` component runs
it in a pipeline and sets ``doc._.claims``. The cascade:

1. quotations («…», “…”, "…") and sentence bounds (``claim_text``);
2. reporting verbs, from the dependency parse when the language's lexicon declares UD labels
   and the Doc is parsed (French), else from token patterns (English, blank pipelines)
   (``claim_parse``, ``claim_patterns``); with a parse, reporting nouns too ("l'annonce, par
   X, de …", "les accusations de X selon lesquelles …") (``claim_nouns``);
3. prepositions: "selon X", "d'après X", "according to X", "Pour des experts, …";
4. clean-up: drop broken or repeated drafts, end a content before a coordinated attribution
   ("…, and officials said …"), nest a claim in the one whose content holds its cue;
5. subject clitics ("-t-on") trimmed; pronoun speakers resolved to an earlier speaker or
   person, demonstratives ("ce dernier", "celle-ci") to the last one named (``speakers``);
6. stance from cue, content and paragraph (``claim_stance``);
7. ``records.Claim`` records sorted by start, ``parent`` as an index into that list.

Offsets are characters of ``doc.text``; the speaker is given as written, and linking it to an
entity is left to later stages (span overlap with entity mentions).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from veille.extract.claims.lexicon import fold, load_lexicon
from veille.extract.claims.nouns import noun_drafts
from veille.extract.claims.parse import parse_drafts
from veille.extract.claims.patterns import pattern_drafts, preposition_drafts
from veille.extract.claims.speakers import clitic_speakers, resolve_pronouns, speaker_kind
from veille.extract.claims.stance import decide_stances
from veille.extract.claims.text import Context, Draft
from veille.records import Claim

__all__ = ["ClaimsComponent", "extract_claims", "make_claims"]

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


def extract_claims(doc: Any, language: str) -> list[Claim]:
    """Claims of a spaCy Doc (parsed or not) in a language, sorted by content start."""
    lex = load_lexicon(language)
    if not lex.verbs and not lex.source_preps:
        return []
    ctx = Context.build(doc, lex)  # 1
    drafts = parse_drafts(ctx) + noun_drafts(ctx) if ctx.parsed else pattern_drafts(ctx)  # 2
    drafts += preposition_drafts(ctx)  # 3
    drafts = _clean(ctx, drafts)  # 4
    clitic_speakers(ctx, drafts)  # 5
    resolve_pronouns(ctx, drafts)
    decide_stances(ctx, drafts)  # 6
    return _records(ctx, drafts)  # 7


class ClaimsComponent:
    """spaCy component: ``doc._.claims`` = ``extract_claims(doc, language)``."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, doc: Doc) -> Doc:
        doc._.claims = extract_claims(doc, self.language)
        return doc


@Language.factory(
    "veille_claims",
    assigns=["doc._.claims"],
    default_config={"language": ""},
)
def make_claims(nlp: Language, name: str, language: str) -> ClaimsComponent:
    """The claims stage; ``language`` defaults to the pipeline's own."""
    return ClaimsComponent(language or str(nlp.lang))


# --------------------------------------------------------------------------- clean-up


def _clean(ctx: Context, drafts: list[Draft]) -> list[Draft]:
    kept: list[Draft] = []
    seen: set[tuple[int, int, int, int | None]] = set()
    for draft in drafts:
        key = (draft.start, draft.end, draft.cue_start, draft.speaker and draft.speaker[0])
        if key in seen or not _sound(ctx, draft):
            continue
        seen.add(key)
        kept.append(draft)
    alive = set(map(id, kept))
    for draft in kept:
        if draft.parent is not None and id(draft.parent) not in alive:
            draft.parent = None
        if draft.stance_of is not None and id(draft.stance_of) not in alive:
            draft.stance_of = None
    _end_before_next_attribution(ctx, kept)
    _end_before_participle(ctx, kept)
    _adopt_antecedents(kept)
    _nest(kept)
    return [d for d in kept if d.end > d.start]


def _sound(ctx: Context, draft: Draft) -> bool:
    """A content that is not empty and holds neither its own cue nor its own speaker, from a
    speaker who is not "je"/"we" (the quoted words of someone else)."""
    if draft.end <= draft.start or draft.speaker is None:
        return False
    said_by = fold(ctx.text[draft.speaker[0] : draft.speaker[1]]).lstrip("-")
    quoted = ctx.inside_quote(draft.cue_start) is not None
    if said_by in ctx.lex.self_pronouns and (quoted or said_by not in ctx.lex.anonymous_pronouns):
        return False  # "nous", or "on" inside someone's quoted words
    inside = [(draft.cue_start, draft.cue_end), draft.speaker]
    return not any(draft.start < b and a < draft.end for a, b in inside)


def _end_before_next_attribution(ctx: Context, drafts: list[Draft]) -> None:
    """A content stops before another attribution it runs into: a coordinated one ("X said A,
    and officials have said B") or a late one ("X a affirmé que A, selon la transcription")."""
    for a in drafts:
        for b in drafts:
            if b is a or b.speaker is None or not a.start < b.speaker[0] < a.end:
                continue
            if not a.start < b.cue_start < a.end:
                continue
            if b.start < b.cue_start:  # a late attribution: its content is before its cue
                comma = ctx.skip_spaces_back(ctx.token_at(b.cue_start) - 1)
            else:
                conj = ctx.skip_spaces_back(ctx.token_at(b.speaker[0]) - 1)
                if ctx.word(conj) not in ctx.lex.coordinators:
                    continue
                comma = ctx.skip_spaces_back(conj - 1)
            if ctx.word(comma) == "," and ctx.doc[comma].idx > a.start:
                a.end = ctx.doc[comma].idx


def _end_before_participle(ctx: Context, drafts: list[Draft]) -> None:
    """ "a nié que A, ajoutant que B" / "denied A, adding that B": A stops at the comma; so
    it does before any cue of another claim right after a comma ("a démenti A, qualifiant
    ces informations de …", "…, en soulignant que …")."""
    cues = {ctx.token_at(d.cue_start) for d in drafts}
    for draft in drafts:
        first, last = ctx.token_at(draft.start), ctx.token_at(max(draft.end - 1, draft.start))
        for k in range(first + 1, last):
            nxt = ctx.word(k + 1)
            if ctx.word(k) == "," and (nxt in ctx.lex.quoting_saying or k + 1 in cues):
                draft.end = ctx.doc[k].idx
                break


def _adopt_antecedents(drafts: list[Draft]) -> None:
    """ "Washington accuse X d'avoir livré Y, ce que Moscou a démenti": Moscow denies what
    the accusation says, so its content is the accusation's content when one ends there."""
    for draft in drafts:
        if not draft.antecedent:
            continue
        hosts = [
            d
            for d in drafts
            if not d.antecedent and draft.start <= d.start and 0 <= draft.end - d.end <= 2
        ]
        if hosts:
            draft.start, draft.end = hosts[0].start, hosts[0].end


def _nest(drafts: list[Draft]) -> None:
    """A claim whose cue lies in another's content is nested in it ("M. X a affirmé que …,
    selon la transcription": X's claim is nested in the transcription's) when that content is
    reported, not denied or accused ("Rome rejette les accusations de Berlin selon …")."""
    for b in drafts:
        if b.parent is not None:
            continue
        hosts = [
            a
            for a in drafts
            if a is not b
            and a.parent is not b
            and a.cue_stance in ("assert", "speculate")
            and a.start <= b.cue_start < a.end
            and (a.start, a.end) != (b.start, b.end)
        ]
        if hosts:
            # the narrowest content; among equal ones the deepest claim, so that "KCNA a cité
            # le ministre disant que le dirigeant avait affirmé …" nests three deep
            b.parent = min(hosts, key=lambda a: (a.end - a.start, -_depth(a)))


def _depth(draft: Draft) -> int:
    depth, seen = 0, draft.parent
    while seen is not None and depth < 8:
        depth, seen = depth + 1, seen.parent
    return depth


# --------------------------------------------------------------------------- records


def _records(ctx: Context, drafts: list[Draft]) -> list[Claim]:
    ordered = sorted(drafts, key=lambda d: (d.start, d.cue_start, d.end))
    index = {id(d): n for n, d in enumerate(ordered)}
    text = ctx.text
    claims = []
    for d in ordered:
        speaker = d.speaker
        unresolved = (
            d.pronoun is not None
            and speaker is not None
            and not d.demonstrative
            and _is_pronoun(ctx, speaker)
        )
        claims.append(
            Claim(
                start=d.start,
                end=d.end,
                cue=text[d.cue_start : d.cue_end],
                cue_start=d.cue_start,
                cue_end=d.cue_end,
                stance=d.stance or d.cue_stance,
                direct=d.direct,
                speaker=text[speaker[0] : speaker[1]] if speaker else None,
                speaker_start=speaker[0] if speaker else None,
                speaker_end=speaker[1] if speaker else None,
                speaker_kind="entity" if unresolved else speaker_kind(ctx, speaker),
                parent=index.get(id(d.parent)) if d.parent is not None else None,
                extra_start=d.extra[0] if d.extra else None,
                extra_end=d.extra[1] if d.extra else None,
            )
        )
    return claims


def _is_pronoun(ctx: Context, span: tuple[int, int]) -> bool:
    return fold(ctx.text[span[0] : span[1]]) in ctx.lex.pronouns
