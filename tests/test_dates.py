"""Date expressions in Arabic news text: forms, the news reading of tense, Hijri, spans."""
from __future__ import annotations

import pytest

from riwaya.dates.find import find_dates, tense_at
from riwaya.text.normalise import match

REF = "2022-01-13"  # a Thursday


def one(text: str, ref=REF, convention="news"):
    found = find_dates(text, ref, convention)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start:m.end] == m.text
    return m


@pytest.mark.parametrize("text,value,grain", [
    ("وصل الوفد في 13 من كانون الثاني 2022", "2022-01-13", "day"),
    ("بدأ الانسحاب اليوم الخميس 13 يناير (كانون الثاني) من البلاد", "2022-01-13", "day"),
    ("اعتبارا من 13 كانون الثاني/يناير", "2022-01-13", "day"),
    ("خلال زيارته في تشرين الثاني/نوفمبر 2021", "2021-11-01", "month"),
    ("عقد الاجتماع في 5 جانفي 2022", "2022-01-05", "day"),
    ("وقعت الاتفاقية في 3 شتنبر 2021", "2021-09-03", "day"),
    ("جرى ذلك في الثاني عشر من كانون الثاني", "2022-01-12", "day"),
    ("في الحادي والعشرين من ديسمبر الماضي", "2021-12-21", "day"),
    ("وصل أمس الأربعاء إلى العاصمة", "2022-01-12", "day"),
    ("التقى الوزير السبت الماضي نظيره", "2022-01-08", "day"),
    ("غادرت القوات منذ 3 أيام", "2022-01-10", "day"),
    ("أعلنت الوزارة الأسبوع الماضي", "2022-01-03", "week"),
    ("وقعت أعمال العنف مطلع الشهر", "2022-01-01", "day"),
    ("تراجعت الأسعار منتصف مارس الماضي", "2021-03-11", "day"),  # news: days 11-20
    ("استقلت البلاد عام 1991", "1991-01-01", "year"),
    ("قتل 16 عنصرا في 2/1/2022", "2022-01-02", "day"),
])
def test_forms(text, value, grain):
    m = one(text)
    assert (m.value, m.grain) == (value, grain)


def test_intervals_and_deadlines():
    m = one("سيتم سحب القوات في غضون خمسة أيام")
    assert (m.value, m.until, m.grain) == ("2022-01-13", "2022-01-18", "day")
    m = one("نخطط لإكمال العمل بحلول 19 من الشهر الحالي")
    assert m.value == "2022-01-19"
    m = one("تعقد الدورة من 13 إلى 15 تموز 2022")
    assert (m.value, m.until) == ("2022-07-13", "2022-07-16")


def test_eastern_digits_resolve_and_spans_point_into_original():
    text = "وقع الانفجار في ١٣ كانون الثاني ٢٠٢٢ وسط المدينة"
    m = one(text, None)
    assert m.value == "2022-01-13"
    assert m.text == "١٣ كانون الثاني ٢٠٢٢"
    persian = "في ۱۳ يناير ۲۰۲۲"
    assert one(persian, None).value == "2022-01-13"


def test_diacritics_and_tatweel_do_not_break_spans():
    text = "سيعود الوفد غدًا، وقال إنّ الاجتماع عُقد يومَ الخميـس"
    found = find_dates(text, REF)
    assert [f.text for f in found] == ["غدًا", "يومَ الخميـس"]
    assert found[0].value == "2022-01-14" and found[1].value == "2022-01-13"


# -- the news reading: tense decides which way a bare weekday or a yearless date goes ---------------

def test_bare_weekday_past_tense_is_on_or_before_reference():
    assert one("أعلنت الوزارة الأحد أن القوات انسحبت", "2022-01-13").value == "2022-01-09"
    assert one("أعلنت الوزارة الخميس أن القوات انسحبت").value == "2022-01-13"


def test_a_night_named_by_its_two_days_is_one_date():
    m = one("قتل العشرات في اشتباكات ليل الثلاثاء الأربعاء", "2022-01-13")
    assert m.text == "الثلاثاء الأربعاء" and m.value == "2022-01-12"  # the day its small hours fall on
    assert len(find_dates("تجرى الانتخابات الثلاثاء، الأربعاء والخميس", REF, "news")) == 3  # no night cue


def test_bare_weekday_future_tense_is_on_or_after_reference():
    assert one("سيزور الرئيس موسكو الأحد", "2022-01-13").value == "2022-01-16"
    assert one("وقالت المنظمة إن العملية ستبدأ الخميس").value == "2022-01-13"
    assert one("وسوف يلتقي الوفد الاثنين بنظيره").value == "2022-01-17"


def test_duckling_convention_reads_bare_weekday_forward():
    assert one("أعلنت الوزارة الأحد", "2022-01-13", "duckling").value == "2022-01-16"
    assert one("الخميس", "2022-01-13", "duckling").value == "2022-01-20"


def test_yearless_date_follows_tense():
    assert one("وصلت القوات في 20 ديسمبر", "2022-01-13").value == "2021-12-20"
    assert one("ستصل القوات في 20 ديسمبر", "2022-01-13").value == "2022-12-20"
    assert one("من المقرر أن تنتهي قبل 22 يناير", "2022-01-13").value == "2022-01-22"


def test_reporting_verbs_do_not_set_the_event_tense():
    # "said" dates the statement, not the meeting it announces
    m = one("وقالت المتحدثة إن اجتماع 12 يوليو، الذي سيجري في سنغافورة، مهم", "2018-07-07")
    assert m.value == "2018-07-12"
    m = one("وجرت مراسم سيامة الأسقفة في الكاتدرائية، السبت", "2018-05-13")
    assert m.value == "2018-05-12"  # سيامة is a noun, not a future verb


def test_tense_cues():
    f = match("وقالت المنظمة، إن وحدة حفظ السلام ستستغرق 10 أيام، وإن العملية ستبدأ الخميس.")
    i = f.index("الخميس")
    assert tense_at(f, i, i + 6) == "future"
    f = match("أعلنت وزارة الدفاع، الخميس، أن قواتها بدأت الانسحاب.")
    i = f.index("الخميس")
    assert tense_at(f, i, i + 6, weekday=True) == "past"  # a reporting verb dates a bare weekday
    assert tense_at(f, i, i + 6) is None  # not a yearless date's event; the clause after is another
    f = match("سياسة الحكومة الخميس")  # a noun starting with سي is not a future verb
    assert tense_at(f, f.index("الخميس"), len(f)) != "future"


def test_tense_reads_each_dates_own_sentence_in_a_long_text():
    # many dates in one text: each reads its own sentence (and the search stays near the date, so
    # a text with thousands of dates is not quadratic: an 11 MB file once took hours)
    past, future = "أعلنت الوزارة، الخميس، أن قواتها بدأت الانسحاب. ", "وقالت إن العملية ستبدأ الخميس. "
    text = (past + future) * 300
    found = find_dates(text, "2022-01-12")
    assert len(found) == 600
    assert [m.value for m in found[:2]] == ["2022-01-06", "2022-01-13"]
    assert {m.value for m in found[::2]} == {"2022-01-06"} and {m.value for m in found[1::2]} == {"2022-01-13"}
    f = match("ستبدأ " + "كلمة " * 400 + "الخميس")  # a cue beyond the reach, in one unbroken sentence
    assert tense_at(f, f.index("الخميس"), len(f)) is None


# -- Hijri ---------------------------------------------------------------------------------------

def test_hijri_dates_and_holidays_convert():
    assert one("صدر القرار في 15 رمضان 1443 هـ", None).value == "2022-04-16"
    m = one("خلال شهر رمضان 2019", None)
    assert (m.value, m.until) == ("2019-05-06", "2019-06-04")
    assert one("احتفل المسلمون بعيد الأضحى", "2013-11-01").value == "2013-10-15"
    assert one("يحتفل المسلمون بعيد الفطر المقبل", "2013-02-12", "duckling").value == "2013-08-08"


# -- what is not a date ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "مؤلفة من 2030 جنديًا من روسيا",
    "وفقا لما ذكرته شبكة روسيا اليوم",
    "لا فرق بين الاثنين في ذلك",
    "وأوضح رمضان أنه لم يحلم بذلك",
    "تحالف قوى 14 آذار",
    "مارس الرياضة بانتظام",
    "حب",
])
def test_not_dates(text):
    assert find_dates(text, REF) == ()


def test_without_reference_only_self_contained_dates_resolve():
    text = "أعلن الرئيس الأربعاء 12 من كانون الثاني، وغادرت القوات أمس، وفي 6 يناير وصلت، عام 1991."
    found = find_dates(text, None, bound=__import__("datetime").date(2026, 1, 1))
    assert [(f.text, f.value) for f in found] == [("الأربعاء 12 من كانون الثاني", "2022-01-12"),
                                                  ("عام 1991", "1991-01-01")]


def test_times_attach_to_days():
    m = one("يدلي الوزير بشهادته الخميس عند الساعة 10:30 صباحا")
    assert (m.value, m.grain) == ("2022-01-13T10:30", "minute")


def test_no_input_makes_it_raise():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءأإآ ،.:/-()0123456789٠١٢٣٤٥٦٧٨٩ًٌٍَُِّْـ\n")
                               + ["الخميس", "كانون الثاني", "13", "2022", "اليوم", "من", "الى", "الساعة", "رمضان",
                                  "عام", "منذ", "شهر", "الماضي", "أول", "ثالث", "ثلاثاء", "هـ", "/"])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(alphabet, max_size=40).map(" ".join), st.sampled_from([None, "2022-01-13", "1930-02-01"]),
           st.sampled_from(["news", "duckling"]))
    def check(text, ref, conv):
        for m in find_dates(text, ref, conv):
            assert text[m.start:m.end] == m.text
            assert m.grain in ("minute", "hour", "day", "week", "month", "year")

    check()


def test_unknown_convention_is_an_error():
    with pytest.raises(ValueError):
        find_dates("اليوم", REF, "assistant")


def test_dates_glued_without_spaces_are_found():
    # no spaces for megabytes (a scraped table row) once made the window search quadratic; now a
    # stretch this dense is parsed in windows of a few thousand characters, and a date cut by a
    # window's end may be lost (one per window at most)
    long = "-".join(f"2024/01/{d:02d}" for _ in range(200) for d in range(1, 29))  # one 61,599-character word
    found = find_dates(long, "2024-02-01")
    assert [m.value for m in found[:3]] == ["2024-01-01", "2024-01-02", "2024-01-03"]
    assert 5600 - len(long) // 4000 - 1 <= len(found) <= 5600
