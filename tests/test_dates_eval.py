"""The score floor on Duckling's Arabic cases, and the eval command itself."""
from __future__ import annotations

from click.testing import CliRunner

from conftest import shared_path

CASES = ("eval", "dates", "arabic-date-tests", "arabic_date_cases.tsv")


def test_duckling_cases_floor():
    from riwaya.eval.dates import evaluate

    res = evaluate(shared_path(*CASES), baseline=False)
    assert res["positives"] == 177 and res["negatives"] == 3
    assert res["riwaya_accuracy"] >= 0.95, [r for r in res["rows"] if not r["riwaya"]]
    assert res["riwaya_negatives_rejected"] == 3


def test_eval_command_prints_both_scores():
    from riwaya.cli import main

    res = CliRunner().invoke(main, ["eval", "dates", str(shared_path(*CASES))])
    assert res.exit_code == 0, res.output
    assert "riwaya" in res.output and "dateparser" in res.output


def test_scoring_is_strict(tmp_path):
    from riwaya.eval.dates import evaluate

    p = tmp_path / "c.tsv"
    p.write_text("source\ttext\texpected\tgrain\tkind\treference_time\n"
                 "t\tامس\t2013-02-11T00:00:00\tDay\tdatetime\t2013-02-12T04:30:00-02:00\n"
                 "t\tامس\t2013-02-10T00:00:00\tDay\tdatetime\t2013-02-12T04:30:00-02:00\n"
                 "t\tامس\t2013-02-11T00:00:00\tHour\tdatetime\t2013-02-12T04:30:00-02:00\n", encoding="utf-8")
    res = evaluate(p, baseline=False)
    assert [r["riwaya"] for r in res["rows"]] == [True, False, False]
