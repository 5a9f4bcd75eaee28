"""What a date expression's words said, before any reference date is known: typed frozen values.

The parser (``parser``, ``expressions``, ``clock``) builds one ``Spec`` per expression; the
resolvers dispatch on its type. Two families:

* forms that need only the reference (``relative.py``): ``Now``, ``Tonight``, ``UntilClock``,
  ``Period`` (this/last/next week, month, year), ``Span`` (the next/last N weeks), ``Duration``
  (N days ago, after N months, within N years);
* ``DaySpec`` (``resolve.py``): a day, month or year named by calendar parts (``DateParts``, whose
  month and year are each one of three kinds: Gregorian, Hijri, or relative to the reference), with
  what else the words fixed: a weekday, "today/yesterday", an ordinal day or the n-th weekday, a
  holiday, part of a month or year, a time of day or a range of times.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union


# -- years and months ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Number:
    value: int


class _Shift(_Number):
    """The reference's year or month moved by ``offset``: "العام الماضي" is -1, "هذا الشهر" 0."""

    @property
    def offset(self) -> int:
        return self.value


class Year(_Number):
    """A Gregorian year, as written."""


class HijriYear(_Number):
    """A Hijri year, as written ("1443 هـ"); the resolvers convert it."""


class YearShift(_Shift):
    """This, last or next year."""


@dataclass(frozen=True)
class Month:
    """A Gregorian month by name or number."""

    month: int
    direction: str | None = None  # "past" | "next" | "this": "مارس الماضي", "يناير المقبل", "الشهر الجاري"
    pair_mismatch: int | None = None  # a regional pair naming two months ("يناير/شباط"): the second


class HijriMonth(_Number):
    """A Hijri month, 1 (Muharram) to 12 (Dhu al-Hijja)."""


class MonthShift(_Shift):
    """This, last or next month."""


YearRef = Union[Year, HijriYear, YearShift]
MonthRef = Union[Month, HijriMonth, MonthShift]
GREGORIAN = (Month, MonthShift)  # months read on the Gregorian calendar


@dataclass(frozen=True)
class DateParts:
    """A calendar date as written: a day (None: the whole month), a month, a year (None: unsaid),
    and the end of a range: "13-15 تموز" (``until_day``), "13 تموز - 2 آب" (``until``)."""

    day: int | None = None
    month: MonthRef | None = None
    year: YearRef | None = None
    until_day: int | None = None
    until: DateParts | None = None
    numeric: bool = False  # written in digits, "21/09/2013"
    short: bool = False  # digits without a year, "21/09"


# -- what else a day may carry ------------------------------------------------------------------

@dataclass(frozen=True)
class Weekday:
    day: int  # Monday 0
    direction: str | None = None  # "this" | "past" | "next": "هذا الخميس", "الخميس الماضي"
    week_shift: int | None = None  # the week it lies in, from the reference's: "الخميس من الأسبوع المقبل"


@dataclass(frozen=True)
class Nth:
    """The n-th (-1: last) weekday of a month, or week or day of a month (``unit``)."""

    n: int
    unit: str | None = None  # None: the weekday's; "week" | "day"


@dataclass(frozen=True)
class Holiday:
    kind: str  # "h" (Hijri), "easter", or a fixed Gregorian day
    name: tuple[str, ...]
    direction: str | None = None  # "past" | "next": "عيد الفطر الماضي", "عيد الأضحى المقبل"


@dataclass(frozen=True)
class Part:
    """The start, middle or end of a month or year; an interval ("أواخر") or one day ("نهاية")."""

    kind: str  # "start" | "middle" | "end"
    interval: bool
    implicit: bool = False  # "مطلع الشهر": the month is the reference's, unsaid


@dataclass(frozen=True)
class Clock:
    """A time of day as written: "الثالثة إلا ربعا مساء" is hour 3, minus 15, day part "pm"."""

    hour: int
    minute: int | None = None
    minus: int | None = None  # minutes before the hour
    dpart: str | None = None  # "am" | "pm" | "noon"
    tz: float | None = None  # a named zone's UTC offset in hours


@dataclass(frozen=True)
class DaySpec:
    """A day (or month, or year) the words name, and what else they fix about it."""

    date: DateParts = DateParts()
    weekday: Weekday | None = None
    rel_day: int | None = None  # today 0, yesterday -1, tomorrow 1
    ordday: int | None = None  # "السبت السادس عشر": the day of the month a weekday falls on
    nth: Nth | None = None
    nth_after: int | None = None  # "the first Monday after <holiday>": n (the weekday is ``weekday``)
    holiday: Holiday | None = None
    part: Part | None = None
    time: Clock | None = None
    until_time: Clock | None = None

    def names_a_day(self) -> bool:
        """Whether anything but the time places the day (a bare time is today's)."""
        d = self.date
        return (d.day is not None or d.month is not None or self.weekday is not None or self.rel_day is not None
                or self.holiday is not None or self.nth is not None or self.ordday is not None
                or isinstance(d.year, Year))


# -- forms that need only the reference ---------------------------------------------------------

@dataclass(frozen=True)
class Now:
    pass


@dataclass(frozen=True)
class Tonight:
    pass


@dataclass(frozen=True)
class UntilClock:
    """"حتى الساعة الثانية": from the reference until that time."""

    time: Clock


@dataclass(frozen=True)
class Period:
    """This, last or next week, month or year (``offset`` 0, -1, 1)."""

    grain: str
    offset: int


@dataclass(frozen=True)
class Span:
    """The next or last ``count`` weeks, days, months or years."""

    grain: str
    count: int
    dir: str  # "next" | "past"


@dataclass(frozen=True)
class Duration:
    """``count`` units ago ("منذ"), after ("بعد") or within ("خلال") from the reference."""

    grain: str
    count: int
    mode: str  # "ago" | "after" | "within"
    approx: bool = False  # "منذ أكثر من عامين"


Relative = Union[Now, Tonight, UntilClock, Period, Span, Duration]
Spec = Union[DaySpec, Relative]
