"""The in-memory twin of the SQLite store, for tests and one-shot runs that keep nothing.

It keeps the same values (as the same JSON rows, so both backends hand back equal articles) and
passes the same conformance suite. A transaction is atomic here too: a failure inside one
restores what the store held before it.
"""
from __future__ import annotations

import copy
import json
from contextlib import contextmanager
from typing import Iterable, Iterator

import numpy as np

from riwaya.model import Article, Document, Event, Source, Story
from riwaya.store import codec
from riwaya.search.forms import WORD
from riwaya.store.base import AddResult, Nested, Pending, group_stories, search_lines, source_key
from riwaya.text.normalise import match


class MemoryStore(Nested):
    path = ":memory:"

    def __init__(self) -> None:
        self._articles: dict[str, dict] = {}  # id -> {seq, outlet, published, analysed, data}
        self._inputs: dict[tuple, dict] = {}  # source key -> {article_id, seq, source, doc}
        self._layers: dict[str, dict[str, tuple[str, list]]] = {}  # id -> name -> (kind, json)
        self._events: list[Event] = []
        self._history: list[dict] = []
        self._vectors: dict[tuple[str, str], np.ndarray] = {}
        self._state: dict[tuple[str, str], tuple[int, str]] = {}
        self._marks: dict[str, tuple[str, int]] = {}
        self._by_article: dict[str, tuple] = {}  # id -> its inputs' keys, in arrival order
        self._depth = 0
        self._writes = 0  # committed write transactions (``changes``)
        self._vocab: tuple | None = None
        self._token_cache: dict[str, tuple] = {}  # id -> (data it was made from, title words, text words)

    # -- transactions -------------------------------------------------------------------------
    _FIELDS = ("_articles", "_inputs", "_layers", "_events", "_history", "_vectors", "_state", "_marks",
               "_by_article")

    def _joined(self):
        return self

    @contextmanager
    def _outer(self):
        """A failure inside the outermost transaction restores what the store held before it."""
        saved = {f: copy.copy(getattr(self, f)) for f in self._FIELDS}
        saved["_articles"] = {k: dict(v) for k, v in self._articles.items()}
        saved["_layers"] = {k: dict(v) for k, v in self._layers.items()}
        try:
            yield self
        except BaseException:
            for f, v in saved.items():
                setattr(self, f, v)
            raise
        self._writes += 1

    # -- inputs and articles ------------------------------------------------------------------
    def recorded(self, sources) -> set[tuple[str, str, str]]:
        return {source_key(s) for s in sources} & set(self._inputs)

    def _record(self, aid: str, source: Source, doc: dict | None) -> bool:
        key = source_key(source)
        if key in self._inputs:
            return False
        self._inputs[key] = {"article_id": aid, "seq": len(self._inputs) + 1, "source": source.to_json(), "doc": doc}
        self._by_article[aid] = self._by_article.get(aid, ()) + (key,)
        return True

    def _new_article(self, aid: str, outlet: str | None) -> bool:
        if aid in self._articles:
            return False
        self._articles[aid] = {"seq": len(self._articles) + 1, "outlet": outlet, "published": None,
                               "analysed": None, "data": None}
        return True

    def add_documents(self, docs: Iterable[tuple[str, Document]]) -> AddResult:
        res = AddResult()
        with self.transaction():
            for aid, doc in docs:
                if not self._record(aid, doc.source, codec.document_to_json(doc)):
                    res.seen += 1
                elif self._new_article(aid, doc.outlet):
                    res.new.append(aid)
                else:
                    res.merged += 1
        return res

    def add(self, articles: Iterable[Article]) -> AddResult:
        res = AddResult()
        with self.transaction():
            for a in articles:
                fresh = [s for s in a.sources if self._record(a.id, s, None)]
                if not fresh:
                    res.seen += 1
                elif self._new_article(a.id, a.outlet):
                    res.new.append(a.id)
                    self._put_analysis(a, "imported")
                else:
                    res.merged += 1
        return res

    def pending(self) -> list[Pending]:
        raw = {r["article_id"] for r in self._inputs.values() if r["doc"] is not None}
        rows = sorted(self._articles.items(), key=lambda kv: kv[1]["seq"])
        return [Pending(aid, r["seq"], r["outlet"], r["analysed"], aid in raw) for aid, r in rows]

    def _inputs_of(self, aid: str) -> list[dict]:
        return [self._inputs[k] for k in self._by_article.get(aid, ())]

    def documents(self, ids: Iterable[str]) -> dict[str, list[Document]]:
        return {aid: [codec.document_from_json(json.loads(json.dumps(r["doc"]))) for r in self._inputs_of(aid)
                      if r["doc"] is not None] for aid in ids}

    def _put_analysis(self, a: Article | codec.AnalysisRow, signature: str | None = None) -> None:
        r = a if isinstance(a, codec.AnalysisRow) else codec.analysis_row(a, signature)
        self._articles[r.id].update(data=r.data, published=r.published, analysed=r.signature)
        kept = {n: v for n, v in self._layers.get(r.id, {}).items() if v[0] != "article"}
        kept.update({k: ("article", json.loads(v)) for k, v in r.layers})
        self._layers[r.id] = kept

    def put_analysed(self, analysed: Iterable) -> None:
        """``(article, signature)`` pairs, or ``codec.AnalysisRow`` values made where they were derived."""
        with self.transaction():
            for item in analysed:
                self._put_analysis(*((item,) if isinstance(item, codec.AnalysisRow) else item))

    def _article(self, aid: str) -> Article | None:
        row = self._articles.get(aid)
        if row is None or row["data"] is None:
            return None
        d = json.loads(row["data"])
        d["id"] = aid
        d["sources"] = [r["source"] for r in self._inputs_of(aid)]
        layers = {n: json.loads(json.dumps(v[1])) for n, v in self._layers.get(aid, {}).items()}
        return codec.article_from_json(d, layers)

    def get(self, article_id: str) -> Article | None:
        if article_id in self._articles:
            return self._article(article_id)
        for r in sorted(self._inputs.values(), key=lambda r: r["seq"]):
            if r["source"].get("external_id") == article_id:
                return self._article(r["article_id"])
        return None

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        if ids is None:
            ids = [p.id for p in self.pending()]
        for i in list(ids):
            a = self.get(i)
            if a is not None:
                yield a

    def count(self) -> int:
        return len(self._articles)

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str | None, str]]:
        return search_lines(self, query, limit)

    def _tokens(self, aid: str) -> tuple[list[str], list[str]]:
        """The matching-form words of an article's title and text (cached by its stored analysis)."""
        data = self._articles[aid]["data"]
        hit = self._token_cache.get(aid)
        if hit is None or hit[0] is not data:
            d = json.loads(data)
            hit = (data, WORD.findall(match(d.get("title") or "")), WORD.findall(match(d.get("text") or "")))
            self._token_cache[aid] = hit
        return hit[1], hit[2]

    def changes(self) -> int:
        return self._writes

    def vocabulary(self) -> frozenset[str]:
        if self._vocab is not None and self._vocab[0] == self._writes:
            return self._vocab[1]
        words: set[str] = set()
        for aid, row in self._articles.items():
            if row["data"] is not None:
                t, b = self._tokens(aid)
                words.update(t)
                words.update(b)
        self._vocab = (self._writes, frozenset(words))
        return self._vocab[1]

    def find(self, query) -> list[tuple[str, float]]:
        from riwaya.search.expand import score

        scored = []
        for aid, row in self._articles.items():
            if row["data"] is not None:
                s = score(query, *self._tokens(aid))
                if s:
                    scored.append((-s, row["seq"], aid))
        return [(aid, -s) for s, _, aid in sorted(scored)]

    def texts(self, ids) -> dict[str, tuple[str | None, str]]:
        out = {}
        for aid in ids:
            row = self._articles.get(aid)
            if row is not None and row["data"] is not None:
                d = json.loads(row["data"])
                out[aid] = (d.get("title"), d.get("text") or "")
        return out

    # -- corpus layers ------------------------------------------------------------------------
    def put_corpus_layers(self, stage: str, layers: dict[str, dict[str, tuple]]) -> None:
        with self.transaction():
            for aid, by in layers.items():
                for name, items in by.items():
                    self._layers.setdefault(aid, {})[name] = (f"corpus:{stage}", codec.layer_to_json(name, items))

    def drop_corpus_layers(self, stage: str, name: str) -> None:
        with self.transaction():
            for by in self._layers.values():
                if by.get(name, ("",))[0] == f"corpus:{stage}":
                    del by[name]

    # -- events and stories -------------------------------------------------------------------
    def save_events(self, events: list[Event], history: list[dict] | None = None) -> None:
        with self.transaction():
            self._events = sorted(events, key=lambda e: e.id)
            self._history = self._history + list(history or [])

    def events(self) -> list[Event]:
        return list(self._events)

    def stories(self) -> list[Story]:
        return group_stories(self._events)

    def history(self) -> list[dict]:
        return list(self._history)

    # -- vectors ------------------------------------------------------------------------------
    def put_vectors(self, kind: str, vectors: dict[str, np.ndarray]) -> None:
        with self.transaction():
            for k, v in vectors.items():
                self._vectors[(kind, k)] = np.array(v, copy=True)

    def vectors(self, kind: str, keys: Iterable[str]) -> dict[str, np.ndarray]:
        return {k: self._vectors[(kind, k)] for k in keys if (kind, k) in self._vectors}

    # -- model state --------------------------------------------------------------------------
    def get_state(self, name: str, key: str) -> tuple[int, str] | None:
        return self._state.get((name, key))

    def states(self, name: str) -> dict[str, tuple[int, str]]:
        return {k: v for (n, k), v in self._state.items() if n == name}

    def put_state(self, name: str, key: str, version: int, data: str) -> None:
        with self.transaction():
            self._state[(name, key)] = (version, data)

    def stage_mark(self, stage: str) -> tuple[str, int] | None:
        return self._marks.get(stage)

    def set_stage_mark(self, stage: str, version: str, seq: int) -> None:
        with self.transaction():
            self._marks[stage] = (version, seq)

    # -- catalog ------------------------------------------------------------------------------
    def corpus_layers(self) -> Iterator[tuple[str, str, str, list]]:
        for aid, by in self._layers.items():
            for name, (kind, items) in sorted(by.items()):
                if kind.startswith("corpus:"):
                    yield kind.split(":", 1)[1], aid, name, json.loads(json.dumps(items))

    def vector_keys(self) -> list[tuple[str, str]]:
        return sorted(self._vectors)

    def state_names(self) -> list[str]:
        return sorted({n for n, _ in self._state})

    def stage_marks(self) -> dict[str, tuple[str, int]]:
        return dict(self._marks)

    def close(self) -> None:
        pass
