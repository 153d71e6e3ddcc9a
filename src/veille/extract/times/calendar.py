"""Calendar arithmetic and TIMEX3 value shapes for the time-expression stage.

Conventions (French TimeBank's, where it has one):

- dates ``2023-08-14``, ``2023-08``, ``2023``; weeks ``2023-W33``; week-ends ``2023-W33-WE``;
  seasons ``2023-SU`` (winter belongs to the year of its December); quarters ``2023-Q1``,
  halves ``2023-H2``; decades ``196X``; centuries ``19XX``; parts of day ``2023-08-14TEV``;
  clock times ``2023-08-14T18:30``;
- durations ``P3D``, ``PT30.4S``, ``PXY`` (vague quantity); sets ``P1Y``, ``XXXX-WXX-1``;
- ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF`` (type TIME);
- what cannot be anchored stays underspecified (``XXXX-08-14``, ``XXXX-WXX-2``, ``XXXX-XX-XX``),
  and what is anchored to a publication date known only to the month or year gets that month
  or year and a note, never an invented day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from veille.extract.times.lexicon import WordValue
from veille.records import PubDate

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_UNIT = re.compile(r"^(\d*)([A-Z]+)$")
_TIME_UNITS = {"H": "H", "MIN": "M", "S": "S"}

NOTE_MONTH = "publication day unknown: resolved to the publication month, no day invented"
NOTE_YEAR = "publication day unknown: resolved to the publication year, no day invented"
NOTE_UNKNOWN = "publication date unknown: left underspecified"


@dataclass(frozen=True)
class Anchor:
    """A calendar point known to the day, the month, the year, or not at all."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def from_pubdate(cls, pub: PubDate | None) -> Anchor:
        if pub is None or not pub.value or pub.precision == "unknown":
            return cls()
        m = re.match(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", pub.value)
        if not m:
            return cls()
        year, month, day = (int(g) if g else None for g in m.groups())
        if pub.precision == "year":
            month = day = None
        elif pub.precision == "month":
            day = None
        try:
            if day is not None and month is not None and year is not None:
                dt.date(year, month, day)
        except ValueError:
            day = None
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        if self.year is None:
            return "unknown"
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    @property
    def date(self) -> dt.date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def truncated(self) -> tuple[str, str]:
        """The anchor at its own precision, with the note saying why no day is given."""
        if self.year is None:
            return "XXXX-XX-XX", NOTE_UNKNOWN
        if self.month is None:
            return f"{self.year:04d}", NOTE_YEAR
        return f"{self.year:04d}-{self.month:02d}", NOTE_MONTH


@dataclass(frozen=True)
class Normal:
    value: str
    type: str
    mod: str | None = None
    anchored: bool = False
    note: str | None = None


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def parse_unit(value: WordValue | None) -> tuple[int, str] | None:
    m = _UNIT.match(str(value)) if value is not None else None
    if not m:
        return None
    return int(m.group(1) or 1), m.group(2)


def iso(day: dt.date) -> str:
    return day.isoformat()


def with_part(value: str, part: str | None) -> str:
    return f"{value}T{part}" if part else value


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def pick_year(
    dct: Anchor, month: int, day: int | None, shift: int | None, direction: int | None
) -> int:
    """The year of a day or month given without one: the occurrence before or after the
    publication date that the words ("dernier", "next") or the tense ask for, else the nearest.
    """
    assert dct.year is not None
    if dct.month is None:
        return dct.year
    precise = day is not None and dct.day is not None
    now = (dct.year, dct.month, dct.day if precise else 0)

    def position(year: int) -> tuple[int, int, int]:
        return (year, month, day if precise and day is not None else 0)

    years = [dct.year - 1, dct.year, dct.year + 1]
    if shift is not None and shift < 0:
        return max(y for y in years if position(y) < now)
    if shift is not None and shift > 0:
        return min(y for y in years if position(y) > now)
    if direction is not None and direction > 0:
        return min(y for y in years if position(y) >= now)
    if direction is not None and direction < 0:
        return max(y for y in years if position(y) <= now)
    here = dt.date(dct.year, dct.month, dct.day or 15)

    def distance(year: int) -> tuple[int, int]:
        there = _safe_date(year, month, day or 15)
        return abs((there - here).days), 0 if there <= here else 1

    return min(years, key=distance)


def _safe_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, month, 28)


def resolve_weekday(
    base: dt.date, weekday: int, shift: int | None, direction: int | None
) -> dt.date:
    """The nearest such weekday before the base day (or the base day itself), after it when
    the words or the tense point to the future; "dernier"/"prochain" exclude the base day."""
    today = base.isoweekday()
    if shift is not None and shift < 0:
        return base - dt.timedelta(days=(today - weekday) % 7 or 7)
    if shift is not None and shift > 0:
        return base + dt.timedelta(days=(weekday - today) % 7 or 7)
    if direction is not None and direction > 0:
        return base + dt.timedelta(days=(weekday - today) % 7)
    back = base - dt.timedelta(days=(today - weekday) % 7)
    if direction is None:
        # No tense at all (a verbless headline: "Le groupe en concert à Metz mardi"): the
        # nearest such day. The present is not read so: the parse often takes the "être"
        # of a passé composé ("sont intervenus") for a passive present.
        ahead = base + dt.timedelta(days=(weekday - today) % 7)
        return ahead if (ahead - base) < (base - back) else back
    return back


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    lw = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lw) // 451
    month = (h + lw - 7 * m + 114) // 31
    day = (h + lw - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def holiday_date(spec: str, year: int) -> dt.date | None:
    """A holiday in a year: ``MM-DD`` fixed, ``E+49`` days from Easter."""
    m = re.match(r"^E([+-]\d+)$", spec)
    if m:
        return easter(year) + dt.timedelta(days=int(m.group(1)))
    m = re.match(r"^(\d\d)-(\d\d)$", spec)
    if m:
        return _safe_date(year, int(m.group(1)), int(m.group(2)))
    return None


def year_of_weekday(year: int, month: int, day: int, weekday: int) -> int:
    """ "jeudi 16 septembre": of the years around the chosen one, the one where the 16th of
    September is a Thursday, when exactly one is."""
    fits = []
    for y in (year, year - 1, year + 1):
        try:
            if dt.date(y, month, day).isoweekday() == weekday:
                fits.append(y)
        except ValueError:
            continue
    return fits[0] if len(fits) == 1 or (fits and fits[0] == year) else year


def calendar_unit(
    unit: tuple[int, str], shift: int, dct: Anchor, mod: str | None, direction: int | None = None
) -> Normal | None:
    """The calendar unit containing the publication date, moved by ``shift`` units: "le mois
    dernier", "cette semaine", "l'an prochain", "ce week-end"."""
    mult, letter = unit
    needs_day = letter in ("W", "WE", "D", "H", "MIN", "S")
    if dct.year is None:
        shapes = {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE"}
        return Normal(shapes.get(letter, "XXXX-XX-XX"), "DATE", mod, note=NOTE_UNKNOWN)
    if letter == "Y":
        if mult >= 100:
            return Normal(f"{dct.year // 100 + shift:02d}XX", "DATE", mod, anchored=True)
        if mult >= 10:
            return Normal(f"{dct.year // 10 + shift:03d}X", "DATE", mod, anchored=True)
        return Normal(f"{dct.year + shift * mult:04d}", "DATE", mod, anchored=True)
    if dct.month is None or (needs_day and dct.day is None):
        value, note = dct.truncated()
        return Normal(value, "DATE", mod, anchored=True, note=note)
    if letter == "M":
        if mult in (3, 6):
            size = 3 if mult == 3 else 6
            index = (dct.month - 1) // size + shift
            year = dct.year + index // (12 // size)
            return Normal(
                f"{year:04d}-{'Q' if size == 3 else 'H'}{index % (12 // size) + 1}",
                "DATE",
                mod,
                anchored=True,
            )
        year, month = add_months(dct.year, dct.month, shift * mult)
        return Normal(f"{year:04d}-{month:02d}", "DATE", mod, anchored=True)
    base = dct.date
    assert base is not None
    if letter == "W":
        week = (base + dt.timedelta(weeks=shift * mult)).isocalendar()
        return Normal(f"{week.year:04d}-W{week.week:02d}", "DATE", mod, anchored=True)
    if letter == "WE":
        saturday = _weekend(base, shift, direction)
        week = saturday.isocalendar()
        return Normal(f"{week.year:04d}-W{week.week:02d}-WE", "DATE", mod, anchored=True)
    return Normal(iso(base + dt.timedelta(days=shift * mult)), "DATE", mod, anchored=True)


def _weekend(base: dt.date, shift: int, direction: int | None) -> dt.date:
    """The Saturday of the week-end meant: the current one during a week-end, else the past
    one or the coming one as the words or the tense say; without either, the past one until
    Wednesday and the coming one from Thursday."""
    day = base.isoweekday()
    saturday = base - dt.timedelta(days=(day - 6) % 7)  # on or before the base day
    if day >= 6:
        return saturday + dt.timedelta(days=7 * shift)
    if shift:
        return saturday if shift < 0 else saturday + dt.timedelta(days=7)
    coming = direction > 0 if direction else day >= 4
    return saturday + dt.timedelta(days=7 if coming else 0)


def duration_value(number: float | str, unit: tuple[int, str]) -> str:
    mult, letter = unit
    amount = "X" if number == "X" else _fmt(float(number) * mult)
    if letter in _TIME_UNITS:
        return f"PT{amount}{_TIME_UNITS[letter]}"
    return f"P{amount}{letter}"


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_number(text: str) -> int | None:
    total = 0
    values = [_ROMAN.get(ch) for ch in text.lower()]
    if not values or any(v is None for v in values):
        return None
    numbers = [v for v in values if v is not None]
    for i, v in enumerate(numbers):
        total += -v if i + 1 < len(numbers) and numbers[i + 1] > v else v
    return total


def nth_weekday(year: int, month: int, first_day: int, weekday: int, nth: int) -> dt.date:
    """The nth such weekday from ``first_day`` of a month (nth < 0: the last of the month)."""
    if nth > 0:
        start = dt.date(year, month, first_day)
        return start + dt.timedelta(days=(weekday - start.isoweekday()) % 7 + 7 * (nth - 1))
    y, m = add_months(year, month, 1)
    end = dt.date(y, m, 1) - dt.timedelta(days=1)
    return end - dt.timedelta(days=(end.isoweekday() - weekday) % 7)


def season_year(season: str, shift: int | None, dct: Anchor) -> int:
    """The year of a season named without one: the current year's ("l'automne" said in spring
    is the coming one; the tense is not read), the one before the current season for "dernier",
    the one after it for "prochain". Winter belongs to the year of its December."""
    assert dct.year is not None and dct.month is not None
    first = SEASON_START.get(season, 1)
    current = (dct.year - 1, 12) if dct.month < 3 else (dct.year, 3 * (dct.month // 3))
    options = [(y, first) for y in range(dct.year - 2, dct.year + 2)]
    if shift is not None and shift < 0:
        return max(o for o in options if o < current)[0]
    if shift is not None and shift > 0:
        return min(o for o in options if o > current)[0]
    return dct.year - 1 if season == "WI" and dct.month < 3 else dct.year


def pick_holiday(spec: str, dct: Anchor, direction: int | None) -> dt.date | None:
    """The occurrence of a holiday nearest the publication date, or the next or last one."""
    assert dct.year is not None
    here = dt.date(dct.year, dct.month or 7, dct.day or 15)
    years = (dct.year - 1, dct.year, dct.year + 1)
    options = [d for y in years if (d := holiday_date(spec, y))]
    if not options:
        return None
    if direction is not None and direction > 0:
        chosen = min((d for d in options if d >= here), default=options[-1])
    elif direction is not None and direction < 0:
        chosen = max((d for d in options if d <= here), default=options[0])
    else:
        chosen = min(options, key=lambda d: abs((d - here).days))
    if dct.precision != "day" and chosen.year != dct.year:
        chosen = holiday_date(spec, dct.year) or chosen
    return chosen
