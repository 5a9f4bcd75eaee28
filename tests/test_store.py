"""The SQLite store and its in-memory twin behave the same."""
from __future__ import annotations

from riwaya.model import Document, Event, Source
from riwaya.text.clean import clean


def _art(text, path="a.txt", ext=None, title="عنوان الخبر هنا"):
    return clean(Document(source=Source(path, None, ext), body=text, format="text", title=title))


def test_same_article_twice_is_stored_once(store):
    a = _art("أعلنت الوزارة اليوم أن القوات غادرت.")
    b = _art("أعلنت الوزارة اليوم أن القوات غادرت.", path="b.txt")
    r1 = store.add([a])
    r2 = store.add([b])
    r3 = store.add([b])
    assert r1.new == [a.id] and r2.new == [] and r2.merged == 1 and r3.seen == 1
    assert store.count() == 1
    got = store.get(a.id)
    assert [s.path for s in got.sources] == ["a.txt", "b.txt"]


def test_lookup_by_external_id(store):
    a = _art("نص الخبر الأول هنا.", ext="AL-x-1-20180301")
    store.add([a])
    assert store.get("AL-x-1-20180301").id == a.id


def test_search_folds_arabic_spelling(store):
    a = _art("وصل الرئيس إلى مدينة ألما آتا صباح الخميس.")
    store.add([a])
    # hamza-less query finds the hamza spelling; ta marbuta/ha folded
    hits = store.search("الى مدينه الما")
    assert hits and hits[0][0] == a.id


def test_events_roundtrip_and_history(store):
    a = _art("خبر أول.")
    store.add([a])
    store.save_events([Event("e1", "حدث", (a.id,), "2022-01-13", "s1")], [{"op": "new", "event": "e1"}])
    assert store.events()[0].articles == (a.id,)
    assert store.stories()[0].id == "s1"
    assert store.history()[-1]["op"] == "new"


def test_layers_roundtrip(store):
    from riwaya.model import Sentence

    a = _art("جملة أولى. جملة ثانية.")
    store.add([a])
    store.put_layers(a.id, {"sentences": (Sentence(0, 10, 0),)})
    assert store.get(a.id).layer("sentences") == (Sentence(0, 10, 0),)


def test_sqlite_refuses_newer_schema(tmp_path):
    import sqlite3

    import pytest

    from riwaya.errors import StoreError
    from riwaya.store import SqliteStore

    p = tmp_path / "x.db"
    db = sqlite3.connect(p)
    db.execute("PRAGMA user_version=999")
    db.close()
    with pytest.raises(StoreError):
        SqliteStore(str(p))
