"""ANT 1-3 March 2018 (432 files): ``riwaya run`` on Dask and into PostgreSQL writes the same
articles, events and stories as the local pool into SQLite."""
from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import shared_path

from riwaya.cli import main

pytestmark = [pytest.mark.slow, pytest.mark.shared]
DAYS = ("20180301", "20180302", "20180303")


@pytest.fixture(scope="module")
def march(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("march")
    with tarfile.open(shared_path("corpora", "ant-2018.tar.gz"), "r|gz") as tf:
        for info in tf:
            if info.isfile() and info.name.endswith(tuple(f"-{day}.txt" for day in DAYS)):
                (d / info.name.replace("/", "_")).write_bytes(tf.extractfile(info).read())
    assert len(list(d.iterdir())) == 432
    return d


def _run(out: Path, db: str, corpus: Path, *opts: str) -> tuple:
    res = CliRunner().invoke(main, ["run", str(corpus), "--out", str(out), "--db", db, *opts])
    assert res.exit_code == 0, res.output
    rows = sorted((json.loads(ln) for ln in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()),
                  key=lambda r: r["id"])
    return rows, json.loads((out / "stories.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def local(march, tmp_path_factory) -> tuple:
    d = tmp_path_factory.mktemp("local")
    return _run(d / "out", str(d / "r.db"), march, "--workers", "2")


def test_ant_march_on_dask_equals_the_local_pool(march, local, tmp_path):
    pytest.importorskip("distributed", reason="dask.distributed is not installed (pip install 'riwaya[scale]')")
    got = _run(tmp_path / "out", str(tmp_path / "r.db"), march, "--executor", "dask", "--workers", "2")
    assert len(local[0]) >= 420 and len(local[1]["stories"]) > 200
    assert got == local


def test_ant_march_into_postgres_equals_sqlite(march, local, tmp_path, pg_url):
    assert _run(tmp_path / "out", pg_url, march, "--workers", "2") == local
