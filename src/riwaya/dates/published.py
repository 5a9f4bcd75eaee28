"""Publication date from an article's own words, when metadata has none.

Rules, strongest first (each keeps its evidence and the words it read):

* ``dateline``: a full date inside the opening parenthesis, "(... / سبوتنيك - 13 كانون الثاني 2022ء)".
* ``today-date``: "today" said with its date, "اليوم، الخميس 13 من كانون الثاني": a weekday with a
  day and month pins the year to the most recent match not after the upper bound.
* ``today-date+today-weekday``: "اليوم الموافق 13 كانون الثاني" plus "اليوم الخميس" elsewhere.
* ``today-weekday+date``: "اليوم الخميس" plus a full date in the text that fell on a Thursday,
  "يوم 6 يناير 2022" (the latest such date not after the bound).

A date line of the page head (cleaning puts it in ``removed`` as "date line": under the headline,
or under the masthead just above it; "Published March 14, 2024", "الجمعة 15/03/2024 - 09:15") is a
candidate, checked against the article's own words (``judge``): it is rejected, and relabelled
"scrape date", when the text contradicts it ("اليوم الخميس" under a Monday line, "today" with
another date, a dateline with another date, a past-tense full date after it); otherwise it is the
publication date, with confidence 0.9 when the text agrees ("فجر اليوم الجمعة" under a Friday line)
and 0.7 when it only does not disagree (less for a last-update line, "آخر تحديث: ...", whose
evidence says "updated"). A clock time the line gives right after its day ("- 09:15") is kept:
the value is then "2024-03-15T09:15", a local time with no zone unless the line names one.

The upper bound is a scrape/masthead date (a line cleaning put in ``removed`` as "scrape date" or
"date line", or a line at the top that is nothing but a date), else the run date. A scrape date is
never the publication date. When no rule fires the result is ``Published()`` (unknown), never a guess.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable

from riwaya.data import load_json
from riwaya.dates.find import Found, expressions, expressions_of, make_ref, tense_at
from riwaya.dates.forms import DaySpec, Month, Year
from riwaya.dates.resolve import resolve
from riwaya.model import Published, Removed
from riwaya.text.normalise import match

_PAREN = re.compile(r"\(([^()\n]{4,160})\)")
_DATELINE_SEP = re.compile(r"[-–/]")
DATE_LINE = "date line"
SCRAPE_DATE = "scrape date"
_SCRAPE_REASONS = ("scrape date", "scrape-date", "masthead date", DATE_LINE)


def _full_day(f: Found, bound: date) -> date | None:
    """The day a self-contained expression names (explicit year or weekday-pinned), else None."""
    r = resolve(f.expr.spec, make_ref(None, bound=bound))
    if r is None or r.grain != "day" or r.until:
        return None
    return date.fromisoformat(r.value[:10])


@lru_cache(maxsize=1)
def _english() -> tuple[re.Pattern, dict[str, int], tuple[str, ...]]:
    data = load_json("furniture.json")
    months = {m: k for k, m in enumerate(data["english_months"], 1)}
    names = "|".join(sorted(months, key=len, reverse=True))
    pat = re.compile(rf"\b(?:({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})"
                     rf"|(\d{{1,2}})(?:st|nd|rd|th)?\s+({names}),?\s+(\d{{4}}))\b")
    return pat, months, tuple(match(p).strip() for p in data.get("update_prefixes", ()))


def line_day(line: str, bound: date) -> tuple[date, str] | None:
    """The day a date line names and the words naming it: the first self-contained day in it
    ("الخميس 14 مارس 2024 | 04 رمضان 1445", "الجمعة 15/03/2024 - 09:15", "Published March 14, 2024")."""
    for f in expressions(line):
        d = _full_day(f, bound)
        if d:
            return d, line[f.start:f.end]
    pat, months, _ = _english()
    m = pat.search(line.lower())
    if m:
        mon, day, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
        try:
            return date(int(year), months[mon], int(day)), line[m.start():m.end()]
        except ValueError:
            return None
    return None


_AMPM = re.compile(r"\s*([ap])\.?m\b\.?", re.IGNORECASE)
_BETWEEN = re.compile(r"^[\s\-–|,،:؛/]*(?:الساعه|الساعة|at)?[\s\-–|,،:]*$", re.IGNORECASE)


def line_time(line: str, after: int) -> str | None:
    """The clock time a date line gives right after its day ("الجمعة 15/03/2024 - 09:15",
    "Published March 14, 2024, 2:05 pm"), as "HH:MM" (with its offset when a zone was named), or
    None: only separators (and "الساعة"/"at") may stand between the day and the time."""
    for f in expressions(line):
        s = f.expr.spec
        if f.start < after or not isinstance(s, DaySpec) or s.time is None or s.until_time is not None:
            continue
        if s.date.day is not None or s.date.month is not None or s.weekday is not None or s.rel_day is not None:
            return None
        if not _BETWEEN.match(line[after:f.start]) or s.time.minute is None:
            return None
        t = s.time
        h = t.hour
        if t.minus is not None:
            return None
        dpart = t.dpart
        if dpart is None and (m := _AMPM.match(line, f.end)):
            dpart = "pm" if m.group(1).lower() == "p" else "am"
        if dpart == "pm" and h < 12:
            h += 12
        elif dpart == "am" and h == 12:
            h = 0
        if not (0 <= h < 24 and 0 <= t.minute < 60):
            return None
        out = f"{h:02d}:{t.minute:02d}"
        if t.tz is not None:
            sign = "+" if t.tz >= 0 else "-"
            hh, mm = divmod(round(abs(t.tz) * 60), 60)
            out += f"{sign}{hh:02d}:{mm:02d}"
        return out
    return None


def line_day_time(line: str, bound: date) -> tuple[date, str, str | None] | None:
    """``line_day`` with the clock time the line gives after the day (``line_time``)."""
    for f in expressions(line):
        d = _full_day(f, bound)
        if d:
            return d, line[f.start:f.end], line_time(line, f.end)
    got = line_day(line, bound)
    if got is None:
        return None
    pos = line.find(got[1])
    return got[0], got[1], (line_time(line, pos + len(got[1])) if pos >= 0 else None)


def upper_bound(text: str, removed: Iterable[Removed] = (), today: date | None = None) -> tuple[date, str]:
    """The latest possible publication date and where it came from."""
    today = today or date.today()
    best, src = today, "run date"
    for r in removed:
        if any(k in r.reason.lower() for k in _SCRAPE_REASONS):
            got = line_day(r.text, today)
            if got and got[0] < best:
                best, src = got[0], f"{r.reason}: {r.text.strip()}"
    head = [ln for ln in text.split("\n")[:4] if ln.strip()]
    for ln in head:
        if len(ln) >= 60:
            continue
        for f in expressions(ln):
            if f.end - f.start < 0.8 * len(ln.strip()):
                continue
            d = _full_day(f, today)
            if d and d < best:
                best, src = d, f"scrape date: {ln.strip()}"
    return best, src


def _text_says(d: date, text: str, found: Iterable[Found]) -> tuple[list[str], list[str]]:
    """What the article's words say about ``d`` as its publication date: (agreeing, contradicting)
    phrases. "اليوم الجمعة" / "أمس الخميس" must name the weekday of d / the day before; "today"
    with a day and month must be d; a full date in a past-tense sentence must not be after d."""
    agree, against = [], []
    for f in found:
        s = f.expr.spec
        if not isinstance(s, DaySpec):
            continue
        words = text[f.start:f.end]
        rel, p = s.rel_day, s.date
        if rel is not None and isinstance(rel, int) and abs(rel) <= 2:
            day = d + timedelta(days=rel)
            if s.weekday is not None:
                (agree if day.weekday() == s.weekday.day else against).append(words)
            if p.day is not None and isinstance(p.month, Month):
                year = p.year.value if isinstance(p.year, Year) else day.year
                ok = (p.month.month, p.day) == (day.month, day.day) and year == day.year
                (agree if ok else against).append(words)
        elif _full_date(s) and p.until_day is None:
            try:
                full = date(p.year.value, p.month.month, p.day)
            except (ValueError, TypeError):
                continue
            if full > d and tense_at(f.folded, f.expr.start, f.expr.end) == "past":
                against.append(words)
    return agree, against


def _has_year(s) -> bool:
    """An explicit Gregorian year was said."""
    return isinstance(s, DaySpec) and isinstance(s.date.year, Year)


def _full_date(s: DaySpec) -> bool:
    """Day, Gregorian month and year all said."""
    return isinstance(s.date.year, Year) and s.date.day is not None and isinstance(s.date.month, Month)


def infer(text: str, removed: Iterable[Removed] = (), today: date | None = None) -> Published:
    return judge(text, removed, today)[0]


def judge(text: str, removed: Iterable[Removed] = (), today: date | None = None
          ) -> tuple[Published, tuple[Removed, ...]]:
    """The publication date, and ``removed`` with every head date line the text contradicts
    relabelled "scrape date" (an upper bound only)."""
    removed = tuple(removed)
    today = today or date.today()
    bound, _ = upper_bound(text, removed, today)
    found = expressions_of(text)
    cands = _text_candidates(text, removed, found, bound)
    strong = [c for c in cands if c[0] >= 0.9]
    lines: list[tuple[float, date, str, str]] = []
    times: dict[str, str] = {}  # a date line's clock time, by the line
    rejected: set[int] = set()
    _, _, update_prefixes = _english()
    for k, r in enumerate(removed):
        if r.reason != DATE_LINE:
            continue
        got = line_day_time(r.text, today)
        if got is None:
            continue
        d, words, clock = got
        agree, against = _text_says(d, text, found)
        if against or any(c[1] != d for c in strong):
            rejected.add(k)
            continue
        conf = 0.9 if agree else 0.7
        updated = match(r.text).strip().startswith(update_prefixes)
        if updated:
            conf -= 0.1  # a last-update time: the first version may be older
        ev = DATE_LINE + (f";text agrees: {agree[0]}" if agree else "") + (";updated" if updated else "")
        if clock:
            times[r.text.strip()] = clock
            ev += ";time"
        lines.append((conf, d, ev, r.text.strip()))
    if rejected:
        removed = tuple(Removed(r.text, SCRAPE_DATE) if k in rejected else r for k, r in enumerate(removed))
    if lines:
        cands = strong + lines  # the page's own date line outranks the weaker text rules
    if not cands:
        return Published(), removed
    cands.sort(key=lambda c: -c[0])
    conf, d, ev, words = cands[0]
    if any(c[1] != d for c in cands[1:]):
        conf -= 0.2
        ev += ";conflicting"
    value = d.isoformat() + (f"T{times[words]}" if words in times else "")
    return Published(value, ev, conf, None, words), removed


def _text_candidates(text: str, removed: tuple[Removed, ...], found: tuple[Found, ...], bound: date
                     ) -> list[tuple[float, date, str, str]]:
    cands: list[tuple[float, date, str, str]] = []
    # dateline in the opening parenthesis
    for m in _PAREN.finditer(text, 0, min(len(text), 400)):
        if not _DATELINE_SEP.search(m.group(1)):
            continue
        for f in found:
            if m.start() <= f.start and f.end <= m.end() and _has_year(f.expr.spec):
                d = _full_day(f, bound)
                if d and d <= bound:
                    cands.append((0.95, d, "dateline", text[f.start:f.end]))
    # a dateline that cleaning moved out of the text
    for r in removed:
        if "dateline" in r.reason.lower():
            for f in expressions(r.text):
                if _has_year(f.expr.spec) and (d := _full_day(f, bound)) and d <= bound:
                    cands.append((0.9, d, "dateline", r.text[f.start:f.end]))
    today_wd: set[int] = set()
    today_md: list[Found] = []
    full: list[tuple[date, Found]] = []
    for f in found:
        s = f.expr.spec
        if not isinstance(s, DaySpec):
            continue
        if s.rel_day == 0:
            if s.weekday is not None:
                today_wd.add(s.weekday.day)
            if s.date.day is not None and isinstance(s.date.month, Month):
                d = _full_day(f, bound)
                if d and d <= bound:
                    conf = 0.95 if _has_year(s) else 0.9
                    cands.append((conf, d, "text:today-date", text[f.start:f.end]))
                else:
                    today_md.append(f)
        elif _full_date(s) and s.date.until_day is None:
            d = _full_day(f, bound)
            if d and d <= bound:
                full.append((d, f))
    if not cands and today_md and today_wd:
        for f in today_md:
            m, dd = f.expr.spec.date.month.month, f.expr.spec.date.day
            for y in range(bound.year, bound.year - 40, -1):
                try:
                    c = date(y, m, dd)
                except ValueError:
                    break
                if c <= bound and c.weekday() in today_wd:
                    cands.append((0.8, c, "text:today-date+today-weekday", text[f.start:f.end]))
                    break
    if not cands and today_wd:
        hits = [(d, f) for d, f in full if d.weekday() in today_wd]
        if hits:
            d, f = max(hits, key=lambda x: x[0])
            cands.append((0.6, d, "text:today-weekday+date", text[f.start:f.end]))
    return cands
