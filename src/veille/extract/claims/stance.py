"""Stance of a claim: assert, allege, deny or speculate (docs/annotation.md, claims).

1. The cue decides first: a denial verb ("dément", "a balayé", "denied") is ``deny``, an
   accusation verb ("accuse", "soupçonne") ``allege``.
2. A negated content in a paragraph where a denial came before continues that denial ("X
   dément. … a assuré que le pays n'avait jamais exporté …"): ``deny``.
3. A hedged content is ``speculate``: hedge words ("probablement", "might"), "sembler",
   "pourrait"/"devrait", a speculation cue ("estiment", "craindre", "fear"), or a conditional
   that is the journalist's or the speaker's distance rather than grammar. The rule: after a
   preposition ("selon X, Pyongyang chercherait …", "Pour des experts, la décision aurait été
   prise …") every conditional hedges, since nothing else explains it; after a reporting verb
   a present conditional is the future in the past of reported speech ("a indiqué que les
   entretiens porteraient sur …", "said the army would win") or the sure consequence the
   speaker states ("rappelle que toute livraison violerait des résolutions"): not a hedge;
   a past conditional ("affirme que le ministre aurait démissionné", "would have") is one.
4. An accusation inside the content ("Nous condamnons …") or beside the attribution in its
   sentence ("…, a affirmé la Maison Blanche, à l'appui de ses accusations") is ``allege``.
5. In a paragraph, an unhedged assertion of a deed (no conditional) that another speaker later
   denies, or that follows an accusation with no denial between, is part of the accusation:
   ``allege``.
6. Else ``assert``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from veille.extract.claims.lexicon import Lexicon, fold
from veille.extract.claims.text import Context, Draft, Span
from veille.records import Stance

_CONDITIONAL = re.compile(r"^(.+r)(ais|ait|aient|ions|iez)$")


def decide_stances(ctx: Context, drafts: list[Draft]) -> None:
    ordered = sorted(drafts, key=lambda d: (d.cue_start, d.start))
    for draft in ordered:
        draft.stance = _own_stance(ctx, draft)
    for n, draft in enumerate(ordered):
        draft.stance = _in_context(ctx, ordered, n)
    for draft in ordered:
        if draft.stance_of is not None:
            draft.stance = draft.stance_of.stance


def _own_stance(ctx: Context, draft: Draft) -> Stance:
    if draft.cue_stance in ("deny", "allege"):
        return draft.cue_stance
    if draft.cue_stance == "speculate" or hedged(ctx, draft):
        return "speculate"
    if any(_accusation(ctx, t) for t in _tokens(ctx, draft.start, draft.end)):
        return "allege"
    return "assert"


def _in_context(ctx: Context, ordered: list[Draft], n: int) -> Stance:
    draft = ordered[n]
    stance = draft.stance or draft.cue_stance
    if draft.cue_stance in ("deny", "allege"):
        return stance
    paragraph = ctx.paragraph(draft.cue_start)
    same = [d for d in ordered if d is not draft and ctx.paragraph(d.cue_start) == paragraph]
    earlier = [d for d in same if d.cue_start < draft.cue_start]
    later = [d for d in same if d.cue_start > draft.cue_start]
    if negated(ctx, draft) and any(d.stance == "deny" for d in earlier):
        return "deny"
    if stance != "assert":
        return stance
    if any(conditional(ctx, t) for t in _content_tokens(ctx, draft)):
        return "assert"  # a consequence or a plan, not a deed: no accusation
    if _accused_beside(ctx, draft, ordered):
        return "allege"
    if any(_denies(ctx, draft, d, same) for d in later):
        return "allege"
    for d in reversed(earlier):
        if d.stance == "deny":
            break
        if d.stance == "allege" and d.parent is None:
            return "allege"
    return "assert"


def _denies(ctx: Context, draft: Draft, denial: Draft, same: list[Draft]) -> bool:
    """Does a later denial answer this assertion? Not when it is the speaker's own, when it
    denies the words of another claim ("X accuse …, ce que Y dément"), or when an accusation
    stands between them (the denial answers that one)."""
    if denial.cue_stance != "deny" or _same_speaker(ctx, draft, denial):
        return False
    if any(d.cue_stance != "deny" and (d.start, d.end) == (denial.start, denial.end) for d in same):
        return False
    between = [d for d in same if draft.cue_start < d.cue_start < denial.cue_start]
    return not any(d.stance == "allege" for d in between)


def _tokens(ctx: Context, start: int, end: int) -> list[Any]:
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _content_tokens(ctx: Context, draft: Draft) -> list[Any]:
    toks = _tokens(ctx, draft.start, draft.end)
    if draft.extra is not None:
        toks += _tokens(ctx, *draft.extra)
    return toks


def _accusation(ctx: Context, tok: Any) -> bool:
    words = ctx.lex.accusation
    return fold(tok.text) in words or (ctx.parsed and fold(tok.lemma_) in words)


def _accused_beside(ctx: Context, draft: Draft, ordered: list[Draft]) -> bool:
    """An accusation word in the attribution's sentence, outside every claim's words."""
    lo, hi = ctx.sent_range(ctx.token_at(draft.cue_start))
    covered: list[Span] = []
    for d in ordered:
        covered += [(d.start, d.end), (d.cue_start, d.cue_end)]
        if d.extra is not None:
            covered.append(d.extra)
    for tok in ctx.doc[lo:hi]:
        if any(a <= tok.idx < b for a, b in covered):
            continue
        if _accusation(ctx, tok):
            return True
    return False


def _same_speaker(ctx: Context, a: Draft, b: Draft) -> bool:
    if a.speaker is None or b.speaker is None:
        return False
    x, y = (fold(ctx.text[s[0] : s[1]]) for s in (a.speaker, b.speaker))
    return x in y or y in x


def negated(ctx: Context, draft: Draft) -> bool:
    return any(fold(t.text) in ctx.lex.negation for t in _tokens(ctx, draft.start, draft.end))


def hedged(ctx: Context, draft: Draft) -> bool:
    """Hedge words, "sembler", a hedging modal, or a conditional that hedges (see 3. above)."""
    lex = ctx.lex
    spans = [(draft.start, draft.end)] + ([draft.extra] if draft.extra else [])
    pattern = _hedge_pattern(lex)
    for a, b in spans if pattern else ():
        for match in pattern.finditer(fold(ctx.text[a:b])) if pattern else ():
            if match.start() == 0 or not ctx.text[a + match.start()].isupper():
                return True  # "in May" is no "may"
    for tok in _content_tokens(ctx, draft):
        lemma = fold(tok.lemma_) if ctx.parsed else ""
        if lemma in lex.hedge_lemmas:
            return True
        if not conditional(ctx, tok):
            continue
        if lemma in lex.hedge_modals or draft.preposition or _perfect(ctx, tok):
            return True
    return False


def _perfect(ctx: Context, tok: Any) -> bool:
    """A past conditional: "aurait été prise", "serait parti", "would have"."""
    if ctx.parsed:
        return bool(tok.dep_ == "aux:tense")  # not "serait reconduite", a passive
    return ctx.word(tok.i + 1) in ("have", "'ve")


def conditional(ctx: Context, tok: Any) -> bool:
    """A conditional verb: "Mood=Cnd", or a future stem + imperfect ending the tagger read as
    an imparfait ("reprendraient", "dureraient"), or "would"."""
    word = fold(tok.text)
    if word in ctx.lex.conditional_words:
        return True
    if not ctx.parsed or tok.pos_ not in ("VERB", "AUX"):
        return False
    if "Cnd" in tok.morph.get("Mood"):
        return True
    match = _CONDITIONAL.match(word)
    if match is None:
        return False
    stem, lemma = match.group(1), fold(tok.lemma_)
    return stem in (lemma, lemma[:-1]) or stem in ctx.lex.conditional_stems


def _hedge_pattern(lex: Lexicon) -> re.Pattern[str] | None:
    return _compiled(lex.hedge_words)


@lru_cache(maxsize=16)
def _compiled(hedges: tuple[str, ...]) -> re.Pattern[str] | None:
    if not hedges:
        return None
    words = sorted(hedges, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
