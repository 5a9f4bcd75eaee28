"""Dates from the event: an article whose own text could not pin its publication date takes the
date its event's other articles agree on, with those articles as evidence and a lower confidence
than a date read from its own text (seed 001 says only "يوم الخميس"; its event says 2022-01-13)."""
from __future__ import annotations

from collections import Counter

from riwaya.model import Article, Event, Published

CONFIDENCE = 0.6
OWN_CONFIDENT = 0.8  # an article's own date at or above this is kept


def dates_from_events(events: list[Event], articles: dict[str, Article]) -> list[Article]:
    """Articles whose ``published`` changes, each with ``evidence='event:<id>'``."""
    out = []
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
            out.append(a.evolve(published=Published(day, f"event:{e.id}", CONFIDENCE,
                                                    text=f"co-reported by {ev}")))
    return out
