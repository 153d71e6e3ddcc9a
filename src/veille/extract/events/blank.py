"""Events on a pipeline without lemmas or parse (a blank tokenizer and a sentencizer).

- triggers: lowercased word forms turned into lemmas by the suffix rules of the data file
  ("toured" -> "tour", "shipments" -> "shipment"), multi-word triggers matched in order;
  conditions approximated on the few words after (or just before) the trigger;
- agent: "by X" / "from X" right after the trigger, a possessive "X's" right before it, else
  the nearest name before it in the sentence (entities if the pipeline has any, otherwise
  capitalised words), skipping ", who …," asides and names after a preposition;
- location, recipient, participant: a name after a preposition in the trigger's clause.
"""

from __future__ import annotations

from typing import Any

from veille.extract.events.lexicon import EventLexicon
from veille.extract.events.phrases import PhraseMatcher, span_text
from veille.extract.events.triggers import Token, Trigger
from veille.records import EventArgument

__all__ = ["blank_agents", "blank_arguments", "blank_triggers", "in_aside", "sentence_bounds"]

_MAX_GAP = 3
_WINDOW = 5


def sentence_bounds(doc: Any, i: int) -> tuple[int, int]:
    """Token range [start, end) of the sentence of token ``i``."""
    if doc.has_annotation("SENT_START"):
        sent = doc[i].sent
        return int(sent.start), int(sent.end)
    return 0, len(doc)


def blank_triggers(doc: Any, lex: EventLexicon) -> list[Trigger]:
    candidates = [lex.lemma_candidates(t.text) for t in doc]  # in order: the form first
    matcher = PhraseMatcher(doc, lambda t: candidates[t.i])
    stop = matcher.covered(lex.stop_phrases)
    found: dict[int, Trigger] = {}
    taken: set[int] = set()
    for phrase in lex.phrases:
        for match in matcher.gapped(phrase.words, _MAX_GAP):
            if taken & set(match) or match[0] in stop:
                continue
            first, last = doc[match[0]], doc[match[-1]]
            found[match[0]] = Trigger(
                phrase.type, match[0], first.idx, last.idx + len(last.text), phrase.text
            )
            taken.update(match)
    for token in doc:
        if token.i in taken or not token.is_alpha:
            continue
        key = next((c for c in candidates[token.i] if c in lex.triggers), None)
        if key is None or token.i in stop:
            continue
        if not all(_holds(doc, token.i, c, lex) for c in lex.conditions.get(key, ())):
            continue
        kind = lex.triggers[key]
        for word_class, other in lex.retype.get(key, {}).items():
            if _near_class(doc, token.i, word_class, lex):
                kind = other
        found[token.i] = Trigger(kind, token.i, token.idx, token.idx + len(token.text), key)
    return sorted(found.values(), key=lambda t: t.start)


def blank_agents(doc: Any, trigger: Trigger, lex: EventLexicon) -> list[tuple[int, int]]:
    """Agent token ranges [start, end) (several for coordinated agents of split types)."""
    start, end = sentence_bounds(doc, trigger.head)
    last = _last_token(doc, trigger)
    names = _names(doc, start, end, lex)
    after = _after_prep(doc, last, names, lex.role_words("agent"), reach=2)
    if after is not None:
        return [after]
    owner = _possessor(doc, trigger.head, names, lex)
    if owner is not None:
        return [owner]
    near = [n for n in names if n[1] <= trigger.head]
    near = [n for n in near if not _in_aside(doc, n, trigger.head, lex)]
    near = [n for n in near if not _break_between(doc, n[1], trigger.head, lex)]
    subjects = [n for n in near if not _after_preposition(doc, n, lex)]
    if not subjects:
        return []
    agents = [subjects[-1]]
    while len(near) > near.index(agents[0]) > 0:  # "Moscow and Pyongyang", "of Chile and Peru"
        prev = near[near.index(agents[0]) - 1]
        if not (agents[0][0] - prev[1] == 1 and doc[prev[1]].lower_ in lex.grammar("and")):
            break
        agents.insert(0, prev)
    if trigger.type in lex.role_words("split_agent_types"):
        return agents
    return [(agents[0][0], agents[-1][1])]


def blank_arguments(doc: Any, trigger: Trigger, lex: EventLexicon) -> list[EventArgument]:
    start, end = sentence_bounds(doc, trigger.head)
    names = _names(doc, start, end, lex)
    last = _last_token(doc, trigger)
    found: list[EventArgument] = []
    for role in ("participant", "recipient", "location"):
        if role == "recipient" and trigger.type not in lex.role_words("recipient_types"):
            continue
        span = _after_prep(doc, last, names, lex.role_words(role), reach=_WINDOW)
        if span is not None and not any(a.start == doc[span[0]].idx for a in found):
            first, final = doc[span[0]], doc[span[1] - 1]
            s, e = first.idx, final.idx + len(final.text)
            found.append(EventArgument(role, s, e, span_text(doc, s, e)))
    return found


def _last_token(doc: Any, trigger: Trigger) -> int:
    i = trigger.head
    while i + 1 < len(doc) and doc[i + 1].idx < trigger.end:
        i += 1
    return i


def _names(doc: Any, start: int, end: int, lex: EventLexicon) -> list[tuple[int, int]]:
    """Name spans of a sentence: entities if any, else runs of capitalised words."""
    ents = [(e.start, e.end) for e in doc.ents if start <= e.start and e.end <= end]
    if ents:
        return sorted(ents)
    runs: list[tuple[int, int]] = []
    i = start
    while i < end:
        if not _capitalised(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < end and (_capitalised(doc[j]) or _link(doc, j, end, lex)):
            j += 1
        run = _trim(doc, i, j, lex)
        if run is not None:
            runs.append(run)
        i = j
    return runs


def _link(doc: Any, j: int, end: int, lex: EventLexicon) -> bool:
    """A lowercase word inside a name: "Minister of Defence", "Corée du Nord"."""
    links = lex.grammar("name_links")
    return bool(doc[j].lower_ in links and j + 1 < end and _capitalised(doc[j + 1]))


def _capitalised(token: Token) -> bool:
    text = str(token.text)
    return bool(text[:1].isupper() and any(ch.isalpha() for ch in text))


def _trim(doc: Any, i: int, j: int, lex: EventLexicon) -> tuple[int, int] | None:
    while i < j and doc[i].lower_ in lex.not_names:
        i += 1
    while j > i and (doc[j - 1].lower_ in lex.not_names | lex.grammar("name_links")):
        j -= 1
    return (i, j) if i < j else None


def _after_prep(
    doc: Any, last: int, names: list[tuple[int, int]], preps: frozenset[str], reach: int
) -> tuple[int, int] | None:
    for offset in range(1, reach + 1):
        k = last + offset
        if k >= len(doc) or doc[k].is_punct:
            return None
        if doc[k].lower_ in preps:
            for name in names:
                if k < name[0] <= k + 3:
                    return name
    return None


def _possessor(
    doc: Any, head: int, names: list[tuple[int, int]], lex: EventLexicon
) -> tuple[int, int] | None:
    for name in names:
        end = name[1]
        gap = head - end
        if 0 <= gap <= 3 and _is_possessive(doc, end - 1, end, lex):
            return name
    return None


def _is_possessive(doc: Any, last: int, nxt: int, lex: EventLexicon) -> bool:
    endings = tuple(lex.grammar("possessive_endings"))
    if endings and str(doc[last].text).endswith(endings):
        return True
    return nxt < len(doc) and doc[nxt].lower_ in endings


def _after_preposition(doc: Any, name: tuple[int, int], lex: EventLexicon) -> bool:
    k = name[0] - 1
    while k >= 0 and doc[k].lower_ in lex.grammar("articles"):
        k -= 1
    preps = lex.role_words("location") | lex.role_words("recipient") | lex.role_words("participant")
    return k >= 0 and doc[k].lower_ in preps | lex.grammar("of")


def in_aside(doc: Any, first: int, last: int, lex: EventLexicon) -> bool:
    """Is the token range inside a ", who …," aside (closed by a comma)?"""
    end = next((k for k in range(last + 1, len(doc)) if doc[k].text in (",", ".")), None)
    closed = end is not None and doc[end].text == ","
    return closed and _in_aside(doc, (first, last + 1), (end or 0) + 1, lex)


def _break_between(doc: Any, start: int, end: int, lex: EventLexicon) -> bool:
    return any(doc[k].lower_ in lex.role_words("clause_breaks") for k in range(start, end))


def _in_aside(doc: Any, name: tuple[int, int], head: int, lex: EventLexicon) -> bool:
    """Is the name inside a ", who …," aside that closes before the trigger?"""
    opened = False
    start, _ = sentence_bounds(doc, name[0])
    for k in range(name[0] - 1, start - 1, -1):
        if doc[k].text == ",":
            break
        if doc[k].lower_ in lex.role_words("relative"):
            opened = doc[k - 1].text == "," if k > 0 else False
            break
    if not opened:
        return False
    return any(doc[k].text == "," for k in range(name[1], head))


def _window(doc: Any, i: int, after: int, before: int) -> list[Token]:
    found = []
    for k in range(i + 1, min(len(doc), i + 1 + after)):
        if doc[k].is_punct:
            break
        found.append(doc[k])
    for k in range(i - 1, max(-1, i - 1 - before), -1):
        if doc[k].is_punct:
            break
        found.append(doc[k])
    return found


def _near_class(doc: Any, i: int, names: str, lex: EventLexicon) -> bool:
    return any(
        any(lex.in_class(c, names) for c in lex.lemma_candidates(t.text))
        for t in _window(doc, i, _WINDOW, 3)
    )


def _holds(doc: Any, i: int, condition: str, lex: EventLexicon) -> bool:
    return any(_holds_one(doc, i, alt.strip(), lex) for alt in condition.split(" or "))


def _holds_one(doc: Any, i: int, condition: str, lex: EventLexicon) -> bool:
    name, _, arg = condition.partition(":")
    nxt = [t.lower_ for t in _window(doc, i, _WINDOW, 0)]
    if name in ("obj", "mod") and arg:
        return _near_class(doc, i, arg, lex)
    if name == "xcomp":
        return any(w in lex.grammar("infinitive_marks") for w in nxt[:4])
    if name == "person":
        return any(_capitalised(t) for t in _window(doc, i, 2, 0)) or any(
            lex.in_class(w, "person") for w in nxt[:2]
        )
    if name == "place":
        return any(w in lex.role_words("location") for w in nxt[:3])
    if name == "prep":
        return bool(nxt) and nxt[0] in arg.split("|")
    if name == "plural":
        return str(doc[i].lower_).endswith(("s", "x"))
    if name == "no_clause":
        return not nxt or nxt[0] not in lex.grammar("complementizers")
    if name == "no_reflexive":
        return i == 0 or doc[i - 1].lower_.replace("’", "'") not in lex.grammar("reflexives")
    return True
