"""Resolve a parsed expression against a reference date, under a reading convention.

``convention="duckling"`` reads as a voice assistant does (a bare weekday is the next such day, a
month without a year is its next occurrence, this month included). ``convention="news"`` reads as
a news reader does: a bare weekday or a yearless date lies on or before the reference in a
past-tense clause and on or after it in a future-tense clause.

Without a reference (``ref=None``) only what the words fix on their own resolves: an explicit
year, or a weekday with a day and month, which pins the year to the most recent match not after
``bound``. Everything else returns None: never a guess.
"""
from __future__ import annotations

from datetime import date, timedelta

from riwaya.dates import hijri
from riwaya.dates.relative import KEYS, relative
from riwaya.dates.values import Ref, Resolved, clock, direction, iso, last_day, monday, month_add, safe

_DAY_KEYS = ("day", "month", "month_rel", "weekday", "rel_day", "hmonth", "holiday", "nth", "ordday", "year")


class _Resolver:
    def __init__(self, ref: Ref, convention: str, tense: str | None):
        self.ref = ref
        self.dir = direction(convention, tense)
        self.ev: list[str] = []

    # -- years ----------------------------------------------------------------------------------
    def pick_year(self, s: dict, m: int, d: int | None) -> int | None:
        if "year" in s:
            self.ev.append("year:explicit")
            return s["year"]
        ref = self.ref.when
        wd = s.get("weekday")
        if ref is None:
            if wd is not None and d is not None and self.ref.bound:
                b = self.ref.bound
                for y in range(b.year, b.year - 40, -1):
                    c = safe(y, m, d)
                    if c and c <= b and c.weekday() == wd:
                        self.ev.append("year:weekday-pinned")
                        return y
            return None
        if "year_rel" in s:
            self.ev.append("year:relative")
            return ref.year + s["year_rel"]
        md = s.get("month_dir")
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

    def month_of(self, s: dict, d: int | None) -> tuple[int, int] | None:
        if "month_rel" in s:
            if self.ref.when is None:
                return None
            self.ev.append("month:relative")
            return month_add(self.ref.when.year, self.ref.when.month, s["month_rel"])
        m = s["month"]
        y = self.pick_year(s, m, d)
        return (y, m) if y else None

    # -- the day ----------------------------------------------------------------------------------
    def day(self, s: dict) -> tuple[date, str] | None:
        """The day (and the grain of what was said) for a spec without time."""
        ref = self.ref.when
        if "hmonth" in s:
            return self.hijri_day(s)
        if "holiday" in s:
            return self.holiday(s)
        if "rel_day" in s and not ("day" in s and ("month" in s or "month_rel" in s)):
            if ref is None:
                return None
            self.ev.append("relative-day")
            return self.ref.day + timedelta(days=s["rel_day"]), "day"
        if "nth" in s:
            ym = self.month_of(s, None)
            return (self.nth(s, *ym), "week" if s.get("nth_unit") == "week" else "day") if ym else None
        if "day" in s and ("month" in s or "month_rel" in s):
            ym = self.month_of(s, s["day"])
            if not ym:
                return None
            c = safe(ym[0], ym[1], s["day"])
            if c and "weekday" in s and c.weekday() != s["weekday"]:
                self.ev.append("weekday-mismatch")
            return (c, "day") if c else None
        if "ordday" in s:
            return self.weekday_ordinal(s)
        if "month" in s or "month_rel" in s:
            if "part" in s:
                return self.part_month(s)
            ym = self.month_of(s, None)
            if not ym:
                return None
            return date(ym[0], ym[1], 1), "month"
        if "weekday" in s:
            return self.weekday(s)
        return None

    def weekday(self, s: dict) -> tuple[date, str] | None:
        if self.ref.when is None:
            return None
        ref, wd = self.ref.day, s["weekday"]
        if "week_rel" in s:
            self.ev.append("weekday:week-relative")
            return monday(ref) + timedelta(days=7 * s["week_rel"] + wd), "day"
        ahead = (wd - ref.weekday()) % 7
        back = (ref.weekday() - wd) % 7
        wdir = s.get("wd_dir")
        if wdir == "past":
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

    def weekday_ordinal(self, s: dict) -> tuple[date, str] | None:
        """"السبت السادس عشر" (day 16, a Saturday) or "الثلاثاء الثالث من ايلول" (3rd Tuesday)."""
        n, wd = s["ordday"], s["weekday"]
        if "month" in s or "month_rel" in s:
            ym = self.month_of(s, n)
            if not ym:
                return None
            c = safe(ym[0], ym[1], n)
            if c and c.weekday() == wd:
                self.ev.append("weekday+ordinal-day")
                return c, "day"
            if n <= 5:
                self.ev.append("nth-weekday")
                return self.nth({"nth": n, "weekday": wd}, *ym), "day"
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

    def nth(self, s: dict, y: int, m: int) -> date:
        n = s["nth"]
        if s.get("nth_unit") == "week":
            first = date(y, m, 1)
            mon = first + timedelta(days=(7 - first.weekday()) % 7)
            if n > 0:
                return mon + timedelta(days=7 * (n - 1))
            end = date(y, m, last_day(y, m))
            return end - timedelta(days=6) - timedelta(days=(end - timedelta(days=6)).weekday())
        if s.get("nth_unit") == "day":
            return date(y, m, last_day(y, m)) if n < 0 else date(y, m, n)
        wd = s["weekday"]
        if n > 0:
            first = date(y, m, 1)
            return first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
        end = date(y, m, last_day(y, m))
        return end - timedelta(days=(end.weekday() - wd) % 7)

    def part_month(self, s: dict):
        ym = self.month_of(s, None)
        if not ym:
            return None
        y, m = ym
        kind, interval = s["part"], s.get("part_interval")
        self.ev.append(f"part:{kind}")
        if interval:
            lo, hi = {"start": (1, 11), "middle": (11, 21), "end": (21, None)}[kind]
            end = date(*month_add(y, m, 1), 1) if hi is None else date(y, m, hi)
            return (date(y, m, lo), end), "day"
        d = {"start": 1, "middle": 15, "end": last_day(y, m)}[kind]
        return date(y, m, d), "day"

    def part_year(self, s: dict):
        if "year" in s:
            y = s["year"]
        elif self.ref.when is not None:
            y = self.ref.when.year + s.get("year_rel", 0)
        else:
            return None
        kind, interval = s["part"], s.get("part_interval")
        self.ev.append(f"part:{kind}-of-year")
        if interval:
            lo, hi = {"start": ((y, 1), (y, 4)), "middle": ((y, 5), (y, 9)), "end": ((y, 9), (y + 1, 1))}[kind]
            return (date(*lo, 1), date(*hi, 1)), "month"
        return date(y, {"start": 1, "middle": 7, "end": 12}[kind], 1), "month"

    # -- Hijri and holidays -----------------------------------------------------------------------
    def _choose(self, cands: list[date]) -> date | None:
        ref = self.ref.day
        cands = [c for c in cands if c]
        if self.dir == "nearest":
            return min(cands, key=lambda c: abs((c - ref).days)) if cands else None
        if self.dir == "past":
            past = [c for c in cands if c <= ref]
            return max(past) if past else None
        fut = [c for c in cands if c >= ref]
        return min(fut) if fut else None

    def hijri_day(self, s: dict):
        hm, hd = s["hmonth"], s.get("day")
        if "hyear" in s:
            self.ev.append("hijri:explicit-year")
            hy = s["hyear"]
        else:
            if self.ref.when is None:
                return None
            around = hijri.hijri_year_of(self.ref.day)
            if around is None:
                return None
            occ = hijri.occurrences(hm, hd or 1, around)
            c = self._choose([g for _, g in occ])
            hy = next((y for y, g in occ if g == c), None)
            if hy is None:
                return None
            self.ev.append("hijri:nearest-year")
        if hd:
            g = hijri.to_gregorian(hy, hm, hd)
            return (g, "day") if g else None
        a, b = hijri.to_gregorian(hy, hm, 1), hijri.month_end(hy, hm)
        return ((a, b), "day") if a and b else None

    def holiday(self, s: dict):
        kind, name = s["holiday"]
        from riwaya.dates.lexicon import lexicon

        lex = lexicon()
        self.ev.append("holiday")
        y = s.get("year")
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
                g = self._choose([d for _, d in occ])
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
        g = cands[0] if y else self._choose(cands)
        return (g, "day") if g else None


def resolve(spec: dict, ref: Ref, convention: str = "news", tense: str | None = None) -> Resolved | None:
    r = _Resolver(ref, convention, tense)
    news = convention != "duckling"
    s = spec
    if "time" in s and not any(k in s for k in _DAY_KEYS):
        s = {**s, "rel_day": 0}
    if any(k in s for k in KEYS):
        return relative(s, ref, news)
    when = ref.when
    if "part" in s and "month" not in s and "month_rel" not in s:
        res = r.part_year(s)
    elif ("year" in s or "hyear" in s) and not any(k in s for k in ("month", "hmonth", "holiday", "month_rel")):
        if "hyear" in s:
            a, b = hijri.to_gregorian(s["hyear"], 1, 1), hijri.to_gregorian(s["hyear"] + 1, 1, 1)
            if not a or not b:
                return None
            return Resolved(iso(a, "day"), "day", iso(b, "day"), "hijri-year")
        return Resolved(f"{s['year']:04d}-01-01", "year", None, "year:explicit")
    elif "year_rel" in s and not any(k in s for k in ("month", "hmonth", "holiday", "month_rel")):
        if when is None:
            return None
        return Resolved(f"{when.year + s['year_rel']:04d}-01-01", "year", None, "year:relative")
    else:
        res = r.day(s)
    if res is None:
        return None
    day, grain = res
    until = None
    if isinstance(day, tuple):
        day, end = day
        until = iso(end, grain)
    if "nth_after" in s:
        n, wd = s["nth_after"], s["weekday"]
        first = day + timedelta(days=(wd - day.weekday()) % 7 or 7)
        day = first + timedelta(days=7 * (n - 1))
        r.ev.append("nth-weekday-after")
    if "until_day" in s:
        end = safe(day.year, day.month, s["until_day"])
        if end:
            until = iso(end + timedelta(days=1), "day")
    if "until_date" in s:
        r2 = _Resolver(ref, convention, tense).day({**s["until_date"], "year": day.year}
                                                  if "year" not in s["until_date"] else s["until_date"])
        if r2 and not isinstance(r2[0], tuple) and r2[0] >= day:
            until = iso(r2[0] + timedelta(days=1), "day")
    if "time" in s:
        t, grain = clock(s["time"], day, ref, news)
        if "until_time" in s:
            t2, g2 = clock(s["until_time"], day, ref, news)
            step = timedelta(hours=1) if g2 == "hour" else timedelta(minutes=1)
            until = iso(t2 + step, grain)
        return Resolved(iso(t, grain), grain, until, "+".join(r.ev + ["time"]))
    return Resolved(iso(day, grain), grain, until, "+".join(r.ev) or "date")
