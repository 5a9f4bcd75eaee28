"""Expressions that need only the reference: now, tonight, "until 2:00", this/last/next period,
the next N weeks, N days ago, within N days."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from riwaya.dates.forms import Duration, Now, Period, Relative, Span, Tonight, UntilClock
from riwaya.dates.values import Ref, Resolved, clock, iso, last_day, monday, month_add, safe


def relative(s: Relative, ref: Ref, news: bool) -> Resolved | None:
    """The value of a form that needs only the reference (None without one)."""
    when = ref.when
    if when is None:
        return None
    if isinstance(s, Now):
        return Resolved(iso(when, "minute" if ref.timed else "day"), "minute" if ref.timed else "day", None, "now")
    if isinstance(s, Tonight):
        d = ref.day
        return Resolved(iso(datetime(d.year, d.month, d.day, 18), "hour"), "hour",
                        iso(datetime(d.year, d.month, d.day) + timedelta(days=1), "hour"), "tonight")
    if isinstance(s, UntilClock):
        t, _ = clock(s.time, ref.day, ref, news)
        if t <= when:
            t += timedelta(days=1)
        g = "minute" if ref.timed else "day"
        return Resolved(iso(when, g), g, iso(t, "minute"), "until-time")
    if isinstance(s, Period):
        g, k = s.grain, s.offset
        d = ref.day
        if g == "week":
            v = monday(d) + timedelta(days=7 * k)
        elif g == "month":
            v = date(*month_add(d.year, d.month, k), 1)
        else:
            v = date(d.year + k, 1, 1)
        return Resolved(iso(v, g), g, None, f"period:{g}{k:+d}")
    if isinstance(s, Span):
        g, n, fwd = s.grain, s.count, s.dir == "next"
        d = ref.day
        if g == "week":
            start = monday(d) + timedelta(days=7 if fwd else -7 * n)
            end = start + timedelta(days=7 * n)
        elif g == "day":
            start = d + timedelta(days=1 if fwd else -n)
            end = start + timedelta(days=n)
        elif g == "month":
            start = date(*month_add(d.year, d.month, 1 if fwd else -n), 1)
            end = date(*month_add(start.year, start.month, n), 1)
        else:
            start = date(d.year + (1 if fwd else -n), 1, 1)
            end = date(start.year + n, 1, 1)
        return Resolved(iso(start, g), g, iso(end, g), f"next-{g}s" if fwd else f"last-{g}s")
    if isinstance(s, Duration):
        g, n = s.grain, s.count
        sign = -1 if s.mode == "ago" else 1
        d = ref.day
        if g in ("day", "week"):
            v = d + timedelta(days=sign * n * (7 if g == "week" else 1))
        elif g == "month":
            y, m = month_add(d.year, d.month, sign * n)
            v = date(y, m, min(d.day, last_day(y, m)))
        else:
            v = safe(d.year + sign * n, d.month, d.day) or date(d.year + sign * n, d.month, 28)
        if s.mode == "within":
            gg = "minute" if ref.timed else "day"
            return Resolved(iso(when, gg), gg, iso(v, "day" if not ref.timed else "minute"), f"within-{g}s")
        grain = {"day": "day", "week": "day", "month": "month", "year": "year"}[g]
        return Resolved(iso(v, grain), grain, None, f"{s.mode}-{g}s" + (":approx" if s.approx else ""))
    return None
