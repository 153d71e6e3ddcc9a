"""Speakers: noun-phrase spans from the parse, their kind, and pronoun resolution.

The speaker is the noun phrase as written, with its determiner ("les responsables
américains"), without what the parse hangs on it after a comma (a relative clause, "cité par
X", a title after a name) but with a name in apposition after a title ("le porte-parole du
Kremlin, Dmitri Peskov"). Linking it to an entity is left to the span overlap of later stages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from veille.extract.claims.lexicon import fold
from veille.extract.claims.text import Context, Draft, Span
from veille.records import SpeakerKind

NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_CUT_DEPS = frozenset({"acl:relcl", "parataxis", "advcl"})


def conjuncts(ctx: Context, head: Any) -> list[Any]:
    """Coordinated speakers, one per conjunct: "Moscou et Pyongyang", "X comme Y"."""
    heads = [head]
    for child in head.children:
        if child.i <= head.i:
            continue
        if (child.dep_ == "conj" and _has_child(ctx, child, "cc", ctx.lex.coordinators)) or (
            child.dep_ == "nmod" and _has_child(ctx, child, "case", ctx.lex.coordinators)
        ):
            heads.append(child)
    return heads


def _has_child(ctx: Context, tok: Any, dep: str, words: frozenset[str]) -> bool:
    return any(c.dep_ == dep and fold(c.text) in words for c in tok.children)


def np_tokens(ctx: Context, head: Any, lo: int, hi: int) -> tuple[int, int] | None:
    """Token range (inclusive) of the noun phrase headed by ``head`` within [lo, hi)."""
    split = set(conjuncts(ctx, head)[1:])
    dropped: set[int] = set()
    for child in head.children:
        after_comma = child.i > 0 and ctx.doc[child.left_edge.i - 1].text == ","
        quoting = ctx.lex.verb(child.lemma_) is not None and child.dep_.startswith("acl")
        if (
            child in split
            or child.dep_ in _CUT_DEPS
            or quoting
            or (after_comma and child.dep_.startswith("acl"))
        ):
            dropped.update(t.i for t in child.subtree)
            dropped.update(c.i for c in child.children if c.dep_ == "cc")
        if child.i < head.i and (child.dep_ == "cc" or child.dep_ == "case"):
            dropped.add(child.i)  # "et la direction", "comme la Russie", "par l'agence"
    keep = {t.i for t in head.subtree if lo <= t.i < hi and t.i not in dropped}
    if head.i not in keep:
        return None
    first = last = head.i
    while first - 1 in keep:
        first -= 1
    while last + 1 in keep:
        last += 1
    return _apposition(ctx, head, first, last)


def _apposition(ctx: Context, head: Any, first: int, last: int) -> tuple[int, int] | None:
    """Cut at the first comma after the head, keeping a name in apposition after a title."""
    doc = ctx.doc
    for i in range(head.i + 1, last + 1):
        if doc[i].text not in (",", "(", "«", ":", ";"):
            continue
        j = i + 1
        while j <= last and doc[j].pos_ == "PROPN":
            j += 1
        name_follows = j > i + 1 and (j > last or doc[j].text in (",", ")"))
        keep_name = doc[i].text == "," and head.pos_ != "PROPN" and name_follows
        last = j - 1 if keep_name else i - 1
        break
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return (first, last) if first <= last else None


def glued_subjects(subject: Any) -> list[Any]:
    """Subjects the parse split off this one: "l'agence nord-coréenne" + "KCNA", "le numéro"
    + "un nord-coréen" (sibling subjects that start right where this one ends)."""
    glued = []
    end = subject.right_edge.i
    for sibling in subject.head.children:
        if sibling.dep_ == "nsubj" and sibling.left_edge.i == end + 1:
            glued.append(sibling)
            end = sibling.right_edge.i
    return glued


def whole_name(ctx: Context, first: int, last: int, lo: int) -> tuple[int, int]:
    """A speaker starting with a name keeps the name's words the parse left out ("Kim Jong"
    before "Un")."""
    while first - 1 >= lo and ctx.doc[first].text[:1].isupper():
        before = ctx.doc[first - 1]
        if not (before.is_alpha and before.text[:1].isupper() and before.pos_ == "PROPN"):
            break
        first -= 1
    return first, last


def climb(tok: Any, lo: int, hi: int) -> Any:
    """The head of the noun phrase a token belongs to, within [lo, hi)."""
    head = tok
    while head.head.i != head.i and lo <= head.head.i < hi and head.head.pos_ in NOMINAL:
        head = head.head
    return head


def pronoun_of(ctx: Context, first: int, last: int) -> tuple[str, str] | None:
    """(gender, number) when the speaker is a lone pronoun ("il", "-t-il", "lui", "he")."""
    if first != last:
        return None
    return ctx.lex.pronouns.get(fold(ctx.doc[first].text).lstrip("-"))


def demonstrative_of(ctx: Context, first: int, last: int) -> tuple[str, str] | None:
    """(gender, number) of a demonstrative speaker: "ce dernier", "celle-ci", "Celui - ci"."""
    if last - first > 3:
        return None
    words = fold(ctx.text[ctx.doc[first].idx : ctx.char_span(last, last)[1]])
    return ctx.lex.demonstratives.get(" ".join(words.replace(" - ", "-").split()))


def carried(ctx: Context, first: int, last: int) -> tuple[int, int]:
    """The speaker named in a noun phrase that only carries speech: "un communiqué du
    ministère" -> "ministère", "des propos rapportés par l'agence Tass" -> "l'agence Tass",
    "une déclaration publiée par la présidence" -> "la présidence". Other phrases unchanged."""
    lex = ctx.lex
    k = first
    while k <= last and (ctx.word(k) in lex.determiners or ctx.doc[k].is_punct):
        k += 1
    if k > last or not (lex.noun_in(ctx.word(k), lex.carriers) or _lemma_in(ctx, k, lex.carriers)):
        return first, last
    for j in range(k + 1, last):
        word = ctx.word(j)
        if word == "par" or (word in lex.connectors and j == _after_modifiers(ctx, k + 1, last)):
            start = j + 1 if word in ("par", "de", "d'") else j
            if word in ("du", "des"):
                return j + 1, last  # "du ministère": the article is in "du"
            if start <= last:
                return start, last
    return first, last


def _lemma_in(ctx: Context, k: int, words: frozenset[str]) -> bool:
    return ctx.parsed and fold(ctx.doc[k].lemma_) in words


def _after_modifiers(ctx: Context, j: int, last: int) -> int:
    """First token after the adjectives of a carrier noun ("un communiqué officiel du …")."""
    while j <= last and ctx.parsed and ctx.doc[j].pos_ == "ADJ":
        j += 1
    return j


def pronoun_span(ctx: Context, i: int) -> Span:
    """The pronoun's own characters, without the hyphen of "-t-il"."""
    start, end = ctx.char_span(i, i)
    while start < end and ctx.text[start] == "-":
        start += 1
    return start, end


# --------------------------------------------------------------------------- speaker kind


def speaker_kind(ctx: Context, span: Span | None) -> SpeakerKind:
    """group for plural role nouns ("des experts"), anonymous for an unnamed person ("un
    haut responsable", "des sources"), else entity (names, organisations, pronouns)."""
    if span is None:
        return "entity"
    toks = [t for t in ctx.doc.char_span(*span, alignment_mode="expand") or () if not t.is_punct]
    if not toks:
        return "entity"
    head = _head(ctx, toks)
    word = fold(head.text).lstrip("-")
    lex = ctx.lex
    if word in lex.anonymous_pronouns and len(toks) == 1:
        return "anonymous"
    if lex.noun_in(word, lex.always_anonymous) or lex.noun_in(head.lemma_, lex.always_anonymous):
        return "anonymous"
    if _named_after(ctx, toks, head):
        return "entity"
    roles = lex.anonymous | lex.human
    if fold(toks[0].text) in lex.indefinite and (lex.noun_in(word, roles) or head.lemma_ in roles):
        return "anonymous"
    plural = "Plur" in head.morph.get("Number") if ctx.parsed else word[-1:] in "sx"
    in_group = lex.noun_in(word, lex.group) or fold(head.lemma_) in lex.group
    if word in lex.collective or (in_group and plural):
        return "group"
    return "entity"


def _head(ctx: Context, toks: list[Any]) -> Any:
    if ctx.parsed:
        inside = {t.i for t in toks}
        for t in toks:
            if t.head.i not in inside or t.head.i == t.i:
                return t
        return toks[0]
    # Without a parse: the last word before a preposition ("officials of …"), else the last.
    # "economists polled by …" (but "people familiar with …" keeps its mark of anonymity)
    participles = ctx.lex.words("speaker_participles") - ctx.lex.always_anonymous
    for n, t in enumerate(toks[1:], start=1):
        if fold(t.text) in ("of", "from", "de", "du", "des", "d'", "at", "in", "for", "with", "by"):
            if n >= 2 and fold(toks[n - 1].text) in participles:
                return toks[n - 2]
            return toks[n - 1]
    return toks[-1]


def _named_after(ctx: Context, toks: list[Any], head: Any) -> bool:
    """A proper name in the phrase other than an adjective-like first word ("U.S. officials")."""
    if ctx.parsed:
        return any(t.pos_ == "PROPN" and not _in_complement(ctx, t, head) for t in toks)
    # Without a parse, a name right after the head ("spokesman John Kirby"); one after a
    # preposition names the organisation ("a spokesperson for the Ministry of Defence").
    for t in toks:
        if t.i > head.i and (
            fold(t.text) in ctx.lex.connectors | ctx.lex.prepositions or t.is_punct
        ):
            return False
        if t.i > head.i and t.text[:1].isupper():
            return True
    return False


def _in_complement(ctx: Context, tok: Any, head: Any) -> bool:
    """A name inside a "de" complement of a role noun names the body, not the speaker: "les
    experts de l'ONU" are a group, "un responsable du Pentagone" is anonymous."""
    if ctx.lex.language != "fr" or head.pos_ != "NOUN":
        return False
    while tok.head.i != head.i and tok.head.i != tok.i:
        tok = tok.head
    cases = [ctx.word(c.i) for c in tok.children if c.dep_ == "case"]
    return (
        tok.head.i == head.i
        and tok.dep_ == "nmod"
        and bool(cases)
        and cases[0] in (ctx.lex.connectors)
    )


# --------------------------------------------------------------------------- pronouns


@dataclass(frozen=True)
class _Antecedent:
    span: Span
    gender: str | None
    number: str | None
    sentence: int


def clitic_speakers(ctx: Context, drafts: list[Draft]) -> None:
    """A speaker read past an inverted subject clitic ("estime-t-on à la mairie" read as
    "-on à la mairie" when the tagger misses the verb) is the clitic alone."""
    lex = ctx.lex
    for draft in drafts:
        if draft.speaker is None or not ctx.text.startswith("-", draft.speaker[0]):
            continue
        i = ctx.token_at(draft.speaker[0])
        if ctx.word(i) == "-t" and ctx.starts[i] < draft.speaker[1] - 2:
            i += 1
        word = ctx.word(i).lstrip("-")
        if word in lex.pronouns or word in lex.anonymous_pronouns:
            draft.speaker = pronoun_span(ctx, i)
            draft.pronoun = lex.pronouns.get(word)


def resolve_pronouns(ctx: Context, drafts: list[Draft]) -> None:
    """Point pronoun speakers at the nearest earlier speaker or person subject that agrees.

    Candidates are the speakers of earlier claims and, with a parse, the subjects that name a
    person or a role ("le numéro un nord-coréen a levé son verre … a-t-il déclaré"), never a
    noun inside reported content. An unresolved pronoun keeps its own span.
    """
    covered = [(d.start, d.end) for d in drafts] + [d.extra for d in drafts if d.extra]
    people = list(_person_subjects(ctx, covered) if ctx.parsed else _opening_people(ctx, covered))
    resolved: list[_Antecedent] = []
    for draft in sorted(drafts, key=lambda d: d.cue_start):
        if draft.speaker is None:
            continue
        if draft.pronoun is None:
            resolved.append(_describe(ctx, draft.speaker))
            continue
        at = draft.speaker[0]
        if draft.demonstrative:
            mentions = list(_named_mentions(ctx)) if ctx.parsed else []
            found = _nearest(ctx, [*mentions, *resolved], at, draft.pronoun, [])
        else:
            found = _nearest(ctx, [*people, *resolved], at, draft.pronoun, covered)
        if found is not None:
            draft.speaker = found.span
            resolved.append(_Antecedent(found.span, *draft.pronoun, ctx.sent_of[ctx.token_at(at)]))


def _nearest(
    ctx: Context,
    candidates: Iterable[_Antecedent],
    at: int,
    pronoun: tuple[str, str],
    covered: list[Span],
) -> _Antecedent | None:
    sentence = ctx.sent_of[ctx.token_at(at)]
    gender, number = pronoun
    best: _Antecedent | None = None
    for c in candidates:
        if c.span[1] > at or sentence - c.sentence > 4:
            continue
        if (c.gender and gender != "-" and c.gender != gender) or (c.number and c.number != number):
            continue
        if gender == "Neut" and c.gender != "Neut":
            continue  # English "it" never stands for a person
        if any(s[0] <= c.span[0] and c.span[1] <= s[1] for s in covered):
            continue
        if best is None or (c.span[0], c.span[1]) > (best.span[0], best.span[1]):
            best = c
    return best


def _describe(ctx: Context, span: Span) -> _Antecedent:
    toks = list(ctx.doc.char_span(*span, alignment_mode="expand") or ())
    sentence = ctx.sent_of[toks[0].i] if toks else 0
    if not toks or not ctx.parsed:
        return _Antecedent(span, *_surface_agreement(ctx, span, toks), sentence)
    head = _head(ctx, toks)
    det = toks[0] if toks[0].pos_ == "DET" else head
    if head.pos_ == "PROPN":  # "la Russie" is feminine, "Kim" unknown
        gender = (det.morph.get("Gender") or [None])[0] if det is not head else None
        return _Antecedent(span, gender, "Sing", sentence)
    gender = (det.morph.get("Gender") or head.morph.get("Gender") or [None])[0]
    number = (head.morph.get("Number") or [None])[0]
    return _Antecedent(span, gender, number, sentence)


def _opening_people(ctx: Context, covered: list[Span]) -> Iterable[_Antecedent]:
    """Without a parse: the phrase opening a sentence when it names a person, a role or an
    organisation ("The mayor visited …", "Secretary of State Karen Holt met …", "The Foreign
    Office summoned …"): determiners, capitalised words and role nouns (with "of" between
    capitalised words), up to the first other word."""
    lex = ctx.lex
    for lo, hi in ctx.sents:
        first = lo
        while first < hi and (ctx.doc[first].is_space or ctx.doc[first].is_punct):
            first += 1
        last, person = first - 1, False
        while last + 1 < hi:
            tok, word = ctx.doc[last + 1], fold(ctx.doc[last + 1].text)
            role = lex.noun_in(word, lex.human)
            name = tok.text[:1].isupper() and last + 1 > first
            inside = (
                word in lex.connectors
                and last >= first
                and ctx.doc[last].text[:1].isupper()
                and last + 2 < hi
                and ctx.doc[last + 2].text[:1].isupper()
            )
            body = lex.noun_in(word, lex.words("organisations") | lex.group)  # "The company"
            if not (role or inside or body or tok.text[:1].isupper() or word in lex.determiners):
                break
            person, last = person or role or name, last + 1
        span = ctx.char_span(first, last) if last >= first else None
        agreement = _surface_agreement(ctx, span, list(ctx.doc[first : last + 1])) if span else None
        reported = span is not None and any(s[0] <= span[0] and span[1] <= s[1] for s in covered)
        if span and agreement and (person or agreement[0]) and not reported:
            yield _Antecedent(span, *agreement, ctx.sent_of[first])
        else:  # no subject to stand for: the people and organisations the sentence names
            yield from _named_in(ctx, lo, hi, covered)


def _named_in(ctx: Context, lo: int, hi: int, covered: list[Span]) -> Iterable[_Antecedent]:
    """Entity mentions of people (he, she) and organisations or countries (it) in tokens
    [lo, hi), outside reported words; only for languages with a neuter pronoun ("it")."""
    if "it" not in ctx.lex.pronouns or lo >= hi:
        return
    start, end = ctx.doc[lo].idx, ctx.char_span(hi - 1, hi - 1)[1]
    for m in getattr(ctx.doc._, "mentions", None) or ():
        span = (m.start_char, m.end_char)
        if not (start <= span[0] and span[1] <= end):
            continue
        if any(s[0] <= span[0] and span[1] <= s[1] for s in covered):
            continue
        gender, number = _surface_agreement(ctx, span, list(m))
        if gender or number:
            yield _Antecedent(span, gender, number, ctx.sent_of[m.start])


def _surface_agreement(ctx: Context, span: Span, toks: list[Any]) -> tuple[str | None, str | None]:
    """(gender, number) of a phrase without a parse: "Neut" for an organisation or a country
    (an "it"), plural for a group noun ("officials"), singular for a person; else unknown."""
    if not toks or "it" not in ctx.lex.pronouns:
        return None, None
    kinds = {
        m._.veille_type
        for m in getattr(ctx.doc._, "mentions", None) or ()
        if m.start_char < span[1] and span[0] < m.end_char
    }
    head = fold(_head(ctx, toks).text)
    plural = head[-1:] == "s" and head not in ctx.lex.human
    if ctx.lex.noun_in(head, ctx.lex.human) or (ctx.lex.noun_in(head, ctx.lex.group) and plural):
        return None, "Plur" if plural else "Sing"
    if ctx.lex.noun_in(head, ctx.lex.words("organisations")):
        return "Neut", None
    if "PERSON" in kinds or any(fold(t.text) in ctx.lex.human for t in toks):
        return None, "Sing"  # a person's name, or one with a title ("Rep. Jeff Weninger")
    if kinds & {"ORG", "COUNTRY"}:
        return "Neut", None
    return None, None


def _person_subjects(ctx: Context, covered: list[Span]) -> Iterable[_Antecedent]:
    """Subjects that name a person or a role, outside reported content."""
    for tok in ctx.doc:
        if tok.dep_ not in ("nsubj", "nsubj:pass"):
            continue
        # people, and the bodies and countries that speak as one ("La Russie a démenti.
        # Elle a assuré …")
        person = tok.pos_ == "PROPN" and tok.ent_type_ in ("PER", "PERSON", "ORG", "LOC", "GPE")
        role = tok.pos_ == "NOUN" and fold(tok.lemma_) in ctx.lex.human
        if not (person or role):
            continue
        lo, hi = ctx.sent_range(tok.i)
        parts = [np_tokens(ctx, t, lo, hi) for t in [tok, *glued_subjects(tok)]]
        if parts[0] is None:
            continue
        span = ctx.char_span(parts[0][0], max(p[1] for p in parts if p))
        if any(s[0] <= span[0] and span[1] <= s[1] for s in covered):
            continue
        yield _describe(ctx, span)


def _named_mentions(ctx: Context) -> Iterable[_Antecedent]:
    """Every person, organisation or role named in the text, in any role, content included:
    what "ce dernier" or "celle-ci" may stand for."""
    for tok in ctx.doc:
        named = tok.pos_ == "PROPN" and (tok.head.pos_ != "PROPN" or tok.head.i == tok.i)
        role = tok.pos_ == "NOUN" and fold(tok.lemma_) in ctx.lex.human
        if not (named or role) or tok.dep_ in ("flat:name", "flat", "compound"):
            continue
        lo, hi = ctx.sent_range(tok.i)
        found = np_tokens(ctx, tok, lo, hi)
        if found is None:
            continue
        first, last = whole_name(ctx, *found, lo)
        while last > tok.i and ctx.word(last) in ctx.lex.skip_after_cue:
            last -= 1  # "le préfet mercredi": the day is no part of the name
        span = ctx.char_span(first, last)
        yield _describe(ctx, span)
