"""Hijri (Umm al-Qura) dates and holidays as Gregorian dates, via ``hijridate``.

Outside the table's range (1343-1500 AH, 1924-2077 CE) every function returns None: a date we
cannot convert is left unresolved rather than guessed.
"""
from __future__ import annotations

from datetime import date, timedelta


def to_gregorian(hy: int, hm: int, hd: int) -> date | None:
    from hijridate import Hijri

    try:
        return date.fromordinal(Hijri(hy, hm, hd).to_gregorian().toordinal())
    except (ValueError, OverflowError):
        return None


def hijri_year_of(d: date) -> int | None:
    from hijridate import Gregorian

    try:
        return Gregorian(d.year, d.month, d.day).to_hijri().year
    except (ValueError, OverflowError):
        return None


def month_end(hy: int, hm: int) -> date | None:
    """First Gregorian day after Hijri month ``hm`` of ``hy``."""
    ny, nm = (hy + 1, 1) if hm == 12 else (hy, hm + 1)
    return to_gregorian(ny, nm, 1)


def occurrences(hm: int, hd: int, around: int) -> list[tuple[int, date]]:
    """(Hijri year, Gregorian date) of day ``hd`` of month ``hm`` in the Hijri years around ``around``."""
    out = []
    for hy in (around - 1, around, around + 1):
        g = to_gregorian(hy, hm, hd)
        if g:
            out.append((hy, g))
    return out


def in_gregorian_year(hm: int, hd: int, year: int) -> tuple[int, date] | None:
    """The first occurrence of Hijri ``hm``/``hd`` that falls in Gregorian ``year``."""
    hy = hijri_year_of(date(year, 1, 1))
    if hy is None:
        return None
    for hy2, g in occurrences(hm, hd, hy + 1):
        if g.year == year:
            return hy2, g
    return None


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def plus_days(d: date, n: int) -> date:
    return d + timedelta(days=n)
