"""Resolve a parsed expression against a reference date, under a reading convention.

``convention="duckling"`` reads as a voice assistant does (a bare weekday is the next such day, a
month without a year is its next occurrence, this month included). ``convention="news"`` reads as
a news reader does: a bare weekday or a yearless date lies on or before the reference in a
past-tense clause and on or after it in a future-tense clause; the start, middle or end of a month
is a period of about ten days ("أواخر آذار": the 21st to the month's end); a holiday or Hijri month
still under way is the current one in a future clause; "أمس الخميس" trusts the weekday named.

Without a reference (``ref=None``) only what the words fix on their own resolves: an explicit
year, or a weekday with a day and month, which pins the year to the most recent match not after
``bound``. Everything else returns None: never a guess.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from riwaya.dates import hijri
from riwaya.dates.forms import GREGORIAN, DateParts, DaySpec, HijriMonth, HijriYear, Month, MonthShift, Nth, Spec, \
    Year, YearRef, YearShift
from riwaya.dates.relative import relative
from riwaya.dates.values import Ref, Resolved, clock, direction, iso, last_day, monday, month_add, safe


class _Resolver:
    def __init__(self, ref: Ref, convention: str, tense: str | None):
        self.ref = ref
        self.convention, self.tense = convention, tense
        self.dir = direction(convention, tense)
        self.ev: list[str] = []

    # -- years ----------------------------------------------------------------------------------
    def pick_year(self, s: DaySpec, m: int, d: int | None) -> int | None:
        year, month = s.date.year, s.date.month
        if isinstance(year, Year):
            self.ev.append("year:explicit")
            return year.value
        ref = self.ref.when
        wd = s.weekday.day if s.weekday else None
        if ref is None:
            if wd is not None and d is not None and self.ref.bound:
                b = self.ref.bound
                for y in range(b.year, b.year - 40, -1):
                    c = safe(y, m, d)
                    if c and c <= b and c.weekday() == wd:
                        self.ev.append("year:weekday-pinned")
                        return y
            return None
        if isinstance(year, YearShift):
            self.ev.append("year:relative")
            return ref.year + year.offset
        md = month.direction if isinstance(month, Month) else None
        if md == "past":
            self.ev.append("year:month-past")
            return ref.year if m < ref.month else ref.year - 1
        if md == "next":
            self.ev.append("year:month-next")
            return ref.year if m > ref.month else ref.year + 1
        if md == "this":
            self.ev.append("year:month-this")
            return ref.year
        if wd is not None and d is not None:
            y = self._pin(m, d, wd)
            if y:
                return y
        dd = d or 1
        if self.dir == "duckling":
            self.ev.append("year:next-month")
            return ref.year if m >= ref.month else ref.year + 1
        key, rk = (m, dd if d else 0), (ref.month, ref.day if d else 0)
        if self.dir == "nearest":
            self.ev.append("year:nearest")
            day = dd if d else 15
            return min((ref.year - 1, ref.year, ref.year + 1),
                       key=lambda y: abs(((safe(y, m, day) or date(y, m, 28)) - self.ref.day).days))
        if self.dir == "future":
            self.ev.append("year:tense-future")
            return ref.year if key >= rk else ref.year + 1
        self.ev.append("year:tense-past")
        return ref.year if key <= rk else ref.year - 1

    def _pin(self, m: int, d: int, wd: int) -> int | None:
        ref = self.ref.day
        if self.dir == "nearest":
            hits = [y for y in range(ref.year - 30, ref.year + 30) if (c := safe(y, m, d)) and c.weekday() == wd]
            if hits:
                self.ev.append("year:weekday")
                return min(hits, key=lambda y: abs((date(y, m, d) - ref).days))
            return None
        years = range(ref.year, ref.year - 30, -1) if self.dir == "past" else range(ref.year, ref.year + 30)
        for y in years:
            c = safe(y, m, d)
            if c is None or c.weekday() != wd:
                continue
            if (self.dir == "past" and c <= ref) or (self.dir == "future" and c >= ref) or (
                    self.dir == "duckling" and (y, m) >= (ref.year, ref.month)):
                self.ev.append("year:weekday")
                return y
        return None

    def month_of(self, s: DaySpec, d: int | None) -> tuple[int, int] | None:
        month = s.date.month
        if isinstance(month, MonthShift):
            if self.ref.when is None:
                return None
            self.ev.append("month:relative")
            return month_add(self.ref.when.year, self.ref.when.month, month.offset)
        m = month.month
        y = self.pick_year(s, m, d)
        return (y, m) if y else None

    # -- the day ----------------------------------------------------------------------------------
    def day(self, s: DaySpec) -> tuple[date, str] | None:
        """The day (and the grain of what was said) for a spec without time."""
        ref = self.ref.when
        d, gregorian = s.date, isinstance(s.date.month, GREGORIAN)
        if isinstance(d.month, HijriMonth):
            r = self.hijri_day(d)
            if r and isinstance(r[0], tuple) and s.nth is not None and s.weekday is not None:
                self.ev.append("nth-weekday")  # "آخر جمعة في شهر رمضان"
                return _nth_in(r[0], s.nth.n, s.weekday.day), "day"
            return r
        if s.holiday is not None:
            return self.holiday(s)
        if s.rel_day is not None and not (d.day is not None and gregorian):
            if ref is None:
                return None
            self.ev.append("relative-day")
            day = self.ref.day + timedelta(days=s.rel_day)
            if s.weekday is not None and day.weekday() != s.weekday.day and self.dir != "duckling":
                # "أمس الخميس" in a report dated Thursday evening: the weekday named is the day meant
                k = (s.weekday.day - day.weekday()) % 7
                day += timedelta(days=k if k <= 3 else k - 7)
                self.ev.append("weekday-named")
            return day, "day"
        if s.nth is not None:
            ym = self.month_of(s, None)
            wd = s.weekday.day if s.weekday else None
            return (self.nth(s.nth, wd, *ym), "week" if s.nth.unit == "week" else "day") if ym else None
        if d.day is not None and gregorian:
            ym = self.month_of(s, d.day)
            if not ym:
                return None
            c = safe(ym[0], ym[1], d.day)
            if c and s.weekday and c.weekday() != s.weekday.day:
                self.ev.append("weekday-mismatch")
            return (c, "day") if c else None
        if s.ordday is not None:
            return self.weekday_ordinal(s)
        if gregorian:
            if s.part is not None:
                return self.part_month(s)
            ym = self.month_of(s, None)
            if not ym:
                return None
            return date(ym[0], ym[1], 1), "month"
        if s.weekday is not None:
            return self.weekday(s)
        return None

    def weekday(self, s: DaySpec) -> tuple[date, str] | None:
        if self.ref.when is None:
            return None
        ref, wd = self.ref.day, s.weekday.day
        if s.weekday.week_shift is not None:
            self.ev.append("weekday:week-relative")
            return monday(ref) + timedelta(days=7 * s.weekday.week_shift + wd), "day"
        ahead = (wd - ref.weekday()) % 7
        back = (ref.weekday() - wd) % 7
        wdir = s.weekday.direction
        if wdir == "past":
            if back == 1 and self.dir != "duckling":
                # news names yesterday "أمس الثلاثاء" or plainly "الثلاثاء"; "الثلاثاء الماضي" is last week's
                self.ev.append("weekday:last-week")
                return ref - timedelta(days=8), "day"
            self.ev.append("weekday:last")
            return ref - timedelta(days=back or 7), "day"
        if wdir == "next" or self.dir == "duckling":
            self.ev.append("weekday:next")
            return ref + timedelta(days=ahead or 7), "day"
        if self.dir == "future":
            self.ev.append("weekday:tense-future")
            return ref + timedelta(days=ahead), "day"
        self.ev.append("weekday:tense-past")
        return ref - timedelta(days=back), "day"

    def weekday_ordinal(self, s: DaySpec) -> tuple[date, str] | None:
        """"السبت السادس عشر" (day 16, a Saturday) or "الثلاثاء الثالث من ايلول" (3rd Tuesday)."""
        n, wd = s.ordday, s.weekday.day
        if isinstance(s.date.month, GREGORIAN):
            ym = self.month_of(s, n)
            if not ym:
                return None
            c = safe(ym[0], ym[1], n)
            if c and c.weekday() == wd:
                self.ev.append("weekday+ordinal-day")
                return c, "day"
            if n <= 5:
                self.ev.append("nth-weekday")
                return self.nth(Nth(n), wd, *ym), "day"
            return (c, "day") if c else None
        if self.ref.when is None:
            return None
        ref = self.ref.day
        past = self.dir in ("past", "nearest")
        step = -1 if past else 1
        y, m = ref.year, ref.month
        for _ in range(24):
            c = safe(y, m, n)
            if c and c.weekday() == wd and (not past or c <= ref) and (past or c >= ref or self.dir == "duckling"):
                self.ev.append("weekday+ordinal-day")
                return c, "day"
            y, m = month_add(y, m, step)
        return None

    def nth(self, nth: Nth, wd: int | None, y: int, m: int) -> date:
        """The n-th (-1: last) weekday ``wd``, week or day (``nth.unit``) of month ``m`` of ``y``."""
        n = nth.n
        if nth.unit == "week":
            first = date(y, m, 1)
            mon = first + timedelta(days=(7 - first.weekday()) % 7)
            if n > 0:
                return mon + timedelta(days=7 * (n - 1))
            end = date(y, m, last_day(y, m))
            return end - timedelta(days=6) - timedelta(days=(end - timedelta(days=6)).weekday())
        if nth.unit == "day":
            return date(y, m, last_day(y, m)) if n < 0 else date(y, m, n)
        if n > 0:
            first = date(y, m, 1)
            return first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
        end = date(y, m, last_day(y, m))
        return end - timedelta(days=(end.weekday() - wd) % 7)

    def part_month(self, s: DaySpec):
        ym = self.month_of(s, None)
        if not ym:
            return None
        y, m = ym
        kind, interval = s.part.kind, s.part.interval or self.dir != "duckling"
        self.ev.append(f"part:{kind}")
        if interval:  # news: the start, middle or end of a month is a period of about ten days
            lo, hi = {"start": (1, 11), "middle": (11, 21), "end": (21, None)}[kind]
            end = date(*month_add(y, m, 1), 1) if hi is None else date(y, m, hi)
            return (date(y, m, lo), end), "day"
        d = {"start": 1, "middle": 15, "end": last_day(y, m)}[kind]
        return date(y, m, d), "day"

    def part_year(self, s: DaySpec):
        year = s.date.year
        if isinstance(year, Year):
            y = year.value
        elif self.ref.when is not None:
            y = self.ref.when.year + (year.offset if isinstance(year, YearShift) else 0)
        else:
            return None
        kind, interval = s.part.kind, s.part.interval
        self.ev.append(f"part:{kind}-of-year")
        if interval:
            lo, hi = {"start": ((y, 1), (y, 4)), "middle": ((y, 5), (y, 9)), "end": ((y, 9), (y + 1, 1))}[kind]
            return (date(*lo, 1), date(*hi, 1)), "month"
        return date(y, {"start": 1, "middle": 7, "end": 12}[kind], 1), "month"

    def part_hijri(self, s: DaySpec):
        """"نهاية رمضان": the first, middle or last ten days of a Hijri month."""
        r = self.hijri_day(DateParts(month=s.date.month, year=s.date.year))
        if not r or not isinstance(r[0], tuple):
            return None
        a, b = r[0]
        self.ev.append(f"part:{s.part.kind}")
        ten = timedelta(days=10)
        lo, hi = {"start": (a, a + ten), "middle": (a + ten, a + 2 * ten), "end": (a + 2 * ten, b)}[s.part.kind]
        return (lo, hi), "day"

    # -- Hijri and holidays -----------------------------------------------------------------------
    def _choose(self, cands: list[date], ends: list[date | None] | None = None, way: str | None = None
                ) -> date | None:
        """The candidate the reading picks; ``ends``: each candidate's exclusive end when it is a
        period (a Hijri month), so that one under way counts as now; ``way``: a direction the words
        gave ("عيد الفطر المقبل"), over the convention's."""
        ref = self.ref.day
        way = way or self.dir
        spans = [(c, e) if e and way != "duckling" else (c, c + timedelta(days=1))
                 for c, e in zip(cands, ends or [None] * len(cands)) if c]
        if way == "nearest":
            return min(spans, key=lambda p: 0 if p[0] <= ref < p[1] else abs((p[0] - ref).days))[0] if spans else None
        if way == "past":
            past = [c for c, _ in spans if c <= ref]
            return max(past) if past else None
        fut = [c for c, e in spans if c > ref or (c == ref and way != "next") or (e > ref and way != "next")]
        return min(fut) if fut else None

    def hijri_day(self, d: DateParts):
        hm, hd = d.month.value, d.day
        if isinstance(d.year, HijriYear):
            self.ev.append("hijri:explicit-year")
            hy = d.year.value
        else:
            if self.ref.when is None:
                return None
            around = hijri.hijri_year_of(self.ref.day)
            if around is None:
                return None
            occ = hijri.occurrences(hm, hd or 1, around)
            c = self._choose([g for _, g in occ], None if hd else [hijri.month_end(y, hm) for y, _ in occ])
            hy = next((y for y, g in occ if g == c), None)
            if hy is None:
                return None
            self.ev.append("hijri:nearest-year")
        if hd:
            g = hijri.to_gregorian(hy, hm, hd)
            return (g, "day") if g else None
        a, b = hijri.to_gregorian(hy, hm, 1), hijri.month_end(hy, hm)
        return ((a, b), "day") if a and b else None

    def holiday(self, s: DaySpec):
        kind, name = s.holiday.kind, s.holiday.name
        from riwaya.dates.lexicon import lexicon

        lex = lexicon()
        self.ev.append("holiday" + (f":{s.holiday.direction}" if s.holiday.direction else ""))
        y = s.date.year.value if isinstance(s.date.year, Year) else None
        if kind == "h":
            hm, hd, length = lex.hijri_holidays[name]
            if y:
                r = hijri.in_gregorian_year(hm, hd, y)
                if not r:
                    return None
                hy, g = r
            else:
                if self.ref.when is None:
                    return None
                around = hijri.hijri_year_of(self.ref.day)
                if around is None:
                    return None
                occ = hijri.occurrences(hm, hd, around)
                g = self._choose([d for _, d in occ], [hijri.month_end(a, hm) for a, _ in occ] if length == 0 else None,
                                 s.holiday.direction)
                hy = next((a for a, d in occ if d == g), None)
                if g is None:
                    return None
            if length == 0:
                end = hijri.month_end(hy, hm)
                return ((g, end), "day") if end else None
            return g, "day"
        if y is None:
            if self.ref.when is None:
                return None
            ys = [self.ref.day.year - 1, self.ref.day.year, self.ref.day.year + 1]
        else:
            ys = [y]
        cands = [hijri.easter(yy) if kind == "easter" else date(yy, *lex.fixed_holidays[name]) for yy in ys]
        g = cands[0] if y else self._choose(cands, way=s.holiday.direction)
        return (g, "day") if g else None


def resolve(spec: Spec, ref: Ref, convention: str = "news", tense: str | None = None) -> Resolved | None:
    """The value of ``spec`` against ``ref`` (None when the words and the reference do not fix one)."""
    news = convention != "duckling"
    if not isinstance(spec, DaySpec):
        return relative(spec, ref, news)
    s = spec if spec.time is None or spec.names_a_day() else replace(spec, rel_day=0)  # a bare time: today's
    r = _Resolver(ref, convention, tense)
    d = s.date
    if s.part is not None and isinstance(d.month, HijriMonth):
        res = r.part_hijri(s)
    elif s.part is not None and not isinstance(d.month, GREGORIAN):
        res = r.part_year(s)
    elif d.year is not None and d.month is None and s.holiday is None:
        return _year(d.year, ref)
    else:
        res = r.day(s)
    if res is None:
        return None
    return _finish(s, r, *res, news)


def _year(year: YearRef, ref: Ref) -> Resolved | None:
    """A year alone: as written, Hijri (the Gregorian days it spans), or the reference's moved."""
    if isinstance(year, HijriYear):
        a, b = hijri.to_gregorian(year.value, 1, 1), hijri.to_gregorian(year.value + 1, 1, 1)
        if not a or not b:
            return None
        return Resolved(iso(a, "day"), "day", iso(b, "day"), "hijri-year")
    if isinstance(year, Year):
        return Resolved(f"{year.value:04d}-01-01", "year", None, "year:explicit")
    if ref.when is None:
        return None
    return Resolved(f"{ref.when.year + year.offset:04d}-01-01", "year", None, "year:relative")


def _finish(s: DaySpec, r: _Resolver, day, grain: str, news: bool) -> Resolved:
    """The resolved day (or span of days) moved to the n-th weekday after it, with the end of a
    range of days or dates, and the time of day."""
    ref = r.ref
    until = None
    if isinstance(day, tuple):
        day, end = day
        until = iso(end, grain)
    if s.nth_after is not None:
        n, wd = s.nth_after, s.weekday.day
        first = day + timedelta(days=(wd - day.weekday()) % 7 or 7)
        day = first + timedelta(days=7 * (n - 1))
        r.ev.append("nth-weekday-after")
    d = s.date
    if d.until_day is not None:
        end = safe(day.year, day.month, d.until_day)
        if end:
            until = iso(end + timedelta(days=1), "day")
    if d.until is not None:
        r2 = _Resolver(ref, r.convention, r.tense).day(DaySpec(_in_year(d.until, day.year)))
        if r2 and not isinstance(r2[0], tuple) and r2[0] >= day:
            until = iso(r2[0] + timedelta(days=1), "day")
    if s.time is not None:
        t, grain = clock(s.time, day, ref, news)
        if s.until_time is not None:
            t2, g2 = clock(s.until_time, day, ref, news)
            step = timedelta(hours=1) if g2 == "hour" else timedelta(minutes=1)
            until = iso(t2 + step, grain)
        return Resolved(iso(t, grain), grain, until, "+".join(r.ev + ["time"]))
    return Resolved(iso(day, grain), grain, until, "+".join(r.ev) or "date")


def _nth_in(span: tuple[date, date], n: int, wd: int) -> date:
    """The n-th (-1: last) weekday ``wd`` in the days ``span`` (end exclusive)."""
    a, b = span
    if n > 0:
        return a + timedelta(days=(wd - a.weekday()) % 7 + 7 * (n - 1))
    last = b - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - wd) % 7)


def _in_year(until: DateParts, year: int) -> DateParts:
    """The end of a range, in the year its start fell in unless it names its own (a Hijri end keeps
    its Hijri year)."""
    if isinstance(until.year, Year) or (isinstance(until.month, HijriMonth) and isinstance(until.year, HijriYear)):
        return until
    return replace(until, year=Year(year))
