"""What ranking, filters and facets need of every article, as arrays (one row an article), so a
search over thousands of matches costs array operations, not a Python loop a match.

- ``rank``: the store's matches (``Store.find``: id and text score) filtered (outlet, dates, a
  canonical entity), near-duplicate copies folded into their original when the original matched
  too (the hit lists the copies and their outlets), then ordered by the text score times the
  report's *weight*: ``0.5 + 0.5 * centrality`` (``report.titles.centrality``: 1 for a story's
  central report, the report whose headline the story's other headlines share most; 0 for a copy
  or a report in another language), times ``1 + BREADTH * ln(outlets of its story)``. So a story's
  main reports come before its follow-ups and copies, and a report many outlets carried before one
  only its outlet did, among matches of like relevance.
- ``facets``: outlets, months and canonical entities counted over every matching article.

``total`` is always exact: it counts every match after filters and folding.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from math import log

import numpy as np

BREADTH = 0.25  # the weight a story's breadth adds per e-fold of its outlets
MIN_WEIGHT = 0.5  # the weight of a report that is not central at all (``0.5 + 0.5 * centrality``)


@dataclass(frozen=True)
class Record:
    """An article as search describes and filters it."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    story: str | None
    copy_of: str | None = None  # the original this article is a near-duplicate copy of
    entities: tuple[str, ...] = ()  # canonical entities it mentions (each once)


@dataclass(frozen=True)
class Filters:
    outlet: str | None = None
    since: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD: on or after
    until: str | None = None  # on or before
    entity: str | None = None

    def __bool__(self) -> bool:
        return any((self.outlet, self.since, self.until, self.entity))


@dataclass
class Ranked:
    """The hits of one search: ``order`` (row numbers, best first, copies folded), ``matched``
    (every matching row after filters, copies included), and each listed original's copies."""

    index: "SearchIndex"
    order: np.ndarray
    matched: np.ndarray
    copies: dict[int, list[int]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.order)

    def ids(self) -> tuple[str, ...]:
        return tuple(self.index.ids_arr[self.order].tolist())


def _months(published: Sequence[str | None]) -> tuple[np.ndarray, list[str]]:
    months = sorted({p[:7] for p in published if p and len(p) >= 7})
    code = {m: k for k, m in enumerate(months)}
    return np.array([code.get((p or "")[:7], -1) if p and len(p) >= 7 else -1 for p in published], np.int32), months


def _csr(rows: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    ptr = np.zeros(len(rows) + 1, np.int64)
    ptr[1:] = np.cumsum([len(r) for r in rows])
    flat = np.fromiter((x for r in rows for x in r), np.int32, int(ptr[-1]))
    return ptr, flat


def _gather(ptr: np.ndarray, flat: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The items of CSR rows ``rows``, concatenated (no Python loop)."""
    starts = ptr[rows]
    lens = ptr[rows + 1] - starts
    n = int(lens.sum())
    if not n:
        return flat[:0]
    shift = np.repeat(starts - (np.cumsum(lens) - lens), lens)
    return flat[shift + np.arange(n)]


class SearchIndex:
    def __init__(self, records: Sequence[Record], centrality: dict[str, float] | None = None,
                 story_titles: dict[str, str] | None = None, entity_names: dict[str, str] | None = None):
        self.records = list(records)
        self.ids_arr = np.array([r.id for r in self.records], dtype=object)
        self.pos = {r.id: k for k, r in enumerate(self.records)}
        self.story_titles = story_titles or {}
        self.entity_names = entity_names or {}
        self.outlets = sorted({r.outlet or "" for r in self.records})
        oc = {o: k for k, o in enumerate(self.outlets)}
        self.outlet = np.array([oc[r.outlet or ""] for r in self.records], np.int32)
        pub = [r.published for r in self.records]
        self.dated = np.array([bool(p) for p in pub], bool)
        self.day = np.array([(p or "")[:10] for p in pub], dtype="<U10")
        self.month, self.months = _months(pub)
        self.original = np.array([self.pos.get(r.copy_of, -1) if r.copy_of else -1 for r in self.records], np.int64)
        self.entities = sorted({e for r in self.records for e in r.entities}, key=lambda e: (len(e), e))
        ec = {e: k for k, e in enumerate(self.entities)}
        self.eptr, self.eflat = _csr([[ec[e] for e in r.entities] for r in self.records])
        self.ecode = ec
        by_entity: list[list[int]] = [[] for _ in self.entities]
        for k, r in enumerate(self.records):
            for e in r.entities:
                by_entity[ec[e]].append(k)
        self.aptr, self.aflat = _csr(by_entity)
        outlets_of: dict[str, set[str]] = {}
        for r in self.records:
            if r.story:
                outlets_of.setdefault(r.story, set()).add(r.outlet or "")
        c = centrality or {}
        self.weight = np.array([
            (MIN_WEIGHT + (1 - MIN_WEIGHT) * c.get(r.id, 1.0 if not r.copy_of else 0.0))
            * (1 + BREADTH * log(max(1, len(outlets_of.get(r.story, ())))))
            for r in self.records], np.float64)

    def __len__(self) -> int:
        return len(self.records)

    # -- filters ----------------------------------------------------------------------------------
    def rows_of_entity(self, entity: str) -> np.ndarray:
        k = self.ecode.get(entity)
        if k is None:
            return np.zeros(0, np.int32)
        return self.aflat[self.aptr[k]:self.aptr[k + 1]]

    def mask(self, rows: np.ndarray, f: Filters) -> np.ndarray:
        """Which of ``rows`` pass the filters (an undated article passes no date filter)."""
        ok = np.ones(len(rows), bool)
        if f.outlet is not None:
            k = self.outlets.index(f.outlet) if f.outlet in self.outlets else -1
            ok &= self.outlet[rows] == k
        if f.since or f.until:
            ok &= self.dated[rows]
            day = self.day[rows]
            if f.since:
                ok &= day.astype(f"<U{len(f.since)}") >= f.since
            if f.until:
                ok &= day.astype(f"<U{len(f.until)}") <= f.until
        if f.entity is not None:
            has = np.zeros(len(self.records), bool)
            has[self.rows_of_entity(f.entity)] = True
            ok &= has[rows]
        return ok

    # -- ranking ----------------------------------------------------------------------------------
    def rank(self, scored: Iterable[tuple[str, float]], filters: Filters | None = None) -> Ranked:
        scored = list(scored)
        rows = np.fromiter((self.pos.get(i, -1) for i, _ in scored), np.int64, len(scored))
        score = np.fromiter((s for _, s in scored), np.float64, len(scored))
        known = rows >= 0
        rows, score = rows[known], score[known]
        if filters:
            ok = self.mask(rows, filters)
            rows, score = rows[ok], score[ok]
        present = np.zeros(len(self.records), bool)
        present[rows] = True
        orig = self.original[rows]
        folded = (orig >= 0) & present[np.maximum(orig, 0)]
        copies: dict[int, list[int]] = {}
        for c, o in zip(rows[folded].tolist(), orig[folded].tolist()):
            copies.setdefault(o, []).append(c)
        keep = rows[~folded]
        final = score[~folded] * self.weight[keep]
        order = keep[np.lexsort((keep, -final))]
        return Ranked(self, order, rows, copies)

    def stories_of(self, rows: np.ndarray) -> set[str]:
        return {self.records[k].story for k in rows.tolist() if self.records[k].story}

    # -- facets -----------------------------------------------------------------------------------
    def facets(self, rows: np.ndarray, entities: int = 20) -> dict:
        """Outlets (most first), months (in order) and the ``entities`` most mentioned canonical
        entities over ``rows``, each ``{"value", "count"}`` (an entity with its ``name``)."""
        oc = np.bincount(self.outlet[rows], minlength=len(self.outlets))
        mon = self.month[rows]
        mc = np.bincount(mon[mon >= 0], minlength=len(self.months))
        ec = np.bincount(_gather(self.eptr, self.eflat, rows), minlength=len(self.entities))
        top = [int(k) for k in np.flatnonzero(ec)]
        if len(top) > entities:
            part = np.argpartition(-ec, entities)[:entities]
            top = [int(k) for k in part if ec[k]]
        top.sort(key=lambda k: (-ec[k], k))
        return {
            "outlet": [{"value": self.outlets[k], "count": int(oc[k])}
                       for k in sorted(np.flatnonzero(oc).tolist(), key=lambda k: (-oc[k], k))],
            "month": [{"value": self.months[k], "count": int(mc[k])} for k in np.flatnonzero(mc).tolist()],
            "entity": [{"value": self.entities[k], "name": self.entity_names.get(self.entities[k], self.entities[k]),
                        "count": int(ec[k])} for k in top],
        }


def record_of(article, story: str | None) -> Record:
    """An article (as a reader sees it: ``job.reader_view``) as search describes it: its copy layer's
    original and the canonical entities its ``entity_links`` layer names."""
    from riwaya.extract.entity_stage import LINKS
    from riwaya.story.dedup import copy_of

    c = copy_of(article)
    ents = tuple(dict.fromkeys(ln["entity"] for ln in article.layer(LINKS) if ln.get("entity")))
    return Record(article.id, article.title, article.outlet, article.published.value, article.language, story,
                  c["id"] if c else None, ents)


def build(records: Sequence[Record], stories, entity_names: dict[str, str] | None = None) -> SearchIndex:
    """The index over ``records`` with each story's reports weighed by their centrality
    (``report.titles.centrality``); its ``story_titles`` are the stories' reader titles (the
    headline of the most central report)."""
    from riwaya.report.titles import centrality

    by_id = {r.id: r for r in records}
    copies = {r.id for r in records if r.copy_of}
    central: dict[str, float] = {}
    titles: dict[str, str] = {}
    for s in stories:
        c = centrality(s, by_id, copies)
        central.update(c)
        top = max(c.values(), default=None)
        titles[s.id] = next((by_id[i].title for i in s.articles if c.get(i) == top), s.title) if c else s.title
    return SearchIndex(records, central, titles, entity_names)


def index_for(store, ids: Sequence[str]) -> SearchIndex:
    """An index over ``ids`` and the other reports of their stories, read from the store: what
    ranking one query's matches needs (``riwaya search``), without reading the whole store."""
    from riwaya.extract.entity_stage import entity_rows
    from riwaya.job import reader_view
    from riwaya.store.base import group_stories

    stories = group_stories(store.events())
    story_of = {a: s for s in stories for a in s.articles}
    touched = {story_of[i].id: story_of[i] for i in ids if i in story_of}
    wanted = list(dict.fromkeys([*ids, *(a for s in touched.values() for a in s.articles)]))
    records = [record_of(reader_view(a), story_of[a.id].id if a.id in story_of else None)
               for a in store.articles(wanted)]
    return build(records, list(touched.values()), {r["id"]: r["name"] for r in entity_rows(store)})
