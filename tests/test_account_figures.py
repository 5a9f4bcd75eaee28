"""General rules of the account's measure grouping (helper h-conf2): an article giving several
figures of one measure is compared on its headline; a figure's own day and place; "more than" is
exclusive; a verb after a figure is its predicate; an exact figure of someone's own plural is a part."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from riwaya.account.build import account
from riwaya.account.compare import compare
from riwaya.account.splits import split_incomparable
from riwaya.account.facts import FactMention, Measure, measures, read
from riwaya.model import Article, Published, Source
from riwaya.pipeline import Pipeline


def m(article, value, q="exact", start=0, as_of="2024-03-14", key="killed"):
    return FactMention(article, article, start, start + 1, "x", value, value, value, q, as_of, key, "quantity",
                       (0, 1), "")


def _article(text: str, aid: str, published: str = "2024-03-14T10:00:00+00:00") -> Article:
    a = Article(id=aid, text=text, sources=(Source(path="t"),), outlet=aid,
                published=Published(published, "metadata", 1.0))
    return Pipeline.default()(a)


def _keys(*arts) -> dict[tuple[str, int], str]:
    return {(x.article, x.text): mm.what for mm in measures([read(a) for a in arts]) for x in mm.mentions}


def test_an_article_with_several_figures_is_compared_on_its_headline():
    # a: 70 in its lead, then another source's 150 and an earlier 40; b (same time): 150
    ms = split_incomparable([Measure("f1", "quantity", "killed", (m("a", 70, start=5), m("a", 150, start=900),
                                                                   m("a", 40, start=1500), m("b", 150)))])
    main = next(x for x in ms if len(x.mentions) > 1)
    assert sorted((x.article, x.value) for x in main.mentions) == [("a", 70), ("b", 150)]
    assert compare(main).status == "conflict"
    assert sum(1 for x in ms if len(x.mentions) == 1) == 2  # the article's other figures, each apart


def test_more_than_excludes_its_figure():
    call = compare(Measure("f1", "quantity", "killed", (m("a", 60, "more_than"), m("b", 60))))
    assert call.status == "conflict", call.evidence
    call = compare(Measure("f1", "quantity", "troops", (m("a", 2000, "more_than"), m("b", 2000))))
    assert call.status == "agree", call.evidence  # a round 2000 is 1900-2100


def test_a_figure_of_another_day_is_that_days_count():
    a = _article("قتل 55 فلسطينيا الاثنين خلال الاحتجاجات.", "a", "2024-03-12T10:00:00+00:00")
    b = _article("وقتل 58 فلسطينيا، الاثنين، في المواجهات.", "b", "2024-03-12T10:00:00+00:00")
    c = _article("أعلنت الوزارة عن مقتل فلسطينيين اثنين، الثلاثاء، في المواجهات.", "c", "2024-03-12T11:00:00+00:00")
    d = _article("ووثق المرصد خلال يومي الأحد والاثنين الماضيين، مقتل نحو مئة مدني.", "d", "2024-03-12T11:00:00+00:00")
    keys = _keys(a, b, c, d)
    assert keys[("a", "55 فلسطينيا")] == keys[("b", "58 فلسطينيا")] == "killed"
    assert keys[("c", "اثنين")].startswith("killed:on2024-03-12")
    assert keys[("d", "نحو مئة مدني")].startswith("killed:on2024-03-10..2024-03-11")  # a count over two days


def test_a_figure_in_another_place_is_that_places_count():
    a = _article("قتل 16 فلسطينيا في قطاع غزة، فيما أصيب نحو 120 فلسطينيا في الضفة الغربية.", "a")
    b = _article("أصيب أكثر من ألف شخص في غزة خلال الاحتجاجات.", "b")
    keys = _keys(a, b)
    assert keys[("b", "أكثر من ألف شخص")] == "injured"
    assert keys[("a", "نحو 120 فلسطينيا")].startswith("injured:in")


def test_a_verb_after_the_figure_is_its_predicate_and_possessed_plurals_are_parts():
    a = _article("وقال مسؤولون إنه إلى جانب القتلى ثمة أكثر من 2700 شخص قد جرحوا.", "a")
    b = _article("وقال الحوثي إن الصماد قتل مع 6 من مرافقيه في غارة، وقتل 8 من جنوده.", "b")
    keys = _keys(a, b)
    assert keys[("a", "أكثر من 2700 شخص")] == "injured"
    assert keys[("b", "6 من مرافقيه")].endswith(":part") and keys[("b", "8 من جنوده")].endswith(":part")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=st.sampled_from(
    list("قتل أصيب 55 ألف أكثر من في غزة الضفة الغربية الاثنين الثلاثاء منذ عام 1948 مرافقيه قد جرحوا. ،\n")),
    max_size=200), min_size=1, max_size=3))
def test_no_text_makes_the_rules_raise(texts):
    arts = [_article(t, f"a{i}") for i, t in enumerate(texts)]
    by = {a.id: a.text for a in arts}
    for f in account([read(a) for a in arts])["facts"]:
        for x in f["mentions"]:
            assert by[x["article"]][x["start"]:x["end"]] == x["text"]


def test_figures_far_apart_in_size_are_different_counts():
    ms = split_incomparable([Measure("f1", "quantity", "killed", (m("a", 20), m("b", 42), m("c", 340000, "more_than")))])
    assert sorted(len(x.mentions) for x in ms) == [1, 2]
    assert all(compare(x).status != "conflict" or {y.value for y in x.mentions} == {20, 42} for x in ms)


def test_more_than_is_no_partitive():
    a = _article("وذكر أن أكثر من 100 بينهم 13 طفلا قتلوا في غزة.", "a")
    assert not _keys(a).get(("a", "أكثر من 100 بينهم"), "killed").endswith(":part")


def test_a_toll_head_names_what_a_bare_figure_counts():
    a = _article("وتشير التقارير إلى ارتفاع أعداد القتلى جراء الهجوم الذي يشنه النظام في دوما لتتجاوز الـ150.", "a")
    assert "killed" in set(_keys(a).values())


def test_a_count_since_a_start_is_its_own_measure():
    a = _article("وذكر أن أكثر من 100 فلسطيني قتلوا في غزة خلال الأسابيع الأخيرة.", "a")
    b = _article("وارتفع إلى 110 عدد الفلسطينيين الذين قتلوا منذ بدء مسيرات العودة.", "b")
    c = _article("وقتل 60 فلسطينيا في المواجهات.", "c")
    keys = _keys(a, b, c)
    assert keys[("c", "60 فلسطينيا")] == "killed"
    assert {k for (art, _), k in keys.items() if art in "ab"} == {"killed:since"}


def test_a_figure_naming_another_cause_counts_another_happening():
    # invented texts: two outlets give the gas attack's toll, a third the day's air strikes
    a = _article("وقتل 70 شخصا على الأقل إثر هجوم كيميائي على المدينة.", "a")
    b = _article("ارتفعت حصيلة ضحايا القصف بالغازات السامة على المدينة إلى 150 قتيلا.", "b")
    c = _article("ووثق المرصد مقتل 42 مدنيا جراء القصف الجوي على المدينة.", "c")
    d = _article("وقال مسعفون إن 100 شخص قتلوا في المدينة.", "d")  # no cause named: joins the main one
    keys = _keys(a, b, c, d)
    assert keys[("a", "70 شخصا على الأقل")] == keys[("b", "150 قتيلا")] == keys[("d", "100 شخص")] == "killed"
    assert keys[("c", "42 مدنيا")] == "killed:bybombardment"


def test_tear_gas_and_attached_means_are_read():
    from riwaya.account.scope import _explicit_cause
    from riwaya.account.lexicon import words

    assert _explicit_cause(words("قتلوا في إطلاق نار وقنابل الغاز المسيل للدموع")) == "gunfire"
    assert _explicit_cause(words("أصيبوا بقنابل الغاز المسيل للدموع")) is None
    assert _explicit_cause(words("برصاص الجيش على الحدود")) == "gunfire"
    assert _explicit_cause(words("في الهجوم الذي وقع مساء السبت")) is None


def test_about_then_at_least_is_a_lower_bound():
    a = _article("قتل حوالي سبعين شخصا على الأقل إثر الهجوم على المدينة.", "a")
    b = _article("قال مسعفون إن 150 شخصا على الأقل قتلوا في المدينة.", "b")
    ms = [x for x in measures([read(a), read(b)]) if x.what == "killed"]
    assert len(ms) == 1 and {x.qualifier for x in ms[0].mentions} == {"at_least"}
    assert compare(ms[0]).status != "conflict"


def test_readiness_is_planned_and_the_transferred_are_a_part():
    a = _article("وأبدت مستشفيات المدينة استعدادها لاستقبال نحو 300 جريح. يذكر أنه تم نقل 3 جرحى إلى المستشفى.", "a")
    b = _article("وأصيب أكثر من 2400 شخص في المواجهات.", "b")
    keys = _keys(a, b)
    assert keys[("b", "أكثر من 2400 شخص")] == "injured"
    assert keys[("a", "نحو 300 جريح")] == "injured:planned"
    assert keys[("a", "3 جرحى")] == "injured:part"
    c = _article("وقال نقلا عن مسؤولين إن 12 شخصا أصيبوا.", "c")
    assert _keys(c)[("c", "12 شخصا")] == "injured"


def test_victims_who_were_hurt_are_the_injured():
    # victims the clause says were hurt, and victims it does not
    keys = _keys(_article('وقال قائد الشرطة "لدينا 4 ضحايا نقلوا جميعا إلى المستشفى مصابين بجروح".', "a"),
                 _article("وارتفعت حصيلة ضحايا الهجوم إلى 150 قتيلا، وقال المسعفون إن 20 ضحية سقطوا.", "b"))
    assert (keys[("a", "4 ضحايا")], keys[("b", "20 ضحية")][:6]) == ("injured", "killed")


def test_among_a_group_is_a_part_and_out_of_a_whole_is_not():
    a = _article("قتل 55 فلسطينيا في المواجهات. ومن بين القتلى ثمانية أطفال تقل أعمارهم عن 16 عاما.", "a")
    keys = _keys(a)
    assert keys[("a", "ثمانية أطفال")] == "killed:part" and keys[("a", "55 فلسطينيا")] == "killed"
    b = _article("وقتل من بين 100 شخص كانوا في المبنى 20 شخصا.", "b")
    assert not _keys(b).get(("b", "100 شخص"), "").endswith(":part")
