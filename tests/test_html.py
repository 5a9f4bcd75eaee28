"""HTML pages -> Documents: main text without page furniture, metadata, page date with evidence.

The pages here are small fixtures written for these tests (no text copied from ../shared)."""
from __future__ import annotations

import re

import pytest

from riwaya.data import load_json
from riwaya.ingest import html, html_date, html_extract, read
from riwaya.model import Removed, Source

BODY = [
    "أعلنت وزارة الصحة في بيان رسمي صدر صباح اليوم الخميس عن افتتاح ثلاثة مستشفيات جديدة في المحافظات "
    "الجنوبية، وذلك ضمن خطة الحكومة لتوسيع الخدمات الطبية وتخفيف الضغط عن المستشفيات القائمة في العاصمة.",
    "وقال وزير الصحة في مؤتمر صحفي إن المستشفيات الجديدة ستستقبل المرضى ابتداء من الشهر المقبل، وإن "
    "الوزارة عينت أكثر من خمسمئة طبيب وممرض للعمل فيها بعد تدريبهم على الأجهزة الحديثة التي وصلت مؤخرا.",
    "وأضاف الوزير أن كلفة المشروع بلغت نحو مئتي مليون دولار، مولت الحكومة نصفها وقدمت جهات مانحة النصف "
    "الآخر، مشيرا إلى أن العمل جار على إنشاء مستشفيين آخرين في الشمال خلال العام الحالي.",
    "ورحب سكان المنطقة بالخطوة، إذ كانوا يقطعون مسافات طويلة للوصول إلى أقرب مستشفى، وقال أحدهم إن "
    "الرحلة كانت تستغرق أكثر من ثلاث ساعات في الطريق الصحراوي، خاصة في فصل الشتاء حين تسوء الأحوال.",
]
NAV = ["الرئيسية", "سياسة", "اقتصاد", "رياضة", "منوعات"]
RELATED = ["الحكومة تقر موازنة العام المقبل بعجز أقل", "ارتفاع أسعار الذهب في الأسواق المحلية",
           "منتخب الشباب يتأهل إلى نهائي البطولة العربية"]
FOOTER = "جميع الحقوق محفوظة لصحيفة الأخبار اليومية 2022"


def arabic_page(charset: str = "utf-8", jsonld: str = "", meta_date: str = "2022-01-13T09:30:00+02:00") -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in BODY[:2])
    paras += f'\n<p>اقرأ أيضا: {RELATED[0]}</p>\n' + "\n".join(f"<p>{p}</p>" for p in BODY[2:])
    nav = "".join(f'<li><a href="/s{i}">{n}</a></li>' for i, n in enumerate(NAV))
    related = "".join(f'<li><a href="/a{i}">{t}</a></li>' for i, t in enumerate(RELATED))
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>
<meta charset="{charset}">
<title>افتتاح ثلاثة مستشفيات جديدة في الجنوب | الأخبار اليومية</title>
<meta property="og:title" content="افتتاح ثلاثة مستشفيات جديدة في الجنوب">
<meta property="og:site_name" content="الأخبار اليومية">
<meta name="author" content="سارة أحمد">
<meta property="article:published_time" content="{meta_date}">
<link rel="canonical" href="https://akhbar.example/health/2022/01/hospitals">
{jsonld}
</head><body>
<header><div class="logo">الأخبار اليومية</div><nav><ul>{nav}</ul></nav></header>
<main><article>
<h1>افتتاح ثلاثة مستشفيات جديدة في الجنوب</h1>
<div class="byline">سارة أحمد</div>
{paras}
</article>
<aside class="related"><h3>أخبار ذات صلة</h3><ul>{related}</ul></aside>
<section id="comments"><h3>التعليقات</h3><form><textarea></textarea><button>أضف تعليقا</button></form></section>
</main>
<footer><p>{FOOTER}</p><ul><li><a href="/about">من نحن</a></li><li><a href="/contact">اتصل بنا</a></li></ul></footer>
</body></html>"""


def _doc(page: str, url: str | None = None):
    return html.read(Source("page.html"), page, url=url)


def test_arabic_page_main_text_without_furniture():
    doc = _doc(arabic_page())
    for p in BODY:
        assert p in doc.body
    paragraphs = doc.body.split("\n\n")
    assert all(p in paragraphs for p in BODY), "each body paragraph is its own blank-line separated block"
    for furniture in NAV + RELATED[1:] + [FOOTER, "من نحن", "اتصل بنا", "أضف تعليقا"]:
        assert furniture not in doc.body
    assert "اقرأ أيضا" not in doc.body
    assert any(r.reason == "read more link" and r.text.startswith("اقرأ أيضا") for r in doc.extra["removed"])
    assert all(isinstance(r, Removed) for r in doc.extra["removed"])


def test_arabic_page_metadata_fields():
    doc = _doc(arabic_page())
    assert doc.format == "html"
    assert doc.title == "افتتاح ثلاثة مستشفيات جديدة في الجنوب"
    assert doc.outlet == "الأخبار اليومية" and doc.extra["outlet_evidence"] == "html:sitename"
    assert doc.author == "سارة أحمد"
    assert doc.url == "https://akhbar.example/health/2022/01/hospitals"
    assert doc.language == "ar"
    assert doc.published == "2022-01-13T09:30:00+02:00"
    assert doc.published_evidence.startswith("html:meta:article:published_time (2022-01-13T09:30:00+02:00)")
    assert doc.extra["extraction"].startswith("trafilatura:")


def test_url_argument_wins_and_outlet_falls_back_to_host():
    page = arabic_page().replace('<meta property="og:site_name" content="الأخبار اليومية">', "")
    doc = _doc(page, url="https://www.example.org/x")
    assert doc.url == "https://www.example.org/x"
    assert (doc.outlet, doc.extra["outlet_evidence"]) == ("akhbar.example", "html:hostname")  # canonical link
    page = page.replace('<link rel="canonical" href="https://akhbar.example/health/2022/01/hospitals">', "")
    doc = _doc(page, url="https://www.example.org/x")
    assert (doc.outlet, doc.extra["outlet_evidence"]) == ("example.org", "html:hostname")


def test_windows_1256_page(tmp_path):
    data = arabic_page(charset="windows-1256").encode("cp1256")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    path = tmp_path / "page.html"
    path.write_bytes(data)
    docs = list(read([str(path)]))
    assert len(docs) == 1 and not isinstance(docs[0], Exception), docs
    doc = docs[0]
    assert doc.format == "html"
    for p in BODY:
        assert p in doc.body
    assert doc.title == "افتتاح ثلاثة مستشفيات جديدة في الجنوب"


JSONLD = """<script type="application/ld+json; charset=utf-8">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "الأخبار اليومية", "datePublished": "2015-03-01"},
  {"@type": "WebPage", "@id": "https://akhbar.example/health/2022/01/hospitals", "datePublished": "2021-12-30"},
  {"@type": "NewsArticle", "headline": "افتتاح ثلاثة مستشفيات جديدة في الجنوب",
   "datePublished": "2022-01-13T20:15:00+02:00", "dateModified": "2022-01-20T08:00:00+02:00"}]}
</script>"""


def test_jsonld_date_wins_with_evidence():
    doc = _doc(arabic_page(jsonld=JSONLD, meta_date="2022-01-20T08:00:00+02:00"))
    assert doc.published == "2022-01-13T20:15:00+02:00"
    assert doc.published_evidence.startswith("html:jsonld:datePublished (2022-01-13T20:15:00+02:00)")
    assert doc.source.published in (None, doc.published)


def test_no_structured_date_falls_back_to_htmldate():
    page = arabic_page(meta_date="").replace('<meta property="article:published_time" content="">', "")
    page = page.replace("<h1>", "<p class='date'>13 January 2022</p><h1>")
    doc = _doc(page)
    assert doc.published and doc.published.startswith("2022-01-13")
    assert doc.published_evidence.startswith("html:htmldate")


def test_page_without_text_is_an_error():
    from riwaya.errors import EmptyInput, MalformedInput

    with pytest.raises(EmptyInput):
        _doc("<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>")
    with pytest.raises(MalformedInput):
        _doc("just words, no markup")


# ---------------------------------------------------------------- dates -------------------------

@pytest.mark.parametrize("raw, value", [
    ("2022-01-13", "2022-01-13"),
    ("2022-1-5 22:17:36", "2022-01-05T22:17:36"),
    ("2022-05-04T03:37:37Z", "2022-05-04T03:37:37+00:00"),
    ("2020-02-19T20:02:00+0200", "2020-02-19T20:02:00+02:00"),
    ("2019-10-15T16:59:59.000Z", "2019-10-15T16:59:59+00:00"),
    ("Wed, 04 May 2022 02:41:00 GMT", "2022-05-04T02:41:00+00:00"),
    ("2022-02-30", None), ("1850-01-01", None), ("yesterday", None), ("", None), (None, None),
])
def test_parse_value(raw, value):
    assert html_date.parse_value(raw) == value


def _tree(page: str):
    from trafilatura.utils import load_html

    return load_html(page)


def test_utc_value_next_to_htmldate_day_is_read_as_local_day():
    page = '<html><head><meta property="article:published_time" content="2022-05-04T00:44:52Z"></head><body><p>x</p></body></html>'
    got = html_date.page_date(_tree(page), htmldate_value="2022-05-03")
    assert got.value == "2022-05-03" and "local day of meta:article:published_time" in got.evidence
    # the same day from htmldate agrees; a midday UTC value cannot be another local day
    assert html_date.page_date(_tree(page), htmldate_value="2022-05-04").value == "2022-05-04T00:44:52+00:00"
    noon = page.replace("00:44:52Z", "12:25:36Z")
    assert html_date.page_date(_tree(noon), htmldate_value="2022-05-03").value == "2022-05-04T12:25:36+00:00"
    # an explicit local offset is the page's own day
    local = page.replace("00:44:52Z", "00:44:52-03:00")
    assert html_date.page_date(_tree(local), htmldate_value="2022-05-03").value.startswith("2022-05-04")


def test_no_date_is_none_not_a_guess():
    got = html_date.page_date(_tree("<html><body><p>لا تاريخ هنا</p></body></html>"), htmldate_value=None)
    assert got.value is None and got.evidence is None


def test_date_cues_data_file():
    cues = load_json("html_date_cues.json")
    assert "NewsArticle" in cues["jsonld_article_types"]
    assert cues["meta_names"][0] == "article:published_time"
    assert len(set(n.lower() for n in cues["meta_names"])) == len(cues["meta_names"])


# ---------------------------------------------------------------- furniture ---------------------

@pytest.mark.parametrize("line, reason", [
    ("اقرأ أيضا: الحكومة تقر الموازنة", "read more link"),
    ("Read more: Markets fall for a third day", "read more link"),
    ("Lea también: Impiden ingreso a un periodista", "read more link"),
    ("À lire aussi » Une enquête", "read more link"),
    ("أخبار ذات صلة", "related block heading"),
    ("You may also like...", "related block heading"),
    ("12 Comments", "comments widget"),
    ("أضف تعليقا", "comments widget"),
    ("Sign up for the Daily newsletter", "subscription prompt"),
    ("Follow us on Twitter and Facebook", "follow prompt"),
    ("تابعونا على فيسبوك وتويتر", "follow prompt"),
    ("Photo: Reuters", "photo credit"),
    ("© 2022 Example News. All rights reserved.", "copyright line"),
    ("جميع الحقوق محفوظة 2022", "copyright line"),
    ("Advertisement", "advertisement label"),
    ("5 min read", "reading time"),
])
def test_furniture_lines(line, reason):
    assert html_extract.furniture_reason(line) == reason


@pytest.mark.parametrize("line", BODY + [
    "Read more about the plan in the ministry's report, which describes in detail how the hospitals will be "
    "staffed, equipped and funded over the next three years, and what patients should expect from them.",
    "Millions of people subscribe to the service, the company said on Tuesday.",
    "وقال إن التعليقات التي نشرت على مواقع التواصل لا تعكس موقف الحكومة من المشروع.",
    "Photographs of the damage were shared widely.",
])
def test_body_lines_are_kept(line):
    assert html_extract.furniture_reason(line) is None


def test_furniture_data_file():
    data = load_json("html_furniture.json")
    assert data["cues"], "cues"
    for reason, spec in data["cues"].items():
        assert isinstance(spec["max_words"], int) and spec["max_words"] > 0, reason
        for p in spec["patterns"]:
            re.compile(p)


def test_short_precision_result_falls_back_to_default(monkeypatch):
    class Doc:
        def __init__(self, text):
            self.text = text

    monkeypatch.setattr(html_extract, "_run",
                        lambda page, url, precision: Doc("one two" if precision else " ".join(["word"] * 50)))
    ex = html_extract.extract("<html><body><p>x</p></body></html>")
    assert ex.text.split() == ["word"] * 50 and ex.method.startswith("trafilatura:default")
    monkeypatch.setattr(html_extract, "_run",
                        lambda page, url, precision: Doc(" ".join(["w"] * 300) if precision else "a " * 900))
    assert html_extract.extract("<html></html>").method == "trafilatura:precision"


def test_word_count_for_scripts_without_spaces():
    assert html_extract._words("كلمة أخرى ثالثة") == 3
    assert html_extract._words("子どもへの虐待をなくすための法律") == 8
    assert html_extract._words("") == 0


def test_page_of_furniture_only_is_no_article():
    page = ("<html><body><article><p>Advertisement</p><p>12 Comments</p><p>Share</p>"
            "<p>Follow us on Twitter</p></article></body></html>")
    assert html_extract.extract(page) is None


def test_text_after_hundreds_of_unclosed_tags_is_kept():
    # old Arabic sites leave <font> unclosed; past libxml2's default depth (256) the rest of the
    # page used to vanish without a word
    page = ("<html><head><meta charset='utf-8'><title>خبر</title></head><body>"
            + "".join(f"<p>{p}</p>" for p in BODY[:2]) + "<font>" * 400
            + "".join(f"<p>{p}</p>" for p in BODY[2:]) + "</body></html>")
    doc = html.read(Source("deep.html"), page)
    assert BODY[0][:40] in doc.body and BODY[3][:40] in doc.body
