"""The parser's base: token access, numbers, years, months and calendar dates.

``Base`` wraps the tokens of a folded text and the lexicon entries that start at each token;
``datecore`` reads a calendar date in its many shapes ("13 من كانون الثاني 2022",
"يوليو 13-15", "الثالث عشر من شباط", "21/09/2013") into ``DateParts`` (``forms``). The rules that
build on it are in ``expressions`` (dates relative to today, weekdays, periods) and ``clock`` (times
of day).
"""
from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from riwaya.dates.forms import DateParts, HijriMonth, HijriYear, Month, MonthRef, MonthShift, Year, YearRef, YearShift
from riwaya.dates.lexicon import lexicon

# The longest run of digits read as a number: a date's numbers have at most 8 (20180314); longer runs
# (phone numbers, ids) are no date, and Python refuses int() past 4,300 digits.
MAX_DIGITS = 8


def decimal(token: str) -> int | None:
    """The value of a token of decimal digits (any script's: ASCII, Arabic-Indic, ...), else None.
    ``str.isdigit`` also accepts superscripts and circled digits (¹, ②, ❹), which ``int`` refuses."""
    if token.isdecimal() and len(token) <= MAX_DIGITS:
        return int(token)
    return None


_TO_TOKENS = frozenset(("-", "الي", "حتي", "لغايه", "و", "وحتي", "والي", "ولغايه", "–"))
_PREPS = ("من", "في", "ب", "ل")
_SHIFT = {"past": -1, "next": 1, "this": 0}


class MonthRead(NamedTuple):
    """A month as ``monthref`` read it, with what only the parser asks: whether it was a month's
    name (a day may follow: "يوليو 13"), whether the name is ambiguous on its own ("آب" is also
    "father"), and whether a Hijri name came after a lead word ("شهر رمضان")."""

    ref: MonthRef
    named: bool = False
    ambig: bool = False
    lead: bool = False


class Base:
    def __init__(self, toks: list[tuple[str, int, int]]):
        self.lex = lexicon()
        self.toks = toks
        self.n = len(toks)
        self.words = [t[0] for t in toks]
        self._cache: dict[int, list] = {}

    # -- lexicon access -------------------------------------------------------------------------

    def cands(self, i: int) -> list:
        c = self._cache.get(i)
        if c is None:
            c = []
            lex, w = self.lex, self.words
            if i < self.n:
                t = w[i]
                if t in lex.firsts:
                    for L in range(min(lex.maxlen, self.n - i), 1, -1):
                        tags = lex.phrases.get(tuple(w[i:i + L]))
                        if tags:
                            c.append((i + L, tags))
                tags = lex.phrases.get((t,))
                if tags:
                    c.append((i + 1, tags))
                value = decimal(t)
                if value is not None:
                    c.append((i + 1, {"num": value, "ndig": len(t)}))
            self._cache[i] = c
        return c

    def get(self, i: int, cat: str):
        for j, tags in self.cands(i):
            if cat in tags:
                return tags[cat], j
        return None

    def w(self, i: int) -> str | None:
        return self.words[i] if i < self.n else None

    def adjacent(self, i: int) -> bool:
        """Token i follows token i-1 with no space (for 13-15, 3:18, 21/09)."""
        return 0 < i < self.n and self.toks[i][1] == self.toks[i - 1][2]

    # -- numbers --------------------------------------------------------------------------------

    def number(self, i: int, hi: int = 99):
        r = self.get(i, "num")
        if r and r[0] <= hi and self.w(r[1]) not in (":",):
            return r
        r = self.get(i, "card")
        if r and r[0] <= hi:
            return r
        return None

    def day(self, i: int):
        r = self.get(i, "num")
        if r and 1 <= r[0] <= 31 and self.lex_len(i) <= 2 and self.w(r[1]) != ":" and not (
                self.w(r[1]) in ("/", ".") and self.adjacent(r[1])):
            return r
        r = self.get(i, "ord")
        if r and 1 <= r[0] <= 31:
            return r
        return None

    def lex_len(self, i: int) -> int:
        return len(self.words[i])

    # -- pieces ---------------------------------------------------------------------------------

    def optional_year(self, k: int) -> tuple[YearRef | None, int]:
        """A year found at ``k`` (None when none) and the position after it (``k`` when none)."""
        y = self.year(k)
        return (y[0], y[1]) if y else (None, k)

    def year(self, i: int):
        """[,] [prep] [عام|سنه|العام] YYYY [suffix] -> (Year | HijriYear | YearShift, j)."""
        j = i
        if self.w(j) == ",":
            j += 1
        if self.w(j) in _PREPS:
            j += 1
        kw = self.w(j) in ("عام", "سنه", "العام", "السنه", "لعام", "بعام")
        if kw:
            j += 1
        r = self.get(j, "num")
        if r and r[0] >= 1000 and len(self.words[j]) == 4:
            y, k = r
            suf = self.get(k, "ysuffix")
            if suf and self.adjacent(k) or suf and suf[0] == "h":
                k = suf[1]
            if suf and suf[0] == "h" or (1300 <= y <= 1500 and not (suf and suf[0] == "g")):
                return HijriYear(y), k
            if 1800 <= y <= 2200:
                return Year(y), k
            return None
        if kw and self.w(j - 1) in ("العام", "السنه"):
            m = self.get(j, "mod")
            if m:
                return YearShift(_SHIFT[m[0]]), m[1]
        if self.w(j) in ("هذا", "هذه") and self.w(j + 1) in ("العام", "السنه"):
            return YearShift(0), j + 2
        return None

    def monthref(self, i: int) -> tuple[MonthRead, int] | None:
        """A month: name [/ alt] [mod] | شهر N | الشهر ORD | الشهر mod | هذا الشهر | hijri name."""
        lex = self.lex
        j = i
        if self.w(j) == "شهر":
            r = self.get(j + 1, "month") or self.get(j + 1, "hmonth")
            if r is None:
                nr = self.number(j + 1, 12)
                if nr and nr[0] >= 1:
                    return MonthRead(Month(nr[0])), nr[1]
                return None
            j += 1
        r = self.get(j, "month")
        if r:
            m, k = r
            ambig = tuple(self.words[j:k]) in lex.ambiguous_months and j == i
            mismatch = direction = None
            sep = k + 1 if self.w(k) in ("/", "(", "-", "،", ",") else k
            if (alt := self.get(sep, "month")):
                # a pair of regional names, "كانون الثاني/يناير", "13 يناير (كانون الثاني)", "مارس آذار"
                k = alt[1]
                ambig = False
                if alt[0] != m:
                    mismatch = alt[0]
                if self.w(sep - 1) == "(" and self.w(k) == ")":
                    k += 1
            mod = self.get(k, "mod")
            if mod and self.w(k) not in ("هذا", "هذه"):  # "هذا العام" is the year's, not the month's
                direction = mod[0]
                k = mod[1]
            return MonthRead(Month(m, direction, mismatch), named=True, ambig=ambig), k
        r = self.get(j, "hmonth")
        if r:
            ambig = tuple(self.words[j:r[1]]) in lex.hijri_ambiguous and j == i
            return MonthRead(HijriMonth(r[0]), ambig=ambig, lead=j > i), r[1]
        if self.w(j) == "الشهر":
            o = self.get(j + 1, "ord")
            if o and o[0] <= 12:
                return MonthRead(Month(o[0])), o[1]
            mod = self.get(j + 1, "mod")
            if mod:
                return MonthRead(MonthShift(_SHIFT[mod[0]])), mod[1]
            return None
        if self.w(j) in ("هذا",) and self.w(j + 1) == "الشهر":
            return MonthRead(MonthShift(0)), j + 2
        return None

    def datecore(self, i: int, bare_month: bool = True) -> tuple[DateParts, int] | None:
        r = self._datecore(i, bare_month)
        if r and i > 0 and self.words[i - 1] in self.lex.named_date_lead and not isinstance(r[0].year, (Year, HijriYear)):
            return None  # "قوى 14 آذار", "ثورة يناير": a name, not a day
        return r

    def _datecore(self, i: int, bare_month: bool = True) -> tuple[DateParts, int] | None:
        j = i
        if self.w(j) in ("اليوم", "يوم") and self.get(j + 1, "ord"):
            j += 1
        d = self.day(j)
        if d:
            return self._day_led(j, *d)
        mr = self.monthref(j)
        if mr:
            return self._month_led(j, *mr, bare_month)
        return self._numeric_full(j)

    def _day_led(self, j: int, day: int, k: int) -> tuple[DateParts, int] | None:
        """DAY [- DAY] [من] MONTH [YEAR] [- DATE] | DAY الجاري, else a numeric date at ``j``."""
        until_day = None
        k2 = k
        while self.w(k2) in _TO_TOKENS and k2 < k + 2:
            k2 += 1
        if k2 > k and (d2 := self.day(k2)) and d2[0] > day:
            until_day, k = d2[0], d2[1]
        if self.w(k) == "من":
            k += 1
        mr = self.monthref(k)
        if mr:
            year, k = self.optional_year(mr[1])
            return self._date_range(DateParts(day, mr[0].ref, year, until_day), k)
        mod = self.get(k, "mod")
        if mod and mod[0] == "this" and self.w(k) in ("الجاري", "الحالي"):
            return DateParts(day, MonthShift(0), until_day=until_day), mod[1]
        return self._numeric_full(j)

    def _month_led(self, j: int, mr: MonthRead, k: int, bare_month: bool) -> tuple[DateParts, int] | None:
        """MONTH [DAY [- DAY]] [YEAR]; a month alone only where a bare month may stand."""
        day = until_day = None
        if mr.named:
            r = self.get(k, "num")
            if r and r[0] <= 31 and len(self.words[k]) <= 2:
                day, k = r
                if self.w(k) in ("-", "الي", "حتي") and (d2 := self.get(k + 1, "num")) and d2[0] <= 31:
                    until_day, k = d2
        year = None
        y = self.year(k)
        if y:
            year, k = y
        m = mr.ref
        if day is None and year is None:
            if not bare_month or mr.ambig and not (
                    (isinstance(m, Month) and m.direction is not None)
                    or (j > 0 and self.words[j - 1] in self.lex.month_context)):
                return None
        if isinstance(m, HijriMonth) and not mr.lead and day is None and not isinstance(year, HijriYear):
            return None  # a bare Hijri month name is often a person's name ("محرم", "رمضان")
        return DateParts(day, m, year, until_day), k

    def _numeric_full(self, i: int) -> tuple[DateParts, int] | None:
        nm = self.numeric(i)
        if nm and nm[0].short and not (i > 0 and self.words[i - 1] in ("بتاريخ", "تاريخ")):
            return None
        return nm

    def _date_range(self, parts: DateParts, k: int) -> tuple[DateParts, int]:
        j = k
        while self.w(j) in _TO_TOKENS and j < k + 2:
            j += 1
        if j > k:
            d2 = self.datecore(j, bare_month=False)
            if d2 and d2[0].day is not None and isinstance(d2[0].month, (Month, HijriMonth)):
                return replace(parts, until=d2[0]), d2[1]
        return parts, k

    def numeric(self, i: int) -> tuple[DateParts, int] | None:
        """dd/mm/yyyy, dd-mm-yyyy, yyyy-mm-dd, m/yyyy, dd/mm (the caller decides if bare dd/mm counts)."""
        a = self.get(i, "num")
        if not a or self.w(a[1]) not in ("/", "-", ".") or not self.adjacent(a[1]):
            return None
        sep = self.w(a[1])
        b = self.get(a[1] + 1, "num")
        if not b or not self.adjacent(a[1] + 1):
            return None
        la, lb = len(self.words[i]), len(self.words[a[1] + 1])
        c = None
        if self.w(b[1]) == sep and self.adjacent(b[1]) and (c := self.get(b[1] + 1, "num")) and self.adjacent(b[1] + 1):
            lc = len(self.words[b[1] + 1])
            if la == 4 and lc <= 2:
                y, m, d = a[0], b[0], c[0]
            elif lc in (2, 4) and la <= 2:
                d, m, y = a[0], b[0], c[0] + (2000 if lc == 2 else 0)
            else:
                return None
            if 1 <= m <= 12 and 1 <= d <= 31 and 1900 <= y <= 2200:
                return DateParts(d, Month(m), Year(y), numeric=True), c[1]
            return None
        if la <= 2 and lb == 4 and 1 <= a[0] <= 12 and sep == "/":
            return DateParts(month=Month(a[0]), year=Year(b[0]), numeric=True), b[1]
        if la <= 2 and lb <= 2 and sep == "/" and 1 <= a[0] <= 31 and 1 <= b[0] <= 12:
            return DateParts(a[0], Month(b[0]), numeric=True, short=True), b[1]
        return None
