"""Publication dates read from the seeds' own words, on raw text and through the stages."""
from __future__ import annotations

from datetime import date

import pytest

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
