"""Claims carried by a reporting noun, read from the words after it (with a parse).

"l'annonce, par le Kremlin et par Pyongyang, d'une visite officielle", "les soupçons
occidentaux d'un échange …", "les accusations de Berlin selon lesquelles Rome aurait menti".
After the noun come its speakers ("par X", "de" + a name, a group adjective such as
"occidentaux") and its content ("de" + a common noun phrase, or the clause after "selon
lequel(le)s"). Nothing is claimed unless both are found.
"""

from __future__ import annotations

from typing import Any

from veille.extract.claims.lexicon import fold
from veille.extract.claims.speakers import climb, np_tokens
from veille.extract.claims.text import Context, Draft, Span, trim_content
from veille.records import Stance

_DE = frozenset({"de", "d'", "du", "des"})
_RELATIVE_SELON = frozenset({"lequel", "laquelle", "lesquels", "lesquelles"})
_ENDS = frozenset({",", ".", ";", ":", "!", "?"})


def noun_drafts(ctx: Context) -> list[Draft]:
    drafts: list[Draft] = []
    nouns = ctx.lex.nouns
    for i, word in enumerate(ctx.words):
        if word not in nouns and word[:-1] not in nouns:
            continue  # cheap test on the word before asking spaCy for tag and lemma
        tok = ctx.doc[i]
        stance = nouns.get(fold(tok.lemma_)) if tok.pos_ == "NOUN" else None
        if stance is not None:
            drafts.extend(_noun(ctx, tok, stance))
    return drafts


def _noun(ctx: Context, tok: Any, stance: Stance) -> list[Draft]:
    hi = ctx.sent_range(tok.i)[1]
    speakers: list[tuple[int, int]] = []
    content: Span | None = None
    i = tok.i + 1
    while i < hi and content is None:
        word = ctx.word(i)
        if word == "," or (word == "et" and ctx.word(i + 1) == "par"):
            i += 1
        elif ctx.doc[i].pos_ == "ADJ":
            if ctx.lex.noun_in(word, ctx.lex.group) or fold(ctx.doc[i].lemma_) in ctx.lex.group:
                speakers.append((i, i))  # "les soupçons occidentaux"
            i += 1
        elif word in ("par", *_DE):
            found = _phrase(ctx, i + 1, hi)
            if found is None:
                break
            head, (first, last) = found
            if word == "par" or head.pos_ == "PROPN":
                speakers.append((first, last))
                i = last + 1
            else:
                content = _to_clause_end(ctx, first, head, hi)
        elif word == "selon" and ctx.word(i + 1) in _RELATIVE_SELON:
            verb = ctx.doc[i + 1].head  # the relative clause's verb: its end ends the content
            head = verb if verb.i > i + 1 else ctx.doc[i + 2]
            content = _to_clause_end(ctx, i + 2, head, hi, stop=head is verb)
        else:
            break
    if content is None or content[1] <= content[0] or not speakers:
        return []
    cue = ctx.char_span(tok.i, tok.i)
    drafts = []
    for first, last in speakers:
        draft = Draft(content[0], content[1], cue[0], cue[1], stance)
        draft.speaker = ctx.char_span(first, last)
        drafts.append(draft)
    return drafts


def _phrase(ctx: Context, start: int, hi: int) -> tuple[Any, tuple[int, int]] | None:
    """The noun phrase starting at token ``start`` and its head."""
    if start >= hi or ctx.doc[start].is_punct:
        return None
    head = climb(ctx.doc[start], start, hi)
    if head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    found = np_tokens(ctx, head, start, hi)
    return (head, found) if found is not None else None


def _to_clause_end(ctx: Context, first: int, head: Any, hi: int, stop: bool = False) -> Span:
    """From ``first`` to the end of the clause: the head's subtree, then (unless ``stop``: the
    head is the clause's verb) on to a comma or stop."""
    last = min(int(head.right_edge.i), hi - 1)
    while not stop and last + 1 < hi and ctx.doc[last + 1].text not in _ENDS:
        last += 1
    return trim_content(ctx.text, ctx.doc[first].idx, ctx.char_span(last, last)[1])
