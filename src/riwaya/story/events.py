"""Events as corpus stage. Until clustering lands, each article is its own event and story:
the honest answer when nothing has been compared."""
from __future__ import annotations

from riwaya.ids import short_id
from riwaya.model import Article, Event


def singleton_events(articles: list[Article]) -> list[Event]:
    out = []
    for a in articles:
        eid = short_id("e", a.id)
        date = a.published.value[:10] if a.published.value else None
        out.append(Event(id=eid, title=a.title or a.text[:80], articles=(a.id,), date=date, story=short_id("s", a.id)))
    return out
