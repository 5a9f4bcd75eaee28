"""The date data files are complete and consistent; the fast fold equals the normaliser's."""
from __future__ import annotations

from datetime import date

from riwaya.data import load_json
from riwaya.dates.find import fold
from riwaya.dates.lexicon import fold_tokens, lexicon, tokenize
from riwaya.text.normalise import match, match_with_offsets


def _toks(text: str) -> tuple[str, ...]:
    return tuple(t for t, _, _ in tokenize(match(text)))


def test_dates_months_json():
    d = load_json("dates_months.json")
    assert sorted(map(int, d["gregorian"])) == list(range(1, 13))
    assert sorted(map(int, d["hijri"])) == list(range(1, 13))
    names = {n for v in d["gregorian"].values() for n in v}
    # every regional naming of January is there
    for n in ("يناير", "كانون الثاني", "جانفي"):
        assert n in names
    for n in d["ambiguous"]:
        assert n in names
    lex = lexicon()
    assert lex.phrases[fold_tokens("كانون الثاني")]["month"] == 1
    assert lex.phrases[fold_tokens("تشرين الأول")]["month"] == 10
    assert lex.phrases[fold_tokens("ذو الحجة")]["hmonth"] == 12


def test_dates_words_json():
    d = load_json("dates_words.json")
    assert sorted(map(int, d["weekdays"])) == list(range(7))
    # weekday numbers are Python's: 13 January 2022 was a Thursday
    assert "الخميس" in d["weekdays"][str(date(2022, 1, 13).weekday())]
    lex = lexicon()
    for n, words in ((13, "الثالث عشر"), (21, "الحادي والعشرون"), (31, "الحادي والثلاثين"), (2, "الثانية")):
        assert lex.phrases[_toks(words)]["ord"] == n
    assert lex.phrases[_toks("خمس وأربعون")]["card"] == 45
    assert all(isinstance(v, int) for v in d["relative_days"].values())
    assert set(d["modifiers"]) == {"past", "next", "this"}


def test_dates_times_json():
    d = load_json("dates_times.json")
    assert sorted(map(int, d["hour_ordinals"])) == list(range(1, 13))
    assert set(d["day_parts"]) == {"am", "noon", "pm"}
    assert all(isinstance(v, (int, float)) for v in d["zones"].values())


def test_dates_holidays_json():
    d = load_json("dates_holidays.json")
    for name, (m, day, length) in d["hijri"].items():
        assert 1 <= m <= 12 and 1 <= day <= 30 and length in (0, 1), name
    for name, (m, day) in d["fixed"].items():
        assert date(2020, m, day), name
    assert "رمضان" in d["ambiguous"]


def test_dates_tense_json():
    d = load_json("dates_tense.json")
    assert "سوف" in d["future_words"] and d["past_words"]
    assert "سيكون" not in d["not_future"]  # a future verb must not be listed as a noun


def test_fold_equals_match_with_offsets():
    samples = ["", "اليوم الخميس ١٣ كانون الثاني", "غدًا يومَ الخميـس\u200f", "İstanbul ΑΣ 2022", "ﻻ آ\u0670"]
    for s in samples:
        a, b = fold(s), match_with_offsets(s)
        assert a[0] == b[0] and list(a[1]) == list(b[1]), s
