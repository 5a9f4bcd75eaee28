"""``riwaya eval places``: the scoring itself, and a quality gate on ANERcorp's test split."""
from __future__ import annotations

from conftest import shared_path

from riwaya.eval import places as P

FLOOR_F1 = 0.80  # measured 0.815 strict (P 0.791, R 0.840); raw token lookup 0.727


def test_bio_spans_and_overlaps(tmp_path):
    f = tmp_path / "x.txt"
    f.write_text("في O\nجنوب B-LOC\nلبنان I-LOC\nو O\nغزة B-LOC\n\nقال O\nمدينة I-LOC\nحلب I-LOC\n", encoding="utf-8")
    sents = P.read_bio(f)
    assert [s.locs for s in sents] == [frozenset({(1, 3), (4, 5)}), frozenset({(1, 3)})]
    assert P._overlaps({(2, 3), (4, 5), (0, 1)}, sents[0].locs) == 2
    sents = [P.Sentence(("في", "جنوب", "لبنان"), frozenset({(2, 3)}))]
    strict = P.score(sents, lambda s: {(1, 3)})
    loose = P.score(sents, lambda s: {(1, 3)}, overlap=True)
    assert (strict["tp"], strict["fp"], strict["fn"]) == (0, 1, 1)
    assert (loose["tp"], loose["fp"], loose["fn"]) == (1, 0, 0)


def test_anercorp_floor_and_ahead_of_a_word_list():
    sents = P.read_bio(shared_path("eval", "ner", "anercorp-camel", "ANERCorp_CamelLab_test.txt"))
    ours, plain = P.score(sents, P.riwaya_spans), P.score(sents, P.plain_spans)
    assert ours["f1"] >= FLOOR_F1, ours
    assert ours["f1"] > plain["f1"] and ours["recall"] > plain["recall"], (ours, plain)
