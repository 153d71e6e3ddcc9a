"""TIMEX3 values for matched time expressions, computed against the publication date.

Each rule of a time grammar names a *kind*; the handler of that kind reads the match by class
name (``month``, ``weekday``, ``unit``, ``shift`` …) through ``Fields`` and returns a ``Normal``
(value conventions in ``time_calendar``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from veille.extract.times.calendar import (
    NOTE_UNKNOWN,
    NOTE_YEAR,
    SEASON_START,
    Anchor,
    Normal,
    add_months,
    calendar_unit,
    duration_value,
    holiday_date,
    iso,
    nth_weekday,
    parse_unit,
    pick_holiday,
    pick_year,
    resolve_weekday,
    roman_number,
    season_year,
    with_part,
    year_of_weekday,
)
from veille.extract.times.lexicon import Grammar, Rule, WordValue


@dataclass
class Context:
    """What a handler may read besides the match: the publication date, the reference date
    (the last day-level date of the text, for "le lendemain", "à 18 h"), and the tense of the
    clause (+1 future, -1 past, 0 present, None unknown)."""

    dct: Anchor
    ref: dt.date | None = None
    direction: int | None = None
    last: Anchor | None = None  # the last calendar date of the text, at any precision


class Fields:
    """What a match captured, read by class name; rule-level fixed fields fill the gaps."""

    def __init__(
        self,
        grammar: Grammar,
        rule: Rule,
        groups: Mapping[str, str | None],
        extra: Mapping[str, str | None] | None = None,
    ) -> None:
        self.grammar = grammar
        self.rule = rule
        self.surfaces: dict[str, str] = {}
        for source in (groups, extra or {}):
            for name, surface in source.items():
                if surface is not None:
                    self.surfaces.setdefault(name.split("__")[0], surface)

    def has(self, cls: str) -> bool:
        return cls in self.surfaces or (self.rule.fields is not None and cls in self.rule.fields)

    def word(self, cls: str) -> WordValue | None:
        surface = self.surfaces.get(cls)
        if surface is not None:
            return self.grammar.value(cls, surface)
        return None if self.rule.fields is None else self.rule.fields.get(cls)

    def int_word(self, cls: str) -> int | None:
        value = self.word(cls)
        return int(value) if isinstance(value, int | float) else None

    def str_word(self, cls: str) -> str | None:
        value = self.word(cls)
        return str(value) if value is not None else None

    def year(self, dct: Anchor) -> int | None:
        for cls in ("year", "yyyy"):
            if cls in self.surfaces:
                return int(self.surfaces[cls])
        if "yy" in self.surfaces:
            yy = int(self.surfaces["yy"].lstrip("'"))
            if dct.year is not None:
                century = 2000 if 2000 + yy <= dct.year + 10 else 1900
            else:
                century = 2000 if yy <= self.grammar.two_digit_pivot else 1900
            return century + yy
        return self.int_word("year")

    def month(self) -> int | None:
        if "monthnum" in self.surfaces:
            return int(self.surfaces["monthnum"])
        return self.int_word("month")

    def day(self) -> int | None:
        surface = self.surfaces.get("day") or self.surfaces.get("dd")
        if surface is None:
            return self.int_word("day")
        digits = re.match(r"\d+", surface)
        return int(digits.group()) if digits else self.int_word("day_word")

    def shift(self) -> int | None:
        for cls in ("shift", "this"):
            value = self.int_word(cls)
            if value is not None:
                return value
        return None

    def number(self) -> float | str | None:
        """A count: digits or number words, ``X`` for a vague quantity ("quelques")."""
        if "num" in self.surfaces:
            number = parse_number(self.grammar, self.surfaces["num"])
        elif self.has("approx_num"):
            number = self.int_word("approx_num")
        elif self.has("vague"):
            return "X"
        elif self.has("one"):
            number = 1
        else:
            return None
        half = self.word("half")
        if number is not None and isinstance(half, int | float):
            return number + half
        return number

    def mod(self) -> str | None:
        for cls in ("pos_mod", "quant_mod", "time_mod"):
            value = self.str_word(cls)
            if value:
                return value
        if self.has("approx_num"):
            return "APPROX"
        return self.rule.mod


def parse_number(grammar: Grammar, surface: str) -> float | None:
    """Digits (decimal comma or point) or number words: "dix-huit", "quatre-vingt-dix"."""
    if surface[:1].isdigit():
        try:
            return float(surface.replace(",", "."))
        except ValueError:
            return None
    total = current = 0.0
    found = False
    for atom in grammar.number_atom.finditer(surface):
        value = grammar.value("number", atom.group())
        if not isinstance(value, int | float):
            continue
        found = True
        if value == 100:
            current = (current or 1) * 100
        elif value >= 1000:
            total += (current or 1) * value
            current = 0
        else:
            current += value
    return total + current if found else None


# -- calendar choices ------------------------------------------------------------------------


# -- handlers --------------------------------------------------------------------------------


def _date(f: Fields, ctx: Context) -> Normal | None:
    mod = f.mod()
    dct = ctx.dct
    if f.has("decade") or f.has("decade_word"):
        return _decade(f, ctx, mod)
    if f.has("roman") or f.has("century"):
        return _century(f, mod)
    part = f.str_word("part")
    kind = "TIME" if part else "DATE"
    year = f.year(dct)
    month, day = f.month(), f.day()
    weekday = f.int_word("weekday")
    season = f.str_word("season")
    holiday = f.str_word("holiday")
    shift = f.shift()
    generic = f.has("generic")
    if day is not None and month is None:
        if weekday is not None and year is None:
            return _weekday_day(weekday, day, mod, ctx)
        return None  # "le 15" alone: which month is not ours to guess
    if month is not None and not 1 <= month <= 12:
        return None
    if weekday is not None and f.has("ordinal") and (month is not None or season is not None):
        return _nth_weekday(f, weekday, month, season, year, mod, ctx)
    if year is not None:
        value = _absolute(year, month, day, season, f, holiday)
        if value is None:
            return None
        clock = _clock(f) if day is not None else None
        if clock:
            return Normal(value + clock, "TIME", mod)
        return Normal(with_part(value, part if day else None), kind, mod)
    if month is not None:
        return _partial(month, day, weekday, shift, part, kind, mod, ctx)
    if season is not None:
        return _season(season, shift, generic, mod, ctx)
    if holiday is not None:
        return _holiday(holiday, shift, mod, ctx)
    if weekday is not None:
        return _weekday(weekday, shift, part, mod, ctx, generic)
    if f.has("quarter"):
        return _quarter_relative(f, mod, ctx)
    return None


def _weekday_day(weekday: int, day: int, mod: str | None, ctx: Context) -> Normal | None:
    """ "samedi 12": the month around the publication date whose 12th is a Saturday, the
    nearest one (the coming one when the clause speaks of the future, the past one when of the
    past)."""
    base = ctx.dct.date
    if base is None:
        return None
    options = []
    for months in range(-3, 4):
        year, month = add_months(base.year, base.month, months)
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate.isoweekday() == weekday:
            options.append(candidate)
    if ctx.direction is not None and ctx.direction > 0:
        options = [d for d in options if d >= base] or options
    elif ctx.direction is not None and ctx.direction < 0:
        options = [d for d in options if d <= base] or options
    if not options:
        return None
    chosen = min(options, key=lambda d: abs((d - base).days))
    return Normal(iso(chosen), "DATE", mod, anchored=True)


def _clock(f: Fields) -> str | None:
    """``T18:30`` from the hour and minute a date was written with ("2023-09-13 18:30")."""
    if "hour" not in f.surfaces:
        return None
    hour, minute = int(f.surfaces["hour"]), int(f.surfaces.get("minute") or 0)
    return f"T{hour:02d}:{minute:02d}" if hour <= 24 and minute <= 59 else None


def _absolute(
    year: int,
    month: int | None,
    day: int | None,
    season: str | None,
    f: Fields,
    holiday: str | None,
) -> str | None:
    if month is not None and day is not None:
        try:
            return iso(dt.date(year, month, day))
        except ValueError:
            return None
    if month is not None:
        return f"{year:04d}-{month:02d}"
    if season is not None:
        return f"{year:04d}-{season}"
    if holiday is not None:
        date = holiday_date(holiday, year)
        return iso(date) if date else None
    quarter = _quarter(f)
    if quarter is not None:
        return f"{year:04d}-{quarter}"
    return f"{year:04d}"


def _quarter(f: Fields) -> str | None:
    letter, index = f.str_word("quarter"), f.int_word("ordinal")
    if letter is None or index is None:
        return None
    count = 4 if letter == "Q" else 2
    index = count if index < 0 else index
    return f"{letter}{index}" if 1 <= index <= count else None


def _quarter_relative(f: Fields, mod: str | None, ctx: Context) -> Normal | None:
    quarter = _quarter(f)
    if quarter is None:
        return None
    if ctx.dct.year is None:
        return Normal(f"XXXX-{quarter}", "DATE", mod, note=NOTE_UNKNOWN)
    return Normal(f"{ctx.dct.year:04d}-{quarter}", "DATE", mod, anchored=True)


def _partial(
    month: int,
    day: int | None,
    weekday: int | None,
    shift: int | None,
    part: str | None,
    kind: str,
    mod: str | None,
    ctx: Context,
) -> Normal | None:
    if day is not None and not 1 <= day <= 31:
        return None
    if ctx.dct.year is None:
        value = f"XXXX-{month:02d}" + (f"-{day:02d}" if day is not None else "")
        return Normal(with_part(value, part if day else None), kind, mod, note=NOTE_UNKNOWN)
    year = pick_year(ctx.dct, month, day, shift, ctx.direction)
    if day is not None and weekday is not None:
        year = year_of_weekday(year, month, day, weekday)
    if day is None:
        return Normal(f"{year:04d}-{month:02d}", "DATE", mod, anchored=True)
    try:
        value = iso(dt.date(year, month, day))
    except ValueError:
        return None
    return Normal(with_part(value, part), kind, mod, anchored=True)


def _nth_weekday(
    f: Fields,
    weekday: int,
    month: int | None,
    season: str | None,
    year: int | None,
    mod: str | None,
    ctx: Context,
) -> Normal | None:
    """ "le premier dimanche de mars", "le dernier lundi d'octobre", "le premier dimanche du
    printemps" (seasons start on the 21st of their first month)."""
    nth = f.int_word("ordinal")
    first_month = month if month is not None else SEASON_START.get(season or "", 0)
    if nth is None or not first_month:
        return None
    first_day = 1 if month is not None else 21
    if year is None:
        if ctx.dct.year is None:
            return Normal(f"XXXX-{first_month:02d}", "DATE", mod, note=NOTE_UNKNOWN)
        year = pick_year(ctx.dct, first_month, first_day, f.shift(), ctx.direction)
    day = nth_weekday(year, first_month, first_day, weekday, nth)
    return Normal(iso(day), "DATE", mod, anchored=True)


def _season(season: str, shift: int | None, generic: bool, mod: str | None, ctx: Context) -> Normal:
    dct = ctx.dct
    if generic or dct.year is None:
        note = None if generic else NOTE_UNKNOWN
        return Normal(f"XXXX-{season}", "DATE", mod, note=note)
    if dct.month is None:
        year = dct.year - 1 if shift is not None and shift < 0 else dct.year
        return Normal(f"{year:04d}-{season}", "DATE", mod, anchored=True, note=NOTE_YEAR)
    year = season_year(season, shift, dct)
    return Normal(f"{year:04d}-{season}", "DATE", mod, anchored=True)


def _holiday(spec: str, shift: int | None, mod: str | None, ctx: Context) -> Normal | None:
    dct = ctx.dct
    if dct.year is None:
        date = holiday_date(spec, 2000)
        value = f"XXXX-{date:%m-%d}" if date and not spec.startswith("E") else "XXXX-XX-XX"
        return Normal(value, "DATE", mod, note=NOTE_UNKNOWN)
    chosen = pick_holiday(spec, dct, shift if shift else ctx.direction)
    return None if chosen is None else Normal(iso(chosen), "DATE", mod, anchored=True)


def _weekday(
    weekday: int, shift: int | None, part: str | None, mod: str | None, ctx: Context, generic: bool
) -> Normal:
    kind = "TIME" if part else "DATE"
    base = ctx.dct.date
    if generic or ctx.dct.year is None:
        value = with_part(f"XXXX-WXX-{weekday}", part)
        return Normal(value, kind, mod, note=None if generic else NOTE_UNKNOWN)
    if base is None:
        value, note = ctx.dct.truncated()
        return Normal(value, "DATE", mod, anchored=True, note=note)
    day = resolve_weekday(base, weekday, shift, ctx.direction)
    return Normal(with_part(iso(day), part), kind, mod, anchored=True)


def _decade(f: Fields, ctx: Context, mod: str | None) -> Normal | None:
    digits = f.surfaces.get("decade", "")
    if "decade_word" in f.surfaces:  # "les années quatre-vingt"
        digits = str(f.str_word("decade_word") or "") + "0"
    if len(digits) == 4:
        return Normal(f"{digits[:3]}X", "DATE", mod)
    if len(digits) != 2:
        return None
    year = ctx.dct.year if ctx.dct.year is not None else 1999
    century = 20 if 2000 + int(digits) <= year else 19
    return Normal(f"{century}{digits[0]}X", "DATE", mod)


def _century(f: Fields, mod: str | None) -> Normal | None:
    number = roman_number(f.surfaces["roman"]) if "roman" in f.surfaces else f.int_word("century")
    if "century" in f.surfaces and number is None:
        digits = re.match(r"\d+", f.surfaces["century"])
        number = int(digits.group()) if digits else None
    if number is None or not 1 <= number <= 22:
        return None
    return Normal(f"{number - 1:02d}XX", "DATE", mod)


def _deictic(f: Fields, ctx: Context) -> Normal | None:
    offset = f.int_word("deictic")
    if offset is None:
        offset = 0
    part = f.str_word("part")
    kind = "TIME" if part else "DATE"
    mod = f.mod()
    base = ctx.dct.date
    if base is None:
        value, note = ctx.dct.truncated()
        if ctx.dct.year is None:
            return Normal(with_part(value, part), kind, mod, note=note)
        return Normal(value, "DATE", mod, anchored=True, note=note)
    day = base + dt.timedelta(days=offset)
    return Normal(with_part(iso(day), part), kind, mod, anchored=True)


def _relative(f: Fields, ctx: Context) -> Normal | None:
    unit = parse_unit(f.word("unit"))
    if unit is None:
        return None
    shift = f.shift() or 0
    return calendar_unit(unit, shift, ctx.dct, f.mod(), ctx.direction)


def _ref_relative(f: Fields, ctx: Context) -> Normal | None:
    """Calendar units told from the last date of the text: "l'année suivante", "le mois
    précédent", "cette année-là" (from the publication date when the text gave none)."""
    unit = parse_unit(f.word("unit"))
    shift = f.int_word("ref_shift")
    if unit is None or shift is None:
        return None
    base = ctx.last if ctx.last is not None else ctx.dct
    normal = calendar_unit(unit, shift, base, f.mod())
    if normal is None or ctx.last is None:
        return normal
    return Normal(normal.value, normal.type, normal.mod, anchored=False, note=normal.note)


def _offset(f: Fields, ctx: Context) -> Normal | None:
    unit = parse_unit(f.word("unit"))
    how = f.str_word("offset_pre") or f.str_word("offset_post")
    number = f.number()
    if unit is None or not how or number is None:
        return None
    sign = -1 if how.startswith("-") else 1
    if number == "X":
        return Normal("PAST_REF" if sign < 0 else "FUTURE_REF", "TIME", f.mod())
    assert isinstance(number, float | int)
    on_ref = how.endswith("ref") and ctx.ref is not None
    base = ctx.ref if on_ref else ctx.dct.date
    mult, letter = unit
    amount = number * mult * sign
    if base is None:
        if ctx.dct.year is None:
            return calendar_unit((1, letter if letter in ("Y", "M") else "D"), 0, ctx.dct, f.mod())
        if letter == "Y":
            return Normal(f"{ctx.dct.year + int(amount):04d}", "DATE", f.mod(), anchored=True)
        if letter == "M" and ctx.dct.month is not None:
            year, month = add_months(ctx.dct.year, ctx.dct.month, int(amount))
            return Normal(f"{year:04d}-{month:02d}", "DATE", f.mod(), anchored=True)
        value, note = ctx.dct.truncated()
        return Normal(value, "DATE", f.mod(), anchored=True, note=note)
    if letter == "Y":
        return Normal(f"{base.year + int(amount):04d}", "DATE", f.mod(), anchored=not on_ref)
    if letter == "M":
        year, month = add_months(base.year, base.month, int(amount))
        return Normal(f"{year:04d}-{month:02d}", "DATE", f.mod(), anchored=not on_ref)
    days = {"W": 7, "D": 1}.get(letter, 0)
    return Normal(
        iso(base + dt.timedelta(days=round(amount * days))), "DATE", f.mod(), anchored=not on_ref
    )


def _duration(f: Fields, ctx: Context) -> Normal | None:
    unit = parse_unit(f.word("unit") or f.word("period"))
    if unit is None:
        return None
    number = f.number()
    if number is None:
        number = 1.0
    return Normal(duration_value(number, unit), "DURATION", f.mod())


def _clock_duration(f: Fields, ctx: Context) -> Normal | None:
    """A length written like a clock reading: "en 2 h 15" (a race time), "1 h 12 min 30 s"."""
    parts = [(f.surfaces.get("hour"), "H"), (f.surfaces.get("minute"), "M")]
    parts.append((f.surfaces.get("second"), "S"))
    value = "".join(f"{int(n)}{letter}" for n, letter in parts if n and int(n))
    return Normal(f"PT{value}", "DURATION", f.mod()) if value else None


def _set(f: Fields, ctx: Context) -> Normal | None:
    part = f.str_word("part")
    weekday = f.int_word("weekday")
    if weekday is not None:
        return Normal(with_part(f"XXXX-WXX-{weekday}", part), "SET", f.mod())
    if f.has("season"):
        return Normal(f"XXXX-{f.str_word('season')}", "SET", f.mod())
    month = f.month()
    if month is not None:
        return Normal(f"XXXX-{month:02d}", "SET", f.mod())
    unit = parse_unit(f.word("unit") or f.word("set_adj"))
    if unit is None:
        return Normal(f"XXXX-XX-XXT{part}", "SET", f.mod()) if part else None
    number = f.number()
    return Normal(duration_value(number if number is not None else 1, unit), "SET", f.mod())


def _ref(f: Fields, ctx: Context) -> Normal | None:
    value = f.rule.value or f.str_word("ref")
    if value is None:
        shift = f.shift()
        if shift is None:
            return None
        value = "PAST_REF" if shift < 0 else "FUTURE_REF" if shift > 0 else "PRESENT_REF"
    return Normal(value, f.rule.type or "TIME", f.mod())


def _anaphor(f: Fields, ctx: Context) -> Normal | None:
    """Days told from the reference date: "le lendemain", "le même jour", "la soirée"."""
    offset = f.int_word("anaphor") or 0
    part = f.str_word("part")
    kind = "TIME" if part else "DATE"
    on_ref = ctx.ref is not None
    base = ctx.ref if ctx.ref is not None else ctx.dct.date
    if base is None:
        value, note = ctx.dct.truncated()
        if ctx.dct.year is None:
            return Normal(with_part(value, part), kind, f.mod(), note=note)
        return Normal(value, "DATE", f.mod(), anchored=True, note=note)
    day = base + dt.timedelta(days=offset)
    weekday = f.int_word("weekday")
    if weekday is not None:
        day = resolve_weekday(day, weekday, None, 1 if offset > 0 else None)
    return Normal(with_part(iso(day), part), kind, f.mod(), anchored=not on_ref)


def _time(f: Fields, ctx: Context) -> Normal | None:
    hour = f.int_word("hour") if "hour" not in f.surfaces else int(f.surfaces["hour"])
    minute = int(f.surfaces["minute"]) if "minute" in f.surfaces else f.int_word("minute") or 0
    if hour is None or hour > 24 or minute > 59:
        return None
    meridian = f.str_word("ampm")
    if meridian == "PM" and hour < 12:
        hour += 12
    elif meridian == "AM" and hour == 12:
        hour = 0
    clock = f"T{hour:02d}:{minute:02d}"
    offset = f.int_word("deictic")
    if offset is not None and ctx.dct.date is not None:
        return Normal(iso(ctx.dct.date + dt.timedelta(days=offset)) + clock, "TIME", f.mod(), True)
    base = ctx.ref if ctx.ref is not None else ctx.dct.date
    if base is None:
        if ctx.dct.year is None:
            return Normal("XXXX-XX-XX" + clock, "TIME", f.mod(), note=NOTE_UNKNOWN)
        value, note = ctx.dct.truncated()
        value += "-XX" * (3 - len(value.split("-")))
        return Normal(value + clock, "TIME", f.mod(), anchored=True, note=note)
    return Normal(iso(base) + clock, "TIME", f.mod(), anchored=ctx.ref is None)


HANDLERS: dict[str, Callable[[Fields, Context], Normal | None]] = {
    "date": _date,
    "deictic": _deictic,
    "relative": _relative,
    "ref_relative": _ref_relative,
    "offset": _offset,
    "duration": _duration,
    "clock_duration": _clock_duration,
    "set": _set,
    "ref": _ref,
    "anaphor": _anaphor,
    "time": _time,
}


def normalise(f: Fields, ctx: Context) -> Normal | None:
    handler = HANDLERS.get(f.rule.kind)
    return None if handler is None else handler(f, ctx)
