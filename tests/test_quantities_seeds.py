"""Quantities in the seeds, read through ingest, cleaning and the date stages, and the Duckling gate."""
from __future__ import annotations

import pytest

from conftest import shared_path
from riwaya.extract.quantities import quantities
from riwaya.model import Document
from riwaya.pipeline import Pipeline, registered

# seed, words of the quantity as the seed writes them, qualifier, value, low, high, counts
EXPECTED = [
    ("000", "أكثر من 2000 عسكري", "more_than", 2000, 2000, None, "عسكري"),
    ("000", "نحو 250 قطعة", "about", 250, None, None, "قطعة"),
    ("000", "أربع طائرات", "exact", 4, 4, 4, "طائرة"),
    ("000", "خمسة أيام", "exact", 5, 5, 5, None),
    ("001", "2030 جنديًا", "exact", 2030, 2030, 2030, "جندي"),
    ("001", "ما لا يقل عن 12 ألف شخص", "at_least", 12000, 12000, None, "شخص"),
    ("003", "أكثر من 10 آلاف شخص", "more_than", 10000, 10000, None, "شخص"),
]


@pytest.fixture(scope="module")
def seed_articles():
    from riwaya.ingest import read
    from riwaya.text.clean import clean

    reg = registered()
    pipe = Pipeline([*(reg[n] for n in ("language", "sentences", "dates", "published")), quantities])
    out = {}
    for path in sorted(shared_path("corpora", "seeds").glob("*.txt")):
        doc = next(d for d in read([str(path)]) if isinstance(d, Document))
        out[path.name[:3]] = pipe(clean(doc))
    return out


@pytest.mark.shared
@pytest.mark.parametrize("seed,words,qualifier,value,low,high,counts", EXPECTED)
def test_seed_quantities(seed_articles, seed, words, qualifier, value, low, high, counts):
    art = seed_articles[seed]
    found = [q for q in art.layer("quantities") if q.text == words]
    assert found, [q.text for q in art.layer("quantities")]
    q = found[0]
    assert art.text[q.start:q.end] == words
    assert (q.qualifier, q.value, q.low, q.high) == (qualifier, value, low, high)
    if counts:
        assert q.counts == counts
    else:
        assert q.unit == "day"


@pytest.mark.shared
def test_seed_years_and_dates_are_not_quantities(seed_articles):
    for art in seed_articles.values():
        for q in art.layer("quantities"):
            assert not (q.value and 1900 <= q.value <= 2100 and q.counts is None and q.unit is None), q
            assert not any(d.start <= q.start < d.end and not d.evidence.startswith("duration")
                           for d in art.layer("dates")), q


@pytest.mark.shared
def test_vague_counts_in_the_seeds(seed_articles):
    vague = [q for a in seed_articles.values() for q in a.layer("quantities") if q.value is None]
    assert {("عشرات القتلى", 20, 99), ("مئات الجرحى", 200, 999)} <= {(q.text, q.low, q.high) for q in vague}


@pytest.mark.shared
def test_duckling_numeral_and_quantity_floor():
    """Gate: the share of Duckling's Arabic numeral and quantity phrases read to the right value."""
    from riwaya.eval.numbers import evaluate, read_cases

    out = evaluate(read_cases(shared_path("eval", "numbers", "arabic-duckling", "cases.tsv")))
    d = out["dimensions"]
    assert d["numeral+quantity"]["riwaya"] >= 0.95, out["misses"]
    assert d["money"]["riwaya"] >= 0.90
    assert d["negative-quantity"]["riwaya"] == 1.0
    assert d["numeral+quantity"]["riwaya"] > d["numeral+quantity"]["digits only"]
