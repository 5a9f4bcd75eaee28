"""A store that cannot be used is one clear line at the CLI's edge, never a traceback; a store
riwaya made passes SQLite's own integrity check."""
from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from riwaya.ingest import read
from riwaya.job import analyse, ingest_documents, ingest_paths
from riwaya.model import Document, Source
from riwaya.store import SqliteStore


def _seeded(path, seeds_dir) -> SqliteStore:
    st = SqliteStore(str(path))
    ingest_paths(st, [str(seeds_dir)])
    return st


def _cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "riwaya.cli", *args], capture_output=True, text=True, timeout=120)


def test_a_corrupt_store_is_one_line(tmp_path):
    db = tmp_path / "broken.db"
    db.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)
    for args in (["stories", "--db", str(db)], ["search", "x", "--db", str(db)]):
        res = _cli(*args)
        assert res.returncode != 0
        assert "Traceback" not in res.stderr and res.stderr.strip().count("\n") == 0, res.stderr
        assert res.stderr.startswith("error:") and str(db) in res.stderr


def test_a_store_with_corrupted_pages_is_one_line(tmp_path, seeds_dir):
    db = tmp_path / "pages.db"
    st = _seeded(db, seeds_dir)
    analyse(st)
    st.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    st.close()
    data = bytearray(db.read_bytes())
    for k in range(4096, len(data), 4096):  # every page but the first (the schema stays readable)
        data[k + 100:k + 900] = bytes(800)
    db.write_bytes(bytes(data))
    for args in (["search", "كازاخستان", "--db", str(db)], ["stories", "--db", str(db)],
                 ["show", "x", "--db", str(db)]):
        res = _cli(*args)
        assert "Traceback" not in res.stderr, res.stderr
        if res.returncode:
            assert res.stderr.lower().startswith("error:") and res.stderr.strip().count("\n") == 0, res.stderr


def test_a_store_riwaya_made_passes_integrity_check(tmp_path, seeds_dir):
    path = tmp_path / "ok.db"
    st = _seeded(path, seeds_dir)
    analyse(st)
    st.close()
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()


def test_disk_full_mid_ingest_loses_nothing_committed_and_the_store_goes_on(tmp_path, seeds_dir):
    path = tmp_path / "full.db"
    st = _seeded(path, seeds_dir)
    kept = st.count()
    pages = st.db.execute("PRAGMA page_count").fetchone()[0]
    st.db.execute(f"PRAGMA max_page_count={pages + 2}")  # this connection's disk is now all but full
    big = list(read([str(seeds_dir)]))
    docs = [Document(Source(f"big-{i}.txt"), (d.body + "\n") * 40 + str(i), "text", title=f"t{i}")
            for i, d in enumerate(big * 20)]
    with pytest.raises(sqlite3.OperationalError, match="full"):
        ingest_documents(st, iter(docs), batch=5)
    assert not st.db.in_transaction  # rolled back, no "cannot rollback - no transaction is active"
    st.close()
    again = SqliteStore(str(path))
    assert again.count() >= kept  # what was committed before is there
    ingest_paths(again, [str(seeds_dir)])  # and the store goes on
    assert again.count() >= kept
    again.close()


def test_a_read_only_store_refuses_writes_with_a_clear_error(tmp_path, seeds_dir):
    st = _seeded(tmp_path / "ro.db", seeds_dir)
    n = st.count()
    st.db.execute("PRAGMA query_only=ON")  # as a store on a read-only medium answers
    with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
        analyse(st)
    assert not st.db.in_transaction and st.count() == n
    st.close()
