"""Framing (account.framing, data/framing_terms.json), exclusives and omissions (account.omissions)."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from riwaya.account.facts import read
from riwaya.account.framing import framing
from riwaya.account.framing_lexicon import lexicon
from riwaya.model import Article, Published, Source
from riwaya.pipeline import Pipeline
from riwaya.text.normalise import match

SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "schema" / "stories.schema.json"


def _article(text: str, outlet: str, aid: str) -> Article:
    a = Article(id=aid, text=text, sources=(Source(path="t"),), outlet=outlet,
                published=Published("2025-05-02", "metadata", 1.0))
    return Pipeline.default()(a)


def _reads(*texts_outlets):
    return [read(_article(t, o, f"a{i}")) for i, (t, o) in enumerate(texts_outlets)]


def test_lexicon_loads_each_form_once_with_labels():
    lex = lexicon()
    ids = [g.id for g in lex.groups]
    assert len(ids) == len(set(ids)) and {"unrest", "houthis", "dead", "peacekeepers"} <= set(ids)
    forms = [" ".join(match(f).split()) for g in lex.groups for s in g.senses for f in s.forms]
    assert len(forms) == len(set(forms))
    for g in lex.groups:
        assert len(g.label) == 2 and all(g.label)
        assert all(len(s.label) == 2 and s.forms for s in g.senses)
    assert lex.describe and lex.distancing


def test_terms_are_found_with_clitics_and_the_longest_form_wins():
    text = "وبالاحتجاجات قالت المليشيات الحوثية إن الحوثيين ردوا على أعمال الشغب، وسقط شهيدان."
    hits = {(h.group, h.sense, text[h.start:h.end]) for h in lexicon().find(text)}
    assert ("unrest", "protest", "وبالاحتجاجات") in hits
    assert ("houthis", "militia", "المليشيات الحوثية") in hits
    assert ("houthis", "name", "الحوثيين") in hits
    assert ("unrest", "riot", "أعمال الشغب") in hits
    assert ("dead", "martyrs", "شهيدان") in hits
    assert not lexicon().find("احتجاجاتهم مستمرة")  # a suffix is not a clitic-tolerant match
    assert not lexicon().find("مشغبون")  # no word inside another


def test_outlets_naming_one_referent_differently_side_by_side_with_voice():
    reads = _reads(
        ("شهدت العاصمة أمس أعمال شغب واسعة في وسط المدينة.", "الأولى"),
        ("خرجت احتجاجات سلمية في العاصمة أمس للمطالبة بالإصلاح.", "الثانية"),
        ('وقال وزير الداخلية إن "ما جرى هجوم إرهابي منظم على مؤسسات الدولة".', "الثالثة"),
    )
    items = framing(reads)
    texts = {r.article.id: r.article.text for r in reads}
    got = {(i["outlet"], i["sense"], i["voice"]) for i in items if i["referent"] == "unrest"}
    assert ("الأولى", "riot", "own") in got and ("الثانية", "protest", "own") in got
    assert ("الثالثة", "terror", "quoted") in got
    for i in items:
        assert texts[i["article"]][i["start"]:i["end"]] == i["text"]
        assert i["sentence"]["start"] <= i["start"] < i["end"] <= i["sentence"]["end"]
    quoted = next(i for i in items if i["sense"] == "terror")
    assert "وزير الداخلية" in quoted["speaker"]


def test_one_naming_shared_by_all_outlets_is_no_framing():
    reads = _reads(("خرجت احتجاجات في المدينة.", "الأولى"), ("تواصلت الاحتجاجات في المدينة.", "الثانية"))
    assert framing(reads) == []
    assert framing(_reads(("أعمال شغب في المدينة واحتجاجات.", "الأولى"))) == []  # one outlet: nothing to compare


def test_scare_quotes_against_plain_and_a_described_term_is_a_quote():
    reads = _reads(
        ("انتشرت قوات “حفظ السلام” في شوارع البلدة منذ الفجر.", "الأولى"),
        ("انتشرت قوات حفظ السلام في شوارع البلدة منذ الفجر.", "الثانية"),
    )
    items = [i for i in framing(reads) if i["referent"] == "peacekeepers"]
    kinds = {(i["outlet"], i["kind"]) for i in items}
    assert ("الأولى", "scare_quotes") in kinds and ("الثانية", "term") in kinds
    # a speech word before the marks makes them someone's words, not the outlet's distance
    described = _reads(('ووصف المتحدث المحتجين بـ"الإرهابيين" في مؤتمر صحفي.', "الأولى"),
                       ("تظاهر المحتجون أمام البرلمان.", "الثانية"))
    terror = [i for i in framing(described) if i["sense"] == "terror"]
    assert terror and all(i["kind"] == "term" and i["voice"] == "quoted" for i in terror)
    # ما يسمى before the marks: the outlet's distance whatever the term
    distanced = _reads(("أعلنت ما يسمى “الحكومة المؤقتة” قرارا جديدا.", "الأولى"),
                       ("أعلنت الحكومة المؤقتة قرارا جديدا.", "الثانية"))
    marked = [i for i in framing(distanced) if i["referent"].startswith("marked:")]
    assert {(i["outlet"], i["kind"]) for i in marked} == {("الأولى", "scare_quotes"), ("الثانية", "term")}


def test_a_marked_name_is_no_scare_quote():
    reads = _reads(("نقلت وكالة “الأنباء الرسمية” الخبر صباحا.", "الأولى"),
                   ("نقلت الأنباء الرسمية الخبر صباحا.", "الثانية"))
    assert not [i for i in framing(reads) if i["kind"] == "scare_quotes"]


_WORDS = list("قوات حفظ السلام أعمال شغب احتجاجات شهداء قتلى الحوثيين قال إن ما يسمى وصف بـ “ ” \" « » . ، \n") + \
    ["قتل 7 أشخاص", "اعتقال 12 ألف شخص", "وقال الوزير إن ", "ميليشيات الحوثي", "«أعمال شغب»"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(_WORDS), max_size=120).map("".join), min_size=1, max_size=3))
def test_framing_never_raises_and_spans_point_at_their_text(texts):
    from riwaya.account.build import account

    reads = _reads(*[(t, f"o{i % 3}") for i, t in enumerate(texts)])
    by = {r.article.id: r.article.text for r in reads}
    acc = account(reads)
    for i in acc["framing"]:
        assert by[i["article"]][i["start"]:i["end"]] == i["text"]
        assert i["voice"] in ("own", "quoted", "reported") and i["uses"] >= 1
    for x in acc["exclusives"] + [o["example"] for o in acc["omissions"]]:
        assert by[x["article"]][x["start"]:x["end"]] == x["text"]


def test_exclusive_and_omitted_figures():
    from riwaya.account.build import account

    reads = _reads(
        ("قتل سبعة أشخاص في السيول التي ضربت الوادي، ونفق 300 رأس من الماشية.", "الأولى"),
        ("أسفرت السيول عن مقتل سبعة أشخاص في الوادي.", "الثانية"),
        ("قتل سبعة أشخاص في الوادي بعد السيول.", "الثالثة"),
        ("ضربت السيول الوادي صباح أمس وأغلقت الطرق.", "الرابعة"),
    )
    acc = account(reads)
    assert any(x["outlet"] == "الأولى" and "300" in x["text"] for x in acc["exclusives"]), acc["exclusives"]
    assert not any("سبعة" in x["text"] for x in acc["exclusives"])
    om = [o for o in acc["omissions"] if o["what"] == "killed"]
    assert [o["outlet"] for o in om] == ["الرابعة"], acc["omissions"]
    assert set(om[0]["carried_by"]) == {"الأولى", "الثانية", "الثالثة"}


# --- the seeds, through the product path ------------------------------------------------------------

@pytest.mark.shared
def test_seeds_framing_on_the_story_page(seeds_story, tmp_path):
    from riwaya import job
    from riwaya.account.stage import accounts
    from riwaya.report.files import write_stories
    from riwaya.report.pages import story_file, write_reports

    store, main, acc = seeds_story
    arts = {a.id: a for a in store.articles()}
    for i in acc["framing"]:
        assert arts[i["article"]].text[i["start"]:i["end"]] == i["text"]
    unrest = {(i["outlet"], i["sense"]) for i in acc["framing"] if i["referent"] == "unrest"}
    senses = {s for _, s in unrest}
    # the events called riots by some outlets, protests by others, a terrorist attack in Tokayev's words
    assert {"riot", "protest", "terror"} <= senses, unrest
    riot_outlets = {o for o, s in unrest if s == "riot"}
    protest_only = {o for o, s in unrest if s == "protest"} - riot_outlets
    assert riot_outlets and protest_only
    terror = [i for i in acc["framing"] if i["sense"] == "terror"]
    assert all(i["voice"] in ("quoted", "reported") for i in terror)
    scare = [i for i in acc["framing"] if i["kind"] == "scare_quotes" and i["referent"] == "peacekeepers"]
    assert any("حفظ السلام" in i["text"] and i["voice"] == "own" for i in scare), scare
    assert any(i["referent"] == "peacekeepers" and i["kind"] == "term" and i["outlet"] != scare[0]["outlet"]
               for i in acc["framing"])
    # exclusives: figures no other outlet holds (more than 100 planes, about 250 pieces of equipment)
    ex = {x["text"] for x in acc["exclusives"] if x["kind"] == "figure"}
    assert {"أكثر من 100 طائرة", "نحو 250 قطعة"} <= ex, ex
    assert not any("2000" in t or "2030" in t for t in ex)
    write_stories(tmp_path / "stories.json", store.stories(), accounts(store))
    doc = json.loads((tmp_path / "stories.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, json.loads(SCHEMA.read_text(encoding="utf-8")))
    write_reports(tmp_path, store.stories(), {a.id: job.reader_view(a) for a in arts.values()}, accounts(store))
    page = (tmp_path / story_file(main, "html")).read_text(encoding="utf-8")
    assert "التأطير" in page and "«<bdi>حفظ السلام</bdi>»" in page and "بين علامتي تنصيص" in page
    assert "lexicon " not in page.split('class="event"')[0]  # no evidence strings in the reading view
    md = (tmp_path / story_file(main, "md")).read_text(encoding="utf-8")
    assert "التأطير" in md


@pytest.mark.shared
def test_seeds_framing_on_the_web_story_page(seeds_dir, tmp_path):
    from tests.serve_fixtures import build_store, client

    store = build_store(str(tmp_path / "s.db"), seeds_dir)
    api = client(store)
    from riwaya.account.stage import account_for

    sid = next(s.id for s in store.stories()
               if any(i["kind"] == "scare_quotes" for i in (account_for(store, s.id) or {}).get("framing", [])))
    r = api.get(f"/stories/{sid}", headers={"accept": "text/html"})
    assert r.status_code == 200
    html = r.text
    assert "التأطير" in html and "بين علامتي تنصيص" in html and "<script" not in html
    assert "lexicon " not in html and "short marks" not in html
    # a term links to its source sentence: the article page marks it, without script
    import re

    href = re.search(r'href="(/articles/[0-9a-f]+\?at=\d+-\d+#at)"', html).group(1)
    page = api.get(href.replace("&amp;", "&"), headers={"accept": "text/html"})
    assert page.status_code == 200 and '<mark class="l-at" id="at">' in page.text
    start, end = map(int, href.split("at=")[1].split("#")[0].split("-"))
    text = store.get(href.split("/")[2].split("?")[0]).text
    marked = re.search(r'<mark class="l-at" id="at">(.*?)</mark>', page.text, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", marked).strip()[:20] == text[start:end].strip()[:20]
    assert api.get(href.split("?")[0] + "?at=9-x").status_code in (400, 422)


def test_learned_words_need_skewed_evidence_and_show_beside_other_outlets():
    from riwaya.account.framing_corpus import learn, story_uses, word_before

    text = "أعلنت عصابات المتمردين أمس سيطرتها على المعبر."
    assert word_before(text, text.index("المتمردين"))[0] == "عصابات"
    assert word_before("قال الرئيس المتمردين", 10) is None  # a title is no framing word
    rows = {"أ": {"n": {"e1": 10}, "w": {"e1": {"عصابات": 6}}},
            "ب": {"n": {"e1": 8}, "w": {"e1": {"مقاتلي": 2}}},
            "ج": {"n": {"e1": 7}, "w": {}}}
    learned = learn(rows)
    assert set(learned.words) == {("أ", "e1")} and "عصابات" in learned.words[("أ", "e1")]
    assert not learn({**rows, "ب": {"n": {"e1": 8}, "w": {"e1": {"عصابات": 4}}}}).words  # others say it too
    assert not learn({"أ": rows["أ"], "ب": rows["ب"]}).words  # too few outlets to call it skewed

    def art(t, outlet, aid):
        a = _article(t, outlet, aid)
        s = t.index("المتمردين")
        return a.with_layer("entity_links", ({"start": s, "end": s + len("المتمردين"), "entity": "e1"},))

    arts = [art(text, "أ", "x1"), art("أعلن مقاتلو المعارضة أن المتمردين سيطروا على المعبر.", "ب", "x2")]
    uses = story_uses(arts, learned)
    got = {(u.outlet, u.sense) for u in uses}
    assert ("أ", "عصابات") in got and any(o == "ب" for o, _ in got)
    for u in uses:
        assert next(a for a in arts if a.id == u.article).text[u.start:u.end] == u.text


def test_times_in_arabic():
    from riwaya.report.pages import times_ar

    assert [times_ar(n) for n in (2, 3, 10, 11, 100)] == ["مرتان", "3 مرات", "10 مرات", "11 مرة", "100 مرة"]


def test_scare_quotes_every_outlet_shares_are_no_difference():
    text = "انتشرت قوات “حفظ السلام” في البلدة، وقالت قوات حفظ السلام إن الوضع هادئ."
    assert framing(_reads((text, "الأولى"), (text.replace("البلدة", "المدينة"), "الثانية"))) == []
