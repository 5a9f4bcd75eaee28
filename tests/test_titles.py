"""A story's title for readers: the most central headline in the story's main language."""
from __future__ import annotations

from riwaya.model import Article, Event, Story
from riwaya.report.titles import central_title


def _a(i, title, lang):
    return Article(i, "نص", (), title=title, language=lang)


def test_an_arabic_story_gets_its_most_central_arabic_headline():
    arts = {a.id: a for a in [
        _a("v", "Video: floods in the valley", "en"),  # the first article, another language
        _a("r", "ردود فعل دولية على الكارثة", "ar"),  # a reaction, sharing few words
        _a("m", "سيول تقتل تسعة في وادي السدرة وتشرد مئات العائلات", "ar"),
        _a("n", "تسعة قتلى في سيول وادي السدرة", "ar"),
        _a("o", "ارتفاع قتلى سيول وادي السدرة إلى تسعة", "ar"),
    ]}
    story = Story("s", "Video: floods in the valley", (Event("e", "Video: floods in the valley", tuple(arts)),))
    assert central_title(story, arts) in {arts["n"].title, arts["o"].title, arts["m"].title}
    assert central_title(story, {}) == story.title  # nothing to choose from: the engine's name stays
