"""The demo corpus read as a newsroom user reads it: headlines (not mastheads or section labels) as
titles, the outlet a page names, its date line as the publication date when the text agrees, and
page furniture out of the body. The demo pages are ours, so their expected metadata is stated here;
the rules that produce it are general (see tests/test_clean.py and tests/test_dates_published.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from riwaya.ingest import read
from riwaya.model import Document
from riwaya.pipeline import Pipeline
from riwaya.text.clean import clean

CORPUS = Path(__file__).resolve().parent.parent / "demo" / "corpus"

# file -> (title, outlet, published day, evidence prefix)
EXPECTED = {
    "coastline-post-2024-03-14-sidra-floods.txt": (
        "Flash floods kill at least eight in Wadi al-Sidra", "The Coastline Post", "2024-03-14", "date line"),
    "mizan-2024-03-14-sidra-floods.txt": (
        'المستشفى: أكثر من ثلاثين مصابا في سيول وادي السدرة والمحافظ يعلن البلدة "منطقة منكوبة"', "شبكة الميزان الإخبارية", "2024-03-14",
        "date line;text agrees"),
    "ufuq-2024-03-14-sidra-floods.txt": (
        "سيول وادي السدرة: ثمانية قتلى وخمسة مفقودين بعد ليلة من الأمطار الغزيرة", "الأفق", "2024-03-14",
        "date line;text agrees"),
    "ufuq-2024-03-15-sidra-followup.txt": (
        "ارتفاع حصيلة سيول وادي السدرة إلى 11 قتيلا والحكومة تقر تعويضات للمتضررين", "الأفق", "2024-03-15",
        "date line;text agrees"),
}


@pytest.fixture(scope="module")
def demo() -> dict[str, list]:
    pipe = Pipeline.default()
    out: dict[str, list] = {}
    for path in sorted(CORPUS.iterdir()):
        for doc in read([str(path)]):
            if isinstance(doc, Document):
                out.setdefault(path.name, []).append(pipe(clean(doc)))
    return out


def _page_lines(name: str) -> list[str]:
    return [ln.strip() for ln in (CORPUS / name).read_text(encoding="utf-8").splitlines() if ln.strip()]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_text_pages_title_outlet_published(demo, name):
    (art,) = demo[name]
    title, outlet, day, evidence = EXPECTED[name]
    assert art.title == title and art.title_evidence.startswith("headline line")
    assert art.outlet == outlet and art.outlet_evidence.startswith("masthead")
    assert art.published.value[:10] == day and art.published.evidence.startswith(evidence), art.published
    assert 0.6 <= art.published.confidence <= 1.0
    assert [r.reason for r in art.removed].count("date line") == 1
    assert "scrape date" not in [r.reason for r in art.removed]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_text_pages_head_and_foot_are_furniture(demo, name):
    """Every line of the page is either a body paragraph (a full sentence) or in removed; the body
    keeps every sentence of the page."""
    (art,) = demo[name]
    paras = [art.text[p.start:p.end] for p in art.paragraphs]
    removed = {r.text for r in art.removed}
    for ln in _page_lines(name):
        assert (ln in paras) != (ln in removed), ln
        if ln in paras:
            assert ln.rstrip("\"'”»)").endswith((".", "؟", "?")) and len(ln.split()) >= 8, ln
    assert all(p.kind == "body" for p in art.paragraphs)


def test_text_pages_reasons(demo):
    reasons = {r.text: r.reason for arts in demo.values() for a in arts for r in a.removed}
    assert reasons["Home / Region / Weather"] == "breadcrumb"
    assert reasons["Share  Tweet  Email"] == "share widget"
    assert reasons["By Coastline Post staff"] == "byline"
    assert reasons["عاجل | ارتفاع حصيلة السيول في وادي السدرة"] == "breaking ticker"
    assert reasons["الكاتب: فريق التحرير"] == "byline"
    assert reasons["كيف تحمي نفسك من السيول؟ دليل مختصر"] == "related articles"
    assert reasons["- بالصور: أسواق الجرف تستعد لشهر رمضان"] == "read more"
    assert reasons["تابعوا الأفق على تلغرام لآخر الأخبار العاجلة"] == "follow prompt"
    assert reasons["لمتابعة آخر المستجدات اشترك في نشرة الميزان اليومية"] == "follow prompt"
    assert reasons["Related: Storm season arrives early across the region"] == "related articles"
    assert reasons["Photo: Rescue teams search the riverbed in Wadi al-Sidra on Thursday. (Coastline Post)"] == "caption"


def test_metadata_pages_keep_their_metadata(demo):
    for name, arts in demo.items():
        if name.endswith((".html", ".xml")):
            for a in arts:
                assert a.title_evidence == "metadata" and a.published.evidence.startswith(("html:", "metadata"))
                assert a.title not in a.text
