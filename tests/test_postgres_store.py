"""The PostgreSQL store behind the CLI: two ingests at once into one database end with every
article once (as one sequential ingest into SQLite), and the main job writes the same articles and
stories as on SQLite. Skips without a server (RIWAYA_TEST_PG; .ci/run starts one)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from conftest import shared_path
from test_concurrent_ingest import _corpus
from test_concurrent_ingest import _run_all as _wait
from test_concurrent_ingest import _state

from riwaya.cli import main
from riwaya.store import open_store


def _ingest(db: str, *inputs: Path) -> subprocess.Popen:
    env = {**os.environ, "RIWAYA_DB": db}  # the URL through RIWAYA_DB, as a deployment sets it
    return subprocess.Popen([sys.executable, "-m", "riwaya.cli", "ingest", "--no-analyse", *map(str, inputs)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def test_two_ingests_at_once_into_postgres_equal_one_sequential_ingest(tmp_path, pg_url):
    a = _corpus(tmp_path / "a", 0, 600)
    b = _corpus(tmp_path / "b", 300, 600)  # half of b is also in a (same texts, other files)
    alone = str(tmp_path / "alone.db")
    _wait(_ingest(pg_url, a), _ingest(pg_url, b))
    _wait(_ingest(alone, a))
    _wait(_ingest(alone, b))
    got = _state(pg_url)
    assert len(got[0]) == 900 and len(got[1]) == 1200  # every article once, every input once
    assert got == _state(alone)


def _run(tmp: Path, name: str, db: str, corpus: Path) -> tuple:
    out = tmp / name
    res = CliRunner().invoke(main, ["run", str(corpus), "--out", str(out), "--db", db, "--workers", "1"])
    assert res.exit_code == 0, res.output
    rows = sorted((json.loads(ln) for ln in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()),
                  key=lambda r: r["id"])
    return rows, json.loads((out / "stories.json").read_text(encoding="utf-8"))


def test_run_on_postgres_writes_what_sqlite_writes(tmp_path, pg_url):
    seeds = shared_path("corpora", "seeds")
    pg = _run(tmp_path, "pg", pg_url, seeds)
    lite = _run(tmp_path, "lite", str(tmp_path / "r.db"), seeds)
    assert lite[0] and lite[1]["stories"]
    assert pg == lite
    st = open_store(pg_url)
    try:
        assert st.history() and [h["op"] for h in st.history()] == [h["op"] for h in open_store(
            str(tmp_path / "r.db")).history()]
    finally:
        st.close()
