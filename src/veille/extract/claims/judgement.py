"""Denial by judgement: words that call a proposition false (English token patterns).

"dismissed the reports as baseless", "called the story a fabrication", "said the allegations
were false", "said of the report: "It is not true"". The word lists are the ``[patterns]``
table of the language's claims lexicon (``denial_evaluations``, ``evaluation_links``,
``denied_truths``, ``claim_nouns``); a language without them judges nothing.
"""

from __future__ import annotations

from veille.extract.claims.text import Context


def object_content(ctx: Context, j: int, last: int) -> tuple[int, int]:
    """The object of a denial or accusation: "refuted claims that X" is X; "dismissed the
    reports as baseless" is "the reports"."""
    lex = ctx.lex
    if ctx.word(j) in lex.words("evaluation_links") and evaluation_at(ctx, j, last):
        m = j  # "dismissed as "100 percent false" a report which …": the object comes after
        while m <= last and ctx.word(m) not in lex.words("denial_evaluations"):
            m += 1
        m += 1
        while m <= last and (is_mark(ctx, m) or ctx.doc[m].is_punct):
            m += 1
        return (m, last) if m <= last else (j, last)
    k = j + 1 if ctx.word(j) in lex.determiners else j
    if ctx.word(k) in lex.words("claim_nouns") and ctx.word(k + 1) in lex.complementizers:
        return k + 2, last
    evaluations = lex.words("denial_evaluations")
    for m in range(j + 1, last + 1):
        if ctx.word(m) in lex.words("evaluation_links") and evaluation_at(ctx, m, last):
            return j, ctx.skip_spaces_back(m - 1)
        if ctx.word(m) in evaluations:
            break
    return j, last


def evaluation_at(ctx: Context, m: int, last: int) -> bool:
    """A judgement of falsity starting at token ``m`` ("as baseless", "a complete fabrication")."""
    lex = ctx.lex
    links = lex.words("evaluation_links")
    while m <= last and (ctx.word(m) in links or is_mark(ctx, m) or ctx.doc[m].like_num):
        m += 1
    return m <= last and ctx.word(m) in lex.words("denial_evaluations")


def is_mark(ctx: Context, k: int) -> bool:
    return ctx.doc[k].text in ('"', "“", "”", "'", "‘", "’")


def judged_false(ctx: Context, j: int, last: int, about: bool = False) -> bool:
    """A content that calls a proposition false: "the allegations were false and malicious",
    or, said of one ("said of the allegation: "It is not true""), "it is not true"."""
    lex = ctx.lex
    head = [ctx.word(k) for k in range(j, min(j + 4, last + 1))]
    if not about and not any(w in lex.words("claim_nouns") for w in head):
        return False
    for k in range(j, last + 1):
        if ctx.word(k) in lex.words("denial_evaluations"):
            return True
        negated = any(ctx.word(n) in lex.negation for n in range(max(j, k - 2), k))
        if negated and ctx.word(k) in lex.words("denied_truths"):
            return True
    return False
