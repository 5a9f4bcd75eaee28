"""``search(store, text)``: parse, widen over the store's vocabulary, let the store match and rank
(``Store.find``), then describe a page of hits (outlet, date, story, a snippet of the original)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from riwaya.search.expand import Query, expand
from riwaya.search.forms import vocabulary
from riwaya.search.query import parse
from riwaya.search.snippet import Snippet, snippet


@dataclass(frozen=True)
class Hit:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    story: str | None
    story_title: str | None
    snippet: Snippet

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "outlet": self.outlet, "published": self.published,
                "story": self.story, "story_title": self.story_title, "snippet": self.snippet.to_json()}


@dataclass(frozen=True)
class SearchResult:
    query: Query
    ids: tuple[str, ...]  # every match, best first (after ``keep``)
    hits: tuple[Hit, ...]  # the page asked for
    total: int

    def expanded(self) -> dict[str, list[str]]:
        """What each typed word or phrase was taken to mean: the stored words it found."""
        return {m.typed: m.describe() for m in self.query.matches()}


def compile_query(store, text: str) -> Query:
    """``text`` in the query syntax, made concrete over what ``store`` holds (``QueryError``)."""
    return expand(parse(text), vocabulary(store.vocabulary()))


def search(store, text: str, limit: int = 20, offset: int = 0, keep: Callable[[str], bool] | None = None,
           story_of: Callable[[str], tuple[str, str] | None] | None = None) -> SearchResult:
    """Matches best first; ``keep`` filters them (outlet, dates); ``story_of`` gives an article's
    story as (id, title) (read from the store when not given)."""
    from riwaya.job import reader_view

    q = compile_query(store, text)
    ids = tuple(i for i in store.find(q) if keep is None or keep(i)) if q.groups else ()
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
    return SearchResult(q, ids, tuple(hits), len(ids))
