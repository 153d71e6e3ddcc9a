"""Reported speech read from a Universal Dependencies parse (French, fr_core_news_md).

For each reporting verb of the lexicon (finite, active, not negated):

1. ``citer`` with a present participle: "X a cité Y assurant que …" gives X's claim and Y's
   claim nested in it;
2. an inverted attribution after the content: "…, a annoncé lundi la préfecture",
   "« … », a-t-il dit, « … »", "…, estiment des analystes, …" (``_incise``);
3. otherwise the subject speaks (each conjunct of "Moscou et Pyongyang" on its own) and the
   content follows the verb: a "que" clause, a quote ("a répondu : « … »"), an infinitive ("a
   affirmé n'avoir jamais …"), the object of a denial or accusation ("dément toute
   intention …"), the antecedent of "ce que X a démenti", or what follows a colon. A subject
   "Y, cité par X," adds X's claim with Y's nested in it.

The lexicon gives each verb its frames (``data/claims/README.md``): reflexive and phrase cues
("s'engager à", "mettre en garde contre"), prepositional complements, infinitives after "de" or
"à", and denial by evaluation ("juge « sans fondement » les accusations selon lesquelles …":
a ``deny`` of the accused proposition). Cues in dependent clauses ("…, en soulignant que",
"avant d'ajouter que") speak for the main clause's subject; "comme l'a affirmé X" for the
clause it is attached to; a speaker that only carries speech ("un communiqué du ministère")
gives the one it names.

The statistical parse breaks often around speech (a sentence cut after "Rome et Berlin", a
subject hung on the previous paragraph's verb, "dément" tagged as an adjective), so the
surface backs it up: a subject the parse lost is read before the verb as the token patterns
do, and a reporting verb the tagger misread is handed to the token patterns whole.
"""

from __future__ import annotations

from typing import Any

from veille.extract.claims.lexicon import Verb, fold
from veille.extract.claims.patterns import content_span, cue_form, np_before, verb_drafts
from veille.extract.claims.speakers import (
    carried,
    climb,
    conjuncts,
    demonstrative_of,
    glued_subjects,
    np_tokens,
    pronoun_of,
    pronoun_span,
    whole_name,
)
from veille.extract.claims.text import Context, Draft, Quote, Span, split_parts, trim_content

_ARG_DEPS = frozenset({"obj", "xcomp", "ccomp", "obl:arg", "iobj"})
_STOPS = frozenset({".", ";", "!", "?"})


def parse_drafts(ctx: Context) -> list[Draft]:
    drafts: list[Draft] = []
    consumed: set[int] = set()
    for tok in ctx.doc:
        verb = cue_verb(ctx, tok)
        if verb is not None:
            drafts.extend(_verb_drafts(ctx, tok, verb))
            continue
        # A reporting verb the tagger misread ("dément" as an adjective, "cité" as a noun):
        # its parse is broken around it, so the token patterns read it.
        pattern_verb = cue_form(ctx, tok.i)
        if pattern_verb is not None and tok.pos_ != "VERB" and tok.i not in consumed:
            drafts.extend(verb_drafts(ctx, tok.i, pattern_verb, consumed))
    return drafts


def cue_verb(ctx: Context, tok: Any, chained: bool = False) -> Verb | None:
    """The lexicon verb of a token that can report speech here, else None."""
    if tok.pos_ != "VERB" or ctx.in_compound(tok.i):
        return None
    verb = verb_entry(ctx, tok)
    if verb is None or _passive(tok) or _negated(tok):
        return None
    form = tok.morph.get("VerbForm")
    finite = "Fin" in form or any(c.dep_ == "aux:tense" for c in tok.children)
    in_chain = (
        "Inf" in form
        and tok.dep_ == "xcomp"
        and not _marked(ctx, tok)
        and cue_verb(ctx, tok.head, True)
    )
    # a bare past participle heading a sentence with a subject is a misread present
    # ("L'entreprise conteste avoir …" tagged as a participle)
    misread = "Part" in form and tok.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in tok.children)
    if not (finite or in_chain or misread or gerund(ctx, tok)):
        return None
    if not chained and any(
        c.dep_ == "xcomp" and c.i > tok.i and not _marked(ctx, c) and cue_verb(ctx, c, True)
        for c in tok.children
    ):
        return None  # "disent craindre que …": the infinitive carries the claim
    return verb


def _marked(ctx: Context, tok: Any) -> bool:
    """An infinitive after "de" or "à" is what is asked or promised ("a demandé aux usines de
    répondre …"), not a second reporting verb like the bare one of "disent craindre"."""
    return any(c.dep_ == "mark" and ctx.word(c.i) in ("de", "d'", "à") for c in tok.children)


def verb_entry(ctx: Context, tok: Any) -> Verb | None:
    """The lexicon entry of a verb token, by its lemma or (the lemmatiser errs: "reproche")
    by its form, reflexive ("s'est engagé") or phrase ("a mis en garde") when it is one."""
    reflexive = any(
        c.i < tok.i and "Yes" in c.morph.get("Reflex") and c.pos_ == "PRON" for c in tok.children
    )
    following = [ctx.word(k) for k in range(tok.i + 1, min(tok.i + 4, len(ctx.doc)))]
    lex = ctx.lex
    return lex.verb_at(tok.lemma_, reflexive, following) or lex.verb_at(
        lex.forms.get(fold(tok.text), ""), reflexive, following
    )


_DEPENDENT_MARKS = frozenset({"avant", "après", "pour"})


def gerund(ctx: Context, tok: Any) -> bool:
    """A non-finite verb that reports for its clause's subject: a present participle ("…, en
    soulignant que …", "…, ajoutant que …") or an infinitive after "avant de", "pour" ("…,
    avant d'ajouter que …"), in an adverbial clause of an earlier verb."""
    form, tense = tok.morph.get("VerbForm"), tok.morph.get("Tense")
    if tok.dep_ not in ("advcl", "conj") or tok.head.i > tok.i:
        return False
    if tok.head.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
        return False
    if "Part" in form and "Pres" in tense:
        return True
    marks = {ctx.word(c.i) for c in tok.children if c.dep_ == "mark"}
    return "Inf" in form and bool(marks & _DEPENDENT_MARKS)


def _passive(tok: Any) -> bool:
    return any(c.dep_ == "aux:pass" for c in tok.children)


def _negated(tok: Any) -> bool:
    return any("Neg" in c.morph.get("Polarity") for c in tok.children)


def _cue_tokens(ctx: Context, tok: Any) -> tuple[int, int]:
    """First and last token of the cue: "a déclaré", "ont toujours démenti", "disent craindre"."""
    if tok.dep_ == "xcomp" and "Inf" in tok.morph.get("VerbForm"):
        return _cue_tokens(ctx, tok.head)[0], tok.i
    first = tok.i
    for c in tok.children:
        if c.i < tok.i and (c.dep_.startswith("aux") or "Yes" in c.morph.get("Reflex")):
            first = min(first, c.i)
    if first == tok.i and gerund(ctx, tok):
        marks = [c.i for c in tok.children if c.dep_ == "mark" and c.i < tok.i]
        first = min(marks) if marks else first  # "en soulignant", "avant d'ajouter"
    return first, cue_last(ctx, tok)


def cue_last(ctx: Context, tok: Any) -> int:
    """Last token of a cue: the verb, or the last word of a phrase cue ("fait valoir")."""
    verb = verb_entry(ctx, tok)
    return int(tok.i) + (len(verb.particles) if verb is not None else 0)


def _verb_drafts(ctx: Context, tok: Any, verb: Verb) -> list[Draft]:
    first, last = _cue_tokens(ctx, tok)
    cue = ctx.char_span(first, last)
    if "quoting" in verb.flags:
        return _quoting(ctx, tok, cue)
    if "evaluative" in verb.flags:
        judged = _judged_false(ctx, tok, cue)
        if judged is not None or verb.stance == "assert":
            return judged or []
    as_said = _as_said(ctx, tok, verb, cue)
    if as_said is not None:
        return as_said
    clitic = _clitic(ctx, tok, first)
    if clitic is not None:
        if clitic < first:  # "a-t-il fait valoir": the cue starts at "a"
            first = clitic
            while first > 0 and ctx.doc[first - 1].text.startswith("-"):
                first -= 1
            if first > 0 and ctx.doc[first - 1].pos_ == "AUX":
                first -= 1
        cue = ctx.char_span(first, cue_last(ctx, tok))
        return _incise(ctx, tok, verb, first, cue, (clitic, clitic))
    inverted = _inverted_speaker(ctx, tok, first, verb)
    if inverted is not None:
        return _incise(ctx, tok, verb, first, cue, inverted)
    found = content_after(ctx, tok, verb)
    if found is None:
        return []
    (start, end), direct = found
    antecedent = tok.dep_ == "acl:relcl" and fold(tok.head.text) == "ce"
    drafts = []
    for speaker in _speakers(ctx, tok, first):
        draft = Draft(start, end, cue[0], cue[1], verb.stance, direct)
        draft.antecedent = antecedent
        set_speaker(ctx, draft, speaker)
        drafts.append(draft)
    if drafts:
        drafts[:0] = _cited_by(ctx, tok, drafts)
    return drafts


def _speakers(ctx: Context, tok: Any, first: int) -> list[tuple[int, int]]:
    """Token ranges of the speakers of a preposed cue: its subject(s) from the parse, else
    the noun phrase before it on the surface (the parse lost the subject)."""
    groups = _subject_heads(ctx, tok)
    lo, hi = ctx.sent_range(tok.i)
    ranges = []
    for group in groups:
        parts = [np_tokens(ctx, head, lo, hi) or (head.i, head.i) for head in group]
        start, end = whole_name(ctx, min(p[0] for p in parts), max(p[1] for p in parts), lo)
        ranges.append((_across_break(ctx, start, lo), end))
    surface = np_before(ctx, first, lo)
    if len(ranges) == 1 and len(surface) == 2 and surface[1][1] == ranges[0][1]:
        return [surface[0], ranges[0]]  # "Moscou et | Pyongyang": a conjunct the parse lost
    return ranges or surface


def _across_break(ctx: Context, start: int, lo: int) -> int:
    """A subject the model cut at a false sentence break ("L'institut allemand | Ifo a
    annoncé"): take back the noun phrase just before the break."""
    if start <= lo or not ctx.doc[start].is_sent_start:
        return start
    before = np_before(ctx, start, lo)
    if before and before[-1][1] == start - 1:
        return before[-1][0]
    return start


def set_speaker(ctx: Context, draft: Draft, tokens: tuple[int, int]) -> None:
    demonstrative = demonstrative_of(ctx, *tokens)
    if demonstrative is not None:
        draft.pronoun, draft.demonstrative = demonstrative, True
        draft.speaker = ctx.char_span(*tokens)
        return
    tokens = carried(ctx, *tokens)
    pronoun = pronoun_of(ctx, *tokens)
    if pronoun is not None:
        draft.pronoun = pronoun
    if tokens[0] == tokens[1]:
        draft.speaker = pronoun_span(ctx, tokens[0])  # "-t-il", "-t-on": no hyphen
    else:
        draft.speaker = ctx.char_span(*tokens)


def _subject_heads(ctx: Context, tok: Any) -> list[list[Any]]:
    """Subject groups: one per conjunct ("Moscou et Pyongyang"); a group holds the tokens the
    parse split one subject into ("l'agence nord-coréenne" + "KCNA")."""
    current = tok
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ == "nsubj"]
        if subjects:
            subject = subjects[0]
            if "Rel" in subject.morph.get("PronType") and current.dep_ == "acl:relcl":
                subject = current.head  # "la Maison Blanche, qui a affirmé que …"
            heads = conjuncts(ctx, subject)
            return [[heads[0], *glued_subjects(subject)], *([h] for h in heads[1:])]
        if (
            current.dep_ in ("xcomp", "conj") or (current.dep_ == "advcl" and gerund(ctx, current))
        ) and current.head.pos_ in ("VERB", "AUX"):
            current = current.head
            continue
        break
    return []


def _cited_by(ctx: Context, tok: Any, drafts: list[Draft]) -> list[Draft]:
    """ "Y, cité par X, a déclaré que …": X's claim, with Y's nested in it. Read on the surface
    between the speaker and the cue, where the parse often mislabels "cité"."""
    child = drafts[0]
    if child.speaker is None:
        return []
    first = _cue_tokens(ctx, tok)[0]
    for k in range(ctx.token_at(child.speaker[1]), first - 1):
        lemma = ctx.lex.forms.get(ctx.word(k))
        verb = ctx.lex.verbs.get(lemma or "")
        if verb is None or "quoting" not in verb.flags or ctx.word(k + 1) != "par":
            continue
        last = k + 2
        while last + 1 < first and ctx.doc[last + 1].text not in (",", ")"):
            last += 1
        if last >= first:
            return []
        cue = ctx.char_span(k, k + 1)
        parent = Draft(child.start, child.end, cue[0], cue[1], child.cue_stance, child.direct)
        parent.stance_of = child
        set_speaker(ctx, parent, (k + 2, last))
        for draft in drafts:
            draft.parent = parent
        return [parent]
    return []


def _quoting(ctx: Context, tok: Any, cue: Span) -> list[Draft]:
    """ "KCNA a cité le ministre assurant que …": KCNA's claim and the minister's inside it."""
    for participle in tok.subtree:
        verb = cue_verb_participle(ctx, participle)
        if participle.i <= tok.i + 1 or verb is None:
            continue
        found = content_after(ctx, participle, verb)
        between = [t for t in ctx.doc[tok.i + 1 : participle.i] if t.pos_ in ("NOUN", "PROPN")]
        if found is None or not between:
            return []
        (start, end), direct = found
        head = climb(between[0], tok.i + 1, participle.i)
        inner_range = np_tokens(ctx, head, tok.i + 1, participle.i)
        parents = []
        for speaker in _speakers(ctx, tok, _cue_tokens(ctx, tok)[0]):
            parent = Draft(start, end, cue[0], cue[1], "assert", direct)
            set_speaker(ctx, parent, speaker)
            parents.append(parent)
        if not parents or inner_range is None:
            return parents
        inner_cue = ctx.char_span(participle.i, participle.i)
        child = Draft(start, end, inner_cue[0], inner_cue[1], verb.stance, direct)
        child.speaker, child.parent = ctx.char_span(*inner_range), parents[0]
        for parent in parents:
            parent.stance_of = child
        return [*parents, child]
    return []


def cue_verb_participle(ctx: Context, tok: Any) -> Verb | None:
    form, tense = tok.morph.get("VerbForm"), tok.morph.get("Tense")
    if tok.pos_ != "VERB" or "Part" not in form or "Pres" not in tense:
        return None
    return ctx.lex.verb(tok.lemma_)


# --------------------------------------------------------------------------- inverted


def _clitic(ctx: Context, tok: Any, first: int) -> int | None:
    """The subject clitic of "a-t-il dit", "estime-t-elle", also right before a verb the
    parse did not give its auxiliary ("a-t-il fait valoir" with "a" on "valoir")."""
    for i in range(first, min(tok.i + 3, len(ctx.doc))):
        if _is_clitic(ctx, i):
            return i
    i = int(tok.i) - 1
    while i >= 0 and ctx.doc[i].text.startswith("-"):
        if _is_clitic(ctx, i):
            return i
        i -= 1
    return None


def _is_clitic(ctx: Context, i: int) -> bool:
    text = ctx.doc[i].text
    subject = fold(text[1:])
    lex = ctx.lex
    return text.startswith("-") and (subject in lex.pronouns or subject in lex.anonymous_pronouns)


def _inverted_speaker(ctx: Context, tok: Any, first: int, verb: Verb) -> tuple[int, int] | None:
    """The speaker after the verb in "…, a annoncé lundi la préfecture", else None.

    Needs a comma, dash or closing quote before the cue, no "que" after it, a noun phrase after
    it, and no real subject before it: the parse's subject counts unless only a noun phrase and
    a comma separate it from the verb ("Des noms associés, relèvent des chercheurs, …") and the
    verb cannot take an object (for "X, porte-parole, a démenti les rumeurs" the object is no
    speaker); without a parse subject, a surface subject past an aside ("Berlin, de son côté,
    dénonce …") counts.
    """
    lo, hi = ctx.sent_range(tok.i)
    prev = ctx.skip_spaces_back(first - 1)
    if prev < lo:
        return None
    after_quote = ctx.quote_closing_at(prev) or ctx.quote_closing_at(ctx.skip_spaces_back(prev - 1))
    if ctx.doc[prev].text not in (",", "—", "–", "(") and ctx.quote_closing_at(prev) is None:
        return None
    if _complementizer(ctx, tok, hi, window=11) is not None:
        return None
    subjects = [c for c in tok.children if c.dep_.startswith("nsubj") and c.i < tok.i]
    if not after_quote and _in_series(tok):
        return None  # "Le pays a imposé des sanctions, a rappelé son ambassadeur et a exigé …"
    if not after_quote:
        if subjects and _real_subject(ctx, subjects[0], prev):
            return None
        if not subjects and "object" in verb.flags and np_before(ctx, first, lo):
            return None
    return _np_after(ctx, tok, hi)


def _in_series(tok: Any) -> bool:
    """A verb coordinated with an earlier one of its own subject: one of a series of deeds,
    not an attribution set after its content."""
    if tok.dep_ != "conj" or tok.head.i > tok.i:
        return False
    series = [c for c in tok.head.children if c.dep_ == "conj" and c.i > tok.i]
    coordinated = any(c.dep_ == "cc" for s in series for c in s.children)
    has_subject = any(c.dep_.startswith("nsubj") for c in tok.head.children)
    return has_subject and (coordinated or any(c.dep_ == "cc" for c in tok.children))


def _real_subject(ctx: Context, subject: Any, comma: int) -> bool:
    """Is the parse's subject really the cue's? Yes when an aside set off by commas separates
    them ("Le maire, qui a promis …, a reconnu", "X, porte-parole, a démenti"); no when the
    phrase is the subject of a clause of its own ("Le trafic reprendra, a annoncé …") or
    is only followed by the comma (French sets no comma between a subject and its verb)."""
    lo, hi = ctx.sent_range(subject.i)
    first, last = np_tokens(ctx, subject, lo, hi) or (subject.i, subject.i)
    if any(ctx.doc[k].text == "," for k in range(first, last + 1)):
        return True
    nxt = last + 1
    while nxt < comma and ctx.doc[nxt].is_space:
        nxt += 1
    return nxt < comma and ctx.doc[nxt].text == ","


def _incise(
    ctx: Context, tok: Any, verb: Verb, first: int, cue: Span, speaker: tuple[int, int]
) -> list[Draft]:
    hi = ctx.sent_range(tok.i)[1]
    end_i = max(speaker[1], tok.i)
    content = _before_incise(ctx, ctx.skip_spaces_back(first - 1))
    if content is None:
        return []
    span, direct, left = content
    if direct:
        extra = ctx.next_quote(end_i)
    else:
        span, extra = split_parts(ctx, left, ctx.after_comma(end_i, hi))
    quote = ctx.inside_quote(cue[0])
    if quote is not None and not direct:
        # « A, a déclaré X. B » and « A, a-t-il dit, B »: the attribution inside the marks
        span, direct = (max(span[0], quote.inner[0]), span[1]), True
        extra = _rest_of_quote(ctx, end_i, quote) or extra
    draft = Draft(span[0], span[1], cue[0], cue[1], verb.stance, direct)
    draft.extra = extra
    set_speaker(ctx, draft, speaker)
    return [draft]


def _rest_of_quote(ctx: Context, end_i: int, quote: Quote) -> Span | None:
    """The words of a quote after an attribution set inside it, past its comma or stop."""
    i = end_i + 1  # past the words after the speaker ("a-t-elle dit à la presse, …")
    while i < len(ctx.doc) and ctx.doc[i].idx < quote.inner[1]:
        if ctx.doc[i].text in (",", ".", ";"):
            break
        i += 1
    while i < len(ctx.doc) and (ctx.doc[i].is_space or ctx.doc[i].text in (",", ".", ";")):
        i += 1
    if i >= len(ctx.doc) or ctx.doc[i].idx >= quote.inner[1]:
        return None
    if ctx.is_aside(i):
        return None
    span = trim_content(ctx.text, ctx.doc[i].idx, quote.inner[1])
    return span if span[1] > span[0] else None


def _as_said(ctx: Context, tok: Any, verb: Verb, cue: Span) -> list[Draft] | None:
    """ "Comme l'a affirmé X, A" and "A, comme l'a rappelé X": X's claim is A, the clause the
    "comme" clause is attached to; the "l'" stands for it."""
    marks = [c for c in tok.children if c.dep_ == "mark" and ctx.word(c.i) == "comme"]
    if not marks or not any(ctx.word(c.i) in ("l'", "le") for c in tok.children if c.i < tok.i):
        return None
    lo, hi = ctx.sent_range(tok.i)
    speaker = _np_after(ctx, tok, hi)
    if speaker is None:
        return []
    first, last = speaker
    while last > first and (ctx.word(last) in ctx.lex.skip_after_cue or ctx.doc[last].is_punct):
        last -= 1
    comme = marks[0].i
    prev = ctx.skip_spaces_back(comme - 1)
    if prev >= lo and ctx.doc[prev].text == ",":
        start = ctx.clause_start(prev)
        span = trim_content(ctx.text, ctx.doc[start].idx, ctx.doc[prev].idx)
    else:
        right = ctx.after_comma(speaker[1], hi)
        if right is None:
            k = speaker[1] + 1  # "Comme l'a dit X lundi, …": past the words after the name
            while k < hi and ctx.doc[k].text != ",":
                k += 1
            right = ctx.after_comma(k - 1, hi) if k < hi else None
        if right is None:
            return []
        span = trim_content(ctx.text, ctx.doc[right[0]].idx, ctx.char_span(right[1], right[1])[1])
    if span[1] <= span[0]:
        return []
    draft = Draft(span[0], span[1], cue[0], cue[1], verb.stance)
    set_speaker(ctx, draft, (first, last))
    return [draft]


def _before_incise(ctx: Context, before: int) -> tuple[Span, bool, tuple[int, int]] | None:
    """The content before an incise: a quote closing there, else the clause up to the comma."""
    if before < 0:
        return None
    mark = before if ctx.doc[before].text != "," else ctx.skip_spaces_back(before - 1)
    start = ctx.clause_start(before)
    quote = ctx.quote_closing_at(mark)
    if quote is not None and quote.start <= ctx.doc[start].idx:
        return quote.inner, True, (start, mark)
    end = before - 1 if ctx.doc[before].text == "," else before
    if end < start:
        return None
    span = trim_content(ctx.text, ctx.doc[start].idx, ctx.char_span(end, end)[1])
    return (span, False, (start, end)) if span[1] > span[0] else None


def _np_after(ctx: Context, tok: Any, hi: int) -> tuple[int, int] | None:
    """The speaker after an inverted verb, past time words and prepositional phrases."""
    i = tok.i + 1
    while i < hi:
        t = ctx.doc[i]
        if t.is_space or fold(t.text) in ctx.lex.skip_after_cue or t.pos_ == "ADV":
            i += 1
        elif t.is_punct:
            return None
        elif t.pos_ == "ADP":
            i = max(t.head.right_edge.i if t.head.i > t.i else t.i, i) + 1
        elif t.pos_ in ("DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ"):
            return np_tokens(ctx, climb(t, i, hi), i, hi)
        else:
            return None
    return None


# --------------------------------------------------------------------------- content after


def content_after(ctx: Context, tok: Any, verb: Verb) -> tuple[Span, bool] | None:
    """The content a preposed cue introduces, and whether it is a direct quote."""
    hi = ctx.sent_range(tok.i)[1]
    que = _complementizer(ctx, tok, hi, tok.i + len(verb.particles))
    if que is not None:
        return content_span(ctx, que + 1, _clause_end(ctx, ctx.doc[que], hi))
    strict = "strict" in verb.flags  # "ce que X appelle « … »" names, it does not report
    quote = None if strict else _quote_after(ctx, tok, hi, near=True)
    if quote is not None:
        return quote.inner, True
    if "infinitive" in verb.flags:
        found = _infinitive(ctx, tok)
        if found is not None:
            return found, False
    if "object" in verb.flags and _objects_allowed(ctx, tok, verb):
        found = _object(ctx, tok, hi)
        if found is not None:
            return _accused(ctx, found) if verb.stance == "deny" else found, False
    if verb.obliques():
        found = _oblique(ctx, tok, verb, hi)
        if found is not None:
            quoted = next((q for q in ctx.quotes if (q.start, q.end) == found), None)
            return (quoted.inner, True) if quoted else (found, False)
    if strict:
        return None
    quote = _quote_after(ctx, tok, hi, near=False)
    if quote is not None:
        return quote.inner, True
    found = _antecedent_clause(ctx, tok) or _after_colon(ctx, tok, hi)
    return (found, False) if found else None


def _complementizer(
    ctx: Context, tok: Any, hi: int, last: int | None = None, window: int = 20
) -> int | None:
    """The "que" opening the content, close after the verb (``last``: the last word of a
    phrase cue, "fait savoir") and before any other verb."""
    start = (tok.i if last is None else last) + 1
    # words between the verb and its clause ("a affirmé lundi, lors d'une conférence de
    # presse à Berlin, que …"): up to ``window``, none of them a verb
    for i in range(start, min(hi, start + window)):
        t = ctx.doc[i]
        if fold(t.text) in ctx.lex.complementizers and (t.pos_ == "SCONJ" or t.dep_ == "mark"):
            return i
        if t.text in _STOPS or t.text in (":", "«") or t.pos_ in ("VERB", "AUX"):
            return None
    return None


def _clause_end(ctx: Context, marker: Any, hi: int) -> int:
    """Last token of the clause a "que" opens: its verb's subtree, or the next stop."""
    head = marker.head if marker.head.i > marker.i else marker
    end = min(int(head.right_edge.i), hi - 1)
    if end + 1 < hi and not ctx.doc[end + 1].is_punct:
        end = end + 1
        while end + 1 < hi and ctx.doc[end + 1].text not in (",", *_STOPS, ":"):
            end += 1
    return end


def _quote_after(ctx: Context, tok: Any, hi: int, near: bool) -> Quote | None:
    """A quote after the verb: right after it ("a répondu : « … »") when ``near``, else
    anywhere among its complements ("a assuré X de son « soutien total »")."""
    after = ctx.char_span(tok.i, tok.i)[1]
    limit = ctx.char_span(hi - 1, hi - 1)[1]
    subtree = {t.i for t in tok.subtree}
    for quote in ctx.quotes:
        if not after <= quote.start < limit:
            continue
        opening = ctx.token_at(quote.start)
        between = ctx.doc[tok.i + 1 : opening]
        if near and all(t.is_punct or t.is_space or t.pos_ == "ADV" for t in between):
            return quote
        finite = any("Fin" in t.morph.get("VerbForm") for t in between)
        if not near and not finite and all(t.i in subtree or t.is_punct for t in between):
            return quote
        return None
    return None


_INF_MARKS = ("de", "d'", "à")


def _infinitive(ctx: Context, tok: Any) -> Span | None:
    """ "a affirmé n'avoir jamais …", "s'est engagé à réduire …", "reproche au maire d'avoir
    …", and an infinitive the parse hung on the addressee ("exhorte les habitants à rester")."""
    candidates = [c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i]
    for arg in tok.children:
        if arg.dep_ in ("obj", "obl:arg", "iobj") and arg.i > tok.i:
            candidates += [
                c
                for c in arg.children
                if c.dep_ == "acl" and any(fold(m.text) in _INF_MARKS for m in c.children)
            ]
    for c in candidates:
        inf = "Inf" in c.morph.get("VerbForm") or any(
            "Inf" in a.morph.get("VerbForm") for a in c.children if a.dep_ == "aux:tense"
        )
        if inf:
            first = c.left_edge.i
            while first < c.i and fold(ctx.doc[first].text) in _INF_MARKS:
                first += 1
            span = trim_content(
                ctx.text, ctx.doc[first].idx, ctx.char_span(*(c.right_edge.i,) * 2)[1]
            )
            return span if span[1] > span[0] else None
    return None


def _object(ctx: Context, tok: Any, hi: int) -> Span | None:
    """The object of a denial or accusation, with its "de" complement, up to ", ce que"."""
    args = [c for c in tok.children if c.i > tok.i and c.dep_ in _ARG_DEPS]
    if not any(c.dep_ == "obj" and c.pos_ not in ("PRON",) for c in args):
        # "accuse depuis longtemps X de …": the parser takes X for the adverbial's noun; a
        # name with its "de" + infinitive after the verb is still the accused
        args = [c for c in tok.children if c.i > tok.i and _accused_oblique(ctx, c)]
        if not args:
            return None
    first = min(c.left_edge.i for c in args)
    while first < hi and ctx.word(first) in ctx.lex.skip_after_cue:
        first += 1  # "accuse depuis l'an dernier Pyongyang de …": not "dernier Pyongyang"
    last = min(max(c.right_edge.i for c in args), hi - 1)
    for i in range(first, last + 1):
        t = ctx.doc[i]
        if t.text in (":", ";") or (t.text == "," and _starts_aside(ctx, i + 1)):
            last = i - 1
            break
    if last < first:
        return None
    span = _closed(ctx, trim_content(ctx.text, ctx.doc[first].idx, ctx.char_span(last, last)[1]))
    return span if span[1] > span[0] else None


def _accused_oblique(ctx: Context, c: Any) -> bool:
    return (
        c.dep_.startswith("obl")
        and c.pos_ in ("PROPN", "NOUN")
        and any(
            g.dep_ == "acl"
            and g.pos_ == "VERB"
            and any(m.dep_ == "mark" and ctx.word(m.i) in ("de", "d'") for m in g.children)
            for g in c.children
        )
    )


_ANY = frozenset({"tout", "toute", "tous", "toutes"})


def _objects_allowed(ctx: Context, tok: Any, verb: Verb) -> bool:
    """A verb with a physical sense ("écarter la foule") denies only a statement, a plan or a
    deed put forward ("écarte l'hypothèse", "exclut toute intervention")."""
    if "propositional" not in verb.flags:
        return True
    lex = ctx.lex
    for c in tok.children:
        if c.dep_ != "obj" or c.i < tok.i:
            continue
        words = {fold(t.lemma_) for t in c.subtree} | {ctx.word(t.i) for t in c.subtree}
        lemma = fold(c.lemma_)
        if lemma in lex.propositions or lemma in lex.accusation or lemma in lex.nouns:
            return True
        if words & _ANY or "selon" in words or ctx.inside_quote(c.idx) is not None:
            return True
    return False


def _closed(ctx: Context, span: Span) -> Span:
    """A content ending inside a quote it opened ("un budget « insincère") takes its closing
    mark, which the parse hangs elsewhere."""
    text = ctx.text
    inner = text[span[0] : span[1]]
    if inner.count("«") <= inner.count("»"):
        return span
    end = span[1]
    while end < len(text) and text[end] in " \u00a0\u202f":
        end += 1
    return (span[0], end + 1) if text[end : end + 1] == "»" else span


_CASES = {"au": "à", "aux": "à", "du": "de", "des": "de", "d'": "de"}


def _oblique(ctx: Context, tok: Any, verb: Verb, hi: int) -> Span | None:
    """A prepositional complement that carries the content: "appelle à la grève", "a mis en
    garde contre toute escalade", "s'est félicitée de l'accord"."""
    wanted = verb.obliques()
    skip = tok.i + len(verb.particles)
    for c in tok.children:
        if c.i <= skip or not c.dep_.startswith(("obl", "nmod")) or c.pos_ == "PRON":
            continue
        case = next((m for m in c.children if m.dep_ == "case" and m.i < c.i), None)
        if case is None or _CASES.get(fold(case.text), fold(case.text)) not in wanted:
            continue
        last = min(c.right_edge.i, hi - 1)
        span = trim_content(ctx.text, ctx.doc[case.i + 1].idx, ctx.char_span(last, last)[1])
        return _closed(ctx, span) if span[1] > span[0] else None
    return None


def _accused(ctx: Context, span: Span) -> Span:
    """What a denial denies: the proposition after "selon lequel/laquelle/lesquel(le)s" when
    the object states it ("rejette les accusations selon lesquelles il aurait …")."""
    first, last = ctx.token_at(span[0]), ctx.token_at(span[1] - 1)
    for k in range(first, last):
        if ctx.word(k) == "selon" and ctx.word(k + 1) in _RELATIVE_SELON and k + 2 <= last:
            inner = trim_content(ctx.text, ctx.doc[k + 2].idx, span[1])
            return inner if inner[1] > inner[0] else span
    return span


_RELATIVE_SELON = frozenset({"lequel", "laquelle", "lesquels", "lesquelles"})
_NOT_JUDGEMENT = frozenset({"ccomp", "advcl", "parataxis", "conj", "punct", "nsubj", "cc"})


def _judged_false(ctx: Context, tok: Any, cue: Span) -> list[Draft] | None:
    """Denial by evaluation: "juge « sans fondement » les accusations …", "a qualifié ces
    informations de mensonge", "taxe le rapport de fabrication". The object is what is denied
    (narrowed to the proposition after "selon lesquelles"); the judgement is no content."""
    hi = ctx.sent_range(tok.i)[1]
    words = ctx.lex.false_words
    scope = sorted(
        (
            t
            for c in tok.children
            if c.i > tok.i and c.dep_ not in _NOT_JUDGEMENT
            for t in c.subtree
            if t.i < hi
        ),
        key=lambda t: t.i,
    )
    single = [t for t in scope if fold(t.text) in words or fold(t.lemma_) in words]
    judged = [t for t in [*single, *_false_phrases(ctx, scope)] if _attribute(tok, t)]
    if not judged:
        return None
    marks = {t.i for t in judged}
    objects = [
        c
        for c in tok.children
        if c.dep_ in ("obj", "xcomp")
        and c.i > tok.i
        and c.pos_ in ("NOUN", "PROPN")
        and c.i not in marks
    ]
    if not objects:
        return None
    obj = objects[0]
    keep = [t.i for t in obj.subtree if t.i not in marks and t.i < hi]
    # the judgement may hang under the object ("ces informations de mensonge"): cut it off
    cut = min((_under(t, obj).left_edge.i for t in obj.subtree if t.i in marks), default=None)
    if cut is not None and cut > obj.i:
        keep = [i for i in keep if i < cut]
        while keep and ctx.word(keep[-1]) in ("de", "d'", "comme", "«", "»"):
            keep.pop()
    if not keep:
        return []
    span = trim_content(ctx.text, ctx.doc[min(keep)].idx, ctx.char_span(max(keep), max(keep))[1])
    span = _accused(ctx, span)
    drafts = []
    for speaker in _speakers(ctx, tok, _cue_tokens(ctx, tok)[0]):
        draft = Draft(span[0], span[1], cue[0], cue[1], "deny")
        set_speaker(ctx, draft, speaker)
        drafts.append(draft)
    return drafts


def _attribute(verb: Any, tok: Any) -> bool:
    """Is a judgement word what the verb says of its object ("juge … « absurdes »", "qualifie
    ces informations de mensonge", "dénuées de tout fondement"), not a word further down ("à
    des fins de propagande")? Its head is the verb or the verb's object, or an adjective
    or participle that is."""
    head = tok.head
    if head.i == verb.i or (head.head.i == verb.i and head.dep_ in ("obj", "xcomp")):
        return True
    descriptive = head.pos_ == "ADJ" or "Part" in head.morph.get("VerbForm")  # "dénués de"
    return descriptive and (head.head.i == verb.i or head.head.head.i == verb.i)


def _under(tok: Any, top: Any) -> Any:
    """The child of ``top`` whose subtree holds ``tok`` (``tok`` itself under ``top``)."""
    while tok.head.i != top.i and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _false_phrases(ctx: Context, scope: list[Any]) -> list[Any]:
    """Tokens of a multi-word judgement ("sans fondement", "fake news")."""
    found = []
    for phrase in (w for w in ctx.lex.false_words if " " in w):
        parts = phrase.split()
        for n in range(len(scope)):
            if [ctx.word(k.i) for k in scope[n : n + len(parts)]] == parts:
                found.extend(scope[n : n + len(parts)])
    return found


def _starts_aside(ctx: Context, i: int) -> bool:
    word = ctx.word(i)
    return word in ctx.lex.relatives or (word == "ce" and ctx.word(i + 1) in ctx.lex.relatives)


def _antecedent_clause(ctx: Context, tok: Any) -> Span | None:
    """ "…, ce que la Russie a démenti": the content is the clause before ", ce que"."""
    head = tok.head
    if tok.dep_ != "acl:relcl" or fold(head.text) != "ce":
        return None
    if not any("Rel" in c.morph.get("PronType") and c.i < tok.i for c in tok.children):
        return None
    comma = ctx.skip_spaces_back(head.i - 1)
    if comma < 1 or ctx.doc[comma].text != ",":
        return None
    start = ctx.clause_start(comma)
    span = trim_content(ctx.text, ctx.doc[start].idx, ctx.doc[comma].idx)
    return span if span[1] > span[0] else None


def _after_colon(ctx: Context, tok: Any, hi: int) -> Span | None:
    nxt = tok.i + 1
    while nxt < hi and (ctx.doc[nxt].pos_ == "ADV" or ctx.doc[nxt].is_space):
        nxt += 1
    if nxt >= hi - 1 or ctx.doc[nxt].text != ":":
        return None
    span = trim_content(ctx.text, ctx.doc[nxt + 1].idx, ctx.char_span(hi - 1, hi - 1)[1])
    return span if span[1] > span[0] else None
