"""Claims from token patterns: no parse, no tags, only words, the lexicon and punctuation.

Used for English (whatever its pipeline) and for any language whose Doc is not parsed, and for
the prepositions of every language ("selon X, …", "…, according to X").

- ``SPEAKER [aux] CUE [that] CONTENT``: "Kremlin spokesman Dmitry Peskov said on Friday that
  …"; the speaker is the noun phrase before the cue, back to a boundary word or a comma, over
  a parenthetical (", who accompanied him,"), split at "and" between two names;
- ``CONTENT, SPEAKER CUE.`` and ``CONTENT, CUE SPEAKER.``: attribution after the content;
- ``SPEAKER quoted X as saying [that] CONTENT``: X's claim nested in SPEAKER's.

What hangs on the cue is read as data of the language's ``[patterns]`` table (a list left out
turns its rule off, so French is untouched): the addressee of "tell" and prepositional
adjuncts ('"…," she told reporters in a statement on Friday.', "said in a post on X that …"),
bracketed and participial asides ("Sen. X (R-Ohio)", ", speaking on condition of anonymity,"),
a name in apposition to a role, speech nouns that are no speakers ("a statement from the
army"), cues sharing a speaker ("said A and insisted B", ", adding: "B""), a quote that
continues the one attributed in the sentence before, and denial by judgement ("called the
story a fabrication", "dismissed the reports as baseless", "said the claims were false").
"""

from __future__ import annotations

from veille.extract.claims.judgement import evaluation_at, is_mark, judged_false, object_content
from veille.extract.claims.lexicon import Verb, fold
from veille.extract.claims.speakers import carried, pronoun_of, pronoun_span
from veille.extract.claims.text import Context, Draft, Span, split_parts, trim_content
from veille.records import Stance

_STOP_WORDS = frozenset({",", ".", ";", ":", "!", "?", "«", "»", "(", ")", '"', "“", "”"})
_NOT_CUE_BEFORE = frozenset(
    {"is", "are", "was", "were", "be", "been", "being", "to", "est", "sont", "été", "être"}
)
Tokens = tuple[int, int]  # inclusive token range


# --------------------------------------------------------------------------- prepositions


def preposition_drafts(ctx: Context) -> list[Draft]:
    """ "selon X, …", "…, d'après X", "according to X, …", and "Pour des experts, …"."""
    drafts = []
    for i in range(len(ctx.doc)):
        end = _match(ctx, i, ctx.lex.source_preps)
        opinion = end is None
        if end is None:
            end = _match(ctx, i, ctx.lex.opinion_preps)
        if end is not None:
            draft = _preposition(ctx, i, end, opinion)
            if draft is not None:
                drafts.append(draft)
    return drafts


def _match(ctx: Context, i: int, phrases: tuple[str, ...]) -> int | None:
    """Index after a phrase starting at token ``i`` ("d'" + "après", "according" + "to")."""
    first = ctx.word(i)
    for phrase in phrases:
        if not first or not phrase.startswith(first):
            continue
        target, seen, j = phrase.replace(" ", ""), "", i
        while j < len(ctx.doc) and len(seen) < len(target) and target.startswith(seen):
            seen += ctx.word(j)
            j += 1
        if seen == target:
            return j
    return None


def _preposition(ctx: Context, i: int, j: int, opinion: bool) -> Draft | None:
    lo, hi = ctx.sent_range(i)
    k = j
    while k < hi and ctx.doc[k].text not in _STOP_WORDS and not ctx.doc[k].is_space:
        k += 1
    if k == j or k - j > 12 or not _is_source(ctx, j, k, opinion):
        return None
    initial = all(ctx.doc[t].is_punct or ctx.doc[t].is_space for t in range(lo, i))
    comma = k < hi and ctx.doc[k].text == ","
    if opinion and not (initial and comma):
        return None
    speaker = carried(ctx, j, k - 1)  # "selon un communiqué du ministère": the ministry
    if initial:
        if not comma or k + 1 > ctx.sentence_last(hi):
            return None
        found = content_span(ctx, _past_apposition(ctx, k + 1, hi), ctx.sentence_last(hi))
        if found is None:
            return None
        (start, end), direct = found
        extra = None
    else:
        parts = _before(ctx, i, speaker[1], hi, comma)
        if parts is None:
            return None
        (start, end), direct, extra = parts
    cue = ctx.char_span(i, j - 1)
    draft = Draft(start, end, cue[0], cue[1], "assert", direct, preposition=True, extra=extra)
    _speaker(ctx, draft, speaker)
    return draft


def _past_apposition(ctx: Context, j: int, hi: int) -> int:
    """ "Pour X, analyste à l'institut Y, « … »": the content starts after a verbless phrase
    about the speaker set between commas (read on a parse only)."""
    if not ctx.parsed:
        return j
    for c in range(j, min(hi, j + 12)):
        tok = ctx.doc[c]
        if tok.pos_ in ("VERB", "AUX") or tok.text in _STOP_WORDS - {","}:
            return j
        if tok.text == ",":
            return c + 1 if c > j and c + 1 < ctx.sentence_last(hi) else j
    return j


def _is_source(ctx: Context, j: int, k: int, opinion: bool) -> bool:
    lex = ctx.lex
    words = [ctx.word(t) for t in range(j, k)]
    lemmas = [fold(ctx.doc[t].lemma_ or ctx.doc[t].text) for t in range(j, k)]
    if any(w in lex.not_sources for w in words[:3] + lemmas[:3]):
        return False
    if not opinion:
        return any(ctx.doc[t].text[:1].isalpha() for t in range(j, k))
    roles = lex.group | lex.anonymous | lex.human
    if any(lex.noun_in(w, roles) or w in roles for w in words + lemmas):
        return True
    if ctx.parsed:
        return any(ctx.doc[t].pos_ == "PROPN" for t in range(j, k))
    return any(ctx.doc[t].text[:1].isupper() for t in range(j, k))


def _before(
    ctx: Context, i: int, speaker_end: int, hi: int, comma: bool
) -> tuple[Span, bool, Span | None] | None:
    """Content before a late attribution ("…, selon X[, …]"): a quote or the clause."""
    before = ctx.skip_spaces_back(i - 1)
    if before < 0:
        return None
    end = ctx.skip_spaces_back(before - 1) if ctx.doc[before].text == "," else before
    start = ctx.clause_start(end + 1)
    quote = ctx.quote_closing_at(end)
    if quote is not None and quote.start <= ctx.doc[start].idx:
        return quote.inner, True, ctx.next_quote(speaker_end)
    if end < start:
        return None
    right = ctx.after_comma(speaker_end, hi) if comma else None
    span, extra = split_parts(ctx, (start, end), right)
    return (span, False, extra) if span[1] > span[0] else None


def content_span(ctx: Context, first: int, last: int) -> tuple[Span, bool] | None:
    if last < first:
        return None
    span = trim_content(ctx.text, ctx.doc[first].idx, ctx.char_span(last, last)[1])
    for quote in ctx.quotes:
        if (quote.start, quote.end) == span:
            return quote.inner, True
    return (span, False) if span[1] > span[0] else None


def _speaker(ctx: Context, draft: Draft, tokens: Tokens) -> None:
    first, last = _behind_speech_noun(ctx, *tokens)
    while last > first and ctx.doc[last].is_punct:
        last -= 1
    pronoun = pronoun_of(ctx, first, last)
    if pronoun is not None:
        draft.pronoun, draft.speaker = pronoun, pronoun_span(ctx, first)
    else:
        draft.speaker = ctx.char_span(first, last)


def _behind_speech_noun(ctx: Context, first: int, last: int) -> Tokens:
    """ "a statement from the army", "remarks published by the ministry": the speaker is who
    the noun names, never the noun."""
    nouns, links = ctx.lex.words("speech_nouns"), ctx.lex.words("speech_noun_links")
    for k in range(first, min(first + 4, last)):
        if ctx.word(k) in nouns and ctx.word(k + 1) in links:
            m = k + 1
            while m < last and ctx.word(m) in links:
                m += 1
            return m, last
    return first, last


# --------------------------------------------------------------------------- verbs


def pattern_drafts(ctx: Context) -> list[Draft]:
    drafts: list[Draft] = []
    consumed = _source_phrases(ctx)
    for i in range(len(ctx.doc)):
        verb = cue_form(ctx, i)
        if verb is None or i in consumed or ctx.inside_quote(ctx.doc[i].idx) is not None:
            continue  # a reporting verb inside quoted words is the quoted speaker's wording
        drafts.extend(verb_drafts(ctx, i, verb, consumed))
    drafts.extend(_shared_subject_drafts(ctx, drafts, consumed))
    drafts.extend(_continued_quotes(ctx, drafts))
    for a in (d for d in drafts if d.antecedent):
        for b in drafts:  # "X said A, a claim Y denied": A ends before ", a claim"
            if not b.antecedent and b.start < a.end < b.end and b.cue_start < a.end:
                b.end = a.end
    _definite_speakers(ctx, drafts)
    return drafts


def _fuller_name(ctx: Context, span: Span, head: str, definite: frozenset[str]) -> bool:
    """A phrase with the same head noun and at least one word more than "the" + head."""
    words = fold(ctx.text[span[0] : span[1]]).split()
    if words[:1] and words[0] in definite:
        words = words[1:]
    return len(words) >= 2 and words[-1] == head


def _definite_speakers(ctx: Context, drafts: list[Draft]) -> None:
    """ "the ministry" after "the Russian defence ministry": a speaker made of a definite
    article and a noun stands for the nearest earlier organisation or speaker named with the
    same head noun (a few sentences back), as a pronoun does."""
    definite = ctx.lex.words("definite")
    if not definite:
        return
    named = [
        (m.start_char, m.end_char)
        for m in getattr(ctx.doc._, "mentions", None) or ()
        if m._.veille_type in ("ORG", "COUNTRY")
    ]
    for draft in sorted(drafts, key=lambda d: d.cue_start):
        if draft.speaker is None or draft.pronoun is not None:
            continue
        a, b = ctx.token_at(draft.speaker[0]), ctx.token_at(draft.speaker[1] - 1)
        if b != a + 1 or ctx.word(a) not in definite or not ctx.doc[b].text.islower():
            continue
        spoken = [d.speaker for d in drafts if d.speaker and d.cue_start < draft.cue_start]
        found = [
            span
            for span in [*named, *spoken]
            if span[1] <= draft.speaker[0]
            and _fuller_name(ctx, span, ctx.word(b), definite)
            and ctx.sent_of[b] - ctx.sent_of[ctx.token_at(span[0])] <= 6
        ]
        if found:
            draft.speaker = max(found)


def _continued_quotes(ctx: Context, drafts: list[Draft]) -> list[Draft]:
    """A quote that is a whole sentence of its own, right after a sentence that attributes a
    quote ('"A," X said. "B."', or B as the next paragraph), goes on with X's words."""
    if not ctx.lex.words("cue_adjunct_preps"):
        return []
    used = {(d.start, d.end) for d in drafts} | {d.extra for d in drafts if d.extra}
    out: list[Draft] = []
    for quote in ctx.quotes:
        if quote.inner in used:
            continue
        first = ctx.token_at(quote.start)
        lo, hi = ctx.sent_range(first)
        alone = all(ctx.doc[k].is_space or ctx.doc[k].is_punct for k in range(lo, first))
        close = ctx.token_at(quote.end - 1)
        whole = all(ctx.doc[k].is_space or ctx.doc[k].is_punct for k in range(close + 1, hi))
        sentence = ctx.sent_of[first]
        if not (alone and whole) or sentence == 0:
            continue
        n = sentence - 1
        while n > 0 and all(t.is_space for t in ctx.doc[ctx.sents[n][0] : ctx.sents[n][1]]):
            n -= 1  # a paragraph break the sentencizer made a sentence of its own
        previous = ctx.sents[n]
        hosts = [
            d
            for d in [*drafts, *out]
            if d.direct
            and d.speaker is not None
            and ctx.paragraph(quote.start) - ctx.paragraph(d.end) <= 2
            and (
                previous[0] <= ctx.token_at(d.cue_start) < previous[1]
                or previous[0] <= ctx.token_at(max(d.end - 1, d.start)) < previous[1]
            )
        ]
        if not hosts or any(lo <= ctx.token_at(d.cue_start) < hi for d in drafts):
            continue
        host = max(hosts, key=lambda d: d.end)
        draft = Draft(*quote.inner, host.cue_start, host.cue_end, host.cue_stance, True)
        draft.speaker, draft.pronoun = host.speaker, host.pronoun
        out.append(draft)
    return out


def _source_phrases(ctx: Context) -> set[int]:
    """Tokens of the phrase after "according to": "according to local reports" names a
    source, and its "reports" is no reporting verb."""
    inside: set[int] = set()
    for i in range(len(ctx.doc)):
        end = _match(ctx, i, ctx.lex.source_preps)
        k = end if end is not None else len(ctx.doc)
        while k < len(ctx.doc) and ctx.doc[k].text not in _STOP_WORDS and not ctx.doc[k].is_space:
            inside.add(k)
            k += 1
    return inside


def _shared_subject_drafts(ctx: Context, drafts: list[Draft], consumed: set[int]) -> list[Draft]:
    """A second cue sharing the first one's speaker: "X said A and insisted B", "X said A,
    adding: "B"". The first content stops before it."""
    if not ctx.lex.words("aside_endings"):
        return []
    out: list[Draft] = []
    links = ctx.lex.coordinators | ctx.lex.words("shared_links")
    for i in range(1, len(ctx.doc)):
        before = ctx.skip_spaces_back(i - 1)
        link = ctx.word(before)
        verb = _participle(ctx, i) if link == "," else None  # ", adding: …"
        if link in links:
            verb = cue_form(ctx, i)  # "and insisted …", "but said …"
        if verb is None or i in consumed or ctx.inside_quote(ctx.doc[i].idx) is not None:
            continue
        lo, hi = ctx.sent_range(i)
        hosts = [
            d
            for d in drafts
            if lo <= ctx.token_at(d.cue_start) < i and d.speaker and d.speaker[1] <= d.cue_start
        ]
        if not hosts or "quoting" in verb.flags or "evaluative" in verb.flags:
            continue
        host = max(hosts, key=lambda d: d.cue_start)
        found = _content_after(ctx, i, hi, consumed, _tail(ctx, i, hi, verb), verb)
        if found is None:
            continue
        (start, end), direct, cue_end, stance = found
        draft = Draft(start, end, ctx.doc[i].idx, cue_end, _stronger(verb.stance, stance), direct)
        draft.speaker, draft.pronoun = host.speaker, host.pronoun
        if host.start < ctx.doc[i].idx < host.end:
            cut = before if link == "," else before - 1
            cut = cut if ctx.word(cut) == "," else cut + 1
            host.end = min(host.end, trim_content(ctx.text, host.start, ctx.doc[cut].idx)[1])
        out.append(draft)
    return out


def _participle(ctx: Context, i: int) -> Verb | None:
    """The reporting verb of a present participle ("adding", "noting", "denying"): the lemma
    with the ending taken off, with its final "e" back, or with a doubled consonant undone."""
    word = ctx.word(i)
    for ending in ctx.lex.words("aside_endings"):
        if not word.endswith(ending) or len(word) <= len(ending) + 2:
            continue
        stem = word[: -len(ending)]
        for lemma in (stem, stem + "e", stem[:-1]):
            if lemma in ctx.lex.verbs:
                return ctx.lex.verbs[lemma]
    return None


def cue_form(ctx: Context, i: int) -> Verb | None:
    lemma = ctx.lex.forms.get(ctx.word(i))
    if lemma is None or not ctx.doc[i].text.islower() or ctx.in_compound(i):
        return None
    before = ctx.word(ctx.skip_spaces_back(i - 1))
    if before in _NOT_CUE_BEFORE or before in ctx.lex.determiners:
        return None  # passive, infinitive or noun: "was reported", "to say", "the claims"
    if before in ctx.lex.words("not_cue_before"):
        return None  # negated or not (yet) said: "did not say", "will tell", "does not add up"
    if before in ctx.lex.words("possessives") and ctx.word(i).endswith("s"):
        return None  # a noun after a possessive: "Moscow's claims", "the agency's reports"
    return ctx.lex.verbs.get(lemma)


def verb_drafts(ctx: Context, i: int, verb: Verb, consumed: set[int]) -> list[Draft]:
    """Claims of the reporting verb at token ``i``, read from the words around it."""
    lo, hi = ctx.sent_range(i)
    first = i
    while first - 1 >= lo and (ctx.word(first - 1) in ctx.lex.aux or _manner(ctx, first - 1)):
        first -= 1
    cue = ctx.char_span(first, i)
    if "quoting" in verb.flags:
        return _quoting(ctx, i, first, hi, cue)
    if "evaluative" in verb.flags:
        # a claim only with a judgement of falsity ("called the story a fabrication"),
        # unless the verb also reports opinions ("estime-t-on" speculates without one)
        judged = _evaluation(ctx, i, hi, np_before(ctx, first, lo), cue)
        if judged or verb.stance in ("assert", "deny"):
            return judged
    prev = ctx.skip_spaces_back(first - 1)
    aside = prev >= lo and ctx.doc[prev].text == "," and _relative_aside(ctx, prev, lo)
    aside = aside or (prev >= lo and ctx.doc[prev].text == "," and _quoted_aside(ctx, prev, lo))
    inverted = "addressee" not in verb.flags  # "…, told the agency": an addressee follows
    if (
        inverted
        and prev >= lo
        and not aside
        and (ctx.doc[prev].text == "," or ctx.quote_closing_at(prev))
    ):
        speaker = _np_after(ctx, i + 1, hi)  # "…, said the minister."
        if speaker is not None:
            return _incise(ctx, verb, prev, speaker, cue, hi, _tail(ctx, speaker[1], hi) - 1)
    speakers = np_before(ctx, first, lo)
    if not speakers:
        return []
    if ctx.word(ctx.skip_spaces_back(speakers[0][0] - 1)) in ctx.lex.words("not_said_after"):
        return []  # "Asked whether he thought …", "if she says …": not a statement
    a, b = speakers[0]
    if (
        ctx.word(a) in ctx.lex.determiners
        and ctx.word(a + 1) in ctx.lex.words("claim_nouns")
        and a + 2 <= b
        and ctx.word(ctx.skip_spaces_back(a - 1)) == ","
    ):
        return _antecedent(ctx, verb, a, [(a + 2, b)], cue)  # "…, an allegation he rejected"
    nxt = _tail(ctx, i, hi, verb)
    before = ctx.skip_spaces_back(speakers[0][0] - 1)
    if before >= lo and ctx.quote_closing_at(before) and ctx.lex.words("cue_adjunct_preps"):
        # '"…," Kolaric said but would not comment', '"…," he said as he left': the words
        # after the attribution are about it; the content is the quote before.
        return _incise(ctx, verb, before, speakers[0], cue, hi, max(i, nxt - 1))
    if ctx.word(nxt) in ctx.lex.words("adjunct_clauses") and ctx.word(before) == ",":
        return _incise(ctx, verb, before, speakers[0], cue, hi, i)  # "…, he said as he left."
    if nxt >= hi or ctx.doc[nxt].text in (",", ".", "!", "?") or ctx.doc[nxt].is_space:
        # "…, the Russian government said.", '"…," she told reporters in a statement.'
        if ctx.word(before) in ctx.lex.complementizers and ctx.word(before - 1) == "ce":
            return _antecedent(ctx, verb, before - 1, speakers, cue)
        if ctx.word(before) in ctx.lex.words("claim_nouns") and ctx.word(before - 2) == ",":
            return _antecedent(ctx, verb, before - 1, speakers, cue)  # "…, a claim X denied"
        if (
            ctx.word(before) in ctx.lex.words("antecedent_relatives")
            and ctx.word(before - 1) == ","
        ):
            return _antecedent(ctx, verb, before, speakers, cue)  # "…, which Beijing denies"
        if before >= lo and (ctx.doc[before].text == "," or ctx.quote_closing_at(before)):
            return _incise(ctx, verb, before, speakers[0], cue, hi, max(i, nxt - 1))
        if not (nxt < hi and ctx.word(nxt) == "," and ctx.quote_opening_at(nxt + 1)):
            return []  # 'He says, "…"' goes on below
    found = _content_after(ctx, i, hi, consumed, nxt, verb)
    if found is None:
        return []
    (start, end), direct, cue_end, stance = found
    drafts = []
    for speaker in speakers:
        draft = Draft(start, end, cue[0], cue_end, _stronger(verb.stance, stance), direct)
        _speaker(ctx, draft, speaker)
        drafts.append(draft)
    return drafts


def _stronger(stance: Stance, chained: Stance | None) -> Stance:
    """ "have said they fear": the chained verb's stance when the first is a plain assert."""
    return chained if chained and stance == "assert" else stance


def _incise(
    ctx: Context,
    verb: Verb,
    before: int,
    speaker: Tokens,
    cue: Span,
    hi: int,
    last: int | None = None,
) -> list[Draft]:
    incise_end = max(speaker[1], last if last is not None else speaker[1])
    found = _content_before(ctx, before, incise_end, hi)
    if found is None:
        return []
    (s, e), direct, extra = found
    stance = verb.stance
    nouns = ctx.lex.words("claim_nouns")  # '"…," she said of the report.'
    about = any(ctx.word(k) in nouns for k in range(speaker[1] + 1, incise_end + 1))
    if stance == "assert" and judged_false(ctx, ctx.token_at(s), ctx.token_at(e - 1), about):
        stance = "deny"  # '"The report is false," the ministry said.'
    draft = Draft(s, e, cue[0], cue[1], stance, direct, extra=extra)
    _speaker(ctx, draft, speaker)
    return [draft]


def _content_before(
    ctx: Context, before: int, incise_end: int, hi: int
) -> tuple[Span, bool, Span | None] | None:
    """Content of an attribution that follows it: the quote or clause ending at token
    ``before`` (a comma or a closing mark), and the part after the attribution, if any."""
    end = ctx.skip_spaces_back(before - 1) if ctx.doc[before].text == "," else before
    start = ctx.clause_start(end + 1)
    quote = ctx.quote_closing_at(end)
    if quote is not None and quote.start <= ctx.doc[start].idx:
        (s, e), direct, extra = quote.inner, True, ctx.next_quote(incise_end)
    elif end >= start:
        (s, e), extra = split_parts(ctx, (start, end), ctx.after_comma(incise_end, hi))
        direct = False
    else:
        return None
    return ((s, e), direct, extra) if e > s else None


def _antecedent(
    ctx: Context, verb: Verb, ce: int, speakers: list[Tokens], cue: Span
) -> list[Draft]:
    """ "…, ce que la mairie dément.": the content is the clause before ", ce que"."""
    comma = ctx.skip_spaces_back(ce - 1)
    if comma < 1 or ctx.doc[comma].text != ",":
        return []
    start = ctx.clause_start(comma)
    span = trim_content(ctx.text, ctx.doc[start].idx, ctx.doc[comma].idx)
    drafts = []
    for speaker in speakers if span[1] > span[0] else []:
        draft = Draft(span[0], span[1], cue[0], cue[1], verb.stance, antecedent=True)
        _speaker(ctx, draft, speaker)
        drafts.append(draft)
    return drafts


def _skip_adjuncts(ctx: Context, j: int, hi: int) -> int:
    """Past "on Friday", "again", "last week" after a cue."""
    while j < hi:
        word = ctx.word(j)
        if ctx.doc[j].is_space or word in ctx.lex.skip_after_cue:
            j += 1
        elif word in ("last", "this", "next") and j + 1 < hi:
            j += 2
        else:
            break
    return j


def _content_after(
    ctx: Context,
    i: int,
    hi: int,
    consumed: set[int],
    tail: int | None = None,
    verb: Verb | None = None,
) -> tuple[Span, bool, int, Stance | None] | None:
    """Content after a cue, its directness, the cue's end and a chained cue's stance.

    ``tail`` is the first token after the cue's adjuncts ("told reporters in Kyiv"): a content
    opening there with "that", a colon or a quote is taken whole; otherwise the words after
    the cue, unless the verb only reports a clause ("wrote that …", never "wrote a book").
    """
    cue_end = ctx.char_span(i, i)[1]
    tail = i + 1 if tail is None else tail
    flags = verb.flags if verb is not None else frozenset()
    word = ctx.word(tail)
    opened = word in ctx.lex.complementizers or word == ":"
    if word == "," and ctx.quote_opening_at(tail + 1):
        opened, tail = True, tail + 1  # 'He says, "…"'
    elif ctx.quote_opening_at(tail):
        opened = True
    if opened and tail > i + 1 and ctx.lex.words("cue_adjunct_preps"):
        j = tail + 1 if word in ctx.lex.complementizers else tail
    else:
        j = _after_complementizer(ctx, i + 1, hi)
        clause_only = "clause" in flags and ctx.lex.words("cue_adjunct_preps")
        if clause_only and not opened and not _bare_clause(ctx, j, hi):
            return None
        if "addressee" in flags and not opened and ctx.lex.words("cue_adjunct_preps"):
            # "told Reuters on Monday the plan was dead": the content follows the addressee,
            # unless a verb follows it ("warned the merger might …": it was the subject)
            k = _skip_adjuncts(ctx, _phrase_end(ctx, i + 1, hi, addressee=True), hi)
            j = j if ctx.word(k) in ctx.lex.words("clause_words") else k
    stance: Stance | None = None
    if ctx.word(j) in ctx.lex.pronouns and ctx.lex.forms.get(ctx.word(j + 1)):
        chained = ctx.lex.verbs[ctx.lex.forms[ctx.word(j + 1)]]  # "have said they fear …"
        consumed.add(j + 1)
        cue_end, stance = ctx.char_span(j + 1, j + 1)[1], chained.stance
        j = _after_complementizer(ctx, j + 2, hi)
    if j < len(ctx.doc) and ctx.word(j) == ":":
        j += 1
    about = any(ctx.word(k) in ctx.lex.words("claim_nouns") for k in range(i + 1, tail))
    quote = ctx.quote_opening_at(j)
    after = ctx.token_at(quote.end - 1) + 1 if quote is not None else j
    if quote is not None and ctx.word(after) in ctx.lex.complementizers and tail > i + 1:
        # 'said on NBC's "Meet the Press" that …': the quote names a programme
        quote, j = None, after + 1
    if quote is not None:
        last = ctx.token_at(quote.end - 1)
        if stance is None and verb and verb.stance == "assert":
            stance = "deny" if judged_false(ctx, j + 1, last, about) else None
        return quote.inner, True, cue_end, stance
    last = ctx.sentence_last(hi)
    if last - j < (0 if "object" in flags and ctx.lex.words("claim_nouns") else 1):
        return None  # one word is no content, except the object of "denied wrongdoing"
    if ctx.word(j) in ctx.lex.words("cue_adjunct_preps") and last - j < 6:
        return None  # "think about Brexit", "said in reply": no proposition
    for k in range(j + 1, last):
        if ctx.word(k - 1) == "," and _match(ctx, k, ctx.lex.source_preps) is not None:
            last = ctx.skip_spaces_back(k - 2)  # "…, according to local reports."
            break
        comment = ctx.word(k) in ctx.lex.determiners and ctx.word(k + 1) in ctx.lex.words(
            "claim_nouns"
        )
        if ctx.word(k - 1) == "," and comment:
            last = ctx.skip_spaces_back(k - 2)  # "…, a claim that could not be verified."
            break
    if "object" in flags and ctx.lex.words("claim_nouns"):
        j, last = object_content(ctx, j, last)
    for k in range(j + 1, last):
        if ctx.word(k - 1) == "," and ctx.lex.words("aside_endings") and _participle(ctx, k):
            last = ctx.skip_spaces_back(k - 2)  # "…, calling them "fake news"": an aside
            break
    found = content_span(ctx, j, last)
    if found is None:
        return None
    if stance is None and verb and verb.stance == "assert" and judged_false(ctx, j, last, about):
        stance = "deny"  # "said the allegations were false"
    return found[0], found[1], cue_end, stance


def _bare_clause(ctx: Context, j: int, hi: int) -> bool:
    """Words after a cue that make a clause without "that" ("warned the plan would fail"):
    a subject, then a finite auxiliary or copula within a few words ("wrote a book", "warned
    of a crisis" are none)."""
    lex = ctx.lex
    if j >= hi or ctx.doc[j].is_punct or ctx.word(j) in lex.words("cue_adjunct_preps"):
        return False
    clause = lex.words("clause_words")
    return any(ctx.word(k) in clause for k in range(j + 1, min(hi, j + 7)))


def _tail(ctx: Context, i: int, hi: int, verb: Verb | None = None) -> int:
    """First token after what hangs on the cue at ``i`` before its content or the end:
    time words, the addressee of "tell" ("told reporters"), and prepositional phrases ("in a
    statement released on Friday", "at a news conference in Brussels")."""
    preps = ctx.lex.words("cue_adjunct_preps")
    if not preps:
        return _skip_adjuncts(ctx, i + 1, hi)
    j = _skip_time(ctx, i + 1, hi, preps)
    if verb is not None and "addressee" in verb.flags and ctx.word(j) not in preps:
        j = _skip_time(ctx, _phrase_end(ctx, j, hi, addressee=True), hi, preps)
    return _adjuncts_from(ctx, j, hi)


def _adjuncts_from(ctx: Context, j: int, hi: int) -> int:
    """Index after the prepositional phrases and time words starting at ``j``."""
    preps = ctx.lex.words("cue_adjunct_preps")
    while j < hi and ctx.word(j) in preps:
        k = j
        while k < hi and ctx.word(k) in preps:
            k += 1  # "ahead of", "in front of"
        end = _phrase_end(ctx, k, hi)
        if end == k:
            break
        j = _skip_time(ctx, end, hi, preps)
    return j


def _manner(ctx: Context, k: int) -> bool:
    """A manner adverb ("flatly", "strongly") by the ending the language lists for them."""
    word = ctx.word(k)
    ends = tuple(ctx.lex.words("adverb_endings"))
    return bool(ends) and ctx.doc[k].text.islower() and len(word) > 4 and word.endswith(ends)


def _skip_time(ctx: Context, j: int, hi: int, preps: frozenset[str]) -> int:
    """Past time words, manner adverbs and spaces ("Tuesday", "late", "last week", "simply"),
    not past a preposition."""
    adverb = tuple(ctx.lex.words("adverb_endings"))
    while j < hi:
        word = ctx.word(j)
        time = word in ctx.lex.skip_after_cue and word not in preps
        manner = ctx.doc[j].text.islower() and len(word) > 4 and word.endswith(adverb)
        if ctx.doc[j].is_space or time or manner:
            j += 1
        elif word in ("last", "this", "next") and j + 1 < hi:
            j += 2
        else:
            break
    return j


def _phrase_end(ctx: Context, j: int, hi: int, addressee: bool = False) -> int:
    """Index after a short noun phrase starting at ``j`` (at most ten words with its "of"
    and "for" phrases, no verb, no clause word); an addressee stops before a second
    determiner or a pronoun ("told reporters the …", "told reporters she …")."""
    lex = ctx.lex
    stops = lex.boundary | lex.complementizers | lex.words("clause_words")
    preps = lex.words("cue_adjunct_preps") - lex.connectors
    k = j
    while k < hi and k - j < 10:
        tok, word = ctx.doc[k], ctx.word(k)
        if tok.is_space or tok.text in _STOP_WORDS or word in stops or word in preps:
            break
        if (lex.forms.get(word) and tok.text.islower()) or ctx.quote_opening_at(k):
            break
        if addressee and k > j and (word in lex.determiners or word in lex.pronouns):
            break
        k += 1
    return k


def _evaluation(ctx: Context, i: int, hi: int, speakers: list[Tokens], cue: Span) -> list[Draft]:
    """ "called the story a fabrication", "branded the charges baseless": a denial of the
    object; without such a judgement the verb reports nothing ("called for calm")."""
    last = ctx.sentence_last(hi)
    for m in range(i + 2, min(last + 1, i + 14)):
        link = ctx.word(m) in ctx.lex.words("evaluation_links") or is_mark(ctx, m)
        if ctx.word(m) in ctx.lex.words("denial_evaluations") or (
            link and evaluation_at(ctx, m, last)
        ):
            found = content_span(ctx, i + 1, ctx.skip_spaces_back(m - 1))
            if found is None:
                return []
            drafts = []
            for speaker in speakers:
                draft = Draft(*found[0], cue[0], cue[1], "deny", found[1])
                _speaker(ctx, draft, speaker)
                drafts.append(draft)
            return drafts
        if ctx.doc[m].text in _STOP_WORDS and not link:
            return []
    return []


def _after_complementizer(ctx: Context, j: int, hi: int) -> int:
    """Index after "that" when it comes within a few words (past "told reporters"), else
    the first index after adjuncts."""
    start = _skip_adjuncts(ctx, j, hi)
    for k in range(j, min(hi, j + 6)):
        word = ctx.word(k)
        if word in ctx.lex.complementizers:
            return k + 1
        if word in (".", ";", ":", "!", "?") or ctx.lex.forms.get(word) or ctx.quote_opening_at(k):
            break
    return start


def np_before(ctx: Context, first: int, lo: int) -> list[Tokens]:
    """Speaker noun phrase(s) ending before token ``first``; two for "Moscow and Pyongyang"."""
    j = _skip_when(ctx, ctx.skip_spaces_back(first - 1), lo)
    apposed = -1
    if j >= lo and ctx.doc[j].text == ",":
        comma = j
        j = _skip_parenthetical(ctx, j, lo)
        if j >= lo and _apposed_name(ctx, j + 2, comma):
            apposed = comma - 1  # "Labour's shadow chancellor, Rachel Moss, said"
        if j + 1 < comma and ctx.doc[j + 1].text == "," and _relative_aside(ctx, j + 1, lo):
            j, apposed = _skip_parenthetical(ctx, j + 1, lo), -1  # ", who …, Mira, told"
        while j >= lo and ctx.word(j) in ctx.lex.aux:
            j -= 1
        if j < lo:
            return []
    j = _skip_brackets(ctx, j, lo)  # 'Sen. Tom Hadley (R-Ohio) said'
    found = _collect_back(ctx, j, lo)
    if found is None:
        return []
    a, b = found
    if apposed > b and ctx.doc[b].text.islower() and ctx.lex.noun_in(ctx.word(b), ctx.lex.human):
        return [(a, apposed)]  # a role, then the name: not "Rep. Ann Cole, D-Calif.,"
    phrases = [(a, b)]
    conj = ctx.skip_spaces_back(a - 1)
    if conj > lo and ctx.word(conj) in ctx.lex.coordinators and _named(ctx, a, b):
        other = _collect_back(ctx, ctx.skip_spaces_back(conj - 1), lo)
        if other is not None and _named(ctx, *other):
            phrases.insert(0, other)
    return [(a + 1, b) if ctx.word(a) == "both" and a < b else (a, b) for a, b in phrases]


def _quoted_aside(ctx: Context, comma: int, lo: int) -> bool:
    """'"…," Rep. Carla Diaz, D-Texas, wrote …': the comma closes an aside after a speaker
    that follows a quote, so the words after the cue are no speaker."""
    if not ctx.lex.words("cue_adjunct_preps"):
        return False
    j = _skip_brackets(ctx, _skip_parenthetical(ctx, comma, lo), lo)
    found = _collect_back(ctx, j, lo) if j >= lo else None
    return (
        found is not None and ctx.quote_closing_at(ctx.skip_spaces_back(found[0] - 1)) is not None
    )


def _skip_brackets(ctx: Context, j: int, lo: int) -> int:
    """Index before a bracketed aside that token ``j`` closes ("(R-Ohio)"), else ``j``."""
    if j < lo or ctx.doc[j].text != ")" or not ctx.lex.words("cue_adjunct_preps"):
        return j
    for m in range(j - 1, max(lo - 1, j - 10), -1):
        if ctx.doc[m].text == "(":
            return ctx.skip_spaces_back(m - 1)
    return j


def _skip_when(ctx: Context, j: int, lo: int) -> int:
    """Index before a time phrase between a speaker and its cue ("The Kremlin on Friday
    denied", "Biden late Tuesday said")."""
    if j < lo or ctx.word(j) not in ctx.lex.words("speaker_time_words"):
        return j
    k = ctx.skip_spaces_back(j - 1)
    while k >= lo and ctx.word(k) in ctx.lex.words("speaker_time_preps"):
        k = ctx.skip_spaces_back(k - 1)
    return k if k >= lo and k < j - 0 and ctx.doc[k].is_alpha else j


def _apposed_name(ctx: Context, first: int, last: int) -> bool:
    """Tokens ``first``..``last`` (exclusive) are a name only: "Rachel Moss", "Karine
    Jean-Pierre"."""
    toks = [ctx.doc[k] for k in range(first, last)]
    words = [t for t in toks if t.text != "-"]
    return bool(words) and all(t.text[:1].isupper() and not t.is_punct for t in words)


def _relative_aside(ctx: Context, comma: int, lo: int) -> bool:
    """The comma closes ", who declined to be named," or ", speaking on condition of
    anonymity,": the speaker is before the aside."""
    for m in range(comma - 1, lo - 1, -1):
        if ctx.doc[m].text == ",":
            opener = ctx.word(m + 1)
            participle = any(opener.endswith(e) for e in ctx.lex.words("aside_endings"))
            return (opener in ctx.lex.relatives or participle) and m > lo
        if ctx.doc[m].text in _STOP_WORDS:
            return False
    return False


def _skip_parenthetical(ctx: Context, comma: int, lo: int) -> int:
    """Index before an aside between commas (", who accompanied him,", ", a spokesman for X,",
    ", de son côté,"); -1 when the comma closes no aside."""
    for m in range(comma - 1, lo - 1, -1):
        if ctx.doc[m].text == ",":
            words = [ctx.word(k) for k in range(m + 1, comma)]
            verbless = not any(
                w in ctx.lex.aux or (w in ctx.lex.forms and ctx.doc[k].text.islower())
                for k, w in zip(range(m + 1, comma), words, strict=True)
            )  # "Omar Said" is a name
            opener = words[0] if words else ""
            participle = any(opener.endswith(e) for e in ctx.lex.words("aside_endings"))
            if (
                opener in ctx.lex.relatives
                or participle
                or (
                    verbless
                    and (
                        len(words) <= 4
                        or (opener in ctx.lex.determiners and len(words) <= 8)
                        or (ctx.lex.noun_in(opener, ctx.lex.human) and len(words) <= 8)
                    )
                )
            ):
                return ctx.skip_spaces_back(m - 1)
            return -1
        if ctx.doc[m].text in _STOP_WORDS:
            return -1
    return -1


def _collect_back(ctx: Context, j: int, lo: int) -> Tokens | None:
    """The noun phrase ending at token ``j``, read backwards up to its determiner."""
    lex = ctx.lex
    taken: list[int] = []
    k = j
    while k >= lo and len(taken) < 12:
        tok, word = ctx.doc[k], ctx.word(k)
        possessive = word in ("'s", "’s") or (word in ("'", "’") and _plural_possessive(ctx, k))
        if tok.is_space or (tok.is_punct and not possessive) or word in lex.boundary:
            break
        if word in lex.coordinators or (lex.forms.get(word) and tok.text.islower()):
            break
        taken.append(k)
        if (word in lex.determiners or word in lex.connectors) and not _inside(ctx, k, lo):
            break
        k -= 1
    if not taken:
        return None
    a, b = min(taken), max(taken)
    while a < b and (ctx.word(a) in lex.skip_after_cue or ctx.word(a) in lex.prepositions):
        a += 1
    words = [ctx.word(t) for t in range(a, b + 1)]
    if all(w in lex.determiners for w in words) or not any(c.isalpha() for c in "".join(words)):
        return None
    return a, b


def _plural_possessive(ctx: Context, k: int) -> bool:
    """An apostrophe glued to a plural before it: "the nurses' union"."""
    before = ctx.doc[k - 1] if k > 0 else None
    return (
        before is not None
        and before.text.endswith("s")
        and before.idx + len(before.text) == ctx.doc[k].idx
        and ctx.inside_quote(ctx.doc[k].idx) is None
    )


def _inside(ctx: Context, k: int, lo: int) -> bool:
    """A determiner or "de" that does not open the phrase: "ministre des Affaires", "Corée du
    Nord", "spokesman of the ministry", "le quotidien Le Soir"."""
    if k - 1 < lo or not ctx.doc[k - 1].is_alpha:
        return False
    before = ctx.word(k - 1)
    if before in ctx.lex.boundary or ctx.lex.forms.get(before):
        return False
    if before in ctx.lex.connectors or ctx.word(k - 2) in ctx.lex.words("speaker_participles"):
        return True  # "spokesman of the ministry", "economists polled by the agency"
    return ctx.word(k) in ctx.lex.connectors or ctx.doc[k].text[:1].isupper()


def _named(ctx: Context, a: int, b: int) -> bool:
    """A phrase with a proper name in it: "Pyongyang", "la Corée du Nord"."""
    return any(ctx.doc[k].text[:1].isupper() for k in range(a, b + 1))


def _np_after(ctx: Context, j: int, hi: int) -> Tokens | None:
    """Speaker after an inverted cue: "…, said the minister."; a short phrase up to a comma or
    the end, not a clause ("said he saw potential …")."""
    j = _skip_adjuncts(ctx, j, hi)
    taken: list[int] = []
    k = j
    adjunct_preps = ctx.lex.words("cue_adjunct_preps") - ctx.lex.connectors
    while k < hi and len(taken) < 9:
        tok, word = ctx.doc[k], ctx.word(k)
        if tok.is_space or tok.text in _STOP_WORDS or word in ctx.lex.boundary:
            break
        # "said Spicer at his daily briefing.", not "said an analyst at the Brookings …"
        opens = word in adjunct_preps or (
            word in ctx.lex.connectors and ctx.word(k + 1) in ctx.lex.words("adjunct_determiners")
        )
        if taken and opens:
            end = _adjuncts_from(ctx, k, hi)
            if end >= hi or ctx.doc[end].text in (",", ".", "!", "?") or ctx.doc[end].is_space:
                break
        taken.append(k)
        k += 1
    if not taken or ctx.word(taken[0]) in ctx.lex.complementizers:
        return None
    if ctx.word(taken[0]) in ctx.lex.words("cue_adjunct_preps"):
        return None  # "…, a Republican, said at a news conference.": an adjunct, no speaker
    if ctx.word(taken[0]) in ctx.lex.pronouns and len(taken) > 1:
        return None
    clause = ctx.lex.words("clause_words")
    if any(ctx.word(k) in clause and ctx.doc[k].text.islower() for k in taken):
        return None  # "…, prices would keep falling": a clause, not a speaker
    end = _adjuncts_from(ctx, taken[-1] + 1, hi)
    if end < hi and ctx.doc[end].text not in (",", ".", "!", "?") and not ctx.doc[end].is_space:
        return None  # a clause goes on: not an attribution
    return taken[0], taken[-1]


def _quoting(ctx: Context, i: int, first: int, hi: int, cue: Span) -> list[Draft]:
    """ "state media quoted Kim as telling Putin that …", "l'agence a cité le ministre
    assurant que …": the cited speaker's claim nested in the citing one's."""
    lex = ctx.lex
    saying = next(
        (k for k in range(i + 2, min(hi, i + 12)) if ctx.word(k) in lex.quoting_saying), None
    )
    if saying is None:
        return []
    inner_first, inner_last = saying, saying - 1
    if lex.quoting_as:
        if ctx.word(saying - 1) not in lex.quoting_as:
            return []
        inner_first, inner_last = saying - 1, saying - 2
    lo = ctx.sent_range(i)[0]
    outer = np_before(ctx, first, lo)
    if not outer or inner_last < i + 1:
        return []
    tail = _tail(ctx, saying, hi)
    before = ctx.skip_spaces_back(outer[0][0] - 1)
    if (
        ctx.lex.words("cue_adjunct_preps")
        and (tail >= hi or ctx.doc[tail].text in (".", "!", "?") or ctx.doc[tail].is_space)
        and before >= lo
        and (ctx.doc[before].text == "," or ctx.quote_closing_at(before))
    ):
        # "…, the agency quoted a spokeswoman as saying on Wednesday."
        earlier = _content_before(ctx, before, tail - 1, hi)
        if earlier is None:
            return []
        (start, end), direct, _ = earlier
    else:
        found = _content_after(ctx, saying, hi, set())
        if found is None:
            return []
        (start, end), direct, _, _ = found
    parents = []
    for speaker in outer:
        parent = Draft(start, end, cue[0], cue[1], "assert", direct)
        _speaker(ctx, parent, speaker)
        parents.append(parent)
    inner_cue = ctx.char_span(inner_first, saying)
    child = Draft(start, end, inner_cue[0], inner_cue[1], "assert", direct)
    _speaker(ctx, child, (i + 1, inner_last))
    child.parent = parents[0]
    for parent in parents:
        parent.stance_of = child
    return [*parents, child]
