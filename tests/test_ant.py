"""ANT acceptance: all 31,525 files ingest straight from the archive with 0 failures; every DOCNO,
TITLE and TIME is kept; a second ingest adds 0 articles."""
from __future__ import annotations

import re
import tarfile
import time
from datetime import datetime
from email.utils import parsedate_to_datetime

import pytest

from conftest import shared_path
from riwaya.job import ingest_paths
from riwaya.store import SqliteStore
from riwaya.text.normalise import display

pytestmark = pytest.mark.slow  # a quality gate or a long run: `make test` runs it as its own step

N_FILES = 31_525
_FIELD = {k: re.compile(rf"<{k}>(.*?)</{k}>", re.S) for k in ("DOCNO", "TITLE", "TIME")}


def _expected(archive) -> dict[str, tuple[str, str, str]]:
    """DOCNO -> (member, TITLE, TIME), read with the test's own patterns, not the reader's."""
    out = {}
    with tarfile.open(archive, "r|gz") as tf:
        for info in tf:
            if info.isfile():
                raw = tf.extractfile(info).read().decode("utf-8")
                f = {k: p.search(raw).group(1).strip() for k, p in _FIELD.items()}
                out[f["DOCNO"]] = (info.name, f["TITLE"], f["TIME"])
    return out


def test_ant_archive_ingests_completely(tmp_path):
    archive = shared_path("corpora", "ant-2018.tar.gz")
    store = SqliteStore(str(tmp_path / "ant.db"))
    t0 = time.perf_counter()
    rep = ingest_paths(store, [str(archive)])
    took = time.perf_counter() - t0
    assert rep.errors == [], [e.line() for e in rep.errors[:5]]
    assert rep.documents == N_FILES
    assert rep.new + rep.merged == N_FILES and rep.seen == 0

    want = _expected(archive)
    assert len(want) == N_FILES
    by_docno, merged = {}, 0
    ids = [p.id for p in store.pending()]
    for k in range(0, len(ids), 1000):  # every input is kept as read, under its article
        for aid, docs in store.documents(ids[k:k + 1000]).items():
            merged += len(docs) > 1
            for d in docs:
                assert d.source.external_id not in by_docno, d.source.external_id
                by_docno[d.source.external_id] = d
    assert set(by_docno) == set(want)
    for docno, (member, title, when) in want.items():
        d = by_docno[docno]
        s = d.source
        assert s.path == str(archive) and s.member == member
        assert s.title == title, docno
        assert datetime.fromisoformat(s.published) == parsedate_to_datetime(when), docno
        assert display(d.title).strip() == display(title).strip() and d.published == s.published
    assert merged >= 1_400  # the corpus files 1,464+ texts under two DOCNOs
    n = store.count()

    t1 = time.perf_counter()
    again = ingest_paths(store, [str(archive)])
    took2 = time.perf_counter() - t1
    assert again.new == 0 and again.errors == [] and again.seen == N_FILES
    assert store.count() == n
    store.close()
    print(f"ANT: {N_FILES} files -> {n} articles in {took:.1f} s ({N_FILES / took:.0f} files/s); "
          f"second ingest {took2:.1f} s, 0 new")
