"""Cleaning's named steps over a ``Page`` (``text/page.py``, ``text/page_head.py``, ``text/clean.py``)."""
from __future__ import annotations

from riwaya.model import Document, Source
from riwaya.text.clean import extend_blocks, label_by_language, label_repeats
from riwaya.text.furniture import make_line
from riwaya.text.page import OutletClue, Page
from riwaya.text.page_head import pick_headline, publication_line, read_head

BODY = "وقال المتحدث باسم الوزارة إن الاجتماع سيعقد في العاصمة الأسبوع المقبل بحضور الوفود."


def _page(*lines: str, title: str | None = None) -> Page:
    return Page.read(Document(Source("t.txt"), "\n".join(lines), "text", title=title))


def test_page_read_marks_body_lines_and_the_head():
    page = _page("", "عاجل", "انفجار في الميناء", BODY, "", "ثم " + BODY)
    assert [ln.text for ln in page.lines][:2] == ["عاجل", "انفجار في الميناء"]  # empty lines dropped
    assert page.body == (False, False, True, True)
    assert (page.first_body, page.last_body) == (2, 3)
    assert page.label == [None] * 4


def test_head_finds_the_headline_and_labels_its_repetition():
    page = _page("انفجار كبير يهز الميناء الرئيسي للمدينة", BODY, "انفجار كبير يهز الميناء الرئيسي للمدينة")
    label_by_language(page)
    read_head(page, None)
    assert (page.title, page.title_at, page.title_evidence) == (page.lines[0].text, 0, "first headline line")
    assert page.label == ["title", None, "repeated title"]


def test_metadata_title_wins_and_places_nothing():
    page = _page("سطر أول قصير هنا", BODY)
    read_head(page, "عنوان من البيانات")
    assert (page.title, page.title_evidence, page.title_at) == ("عنوان من البيانات", "metadata", None)


def test_pick_headline_prefers_the_first_long_enough_line():
    lines = tuple(make_line(t) for t in ("الوطن", "انفجار كبير يهز الميناء الرئيسي", "انفجار في الميناء"))
    assert pick_headline(lines, [0, 1, 2]) == 1
    assert pick_headline(lines, [0, 2]) == 2  # none of five words: the longest


def test_publication_line_sits_by_the_headline():
    label = ["masthead", "scrape date", None, "title"]
    assert publication_line(label, 1, 3)  # under the masthead, close above the headline
    assert not publication_line(label, 1, None)
    assert not publication_line([None, "scrape date", None, None, None, "title"], 1, 5)


def test_repeats_and_blocks():
    page = _page(BODY, "سطر مكرر من أربع كلمات", "ثم " + BODY, "سطر مكرر من أربع كلمات")
    label_repeats(page)
    assert page.label == [None, None, None, "repeated line"]
    page = _page(BODY, "مواضيع ذات صلة", "عنوان قصير أول", "عنوان قصير ثان")
    label_by_language(page)
    extend_blocks(page)
    assert page.label[1] is not None and page.label[2:] == [page.label[1]] * 2


def test_outlet_clues_order_by_rank_then_line():
    page = _page(BODY)
    page.said(4, 0, ("ب", "byline"))
    page.said(1, 3, ("أ", "source line"))
    page.said(1, 5, None)  # nothing named: no clue
    assert min(page.clues) == OutletClue(1, 3, "أ", "source line")
