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

What a figure counts is read by ``account.counted`` (its measure key), where and when it stands by
``account.scope`` (its own day, place, cause, an earlier event, ``as_of``); this module gathers a
story's mentions into measures and splits those whose scope differs.

Every mention keeps its article, outlet, span, value, bounds, qualifier and ``as_of``: the time the
figure refers to, the sentence's own date when it gives one (not a future one), else the time the
article was published as a reader sees it (``job.reader_view``). An article whose own publication
date is missing has its dates read again against the reader's date (the event's).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from riwaya.account.counted import measure_key
from riwaya.account.lexicon import ends_with, hits, lexicon, words
from riwaya.account.scope import as_of, background, overlaps, stated_cause, stated_day, stated_place
from riwaya.account.sentences import sentence_of
from riwaya.model import Article, DateMention, Quantity

CUE_REACH = 40  # characters before a date in which a deadline cue must end


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
    got = Counter(m.group(1).replace("Z", "+00:00") for v in values if v and (m := _OFFSET.search(v)))
    return got.most_common(1)[0][0] if got else None


def story_reads(pairs: Sequence[tuple[Article, Article]]) -> list[Read]:
    """A story's articles read as ``read`` does, each ``(article, as a reader sees it)``: the story
    day is the median day of its dated reports, the zone the one its reports share; in time order."""
    days = sorted(v.published.value[:10] for _, v in pairs if v.published.value)
    story_day = days[len(days) // 2] if days else None
    zone = zone_of(v.published.value for _, v in pairs)
    reads = [read(a, v, story_day, zone) for a, v in pairs]
    reads.sort(key=lambda r: (r.published or "", r.article.id))
    return reads




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
        if overlaps(q, r.dates) or q.text != a.text[q.start:q.end]:
            continue  # a date ("6 يناير"), or a span that no longer points at its text
        bound = _bound_after(a.text, q)
        if bound in ("at_least", "more_than"):
            q = replace(q, qualifier=bound, low=q.value, high=None, evidence=f"{q.evidence};{bound}-after")
        key, ev = measure_key(a, q)
        if key is None:
            continue
        sent = sentence_of(a, q.start)
        then = background(r, q, sent)
        if then:
            key, ev = f"{key}:then{then}", f"{ev};then:{then}"
        when, dated = as_of(r, sent)
        out.append(FactMention(a.id, a.outlet, q.start, q.end, q.text, q.value, q.low, q.high, q.qualifier,
                               when, key, "quantity", sent, ev, vague="number:vague" in (q.evidence or ""),
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
