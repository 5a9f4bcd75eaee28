"""The Python API mirrors the CLI."""
from __future__ import annotations

import riwaya


def test_api_roundtrip(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("عنوان الخبر الأول\n\nأعلنت الحكومة اليوم خطة جديدة للنقل.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Second headline here\n\nThe ministry said on Monday that the plan starts.\n", encoding="utf-8")
    store = riwaya.open(str(tmp_path / "r.db"))
    rep = riwaya.ingest_paths(store, [str(corpus)])
    assert rep.new == 2 and not rep.errors
    riwaya.analyse(store)
    riwaya.cluster(store)
    langs = sorted(a.language for a in store.articles())
    assert langs == ["ar", "en"]
    assert sum(len(s.articles) for s in store.stories()) == 2
    store.close()
