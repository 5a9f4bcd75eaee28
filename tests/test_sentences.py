"""Sentence splitting: Arabic punctuation, quotes, brackets, elisions, abbreviations."""
from __future__ import annotations

from riwaya.model import Article, Paragraph
from riwaya.text.sentences import sentences, split


def _split(t: str) -> list[str]:
    return [t[s:e] for s, e in split(t, 0, len(t))]


def test_splits_at_arabic_and_latin_enders_not_at_the_arabic_comma():
    assert _split("وصل الوفد، ثم غادر. هل عاد؟ نعم! انتهى") == ["وصل الوفد، ثم غادر.", "هل عاد؟", "نعم!", "انتهى"]
    assert _split("بلغ النمو 3.5% هذا العام، وفق التقرير.") == ["بلغ النمو 3.5% هذا العام، وفق التقرير."]


def test_elision_in_brackets_does_not_split():
    t = "وقال القائد إن “المهمة انتهت (…) وتم إنجاز المهام”. ثم غادر."
    assert _split(t) == ["وقال القائد إن “المهمة انتهت (…) وتم إنجاز المهام”.", "ثم غادر."]
    assert len(_split("قال [...] إن الأمر انتهى. وبعدها عاد.")) == 2


def test_quoted_sentences_stay_with_their_attribution():
    t = 'وأضاف: "لا شك لدي. سنعيد البناء". ثم غادر القاعة.'
    assert _split(t) == ['وأضاف: "لا شك لدي. سنعيد البناء".', "ثم غادر القاعة."]
    assert _split("قال «انتهى الأمر. لن نعود» وغادر. بعدها صمت.") == ["قال «انتهى الأمر. لن نعود» وغادر.", "بعدها صمت."]


def test_ellipsis_and_abbreviations():
    assert _split("انتظروا... ثم جاء الخبر.") == ["انتظروا...", "ثم جاء الخبر."]
    assert _split("قال د. محمد إن الوضع مستقر. وأضاف آخر.") == ["قال د. محمد إن الوضع مستقر.", "وأضاف آخر."]
    assert _split("Mr. Smith arrived. He left.") == ["Mr. Smith arrived.", "He left."]


def test_unclosed_quote_does_not_swallow_a_long_paragraph():
    t = ('قال "' + "جملة طويلة جدا عن الموضوع. " * 40).strip()
    assert len(_split(t)) > 1


def test_stage_spans_point_into_text_and_skip_headings():
    text = "عنوان فرعي\n\nجملة أولى. جملة ثانية."
    art = Article(id="x", text=text, sources=(), paragraphs=(Paragraph(0, 10, "heading"), Paragraph(12, len(text), "body")))
    out = sentences(art).layer("sentences")
    assert [text[s.start:s.end] for s in out] == ["جملة أولى.", "جملة ثانية."]
    assert all(s.paragraph == 1 for s in out)
