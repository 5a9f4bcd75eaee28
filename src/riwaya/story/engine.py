"""The story engine as a corpus stage over the store: new articles -> events -> storylines -> dates.

Incremental: the articles already in an event keep it (event ids are stable: an event is named by
its first article and keeps that id as it grows); only articles in no event are decided, in time
order, against the events still open around their time. Re-running with nothing new does nothing.
The engine keeps its document frequencies in the store's meta (``story.df``).
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from riwaya.model import Article, Event
from riwaya.story import joiner
from riwaya.story.embed import NullEmbedder, cached
from riwaya.story.eventdates import dates_from_events
from riwaya.story.events import OnlineEvents
from riwaya.story.features import DocFreq, tokens, vectors
from riwaya.story.storylines import link_stories

DF_KEY = "story.df"


@dataclass
class EngineReport:
    new: int = 0
    joined: int = 0
    opened: int = 0
    events: int = 0
    stories: int = 0
    dated: int = 0

    def to_json(self) -> dict:
        return dict(self.__dict__)


def _order(a: Article, seq: int) -> tuple:
    return (a.published.value or "9999", seq)


def run(store, model: joiner.JoinModel | None = None, embedder=None,
        progress: Callable[[int], None] | None = None) -> EngineReport:
    embedder = embedder or NullEmbedder()
    model = model or joiner.load(lexical=isinstance(embedder, NullEmbedder))
    rep = EngineReport()
    old_events = store.events()
    of = {a: e.id for e in old_events for a in e.articles}
    articles = list(store.articles())
    seq = {a.id: i for i, a in enumerate(articles)}
    new = sorted((a for a in articles if a.id not in of), key=lambda a: _order(a, seq[a.id]))
    rep.new = len(new)
    if not new:
        rep.events, rep.stories = len(old_events), len({e.story or e.id for e in old_events})
        return rep
    raw = store.get_meta(DF_KEY)
    df = DocFreq.from_json(json.loads(raw)) if raw else DocFreq.prior()
    new_tok = {a.id: tokens(a) for a in new}
    for t in new_tok.values():
        df.add(t)
    engine = OnlineEvents(model)
    # replay the members of stored events that are still open around the new articles' times
    first = min((t.t for t in new_tok.values() if t.t is not None), default=None)
    old = [a for a in articles if a.id in of]
    old_tok = {a.id: tokens(a) for a in old}
    if first is not None:
        keep = {of[i] for i, t in old_tok.items() if t.t is None or t.t >= first - 2 * engine.window_h}
        old = [a for a in old if of[a.id] in keep]
    embs = cached(store, embedder, old + new)
    vecs = {}
    for a in sorted(old, key=lambda a: _order(a, seq[a.id])):
        vecs[a.id] = vectors(old_tok[a.id], df, embs[a.id])
        engine.add(vecs[a.id], known=of[a.id])
    for a in new:
        vecs[a.id] = vectors(new_tok[a.id], df, embs[a.id])
        d = engine.add(vecs[a.id])
        of[a.id] = d.event
        rep.opened += d.opened
        rep.joined += not d.opened
        if progress:
            progress(1)
    store.set_meta(DF_KEY, json.dumps(df.to_json(), ensure_ascii=False))
    events = _events(articles, of, {e.id: e for e in old_events})
    events, history = link_stories(events, vecs, model)
    dated = dates_from_events(events, {a.id: a for a in articles})
    if dated:
        store.update_many(dated)
    store.save_events(events, history)
    rep.events, rep.stories, rep.dated = len(events), len({e.story for e in events}), len(dated)
    return rep


def _events(articles: list[Article], of: dict[str, str], old: dict[str, Event]) -> list[Event]:
    by: dict[str, list[Article]] = {}
    for a in articles:
        by.setdefault(of[a.id], []).append(a)
    out = []
    for eid, members in by.items():
        dates = sorted(a.published.value[:10] for a in members if a.published.value)
        prev = old.get(eid)
        title = prev.title if prev else (members[0].title or members[0].text[:80])
        out.append(Event(id=eid, title=title, articles=tuple(a.id for a in members),
                         date=dates[0] if dates else None, story=prev.story if prev else None))
    return out
