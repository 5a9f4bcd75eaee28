"""The typed values the date parser hands the resolver (``dates/forms.py``): what the words said,
one frozen value per expression, and the resolver's dispatch on their types."""
from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest

from riwaya.dates.find import expressions, make_ref, tensed
from riwaya.dates.forms import (Clock, DateParts, DaySpec, Duration, HijriMonth, HijriYear, Month, MonthShift, Now,
                                Nth, Period, Span, Tonight, UntilClock, Weekday, Year, YearShift)
from riwaya.dates.resolve import resolve

REF = make_ref("2022-01-13")  # a Thursday


def spec(text: str):
    found = list(expressions(text))
    assert len(found) == 1, found
    return found[0].expr.spec


def test_calendar_dates_are_parts_with_typed_month_and_year():
    s = spec("تعقد الدورة من 13 إلى 15 تموز 2022")
    assert s == DaySpec(DateParts(13, Month(7), Year(2022), until_day=15))
    s = spec("في 13 كانون الثاني 2022 - 2 شباط 2022")
    assert s.date.until == DateParts(2, Month(2), Year(2022))
    assert spec("في 21/09/2013 صباحا").date == DateParts(21, Month(9), Year(2013), numeric=True)
    assert spec("في 5 رمضان 1443 هـ").date == DateParts(5, HijriMonth(9), HijriYear(1443))
    assert spec("تراجعت الأسعار منتصف مارس الماضي").date.month == Month(3, direction="past")
    assert spec("أعلنت الوزارة الشهر الماضي").date.month == MonthShift(-1)
    assert spec("وقعت أعمال العنف مطلع العام الماضي").date.year == YearShift(-1)


def test_days_carry_weekday_nth_and_time():
    s = spec("يدلي الوزير بشهادته الخميس عند الساعة 10:30 صباحا")
    assert s.weekday == Weekday(3) and s.time == Clock(10, 30, dpart="am")
    assert spec("التقى الوزير السبت الماضي نظيره").weekday == Weekday(5, direction="past")
    s = spec("في آخر اثنين من شهر آذار")
    assert s.nth == Nth(-1) and s.weekday.day == 0 and s.date.month == Month(3)
    assert spec("وصل أمس الأربعاء إلى العاصمة").rel_day == -1


def test_forms_relative_to_the_reference():
    assert spec("أعلنت الوزارة الأسبوع الماضي") == Period("week", -1)
    assert spec("غادرت القوات منذ 3 أيام") == Duration("day", 3, "ago")
    assert isinstance(spec("الان"), Now)
    assert isinstance(spec("الليلة"), Tonight)
    assert isinstance(spec("حتى الساعة الثانية"), UntilClock)
    assert isinstance(spec("خلال الأيام الثلاثة المقبلة"), Span)


def test_values_are_frozen_and_hashable():
    s = spec("في 13 كانون الثاني 2022")
    with pytest.raises(FrozenInstanceError):
        s.rel_day = 0  # type: ignore[misc]
    assert hash(s) == hash(DaySpec(DateParts(13, Month(1), Year(2022))))


def test_resolver_dispatches_on_type():
    assert resolve(DaySpec(DateParts(year=Year(1991))), REF).value == "1991-01-01"
    assert resolve(DaySpec(DateParts(year=YearShift(-1))), REF).value == "2021-01-01"
    assert resolve(DaySpec(time=Clock(15)), REF).value == "2022-01-13T15:00"  # a bare time is today's
    assert resolve(Period("month", 1), REF).value == "2022-02-01"
    assert resolve(Now(), make_ref(None)) is None  # nothing without a reference
    assert resolve(DaySpec(DateParts(13, Month(1))), make_ref(None)) is None


def test_tense_decides_only_what_nothing_else_places():
    assert tensed(DaySpec(weekday=Weekday(3)))
    assert tensed(DaySpec(DateParts(13, Month(1))))
    assert not tensed(DaySpec(DateParts(13, Month(1), Year(2022))))
    assert not tensed(DaySpec(weekday=Weekday(3, direction="past")))
    assert not tensed(DaySpec(DateParts(13, MonthShift(0))))
    assert not tensed(Period("week", 0))
