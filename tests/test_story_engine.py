"""The engine on the five real seed articles, through both stores, and the embeddings cache."""
from __future__ import annotations

import numpy as np
import pytest


def test_embeddings_round_trip(store):
    v = np.arange(4, dtype="<f4")
    store.put_embeddings("m", {"a": v.tobytes()})
    got = store.embeddings("m", ["a", "b"])
    assert list(got) == ["a"] and np.array_equal(np.frombuffer(got["a"], dtype="<f4"), v)
    assert store.embeddings("other", ["a"]) == {}


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
    p = store.get(by["001"].id).published
    assert p.value == "2022-01-13" and p.evidence == f"event:{ev['001'].id}" and p.confidence < 0.9
    assert any(h.get("op") == "link" for h in store.history())

