"""Where and when a figure stands, read from its own clause: the day it states (its own count
that day, or a span of days), the place it names outside the story's main one, the cause it names
(جراء القصف الجوي, بالغازات), an earlier event its sentence dates it to, and the time it refers to
(``as_of``). Figures of one measure that differ in these are different counts."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from riwaya.account.lexicon import hits, lexicon, words
from riwaya.account.sentences import CLAUSE_END, SENTENCE_END, sentence_of
from riwaya.model import Article

if TYPE_CHECKING:
    from riwaya.account.facts import Read

PLACE_WORDS = 5  # a place stated for a figure ("في الضفة الغربية") stands within this many words after it
DAY_WORDS = 3  # a day stated for a figure stands within this many words of it, in its clause
SPAN_WORDS = 4  # a span of days ("خلال يومي الجمعة والسبت") ends within this many words before its figure
BACKGROUND_WORDS = 12  # and stands within this many words of the figure
BACKGROUND_DAYS = 30  # a figure in a sentence dated further back than this counts an earlier event
CAUSE_WORDS = 10  # a cause is read this many words after the figure, and before it, in its clause
CAUSE_REACH = 6  # a cause word stands within this many words after its cue (إثر ما يشتبه في أنه هجوم كيميائي)


def _cause_kind(w: str, nxt: str | None) -> str | None:
    lex = lexicon()
    if nxt is not None and nxt in lex.not_cause_after:
        return None  # "قنابل الغاز المسيل للدموع": tear gas, not a chemical attack
    for kind, ws in lex.causes.items():
        if hits(w, ws):
            return kind
    return None


def _explicit_cause(ws: list[str]) -> str | None:
    """The first cause the words name explicitly: a cause word within ``CAUSE_REACH`` words after a
    cause cue (جراء، إثر، بسبب، في ...), or attached to ب (بالغازات، برصاص)."""
    lex = lexicon()
    cue = None
    for i, w in enumerate(ws):
        nxt = ws[i + 1] if i + 1 < len(ws) else None
        if w in lex.cause_cues:
            cue = i
            continue
        if cue is not None and i - cue <= CAUSE_REACH:
            kind = _cause_kind(w, nxt)
            if kind:
                return kind
        if len(w) > 3 and w[0] == "ب" and not w.startswith("بعد"):
            kind = _cause_kind(w[1:], nxt)
            if kind:
                return kind
    return None


def stated_cause(article: Article, q) -> str | None:
    """What the figure's clause says caused the counted thing, when it names it explicitly: after
    the figure ("مقتل 42 مدنيا جراء القصف الجوي", "قتل 61 فلسطينيا برصاص الجيش"), else before it
    ("حصيلة ضحايا قصف النظام بالغازات السامة ... إلى 150 قتيلا"); None when it names none."""
    text = article.text
    s0, s1 = sentence_of(article, q.start)
    after = words(CLAUSE_END.split(text[q.end:min(s1, q.end + 160)], maxsplit=1)[0])[:CAUSE_WORDS]
    got = _explicit_cause(after)
    if got:
        return got
    clause = words(CLAUSE_END.split(text[max(s0, q.start - 200):q.start])[-1])[-CAUSE_WORDS:]
    return _explicit_cause(clause)




def as_of(r: Read, sent: tuple[int, int]) -> tuple[str | None, bool]:
    """The time a figure refers to: the publication time, or a time of day the sentence gives on
    the publication day when the publication time has none. A sentence's earlier day is read as the
    happening's date ("floods that struck on Wednesday evening"), not the figure's: a toll is as of
    its report."""
    pub = r.published
    if not pub:
        return None, False
    for d in r.dates:
        if (d.start >= sent[0] and d.end <= sent[1] and d.grain in ("minute", "hour") and d.until is None
                and d.value[:10] == pub[:10] and "T" not in pub):
            return d.value, True
    return pub, False


def overlaps(q, spans: Sequence) -> bool:
    return any(d.start < q.end and q.start < d.end for d in spans)


def background(r: Read, q, sent: tuple[int, int]) -> str | None:
    """When the figure's sentence is about an earlier event, that event's time ("2017", "2018-02"):
    the sentence names a year before the publication's, or a day more than ``BACKGROUND_DAYS``
    before publication ("في أبريل/نيسان 2017 قتل 80 شخصا"; "يخلد ... مقتل 6 فلسطينيين ... عام
    1976"). A date after a since cue (منذ 2011, منذ حرب 2014) starts a count up to now and is not
    the figure's event."""
    pub = (r.published or "")[:10]
    if len(pub) < 10:
        return None
    cut = (date.fromisoformat(pub) - timedelta(days=BACKGROUND_DAYS)).isoformat()
    since = lexicon().since_cues
    text = r.article.text
    sent = _narrow(text, sent, q)  # a sentence the layer missed
    for d in r.dates:
        if d.start < sent[0] or d.end > sent[1] or (d.start < q.end and q.start < d.end):
            continue
        if len(words(text[d.end:q.start] if d.end <= q.start else text[q.end:d.start])) > BACKGROUND_WORDS:
            continue  # a year far off in a long sentence ("... بمناسبة الذكرى الـ 70 للنكبة ... 1948")
        end = (d.until or d.value or "")[:10]
        if d.until:  # an exclusive end: the period's last day
            try:
                end = (date.fromisoformat(end) - timedelta(days=1)).isoformat() if len(end) == 10 else end
            except ValueError:
                continue
        if not end[:4].isdigit() or not (end[:4] < pub[:4] or (len(end) == 10 and end < cut)):
            continue
        before = words(r.article.text[max(sent[0], d.start - 40):d.start])[-4:]
        first = words(r.article.text[d.start:d.end])[:1]  # the cue inside the span: "منذ ثلاثة أشهر"
        if any(hits(w, since) for w in before + first):
            continue
        return end[:4] if end[:4] < pub[:4] else end[:7]
    return None


def _narrow(text: str, sent: tuple[int, int], q) -> tuple[int, int]:
    """The sentence around ``q`` cut at sentence ends the sentence layer missed."""
    stops = [i for i in range(sent[0], q.start) if text[i] in SENTENCE_END]
    ends = [i for i in range(q.end, sent[1]) if text[i] in SENTENCE_END]
    return stops[-1] + 1 if stops else sent[0], ends[0] if ends else sent[1]


def stated_day(r: Read, q, sent: tuple[int, int]) -> str | None:
    """The day the figure's clause says the counted thing happened: the nearest date of day grain
    (or finer) within ``DAY_WORDS`` words of the figure in its clause, or a span of two days joined by
    و ending within ``SPAN_WORDS`` words before it ("خلال يومي الجمعة والسبت، مقتل نحو مئة": "D1..D2") (or set off right after it: "اثنين، الثلاثاء،"), on or before publication and within ``BACKGROUND_DAYS``, not a since
    or as-of phrase (منذ الاثنين، حتى صباح الثلاثاء: the start or the time of a count)."""
    pub = (r.published or "")[:10]
    if len(pub) < 10:
        return None
    cut = (date.fromisoformat(pub) - timedelta(days=BACKGROUND_DAYS)).isoformat()
    lex = lexicon()
    text = r.article.text
    s0, s1 = _narrow(text, sent, q)
    days = [d for d in r.dates if s0 <= d.start and d.end <= q.start and not d.until
            and d.grain == "day" and cut <= d.value[:10] <= pub]
    for d1, d2 in zip(days, days[1:]):  # "خلال يومي الجمعة والسبت الماضيين، مقتل نحو مئة مدني"
        if (words(text[d1.end:d2.start]) in ([], ["و"], ["and"]) and d1.value[:10] != d2.value[:10]
                and len(words(text[d2.end:q.start])) <= SPAN_WORDS):
            return f"{d1.value[:10]}..{d2.value[:10]}"  # a count over both days, not one day's
    best = None
    for d in r.dates:
        if d.start < s0 or d.end > s1 or (d.start < q.end and q.start < d.end) or d.until:
            continue
        if d.grain not in ("day", "hour", "minute") or not (cut <= d.value[:10] <= pub):
            continue
        near = words(text[max(s0, d.start - 40):d.start])[-3:] + words(text[d.start:d.end])[:1]
        if any(hits(w, lex.since_cues) or hits(w, lex.as_of_cues) for w in near):
            continue
        between = text[d.end:q.start] if d.end <= q.start else text[q.end:d.start]
        if (CLAUSE_END.search(between) and words(between)) or len(words(between)) > DAY_WORDS:
            continue  # another clause's day (جلسة خاصة الجمعة ... بعدما قتلت 60)
        gap = len(between)
        if best is None or gap < best[0]:
            best = (gap, d.value[:10])
    return best[1] if best else None


def stated_place(text: str, q, sent: tuple[int, int]) -> str | None:
    """The place the figure's clause says the counted thing happened in: the first gazetteer place
    after "في" / "in" within ``PLACE_WORDS`` words after the figure, in its clause ("أصيب نحو 120
    فلسطينياً في الضفة الغربية"). Only "in": the nearest place to a figure is often the other side's
    ("على الحدود مع إسرائيل")."""
    from riwaya.extract.places import find_places

    tail = CLAUSE_END.split(text[q.end:min(sent[1], q.end + 160)], maxsplit=1)[0]
    for m in find_places(tail):
        lead = words(tail[:m.start])
        if len(lead) > PLACE_WORDS or not lead or lead[-1] not in lexicon().in_cues:
            continue
        return m.entity
    return None
