"""The Dask executor behind the ``Executor`` interface: the main job writes the same articles and
stories on a LocalCluster of 2 workers as on the local process pool, and a worker killed in the
middle of the text layer loses no article (its tasks run again; the output is an uninterrupted run's)."""
from __future__ import annotations

import json
import os
import shutil
import signal
from itertools import islice
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import shared_path

pytest.importorskip("distributed", reason="dask.distributed is not installed (pip install 'riwaya[scale]')")

from riwaya.cli import main  # noqa: E402
from riwaya.run.executor import DaskExecutor, ProcessExecutor, SerialExecutor  # noqa: E402

DEMO = Path(__file__).resolve().parent.parent / "demo" / "corpus"


def _outputs(out: Path) -> tuple[list, dict]:
    rows = sorted((json.loads(ln) for ln in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()),
                  key=lambda r: r["id"])
    return rows, json.loads((out / "stories.json").read_text(encoding="utf-8"))


def _run(tmp: Path, name: str, corpus: Path, *opts: str) -> tuple[list, dict]:
    out = tmp / name
    res = CliRunner().invoke(main, ["run", str(corpus), "--out", str(out), "--db", str(tmp / f"{name}.db"), *opts])
    assert res.exit_code == 0, res.output
    return _outputs(out)


@pytest.mark.parametrize("corpus", ["seeds", "demo"])
def test_run_on_dask_writes_what_the_local_pool_writes(tmp_path, corpus):
    src = shared_path("corpora", "seeds") if corpus == "seeds" else DEMO
    local = _run(tmp_path, "local", src, "--workers", "2")
    dask = _run(tmp_path, "dask", src, "--executor", "dask", "--workers", "2")
    assert local[0] and local[1]["stories"]
    assert dask == local


def test_results_come_back_in_task_order_and_the_initializer_runs_in_each_worker():
    with DaskExecutor(2) as ex:
        got = list(ex.map(_probe, range(25), _set_probe, ("ready",)))
    assert [x for x, _ in got] == list(range(25))
    assert {s for _, s in got} == {"ready"}
    assert list(SerialExecutor().map(_probe, range(3), _set_probe, ("ready",))) == [(i, "ready") for i in range(3)]


def test_a_duplicated_task_is_one_task():
    with DaskExecutor(2) as ex:
        got = list(ex.map(_pid_of, [7, 7, 7, 7]))
    assert len({pid for _, pid in got}) == 1  # keyed by content: the four are one task, run once


_PROBE: dict = {}


def _set_probe(value):
    _PROBE["state"] = value


def _probe(x):
    return x, _PROBE.get("state")


def _pid_of(x):
    import time

    time.sleep(0.2)
    return x, os.getpid()


@pytest.mark.slow
@pytest.mark.shared
def test_a_worker_killed_mid_analysis_loses_no_article(tmp_path):
    from riwaya.ingest import read
    from riwaya.job import analyse, ingest_documents
    from riwaya.store import SqliteStore
    from riwaya.store.codec import article_to_json

    archive = shared_path("corpora", "ant-2018.tar.gz")
    first = SqliteStore(str(tmp_path / "local.db"))
    ingest_documents(first, islice(read([str(archive)]), 0, None, 15))  # ~2,100 articles of every outlet
    assert first.count() >= 2000
    first.close()
    shutil.copy(tmp_path / "local.db", tmp_path / "dask.db")

    local = SqliteStore(str(tmp_path / "local.db"))
    want = analyse(local, executor=ProcessExecutor(2))
    expected = [article_to_json(a, with_layers=True) for a in local.articles()]

    store = SqliteStore(str(tmp_path / "dask.db"))
    killed: list[int] = []
    with DaskExecutor(2) as ex:
        def kill_one(_n: int) -> None:
            if killed:
                return
            busy = ex.client.processing()
            addr = max(busy, key=lambda a: len(busy[a]))
            assert busy[addr], "no task in flight to lose"
            pid = ex.client.run(os.getpid, workers=[addr])[addr]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

        got = analyse(store, executor=ex, progress=kill_one)
    assert killed
    assert got.analysed == want.analysed and got.errors == want.errors
    assert [article_to_json(a, with_layers=True) for a in store.articles()] == expected


def test_analyse_joins_an_existing_scheduler(tmp_path, seeds_dir):
    from distributed import LocalCluster

    from riwaya.store import open_store
    from riwaya.store.codec import article_to_json

    def analysed(db: str, *opts: str) -> list:
        runner = CliRunner()
        assert runner.invoke(main, ["ingest", "--no-analyse", str(seeds_dir), "--db", db]).exit_code == 0
        res = runner.invoke(main, ["analyse", "--db", db, *opts])
        assert res.exit_code == 0, res.output
        st = open_store(db)
        try:
            return [article_to_json(a, with_layers=True) for a in st.articles()]
        finally:
            st.close()

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster:
        remote = analysed(str(tmp_path / "remote.db"), "--scheduler", cluster.scheduler_address)
    assert len(remote) == 5
    assert remote == analysed(str(tmp_path / "local.db"), "--workers", "1")
