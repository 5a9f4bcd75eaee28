"""Every inference can be derived again from what was read: analyse starts from the stored input,
never from its own earlier output, whatever ran before; ids depend on what was read alone; a
stage's version bump derives its layer again everywhere; corpus stages commit all or nothing."""
from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path

import pytest

from riwaya.ingest import read
from riwaya.job import analyse, cluster, ingest_paths, reader_view
from riwaya.pipeline import Pipeline
from riwaya.report.files import article_record
from riwaya.store import MemoryStore, SqliteStore
from riwaya.story.embed import NullEmbedder

DEMO = Path(__file__).resolve().parent.parent / "demo" / "corpus"


def _records(store) -> dict:
    """What a reader gets of every article, by id (as articles.jsonl writes it)."""
    return {a.id: json.dumps(article_record(reader_view(a)), ensure_ascii=False, sort_keys=True)
            for a in store.articles()}


def _inputs(seeds_dir) -> list[str]:
    return [str(DEMO), str(seeds_dir)]


def test_reanalysed_store_equals_a_fresh_one_after_cluster(tmp_path, seeds_dir):
    used = SqliteStore(str(tmp_path / "used.db"))
    ingest_paths(used, _inputs(seeds_dir))
    analyse(used)
    cluster(used, NullEmbedder())
    assert used.events()
    again = analyse(used)
    assert again.analysed == 0  # nothing changed: nothing is derived again
    forced = analyse(used, force=True)
    assert forced.analysed == used.count()
    fresh = MemoryStore()
    ingest_paths(fresh, _inputs(seeds_dir))
    analyse(fresh)
    cluster(fresh, NullEmbedder())
    assert _records(used) == _records(fresh)
    # the story engine's own inference (a date from the event) never feeds back into the analysis
    for a in used.articles():
        assert not a.published.evidence.startswith("event:")


def test_article_ids_do_not_depend_on_ingest_order_or_batches(seeds_dir):
    docs = [d for d in read(_inputs(seeds_dir)) if not isinstance(d, Exception)]
    assert len(docs) >= 10

    def ids(order: list, batch: int) -> dict:
        store = MemoryStore()
        for k in range(0, len(order), batch):
            store.add_documents([(d_id, d) for d_id, d in order[k:k + batch]])
        return {p.id for p in store.pending()}

    from riwaya.ids import document_id

    pairs = [(document_id(d), d) for d in docs]
    base = ids(pairs, 1000)
    rnd = random.Random(7)
    for batch in (1, 3, 1000):
        shuffled = pairs[:]
        rnd.shuffle(shuffled)
        assert ids(shuffled, batch) == base


def test_ingest_order_and_batch_size_give_the_same_articles(seeds_dir, tmp_path):
    a, b = MemoryStore(), MemoryStore()
    ingest_paths(a, _inputs(seeds_dir), batch=1000)
    ingest_paths(b, list(reversed(_inputs(seeds_dir))), batch=1)
    analyse(a)
    analyse(b)
    assert _records(a) == _records(b)


def test_a_stage_version_bump_derives_its_layer_again_everywhere(seeds_dir):
    store = MemoryStore()
    ingest_paths(store, [str(seeds_dir)])
    first = analyse(store)
    assert first.analysed == store.count() == 5
    pipe = Pipeline.default()
    calls = []
    places = next(s for s in pipe.stages if s.name == "places")

    def counted(article):
        calls.append(article.id)
        return places.fn(article)

    bumped = Pipeline([dataclasses.replace(s, version=s.version + "-next", fn=counted) if s.name == "places" else s
                       for s in pipe.stages])
    again = analyse(store, pipeline=bumped)
    assert again.analysed == 5 and sorted(calls) == sorted(p.id for p in store.pending())
    assert analyse(store, pipeline=bumped).analysed == 0
    assert all(p.analysed.endswith(bumped.signature) for p in store.pending())


def test_a_new_furniture_snapshot_cleans_that_outlet_again():
    from riwaya.model import Document, Source
    from riwaya.text.learning import GROWTH, SNAPSHOT

    footer = "فريق التحرير الإخباري"  # a short line: furniture once the outlet repeats it

    def doc(i):
        body = f"هذا هو نص الخبر رقم {i} وهو خبر طويل بما يكفي ليكون جملة كاملة.\n{footer}"
        return Document(Source(f"{i}.txt"), body, "text", title=f"عنوان الخبر رقم {i} هنا", outlet="منفذ")

    store = MemoryStore()
    ingest_paths_docs(store, [doc(0)])
    analyse(store)
    assert store.get_state(SNAPSHOT, "منفذ")[0] == 1
    assert footer in next(store.articles()).text  # one article: nothing is furniture yet
    n = int(GROWTH * 4)
    ingest_paths_docs(store, [doc(i) for i in range(1, n)])
    assert store.get_state(SNAPSHOT, "منفذ")[0] >= 2
    rep = analyse(store)
    assert rep.analysed == n  # the first article too: its outlet's snapshot changed
    assert all(footer not in a.text for a in store.articles())


def ingest_paths_docs(store, docs):
    """The ingest job's storing and learning, for documents made in the test."""
    from riwaya.ids import document_id
    from riwaya.job import learn

    store.add_documents([(document_id(d), d) for d in docs])
    learn(store)


def test_corpus_stage_commits_all_or_nothing_and_reruns_do_nothing():
    from riwaya.model import Document, Source
    from riwaya.run.corpus import run_stage

    class Boom:
        name, version, analysed_only = "boom", "1", False

        def run(self, store, new, fresh):
            store.put_state("boom", "k", 1, "x")
            raise RuntimeError("failed mid-stage")

    class Count:
        name, version, analysed_only = "count", "1", False
        seen: list = []

        def run(self, store, new, fresh):
            self.seen.append(len(new))
            store.put_state("count", "n", 1, str(len(new)))
            return {"new": len(new)}

    store = MemoryStore()
    ingest_paths_docs(store, [Document(Source("x.txt"), "نص خبر.", "text")])
    with pytest.raises(RuntimeError):
        run_stage(store, Boom())
    assert store.get_state("boom", "k") is None and store.stage_mark("boom") is None
    c = Count()
    assert run_stage(store, c) == {"new": 1}
    assert run_stage(store, c) == {"new": 0} and c.seen == [1]
    ingest_paths_docs(store, [Document(Source("y.txt"), "نص خبر آخر.", "text")])
    assert run_stage(store, c) == {"new": 1}


def test_process_pool_analysis_equals_serial(seeds_dir):
    from riwaya.run.executor import ProcessExecutor

    a, b = MemoryStore(), MemoryStore()
    for s in (a, b):
        ingest_paths(s, _inputs(seeds_dir))
    analyse(a)
    analyse(b, executor=ProcessExecutor(2))
    assert _records(a) == _records(b)
