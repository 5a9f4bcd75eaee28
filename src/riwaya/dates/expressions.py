"""Date and time expressions found in folded text, before any reference date is known.

``parse(folded)`` tokenizes the matching form, looks every token sequence up in the date
lexicon, and at each token that can start an expression tries the grammar rules below, keeping
the longest. A parse is an ``Expr``: token span plus a ``spec``, a typed value of what the words
said (``forms``: a ``DaySpec`` of calendar parts, weekday, time of day and ranges, or one of the
forms relative to the reference). ``resolve.resolve`` turns a spec into a value against a
reference date. Nothing here knows the date today.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from riwaya.dates.clock import ClockRules
from riwaya.dates.forms import DateParts, DaySpec, Duration, Holiday, MonthShift, Nth, Part, Period, Span, Spec, \
    Weekday, HijriYear, Year, YearShift
from riwaya.dates.lexicon import tokenize
from riwaya.dates.parser import _SHIFT, Base, MonthRead

#: words between "منذ" and a count that make it approximate: "منذ أكثر من عامين"
_APPROX = (("اكثر", "من"), ("ما", "يزيد", "عن"), ("ما", "يقارب"), ("نحو",), ("حوالي",), ("قرابه",), ("زهاء",))


@dataclass(frozen=True)
class Expr:
    start: int  # folded-text offsets
    end: int
    spec: Spec
    rule: str = ""


class _Parser(Base, ClockRules):
    """The grammar: one method per rule, each ``(i) -> (spec, j) | None``."""

    def weekday_expr(self, i: int):
        j = i
        this_lead = False
        if self.w(j) in ("هذا", "هذه"):
            this_lead, j = True, j + 1
        if self.w(j) == "يوم":
            j += 1
        r = self.get(j, "wd")
        bare = False
        if not r:
            r = self.get(j, "wdb")
            bare = True
            if not r:
                return None
        wd, k = r
        if wd == 0 and not this_lead and j > 0 and self.words[j - 1] in self.lex.weekday_not_after:
            return None
        day = Weekday(wd, "this" if this_lead else None)
        if bare:
            if self.w(k) == "الاسبوع" and (mod := self.get(k + 1, "mod")):
                return self._with_time(DaySpec(weekday=replace(day, week_shift=_SHIFT[mod[0]])), mod[1])
            return None
        nxt = self.get(k, "wd") or self.get(k, "wdb")
        if nxt and nxt[0] == (wd + 1) % 7 and j > 0 and self.words[j - 1] in self.lex.night_words:
            # a night by its two days, "ليل الأربعاء الخميس": read as the day it ends on (its news is of the small hours)
            return self._with_time(DaySpec(weekday=Weekday(nxt[0])), nxt[1])
        return self._weekday_tail(day, k)

    def _weekday_tail(self, day: Weekday, k0: int):
        """What may follow a weekday's name: a date, an ordinal day (of a month), "last ... of a
        month", past/next, a week, a numeric date; then a time."""
        spec = DaySpec(weekday=day)
        k = k0
        if self.w(k) in (",", "الموافق", "في"):
            k += 1
            if self.w(k) == "الموافق":
                k += 1
        dc = None if self.get(k0, "ord") else self.datecore(k, bare_month=False)
        if dc and dc[0].day is not None:
            return self._with_time(replace(spec, date=dc[0]), dc[1])
        o = self.get(k0, "ord")
        if o and o[0] <= 31:
            spec = replace(spec, ordday=o[0])
            k = o[1]
            if self.w(k) in ("من", "في", "ب"):
                mr = self.monthref(k + 1)
                if mr:
                    spec, k = self._month_tail(spec, mr)
            return self._with_time(spec, k)
        if self.get(k0, "last") and self.w(self.get(k0, "last")[1]) in ("من", "في", "ب"):
            mr = self.monthref(self.get(k0, "last")[1] + 1)
            if mr:
                return self._with_time(*self._month_tail(replace(spec, nth=Nth(-1)), mr))
        mod = self.get(k0, "mod")
        if mod and mod[0] in ("past", "next"):
            return self._with_time(DaySpec(weekday=replace(day, direction=mod[0])), mod[1])
        if self.w(k0) == "من" and self.w(k0 + 1) in ("الاسبوع", "هذا"):
            p = self.period(k0 + 1)
            if p and p[0].grain == "week":
                return self._with_time(DaySpec(weekday=replace(day, week_shift=p[0].offset)), p[1])
        if self.w(k0) == "الاسبوع" and (mod := self.get(k0 + 1, "mod")):
            return self._with_time(DaySpec(weekday=replace(day, week_shift=_SHIFT[mod[0]])), mod[1])
        if self.w(k0) in ("," , "في") and (nm := self.numeric(k0 + 1)):
            return self._with_time(replace(spec, date=nm[0]), nm[1])
        if (nm := self.numeric(k0)) and nm[0].day is not None:
            return self._with_time(replace(spec, date=nm[0]), nm[1])
        return self._with_time(spec, k0)

    def relday(self, i: int):
        r = self.get(i, "rel")
        if not r:
            return None
        k, j = r
        if self.words[i] == "اليوم" and j == i + 1:
            if i > 0 and self.words[i - 1] in self.lex.today_not_before:
                return None
            if self.w(j) in self.lex.today_not_after:
                return None
        spec = DaySpec(rel_day=k)
        k2 = j + 1 if self.w(j) == "," else j
        wd = self.get(k2, "wd")
        if wd:
            spec = replace(spec, weekday=Weekday(wd[0]))
            j = wd[1]
            k2 = j + 1 if self.w(j) == "," else j
        if self.w(k2) == "الموافق":
            k2 += 1
        dc = self.datecore(k2, bare_month=False)
        if dc and dc[0].day is not None and self.w(k2) != "يوم":
            spec = replace(spec, date=dc[0])
            j = dc[1]
        return self._with_time(spec, j)

    def nth_expr(self, i: int):
        """ثالث ثلاثاء من ايلول | اخر اثنين من شهر اذار | اخر يوم بشهر عشره | اول اسبوع بشهر اكتوبر."""
        o = self.get(i, "ord")
        last = self.get(i, "last")
        if not o and not last:
            if self.w(i) in ("الاسبوع", "اليوم"):
                o2 = self.get(i + 1, "ord") or self.get(i + 1, "last")
                if o2 and self.w(o2[1]) in ("من", "في", "ب"):
                    n = -1 if self.get(i + 1, "last") else o2[0]
                    mr = self.monthref(o2[1] + 1)
                    if mr and n <= 5:
                        unit = "week" if self.w(i) == "الاسبوع" else "day"
                        return self._month_tail(DaySpec(nth=Nth(n, unit)), mr)
            return None
        n = -1 if last else o[0]
        if n > 5:
            return None
        j = (last or o)[1]
        if self.w(j) in ("يوم", "اسبوع") and not (self.get(j + 1, "wdb") or self.get(j + 1, "wd")):
            unit = "day" if self.w(j) == "يوم" else "week"
            if self.w(j + 1) in ("من", "في", "ب"):
                mr = self.monthref(j + 2)
                if mr:
                    if unit == "day" and n > 0:
                        return self._month_tail(DaySpec(date=DateParts(day=n)), mr)
                    return self._month_tail(DaySpec(nth=Nth(n, unit)), mr)
            return None
        if self.w(j) == "يوم":
            j += 1
        wd = self.get(j, "wdb") or self.get(j, "wd")
        if not wd:
            return None
        j = wd[1]
        if self.w(j) in ("من", "في", "ب"):
            mr = self.monthref(j + 1)
            if mr:
                return self._month_tail(DaySpec(nth=Nth(n), weekday=Weekday(wd[0])), mr)
        if self.w(j) == "بعد" and (h := self.holiday(j + 1)):
            return replace(h[0], nth_after=n, weekday=Weekday(wd[0])), h[1]
        return None

    def _month_tail(self, spec: DaySpec, mr: tuple[MonthRead, int]) -> tuple[DaySpec, int]:
        """``spec`` in the month ``mr`` read, and in the year that follows it, if one does."""
        year, k = self.optional_year(mr[1])
        return replace(spec, date=replace(spec.date, month=mr[0].ref, year=year)), k

    def period(self, i: int):
        j = i
        this = False
        if self.w(j) in ("هذا", "هذه"):
            this, j = True, j + 1
        p = self.get(j, "period")
        if not p:
            return None
        grain, j = p
        mod = self.get(j, "mod")
        if mod:
            return Period(grain, _SHIFT[mod[0]]), mod[1]
        if this:
            return Period(grain, 0), j
        return None

    def plural_period(self, i: int):
        p = self.get(i, "plural")
        if not p:
            return None
        n = self.number(p[1], 60)
        t = self.w(p[1])
        if not n and t and t.startswith("ال") and (c := self.lex.phrases.get((t[2:],), {}).get("card")):
            n = (c, p[1] + 1)
        if not n:
            return None
        mod = self.get(n[1], "mod")
        if not mod or mod[0] == "this":
            return None
        return Span(p[0], n[0], mod[0]), mod[1]

    def part_expr(self, i: int):
        p = self.get(i, "part")
        if not p:
            return None
        (kind, interval), j = p
        part = Part(kind, interval)
        if self.w(j) == "من":
            j += 1
        mr = self.monthref(j)
        if mr:
            return self._month_tail(DaySpec(part=part), mr)
        per = self.period(j)
        if per and per[0].grain in ("month", "year"):
            g, off = per[0].grain, per[0].offset
            return DaySpec(DateParts(month=MonthShift(off)) if g == "month" else DateParts(year=YearShift(off)),
                           part=part), per[1]
        implicit = replace(part, implicit=True)
        if self.w(j) == "الشهر":
            return DaySpec(DateParts(month=MonthShift(0)), part=implicit), j + 1
        if self.w(j) in ("العام", "السنه"):
            y = self.year(j)
            if y:
                return DaySpec(DateParts(year=y[0]), part=part), y[1]
            return DaySpec(DateParts(year=YearShift(0)), part=implicit), j + 1
        y = self.year(j)
        if y and isinstance(y[0], Year):
            return DaySpec(DateParts(year=y[0]), part=part), y[1]
        return None

    def duration(self, i: int):
        mode = "ago" if self.get(i, "ago") else "after" if self.get(i, "after") else \
            "within" if self.get(i, "within") else None
        if not mode:
            return None
        if self.words[i] == "من" and i > 0 and self.words[i - 1].isalnum():
            return None  # Levantine "من اسبوع" (a week ago) only stands alone, not "أكثر من عامين"
        j = (self.get(i, "ago") or self.get(i, "after") or self.get(i, "within"))[1]
        approx = False
        for skip in _APPROX:
            if tuple(self.words[j:j + len(skip)]) == skip:
                j, approx = j + len(skip), True
                break
        count = None
        nr = self.number(j, 999)
        if nr and not self.get(j, "unit"):
            count, j = nr
        u = self.get(j, "unit")
        if not u:
            return None
        (grain, dual), k = u
        if count is None:
            count = dual or 1
            if self.words[j] in ("ايام", "اسابيع", "اشهر", "شهور", "سنوات", "اعوام", "سنين"):
                return None
        if grain == "year" and self.get(k, "num"):
            return None
        if self.words[i] == "من" and not (k >= self.n or self.w(k) in (",", ".", "?", "!", ";")):
            return None
        if grain == "month" and (self.get(k, "hmonth") or self.get(k, "month")):
            return None
        return Duration(grain, count, mode, approx), k

    def year_expr(self, i: int):
        if self.w(i) in ("عام", "سنه", "العام", "السنه"):
            y = self.year(i)
            if y and not isinstance(y[0], YearShift):
                return DaySpec(DateParts(year=y[0])), y[1]
            return None
        r = self.get(i, "num")
        if r and len(self.words[i]) == 4 and (suf := self.get(r[1], "ysuffix")) and self.adjacent(r[1]):
            return DaySpec(DateParts(year=Year(r[0]) if suf[0] == "g" else HijriYear(r[0]))), suf[1]
        return None

    def holiday(self, i: int):
        h = self.get(i, "holiday")
        if not h:
            return None
        spec = DaySpec(holiday=Holiday(*h[0]))
        y = self.year(h[1])
        if y and isinstance(y[0], Year):
            return replace(spec, date=DateParts(year=y[0])), y[1]
        mod = self.get(h[1], "mod")
        if mod and mod[0] in ("past", "next"):  # "عيد الفطر المقبل": the next one, whatever the tense
            return replace(spec, holiday=Holiday(*h[0], direction=mod[0])), mod[1]
        if tuple(self.words[i:h[1]]) in self.lex.ambiguous_holidays and not (
                i > 0 and self.words[i - 1] in self.lex.holiday_context):
            return None
        return spec, h[1]

    def at(self, i: int):
        keys = {"w:" + self.words[i]}
        for _, tags in self.cands(i):
            keys.update(tags)
        best = None
        for name, needs in _RULES:
            if keys.isdisjoint(needs):
                continue
            r = getattr(self, name)(i)
            if r and r[1] > i and (best is None or r[1] > best[1]):
                spec = DaySpec(r[0]) if isinstance(r[0], DateParts) else r[0]  # a date alone (``datecore``)
                best = (spec, r[1], name)
        return best


#: each rule, and the tags or words ("w:...") its first token must have for the rule to be tried
_RULES = (
    ("relday", {"rel"}),
    ("weekday_expr", {"wd", "wdb", "w:هذا", "w:هذه", "w:يوم"}),
    ("nth_expr", {"ord", "last", "w:الاسبوع", "w:اليوم"}),
    ("holiday", {"holiday"}),
    ("part_expr", {"part"}),
    ("duration", {"ago", "after", "within"}),
    ("datecore", {"num", "ord", "month", "hmonth", "w:شهر", "w:الشهر", "w:هذا", "w:اليوم", "w:يوم"}),
    ("period", {"period", "w:هذا", "w:هذه"}),
    ("plural_period", {"plural"}),
    ("year_expr", {"num", "w:عام", "w:سنه", "w:العام", "w:السنه"}),
    ("until_time", {"w:حتي"}),
    ("time_expr", {"hourw", "hord", "num", "w:من"}),
    ("night", {"night"}),
    ("now", {"now"}),
)


def parse(folded: str, start: int = 0, end: int | None = None) -> list[Expr]:
    """Every date expression in ``folded[start:end]``, left to right, non-overlapping."""
    toks = tokenize(folded, start, end)
    p = _Parser(toks)
    starts = p.lex.starts
    out: list[Expr] = []
    i = 0
    words = p.words
    while i < p.n:
        t = words[i]
        if t not in starts and not t.isdecimal():
            i += 1
            continue
        r = p.at(i)
        if r is None:
            i += 1
            continue
        spec, j, rule = r
        out.append(Expr(toks[i][1], toks[j - 1][2], spec, rule))
        i = j
    return out
