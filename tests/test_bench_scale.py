"""``riwaya bench scale`` runs end to end on a slice: Dask and the local pool write the same
analyses, and the PostgreSQL part runs where a server is given (RIWAYA_TEST_PG)."""
from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner
from conftest import shared_path

from riwaya.cli import main

pytest.importorskip("distributed", reason="dask.distributed is not installed (pip install 'riwaya[scale]')")


@pytest.mark.shared
def test_bench_scale_on_a_slice():
    archive = shared_path("corpora", "ant-2018.tar.gz")
    res = CliRunner().invoke(main, ["bench", "scale", str(archive), "--limit", "200", "--repeat", "1", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    t = out["text_layer"]
    assert out["documents"] == 200 and 0 < out["articles"] <= 200
    assert t["same_output"] and t["failed"] == 0 and t["dask_throughput_vs_local"] > 0
    if os.environ.get("RIWAYA_TEST_PG"):
        assert out["ingest"]["postgres_ms_per_article"] > 0 and t["postgres_same_output"]
    else:
        assert out["ingest"]["postgres"].startswith("skipped")
