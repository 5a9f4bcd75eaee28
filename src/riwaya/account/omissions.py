"""Exclusives and omissions: what only one outlet of a story reports, and what an outlet leaves out
that most of the others carry.

Outlets are the articles' outlets (an article with none counts as an outlet of its own). Two kinds
of item, each pointing at the words it stands on:

- a **figure** (a measure of ``account.facts``): exclusive when every mention of it is one
  outlet's and no other outlet's article holds the same number at all (in its ``quantities`` or,
  for a due date, its ``dates``: then the figure was only grouped apart, not unreported);
  omitted by an outlet when at least ``MOST`` of the story's outlets (and two) carry it as one fact
  (the account calls their figures ``agree`` or ``update``: on ANT, figures of one measure that did
  not agree were mostly different things counted) and that outlet's articles hold none of its numbers.
- a **quote**'s speaker, when a named-entity mention lies in the speaker's words (its canonical
  entity when linked, so ترامب and ترمب are one; else a person by last name, an organisation or
  place by its whole name, without clitics and article): exclusive when one outlet quotes the speaker and no other outlet's text
  names them; omitted by an outlet when most outlets quote the speaker and it neither quotes them
  nor names them.

Omissions need at least ``MIN_OUTLETS`` outlets (with two, "most" is both: nothing to weigh).
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping

from riwaya.account.lexicon import label
from riwaya.text.normalise import match

_WORD = re.compile(r"[^\W\d_]+")
MOST = 2 / 3
AGREED = ("agree", "update")  # a figure the outlets carry as one fact (a conflict is shown as such)
MIN_OUTLETS = 3
NAME_CHARS = 3  # a speaker's last word shorter than this names no one


def _outlet(a) -> str:
    return a.outlet or a.id


def _short(m) -> dict:
    return {"article": m.article, "outlet": m.outlet, "start": m.start, "end": m.end, "text": m.text}


def _numbers(a) -> set:
    out = set()
    for q in a.layer("quantities"):
        for v in (getattr(q, "value", None), getattr(q, "low", None), getattr(q, "high", None)):
            if isinstance(v, (int, float)):
                out.add(float(v))
    for d in a.layer("dates"):
        v = getattr(d, "value", "")
        if v:
            out.add(v[:10])
    return out


def _values(measure) -> set:
    out = set()
    for m in measure.mentions:
        for v in (m.value, m.low, m.high):
            if isinstance(v, (int, float)):
                out.add(float(v))
            elif isinstance(v, str) and v:
                out.add(v[:10])
    return out


def _bare(word: str) -> str:
    """A matching-form word without an attached و ب ل and the article."""
    for p in ("وال", "بال", "فال", "لل", "ال"):
        if word.startswith(p) and len(word) - len(p) >= NAME_CHARS:
            return word[len(p):]
    return word


def _medium(word: str) -> bool:
    from riwaya.extract.quote_lexicon import lexicon as quote_lexicon

    return quote_lexicon().medium(word)


def _entity_ids(a) -> dict[tuple[int, int], str]:
    return {(ln["start"], ln["end"]): ln["entity"] for ln in a.layer("entity_links")
            if isinstance(ln, Mapping) and ln.get("entity")}


def _speaker_name(a, q, links: dict[tuple[int, int], str]) -> tuple[str, str] | None:
    """Who a speaker is, when a named-entity mention of the article lies in the speaker's words:
    (its canonical entity id, or its name; the name) where the name is a person's last name or an
    organisation's or place's whole name (matching form, bare)."""
    sp = getattr(q, "speaker", None)
    if sp is None or any(_medium(w) for w in _WORD.findall(match(sp.text))):
        return None  # a news agency relaying is no speaker of its own
    best = None
    for m in a.layer("entities"):
        if hasattr(m, "start") and sp.start <= m.start and m.end <= sp.end and m.label in ("PER", "ORG", "LOC"):
            best = m  # the last one: "وزير الدفاع الروسي، سيرغي شويغو" -> the person
    if best is None:
        return None
    words = [_bare(w) for w in _WORD.findall(match(best.text))]
    if best.label == "PER":
        words = words[-1:]
    name = " ".join(words)
    if len(name) < NAME_CHARS:
        return None
    eid = links.get((best.start, best.end))
    return (f"entity:{eid}" if eid else name), name


class _Story:
    def __init__(self, reads):
        self.arts = [r.article for r in reads]
        self.outlets = sorted({_outlet(a) for a in self.arts})
        self.unnamed = {a.id for a in self.arts if not a.outlet}
        self.numbers: dict[str, set] = defaultdict(set)
        self.texts: dict[str, str] = defaultdict(str)
        self.quoted: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))  # key -> outlet -> quotes
        self.names: dict[str, str] = {}
        self.entities: dict[str, set[str]] = defaultdict(set)  # outlet -> entity ids its articles name
        for a in self.arts:
            o = _outlet(a)
            self.numbers[o] |= _numbers(a)
            self.texts[o] += "\n" + match(a.text or "")
            links = _entity_ids(a)
            self.entities[o] |= {f"entity:{e}" for e in links.values()}
            for q in a.layer("quotes"):
                got = _speaker_name(a, q, links) if hasattr(q, "start") else None
                if got:
                    key, name = got
                    self.quoted[key][o].append((a, q))
                    self.names[key] = name

    def name(self, outlet: str) -> str | None:
        """What a reader is told of an outlet: None for an article with no outlet."""
        return None if outlet in self.unnamed else outlet

    def names_in(self, outlet: str, key: str) -> bool:
        """Whether the outlet's articles name the speaker ``key``: its entity linked there, or its
        name's words in the texts (each with an attached و ب ل or the article)."""
        if key in self.entities[outlet]:
            return True
        name = self.names[key]
        words = r"\s+".join(r"(?:[وفبل]|وال|بال|لل|ال)?" + re.escape(w) for w in name.split())
        return re.search(rf"(?<![^\W_]){words}(?![^\W_])", self.texts[outlet]) is not None


def _figures(calls, status=None):
    for c in calls:
        if c.measure.mentions and (status is None or c.status in status):
            yield c.measure, {m.outlet or m.article for m in c.measure.mentions}


def exclusives(calls, reads, language: str | None = None) -> list[dict]:
    st = _Story(reads)
    if len(st.outlets) < 2:
        return []
    out = []
    for measure, carried in _figures(calls):
        if len(carried) != 1:
            continue
        values = _values(measure)
        (o,) = carried
        if any(values & st.numbers[x] for x in st.outlets if x != o):
            continue
        m = measure.mentions[0]
        out.append({**_short(m), "outlet": m.outlet, "kind": "figure", "what": measure.what,
                    "label": label(measure.what, language, measure.mentions[0].text),
                    "evidence": "no other outlet's article holds this number"})
    out.sort(key=lambda x: x["what"].startswith("count:"))  # the listed measures first (killed, troops ...)
    for key, by in st.quoted.items():
        if len(by) != 1:
            continue
        (o, qs), = by.items()
        name = st.names[key]
        if any(st.names_in(x, key) for x in st.outlets if x != o):
            continue
        a, q = qs[0]
        out.append({"article": a.id, "outlet": a.outlet, "start": q.start, "end": q.end, "text": q.text,
                    "kind": "quote", "speaker": q.speaker.text if q.speaker else None, "quotes": len(qs),
                    "evidence": f"no other outlet quotes or names {name}"})
    return out


def omissions(calls, reads, language: str | None = None) -> list[dict]:
    st = _Story(reads)
    n = len(st.outlets)
    if n < MIN_OUTLETS:
        return []
    need = max(2, math.ceil(MOST * n))
    out = []
    for measure, carried in _figures(calls, AGREED):
        if len(carried) < need or len(carried) == n:
            continue
        values = _values(measure)
        for o in st.outlets:
            if o in carried or values & st.numbers[o]:
                continue
            out.append({"outlet": st.name(o), "kind": "figure", "what": measure.what,
                        "label": label(measure.what, language, measure.mentions[0].text),
                        "carried_by": [st.name(x) for x in sorted(carried)], "example": _short(measure.mentions[0]),
                        "evidence": f"{len(carried)} of {n} outlets give this figure; none of its numbers is in the outlet's articles"})
    for key, by in st.quoted.items():
        if len(by) < need or len(by) == n:
            continue
        name = st.names[key]
        first = next(iter(by.values()))[0]
        for o in st.outlets:
            if o in by or st.names_in(o, key):
                continue
            a, q = first
            out.append({"outlet": st.name(o), "kind": "quote", "speaker": q.speaker.text if q.speaker else None,
                        "carried_by": [st.name(x) for x in sorted(by)], "example": {"article": a.id, "outlet": a.outlet, "start": q.start,
                                                              "end": q.end, "text": q.text},
                        "evidence": f"{len(by)} of {n} outlets quote {name}; the outlet neither quotes nor names them"})
    return out
