"""Facts across outlets: a story's figures grouped into measures, and its due dates.

A *measure* is one thing counted: troops sent, people killed, injured, arrested, missing, houses
flooded, days, money, percent... (data/account_measures.json). A quantity's measure comes from its
counted noun (``Quantity.counts``: عسكري -> troops, قتيل -> killed) or, for a generic noun (شخص,
مواطن) or none, from the predicate of its clause (اعتقال ... 12 ألف شخص -> arrested; مقتل العشرات
-> killed). A figure after a subset cue (بينهم 16) is a part, a measure of its own; a figure under
a future cue (ستنقل أربع طائرات) is planned, apart from reported ones. Different measures are
never compared.

A *date claim* is a due date: a date under a deadline cue (بحلول 19 من الشهر الحالي, قبل 22
يناير, في غضون 10 أيام counted from the article's date) in a sentence that says something ends or
is planned; its measure is ``due:<action>`` (withdrawal, election...).

Every mention keeps its article, outlet, span, value, bounds, qualifier and ``as_of``: the time the
figure refers to, the sentence's own date when it gives one (not a future one), else the time the
article was published as a reader sees it (``job.reader_view``). An article whose own publication
date is missing has its dates read again against the reader's date (the event's).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from riwaya.account.lexicon import ends_with, hits, lexicon, longest, words
from riwaya.model import Article, DateMention, Quantity

_CLAUSE_END = re.compile(r"[،,؛;:.!?؟\n]")
_SENTENCE_END = ".!?؟\n"
SINCE_WORDS = 10  # "منذ بدء ..." this far after a figure, in its clause, makes it a count since a start
BEFORE_WORDS = 6  # how far back a clause's predicate and tense cues are looked for
AFTER_WORDS = 4  # and forward (English puts the verb after the figure: "eight people were killed")
HURT_WORDS = 8  # victims are the hurt when an injured word follows within this many words, in the clause
AFTER_CLAUSE = 8  # a future verb after the figure and its noun, within its clause, makes it planned
CUE_REACH = 40  # characters before a date in which a deadline cue must end
PLACE_WORDS = 5  # a place stated for a figure ("في الضفة الغربية") stands within this many words after it
DAY_WORDS = 3  # a day stated for a figure stands within this many words of it, in its clause
SPAN_WORDS = 4  # a span of days ("خلال يومي الجمعة والسبت") ends within this many words before its figure
BACKGROUND_WORDS = 12  # and stands within this many words of the figure
BACKGROUND_DAYS = 30  # a figure in a sentence dated further back than this counts an earlier event
CAUSE_WORDS = 10  # a cause is read this many words after the figure, and before it, in its clause
CAUSE_REACH = 6  # a cause word stands within this many words after its cue (إثر ما يشتبه في أنه هجوم كيميائي)


@dataclass(frozen=True)
class FactMention:
    """One figure or due date in one article, with what decided its measure."""

    article: str
    outlet: str | None
    start: int
    end: int
    text: str
    value: float | str | None
    low: float | str | None
    high: float | str | None
    qualifier: str
    as_of: str | None
    key: str  # the measure: killed | killed:part | troops:planned | due:withdrawal ...
    kind: str  # quantity | date
    sentence: tuple[int, int]
    evidence: str
    vague: bool = False
    dated: bool = False  # as_of is the sentence's own date, not the publication time
    day: str | None = None  # the day the sentence says the counted thing happened ("قتل الاثنين 55")
    place: str | None = None  # the gazetteer place the clause says it happened in ("في الضفة الغربية")
    cause: str | None = None  # the kind of cause the clause names for it ("جراء القصف الجوي": airstrike)

    def to_json(self) -> dict:
        def num(x):
            return int(x) if isinstance(x, float) and x.is_integer() else x
        return {"article": self.article, "outlet": self.outlet, "start": self.start, "end": self.end,
                "text": self.text, "value": num(self.value), "low": num(self.low), "high": num(self.high),
                "qualifier": self.qualifier, "as_of": self.as_of}


@dataclass(frozen=True)
class Measure:
    """The mentions of one measure across a story's articles."""

    id: str
    kind: str
    what: str
    mentions: tuple[FactMention, ...] = field(default=())


@dataclass(frozen=True)
class Read:
    """One article as the account reads it: the article as a reader sees it and its dates."""

    article: Article
    dates: tuple[DateMention, ...]

    @property
    def published(self) -> str | None:
        return self.article.published.value


def read(article: Article, reader: Article | None = None, story_day: str | None = None,
         zone: str | None = None) -> Read:
    """The article with its publication date as a reader sees it (``reader``, from
    ``job.reader_view``) and its dates: its own, or read again when its own publication date was
    missing (seed 001: "6 يناير", "قبل 22 يناير"): against the reader's date (its event's), else
    against ``story_day``, the day its story's dated reports centre on (which gives a month and day
    written without a year its year; the article's own time stays unknown). A publication time
    without a zone (a page's date line "الجمعة 15/03/2024 - 09:15") is read in ``zone``, the UTC
    offset its story's zoned reports share (``zone_of``), so it lines up with them."""
    reader = reader or article
    pub = reader.published.value
    if zone and pub and _LOCAL_TIME.fullmatch(pub):
        from dataclasses import replace

        reader = replace(reader, published=replace(reader.published, value=pub + zone))
    dates = tuple(article.layer("dates"))
    ref = None if article.published.value else (reader.published.value or story_day)
    if ref:
        from riwaya.dates.find import find_dates

        dates = tuple(find_dates(article.text, ref, "news"))
    return Read(reader, dates)


_LOCAL_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?")
_OFFSET = re.compile(r"T\d\d:\d\d(?::\d\d)?([+-]\d\d:\d\d|Z)$")


def zone_of(values) -> str | None:
    """The UTC offset most of ``values`` (ISO publication times) carry, or None when none has one."""
    from collections import Counter

    got = Counter(m.group(1).replace("Z", "+00:00") for v in values if v and (m := _OFFSET.search(v)))
    return got.most_common(1)[0][0] if got else None


def sentence_of(article: Article, pos: int) -> tuple[int, int]:
    """The sentence (start, end) holding character ``pos``; the paragraph line without sentences."""
    sents = article.layer("sentences")
    if sents:
        i = bisect.bisect_right([s.start for s in sents], pos) - 1
        if i >= 0 and sents[i].start <= pos < max(sents[i].end, sents[i].start + 1):
            return sents[i].start, sents[i].end
    text = article.text
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, (len(text) if e < 0 else e)


def _future(before: list[str], after: list[str]) -> bool:
    lex = lexicon()
    near = before[-BEFORE_WORDS:]
    for i in range(len(near)):
        if ends_with(near[: i + 1], lex.future_cues):
            return True
    for w in near[-3:]:
        f = w[1:] if w[:1] in "وف" and len(w) > 4 else w
        if 4 <= len(f) <= 8 and f[:2] in lex.future_prefix and f not in lex.not_future:
            return True
    for w in after[:AFTER_CLAUSE]:
        f = w[1:] if w[:1] in "وف" and len(w) > 4 else w
        if 4 <= len(f) <= 8 and f[:2] in lex.future_prefix and f not in lex.not_future:
            return True
    return any(w in ("will", "would") for w in after[:2])


def _predicate_class(before: list[str], after: list[str]) -> str | None:
    """The class of the nearest predicate: a verb right after the figure (its subject: "إن 58 شخصا
    قتلوا", "قد جرحوا"; not one joined by و, a new clause), else before the figure (nearest first),
    then after it."""
    lex = lexicon()
    lead = after[1:3] if after[:1] and after[0] in ("قد", "لقد") else after[:2]
    for w in lead[:1]:  # the figure as the subject of its verb: "ثمة 2700 شخص قد جرحوا" (not "... وأصيب 15")
        if w[:1] != "و":
            for c in lex.classes:
                if c.predicates and hits(w, c.predicates):
                    return c.name
    for w in reversed(before[-BEFORE_WORDS:]):
        for c in lex.classes:
            if c.predicates and hits(w, c.predicates):
                return c.name
    for w in after[:AFTER_WORDS]:
        for c in lex.classes:
            if (c.predicates and hits(w, c.predicates)) or (c.nouns and not c.generic and hits(w, c.nouns)):
                return c.name
    return None


def _hurt_victims(q: Quantity, after: list[str]) -> bool:
    """A count of victims (ضحايا: the dead or the hurt) whose clause goes on to say they were hurt:
    "لدينا 4 ضحايا نقلوا جميعا إلى المستشفى مصابين بجروح"."""
    lex = lexicon()
    ws = words(q.counts or "")
    if not ws or not hits(ws[0], lex.either_nouns):
        return False
    hurt = lex.by_name("injured")
    dead = lex.by_name("killed")
    for w in after[:HURT_WORDS]:
        if dead and hits(w, dead.predicates):
            return False
        if hurt and (hits(w, hurt.nouns) or hits(w, hurt.predicates)):
            return True
    return False


def _toll_head(clause: list[str]) -> str | None:
    """The class a toll head names earlier in the figure's clause: a head word (عدد، أعداد، حصيلة،
    number, toll) followed by a class noun ("ارتفاع أعداد القتلى ... لتتجاوز الـ150"), nearest first."""
    lex = lexicon()
    for i in range(len(clause) - 2, -1, -1):
        if clause[i] in lex.toll_heads:
            for c in lex.classes:
                if c.nouns and not c.generic and c.comparable and hits(clause[i + 1], c.nouns):
                    return c.name
    return None


def _noun_class(counts: str | None) -> tuple[str | None, bool]:
    """(class, generic) of a counted noun."""
    if not counts:
        return None, False
    ws = words(counts)
    if not ws:
        return None, False
    best = max(((longest(ws[0], c.nouns), c) for c in lexicon().classes if c.nouns), key=lambda x: x[0],
               default=(0, None))
    return (best[1].name, best[1].generic) if best[0] else (None, False)


def _unit_kinds() -> dict[str, str]:
    from riwaya.extract.quantity_lexicon import lexicon as qlex

    return {u.id: u.kind for u in qlex().units.values()}


def _unit_class(q: Quantity) -> str | None:
    if not q.unit:
        return None
    kind = _unit_kinds().get(q.unit)
    for c in lexicon().classes:
        if q.unit in c.units or (kind and kind in c.unit_kinds):
            return c.name
    return None


def _partitive(q: Quantity, cls: str) -> bool:
    """"اثنين من المصابين" (two of the injured): an exact figure, then من and a definite noun of the
    figure's own (not generic) class, counts a part of a group already counted, not the group.
    ("العشرات من المدنيين" is a vague count of a generic noun: the whole.) So does an exact figure of
    a plural possessed by someone ("قتل مع 6 من مرافقيه")."""
    if q.value is None or "number:vague" in (q.evidence or ""):
        return False
    ws = words(q.text)
    if "من" not in ws[:-1]:
        return False
    i = ws.index("من")
    noun = ws[i + 1]
    raw = q.text.split()[-1] if q.text.split() else ""  # as written: ه is a pronoun, ة is not
    if (i > 0 and ws[i - 1] not in ("اكثر", "اقل", "ازيد") and noun == ws[-1] and len(raw) > 4
            and raw.endswith(("ه", "ها", "هم", "هن")) and not raw.startswith(("ال", "لل"))):
        return True  # "6 من مرافقيه", "8 من جنوده": some of someone's own (his companions), a part
    if not noun.startswith(("ال", "لل")):
        return False
    c = lexicon().by_name(cls)
    return c is not None and not c.generic and hits(noun, c.nouns)


def measure_key(article: Article, q: Quantity) -> tuple[str | None, str]:
    """The measure of a quantity and why, or (None, why not)."""
    text = article.text
    s0, s1 = sentence_of(article, q.start)
    before_text = text[max(s0, q.start - 200):q.start]
    before = words(before_text)
    clause = words(_CLAUSE_END.split(before_text)[-1])
    if "and" in clause:  # English "killed and several others are missing": a new clause
        clause = clause[len(clause) - clause[::-1].index("and"):]
    after = words(_CLAUSE_END.split(text[q.end:min(s1, q.end + 120)], maxsplit=1)[0])
    lex = lexicon()
    ev = []
    cls = _unit_class(q)
    if cls:
        ev.append(f"unit:{q.unit}")
    elif q.unit:  # a figure with a unit of no class measures that unit ("توفي عن 66 عاما": an age, not the dead)
        cls = "unit:" + q.unit
        ev.append(f"unit:{q.unit}")
    else:
        cls, generic = _noun_class(q.counts)
        if cls and not generic and _hurt_victims(q, after):
            cls = "injured"
            ev.append(f"noun:{q.counts};hurt")
        elif cls and not generic:
            ev.append(f"noun:{q.counts}")
        else:
            pred = _predicate_class(clause, after) or _toll_head(clause)
            if pred:
                cls = pred
                ev.append("predicate")
            elif cls:
                ev.append(f"noun:{q.counts}")
            elif q.counts and not q.unit:
                cls = "count:" + words(q.counts)[0] if words(q.counts) else None
                ev.append("counted-noun")
    if cls is None:
        return None, "no measure"
    key = cls
    if any(ends_with(before[: len(before) - k], lex.subset_cues) for k in range(0, 3) if len(before) > k):
        key += ":part"
        ev.append("subset")
    elif len(clause) > 1 and ends_with(clause[:-1], lex.subset_heads):
        key += ":part"
        ev.append("among")  # "ومن بين القتلى ثمانية أطفال": some of the dead
    elif _partitive(q, cls):
        key += ":part"
        ev.append("partitive")
    elif after[:1] and after[0] in lex.increment_cues and not q.unit:
        key += ":part"
        ev.append("increment")  # "two more bodies": added to a toll, not the toll
    elif any(hits(w, lex.transfer_cues) and w not in lex.not_transfer for w in clause[-2:]) and not q.unit:
        key += ":part"
        ev.append("transfer")  # "تم نقل 3 جرحى إلى مصر": those moved, not the toll
    if _future(before, after):
        key += ":planned"
        ev.append("future")
    elif any(hits(w, lex.readiness_cues) for w in clause[-3:]):
        key += ":planned"
        ev.append("readiness")  # "استعدادها لاستقبال نحو 300 جريح": a capacity, not a count
    elif _since_start(after):
        key += ":since"
        ev.append("since-start")  # "قتلوا منذ بدء مسيرات العودة": a count since a start, not the event's
    return key, ";".join(ev)


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
    after = words(_CLAUSE_END.split(text[q.end:min(s1, q.end + 160)], maxsplit=1)[0])[:CAUSE_WORDS]
    got = _explicit_cause(after)
    if got:
        return got
    clause = words(_CLAUSE_END.split(text[max(s0, q.start - 200):q.start])[-1])[-CAUSE_WORDS:]
    return _explicit_cause(clause)


def _since_start(after: list[str]) -> bool:
    """The figure's clause says it counts from a start up to now: a since cue followed by a start
    word (منذ بدء، منذ اندلاع، since the start), or a period of recent weeks or months (خلال الأسابيع
    الأخيرة, over the past weeks), within ``SINCE_WORDS`` after the figure."""
    lex = lexicon()
    ws = after[:SINCE_WORDS]
    return any((hits(w, lex.since_cues) and any(hits(x, lex.start_words) for x in ws[i + 1:i + 3]))
               or (w in lex.period_cues and any(hits(x, lex.period_nouns) for x in ws[i + 1:i + 4])
                   and any(hits(x, lex.recent_words) for x in ws[i + 1:i + 4]))
               for i, w in enumerate(ws))


def _as_of(r: Read, sent: tuple[int, int]) -> tuple[str | None, bool]:
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


def _overlaps(q, spans: Sequence) -> bool:
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
    stops = [i for i in range(sent[0], q.start) if text[i] in _SENTENCE_END]
    ends = [i for i in range(q.end, sent[1]) if text[i] in _SENTENCE_END]
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
        if (_CLAUSE_END.search(between) and words(between)) or len(words(between)) > DAY_WORDS:
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

    tail = _CLAUSE_END.split(text[q.end:min(sent[1], q.end + 160)], maxsplit=1)[0]
    for m in find_places(tail):
        lead = words(tail[:m.start])
        if len(lead) > PLACE_WORDS or not lead or lead[-1] not in lexicon().in_cues:
            continue
        return m.entity
    return None


def _bound_after(text: str, q: Quantity) -> str | None:
    """The bound a phrase right after an approximate figure puts on it ("حوالي سبعين شخصا على
    الأقل": at least about 70, a lower bound), which the quantities layer leaves to the first
    qualifier ("حوالي")."""
    from riwaya.extract.quantity_lexicon import lexicon as qlex

    if q.qualifier != "about" or q.value is None:
        return None
    ws = tuple(words(text[q.end:q.end + 40]))
    after = qlex().qualifiers_after
    return next((after[ws[:n]] for n in range(min(4, len(ws)), 0, -1) if ws[:n] in after), None)


def quantity_mentions(r: Read) -> list[FactMention]:
    a = r.article
    out = []
    for q in a.layer("quantities"):
        if _overlaps(q, r.dates) or q.text != a.text[q.start:q.end]:
            continue  # a date ("6 يناير"), or a span that no longer points at its text
        bound = _bound_after(a.text, q)
        if bound in ("at_least", "more_than"):
            from dataclasses import replace

            q = replace(q, qualifier=bound, low=q.value, high=None, evidence=f"{q.evidence};{bound}-after")
        key, ev = measure_key(a, q)
        if key is None:
            continue
        sent = sentence_of(a, q.start)
        then = background(r, q, sent)
        if then:
            key, ev = f"{key}:then{then}", f"{ev};then:{then}"
        as_of, dated = _as_of(r, sent)
        out.append(FactMention(a.id, a.outlet, q.start, q.end, q.text, q.value, q.low, q.high, q.qualifier,
                               as_of, key, "quantity", sent, ev, vague="number:vague" in (q.evidence or ""),
                               dated=dated, day=stated_day(r, q, sent), place=stated_place(a.text, q, sent),
                               cause=stated_cause(a, q)))
    return out


def _deadline(text: str, d: DateMention, sent: tuple[int, int]) -> tuple[str, str] | None:
    """(qualifier, cue) when the date is a due date."""
    lex = lexicon()
    own = words(d.text)
    if ends_with(own[:2], lex.deadline_cues) or (own and own[0] in ("غضون", "within")):
        cue = "within"
    else:
        p = ends_with(words(text[max(sent[0], d.start - CUE_REACH):d.start]), lex.deadline_cues)
        if p is None:
            return None
        cue = " ".join(p)
    sw = words(text[sent[0]:sent[1]])
    completion = any(hits(w, lex.completion_words) for w in sw)
    future = any(ends_with(sw[: i + 1], lex.future_cues) for i in range(len(sw))) or any(
        4 <= len(w) <= 8 and w[:2] in lex.future_prefix and w not in lex.not_future for w in sw)
    if not (completion or future or d.until):
        return None
    q = "before" if cue in ("قبل", "before") else ("within" if d.until or "غضون" in cue or cue == "within" else "by")
    return q, cue


def _action(text: str, sent: tuple[int, int]) -> str | None:
    lex = lexicon()
    sw = words(text[sent[0]:sent[1]])
    for name, ws in lex.deadline_actions.items():
        if any(hits(w, ws) for w in sw):
            return name
    return None


def date_claims(r: Read) -> list[FactMention]:
    a = r.article
    out = []
    for d in r.dates:
        if d.grain not in ("day", "week", "month") or d.text != a.text[d.start:d.end]:
            continue
        sent = sentence_of(a, d.start)
        dl = _deadline(a.text, d, sent)
        if dl is None:
            continue
        qual, cue = dl
        if r.published and (d.until or d.value)[:10] < r.published[:10]:
            continue  # a deadline already past when written is background, not a claim
        day = (d.until or d.value)[:10]
        high = day
        if qual == "before":
            high = (date.fromisoformat(day) - timedelta(days=1)).isoformat() if len(day) == 10 else day
        action = _action(a.text, sent)
        key = "due:" + action if action else "due"
        out.append(FactMention(a.id, a.outlet, d.start, d.end, d.text, day, None, high, qual, r.published,
                               key, "date", sent, f"deadline:{cue};{d.evidence}"))
    return out


def _join_generic_due(ms: list[FactMention]) -> list[FactMention]:
    """A due date with no action joins the story's one action, when it has exactly one."""
    from dataclasses import replace

    acts = {m.key for m in ms if m.kind == "date" and m.key != "due"}
    if len(acts) != 1:
        return ms
    k = next(iter(acts))
    return [replace(m, key=k, evidence=m.evidence + ";joined") if m.kind == "date" and m.key == "due" else m
            for m in ms]


def split_days(ms: list[FactMention]) -> list[FactMention]:
    """A figure whose clause says it happened on another day than the day most reports of its
    measure state (by articles) counts that day ("مقتل فلسطينيين اثنين، الثلاثاء" beside "قتل الاثنين
    55"): its measure becomes ``<key>:on<day>``; likewise a figure stated for a place that neither
    holds nor lies in the place most of the story's figures are stated for ("120 injured in the West
    Bank" in a story of Gaza): ``<key>:in<place>``. Figures that state no day or place stay."""
    ms = _split_apart(ms, "day", "on", lambda a, b: a == b)
    ms = _split_apart(ms, "place", "in", _same_place, story_wide=True)
    return split_causes(ms)


def split_causes(ms: list[FactMention]) -> list[FactMention]:
    """A figure whose clause names another cause than the one most articles name for its measure
    ("42 جراء القصف الجوي" in a story of a gas attack's toll) counts another happening: its measure
    becomes ``<key>:by<cause>``. Figures that name no cause join the measure's main one."""
    return _split_apart(ms, "cause", "by", lambda a, b: a == b)


def _same_place(a: str, b: str) -> bool:
    from riwaya.extract.places import gazetteer

    gz = gazetteer()
    return a in gz.ancestors(b) or b in gz.ancestors(a)


def _split_apart(ms: list[FactMention], attr: str, tag: str, same, story_wide: bool = False) -> list[FactMention]:
    """Figures whose ``attr`` is not ``same`` as the one most articles state for their measure (or,
    ``story_wide``, for any figure of the story) get a measure of their own."""
    from collections import Counter
    from dataclasses import replace

    by: dict[str, Counter] = {}
    for m in ms:
        if m.kind == "quantity" and getattr(m, attr):
            by.setdefault(m.key, Counter())[(getattr(m, attr), m.article)] += 1
    if story_wide:
        every = sum(by.values(), Counter())
        by = {k: every for k in by}
    main = {}
    for key, c in by.items():
        n = Counter(v for v, _ in c)
        main[key] = min(n, key=lambda v: (-n[v], v))
    out = []
    for m in ms:
        v = getattr(m, attr) if m.kind == "quantity" else None
        if v and not same(v, main[m.key]):
            m = replace(m, key=f"{m.key}:{tag}{v}", evidence=f"{m.evidence};{attr}:{v}")
        out.append(m)
    return out


def measures(reads: Sequence[Read]) -> list[Measure]:
    """Every measure of a story's articles with its mentions (in as_of order)."""
    ms: list[FactMention] = []
    for r in reads:
        ms.extend(quantity_mentions(r))
        ms.extend(date_claims(r))
    ms = split_days(_join_generic_due(ms))
    by: dict[str, list[FactMention]] = {}
    for m in ms:
        by.setdefault(m.key, []).append(m)
    out = []
    for i, (key, group) in enumerate(sorted(by.items())):
        group.sort(key=lambda m: (m.as_of or "", m.article, m.start))
        out.append(Measure(f"f{i + 1}", group[0].kind, key, tuple(group)))
    return out
