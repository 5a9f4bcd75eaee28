"""One conformance suite for every store backend: the in-memory twin and SQLite (PostgreSQL joins
with the scale-out issue). Each protocol of ``store/base.py`` is exercised the same way."""
from __future__ import annotations

import numpy as np
import pytest

from riwaya.ids import document_id
from riwaya.model import Document, Event, Published, Sentence, Source
from riwaya.text.clean import clean


def _doc(body, path="a.txt", ext=None, outlet=None, title="عنوان الخبر هنا"):
    return Document(source=Source(path, None, ext), body=body, format="text", title=title, outlet=outlet)


def _put(store, *docs):
    return store.add_documents([(document_id(d), d) for d in docs])


def _analyse(store, aid, doc, sig="s1"):
    a = clean(doc).evolve(id=aid)
    store.put_analysed([(a, sig)])
    return a


# -- Inputs ------------------------------------------------------------------------------------------
def test_documents_are_kept_as_read(store):
    d = Document(source=Source("p.html", "m1", "X-1"), body="سطر أول.\nسطر ثان.", format="html", title="t",
                 outlet="o", published="2022-01-13", extra={"tags": ["a", "b"]})
    res = _put(store, d)
    assert len(res.new) == 1
    got = store.documents(res.new)[res.new[0]][0]
    assert (got.body, got.format, got.title, got.outlet, got.published, got.source.external_id) == (
        d.body, "html", "t", "o", "2022-01-13", "X-1")
    assert list(got.extra["tags"]) == ["a", "b"]


def test_same_text_twice_is_one_article_with_two_sources(store):
    a, b = _doc("أعلنت الوزارة اليوم أن القوات غادرت."), _doc("أعلنت الوزارة اليوم أن القوات غادرت.", "b.txt")
    r1, r2, r3 = _put(store, a), _put(store, b), _put(store, b)
    assert len(r1.new) == 1 and r2.new == [] and r2.merged == 1 and r3.seen == 1
    assert store.count() == 1
    aid = r1.new[0]
    assert [d.source.path for d in store.documents([aid])[aid]] == ["a.txt", "b.txt"]
    _analyse(store, aid, a)
    assert [s.path for s in store.get(aid).sources] == ["a.txt", "b.txt"]
    assert store.recorded([a.source, Source("c.txt")]) == {("a.txt", "", "")}


def test_unanalysed_articles_are_pending_and_not_listed(store):
    d = _doc("نص الخبر الأول هنا.", outlet="منفذ")
    aid = _put(store, d).new[0]
    (p,) = store.pending()
    assert (p.id, p.outlet, p.analysed, p.raw) == (aid, "منفذ", None, True)
    assert store.get(aid) is None and list(store.articles()) == []
    _analyse(store, aid, d, "sig-1")
    assert store.pending()[0].analysed == "sig-1"
    assert store.get(aid).text == "نص الخبر الأول هنا."


def test_lookup_by_external_id(store):
    d = _doc("نص الخبر الأول هنا.", ext="AL-x-1-20180301")
    aid = _put(store, d).new[0]
    _analyse(store, aid, d)
    assert store.get("AL-x-1-20180301").id == aid


def test_analysis_replaces_article_layers_but_keeps_corpus_layers(store):
    d = _doc("جملة أولى. جملة ثانية.")
    aid = _put(store, d).new[0]
    a = _analyse(store, aid, d)
    store.put_analysed([(a.with_layer("sentences", (Sentence(0, 10, 0),)), "s1")])
    store.put_corpus_layers("story", {aid: {"copy": ({"original": "x", "jaccard": 1.0, "evidence": "e"},)}})
    assert store.get(aid).layer("sentences") == (Sentence(0, 10, 0),)
    store.put_analysed([(a, "s2")])  # derived again without the layer: it is gone, the corpus layer stays
    got = store.get(aid)
    assert got.layer("sentences") == () and got.layer("copy")[0]["original"] == "x"
    store.drop_corpus_layers("story", "copy")
    assert store.get(aid).layer("copy") == ()


def test_imported_analyses_are_listed_but_not_raw(store):
    a = clean(_doc("خبر مستورد."))
    assert store.add([a]).new == [a.id]
    assert store.add([a]).seen == 1
    assert store.get(a.id).text == a.text and store.pending()[0].raw is False


def test_articles_in_arrival_order_and_by_ids(store):
    docs = [_doc(f"الخبر رقم {i} في هذه القائمة الطويلة.", f"{i}.txt") for i in range(5)]
    ids = _put(store, *docs).new
    for aid, d in zip(ids, docs):
        _analyse(store, aid, d)
    assert [a.id for a in store.articles()] == ids
    assert [a.id for a in store.articles([ids[3], ids[1]])] == [ids[3], ids[1]]


def test_search_folds_arabic_spelling(store):
    d = _doc("وصل الرئيس إلى مدينة ألما آتا صباح الخميس.")
    aid = _put(store, d).new[0]
    _analyse(store, aid, d)
    hits = store.search("الى مدينه الما")
    assert hits and hits[0][0] == aid


def _corpus(store, texts):
    ids = []
    for i, t in enumerate(texts):
        d = _doc(t, f"s{i}.txt", title=f"خبر {i}")
        aid = _put(store, d).new[0]
        _analyse(store, aid, d)
        ids.append(aid)
    return ids


def test_search_finds_forms_variants_and_syntax_the_same_on_every_backend(store):
    from riwaya.search import search

    a, b, c, d = _corpus(store, [
        "أرسلت روسيا قوات إلى كازاخستان لأرمينيا دور في المنظمة.",
        "قال الرئيس قاسم جومارت توكاييف إن القوات ستغادر وأرمينيا تتابع.",
        "قال وزير الدفاع سيرغي شويغو إن الطائرات عادت من الغوطة الشرقية.",
        "مباراة كرة القدم انتهت بالتعادل في الملعب الكبير.",
    ])
    found = lambda q: set(search(store, q, limit=50).ids)  # noqa: E731
    assert found("أرمينيا") == {a, b}
    assert found("غوطة") == found("الغوطة") == {c}
    assert found("قازاقستان") == {a}
    assert found("توكايف") == {b}
    assert found("شويجو") == {c}
    assert found("كازاخ*") == {a}
    assert found("توكايف OR شويجو") == {b, c}
    assert found("قال -شويجو") == {b}
    assert found("قال NOT شويجو") == {b}
    assert found('"وزير الدفاع"') == {c}
    assert found('"الدفاع وزير"') == set()
    assert found("بطيخ") == set()
    assert store.vocabulary() >= {"لارمينيا", "وارمينيا", "الغوطه"}
    # a hit's snippet is cut from the original text, the matched word marked in it
    (hit,) = search(store, "أرمينيا", limit=50, keep=lambda i: i == b).hits
    s = hit.snippet
    assert [s.text[x:y] for x, y in s.marks] == ["وأرمينيا"]
    assert s.text in store.get(b).text


def test_find_scores_and_texts_the_same_way_on_every_backend(store):
    from riwaya.search.run import compile_query

    a, b, c = _corpus(store, ["روسيا روسيا روسيا في الخبر.", "ذكرت روسيا مرة واحدة في خبر أطول من ذلك بكثير.",
                              "لا شيء هنا عن ذلك."])
    found = store.find(compile_query(store, "روسيا"))
    assert [i for i, _ in found] == [a, b]  # best first: the text that says it three times
    assert all(isinstance(sc, float) for _, sc in found) and found[0][1] >= found[1][1]
    got = store.texts([b, c, "nothing-such"])
    assert got == {b: ("خبر 1", store.get(b).text), c: ("خبر 2", store.get(c).text)}


def test_search_query_errors_are_riwaya_errors(store):
    from riwaya.errors import QueryError
    from riwaya.search import search

    _corpus(store, ["نص قصير للبحث فيه."])
    for bad in ["", "   ", "-نص", "NOT نص", "OR"]:
        with pytest.raises(QueryError):
            search(store, bad)


def test_search_vocabulary_follows_writes(store):
    from riwaya.search import search

    _corpus(store, ["النص الأول هنا فقط."])
    assert not search(store, "الزلزال").ids
    d = _doc("وقع الزلزال صباحا.", "z.txt", title="زلزال")
    aid = _put(store, d).new[0]
    _analyse(store, aid, d)
    assert search(store, "زلزال").ids == (aid,)


# -- transactions ------------------------------------------------------------------------------------
def test_a_failed_transaction_leaves_nothing(store):
    d = _doc("خبر قبل الفشل.")
    with pytest.raises(RuntimeError):
        with store.transaction():
            _put(store, d)
            store.put_state("m", "k", 1, "{}")
            store.set_stage_mark("s", "1", 5)
            raise RuntimeError("boom")
    assert store.count() == 0 and store.get_state("m", "k") is None and store.stage_mark("s") is None
    assert store.recorded([d.source]) == set()
    _put(store, d)
    assert store.count() == 1


def test_nested_transactions_join_the_outer_one(store):
    with store.transaction():
        with store.transaction():
            store.put_state("m", "a", 1, "1")
        store.put_state("m", "b", 1, "2")
    assert store.states("m") == {"a": (1, "1"), "b": (1, "2")}


# -- Events ------------------------------------------------------------------------------------------
def test_events_roundtrip_and_history(store):
    store.save_events([Event("e1", "حدث", ("a1",), "2022-01-13", "s1")], [{"op": "new", "event": "e1"}])
    store.save_events([Event("e1", "حدث", ("a1", "a2"), "2022-01-13", "s1")], [{"op": "join", "event": "e1"}])
    assert store.events()[0].articles == ("a1", "a2")
    assert store.stories()[0].id == "s1"
    assert [h["op"] for h in store.history()] == ["new", "join"]


# -- Vectors -----------------------------------------------------------------------------------------
def test_vectors_keep_their_type(store):
    store.put_vectors("e5", {"k1": np.arange(4, dtype="<f4")})
    store.put_vectors("minhash", {"k1": np.arange(3, dtype="<u8")})
    got = store.vectors("e5", ["k1", "k2"])
    assert list(got) == ["k1"] and got["k1"].dtype == np.dtype("<f4") and got["k1"].tolist() == [0, 1, 2, 3]
    assert store.vectors("minhash", ["k1"])["k1"].dtype == np.dtype("<u8")
    assert store.vectors("other", ["k1"]) == {}


# -- ModelState --------------------------------------------------------------------------------------
def test_state_and_stage_marks(store):
    assert store.get_state("furniture.counts", "x") is None and store.stage_mark("furniture") is None
    store.put_state("furniture.counts", "x", 1, '{"a": 1}')
    store.put_state("furniture.counts", "x", 2, '{"a": 2}')
    assert store.get_state("furniture.counts", "x") == (2, '{"a": 2}')
    assert store.states("furniture.counts") == {"x": (2, '{"a": 2}')}
    store.set_stage_mark("furniture", "1", 7)
    assert store.stage_mark("furniture") == ("1", 7)


def test_published_survives_the_roundtrip(store):
    d = _doc("خبر بتاريخ.")
    aid = _put(store, d).new[0]
    a = clean(d).evolve(id=aid, published=Published("2022-01-13", "text:x", 0.9, text="الخميس"))
    store.put_analysed([(a, "s")])
    assert store.get(aid).published == a.published


def test_sqlite_refuses_newer_schema(tmp_path):
    import sqlite3

    from riwaya.errors import StoreError
    from riwaya.store import SqliteStore

    p = tmp_path / "x.db"
    db = sqlite3.connect(p)
    db.execute("PRAGMA user_version=999")
    db.close()
    with pytest.raises(StoreError):
        SqliteStore(str(p))


def test_sqlite_refuses_an_old_store_without_raw_inputs(tmp_path):
    import sqlite3

    from riwaya.errors import StoreError
    from riwaya.store import SqliteStore

    p = tmp_path / "old.db"
    db = sqlite3.connect(p)
    db.execute("CREATE TABLE articles (seq INTEGER PRIMARY KEY, id TEXT, data TEXT)")
    db.execute("INSERT INTO articles(id, data) VALUES ('a', '{}')")
    db.execute("PRAGMA user_version=2")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="raw inputs"):
        SqliteStore(str(p))


def test_changes_differ_after_every_committed_write(store):
    before = store.changes()
    assert store.changes() == before  # reading changes nothing
    store.put_state("m", "k", 1, "{}")
    after = store.changes()
    assert after != before
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.put_state("m", "k2", 1, "{}")
            raise RuntimeError("boom")
    d = _doc("خبر آخر هنا للتجربة.", "c.txt")
    _put(store, d)
    assert store.changes() not in (before, after)
