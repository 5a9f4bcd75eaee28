"""``search(store, text)``: parse, widen over the store's vocabulary and canonical entities, let the
store match and score (``Store.find``), rank, filter, fold copies and count facets over every match
(``index.SearchIndex``, when given), then describe the page asked for (outlet, date, story, a
snippet of the original text: only the page's texts are read)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from riwaya.search.entities import entity_forms
from riwaya.search.expand import Query, expand
from riwaya.search.forms import vocabulary
from riwaya.search.index import Filters, Ranked, SearchIndex
from riwaya.search.query import parse
from riwaya.search.snippet import Snippet, snippet


@dataclass(frozen=True)
class Copy:
    id: str
    outlet: str | None
    published: str | None

    def to_json(self) -> dict:
        return {"id": self.id, "outlet": self.outlet, "published": self.published}


@dataclass(frozen=True)
class Hit:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    story: str | None
    story_title: str | None
    snippet: Snippet
    copies: tuple[Copy, ...] = ()  # near-duplicate copies that matched too, folded into this hit

    @property
    def outlets(self) -> list[str]:
        """This report's outlet and its copies' outlets, each once."""
        return list(dict.fromkeys(o for o in (self.outlet, *(c.outlet for c in self.copies)) if o))

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "outlet": self.outlet, "published": self.published,
                "story": self.story, "story_title": self.story_title, "snippet": self.snippet.to_json(),
                "outlets": self.outlets, "copies": [c.to_json() for c in self.copies]}


@dataclass(frozen=True)
class SearchResult:
    query: Query
    ids: tuple[str, ...]  # every hit, best first (copies folded into their original when indexed)
    hits: tuple[Hit, ...]  # the page asked for
    total: int  # len(ids): exact
    articles: int = 0  # every matching article, copies included
    facets: dict | None = None  # over every matching article (with an index)
    ranked: Ranked | None = None  # the index's rows (with an index)

    def expanded(self) -> dict[str, list[str]]:
        """What each typed word or phrase was taken to mean: the stored words it found."""
        return {m.typed: m.describe() for m in self.query.matches()}

    def via(self) -> dict[str, list[str]]:
        """How each typed word or phrase was widened (forms, gazetteer:ID, entity:ID, prefix)."""
        return {m.typed: list(m.via) for m in self.query.matches()}


def compile_query(store, text: str) -> Query:
    """``text`` in the query syntax, made concrete over what ``store`` holds (``QueryError``)."""
    return expand(parse(text), vocabulary(store.vocabulary()), entity_forms(store))


def search(store, text: str, limit: int = 20, offset: int = 0, keep: Callable[[str], bool] | None = None,
           story_of: Callable[[str], tuple[str, str] | None] | None = None, index: SearchIndex | None = None,
           filters: Filters | None = None, facets: bool = False) -> SearchResult:
    """Matches best first. With ``index`` (the server's catalog holds one): ranked with story
    centrality, copies folded, ``filters`` applied and ``facets`` counted as arrays. Without it:
    the store's order, ``keep`` filters (a callable on ids), ``story_of`` gives an article's story
    as (id, title) (read from the store when not given)."""
    q = compile_query(store, text)
    scored = store.find(q) if q.groups else []
    if keep is not None:
        scored = [p for p in scored if keep(p[0])]
    if index is not None:
        return _indexed(store, q, scored, index, filters, limit, offset, facets)
    from riwaya.job import reader_view

    ids = tuple(i for i, _ in scored)
    page = ids[offset:offset + limit]
    if story_of is None and page:
        stories = {a: (s.id, s.title) for s in store.stories() for a in s.articles}
        story_of = stories.get
    seqs = q.sequences()
    hits = []
    for a in store.articles(page):
        a = reader_view(a)
        sid, stitle = (story_of(a.id) if story_of else None) or (None, None)
        hits.append(Hit(a.id, a.title, a.outlet, a.published.value, sid, stitle, snippet(a.text, seqs)))
    return SearchResult(q, ids, tuple(hits), len(ids), len(ids))


def _indexed(store, q: Query, scored, index: SearchIndex, filters, limit: int, offset: int,
             facets: bool) -> SearchResult:
    ranked = index.rank(scored, filters)
    page = ranked.order[offset:offset + limit].tolist()
    texts = store.texts([index.records[k].id for k in page]) if page else {}
    seqs = q.sequences()
    hits = []
    for k in page:
        r = index.records[k]
        _, text = texts.get(r.id, (r.title, ""))
        copies = tuple(Copy(index.records[c].id, index.records[c].outlet, index.records[c].published)
                       for c in sorted(ranked.copies.get(k, ())))
        hits.append(Hit(r.id, r.title, r.outlet, r.published, r.story, index.story_titles.get(r.story),
                        snippet(text, seqs), copies))
    return SearchResult(q, ranked.ids(), tuple(hits), ranked.total, len(ranked.matched),
                        index.facets(ranked.matched) if facets else None, ranked)
