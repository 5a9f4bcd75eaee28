"""``riwaya migrate`` copies a store across backends through the protocols: the copy hands back
what the store held (counts and content hash equal), and the main job goes on from it as from the
original. The catalog the copy reads is checked on every backend."""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from click.testing import CliRunner

from riwaya.cli import main
from riwaya.commands.migrate import digest
from riwaya.store import open_store


def test_the_catalog_lists_what_the_store_holds(store):
    assert list(store.corpus_layers()) == [] and store.vector_keys() == [] and store.stage_marks() == {}
    store.put_corpus_layers("story", {"a1": {"copy": ({"original": "x"},)}, "a2": {"copy": ()}})
    store.put_vectors("e5", {"k2": np.zeros(2, "<f4"), "k1": np.ones(2, "<f4")})
    store.put_state("furniture.counts", "o", 1, "{}")
    store.put_state("df", "x", 2, "{}")
    store.set_stage_mark("story", "3", 9)
    assert list(store.corpus_layers()) == [("story", "a1", "copy", [{"original": "x"}]), ("story", "a2", "copy", [])]
    assert store.vector_keys() == [("e5", "k1"), ("e5", "k2")]
    assert store.state_names() == ["df", "furniture.counts"]
    assert store.stage_marks() == {"story": ("3", 9)}


def _store_with_everything(tmp_path, seeds) -> str:
    db = str(tmp_path / "src.db")
    res = CliRunner().invoke(main, ["run", str(seeds), "--out", str(tmp_path / "out"), "--db", db, "--workers", "1"])
    assert res.exit_code == 0, res.output
    return db


def _migrate(src: str, dst: str) -> dict:
    res = CliRunner().invoke(main, ["migrate", "--from", src, "--to", dst, "--json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def _check(src: str, dst: str, tmp_path) -> None:
    out = _migrate(src, dst)
    assert out["equal"] and out["counts"] == out["copied"] and out["sha256_from"] == out["sha256_to"]
    c = out["counts"]
    assert c["articles"] >= 5 and c["inputs"] >= 5 and c["events"] and c["history"] and c["vectors"]
    assert c["states"] and c["marks"] and c["corpus_layers"]
    a, b = open_store(src), open_store(dst)
    try:
        assert [s.to_json() for s in a.stories()] == [s.to_json() for s in b.stories()]
        # the same articles found (each backend ranks its own way)
        hits = {h[0] for h in a.search("القوات الروسية")}
        assert hits and hits == {h[0] for h in b.search("القوات الروسية")}
    finally:
        a.close()
        b.close()


def test_migrate_sqlite_to_sqlite(tmp_path, seeds_dir):
    src = _store_with_everything(tmp_path, seeds_dir)
    _check(src, str(tmp_path / "copy.db"), tmp_path)
    again = CliRunner().invoke(main, ["migrate", "--from", src, "--to", str(tmp_path / "copy.db")])
    assert again.exit_code != 0 and "not empty" in str(again.exception)  # one line at the CLI edge


def test_migrate_to_postgres_and_back(tmp_path, seeds_dir, pg_url):
    src = _store_with_everything(tmp_path, seeds_dir)
    _check(src, pg_url, tmp_path)
    _check(pg_url, str(tmp_path / "back.db"), tmp_path)
    # the copy is a working store: a second run adds to it as to the original
    shutil.copy(src, tmp_path / "orig.db")
    for db in (str(tmp_path / "orig.db"), pg_url):
        res = CliRunner().invoke(main, ["run", str(seeds_dir), "--out", str(tmp_path / "o2"), "--db", db,
                                        "--workers", "1"])
        assert res.exit_code == 0, res.output
    assert digest(open_store(str(tmp_path / "orig.db")))[1] == digest(open_store(pg_url))[1]


@pytest.mark.parametrize("bad", ["nowhere.db"])
def test_migrate_refuses_a_missing_store(tmp_path, bad):
    res = CliRunner().invoke(main, ["migrate", "--from", str(tmp_path / bad), "--to", str(tmp_path / "x.db")])
    assert res.exit_code != 0
