"""English figures in the quantities layer: number words, qualifiers, units and counted nouns from the
data files, read by the same grammar as Arabic."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from riwaya.extract.quantities import find_quantities


@pytest.mark.parametrize("text,want", [
    ("At least eight people were killed", ("At least eight people", 8, "at_least", "people", None)),
    ("about 130 families were still housed", ("about 130 families", 130, "about", "families", None)),
    ("Around 120 families were moved", ("Around 120 families", 120, "about", "families", None)),
    ("compensation of 5,000 dinars for each household", ("5,000 dinars", 5000, "exact", None, "dinar")),
    ("a 15 percent pay rise", ("15 percent", 15, "exact", None, "%")),
    ("rain fell in six hours, roughly two months' worth", ("six hours", 6, "exact", None, "hour")),
    ("more than 30 people were injured", ("more than 30 people", 30, "more_than", "people", None)),
    ("three million dollars", ("three million dollars", 3_000_000, "exact", None, "USD")),
])
def test_english_figures(text, want):
    got = [(q.text, q.value, q.qualifier, q.counts, q.unit) for q in find_quantities(text)]
    assert want in got, got


def test_english_non_counts_are_left_out():
    assert not find_quantities("In 2024 the one man who came back")
    got = find_quantities("rescuers recovered two more bodies")
    assert all(q.counts != "more" for q in got)


WORDS = ["at", "least", "about", "more", "than", "one", "two", "eight", "eleven", "twenty", "hundred",
         "thousand", "million", "dozens", "several", "people", "families", "hours", "km", "percent",
         "dinars", "3,000", "12", "1.5", "and", "of", "the", ",", ".", "-", "%", "$"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25))
def test_english_never_raises_and_spans_point_at_text(ws):
    text = " ".join(ws)
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text
