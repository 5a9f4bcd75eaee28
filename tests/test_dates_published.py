"""Publication dates read from the seeds' own words, on raw text and through the stages."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from conftest import shared_path
from riwaya.dates.published import infer, upper_bound
from riwaya.model import Removed

EXPECTED = {"000": "2022-01-13", "002": "2022-01-13", "003": "2022-01-13", "004": "2022-01-06", "001": None}


def _seed(prefix: str) -> str:
    d = shared_path("corpora", "seeds")
    (path,) = d.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_published_from_raw_text(prefix):
    pub = infer(_seed(prefix))
    assert pub.value == EXPECTED[prefix], pub
    if pub.value:
        assert pub.confidence >= 0.5 and pub.evidence != "none" and pub.text
    else:
        assert pub.confidence == 0.0


def test_masthead_date_is_an_upper_bound_not_the_date():
    text = _seed("004")
    bound, src = upper_bound(text)
    assert bound == date(2024, 12, 23) and src.startswith("scrape date")
    assert infer(text).value == "2022-01-06"


def test_scrape_date_from_cleaning_bounds_weekday_pinning():
    text = "أعلن الرئيس اليوم، الخميس 13 من كانون الثاني، انسحاب القوات."
    assert infer(text, today=date(2026, 11, 22)).value == "2022-01-13"
    # scraped in 2021: the latest Thursday 13 January not after it is in 2011
    removed = (Removed("الإثنين 23 ديسمبر 2021", "scrape date"),)
    assert infer(text, removed, today=date(2026, 11, 22)).value == "2011-01-13"


def test_dateline_moved_to_removed_still_counts():
    removed = (Removed("(پاکستان پوائنٹ نیوز / سبوتنيك - 13 كانون الثاني 2022ء)", "dateline"),)
    assert infer("بحث الرئيسان الأحداث.", removed).value == "2022-01-13"


def test_no_pinning_words_means_unknown():
    pub = infer("بدأت القوات يوم الخميس انسحابها، وكانت وصلت في 6 يناير ويجب أن تنتهي قبل 22 يناير.")
    assert pub.value is None and pub.evidence == "none"


def test_today_weekday_with_a_matching_full_date():
    text = "أرسلت المنظمة اليوم الخميس قوات. وقالت إن القرار اتخذ يوم 6 يناير 2022. وفي 3 يناير 2022 بدأت الاحتجاجات."
    pub = infer(text)
    assert pub.value == "2022-01-06" and pub.evidence == "text:today-weekday+date"


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_through_the_stages(prefix):
    from riwaya.ingest import read
    from riwaya.model import Published
    from riwaya.pipeline import Pipeline, registered
    from riwaya.text.clean import clean

    d = shared_path("corpora", "seeds")
    (path,) = d.glob(f"{prefix}_*.txt")
    (doc,) = [x for x in read([str(path)])]
    art = clean(doc).evolve(published=Published())
    reg = registered()
    out = Pipeline([reg["sentences"], reg["dates"], reg["published"]])(art)
    assert out.published.value == EXPECTED[prefix], out.published
    for m in out.layer("dates"):
        assert out.text[m.start:m.end] == m.text
    if EXPECTED[prefix]:
        # relative dates resolve against the inferred date: every "today" is that day
        todays = [m for m in out.layer("dates") if m.text.startswith("اليوم") and m.grain == "day"]
        assert todays and all(m.value == EXPECTED[prefix] for m in todays)
    else:
        assert all("year" in m.evidence or "weekday-pinned" in m.evidence for m in out.layer("dates"))


def test_date_line_agreeing_with_the_text_is_the_publication_date():
    from riwaya.dates.published import judge

    text = "عثرت فرق الإنقاذ فجر اليوم الجمعة على جثتين، وكان المجلس قد اجتمع مساء أمس الخميس."
    pub, removed = judge(text, (Removed("الجمعة 15/03/2024 - 09:15", "date line"),), today=date(2026, 1, 1))
    assert pub.value == "2024-03-15T09:15" and pub.evidence.startswith("date line;text agrees") and pub.confidence >= 0.85
    assert pub.text == "الجمعة 15/03/2024 - 09:15" and removed[0].reason == "date line"


def test_date_line_contradicted_by_the_text_is_only_a_scrape_date():
    from riwaya.dates.published import judge

    text = "أرسلت المنظمة اليوم الخميس قوات. وقالت إن القرار اتخذ يوم 6 يناير 2022."
    pub, removed = judge(text, (Removed("الإثنين 23 ديسمبر 2024", "date line"),), today=date(2026, 1, 1))
    assert removed == (Removed("الإثنين 23 ديسمبر 2024", "scrape date"),)
    assert pub.value == "2022-01-06" and not pub.evidence.startswith("date line")
    # a past-tense full date after the line contradicts it too
    text = "وكان الرئيس قد أعلن في 20 مارس 2024 عن الخطة."
    pub, removed = judge(text, (Removed("الخميس 14 مارس 2024", "date line"),), today=date(2026, 1, 1))
    assert removed[0].reason == "scrape date" and pub.value is None


def test_english_and_update_date_lines():
    from riwaya.dates.published import judge, line_day

    assert line_day("Published March 14, 2024", date(2026, 1, 1))[0] == date(2024, 3, 14)
    assert line_day("Updated: 5 June 2023", date(2026, 1, 1))[0] == date(2023, 6, 5)
    pub, _ = judge("Officials said the dam was sound.", (Removed("Published March 14, 2024", "date line"),))
    assert (pub.value, pub.evidence, pub.confidence) == ("2024-03-14", "date line", 0.7)
    pub, _ = judge("قالت الوزارة إن السد سليم.", (Removed("آخر تحديث: 14/03/2024 - 11:42", "date line"),))
    assert pub.value == "2024-03-14T11:42" and pub.confidence < 0.7 and "updated" in pub.evidence


def test_a_date_line_keeps_its_clock_time_only_right_after_its_day():
    from riwaya.dates.published import judge, line_day_time, line_time

    bound = date(2026, 1, 1)
    assert line_day_time("الخميس 14 مارس 2024 - 13:30 | 04 رمضان 1445", bound)[2] == "13:30"
    assert line_day_time("نشر في: 14 مارس 2024 - 06:05 مساء", bound)[2] == "18:05"
    assert line_day_time("Published March 14, 2024, 2:05 pm", bound)[2] == "14:05"
    assert line_day_time("Published March 14, 2024", bound)[2] is None
    assert line_day_time("الخميس 14 مارس 2024 | 04 رمضان 1445", bound)[2] is None
    assert line_time("14 مارس 2024 حوالي الساعة الثالثة", 12) is None  # words between: not the line's time
    pub, _ = judge("قال الدفاع المدني إن البحث مستمر.", (Removed("الخميس 14 مارس 2024 - 13:30", "date line"),), today=bound)
    assert pub.value == "2024-03-14T13:30" and pub.evidence.endswith(";time")


def test_date_line_through_the_stages_relabels_a_rejected_line():
    from riwaya.pipeline import Pipeline, registered

    doc_text = "الإثنين 23 ديسمبر 2024\nصحيفة الوادي\nالحكومة تقر خطة لدعم المزارعين\n" \
               "أرسلت المنظمة اليوم الخميس قوات إلى البلاد بعد أيام من الاضطرابات الواسعة."
    from riwaya.model import Document, Source
    from riwaya.text.clean import clean

    art = clean(Document(source=Source("t.txt"), body=doc_text, format="text"))
    reg = registered()
    pipe = Pipeline([reg["sentences"], reg["dates"], reg["published"]])
    # the date sits under the masthead just above the headline: a candidate, which the text contradicts
    assert ("الإثنين 23 ديسمبر 2024", "scrape date") in [(r.text, r.reason) for r in art.removed]
    art2 = clean(Document(source=Source("t.txt"), body=doc_text.replace("الإثنين 23 ديسمبر 2024\nصحيفة الوادي",
                                                                          "صحيفة الوادي\nالإثنين 23 ديسمبر 2024"),
                          format="text"))
    assert ("الإثنين 23 ديسمبر 2024", "date line") in [(r.text, r.reason) for r in art2.removed]
    out = pipe(art2)
    assert ("الإثنين 23 ديسمبر 2024", "scrape date") in [(r.text, r.reason) for r in out.removed]
    assert out.published.value != "2024-12-23"


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789:/-| ،الخميسمارسPublished March, pm")), max_size=60))
def test_line_day_time_never_raises(line):
    from riwaya.dates.published import line_day_time

    got = line_day_time(line, date(2026, 1, 1))
    assert got is None or got[2] is None or len(got[2]) >= 5
