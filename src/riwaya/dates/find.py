"""``find_dates``: date mentions in a text, resolved against a reference date.

The text is folded to the matching form (``normalise.match_with_offsets``, fast path in
``fold``); a cheap regex of trigger words finds where expressions may start, and only windows
around those are tokenized, parsed (``expressions.parse``) and resolved (``resolve.resolve``).
Spans point into the original text. In the news convention the tense of the sentence around each
mention decides which way a bare weekday or a yearless date reads (``tense_at``).
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from riwaya.dates.expressions import Expr, parse
from riwaya.dates.forms import DaySpec, HijriMonth, Month, MonthShift, Spec
from riwaya.dates.lexicon import DIGIT_TRIGGER, lexicon
from riwaya.dates.resolve import Ref, resolve
from riwaya.model import DateMention
from riwaya.text.normalise import match_with_offsets, source_span

CONVENTIONS = ("news", "duckling")
_SENT_END = re.compile(r"[.!?\n]")
_CUE_TOKEN = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Found:
    """An expression with its span in the original text and the folded line it was read from."""

    start: int
    end: int
    expr: Expr
    folded: str


def make_ref(reference, convention: str = "news", bound: date | None = None) -> Ref:
    """A ``Ref`` from None, an ISO string, a date or a datetime. News reads at day level."""
    when = None
    offset = None
    timed = False
    if isinstance(reference, str) and reference.strip():
        reference = datetime.fromisoformat(reference.strip().replace("Z", "+00:00"))
    if isinstance(reference, datetime):
        if reference.tzinfo is not None:
            offset = reference.utcoffset().total_seconds() / 3600
            reference = reference.replace(tzinfo=None)
        when, timed = reference, convention == "duckling"
    elif isinstance(reference, date):
        when = datetime(reference.year, reference.month, reference.day)
    if when is not None and not timed:
        when = datetime(when.year, when.month, when.day)
    if bound is None:
        bound = when.date() if when else date.today()
    return Ref(when, timed, offset, bound)


def fold(text: str) -> tuple[str, Sequence[int]]:
    """The matching form and its offsets back into ``text`` (``normalise.match_with_offsets``)."""
    return match_with_offsets(text)


# a word longer than this is not searched to its end, and a stretch of text dense with dates is
# parsed in windows of about this many characters: both keep hostile text (no spaces, a date every
# few characters for megabytes) linear
WORD_REACH = 100
MAX_WINDOW = 4000


def _space_before(folded: str, i: int) -> int:
    """The last space before ``i`` (-1: the text's start); a word longer than ``WORD_REACH`` counts as
    cut by a space just before the reach."""
    lo = max(0, i - WORD_REACH)
    k = folded.rfind(" ", lo, i)
    return k if k >= 0 or lo == 0 else lo - 1


def windows(folded: str, before: int = 20, after: int = 60) -> list[tuple[int, int]]:
    """Stretches of text around trigger words, snapped to word boundaries and merged."""
    n = len(folded)
    hits = [m.span() for m in lexicon().trigger.finditer(folded)]
    hits += [m.span() for m in DIGIT_TRIGGER.finditer(folded)]
    hits.sort()
    out: list[list[int]] = []
    for a, b in hits:
        s, e = max(0, a - before), min(n, b + after)
        if s > 0:  # back to a word start, and one word more: rules look at the word before
            k = _space_before(folded, s)
            s = (_space_before(folded, k) if k > 0 else k) + 1
        k = folded.find(" ", e, e + WORD_REACH)
        e = k if k >= 0 else min(n, e + WORD_REACH)
        if out and s <= out[-1][1]:
            if out[-1][1] - out[-1][0] < MAX_WINDOW:
                out[-1][1] = max(out[-1][1], e)
            elif e > out[-1][1]:  # a run of dates this long is cut at the last window's end
                out.append([out[-1][1], e])
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def expressions(text: str) -> Iterator[Found]:
    """Every date expression in ``text`` (unresolved), with spans into ``text``."""
    if not text:
        return
    folded, offsets = fold(text)
    for ws, we in windows(folded):
        for e in parse(folded, ws, we):
            s, t = source_span(offsets, e.start, e.end)
            yield Found(s, t, e, folded)


@lru_cache(maxsize=8)
def expressions_of(text: str) -> tuple[Found, ...]:
    """``expressions`` as a tuple, cached for the few texts in flight (dates, then published)."""
    return tuple(expressions(text))


def _is_future(tok: str, lex) -> bool:
    for t in (tok, tok[1:] if len(tok) > 3 and tok[0] in "وف" else None):
        if not t:
            continue
        if t in lex.future_words:
            return True
        # a feminine noun (سيامة, سيطرة: folded ة -> ه) is not a verb; a verb rarely ends so
        if 4 <= len(t) <= 8 and t.startswith(lex.future_prefixes) and t not in lex.not_future and t[-1] != "ه":
            return True
    return False


def _is_past(tok: str, words: frozenset) -> bool:
    return tok in words or (len(tok) > 3 and tok[0] in "وف" and tok[1:] in words)


SENTENCE_REACH = 1000  # characters around a date searched for its sentence's ends and tense cues
_CLAUSE_END = re.compile(r"[.!?\n،,;:؛]")


def _cue(toks: list[str], k: int, lex, weekday: bool) -> str | None:
    """The tense token ``k`` of ``toks`` marks, if any (a reporting verb only for a weekday)."""
    t = toks[k]
    if _is_future(t, lex):
        return "future"
    if _is_past(t, lex.past_words) or (weekday and _is_past(t, lex.report_words)):
        return "past"
    for lead in lex.subjunctive_leads:
        if tuple(toks[k - len(lead) + 1:k + 1]) == lead:
            return "future"
    return None


def tense_at(folded: str, start: int, end: int, weekday: bool = False) -> str | None:
    """'future' or 'past' for the sentence around ``folded[start:end]``; None when nothing says.

    The nearest cue before the date in its sentence decides (Arabic news puts the governing verb
    first); only when there is none, the nearest after it in the same clause (a later clause is
    another event: "أواخر أيار ..، فيما من المتوقع أن"). ``weekday``: the date is a bare weekday, for
    which a reporting verb ("وقالت الشركة، الأربعاء") is a past cue. Unknown tense reads a bare
    weekday as the most recent such day and a yearless date as the nearest occurrence."""
    lex = lexicon()
    lo = max(0, start - SENTENCE_REACH)  # bounded, so a text with many dates stays linear
    s0 = max((m.end() for m in _SENT_END.finditer(folded, lo, start)), default=lo)
    before = _CUE_TOKEN.findall(folded, s0, start)
    for k in range(len(before) - 1, -1, -1):
        if (c := _cue(before, k, lex, weekday)):
            return c
    m = _CLAUSE_END.search(folded, end, end + SENTENCE_REACH)
    s1 = m.start() if m else min(len(folded), end + SENTENCE_REACH)
    after = _CUE_TOKEN.findall(folded, end, s1)
    for k in range(len(after)):
        if (c := _cue(after, k, lex, weekday)):
            return c
    return None


def tensed(spec: Spec) -> bool:
    """Whether the reading of ``spec`` depends on tense: a weekday, a date or a holiday that nothing
    else (a year, "today", a direction, a week) places."""
    if not isinstance(spec, DaySpec):
        return False
    d, wd = spec.date, spec.weekday
    if not (wd is not None or d.day is not None or isinstance(d.month, (Month, HijriMonth))
            or spec.holiday is not None or spec.ordday is not None):
        return False
    return not (spec.rel_day is not None or d.year is not None or isinstance(d.month, MonthShift)
                or (spec.holiday is not None and spec.holiday.direction is not None)
                or (isinstance(d.month, Month) and d.month.direction is not None)
                or (wd is not None and (wd.direction is not None or wd.week_shift is not None)))


def _bare_weekday(spec: Spec) -> bool:
    return isinstance(spec, DaySpec) and spec.weekday is not None and spec.date.month is None and spec.holiday is None


def mention(f: Found, text: str, ref: Ref, convention: str) -> DateMention | None:
    tense = None
    is_tensed = convention == "news" and tensed(f.expr.spec)
    if is_tensed:
        fs, fe = f.expr.start, f.expr.end
        tense = tense_at(f.folded, fs, fe, weekday=_bare_weekday(f.expr.spec))
    r = resolve(f.expr.spec, ref, convention, tense)
    if r is None:
        return None
    ev = f"{f.expr.rule}:{r.evidence}" + (f";tense:{tense or 'unknown'}" if is_tensed else "")
    return DateMention(f.start, f.end, text=text[f.start:f.end], value=r.value, grain=r.grain, evidence=ev,
                       until=r.until)


def find_dates(text: str, reference=None, convention: str = "news", *, bound: date | None = None
               ) -> tuple[DateMention, ...]:
    """Date mentions in ``text`` resolved against ``reference`` (ISO string, date, datetime or None).

    ``convention``: "news" (tense-aware, for articles) or "duckling" (a voice assistant's reading,
    for Duckling's test cases). Without a reference only self-contained dates resolve; ``bound``
    (default: the reference, else today) is the latest date a weekday may pin a year to.
    """
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS}, not {convention!r}")
    ref = make_ref(reference, convention, bound)
    out = []
    for f in expressions_of(text):
        m = mention(f, text, ref, convention)
        if m is not None:
            out.append(m)
    return tuple(out)
