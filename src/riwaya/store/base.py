"""The store's interfaces: small protocols that every backend implements (SQLite, the in-memory
twin; PostgreSQL later), each checked by one conformance suite (``tests/test_store_conformance.py``).

- ``Inputs``: what was read (each input's raw body and metadata) and the articles it makes; the
  analysis of an article is derived from its first input and replaced whole when derived again.
- ``Layers``: standoff layers written by corpus stages (per-article layers come with the analysis).
- ``Events``: the event/story assignment and the history of merges and splits.
- ``Vectors``: a typed cache of vectors keyed by a hash of the input they were computed from.
- ``ModelState``: versioned model state learned from the corpus, and each corpus stage's mark.
- ``Catalog``: what a store holds, listed, so a store can be copied across backends (``riwaya migrate``).

Every write runs in a transaction; ``with store.transaction():`` groups several writes into one
(nested uses join the outer one), so a corpus stage commits all of its output or none of it.
Nothing outside ``store/`` writes SQL or opens a database transaction.
"""
from __future__ import annotations

from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Protocol

import numpy as np

from riwaya.model import Article, Document, Event, Story


@dataclass
class AddResult:
    new: list[str] = field(default_factory=list)  # ids of articles stored for the first time
    merged: int = 0  # inputs that were an article already stored (a new source is recorded)
    seen: int = 0  # inputs whose source was already recorded (a re-ingest)


@dataclass(frozen=True)
class Pending:
    """An article as analyse sees it: its id, arrival order, the signature its stored analysis was
    derived under (None: never analysed), its first input's outlet, and whether it has a raw input."""

    id: str
    seq: int
    outlet: str | None
    analysed: str | None
    raw: bool


def source_key(source) -> tuple[str, str, str]:
    return (source.path, source.member or "", source.external_id or "")


class Inputs(Protocol):
    path: str

    def transaction(self) -> AbstractContextManager: ...

    def add_documents(self, docs: Iterable[tuple[str, Document]]) -> AddResult:
        """Keep ``(article id, document)`` pairs as read; an input whose source is recorded is
        skipped, one whose id is stored becomes another source of that article."""

    def add(self, articles: Iterable[Article]) -> AddResult:
        """Import analysed articles that have no raw input (tests, evaluations): never re-derived."""

    def recorded(self, sources: Iterable) -> set[tuple[str, str, str]]:
        """Which of these sources are already stored: (path, member or '', external_id or '')."""

    def pending(self) -> list[Pending]:
        """Every article, in arrival order, with what analyse needs to decide whether to derive it."""

    def documents(self, ids: Iterable[str]) -> dict[str, list[Document]]:
        """The inputs of these articles as read, first input first."""

    def put_analysed(self, analysed: Iterable[tuple[Article, str]]) -> None:
        """Replace the analysis (fields and per-article layers) of stored articles, with the
        signature each was derived under."""

    def get(self, article_id: str) -> Article | None:
        """An analysed article by id or external id (e.g. an ANT DOCNO), with every layer."""

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Analysed articles in arrival order (or those ids, in that order), with every layer."""

    def count(self) -> int: ...

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str | None, str]]:
        """``riwaya.search`` over this store: ``(id, title, snippet of the original text with the
        matched words in [brackets])`` best first (``search_lines``)."""

    def changes(self) -> object:
        """A cheap value that differs after any committed write (for SQLite, another process's too):
        what caches over the store (the search vocabulary, the server's catalog) compare."""

    def vocabulary(self) -> frozenset[str]:
        """Every word (matching form) of the analysed articles' titles and texts, as search sees them."""

    def find(self, query) -> list[tuple[str, float]]:
        """The analysed articles that match a concrete query (``riwaya.search.expand.Query``), as
        ``(id, score)`` best first (a higher score is a better match; only the order within one
        answer means anything)."""

    def texts(self, ids: Iterable[str]) -> dict[str, tuple[str | None, str]]:
        """``(title, text)`` of the analysed articles among ``ids`` (what a search snippet is cut
        from), without their layers."""

    def close(self) -> None: ...


class Layers(Protocol):
    def put_corpus_layers(self, stage: str, layers: dict[str, dict[str, tuple]]) -> None:
        """``{article id: {layer name: items}}`` written by corpus stage ``stage``."""

    def drop_corpus_layers(self, stage: str, name: str) -> None:
        """Remove every layer ``name`` that ``stage`` wrote."""


class Events(Protocol):
    def save_events(self, events: list[Event], history: list[dict] | None = None) -> None:
        """Replace the event/story assignment, appending merge/split records to the history."""

    def events(self) -> list[Event]: ...

    def stories(self) -> list[Story]: ...

    def history(self) -> list[dict]: ...


class Vectors(Protocol):
    def put_vectors(self, kind: str, vectors: dict[str, np.ndarray]) -> None:
        """Keep vectors of one kind (a model and its input), keyed by a hash of that input."""

    def vectors(self, kind: str, keys: Iterable[str]) -> dict[str, np.ndarray]:
        """The kept vectors of those keys (keys without one are absent), with their dtype."""


class ModelState(Protocol):
    def get_state(self, name: str, key: str) -> tuple[int, str] | None:
        """``(version, data)`` of one piece of model state, or None."""

    def states(self, name: str) -> dict[str, tuple[int, str]]: ...

    def put_state(self, name: str, key: str, version: int, data: str) -> None: ...

    def stage_mark(self, stage: str) -> tuple[str, int] | None:
        """``(version, seq)``: the stage version and the last article seq a corpus stage took in."""

    def set_stage_mark(self, stage: str, version: str, seq: int) -> None: ...


class Catalog(Protocol):
    def corpus_layers(self) -> Iterator[tuple[str, str, str, list]]:
        """Every corpus layer as ``(stage, article id, layer name, items as JSON)``."""

    def vector_keys(self) -> list[tuple[str, str]]:
        """``(kind, key)`` of every kept vector."""

    def state_names(self) -> list[str]:
        """The names of the model state kept."""

    def stage_marks(self) -> dict[str, tuple[str, int]]:
        """Every corpus stage's mark."""


class Nested:
    """What every backend's ``transaction()`` shares: nested uses join the outer one (``_joined``),
    and the outermost opens the backend's own transaction (``_outer``: commit, or undo on failure)."""

    _depth = 0

    @contextmanager
    def transaction(self):
        if self._depth:
            self._depth += 1
            try:
                yield self._joined()
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            with self._outer() as handle:
                yield handle
        finally:
            self._depth = 0


class Store(Inputs, Layers, Events, Vectors, ModelState, Catalog, Protocol):
    """Everything a riwaya store does."""


def search_lines(store, query: str, limit: int = 20) -> list[tuple[str, str | None, str]]:
    from riwaya.search import search

    return [(h.id, h.title, " ".join(h.snippet.bracketed().split())) for h in search(store, query, limit).hits]


def group_stories(events: list[Event], titles: dict[str, str] | None = None) -> list[Story]:
    """Stories from events that name their story (an event without one is its own story)."""
    by: dict[str, list[Event]] = {}
    for e in events:
        by.setdefault(e.story or e.id, []).append(e)
    out = []
    for sid, evs in by.items():
        evs.sort(key=lambda e: (e.date or "", e.id))
        title = (titles or {}).get(sid) or max(evs, key=lambda e: len(e.articles)).title
        out.append(Story(id=sid, title=title, events=tuple(evs)))
    out.sort(key=lambda s: (-len(s.articles), s.id))
    return out
