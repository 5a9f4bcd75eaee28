"""The in-memory twin of the SQLite store, for tests and one-shot runs that keep nothing."""
from __future__ import annotations

from typing import Iterable, Iterator

from riwaya.model import Article, Event, Story
from riwaya.store.base import AddResult, group_stories
from riwaya.text.normalise import match


class MemoryStore:
    path = ":memory:"

    def __init__(self) -> None:
        self._articles: dict[str, Article] = {}
        self._sources: set[tuple] = set()
        self._events: list[Event] = []
        self._history: list[dict] = []
        self._meta: dict[str, str] = {}
        self._emb: dict[tuple[str, str], bytes] = {}

    def add(self, articles: Iterable[Article]) -> AddResult:
        res = AddResult()
        for a in articles:
            fresh = [s for s in a.sources if (s.path, s.member or "", s.external_id or "") not in self._sources]
            self._sources.update((s.path, s.member or "", s.external_id or "") for s in fresh)
            if not fresh:
                res.seen += 1
            elif a.id in self._articles:
                old = self._articles[a.id]
                self._articles[a.id] = old.evolve(sources=old.sources + tuple(s for s in fresh if s not in old.sources))
                res.merged += 1
            else:
                self._articles[a.id] = a
                res.new.append(a.id)
        return res

    def get(self, article_id: str) -> Article | None:
        if article_id in self._articles:
            return self._articles[article_id]
        for a in self._articles.values():
            if any(s.external_id == article_id for s in a.sources):
                return a
        return None

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        if ids is None:
            yield from list(self._articles.values())
        else:
            yield from (a for a in (self.get(i) for i in ids) if a is not None)

    def recorded(self, sources) -> set[tuple[str, str, str]]:
        keys = {(s.path, s.member or "", s.external_id or "") for s in sources}
        return keys & self._sources

    def count(self) -> int:
        return len(self._articles)

    def put_layers(self, article_id: str, layers: dict[str, tuple]) -> None:
        a = self._articles[article_id]
        for k, v in layers.items():
            a = a.with_layer(k, v)
        self._articles[article_id] = a

    def update_many(self, articles: Iterable[Article]) -> None:
        for a in articles:
            self._articles[a.id] = a

    def update(self, article: Article) -> None:
        self._articles[article.id] = article

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str | None, str]]:
        terms = match(query).split()
        out = []
        for a in self._articles.values():
            hay = match((a.title or "") + " " + a.text)
            if terms and all(t in hay for t in terms):
                i = hay.find(terms[0])
                out.append((a.id, a.title, hay[max(0, i - 40): i + 80]))
        return out[:limit]

    def save_events(self, events: list[Event], history: list[dict] | None = None) -> None:
        self._events = sorted(events, key=lambda e: e.id)
        self._history.extend(history or [])

    def events(self) -> list[Event]:
        return list(self._events)

    def stories(self) -> list[Story]:
        return group_stories(self._events)

    def history(self) -> list[dict]:
        return list(self._history)

    def put_embeddings(self, model: str, vectors: dict[str, bytes]) -> None:
        for k, v in vectors.items():
            self._emb[(k, model)] = bytes(v)

    def embeddings(self, model: str, ids: Iterable[str]) -> dict[str, bytes]:
        return {i: self._emb[(i, model)] for i in ids if (i, model) in self._emb}

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        return self._meta.get(key, default)

    def set_meta(self, key: str, value: str) -> None:
        self._meta[key] = value

    def close(self) -> None:
        pass
