"""The engine on the five real seed articles, through both stores, and the embeddings cache."""
from __future__ import annotations

import numpy as np
import pytest


def test_embeddings_are_cached_by_their_input(store):
    from riwaya.model import Article
    from riwaya.story.embed import cached

    class Counting:
        name, chars, calls = "fake", 400, 0

        def embed(self, articles):
            Counting.calls += len(articles)
            return [np.full(4, len(a.text), dtype="<f4") for a in articles]

    a, b = Article("a", "نص أول", ()), Article("b", "نص ثان أطول", ())
    first = cached(store, Counting(), [a, b])
    again = cached(store, Counting(), [a, b, a.evolve(id="c")])  # c reads what a reads: cached too
    assert Counting.calls == 2 and np.array_equal(first["a"], again["c"])
    cached(store, Counting(), [a.evolve(text="نص تغير بعد تنظيف جديد")])  # a new input is embedded anew
    assert Counting.calls == 3


@pytest.fixture
def seeded(store, seeds_dir):
    from riwaya.job import analyse, cluster, ingest_paths

    ingest_paths(store, [str(seeds_dir)])
    analyse(store)
    cluster(store)
    by = {a.sources[0].path.rsplit("/", 1)[-1][:3]: a for a in store.articles()}
    of = {a: e for e in store.events() for a in e.articles}
    return store, by, of


def test_seeds_events_story_and_dates(seeded):
    store, by, of = seeded
    ev = {k: of[a.id] for k, a in by.items()}
    assert ev["000"].id == ev["001"].id == ev["002"].id == ev["003"].id
    assert ev["004"].id != ev["000"].id and ev["004"].articles == (by["004"].id,)
    assert ev["004"].story == ev["000"].story  # deployment and withdrawal: one story
    from riwaya.job import reader_view

    assert store.get(by["001"].id).published.value is None  # its own text cannot pin it
    p = reader_view(store.get(by["001"].id)).published  # its event can, for the reader
    assert p.value == "2022-01-13" and p.evidence == f"event:{ev['001'].id}" and p.confidence < 0.9
    assert any(h.get("op") == "link" for h in store.history())

