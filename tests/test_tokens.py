"""Tokens, light stems and stopwords for lexical features."""
from __future__ import annotations

from riwaya.data import load_json, load_lines
from riwaya.text.tokens import stem, stems, stopwords, tokens


def test_tokens_are_matching_form_words():
    assert tokens("قالَ الرئيسُ: «إنّ ٣ وفود وصلت»، The END.") == ["قال", "الرييس", "ان", "3", "وفود", "وصلت", "the", "end"]


def test_clitics_and_suffixes_are_stripped_lightly():
    assert stem("والمتظاهرين") == "متظاهر"
    assert stem("بالكتاب") == "كتاب"
    assert stem("للمدرسه") == "مدرس"
    assert stem("وسيكتبونها") == "سيكتب"
    assert stem("كازاخستان") == "كازاخستان"  # kept: a name that looks inflected
    assert stem("reuters") == "reuters"
    # variants of one word share a stem
    assert len({stem(t) for t in tokens("المدرسة ومدرسة بالمدرسة والمدرسة")}) == 1


def test_stems_leave_out_stopwords_numbers_and_single_letters():
    out = stems("وقال الوزير إن الحكومة في 2022 ستدعم المزارعين و the farmers")
    assert out == ["وزير", "حكوم", "ستدعم", "مزارع", "farmers"]


def test_stopword_and_stemming_data_files():
    assert "في" in stopwords() and "الي" in stopwords() and "the" in stopwords()
    assert load_lines("stopwords_ar.txt") and load_lines("stopwords_en.txt")
    d = load_json("stemming.json")
    assert d["articles"] and d["suffixes"] and d["min_stem"] >= 2
