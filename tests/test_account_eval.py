"""Quality gate: the account's agree / update / conflict calls on our labelled ANT stories
(labels/account-ant), read from the ANT archive in ../shared. Floors sit a little under the figures
measured when they were pinned (docs/BENCHMARKS.md, "The account against labelled figures"). All
eight labelled days are development data now (a never-seen set is labelled apart); the halves A (10
and 31 March, 4 and 24 April) and B (22 March, 8 and 18 April, 15 May) are kept for leave-days-out
checks. Measured (h-conf3): A conflict precision 1.000, recall 0.868, no false conflict, update recall
1.0; B precision 0.914, recall 0.813, no false conflict, update recall 0.865; all 0.939 / 0.829 (the
goal: 0.8 each, false conflicts under 10%)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import shared_path

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def scores():
    from riwaya.eval.account import DAYS_A, DAYS_B, evaluate

    return evaluate(archive=str(shared_path("corpora", "ant-2018.tar.gz")),
                    blocks={"A": DAYS_A, "B": DAYS_B, "8 April": ("20180408",)})


def test_labels_still_point_at_the_text(scores):
    # cleaning that moves the text leaves mentions out; re-anchor the labels when this fails
    assert scores["items"] == 1029 and not scores["drifted"]


def test_blocks_and_all(scores):
    rows = scores["rows"]
    assert set(rows) == {"A", "B", "8 April", "all"}
    gold = {k: rows[k]["riwaya (account)"]["conflict"]["gold"] for k in rows}
    assert gold["A"] + gold["B"] == gold["all"] == 129 and 0 < gold["8 April"] < gold["B"]


def test_account_floor_on_half_a(scores):
    r = scores["rows"]["A"]["riwaya (account)"]
    assert r["conflict"]["precision"] >= 0.95 and r["conflict"]["recall"] >= 0.84
    assert r["false_conflict"]["rate"] <= 0.02 and r["update"]["recall"] >= 0.9


def test_account_floor_on_half_b_and_baselines(scores):
    rows = scores["rows"]["B"]
    r = rows["riwaya (account)"]
    assert r["conflict"]["precision"] >= 0.88 and r["conflict"]["recall"] >= 0.79
    assert r["false_conflict"]["rate"] <= 0.01 and r["update"]["recall"] >= 0.8
    for base in ("same noun, any difference", "riwaya's facts, exact equality"):
        assert r["conflict"]["f1"] > rows[base]["conflict"]["f1"]
        assert r["false_conflict"]["rate"] < rows[base]["false_conflict"]["rate"]


def test_account_floor_on_all_days(scores):
    r = scores["rows"]["all"]["riwaya (account)"]
    assert r["conflict"]["precision"] >= 0.90 and r["conflict"]["recall"] >= 0.81
    assert r["false_conflict"]["rate"] <= 0.02


def test_a_block_must_name_its_days():
    from riwaya.eval.account import command

    res = CliRunner().invoke(command, ["--block", "nodays"])
    assert res.exit_code != 0 and "NAME=YYYYMMDD" in str(res.exception or res.output)


def test_account_on_the_fresh_set():
    """The never-developed-on set (labels/account-ant/fresh, six other days, scored once at the end
    of session 6: conflict P 0.258, R 0.190, no false conflict, update P 0.704 / R 0.658). The target
    (0.8 each) is NOT met there; this floor only keeps what generalises from getting worse."""
    from riwaya.eval.account import LABELS, evaluate

    fresh = LABELS / "fresh"
    s = evaluate(fresh / "gold.jsonl", str(shared_path("corpora", "ant-2018.tar.gz")), fresh / "items.jsonl")
    assert s["items"] == 589 and not s["drifted"]
    rows = s["rows"]["all"]
    r = rows["riwaya (account)"]
    assert r["conflict"]["precision"] >= 0.2 and r["conflict"]["recall"] >= 0.15
    assert r["false_conflict"]["rate"] <= 0.02 and r["update"]["recall"] >= 0.6
    for base in ("same noun, any difference", "riwaya's facts, exact equality"):
        assert r["conflict"]["f1"] > rows[base]["conflict"]["f1"]
