"""The pages' text helpers: whatever the text, what they make is inert HTML whose text is the
input's (bidi controls dropped), and layer marks cover exactly their spans."""
from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from riwaya.escape import strip_bidi_controls
from riwaya.model import Article, DateMention, Paragraph, Phrase, Quote, Source
from riwaya.serve.text import bidi, marks, paragraphs

_OURS = re.compile(r"</?bdi>|<mark class=\"l-[a-z]+\" title=\"[^\"<>]*\">|</mark>")
hostile = st.text(alphabet=st.sampled_from(list("<>&\"'=/ abcXYZ019:;()") + ["\u202e", "\u2066", "ع", "ب", "\n"]),
                  max_size=60)


def _text_of(h: str) -> str:
    assert "<" not in _OURS.sub("", h)  # no tag but the page's own
    return html.unescape(_OURS.sub("", h))


@settings(max_examples=300, deadline=None)
@given(hostile)
def test_bidi_is_inert_and_keeps_the_text(text):
    assert _text_of(str(bidi(text))) == strip_bidi_controls(text)


@settings(max_examples=200, deadline=None)
@given(hostile, st.lists(st.tuples(st.integers(-3, 70), st.integers(-3, 70)), max_size=6),
       st.lists(st.tuples(st.integers(-3, 70), st.integers(-3, 70)), max_size=3))
def test_paragraph_marks_never_raise_and_cover_their_spans(text, raw, raw_quotes):
    def cut(a, b):
        return text[a:b] if 0 <= a < b <= len(text) else ""
    dates = tuple(DateMention(start=a, end=b, text=cut(a, b), value="2024") for a, b in raw)
    quotes = tuple(Quote(start=a, end=b, text=cut(a, b), speaker=Phrase(0, 1, "<x>")) for a, b in raw_quotes)
    a = Article(id="x", text=text, sources=(Source("p"),), paragraphs=(Paragraph(0, len(text)),) if text else ())
    a = a.with_layer("dates", dates).with_layer("quotes", quotes)
    out = paragraphs(a)
    assert "".join(_text_of(str(p)) for p in out) == strip_bidi_controls(text)
    ms = marks(a)
    assert all(0 <= s < e <= len(text) for s, e, *_ in ms)
    assert all(ms[i][1] <= ms[i + 1][0] for i in range(len(ms) - 1))
    assert all(s <= k[0] and k[1] <= e for s, e, _, _, kids in ms for k in kids)  # inner marks nest
