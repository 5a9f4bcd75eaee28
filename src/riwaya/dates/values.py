"""Resolved values and calendar arithmetic shared by the resolvers."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from riwaya.dates.forms import Clock

_COARSE = ("day", "week", "month", "year")


@dataclass(frozen=True)
class Resolved:
    value: str
    grain: str
    until: str | None
    evidence: str


@dataclass(frozen=True)
class Ref:
    """The reference: ``when`` (local, naive); ``timed`` when it carries a time of day; ``offset``
    its UTC offset in hours; ``bound`` the latest date a weekday may pin a year to."""

    when: datetime | None
    timed: bool = False
    offset: float | None = None
    bound: date | None = None

    @property
    def day(self) -> date:
        return self.when.date()


def iso(d: date | datetime, grain: str) -> str:
    """ISO start of the period of ``grain`` that holds ``d``."""
    if grain in _COARSE:
        d = d.date() if isinstance(d, datetime) else d
        if grain == "week":
            d = monday(d)
        elif grain == "month":
            d = d.replace(day=1)
        elif grain == "year":
            d = d.replace(month=1, day=1)
        return d.isoformat()
    return d.strftime("%Y-%m-%dT%H:%M")


def month_add(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def direction(convention: str, tense: str | None) -> str:
    """duckling | future | past | nearest (news, when the clause gives no tense)."""
    if convention == "duckling":
        return "duckling"
    return tense if tense in ("future", "past") else "nearest"


def clock(t: Clock, day: date, ref: Ref, news: bool) -> tuple[datetime, str]:
    """The time ``t`` on ``day``, and its grain (minute when minutes were said, or a zone)."""
    h, mi = t.hour, t.minute if t.minute is not None else 0
    if t.minus is not None:
        total = h * 60 - t.minus
        h, mi = divmod(total, 60)
    dp = t.dpart
    if dp == "pm" and h < 12:
        h += 12
    elif dp == "noon" and h < 6:
        h += 12
    elif dp == "am" and h == 12 and t.minus is None:
        h = 0
    elif dp is None and h < 12 and not news and ref.timed and day == ref.day and (h, mi) < (
            ref.when.hour, ref.when.minute):
        h += 12
    h %= 24
    grain = "minute" if (t.minute is not None or t.minus is not None) else "hour"
    out = datetime(day.year, day.month, day.day, h, mi)
    if t.tz is not None and ref.offset is not None:
        out += timedelta(hours=ref.offset - t.tz)
        grain = "minute"
    return out, grain
