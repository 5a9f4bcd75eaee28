"""Publication date from an article's own words, when metadata has none.

Rules, strongest first (each keeps its evidence and the words it read):

* ``dateline``: a full date inside the opening parenthesis, "(... / سبوتنيك - 13 كانون الثاني 2022ء)".
* ``today-date``: "today" said with its date, "اليوم، الخميس 13 من كانون الثاني": a weekday with a
  day and month pins the year to the most recent match not after the upper bound.
* ``today-date+today-weekday``: "اليوم الموافق 13 كانون الثاني" plus "اليوم الخميس" elsewhere.
* ``today-weekday+date``: "اليوم الخميس" plus a full date in the text that fell on a Thursday,
  "يوم 6 يناير 2022" (the latest such date not after the bound).

The upper bound is a scrape/masthead date (a line cleaning put in ``removed`` as "scrape date",
or a line at the top that is nothing but a date), else the run date. A scrape date is never the
publication date. When no rule fires the result is ``Published()`` (unknown), never a guess.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Iterable

from riwaya.dates.find import Found, expressions, expressions_of, make_ref
from riwaya.dates.resolve import resolve
from riwaya.model import Published, Removed

_PAREN = re.compile(r"\(([^()\n]{4,160})\)")
_DATELINE_SEP = re.compile(r"[-–/]")
_SCRAPE_REASONS = ("scrape date", "scrape-date", "masthead date")


def _full_day(f: Found, bound: date) -> date | None:
    """The day a self-contained expression names (explicit year or weekday-pinned), else None."""
    r = resolve(f.expr.spec, make_ref(None, bound=bound))
    if r is None or r.grain != "day" or r.until:
        return None
    return date.fromisoformat(r.value[:10])


def upper_bound(text: str, removed: Iterable[Removed] = (), today: date | None = None) -> tuple[date, str]:
    """The latest possible publication date and where it came from."""
    today = today or date.today()
    lines = [r.text for r in removed if any(k in r.reason.lower() for k in _SCRAPE_REASONS)]
    head = [ln for ln in text.split("\n")[:4] if ln.strip()]
    lines += [ln for ln in head if len(ln) < 60]
    best, src = today, "run date"
    for ln in lines:
        for f in expressions(ln):
            if f.end - f.start < 0.8 * len(ln.strip()):
                continue
            d = _full_day(f, today)
            if d and d < best:
                best, src = d, f"scrape date: {ln.strip()}"
    return best, src


def infer(text: str, removed: Iterable[Removed] = (), today: date | None = None) -> Published:
    bound, _ = upper_bound(text, removed, today)
    found = expressions_of(text)
    cands: list[tuple[float, date, str, str]] = []
    # dateline in the opening parenthesis
    for m in _PAREN.finditer(text, 0, min(len(text), 400)):
        if not _DATELINE_SEP.search(m.group(1)):
            continue
        for f in found:
            if m.start() <= f.start and f.end <= m.end() and "year" in f.expr.spec:
                d = _full_day(f, bound)
                if d and d <= bound:
                    cands.append((0.95, d, "dateline", text[f.start:f.end]))
    # a dateline that cleaning moved out of the text
    for r in removed:
        if "dateline" in r.reason.lower():
            for f in expressions(r.text):
                if "year" in f.expr.spec and (d := _full_day(f, bound)) and d <= bound:
                    cands.append((0.9, d, "dateline", r.text[f.start:f.end]))
    today_wd: set[int] = set()
    today_md: list[Found] = []
    full: list[tuple[date, Found]] = []
    for f in found:
        s = f.expr.spec
        if s.get("rel_day") == 0:
            if "weekday" in s:
                today_wd.add(s["weekday"])
            if "day" in s and "month" in s:
                d = _full_day(f, bound)
                if d and d <= bound:
                    conf = 0.95 if "year" in s else 0.9
                    cands.append((conf, d, "text:today-date", text[f.start:f.end]))
                else:
                    today_md.append(f)
        elif "year" in s and "day" in s and "month" in s and "until_day" not in s:
            d = _full_day(f, bound)
            if d and d <= bound:
                full.append((d, f))
    if not cands and today_md and today_wd:
        for f in today_md:
            m, dd = f.expr.spec["month"], f.expr.spec["day"]
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
    if not cands:
        return Published()
    cands.sort(key=lambda c: -c[0])
    conf, d, ev, words = cands[0]
    if any(c[1] != d for c in cands[1:]):
        conf -= 0.2
        ev += ";conflicting"
    return Published(d.isoformat(), ev, conf, None, words)
