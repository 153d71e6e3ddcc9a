"""Time lexicons and grammars, one data file per language (``veille/data/time/<lang>.toml``).

A data file holds word classes (``[words.month]``: surface -> value), macros (raw regular
expressions reused by rules) and rules. A rule's ``pattern`` is a regular expression written
in lower case over *folded* text (accents stripped, typographic apostrophes, dashes and spaces
unified, lower-cased; one character for one, so offsets hold) in which

- ``{class}`` is a word class or a built-in class (``day``, ``year``, ``num`` …) and becomes a
  named group, so the normaliser reads what was matched by class name;
- ``{@macro}`` is a macro from ``[macros]``, inserted as a non-capturing group;
- a space matches one or more spaces (a single space inside a look-behind).

Rules are tried only where a time can be: at the token starts shortly before a *hot* word
(digits, a word of a class other than the weak ones such as numbers and determiners, or one of
the language's ``triggers``), so a text is scanned once rather than once per rule.

Case is read only where a rule asks: its optional ``case`` regex must match the original text
at the start of the span ("May" the month, not "may"; "Noël Mamère" the name), and words listed
in ``capitalised`` are time words only when written with a capital. Matching lower-cased text
without IGNORECASE is several times faster, and class words are compiled as tries
("j(?:anvier|ui(?:llet|n))") so a failing position costs one character comparison.

The code that reads these grammars knows no language: adding one is adding a data file.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

WordValue = int | float | str

# Built-in classes: digits and shapes every language shares. Values are parsed in code.
BUILTINS: dict[str, str] = {
    "year": r"(?<![\d.,])(?:1[5-9]\d\d|20\d\d)(?!\d|[.,]\d)",
    "yy": r"(?<![\d.,])'?\d\d(?!\d|[.,]\d)",
    "monthnum": r"(?<!\d)(?:1[0-2]|0?[1-9])(?!\d)",
    "dd": r"(?<![\d.,])(?:3[01]|[12]\d|0?[1-9])(?!\d)",  # day inside a numeric date
    "yyyy": r"(?:1[5-9]\d\d|20\d\d)(?!\d)",  # year inside a numeric date
    "int": r"(?<![\d.,])\d+(?!\d|[.,]\d)",
    "hour": r"(?<![\d.,])(?:[01]?\d|2[0-4])(?![\d.,]\d|\d)",
    "minute": r"(?<!\d)[0-5]\d(?!\d)",
    "decade": r"(?<![\d.,])(?:(?:1[5-9]|20)\d0|\d0)(?!\d)",
    "roman": r"(?<!\w)[ivxlc]+",
    "century": r"(?<![\d.,])\d{1,2}(?!\d)",
}
# Classes that never make a time by themselves ("trois", "des", "ce", "plus de"): their words
# do not make a place hot.
WEAK_CLASSES = frozenset(
    {"number", "vague", "one", "this", "half", "offset_pre", "quant_mod", "time_mod"}
)
_FOLD: dict[int, str] = {}


def _build_fold() -> None:
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii() and base.isalpha():
            _FOLD[code] = base
    for ch in "’‘ʼ′`´":
        _FOLD[ord(ch)] = "'"
    for ch in "‐‑‒–—":
        _FOLD[ord(ch)] = "-"
    for ch in "\u00a0\u202f\u2009\u2007\t\r\f\v":
        _FOLD[ord(ch)] = " "


_build_fold()


def fold(text: str) -> str:
    """Strip accents and unify apostrophes, dashes and spaces, one character for one, so
    offsets in the folded text are offsets in the original."""
    return text.translate(_FOLD)


def lower(folded: str) -> str:
    """Lower case, one character for one (the rare letter whose lower case is longer stays)."""
    low = folded.lower()
    if len(low) == len(folded):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)


def word_key(surface: str) -> str:
    """Lookup key of a surface form: folded, lower-cased, without spaces and hyphens, so
    ``après-midi``, ``apres midi`` and ``APRÈS-MIDI`` are one word."""
    return re.sub(r"[\s\-]+", "", fold(surface).lower())


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str  # which normaliser reads the match (see time_normalise)
    regex: re.Pattern[str]  # over lower-cased folded text
    order: int  # position in the data file: earlier wins between equal spans
    type: str | None = None
    value: str | None = None
    mod: str | None = None
    fields: Mapping[str, WordValue] | None = None  # fixed fields, e.g. part = "NI" for "tonight"
    case: re.Pattern[str] | None = None  # must match the case-kept text at the span start


@dataclass(frozen=True)
class Prefix:
    """Words extending an expression to the left ("plus de", "début", "vers"), with the fields
    they add; ``kinds`` are the rule kinds they may attach to."""

    regex: re.Pattern[str]  # ends with \\Z: searched on the text just before an expression
    kinds: frozenset[str]


@dataclass(frozen=True)
class Grammar:
    language: str
    words: Mapping[str, Mapping[str, WordValue]]  # class -> word_key(surface) -> value
    rules: tuple[Rule, ...]
    prefixes: tuple[Prefix, ...]
    number_atom: re.Pattern[str]  # one number word, to split "vingt-deux" into atoms
    hot: re.Pattern[str]  # digits and strong words: rules are tried just before them
    future_words: re.Pattern[str] | None  # words that put a clause in the future ("prévu")
    past_words: re.Pattern[str] | None  # … or in the past ("depuis"); these beat the parse
    future_forms: re.Pattern[str] | None  # verb forms read when the parse says nothing
    past_forms: re.Pattern[str] | None
    future_lemmas: frozenset[str]  # "aller", "devoir": a verb + infinitive about the future
    perfect_with_be: frozenset[str]  # "arriver": "est arrivé" is a past, not a passive present
    future_stems: tuple[str, ...]  # irregular future/conditional stems: "ser", "aur"
    conditional_endings: tuple[str, ...]
    two_digit_pivot: int  # "93" is 1993 when above the pivot, 2015 for "15"
    capitalised: frozenset[str]  # word keys that are time words only with a capital ("may")

    def value(self, cls: str, surface: str) -> WordValue | None:
        table = self.words.get(cls)
        return None if table is None else table.get(word_key(surface))


class GrammarError(ValueError):
    """A time data file that cannot be compiled; the message names the file and the rule."""


def available_languages() -> list[str]:
    folder = resources.files("veille.data").joinpath("time")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


@lru_cache(maxsize=16)
def load_grammar(language: str) -> Grammar | None:
    """The compiled grammar of a language, or None when there is no data file for it."""
    path = resources.files("veille.data").joinpath("time", f"{language}.toml")
    if not path.is_file():
        return None
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    try:
        return compile_grammar(data)
    except (re.error, KeyError, TypeError, ValueError) as exc:
        raise GrammarError(f"veille/data/time/{language}.toml: {exc}") from exc


def compile_grammar(data: Mapping[str, Any]) -> Grammar:
    language = str(data["language"])
    words = {
        cls: {word_key(str(k)): _word_value(v) for k, v in table.items()}
        for cls, table in data.get("words", {}).items()
    }
    surfaces = {cls: list(table) for cls, table in data.get("words", {}).items()}
    capitalised = {word_key(w) for w in data.get("capitalised", [])}
    classes = {cls: _alternation(forms) for cls, forms in surfaces.items()}
    classes.update(BUILTINS)
    # Built-ins shaped by the language's data: the day of the month (digits with an ordinal
    # suffix, or a word) and numbers (digits, or number words linked by the joiners).
    classes["day"] = _day_regex(data, classes)
    classes["num"] = _num_regex(data, classes)
    macros = {name: fold(str(rx)) for name, rx in data.get("macros", {}).items()}
    compiler = _Compiler(classes, macros)
    rules = tuple(
        Rule(
            name=str(spec.get("name", f"rule{i}")),
            kind=str(spec["kind"]),
            regex=compiler.compile(f"(?:{spec['pattern']})(?![\\w])", str(spec.get("name", i))),
            order=i,
            type=spec.get("type"),
            value=spec.get("value"),
            mod=spec.get("mod"),
            fields=_fields(spec.get("fields")),
            case=re.compile(fold(str(spec["case"]))) if "case" in spec else None,
        )
        for i, spec in enumerate(data.get("rule", []))
    )
    prefixes = tuple(
        Prefix(
            compiler.compile(f"(?<![\\w'])(?:{spec['pattern']})\\Z", "prefix", end_space=True),
            frozenset(spec.get("kinds", [])),
        )
        for spec in data.get("prefix", [])
    )
    tense = data.get("tense", {})
    return Grammar(
        language=language,
        words=words,
        rules=rules,
        prefixes=prefixes,
        number_atom=re.compile(classes.get("number", "(?!)")),
        hot=_hot(surfaces, data.get("triggers", [])),
        future_words=_cues(tense.get("future_words")),
        past_words=_cues(tense.get("past_words")),
        future_forms=_cues(tense.get("future_forms")),
        past_forms=_cues(tense.get("past_forms")),
        future_lemmas=frozenset(tense.get("future_lemmas", [])),
        perfect_with_be=frozenset(tense.get("perfect_with_be", [])),
        future_stems=tuple(tense.get("future_stems", [])),
        conditional_endings=tuple(tense.get("conditional_endings", [])),
        two_digit_pivot=int(data.get("two_digit_pivot", 30)),
        capitalised=frozenset(capitalised),
    )


def _hot(surfaces: Mapping[str, list[str]], triggers: list[str]) -> re.Pattern[str]:
    strong = [w for cls, forms in surfaces.items() if cls not in WEAK_CLASSES for w in forms]
    return re.compile(r"\d|(?<![\w])(?:" + _alternation([*strong, *triggers]) + ")")


def _word_value(value: Any) -> WordValue:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(f"word values are numbers or strings, not {value!r}")
    return value


def _fields(table: Any) -> Mapping[str, WordValue] | None:
    if not table:
        return None
    return {str(k): _word_value(v) for k, v in table.items()}


def _cues(patterns: list[str] | None) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(fold(p) for p in patterns) + r")(?!\w)")


def _alternation(forms: list[str]) -> str:
    """The words of a class as a trie ("j(?:anvier|ui(?:llet|n))"): the regex engine then
    rejects a position on its first character instead of trying every word."""
    trie: dict[str, Any] = {}
    for form in {lower(fold(f)) for f in forms}:
        node = trie
        for piece in _pieces(form):
            node = node.setdefault(piece, {})
        node[""] = {}
    return _render(trie)


def _pieces(form: str) -> list[str]:
    """A word as trie keys: its characters, with a run of spaces or hyphens inside it as one
    flexible key (a trailing hyphen, as in "mi-", stays a hyphen)."""
    body = form.rstrip(" -")
    keys = [p if p.strip(" -") else " " for p in re.findall(r"[ \-]+|.", body)]
    return keys + list(form[len(body) :].strip())


_SEPARATOR = r"(?:[ ]+|-[ ]?|[ ]?-)?"  # "après-midi", "apres midi", "weekend", "week-end"


def _render(node: dict[str, Any], last: str = "") -> str:
    branches = []
    for key in sorted(k for k in node if k):
        head = _SEPARATOR if key == " " else re.escape(key)
        branches.append(head + _render(node[key], key))
    if "" in node:  # a word ends here: it must not run on into a longer word
        branches.append(r"(?![\w])" if last.isalnum() else "")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def _day_regex(data: Mapping[str, Any], classes: Mapping[str, str]) -> str:
    suffixes = "|".join(re.escape(s) for s in data.get("day_suffixes", []))
    digits = r"(?<![\d.,])(?:3[01]|[12]\d|0?[1-9])"
    digits += f"(?:{suffixes})?" if suffixes else ""
    digits += r"(?![\w]|[.,]\d)"
    words = classes.get("day_word")
    return f"{digits}|{words}" if words else digits


def _num_regex(data: Mapping[str, Any], classes: Mapping[str, str]) -> str:
    digits = r"(?<![\d.,])\d+(?:[.,]\d+)?(?![\d]|[.,]\d)"
    atom = classes.get("number")
    if not atom:
        return digits
    joiners = "|".join(re.escape(j) for j in data.get("number_joiners", []))
    link = r"(?:-|[ ]+)" + (f"(?:(?:{joiners})(?:-|[ ]+))?" if joiners else "")
    return f"{digits}|(?:{atom})(?:{link}(?:{atom}))*"


class _Compiler:
    """Expands ``{class}``, ``{@macro}`` and spaces of a rule pattern into a regex."""

    _PLACEHOLDER = re.compile(r"\{(@?)([A-Za-z_]\w*)\}")

    def __init__(self, classes: Mapping[str, str], macros: Mapping[str, str]) -> None:
        self.classes = classes
        self.macros = macros

    def compile(self, pattern: str, name: str, end_space: bool = False) -> re.Pattern[str]:
        counts: dict[str, int] = {}

        def expand(m: re.Match[str]) -> str:
            macro, cls = m.group(1), m.group(2)
            if macro:
                if cls not in self.macros:
                    raise KeyError(f"rule {name}: unknown macro @{cls}")
                return f"(?:{self._spaces(self._PLACEHOLDER.sub(expand, self.macros[cls]))})"
            if cls not in self.classes:
                raise KeyError(f"rule {name}: unknown class {cls}")
            counts[cls] = counts.get(cls, 0) + 1
            group = cls if counts[cls] == 1 else f"{cls}__{counts[cls]}"
            return f"(?P<{group}>{self.classes[cls]})"

        # Spaces of the pattern are handled before classes are expanded (their regexes use
        # "[ ]+" already); macros get the same treatment inside expand().
        text = self._spaces(fold(pattern))
        if end_space:
            text = text.replace(r"\Z", r"[ ]*\Z")
        try:
            return re.compile(self._PLACEHOLDER.sub(expand, text))
        except re.error as exc:
            raise ValueError(f"rule {name}: {exc}") from None

    @staticmethod
    def _spaces(pattern: str) -> str:
        """A space matches any run of spaces (" ?" any, even none), except inside a look-behind
        (fixed width)."""
        out: list[str] = []
        depth_behind: list[int] = []  # paren depths at which a look-behind opened
        depth = 0
        i = 0
        while i < len(pattern):
            ch = pattern[i]
            if ch == "\\":
                out.append(pattern[i : i + 2])
                i += 2
                continue
            if ch == "[":  # copy a character class verbatim
                j = i + 1
                if j < len(pattern) and pattern[j] == "]":
                    j += 1
                while j < len(pattern) and pattern[j] != "]":
                    j += 2 if pattern[j] == "\\" else 1
                out.append(pattern[i : j + 1])
                i = j + 1
                continue
            if ch == "(":
                depth += 1
                if pattern.startswith("(?<=", i) or pattern.startswith("(?<!", i):
                    depth_behind.append(depth)
            elif ch == ")":
                if depth_behind and depth_behind[-1] == depth:
                    depth_behind.pop()
                depth -= 1
            elif ch == " ":
                quantifier = pattern[i + 1 : i + 2]
                if depth_behind:
                    out.append(" ")
                elif quantifier in ("?", "*"):
                    out.append("[ ]*")
                    i += 1
                else:
                    out.append("[ ]+")
                    i += 1 if quantifier == "+" else 0
                i += 1
                continue
            out.append(ch)
            i += 1
        return "".join(out)
