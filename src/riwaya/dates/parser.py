"""The parser's base: token access, numbers, years, months and calendar dates.

``Base`` wraps the tokens of a folded text and the lexicon entries that start at each token;
``datecore`` reads a calendar date in its many shapes ("13 من كانون الثاني 2022",
"يوليو 13-15", "الثالث عشر من شباط", "21/09/2013") into a spec dict. The rules that build on it
are in ``expressions`` (dates relative to today, weekdays, periods) and ``clock`` (times of day).
"""
from __future__ import annotations

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

    def optional_year(self, spec: dict, k: int) -> int:
        """Fold a year found at ``k`` into ``spec``; the position after it (``k`` when none)."""
        y = self.year(k)
        if y:
            spec.update(y[0])
            return y[1]
        return k

    def year(self, i: int):
        """[,] [prep] [عام|سنه|العام] YYYY [suffix] -> ({year|hyear|year_rel}, j)."""
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
                return {"hyear": y}, k
            if 1800 <= y <= 2200:
                return {"year": y}, k
            return None
        if kw and self.w(j - 1) in ("العام", "السنه"):
            m = self.get(j, "mod")
            if m:
                return {"year_rel": {"past": -1, "next": 1, "this": 0}[m[0]]}, m[1]
        if self.w(j) in ("هذا", "هذه") and self.w(j + 1) in ("العام", "السنه"):
            return {"year_rel": 0}, j + 2
        return None

    def monthref(self, i: int):
        """A month: name [/ alt] [mod] | شهر N | الشهر ORD | الشهر mod | هذا الشهر | hijri name."""
        lex = self.lex
        j = i
        if self.w(j) == "شهر":
            r = self.get(j + 1, "month") or self.get(j + 1, "hmonth")
            if r is None:
                nr = self.number(j + 1, 12)
                if nr and nr[0] >= 1:
                    return {"month": nr[0]}, nr[1]
                return None
            j += 1
        r = self.get(j, "month")
        if r:
            m, k = r
            spec = {"month": m, "named": True, "ambig": tuple(self.words[j:k]) in lex.ambiguous_months and j == i}
            sep = k + 1 if self.w(k) in ("/", "(", "-", "،", ",") else k
            if (alt := self.get(sep, "month")):
                # a pair of regional names, "كانون الثاني/يناير", "13 يناير (كانون الثاني)", "مارس آذار"
                k = alt[1]
                spec["ambig"] = False
                if alt[0] != m:
                    spec["month_pair_mismatch"] = alt[0]
                if self.w(sep - 1) == "(" and self.w(k) == ")":
                    k += 1
            mod = self.get(k, "mod")
            if mod and self.w(k) not in ("هذا", "هذه"):  # "هذا العام" is the year's, not the month's
                spec["month_dir"] = mod[0]
                k = mod[1]
            return spec, k
        r = self.get(j, "hmonth")
        if r:
            ambig = tuple(self.words[j:r[1]]) in lex.hijri_ambiguous and j == i
            return {"hmonth": r[0], "ambig": ambig, "lead": j > i}, r[1]
        if self.w(j) == "الشهر":
            o = self.get(j + 1, "ord")
            if o and o[0] <= 12:
                return {"month": o[0]}, o[1]
            mod = self.get(j + 1, "mod")
            if mod:
                return {"month_rel": {"past": -1, "next": 1, "this": 0}[mod[0]]}, mod[1]
            return None
        if self.w(j) in ("هذا",) and self.w(j + 1) == "الشهر":
            return {"month_rel": 0}, j + 2
        return None

    def datecore(self, i: int, bare_month: bool = True):
        r = self._datecore(i, bare_month)
        if r and i > 0 and self.words[i - 1] in self.lex.named_date_lead and "year" not in r[0] \
                and "hyear" not in r[0]:
            return None  # "قوى 14 آذار", "ثورة يناير": a name, not a day
        return r

    def _datecore(self, i: int, bare_month: bool = True):
        j = i
        if self.w(j) in ("اليوم", "يوم") and self.get(j + 1, "ord"):
            j += 1
        d = self.day(j)
        if d:
            day, k = d
            spec: dict = {"day": day}
            k2 = k
            while self.w(k2) in _TO_TOKENS and k2 < k + 2:
                k2 += 1
            if k2 > k and (d2 := self.day(k2)) and d2[0] > day:
                spec["until_day"], k = d2[0], d2[1]
            if self.w(k) == "من":
                k += 1
            mr = self.monthref(k)
            if mr:
                spec.update(mr[0])
                spec.pop("ambig", None)
                k = self.optional_year(spec, mr[1])
                return self._date_range(spec, k)
            mod = self.get(k, "mod")
            if mod and mod[0] == "this" and self.w(k) in ("الجاري", "الحالي"):
                spec["month_rel"] = 0
                return spec, mod[1]
            return self._numeric_full(j)
        mr = self.monthref(j)
        if mr:
            spec, k = mr
            if spec.get("named"):
                r = self.get(k, "num")
                if r and r[0] <= 31 and len(self.words[k]) <= 2:
                    spec = {**spec, "day": r[0]}
                    k = r[1]
                    if self.w(k) in ("-", "الي", "حتي") and (d2 := self.get(k + 1, "num")) and d2[0] <= 31:
                        spec["until_day"], k = d2
            y = self.year(k)
            if y:
                spec = {**spec, **y[0]}
                k = y[1]
            if "day" not in spec and "year" not in spec and "hyear" not in spec and "year_rel" not in spec:
                if not bare_month or spec.get("ambig") and not (
                        "month_dir" in spec or (j > 0 and self.words[j - 1] in self.lex.month_context)):
                    return None
            if "hmonth" in spec and not spec.get("lead") and "day" not in spec and "hyear" not in spec:
                return None  # a bare Hijri month name is often a person's name ("محرم", "رمضان")
            spec.pop("ambig", None)
            spec.pop("named", None)
            spec.pop("lead", None)
            return spec, k
        return self._numeric_full(j)

    def _numeric_full(self, i: int):
        nm = self.numeric(i)
        if nm and nm[0].get("short") and not (i > 0 and self.words[i - 1] in ("بتاريخ", "تاريخ")):
            return None
        return nm

    def _date_range(self, spec: dict, k: int):
        j = k
        while self.w(j) in _TO_TOKENS and j < k + 2:
            j += 1
        if j > k:
            d2 = self.datecore(j, bare_month=False)
            if d2 and "day" in d2[0] and ("month" in d2[0] or "hmonth" in d2[0]):
                spec = {**spec, "until_date": d2[0]}
                return spec, d2[1]
        spec.pop("named", None)
        return spec, k

    def numeric(self, i: int):
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
                return {"day": d, "month": m, "year": y, "numeric": True}, c[1]
            return None
        if la <= 2 and lb == 4 and 1 <= a[0] <= 12 and sep == "/":
            return {"month": a[0], "year": b[0], "numeric": True}, b[1]
        if la <= 2 and lb <= 2 and sep == "/" and 1 <= a[0] <= 31 and 1 <= b[0] <= 12:
            return {"day": a[0], "month": b[0], "numeric": True, "short": True}, b[1]
        return None
