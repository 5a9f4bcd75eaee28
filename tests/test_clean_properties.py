"""No input string makes a text stage raise; cleaning's output keeps its own invariants."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from riwaya.model import Document, Source
from riwaya.text.clean import clean
from riwaya.text.corpus import OutletFurniture
from riwaya.text.language import identify, language
from riwaya.text.normalise import display, match, match_with_offsets
from riwaya.text.sentences import sentences, split
from riwaya.text.tokens import stems, tokens

LINES = st.sampled_from([
    "اقرأ المزيد", "مقالات متعلقة", "ادعم عنب بلدي", "×", "الإثنين 23 ديسمبر 2024", "رئيس التحرير", "العالم",
    "المصدرwww.example.com", "رابط مختصر", "(وكالة / رويترز - 13 يناير 2022) قال المسؤول إن الوضع هادئ.",
    "قال الوزير إن الخطة تشمل دعم المزارعين في المناطق الريفية.", "عنوان قصير", "-----", "“", "(…)", ".", "",
])
PAGE = st.lists(st.one_of(LINES, st.text(max_size=60)), max_size=25).map("\n".join)
MODEL = OutletFurniture()
for i in range(5):
    MODEL.observe("o", ["×", "قال الوزير إن الخطة تشمل دعم المزارعين في المناطق الريفية.", f"سطر {i}"])


@settings(max_examples=300, deadline=None)
@given(PAGE, st.one_of(st.none(), st.text(max_size=30)), st.sampled_from([None, "o"]))
def test_clean_never_raises_and_keeps_its_invariants(body, title, outlet):
    doc = Document(source=Source("p.txt"), body=body, format="text", title=title, outlet=outlet)
    art = clean(doc, MODEL)
    kept = [art.text[p.start:p.end] for p in art.paragraphs]
    assert "\n\n".join(kept) == art.text
    assert all(k and k == k.strip() for k in kept)
    # every non-empty input line is either kept or removed with a reason (nothing vanishes)
    lines = [ln.strip() for ln in display(body).split("\n") if ln.strip()]
    assert len(lines) == len(kept) + len(art.removed)
    assert all(r.reason for r in art.removed)
    out = language(sentences(art))
    for s in out.layer("sentences"):
        assert 0 <= s.start < s.end <= len(art.text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_text_functions_never_raise(s):
    display(s), match(s), match_with_offsets(s), identify(s), tokens(s), stems(s)
    for a, b in split(s, 0, len(s)):
        assert 0 <= a < b <= len(s) and s[a:b].strip()
