"""Agree, update or conflict pair by pair, and figures of earlier events (labels/account-ant
GUIDELINES: one time or a falling toll is a conflict, a later rise an update, a vague plural a lower
bound, an earlier year's figure a measure of its own)."""
from __future__ import annotations

import json
from pathlib import Path

from riwaya.account.build import account
from riwaya.account.compare import compare, interval
from riwaya.account.facts import FactMention, Measure, read
from riwaya.account.lexicon import label
from riwaya.model import Article, Published, Source
from riwaya.pipeline import Pipeline

LABELS = Path(__file__).resolve().parent.parent / "labels" / "account-ant"


def m(article, value=None, low=None, high=None, q="exact", as_of="2018-05-15T08:00:00+00:00", key="killed",
      vague=False, kind="quantity"):
    return FactMention(article, article, 0, 1, "x", value, low, high, q, as_of, key, kind, (0, 1), "", vague=vague)


def verdict(*ms):
    return compare(Measure("f1", ms[0].kind, ms[0].key, tuple(ms)))


def test_a_vague_plural_is_a_lower_bound():
    assert interval(m("a", None, 200, 999, "range", vague=True))[0] == 200
    assert verdict(m("a", None, 200, 999, "range", vague=True), m("b", 2400, 2400, None, "more_than")).status == "agree"
    c = verdict(m("a", None, 20, 99, "range", vague=True), m("b", 12, 12, 12))
    assert c.status == "conflict"


def test_each_pair_is_judged_by_its_two_times():
    early = m("a", 55, 55, 55, as_of="2018-05-15T01:00:00+00:00")
    rise = m("b", 59, 59, 59, as_of="2018-05-15T07:00:00+00:00")
    fall = m("c", 52, 52, 52, as_of="2018-05-15T09:00:00+00:00")
    c = verdict(early, rise, fall)
    rel = {(x.article, y.article): r for x, y, r in c.relations}
    assert rel[("a", "b")] == "update" and rel[("a", "c")] == "conflict" and rel[("b", "c")] == "conflict"
    assert c.status == "conflict"
    # within an hour is one time; a local time is compared in UTC
    same = verdict(m("a", 15, 15, 15, as_of="2018-03-31T13:08:00+04:00"), m("b", 16, 16, 16, as_of="2018-03-31T09:30:00+00:00"))
    assert same.status == "conflict"
    later = verdict(m("a", 16, 16, 16, as_of="2018-03-31T05:57:00+04:00"), m("b", 17, 17, 17, as_of="2018-03-31T05:52:00+00:00"))
    assert later.status == "update" and [s.value for s in later.sequence] == [16, 17]


def _article(text, aid, published="2018-03-31T10:00:00+00:00"):
    a = Article(id=aid, text=text, sources=(Source(path="t"),), outlet=aid,
                published=Published(published, "metadata", 1.0))
    return Pipeline.default()(a)


def test_an_earlier_events_figure_is_a_measure_of_its_own():
    a = _article("قتل 16 فلسطينيا الجمعة في غزة. ويخلد يوم الأرض مقتل 6 فلسطينيين عام 1976.", "a")
    b = _article("أعلنت وزارة الصحة مقتل 16 فلسطينيا في غزة أمس.", "b")
    acc = account([read(a), read(b)])
    facts = {f["what"]: f for f in acc["facts"]}
    assert facts["killed"]["status"] == "agree", acc["facts"]
    assert "killed:then1976" in facts and not acc["conflicts"]
    assert label("killed:then1976", "ar").endswith("(1976)")


def test_a_since_date_is_not_an_earlier_event():
    a = _article("أدت الحرب إلى مقتل أكثر من 350 ألف شخص منذ 2011.", "a")
    whats = {f["what"] for f in account([read(a)])["facts"]}
    assert not any(":then" in w for w in whats), whats
    # the since cue may sit inside the date's own span ("منذ ثلاثة أشهر", a duration back from now)
    b = _article("دخل الإضراب يومه الثاني، بعد أن توقف نحو ثلاثة آلاف عامل عن العمل احتجاجا على تأخر رواتبهم منذ ثلاثة أشهر.", "b")
    whats = {f["what"] for f in account([read(b)])["facts"]}
    assert not any(":then" in w for w in whats), whats


def test_gold_labels_are_consistent_with_the_items():
    items = {json.loads(x)["id"] for x in (LABELS / "items.jsonl").read_text(encoding="utf-8").splitlines() if x}
    rows = [json.loads(x) for x in (LABELS / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x]
    measure = {r["item"]: r["measure"] for r in rows if "item" in r}
    assert set(measure) == items
    for r in rows:
        if "pair" in r:
            a, b = r["pair"]
            assert r["relation"] in ("update", "conflict")
            assert measure[a] is not None and measure[a] == measure[b]
            assert a.split("/")[1] != b.split("/")[1]  # two articles
    # no article text in the labels: ids, offsets, hashes and values only
    assert all(set(json.loads(x)) <= {"id", "kind", "story", "docno", "outlet", "start", "end", "sha1", "value",
                                      "low", "high", "qualifier", "unit", "counts", "published"}
               for x in (LABELS / "items.jsonl").read_text(encoding="utf-8").splitlines() if x)
