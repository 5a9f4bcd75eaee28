"""Clock times: "الساعة 3 و18 دقيقة صباحا", "الثالثة وربع بعد الظهر", "15:15", ranges of them."""
from __future__ import annotations

from dataclasses import replace

from riwaya.dates.forms import Clock, DaySpec, Now, Tonight, UntilClock
from riwaya.dates.parser import _TO_TOKENS


class ClockRules:
    """Time-of-day rules, mixed into the parser (uses ``Base`` token access)."""

    def time(self, i: int) -> tuple[Clock, int] | None:
        """[الساعه] H[:MM] | word hour, + minutes/fraction, + day part, + zone."""
        j = i
        hw = self.get(j, "hourw")
        if hw:
            j = hw[1]
        h = minute = minus = dpart = tz = None
        r = self.get(j, "num")
        if r and r[0] <= 24 and len(self.words[j]) <= 2:
            h, j = r
            sep = self.w(j) == ":" or hw and self.w(j) in (".", ",")  # "3:18", "الساعة 10,00"
            if sep and self.adjacent(j) and self.get(j + 1, "num") and len(self.words[j + 1]) == 2:
                minute = self.get(j + 1, "num")[0]
                j += 2
                if self.w(j) == ":" and self.adjacent(j) and self.get(j + 1, "num"):
                    j += 2  # seconds: read, not kept (minute is the finest grain)
            elif not hw:
                return None
        elif hw:
            r = self.get(j, "hord") or self.get(j, "card")
            if not r or r[0] > 12:
                return None
            h, j = r
        else:
            r = self.get(j, "hord")
            if not r:
                return None
            h, j = r
        if h > 24 or (minute or 0) > 59:
            return None
        # minutes
        if self.w(j) == "و":
            f = self.get(j + 1, "frac")
            nr = self.number(j + 1, 59)
            if f:
                minute, j = f[0], f[1]
            elif nr:
                minute, k = nr
                if self.get(k, "minw"):
                    k = self.get(k, "minw")[1]
                j = k
        elif self.get(j, "minus") and self.get(self.get(j, "minus")[1], "frac"):
            f = self.get(self.get(j, "minus")[1], "frac")
            minus, j = f[0], f[1]
        dp = self.get(j, "dpart")
        if dp:
            dpart, j = dp
        elif not hw and minute is None and minus is None:
            return None
        if self.get(j, "zonelead") and self.get(self.get(j, "zonelead")[1], "zone"):
            z = self.get(self.get(j, "zonelead")[1], "zone")
            tz, j = z
        return Clock(h, minute, minus, dpart, tz), j

    def times(self, i: int) -> tuple[tuple[Clock, Clock | None], int] | None:
        """A time, or a range of times: [من] T (الى|حتى|وحتى) T."""
        j = i + 1 if self.w(i) == "من" else i
        t = self.time(j)
        if not t:
            return None
        c, j = t
        k = j
        while self.w(k) in _TO_TOKENS and k < j + 2:
            k += 1
        if k > j and self.w(i) == "من":
            t2 = self.time(k)
            if t2:
                c2, k = t2
                if c.dpart is None and c2.dpart is not None:
                    c = replace(c, dpart=c2.dpart)
                return (c, c2), k
        return (c, None), j

    # -- expressions ----------------------------------------------------------------------------

    def _with_time(self, spec: DaySpec, k: int) -> tuple[DaySpec, int]:
        j = k + 1 if self.w(k) == "," else k
        if self.w(j) in ("عند", "في", "حوالي", "نحو") and self.get(j + 1, "hourw"):
            j += 1
        t = self.times(j)
        if t:
            (c, until), j = t
            return replace(spec, time=c, until_time=until), j
        return spec, k

    def night(self, i: int):
        r = self.get(i, "night")
        if r and (self.get(r[1], "ord") or (i > 0 and self.words[i - 1] in ("نفس", "تلك", "ذات"))):
            return None
        if r:
            mod = self.get(r[1], "mod")
            if mod and mod[0] == "past":  # "الليلة الماضية": last night, the evening of yesterday
                return DaySpec(rel_day=-1), mod[1]
            return Tonight(), r[1]
        return None

    def until_time(self, i: int):
        if self.w(i) != "حتي":
            return None
        t = self.time(i + 1)
        if t and self.get(i + 1, "hourw"):
            return UntilClock(t[0]), t[1]
        return None

    def now(self, i: int):
        r = self.get(i, "now")
        return (Now(), r[1]) if r else None

    def time_expr(self, i: int):
        t = self.times(i)
        if t and (self.w(i) == "من") and t[0][1] is None:
            return None
        return (DaySpec(time=t[0][0], until_time=t[0][1]), t[1]) if t else None
