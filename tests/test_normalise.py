"""Normalisation: display and matching forms, offsets back to the source, and property tests."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from riwaya.data import load_json
from riwaya.text.normalise import display, match, match_with_offsets, source_span

ARABIC_HEAVY = st.text(alphabet=st.one_of(
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.sampled_from(list(" \t\n.,،؛؟!\"'«»“”‘’()…\u00a0\u200b\u200f\u202b\u2066\ufeff\u0640AbZ09٠٩۰۹")),
    st.characters()), max_size=80)


def test_matching_form_folds_spelling_variants():
    assert match("أَحْمَدُ") == match("احمد") == "احمد"
    assert match("إلى") == match("الى") == "الي"
    assert match("مدرسة") == "مدرسه"
    assert match("ـــالسلام") == "السلام"
    assert match("٢٠٢٢ و۱۴۰۰") == "2022 و1400"
    assert match("«قال» “هنا”") == '"قال" "هنا"'
    assert match("A\u00a0 B") == "a b"
    assert match("کتاب ی") == "كتاب ي"
    assert match("ڤيينا") == match("فيينا") and match("گوگل") == match("كوكل")


def test_display_keeps_text_but_drops_invisible_controls():
    s = "\u202bمرحبا\u200f بكم\u200b\ufeff"
    assert display(s) == "مرحبا بكم"
    assert display("أَحْمَد") == "أَحْمَد"  # diacritics are part of what people read


def test_charmap_data_file():
    cm = load_json("charmap.json")
    assert cm["display_drop"] and cm["match_delete"] and cm["match"]
    for src, dst in cm["match"].items():
        assert len(src) == 1 and match(dst) == dst.lower() or dst in (" ",), (src, dst)


@settings(max_examples=300, deadline=None)
@given(ARABIC_HEAVY)
def test_match_is_idempotent(s):
    assert match(match(s)) == match(s)


@settings(max_examples=300, deadline=None)
@given(ARABIC_HEAVY)
def test_display_is_idempotent(s):
    assert display(display(s)) == display(s)


@settings(max_examples=300, deadline=None)
@given(ARABIC_HEAVY)
def test_offsets_map_back_to_the_same_characters(s):
    folded, offsets = match_with_offsets(s)
    assert len(offsets) == len(folded)
    assert offsets == sorted(offsets)
    for i, ch in enumerate(folded):
        src = s[offsets[i]]
        assert ch in match_with_offsets(src)[0]  # each output char comes from its source char
    if folded:
        a, b = source_span(offsets, 0, len(folded))
        assert 0 <= a < b <= len(s)
    # without space collapsing the matching form equals the fold of the whole string
    assert match(s) == match(folded)


@settings(max_examples=200, deadline=None)
@given(ARABIC_HEAVY, st.integers(0, 40), st.integers(0, 40))
def test_source_span_of_any_subspan(s, i, j):
    folded, offsets = match_with_offsets(s)
    if not folded:
        return
    i, j = sorted((min(i, len(folded)), min(j, len(folded))))
    a, b = source_span(offsets, i, j)
    assert 0 <= a <= b <= len(s)
    if i < j:
        assert match_with_offsets(s[a:b])[0].startswith(folded[i:j][:1])


def _slow_match_with_offsets(text):
    from riwaya.text.normalise import _tables

    table = _tables()[1]
    out, offsets = [], []
    for i, ch in enumerate(text):
        rep = table.get(ord(ch), ch)
        if rep is None:
            continue
        rep = rep.lower()
        out.append(rep)
        offsets.extend([i] * len(rep))
    return "".join(out), offsets


@settings(max_examples=300, deadline=None)
@given(ARABIC_HEAVY)
def test_fast_offsets_equal_the_character_by_character_definition(s):
    assert match_with_offsets(s) == _slow_match_with_offsets(s)


def test_offsets_on_arabic_with_diacritics():
    s = "قَالَ «أحمد»"
    folded, offsets = match_with_offsets(s)
    assert folded == 'قال "احمد"'
    i = folded.index("احمد")
    a, b = source_span(offsets, i, i + 4)
    assert s[a:b] == "أحمد"
