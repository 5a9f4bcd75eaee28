"""The story engine as a corpus stage over the store: new articles -> events -> storylines -> dates.

Incremental: the articles already in an event keep it (event ids are stable: an event is named by
its first article and keeps that id as it grows); only articles in no event are decided, in time
order, against the events still open around their time. Re-running with nothing new does nothing.
The engine keeps its document frequencies as model state (``story.df``), and writes that state,
its corpus layers (``copy``, ``event_published``) and the events in one transaction: a failure
between them cannot count a word twice. It reads each article's own analysis only (never a date
it inferred itself), so an incremental run decides as a batch run would.

Each language is clustered by the join model on its own, and clusters of different languages are
linked on the multilingual embedding (``crosslingual``). A wire copy or lightly edited re-publication
(``dedup``) is marked with an article layer ``copy`` naming its original and joins the original's
event directly.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from riwaya.model import Article, Event
from riwaya.story import joiner
from riwaya.story.crosslingual import Linked, language_of
from riwaya.story.dedup import LAYER as COPY_LAYER
from riwaya.story.dedup import Copies, cached_signatures
from riwaya.story.embed import NullEmbedder, cached
from riwaya.story.eventdates import LAYER as EVENT_LAYER
from riwaya.story.eventdates import dates_from_events
from riwaya.story.features import DocFreq, hours, tokens, vectors
from riwaya.story.storylines import link_stories

DF_KEY = "story.df"
STAGE = "story"


@dataclass
class EngineReport:
    new: int = 0
    joined: int = 0
    opened: int = 0
    events: int = 0
    stories: int = 0
    dated: int = 0
    copies: int = 0
    crosslingual: int = 0

    def to_json(self) -> dict:
        return dict(self.__dict__)


def _order(a: Article, seq: int) -> tuple:
    return (a.published.value or "9999", seq)


def run(store, model: joiner.JoinModel | None = None, embedder=None,
        progress: Callable[[int], None] | None = None, dedup: bool = True) -> EngineReport:
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
    copy = _copies(store, articles, new, seq) if dedup else {}
    rep.copies = len(copy)
    raw = store.get_state(DF_KEY, "")
    df = DocFreq.from_json(json.loads(raw[1])) if raw else DocFreq.prior()
    new_tok = {a.id: tokens(a) for a in new}
    for t in new_tok.values():
        df.add(t)
    linked = Linked(model)
    # replay the members of stored events that are still open around the new articles' times
    first = min((t.t for t in new_tok.values() if t.t is not None), default=None)
    old = [a for a in articles if a.id in of]
    if first is not None:  # (from the dates alone: tokenising the whole store would be the cost)
        when = {a.id: hours(a.published.value) for a in old}
        keep = {of[i] for i, t in when.items() if t is None or t >= first - 2 * linked.window_h}
        old = [a for a in old if of[a.id] in keep]
    old_tok = {a.id: tokens(a) for a in old}
    embs = cached(store, embedder, old + new)
    vecs = {}
    for a in sorted(old, key=lambda a: _order(a, seq[a.id])):
        vecs[a.id] = vectors(old_tok[a.id], df, embs[a.id])
        linked.replay(vecs[a.id], language_of(a.language, a.text), of[a.id])
    for a in new:
        vecs[a.id] = vectors(new_tok[a.id], df, embs[a.id])
        orig = copy.get(a.id)
        of[a.id], opened = linked.add(vecs[a.id], language_of(a.language, a.text),
                                      known=of.get(orig.original) if orig else None)
        rep.opened += opened
        rep.joined += not opened
        if progress:
            progress(1)
    # a cluster linked across languages after it grew: its earlier members follow it
    of.update({i: linked.resolve(e) for i, e in of.items() if i in new_tok})
    rep.crosslingual = len(linked.links)
    events = _events(articles, of, {e.id: e for e in old_events})
    events, history = link_stories(events, vecs, model)
    history = [lk.to_json() for lk in linked.links] + history
    dated = dates_from_events(events, {a.id: a for a in articles})
    with store.transaction():
        store.put_state(DF_KEY, "", 1, json.dumps(df.to_json(), ensure_ascii=False))
        store.drop_corpus_layers(STAGE, EVENT_LAYER)
        layers: dict[str, dict] = {a: {EVENT_LAYER: (item,)} for a, item in dated.items()}
        for c in copy.values():
            layers.setdefault(c.article, {})[COPY_LAYER] = c.layer()
        store.put_corpus_layers(STAGE, layers)
        store.save_events(events, history)
    rep.events, rep.stories = len(events), len({e.story for e in events})
    rep.dated = len(dated)
    return rep


class StoryStage:
    """The story engine under the corpus-stage contract (``run.corpus``)."""

    name = STAGE
    version = "1"
    analysed_only = True

    def __init__(self, model: joiner.JoinModel | None = None, embedder=None):
        self.model, self.embedder = model, embedder

    def run(self, store, new, fresh: bool) -> dict:
        return run(store, model=self.model, embedder=self.embedder).to_json()


def _copies(store, articles: list[Article], new: list[Article], seq: dict[str, int]) -> dict:
    """The new articles that copy an earlier article: ``{id: dedup.Copy}``. The index holds every
    stored article in time order (signatures cached in the store), then the new ones."""
    fresh = {a.id for a in new}
    old = sorted((a for a in articles if a.id not in fresh), key=lambda a: _order(a, seq[a.id]))
    sigs = cached_signatures(store, old + new)
    idx = Copies()
    for a in old:
        idx.add_signature(a.id, sigs[a.id])
    out = {}
    for a in new:
        c = idx.add_signature(a.id, sigs[a.id])
        if c is not None:
            out[a.id] = c
    return out


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
