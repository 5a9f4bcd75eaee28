"""``riwaya bench text`` runs end to end on a slice and reports every stage and the pyarabic ratio."""
from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import shared_path

from riwaya.cli import main


def test_bench_text_on_a_slice():
    archive = shared_path("corpora", "ant-2018.tar.gz")
    res = CliRunner().invoke(main, ["bench", "text", str(archive), "--limit", "300", "--workers", "1",
                                    "--sample", "100", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["all"]["documents"] == 300 and out["half"]["documents"] == 150  # every second one
    assert 0 < out["half"]["articles"] <= 150 and out["all"]["failed"] == 0
    assert {"clean", "sentences", "language", "dates"} <= set(out["stage_cpu_seconds"])
    nv = out["normalise_vs_pyarabic"]
    assert nv["chars"] > 100_000 and nv["riwaya_s"] > 0 and nv["pyarabic_s"] > 0


def test_pyarabic_baseline_folds_what_we_fold():
    from riwaya.bench.text import _pyarabic_fold
    from riwaya.text.normalise import match

    s = "أَحْمَدُ ذهبَ إلى المدرسةِ ومسؤول سئل"
    assert _pyarabic_fold(s) == match(s)  # the same work on Arabic letters, so the ratio is fair
