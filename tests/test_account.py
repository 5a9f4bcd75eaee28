"""The sourced account: measures, verdicts, cited summary, timeline, the corpus stage."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from riwaya.account.build import account
from riwaya.account.compare import compare, interval
from riwaya.account.facts import FactMention, Measure, read
from riwaya.account.lexicon import lexicon
from riwaya.account.summary import Cite, Line, check, supported
from riwaya.model import Article, Published, Source
from riwaya.pipeline import Pipeline

SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "schema" / "stories.schema.json"


def m(article, value=None, low=None, high=None, q="exact", as_of="2024-03-14", key="killed", vague=False,
      outlet=None, kind="quantity"):
    return FactMention(article, outlet or article, 0, 1, "x", value, low, high, q, as_of, key, kind, (0, 1), "",
                       vague=vague)


def verdict(*ms):
    return compare(Measure("f1", ms[0].kind, ms[0].key, tuple(ms)))


def test_lexicon_loads_every_class_and_label():
    lex = lexicon()
    names = {c.name for c in lex.classes}
    assert {"troops", "killed", "injured", "arrested", "missing", "days", "aircraft", "houses", "money",
            "percent"} <= names
    for c in lex.classes:
        assert c.name in lex.labels, c.name
        assert c.nouns or c.predicates or c.units or c.unit_kinds, c.name
    assert all(w for c in lex.classes for w in c.nouns + c.predicates)


def test_ranges_decide_agreement():
    troops = verdict(m("a", 2000, 2000, None, "more_than", key="troops"), m("b", 2030, 2030, 2030, key="troops"),
                     m("c", 2000, None, None, "about", key="troops"))
    assert troops.status == "agree", troops.evidence
    arrests = verdict(m("a", 10000, 10000, None, "more_than"), m("b", 12000, 12000, None, "at_least"))
    assert arrests.status == "agree"
    dozens = verdict(m("a", None, 20, 99, "range", vague=True), m("b", 40, 40, 40))
    assert dozens.status == "agree"
    assert interval(m("a", 2000, None, None, "about")) == pytest.approx((1800, 2200))


def test_same_time_disagreement_is_a_conflict_with_sides():
    c = verdict(m("a", 7, 7, 7, outlet="civil defence"), m("b", 9, 9, 9, outlet="hospital"))
    assert c.status == "conflict"
    assert sorted(s.value for s in c.sides) == [7, 9]
    assert "cannot all hold" in c.evidence and 0 < c.confidence < 1


def test_a_later_figure_is_an_update_in_time_order():
    c = verdict(m("a", 6, 6, 6, as_of="2024-03-14T07:10:00+03:00"), m("b", 8, 8, 8, as_of="2024-03-14T13:20:00+03:00"),
                m("c", 11, 11, 11, as_of="2024-03-15T09:15:00+03:00"))
    assert c.status == "update"
    assert [s.value for s in c.sequence] == [6, 8, 11]


def test_one_article_is_single_and_differences_inside_it_no_conflict():
    assert verdict(m("a", 6, 6, 6), m("a", 60, 60, 60)).status == "single"


def test_due_dates_within_a_day_agree_further_apart_conflict():
    d = dict(kind="date", key="due:withdrawal", as_of="2022-01-13")
    assert verdict(m("a", "2022-01-22", q="before", **d), m("b", "2022-01-23", q="within", **d)).status == "agree"
    c = verdict(m("a", "2022-01-19", q="by", **d), m("b", "2022-01-22", q="before", **d))
    assert c.status == "conflict" and {s.value for s in c.sides} == {"2022-01-19", "2022-01-22"}


def _article(text: str, published: str | None = "2024-03-14", outlet: str = "o", aid: str = "a") -> Article:
    a = Article(id=aid, text=text, sources=(Source(path="t"),), outlet=outlet,
                published=Published(published, "metadata", 1.0) if published else Published())
    return Pipeline.default()(a)


def test_different_measures_are_never_compared():
    a = _article("قالت مصادر طبية إن السيول أسفرت عن مقتل سبعة أشخاص وإصابة 23 آخرين بجروح.", aid="a")
    b = _article("أعلن الدفاع المدني إصابة 30 شخصا في السيول، فيما قتل سبعة أشخاص.", aid="b", outlet="p")
    acc = account([read(a), read(b)])
    whats = {f["what"]: f["status"] for f in acc["facts"]}
    assert whats.get("killed") == "agree", acc["facts"]
    assert "injured" in whats and not acc["conflicts"] or all(c["what"] != "killed" for c in acc["conflicts"])


def test_supported_rejects_a_sentence_its_spans_do_not_hold():
    texts = {"a": "قتل سبعة أشخاص في السيول."}
    good = Line(texts["a"], (Cite("a", 0, len(texts["a"])),), "extract")
    assert supported(good, texts, {"a": "o"})
    bad = Line("قتل تسعة أشخاص في السيول.", good.sources, "extract")
    assert not supported(bad, texts, {"a": "o"})
    assert not check({"text": "عدد القتلى: تسعة بحسب o.", "sources": [{"article": "a", "start": 0, "end": 14}]},
                     texts, {"a": "o"})
    assert check({"text": "عدد القتلى: سبعة بحسب o.", "sources": [{"article": "a", "start": 0, "end": 14}]},
                 texts, {"a": "o"})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=st.sampled_from(list("قتل سبعة أشخاص 12 ألف نحو أكثر من بحلول 19 يناير. ،\n")),
                        max_size=200), min_size=1, max_size=3))
def test_account_never_raises_and_spans_point_at_text(texts):
    arts = [_article(t, aid=f"a{i}", outlet=f"o{i}") for i, t in enumerate(texts)]
    by = {a.id: a.text for a in arts}
    acc = account([read(a) for a in arts])
    for f in acc["facts"]:
        for x in f["mentions"]:
            assert by[x["article"]][x["start"]:x["end"]] == x["text"]
    for line in acc["summary"] + acc["timeline"]:
        for c in line["sources"]:
            assert 0 <= c["start"] <= c["end"] <= len(by[c["article"]])
    assert len(acc["summary"]) <= 8
    for line in acc["summary"]:
        assert check(line, by, {a.id: a.outlet for a in arts}), line


# --- the seeds, through the main job ------------------------------------------------------------

def _run(paths, store=None):
    from riwaya import job
    from riwaya.store import MemoryStore
    from riwaya.story.embed import NullEmbedder

    store = store or MemoryStore()
    job.ingest_paths(store, [str(p) for p in paths])
    job.analyse(store)
    rep = job.cluster(store, NullEmbedder())  # the account stage runs last among the corpus stages
    return store, rep["accounts"]


@pytest.mark.shared
def test_seeds_account(seeds_dir, tmp_path):
    from riwaya.account.stage import account_for, accounts
    from riwaya.report.files import write_stories

    store, rep = _run([seeds_dir])
    stories = store.stories()
    main = max(stories, key=lambda s: len(s.articles))
    acc = account_for(store, main.id)
    facts = {f["what"]: f for f in acc["facts"]}
    # one conflict: completion by the 19th (Shoigu, 000) against before the 22nd (CSTO, 001)
    assert len(acc["conflicts"]) == 1, acc["conflicts"]
    sides = {s["value"] for s in acc["conflicts"][0]["sides"]}
    assert "2022-01-19" in sides and "2022-01-22" in sides
    troops = facts["troops"]
    assert troops["status"] == "agree" and {x["text"].split()[-2] for x in troops["mentions"]} >= {"2000", "2030"}
    arrested = facts["arrested"]
    assert arrested["status"] == "agree"
    assert {x["value"] for x in arrested["mentions"]} >= {10000, 12000}
    # summary: 1-8 sentences, each supported by its cited spans
    arts = {a.id: a for a in store.articles()}
    texts = {i: a.text for i, a in arts.items()}
    outlets = {i: a.outlet for i, a in arts.items()}
    assert 1 <= len(acc["summary"]) <= 8
    for s in acc["summary"]:
        assert check(s, texts, outlets), s
    days = {i["date"] for i in acc["timeline"]}
    assert {"2022-01-06", "2022-01-13"} <= days
    # stories.json carries the account and validates
    write_stories(tmp_path / "stories.json", stories, accounts(store))
    doc = json.loads((tmp_path / "stories.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert any(s["conflicts"] for s in doc["stories"])
    # the story page leads with the account: summary with citations, the conflict, the timeline
    from riwaya import job
    from riwaya.report.pages import story_file, write_reports

    write_reports(tmp_path, stories, {a.id: job.reader_view(a) for a in arts.values()}, accounts(store))
    page = (tmp_path / story_file(main, "html")).read_text(encoding="utf-8")
    assert page.index('class="account"') < page.index('class="event"')
    assert "تعارض" in page and "2022-01-06" in page and f'href="#a-{acc["summary"][0]["sources"][0]["article"]}"' in page
    assert (tmp_path / story_file(main, "md")).read_text(encoding="utf-8").count("تعارض") >= 1


@pytest.mark.shared
def test_a_new_article_redoes_only_its_story(seeds_dir, tmp_path):
    from riwaya.account.stage import AccountStage
    from riwaya.run.corpus import run_stage

    first = tmp_path / "a"
    first.mkdir()
    files = sorted(seeds_dir.iterdir())
    for f in files[:4]:
        shutil.copy(f, first / f.name)
    demo = Path(__file__).resolve().parent.parent / "demo" / "corpus"
    store, rep = _run([first, demo])
    assert rep["redone"] == rep["stories"] >= 2
    later = tmp_path / "b"
    later.mkdir()
    shutil.copy(files[4], later / files[4].name)
    _, rep2 = _run([later], store)
    assert rep2["new"] == 1 and rep2["redone"] == 1, rep2
    assert run_stage(store, AccountStage()) == {"new": 0}


def test_demo_toll_is_a_sequence_and_a_same_day_disagreement():
    from riwaya.account.stage import account_for

    demo = Path(__file__).resolve().parent.parent / "demo" / "corpus"
    store, _ = _run([demo])
    accs = [a for s in store.stories() if (a := account_for(store, s.id))["language"] == "ar"]
    facts = [f for a in accs for f in a["facts"]]
    killed = [f for f in facts if f["what"] == "killed"]
    assert len(killed) == 1, killed
    seq = [s["value"] for s in killed[0].get("sequence", [])]
    assert seq[0] == 6 and seq[-1] == 11 and seq == sorted(seq), killed[0]["evidence"]
    assert killed[0]["status"] in ("update", "conflict")
    whats = {f["what"] for f in facts}
    assert {"injured", "missing"} <= whats  # separate measures, never set against the dead
