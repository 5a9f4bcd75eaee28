"""The main job end to end under hostile input: ``riwaya.run`` over batches of Hypothesis-built
hostile files (every reader's format, archives, odd names) mixed with good articles. Nothing
raises, every good article is stored and analysed, the store stays usable (a second run over new
input works and keeps everything). The CI profile keeps it short; ``make fuzz`` runs more."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from test_fuzz_readers import hostile, names, write_batch  # the Hypothesis profiles are registered there

from riwaya.job import run
from riwaya.store import SqliteStore
from riwaya.story.embed import NullEmbedder


@given(st.lists(st.tuples(names, hostile), min_size=1, max_size=6), st.integers(1, 3))
def test_main_job_never_raises_and_keeps_every_good_article(tmp_path_factory, bad, n_good):
    root = tmp_path_factory.mktemp("run")
    store = SqliteStore(str(root / "r.db"))
    try:
        first, second = root / "in1", root / "in2"
        first.mkdir()
        second.mkdir()
        marks = write_batch(first, bad, n_good, "a-")
        rep = run(store, [str(first)], root / "out1", embedder=NullEmbedder())
        for line in [e.line() for e in rep.ingest.errors] + rep.analysis.errors:
            assert "\n" not in line and "Traceback" not in line
        # the store is usable after: another run adds its article, and nothing stored is lost
        marks += write_batch(second, [], 1, "b-")
        run(store, [str(second)], root / "out2", embedder=NullEmbedder())
        texts = [a.text for a in store.articles()]
        for m in marks:
            assert any(m in t for t in texts), f"good article {m} lost"
        assert (root / "out2" / "articles.jsonl").read_text(encoding="utf-8").count("\n") == len(texts)
    finally:
        store.close()
