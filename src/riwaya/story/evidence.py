"""Who, what, where and when of one article, read from its extraction layers for the join decision.

The story engine's text features see topics; two reports on one topic (two tennis matches of one
tournament, two fronts of one war) differ in *who* is the main actor, *who* speaks, *which* figures
they give and *where* exactly. ``evidence`` reads those from the article's own layers (``entities``,
``quotes``, ``quantities``, ``places``), pure and without corpus state: names are kept as the same
light stems the engine's TF-IDF uses (``features.words``: matching form, clitics and article off),
so the corpus's document frequencies (``features.DocFreq``, kept as the engine's state) weigh a
rare name above a common one when a pair is compared (``features``). A layer the pipeline did not
run is simply empty.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from riwaya.model import Article

LEAD_CHARS = 300  # the lead: the text's first sentence, or this many characters when none is marked
NAME_LABELS = ("PER", "ORG", "MISC")


@dataclass(frozen=True, slots=True)
class Evidence:
    actors: frozenset[str] = frozenset()  # stems of the persons the title or lead names
    persons: frozenset[str] = frozenset()  # stems of every person the text names
    names: frozenset[str] = frozenset()  # stems of every named person, organisation, other name
    speakers: frozenset[str] = frozenset()  # stems of the quotes' speakers
    figures: frozenset[str] = frozenset()  # "value unit-or-counted-noun" of the exact figures given
    places: frozenset[str] = frozenset()  # gazetteer ids of the finest places the lead names
    within: frozenset[str] = frozenset()  # those places and every place that contains them


def _lead_end(a: Article) -> int:
    sents = a.layer("sentences")
    return sents[0].end if sents else LEAD_CHARS


def _figure(q) -> str | None:
    if q.value is None or q.qualifier not in ("exact", "about"):
        return None
    v = q.value
    if q.unit is None and q.counts is None:
        return None  # a bare number (a year, a score) says too little
    return f"{v:g} {q.unit or q.counts}"


def _finest(ids: set[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The places of ``ids`` that contain no other place of ``ids`` (a city, not its country), and
    those with every place containing them."""
    from riwaya.extract.places import gazetteer

    gz = gazetteer()
    lines = {pid: gz.ancestors(pid) for pid in ids}
    outer = {p for line in lines.values() for p in line[1:]}
    return frozenset(ids - outer), frozenset(p for line in lines.values() for p in line)


def evidence(a: Article, words: Callable[[str], list[str]], title: frozenset[str]) -> Evidence:
    """The evidence of ``a``; ``words`` turns a text into stems, ``title`` holds the title's stems."""
    lead_end = _lead_end(a)
    actors: set[str] = set()
    persons: set[str] = set()
    names: set[str] = set()
    for m in a.layer("entities"):
        if m.label not in NAME_LABELS:
            continue
        ws = [w for w in words(m.text) if not w.isdigit()]
        names.update(ws)
        if m.label == "PER":
            persons.update(ws)
            if m.start < lead_end or any(w in title for w in ws):
                actors.update(ws)
    speakers = {w for q in a.layer("quotes") if q.speaker is not None for w in words(q.speaker.text)
                if not w.isdigit()}
    figures = {f for q in a.layer("quantities") if (f := _figure(q))}
    places, within = _finest({m.entity for m in a.layer("places") if m.entity and m.start < lead_end})
    return Evidence(frozenset(actors), frozenset(persons), frozenset(names), frozenset(speakers),
                    frozenset(figures), places, within)


def places_apart(x: Evidence, y: Evidence) -> bool:
    """Both leads name places and no finest place of one lies in (or contains) one of the other's."""
    return bool(x.places and y.places and x.places.isdisjoint(y.within) and y.places.isdisjoint(x.within))
