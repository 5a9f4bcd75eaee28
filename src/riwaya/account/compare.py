"""Agree, update or conflict: what a measure's mentions say together, how sure, and why.

Each mention is read as the interval its words allow (tolerances documented here, one place):
- exact: the figure itself; a round figure (a multiple of 100, at least 100) ±``ROUND`` (5%),
  since "2000 جندي" is a rounded count;
- about (نحو، قرابة، حوالي): ±``ABOUT`` (10%);
- more_than / at_least: from the figure up (more_than excludes it: "أكثر من 60" against "60" cannot
  both hold, while a round "2000" ±5% still fits "أكثر من 2000"); at_most / less_than: up to it; a
  range: its ends;
- a vague plural (عشرات 20-99, مئات، آلاف): from its low end up, a lower bound: news writes "مئات
  الجرحى" of 2,400 wounded, in the same article as the figure, so its top is no limit;
- a due date: its stated day ±``DAY_TOLERANCE`` (1) day ("before the 22nd" against "within 10 days
  from the 13th" is one claim; "by the 19th" against "before the 22nd" is not).

Two mentions of a measure from different articles whose intervals cannot both hold are judged by
their times (``as_of``): reported at one time (within ``SAME_TIME``, or on one day when either gives
no time of day) they *conflict*; reported at different times, the later one is an *update* when it
moves the way a revision moves (a cumulative count such as a toll only up; another figure either
way) and a *conflict* otherwise (a toll that falls within ``SAME_STORY_DAY``; a due date that moves);
a toll lower days later counts something else (a long story's next attack): the measure is split. A measure with a
conflicting pair is a conflict (its sides: the mentions of those pairs, grouped by what they allow),
else one with an updating pair is an update (a sequence in time order); a measure with one article
is *single*; otherwise mentions that all fit are in *agreement*. Different measures are never
compared. Every non-agreeing pair is kept on the verdict (``Call.relations``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone

from riwaya.account.facts import FactMention, Measure
from riwaya.account.lexicon import lexicon

ROUND = 0.05
ABOUT = 0.10
DAY_TOLERANCE = 1.0
SAME_TIME = timedelta(hours=1)
SAME_STORY_DAY = timedelta(hours=24)  # a toll that falls within this is a conflict; later, another count


@dataclass(frozen=True)
class Side:
    value: float | str | None
    mentions: tuple[FactMention, ...]
    low: float
    high: float


@dataclass(frozen=True)
class Step:
    as_of: str
    value: float | str | None
    mentions: tuple[FactMention, ...]


@dataclass(frozen=True)
class Call:
    """The verdict on one measure."""

    measure: Measure
    status: str  # agree | update | conflict | single (mixed: different counts, split by resolve_mixed)
    confidence: float
    evidence: str
    sides: tuple[Side, ...] = ()  # the conflict's sides (the day of the conflict)
    sequence: tuple[Step, ...] = ()  # the update's steps
    relations: tuple[tuple[FactMention, FactMention, str], ...] = ()  # the pairs that do not agree


def interval(m: FactMention) -> tuple[float, float] | None:
    """The values a mention allows, or None when it gives no number."""
    if m.kind == "date":
        d = _day(m.value)
        return None if d is None else (d - DAY_TOLERANCE, d + DAY_TOLERANCE)
    v, lo, hi, q = m.value, m.low, m.high, m.qualifier
    if q == "range" or v is None:
        if lo is None and hi is None:
            return None
        lo = 0.0 if lo is None else float(lo)
        hi = math.inf if hi is None else float(hi)
        return (lo, math.inf) if m.vague else (lo, hi)
    v = float(v)
    if q == "more_than":  # exclusive: "أكثر من 60" does not hold with "60" (an exact figure)
        return (math.nextafter(v, math.inf), math.inf)
    if q == "at_least":
        return (v, math.inf)
    if q == "less_than":
        return (0.0, math.nextafter(v, 0.0))
    if q == "at_most":
        return (0.0, v)
    if q == "about":
        return (v * (1 - ABOUT), v * (1 + ABOUT))
    if v >= 100 and v % 100 == 0:
        return (v * (1 - ROUND), v * (1 + ROUND))
    return (v, v)


def _day(value) -> float | None:
    try:
        return float(date.fromisoformat(str(value)[:10]).toordinal())
    except (TypeError, ValueError):
        return None


_PRECISION = {"exact": 0, "by": 0, "before": 0, "within": 1, "about": 1, "at_least": 2, "more_than": 2,
              "at_most": 2, "less_than": 2, "range": 3}


def best(ms) -> FactMention:
    """A side's most precise mention (an exact figure or a stated day first)."""
    return min(ms, key=lambda m: (m.vague, _PRECISION.get(m.qualifier, 4)))


def _rep(ms: list[FactMention]) -> float | str | None:
    """The value a side is shown with: its most precise mention's figure."""
    m = best(ms)
    return m.value if m.value is not None else m.low


def sides(ms: list[tuple[FactMention, tuple[float, float]]]) -> list[Side]:
    """Mentions in groups that can all hold at once (by interval start, greedily)."""
    out: list[list] = []
    for m, (lo, hi) in sorted(ms, key=lambda x: (x[1][0], x[1][1])):
        for g in out:
            if max(g[1], lo) <= min(g[2], hi):
                g[0].append(m)
                g[1], g[2] = max(g[1], lo), min(g[2], hi)
                break
        else:
            out.append([[m], lo, hi])
    return [Side(_rep(g[0]), tuple(g[0]), g[1], g[2]) for g in out]


def _outlets(ms) -> str:
    return ",".join(sorted({m.outlet or m.article for m in ms}))


def _fmt(lo: float, hi: float) -> str:
    return f"[{lo:g}, {'inf' if math.isinf(hi) else f'{hi:g}'}]"


def _instant(as_of: str | None) -> datetime | None:
    """A timed as_of as a UTC instant; None for a day alone."""
    if not as_of or "T" not in as_of:
        return None
    try:
        t = datetime.fromisoformat(as_of.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t.astimezone(timezone.utc).replace(tzinfo=None) if t.tzinfo else t


def _windows(ms: list) -> list[list]:
    """Mentions at one time: timed ones within ``SAME_TIME`` of the window's first; the day-only
    ones of a day together (placed after that day's timed windows)."""
    timed = sorted((x for x in ms if _instant(x[0].as_of)), key=lambda x: _instant(x[0].as_of))
    out: list[tuple[tuple, list]] = []
    for x in timed:
        t = _instant(x[0].as_of)
        if out and out[-1][0][2] is not None and t - out[-1][0][2] <= SAME_TIME:
            out[-1][1].append(x)
        else:
            out.append(((x[0].as_of[:10], 0, t), [x]))
    days: dict[str, list] = {}
    for x in ms:
        if not _instant(x[0].as_of):
            days.setdefault((x[0].as_of or "")[:10], []).append(x)
    out += [((d, 1, None), g) for d, g in days.items()]
    out.sort(key=lambda w: (w[0][0], w[0][1], w[0][2] or datetime.min))
    return [g for _, g in out]


def stated(m: FactMention) -> tuple[float, float] | None:
    """The figure as stated, ±``ABOUT``, whatever its bound: one article that says "at least 4"
    and "at least 14" killed is counting two things, though both bounds could hold."""
    if m.kind == "date" or m.vague or m.value is None:
        return None
    v = float(m.value)
    return (v * (1 - ABOUT), v * (1 + ABOUT))


def _consistent(ms: list) -> tuple[list, set[str]]:
    """The mentions of articles whose own figures fit together, and the articles left out: one
    article giving several figures of a measure is counting several things (two teams' points, two
    attacks' dead), which the measure cannot tell apart."""
    by: dict[str, list] = {}
    for x in ms:
        by.setdefault(x[0].article, []).append((x[0], stated(x[0]) or x[1]))
    out = {a for a, xs in by.items() if len(sides(xs)) > 1}
    return [x for x in ms if x[0].article not in out], out


def compare(measure: Measure) -> Call:
    ms = [(m, iv) for m in measure.mentions if (iv := interval(m)) is not None]
    articles = {m.article for m, _ in ms}
    if len(articles) <= 1:
        return Call(measure, "single", 0.9 if ms else 0.5, f"reported by one article ({_outlets(measure.mentions)})")
    vague = any(m.vague for m, _ in ms)
    allfit = sides(ms)
    if len(allfit) == 1:
        s = allfit[0]
        return Call(measure, "agree", round(0.9 - (0.2 if vague else 0), 2),
                    f"{len(ms)} mentions from {_outlets(s.mentions)} all fit {_fmt(s.low, s.high)}")
    ms, several = _consistent(ms)
    note = f"; left out: {len(several)} article(s) giving several figures" if several else ""
    if len({m.article for m, _ in ms}) <= 1 or len(sides(ms)) <= 1:
        return Call(measure, "agree" if len({m.article for m, _ in ms}) > 1 else "single", 0.4,
                    "the articles that give one figure each agree" + note)
    ws = _windows(ms)
    steps = _sequence(ws)
    moved = " -> ".join(f"{_show(st.value)} ({st.as_of})" for st in steps)
    rel = relations(measure, ms)
    if any(r[2] == "different" for r in rel):
        return Call(measure, "mixed", 0.5, "figures that fall days later are different counts: " + moved + note)
    clash = [r for r in rel if r[2] == "conflict"]
    if clash:
        inv = {id(m) for a, b, _ in clash for m in (a, b)}
        sd = sides([x for x in ms if id(x[0]) in inv])
        when = min((_later(a, b) for a, b, _ in clash), key=lambda m: _instant(m.as_of) or datetime.max).as_of
        timed = all(m.dated or _instant(m.as_of) for s in sd for m in s.mentions)
        conf = 0.85 - (0.2 if vague else 0) - (0.1 if not timed else 0)
        ev = (f"at {when or 'an unknown time'}: " + "; ".join(
            f"{_outlets(s.mentions)} {_fmt(s.low, s.high)}" for s in sd) + " cannot all hold"
              + (f"; over time: {moved}" if len(steps) > 1 else "") + note)
        return Call(measure, "conflict", round(conf, 2), ev, tuple(sd), tuple(steps) if len(steps) > 1 else (),
                    tuple(rel))
    if not rel:
        return Call(measure, "agree", 0.5, "the figures of each time fit" + note)
    if len(steps) < 2 or not _plausible(measure, steps):
        return Call(measure, "mixed", 0.5, "figures that move back and forth are different counts: " + moved + note)
    return Call(measure, "update", round(0.8 - (0.2 if vague else 0), 2), "the figure moved over time: " + moved + note,
                (), tuple(steps), tuple(rel))


def _later(a: FactMention, b: FactMention) -> FactMention:
    """The later-reported of two mentions (instants compared in UTC; a day alone by its day)."""
    ta, tb = _instant(a.as_of), _instant(b.as_of)
    if ta is not None and tb is not None:
        return b if tb >= ta else a
    return b if (b.as_of or "")[:10] >= (a.as_of or "")[:10] else a


def _same_time(a: FactMention, b: FactMention) -> bool:
    """Reported at one time: within ``SAME_TIME``, or on one day when either gives no time of day."""
    ta, tb = _instant(a.as_of), _instant(b.as_of)
    if ta is not None and tb is not None:
        return abs(ta - tb) <= SAME_TIME
    return (a.as_of or "")[:10] == (b.as_of or "")[:10]


def relations(measure: Measure, ms: list) -> list[tuple[FactMention, FactMention, str]]:
    """Every two mentions from different articles whose intervals cannot both hold: ``conflict`` when
    reported at one time, or when the later one moves the way no revision moves (a cumulative count
    down, a due date or an earlier event's figure at all); else ``update``."""
    cls = lexicon().by_name(measure.what.split(":")[0])
    up_only = cls is not None and cls.cumulative
    out = []
    for i, (a, ia) in enumerate(ms):
        for b, ib in ms[i + 1:]:
            if a.article == b.article or max(ia[0], ib[0]) <= min(ia[1], ib[1]):
                continue
            if _same_time(a, b) or measure.kind == "date" or ":then" in measure.what:
                out.append((a, b, "conflict"))
                continue
            early, late = (ia, ib) if _later(a, b) is b else (ib, ia)
            if late[0] > early[1] or not up_only:
                out.append((a, b, "update"))
            elif _apart(a, b) <= SAME_STORY_DAY:
                out.append((a, b, "conflict"))
            else:  # a toll lower days later counts something else (another attack of a long story)
                out.append((a, b, "different"))
    return out


def _apart(a: FactMention, b: FactMention) -> timedelta:
    ta, tb = _instant(a.as_of), _instant(b.as_of)
    if ta is not None and tb is not None:
        return abs(ta - tb)
    da, db = _day(a.as_of), _day(b.as_of)
    return timedelta(days=abs(da - db)) if da is not None and db is not None else timedelta(0)


def _plausible(measure: Measure, steps: list[Step]) -> bool:
    """A revision moves one way: a toll (a cumulative class) only up, another figure up or down."""
    vals = [_num(s.value) for s in steps]
    if any(v is None for v in vals):
        return False
    up = all(b >= a for a, b in zip(vals, vals[1:]))
    down = all(b <= a for a, b in zip(vals, vals[1:]))
    cls = lexicon().by_name(measure.what.split(":")[0])
    return up if (cls is not None and cls.cumulative) else (up or down)


def _num(v) -> float | None:
    if isinstance(v, (int, float)):
        return float(v)
    return _day(v)


def resolve_mixed(calls: list[Call]) -> list[Call]:
    """A measure whose figures are different counts becomes one measure per group that fits together,
    each judged again; ids renumbered."""
    out = []
    for c in calls:
        if c.status != "mixed":
            out.append(c)
            continue
        ms = [(x, iv) for x in c.measure.mentions if (iv := interval(x)) is not None]
        for s in sides(ms):
            part = compare(replace(c.measure, mentions=tuple(x for x in c.measure.mentions if x in s.mentions)))
            out.append(part if part.status != "mixed" else replace(part, status="agree"))
    return [replace(c, measure=replace(c.measure, id=f"f{i + 1}")) for i, c in enumerate(out)]


def _sequence(ws: list[list]) -> list[Step]:
    """One figure per time, in time order: where a time has sides, the one that fits the figure
    before it (else the best attested); repeated figures join their step."""
    steps: list[Step] = []
    prev: Side | None = None
    for g in ws:
        sd = sides(g)
        fit = [s for s in sd if prev is not None and max(prev.low, s.low) <= min(prev.high, s.high)]
        s = fit[0] if fit else max(sd, key=lambda s: len({m.article for m in s.mentions}))
        if steps and s.value == steps[-1].value:
            steps[-1] = Step(steps[-1].as_of, steps[-1].value, steps[-1].mentions + s.mentions)
        else:
            steps.append(Step(min(m.as_of or "" for m in s.mentions), s.value, s.mentions))
        prev = s
    return steps


def _show(v) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)
