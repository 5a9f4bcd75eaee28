"""A light view of the store for lists, filters and facets: each story with its articles' outlets
and dates, each article's title, outlet, date (as a reader sees it) and story. Built in one pass
over the store and rebuilt when the store has changed (``Store.changes``: any committed write, this
process's or another's) or after the server's own writes (``invalidate``)."""
from __future__ import annotations

import gc
import threading
from collections import Counter
from dataclasses import dataclass

from riwaya.model import Event
from riwaya.search.index import SearchIndex, build, record_of

ACCOUNTS = 512  # parsed accounts kept


def warm_search(store) -> None:
    """Build the search vocabulary's index now, with the catalog, rather than in the first search
    after a change (about 2 s on the 30,000 articles of ANT)."""
    from riwaya.search.entities import entity_forms
    from riwaya.search.forms import vocabulary

    vocabulary(store.vocabulary())
    entity_forms(store)


@dataclass(frozen=True)
class ArticleMeta:
    id: str
    seq: int
    title: str | None
    outlet: str | None
    published: str | None
    published_evidence: str
    language: str | None
    story: str | None

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "outlet": self.outlet, "published": self.published,
                "published_evidence": self.published_evidence, "language": self.language, "story": self.story}


@dataclass(frozen=True)
class StoryMeta:
    id: str
    title: str
    articles: tuple[str, ...]
    events: tuple[Event, ...]
    outlets: tuple[tuple[str, int], ...]  # (outlet, articles), most first
    languages: tuple[str, ...]
    first: str | None
    last: str | None

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "articles": len(self.articles), "events": len(self.events),
                "outlets": [{"outlet": o, "articles": n} for o, n in self.outlets],
                "languages": list(self.languages), "first": self.first, "last": self.last}


class Catalog:
    def __init__(self, store, lock: threading.RLock | None = None):
        self.store = store
        self.lock = lock or threading.RLock()  # the server's store lock: the catalog reads the store
        self._mark: object = None
        self.articles: dict[str, ArticleMeta] = {}
        self.stories: list[StoryMeta] = []  # latest first
        self.story: dict[str, StoryMeta] = {}
        self.days: list[tuple[str, int]] = []  # articles by publication day, oldest first
        self.entities: dict[str, dict] = {}  # canonical entities' state rows by id
        self.index = SearchIndex(())  # ranking, filters and facets of search
        self._accounts: dict[str, object] = {}  # parsed accounts, by story (until the store changes)

    @property
    def mark(self) -> object:
        """The store's ``changes()`` this catalog was built at (what caches over it key on)."""
        return self._mark

    def account(self, sid: str) -> dict | None:
        """A story's account (the ``account`` stage's state), parsed once per store change: the
        account of a story of hundreds of reports is over half a megabyte of JSON."""
        import json

        with self.lock:
            if sid in self._accounts:
                return self._accounts[sid]
            state = self.store.get_state("account", sid)
            try:
                acc = json.loads(state[1]) if state is not None else None
            except ValueError:
                acc = None
            if len(self._accounts) >= ACCOUNTS:
                self._accounts.pop(next(iter(self._accounts)))
            self._accounts[sid] = acc
            return acc

    def invalidate(self) -> None:
        with self.lock:
            self._mark = None

    def fresh(self) -> "Catalog":
        """This catalog, rebuilt first if the store changed."""
        with self.lock:
            mark = self.store.changes()
            if mark != self._mark or self._mark is None:
                gc.unfreeze()
                self._build(self.store.events())
                self._mark = mark
                warm_search(self.store)
                # the catalog, the search index and the vocabulary are millions of long-lived
                # objects: out of the collector's sight, a full collection no longer walks them in
                # the middle of a request (p99 of a story page on ANT: 683 ms before)
                gc.collect()
                gc.freeze()
        return self

    def _build(self, events: list[Event]) -> None:
        from riwaya.extract.entity_stage import entity_rows
        from riwaya.job import reader_view
        from riwaya.store.base import group_stories

        stories = group_stories(events)
        story_of = {a: s.id for s in stories for a in s.articles}
        arts, records = {}, []
        for seq, a in enumerate(self.store.articles()):
            a = reader_view(a)
            arts[a.id] = ArticleMeta(a.id, seq, a.title, a.outlet, a.published.value, a.published.evidence,
                                     a.language, story_of.get(a.id))
            records.append(record_of(a, story_of.get(a.id)))
        self.entities = {r["id"]: r for r in entity_rows(self.store)}
        index = build(records, stories, {e: r["name"] for e, r in self.entities.items()})
        metas = []
        for s in stories:
            ids = tuple(i for i in s.articles if i in arts)
            dates = sorted(d for d in (arts[i].published for i in ids) if d)
            outlets = Counter(arts[i].outlet or "" for i in ids)
            langs = sorted({arts[i].language for i in ids if arts[i].language})
            metas.append(StoryMeta(s.id, index.story_titles[s.id], ids, s.events, tuple(outlets.most_common()),
                                   tuple(langs), dates[0] if dates else None, dates[-1] if dates else None))
        metas.sort(key=lambda m: (m.last or "", len(m.articles)), reverse=True)
        self.articles = arts
        self.days = sorted(Counter(m.published[:10] for m in arts.values() if m.published).items())
        self.stories = metas
        self.story = {m.id: m for m in metas}
        self._accounts = {}
        self.index = index
