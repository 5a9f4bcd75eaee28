"""Quality gate: the account's agree / update / conflict calls on our labelled ANT stories
(labels/account-ant), read from the ANT archive in ../shared. Floors sit a little under the figures
measured when they were pinned (docs/BENCHMARKS.md, "The account against labelled figures"): on the
development days conflict precision 0.838, recall 0.816, no false conflict on 382 agreeing pairs,
update recall 1.0; on the test days, never looked at while the rules were written, conflict precision
0.341, recall 0.165, no false conflict. The test days' floor pins today's figure, not the goal (0.8)."""
from __future__ import annotations

import pytest

from conftest import shared_path

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def scores():
    from riwaya.eval.account import evaluate

    return evaluate(archive=str(shared_path("corpora", "ant-2018.tar.gz")))


def test_labels_still_point_at_the_text(scores):
    # cleaning that moves the text leaves mentions out; re-anchor the labels when this fails
    assert scores["items"] == 1029 and not scores["drifted"]


def test_account_dev_floor(scores):
    r = scores["rows"]["A"]["riwaya (account)"]
    assert r["conflict"]["precision"] >= 0.80 and r["conflict"]["recall"] >= 0.78
    assert r["false_conflict"]["rate"] <= 0.02 and r["update"]["recall"] >= 0.9


def test_account_test_floor_and_baselines(scores):
    rows = scores["rows"]["B"]
    r = rows["riwaya (account)"]
    assert r["conflict"]["precision"] >= 0.30 and r["conflict"]["recall"] >= 0.14
    assert r["false_conflict"]["rate"] <= 0.02
    for base in ("same noun, any difference", "riwaya's facts, exact equality"):
        assert r["conflict"]["f1"] > rows[base]["conflict"]["f1"]
        assert r["false_conflict"]["rate"] < rows[base]["false_conflict"]["rate"]
