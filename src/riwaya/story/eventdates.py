"""Dates from the event: an article whose own text could not pin its publication date takes the
date its event's other articles agree on, with those articles as evidence and a lower confidence
than a date read from its own text (seed 001 says only "يوم الخميس"; its event says 2022-01-13)."""
from __future__ import annotations

from collections import Counter
from types import MappingProxyType

from riwaya.model import Article, Event, Published

CONFIDENCE = 0.6
OWN_CONFIDENT = 0.8  # an article's own date at or above this is kept
LAYER = "event_published"  # the corpus layer: one item, the Published the event gives


def published_from_layer(a: Article) -> Published | None:
    """The publication date the story engine gave this article from its event, if any."""
    items = a.layer(LAYER)
    return Published(**dict(items[0])) if items else None


def dates_from_events(events: list[Event], articles: dict[str, Article]) -> dict[str, MappingProxyType]:
    """``{article id: Published as a layer item}`` for the articles whose date their event gives,
    each with ``evidence='event:<id>'``."""
    out = {}
    for e in events:
        members = [articles[a] for a in e.articles if a in articles]
        for a in members:
            if a.published.value and a.published.confidence >= OWN_CONFIDENT:
                continue
            others = [m for m in members if m.id != a.id and m.published.value
                      and m.published.confidence >= OWN_CONFIDENT and not m.published.evidence.startswith("event:")]
            days = Counter(m.published.value[:10] for m in others)
            if not days or len(days) > 1:
                continue  # no co-reporting article, or they disagree
            day = next(iter(days))
            if a.published.value and a.published.value[:10] != day and a.published.until is None:
                continue  # its own (weaker) date says otherwise: keep it
            if a.published.until and not (a.published.value[:10] <= day <= a.published.until[:10]):
                continue  # outside the interval its own text allows
            ev = ",".join(sorted(m.id for m in others))
            pub = Published(day, f"event:{e.id}", CONFIDENCE, text=f"co-reported by {ev}")
            out[a.id] = MappingProxyType(pub.to_json() | {"confidence": pub.confidence})
    return out
