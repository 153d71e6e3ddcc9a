"""Dates written as page furniture: "2023-09-13 03:10:33", "Publié le 13 septembre 2023 à
10h05", "Updated: Sept. 13, 2023", a bare Unix timestamp. Also parses metadata date strings.

A *stamp line* is a line made only of dates, times, weekdays, publication/update labels and
separators; anything else on the line and it is prose, not a stamp. Precision is what the
text gives: an ambiguous "05/09/2023" is only sure of its year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_tz
from functools import lru_cache
from typing import Literal

from veille.clean.lexicon import load_lexicon
from veille.records import Precision

Kind = Literal["published", "updated", "plain"]

_MAX_STAMP_LINE = 160
_UNIX = re.compile(r"\d{9,10}")
_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_ISO_FULL = re.compile(
    r"(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})"  # date, also 20230913 and 2023/09/13
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)?"  # time, dropped
    r"\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?",  # zone: the date stays as written
    re.I,
)
_TIME = (
    r"\d{1,2}\s*(?::|h)\s*\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?"
    r"|\d{1,2}\s*h(?!\w)|\d{1,2}\s*[ap]\.?m\.?"
)
_ZONE = r"(?:utc|gmt|cet|cest|bst|et|est|edt|ct|cdt|pt|pst|pdt|kst|jst|msk|heure de paris)"
_FILLER = r"(?:le|on|à|a|at|et|and|du|de|the)(?!\w)|[,;|•·/()\[\]:.\-–—]"


@dataclass(frozen=True)
class Stamp:
    value: str  # ISO 8601, possibly partial
    precision: Precision
    kind: Kind = "plain"


def parse_stamp_line(line: str) -> list[Stamp] | None:
    """The dates of a stamp line, or None when the line is anything else."""
    line = line.strip()
    if not line or len(line) > _MAX_STAMP_LINE:
        return None
    if _UNIX.fullmatch(line):
        return [unix_stamp(int(line))]
    grammar = _grammar()
    stamps: list[Stamp] = []
    kind: Kind = "plain"
    pos = 0
    while pos < len(line):
        if line[pos].isspace():
            pos += 1
            continue
        match = grammar.match(line, pos)
        if match is None or match.end() == pos:
            return None
        if match.lastgroup == "published":
            kind = "published"
        elif match.lastgroup == "updated":
            kind = "updated"
        elif match.lastgroup is not None and match.lastgroup.startswith("date"):
            stamp = _stamp(match, kind)
            if stamp is None:
                return None
            stamps.append(stamp)
        pos = match.end()
    return stamps or None


def parse_date_text(value: str) -> tuple[str, Precision] | None:
    """A metadata date string as (ISO value, precision); None when it is not a date."""
    value = value.strip()
    partial = _ISO_PARTIAL.fullmatch(value)
    if partial:
        year, month, day = partial.groups()
        return _checked(int(year), int(month) if month else None, int(day) if day else None)
    full = _ISO_FULL.fullmatch(value)
    if full:
        return _checked(int(full[1]), int(full[2]), int(full[3]))
    if _UNIX.fullmatch(value):
        stamp = unix_stamp(int(value))
        return stamp.value, stamp.precision
    rfc = parsedate_tz(value)  # "Wed, 13 Sep 2023 03:10:33 +0000" (RSS)
    if rfc is not None:
        return _checked(rfc[0], rfc[1], rfc[2])
    stamps = parse_stamp_line(value)
    if stamps:
        return stamps[0].value, stamps[0].precision
    return None


def unix_stamp(seconds: int) -> Stamp:
    day = datetime.fromtimestamp(seconds, tz=UTC).date()
    return Stamp(day.isoformat(), "day")


def _stamp(match: re.Match[str], kind: Kind) -> Stamp | None:
    groups = match.groupdict()
    months = load_lexicon().months
    checked: tuple[str, Precision] | None
    if groups["date_iso"]:
        checked = _checked(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
    elif groups["date_num"]:
        checked = _day_month(int(groups["na"]), int(groups["nb"]), int(groups["ny"]))
    elif groups["date_dmy"]:
        month = months[_month_key(groups["m1"])]
        checked = _checked(int(groups["y1"]), month, int(groups["d1"]))
    elif groups["date_mdy"]:
        month = months[_month_key(groups["m2"])]
        checked = _checked(int(groups["y2"]), month, int(groups["d2"]))
    else:
        checked = _checked(int(groups["y3"]), months[_month_key(groups["m3"])], None)
    return Stamp(checked[0], checked[1], kind) if checked else None


def _day_month(a: int, b: int, year: int) -> tuple[str, Precision] | None:
    """Numeric dates: day first unless impossible; when both readings work, only the year."""
    if a == b or (a > 12 >= b):
        return _checked(year, b, a)
    if b > 12 >= a:
        return _checked(year, a, b)
    if a <= 12 and b <= 12:
        return _checked(year, None, None)
    return None


def _checked(year: int, month: int | None, day: int | None) -> tuple[str, Precision] | None:
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    if month is None:
        return f"{year:04d}", "year"
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


def _month_key(name: str) -> str:
    return name.rstrip(".").casefold()


@lru_cache(maxsize=1)
def _grammar() -> re.Pattern[str]:
    """One regex whose alternatives are the tokens a stamp line may contain."""
    lexicon = load_lexicon()
    month = _alternation(lexicon.months)
    weekday = _alternation(lexicon.weekdays)
    parts = [
        r"(?P<date_iso>(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})"
        r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)(?!\w)",
        r"(?P<date_num>(?P<na>\d{1,2})[/.-](?P<nb>\d{1,2})[/.-](?P<ny>\d{4}))(?!\w)",
        rf"(?P<date_dmy>(?P<d1>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?P<m1>{month})\.?,?\s+(?P<y1>\d{{4}}))(?!\w)",
        rf"(?P<date_mdy>(?P<m2>{month})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}}))(?!\w)",
        rf"(?P<date_my>(?P<m3>{month})\.?\s+(?P<y3>\d{{4}}))(?!\w)",
        rf"(?P<time>(?:{_TIME})(?:\s*{_ZONE}(?:\s*[+-]\s*\d{{1,2}})?)?)(?!\w)",
        # Update labels before publication labels: "mis à jour le" is not "le" … .
        rf"(?P<updated>{_labels(lexicon.updated)})(?!\w)",
        rf"(?P<published>{_labels(lexicon.published)})(?!\w)",
        rf"(?P<weekday>{weekday})\.?,?(?!\w)",
        rf"(?P<filler>{_FILLER})",
    ]
    return re.compile("|".join(parts), re.IGNORECASE)


def _alternation(words: Iterable[str]) -> str:
    names = sorted(set(words), key=lambda w: (-len(w), w))  # longest first: "mars" before "mar"
    return "|".join(re.escape(name) for name in names) or "(?!)"


def _labels(patterns: tuple[re.Pattern[str], ...]) -> str:
    return "|".join(f"(?:{p.pattern})" for p in patterns) or "(?!)"
