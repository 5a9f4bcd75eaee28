"""The server's API in process (TestClient) on a store of the seeds and the demo corpus."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

from serve_fixtures import build_store, client
from conftest import shared_path

AUTH = {"Authorization": "Bearer sekret"}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    seeds = shared_path("corpora", "seeds")
    store = build_store(str(tmp_path_factory.mktemp("serve") / "s.db"), seeds)
    yield store
    store.close()


@pytest.fixture(scope="module")
def api(base):
    return client(base)


@pytest.fixture
def fresh(tmp_path):
    """A store the test may write to (the demo corpus alone)."""
    store = build_store(str(tmp_path / "w.db"), None)
    yield store
    store.close()


def _is_error(r, status: int, code: str | None = None):
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert "Traceback" not in r.text and 'File "' not in r.text
    if code:
        assert body["error"]["code"] == code


# -- the error shape -----------------------------------------------------------------------------------
def test_every_error_has_one_shape(api):
    _is_error(api.get("/api/stories/nope"), 404, "not_found")
    _is_error(api.get("/api/articles/nope"), 404, "not_found")
    _is_error(api.get("/api/nothing-here"), 404)
    _is_error(api.get("/api/stories", params={"limit": 0}), 422, "invalid")
    _is_error(api.get("/api/stories", params={"from": "yesterday"}), 422, "invalid")
    _is_error(api.get("/api/stories", params={"cursor": "!!!"}), 400, "bad_cursor")
    _is_error(api.get("/api/search", params={"q": "-روسيا"}), 400, "bad_query")
    _is_error(api.get("/api/search"), 422, "invalid")
    _is_error(api.put("/api/stories"), 405)
    _is_error(api.post("/api/articles", json={"text": "x"}), 401, "unauthorised")
    _is_error(api.post("/api/articles", content=b"x", headers={**AUTH, "content-type": "text/plain"}), 415)
    _is_error(api.get("/api/entities/someone"), 404, "not_found")  # the store has canonical entities


def test_an_unexpected_failure_is_a_500_in_the_shape_without_a_traceback(base, monkeypatch):
    c = client(base)
    srv = c.app.state.server

    def boom(*a, **k):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(srv.store, "get", boom)
    aid = next(iter(srv.catalog.fresh().articles))
    r = c.get(f"/api/articles/{aid}")
    _is_error(r, 500, "internal")
    assert "secret internals" not in r.text and "RuntimeError" not in r.text


def test_openapi_and_docs(api):
    spec = api.get("/openapi.json").json()
    for p in ["/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/search",
              "/api/entities/{entity_id}", "/api/articles"]:
        assert p in spec["paths"]
    r = api.get("/docs")
    assert r.status_code == 200 and "/api/search" in r.text and "<script" not in r.text


# -- lists and pages -----------------------------------------------------------------------------------
def _all_pages(api, path, key, **params):
    seen, total, cursor, pages = [], None, None, 0
    while True:
        r = api.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        d = r.json()
        total = d["total"] if total is None else total
        assert d["total"] == total  # the total does not change while paging
        seen += [x["id"] for x in d[key]]
        pages += 1
        cursor = d["next"]
        if not cursor:
            return seen, total, pages


def test_story_list_pages_through_every_story(api, base):
    ids, total, pages = _all_pages(api, "/api/stories", "stories", limit=1)
    assert len(ids) == len(set(ids)) == total == len(base.stories()) and pages == total
    assert set(ids) == {s.id for s in base.stories()}


def test_article_list_pages_through_every_article(api, base):
    ids, total, _ = _all_pages(api, "/api/articles", "articles", limit=3)
    assert len(ids) == len(set(ids)) == total == len(list(base.articles()))


def test_search_pages_through_every_hit(api):
    full = api.get("/api/search", params={"q": "كازاخستان", "limit": 100}).json()
    ids, total, pages = _all_pages(api, "/api/search", "hits", q="كازاخستان", limit=1)
    assert ids == [h["id"] for h in full["hits"]] and total == full["total"] >= 2 and pages == total


def test_story_filters(api, base):
    all_ = api.get("/api/stories", params={"limit": 500}).json()
    some = all_["stories"][0]
    outlet = some["outlets"][0]["outlet"]
    by_outlet = api.get("/api/stories", params={"outlet": outlet, "limit": 500}).json()
    assert by_outlet["total"] >= 1 and all(outlet in [o["outlet"] for o in s["outlets"]] for s in by_outlet["stories"])
    ar = api.get("/api/stories", params={"lang": "ar", "limit": 500}).json()
    assert all("ar" in s["languages"] for s in ar["stories"])
    assert api.get("/api/stories", params={"from": "2100"}).json()["total"] == 0
    assert api.get("/api/stories", params={"to": "1900"}).json()["total"] == 0
    q = api.get("/api/stories", params={"q": "كازاخستان"}).json()
    assert 1 <= q["total"] < all_["total"]


def test_story_detail_has_its_account(api):
    sid = api.get("/api/stories").json()["stories"][0]["id"]
    s = api.get(f"/api/stories/{sid}").json()
    assert s["events"] and s["articles"] and s["coverage"] is not None
    assert {"facts", "conflicts", "summary", "timeline"} <= set(s["account"]) and s["account"]["summary"]
    assert {a["id"] for a in s["articles"]} == {a for e in s["events"] for a in e["articles"]}


def test_a_story_page_is_rendered_again_after_the_store_changes(fresh):
    c = client(fresh)
    sid = c.get("/api/stories").json()["stories"][0]["id"]
    first = c.get(f"/stories/{sid}").text
    assert c.get(f"/stories/{sid}").text == first  # kept
    acc = c.get(f"/api/stories/{sid}").json()["account"] or {}
    acc["summary"] = [{"text": "ملخص جديد كتب بعد العرض الأول", "sources": []}]
    fresh.put_state("account", sid, 1, json.dumps(acc, ensure_ascii=False))
    assert "ملخص جديد كتب بعد العرض الأول" in c.get(f"/stories/{sid}").text
    assert "ملخص جديد كتب بعد العرض الأول" in c.get(f"/api/stories/{sid}").text


def test_article_detail_has_layers_evidence_furniture_and_sources(api, base):
    a = next(x for x in base.articles() if x.removed and x.layer("dates"))
    d = api.get(f"/api/articles/{a.id}").json()
    assert d["text"] == a.text and d["layers"]["dates"] and d["layers"]["sentences"]
    assert d["published_evidence"]["evidence"] and d["removed"] and d["sources"]
    for item in d["layers"]["dates"]:
        assert a.text[item["start"]:item["end"]] == item["text"]


def test_article_page_speaks_to_readers(api, base):
    """Evidence codes and file paths stay in a details panel; furniture reasons and the date's
    source are named in the interface's language."""
    import re

    for a in base.articles():
        html = api.get(f"/articles/{a.id}").text
        shown = re.sub(r"<details class=\"evidence\">.*?</details>", "", html, flags=re.S)
        for src in a.sources:
            assert src.path not in shown
        ev = a.published.evidence
        if ev and ev != "none":
            assert ev.split(";")[0].split(" (")[0] not in shown, ev
        assert "repeated title" not in shown and "date line" not in shown


def test_csv_export_is_every_row(api):
    total = api.get("/api/stories").json()["total"]
    r = api.get("/api/stories", params={"format": "csv", "limit": 1})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0][0] == "id" and len(rows) - 1 == total
    hits = api.get("/api/search", params={"q": "روسيا", "format": "csv"})
    assert len(list(csv.reader(io.StringIO(hits.text)))) - 1 == api.get("/api/search", params={"q": "روسيا"}).json()["total"]


# -- search a reader can trust (the cases, on the seeds) -----------------------------------------
def _texts(base, needle_forms):
    return {a.id for a in base.articles() if any(f in a.text or f in (a.title or "") for f in needle_forms)}


def test_search_finds_clitic_forms_with_original_snippets(api, base):
    d = api.get("/api/search", params={"q": "أرمينيا", "limit": 100}).json()
    want = _texts(base, ["أرمينيا", "لأرمينيا", "وأرمينيا"])
    assert len(want) >= 3 and {h["id"] for h in d["hits"]} == want
    texts = {a.id: a.text for a in base.articles()}
    marked = set()
    for h in d["hits"]:
        s = h["snippet"]
        assert s["text"] == texts[h["id"]][s["start"]:s["start"] + len(s["text"])]  # the original text
        marked |= {s["text"][x:y] for x, y in s["marks"]}
        assert {"outlet", "published", "story", "story_title"} <= set(h)
    assert marked & {"لأرمينيا", "وأرمينيا"}


@pytest.mark.parametrize("query,forms", [
    ("قازاقستان", ["كازاخستان"]),
    ("توكايف", ["توكاييف"]),
    ("شويجو", ["شويغو"]),
])
def test_search_finds_spelling_variants(api, base, query, forms):
    want = _texts(base, forms)
    assert want
    got = {h["id"] for h in api.get("/api/search", params={"q": query, "limit": 100}).json()["hits"]}
    assert want <= got


def test_search_or_and_prefix(api, base):
    a = {h["id"] for h in api.get("/api/search", params={"q": "شويغو", "limit": 100}).json()["hits"]}
    b = {h["id"] for h in api.get("/api/search", params={"q": "أرمينيا", "limit": 100}).json()["hits"]}
    both = {h["id"] for h in api.get("/api/search", params={"q": "شويغو OR أرمينيا", "limit": 100}).json()["hits"]}
    assert a and b and both == a | b
    pre = api.get("/api/search", params={"q": "كازاخ*", "limit": 100}).json()
    assert {h["id"] for h in pre["hits"]} >= _texts(base, ["كازاخستان"])
    assert any(w.startswith("كازاخستان") or w.startswith("الكازاخ") for w in pre["expanded"]["كازاخ*"])


def test_search_facets_and_filters(api):
    d = api.get("/api/search", params={"q": "روسيا", "limit": 100}).json()
    assert sum(f["count"] for f in d["facets"]["outlet"]) == d["articles"] >= d["total"]
    outlet = d["facets"]["outlet"][0]["value"]
    if outlet:
        f = api.get("/api/search", params={"q": "روسيا", "outlet": outlet}).json()
        assert f["articles"] == d["facets"]["outlet"][0]["count"]
        assert all(h["outlet"] == outlet for h in f["hits"])


# -- entities --------------------------------------------------------------------------------------------
def _entity_with(store, form: str) -> dict:
    from riwaya.extract.entity_stage import entity_rows

    rows = [r for r in entity_rows(store) if any(f["form"] == form for f in r["forms"])]
    assert rows, f"no canonical entity has the form {form}"
    return rows[0]


def _linked(store, eid: str) -> set[str]:
    return {a.id for a in store.articles() if any(ln.get("entity") == eid for ln in a.layer("entity_links"))}


def test_entities_once_they_exist(api, base):
    from riwaya.store import MemoryStore

    _is_error(client(MemoryStore()).get("/api/entities/E1"), 404, "no_entities")
    _is_error(api.get("/api/entities/E999999"), 404, "not_found")
    e = _entity_with(base, "قاسم جومارت توكاييف")
    d = api.get(f"/api/entities/{e['id']}").json()
    assert {"قاسم جومارت توكاييف", "توكاييف"} <= {f["form"] for f in d["forms"]}
    assert d["mentions"] == sum(f["count"] for f in d["forms"]) and d["name"] == e["name"]
    linked = _linked(base, e["id"])
    assert d["articles"] == len(linked) >= 2
    stories = {s["id"] for s in d["stories"]}
    listed = api.get("/api/stories", params={"entity": e["id"], "limit": 500}).json()
    assert stories and {s["id"] for s in listed["stories"]} == stories and listed["total"] == d["stories_total"]
    page = api.get(f"/entities/{e['id']}", headers={"accept": "text/html"}).text
    assert "قاسم جومارت توكاييف" in page and all(f"/stories/{s}" in page for s in stories)
    # the article page links its canonical entities
    art = api.get(f"/articles/{sorted(linked)[0]}").text
    assert f'href="/entities/{e["id"]}"' in art


def test_search_widens_a_name_through_its_canonical_entity(api, base):
    e = _entity_with(base, "قاسم جومارت توكاييف")
    linked = _linked(base, e["id"])
    full = _texts(base, ["قاسم جومارت توكاييف"])
    for q in ("توكاييف", "توكايف", "قاسم جومارت توكاييف"):
        d = api.get("/api/search", params={"q": q, "limit": 100}).json()
        got = {h["id"] for h in d["hits"]}
        assert full <= got and linked <= got, q
        assert any(f"entity:{e['id']}" in v for v in d["via"].values()), d["via"]
        assert e["id"] in {f["value"] for f in d["facets"]["entity"]}
    # the facet filters: every hit mentions the entity, and the count is the facet's
    d = api.get("/api/search", params={"q": "روسيا", "limit": 100}).json()
    facet = d["facets"]["entity"][0]
    f = api.get("/api/search", params={"q": "روسيا", "entity": facet["value"], "limit": 100}).json()
    assert f["articles"] == facet["count"] and {h["id"] for h in f["hits"]} <= _linked(base, facet["value"])
    page = api.get("/search", params={"q": "روسيا", "entity": facet["value"]}).text
    assert 'id="facet-entity"' in page and 'id="filters"' in page


# -- writes ----------------------------------------------------------------------------------------------
ARTICLE = {"title": "عاجل: زلزال يضرب مدينة ساحلية", "outlet": "وكالة الاختبار", "published": "2024-05-02",
           "text": "ضرب زلزال بقوة 6 درجات مدينة ساحلية صباح الخميس، وقالت السلطات إن عشرة أشخاص أصيبوا.\n\n"
                   "وأضافت أن فرق الإنقاذ تبحث عن مفقودين تحت الأنقاض في الحي القديم."}


def test_writes_need_the_token_and_change_nothing_without_it(fresh):
    c = client(fresh)
    n = fresh.count()
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "sekret"}, {"Authorization": "Basic sekret"}):
        _is_error(c.post("/api/articles", json=ARTICLE, headers=headers), 401, "unauthorised")
    assert fresh.count() == n


def test_post_json_runs_the_whole_chain(fresh):
    c = client(fresh)
    r = c.post("/api/articles", json=ARTICLE, headers=AUTH)
    assert r.status_code == 201, r.text
    d = r.json()
    (aid,) = d["ids"]
    assert d["stories"] and d["articles"][0]["story"] in d["stories"]
    a = c.get(f"/api/articles/{aid}").json()
    assert a["title"] == ARTICLE["title"] and a["layers"]["sentences"] and a["outlet"] == "وكالة الاختبار"
    assert any(h["id"] == aid for h in c.get("/api/search", params={"q": "زلزال"}).json()["hits"])
    assert any(s["id"] in d["stories"] for s in c.get("/api/stories", params={"limit": 500}).json()["stories"])
    # a list, and the same article again (no new article)
    two = [dict(ARTICLE, title="ثان", text="أعلنت الوزارة خطة جديدة للنقل العام في العاصمة تبدأ الشهر المقبل."), ARTICLE]
    r2 = c.post("/api/articles", json=two, headers=AUTH).json()
    assert len(r2["ids"]) == 2 and aid in r2["ids"]


def test_post_files_in_any_format_riwaya_reads(fresh, tmp_path):
    c = client(fresh)
    html = ("<html><head><title>Storm hits the coast</title></head><body><article><h1>Storm hits the coast</h1>"
            "<p>A storm hit the northern coast on Monday, officials said, cutting power to thousands of homes.</p>"
            "<p>Rescue teams were sent to three villages.</p></article></body></html>")
    files = [("files", ("../../etc/storm.html", html.encode(), "text/html")),
             ("files", ("note.txt", "عنوان الخبر\n\nأعلنت البلدية إغلاق الطريق الساحلي بسبب الأمطار الغزيرة.".encode(), "text/plain"))]
    r = c.post("/api/articles", files=files, headers=AUTH)
    assert r.status_code == 201, r.text
    assert len(r.json()["ids"]) == 2
    kept = list(c.app.state.server.uploads.iterdir())
    assert all(p.parent == c.app.state.server.uploads and ".." not in p.name for p in kept)


def test_bad_input_gets_clear_errors_and_changes_nothing(fresh):
    c = client(fresh, max_body=2000)
    n = fresh.count()
    _is_error(c.post("/api/articles", content=b"{not json", headers={**AUTH, "content-type": "application/json"}),
              400, "bad_json")
    _is_error(c.post("/api/articles", json={"title": "no text"}, headers=AUTH), 422, "invalid")
    _is_error(c.post("/api/articles", json=[1, 2], headers=AUTH), 422, "invalid")
    _is_error(c.post("/api/articles", json={"text": "x", "evil": 1}, headers=AUTH), 422, "invalid")
    _is_error(c.post("/api/articles", json={"text": "س" * 5000}, headers=AUTH), 413, "too_large")
    _is_error(c.post("/api/articles", files=[("files", ("e.txt", b"", "text/plain"))], headers=AUTH), 400, "bad_input")
    assert fresh.count() == n


# -- hostile text renders inert ----------------------------------------------------------------------------
HOSTILE = [
    {"title": "<script>alert('t')</script> عنوان", "outlet": "<b onmouseover=alert(1)>منفذ</b>",
     "url": "javascript:alert(document.cookie)",
     "text": "نص فيه <img src=x onerror=alert(1)> وسطر آخر عن الهجوم.\n\n<script>alert(2)</script> فقرة ثانية عن الهجوم."},
    {"title": "\u202eعنوان معكوس\u202c <a href=\"javascript:alert(3)\">اضغط</a>", "url": "JaVaScRiPt:alert(4)",
     "text": "خبر فيه تجاوز اتجاه \u202e<svg onload=alert(5)>\u202c عن الهجوم على المدينة الساحلية.",
     "published": "2024-05-03"},
]


def _inert(html: str):
    low = html.lower()
    assert "<script" not in low and "<img" not in low and "<svg onload" not in low
    assert "onerror=" not in low.replace("onerror=alert(1)&gt;", "") or "&lt;img" in low
    assert 'href="javascript:' not in low and "href='javascript:" not in low
    assert "\u202e" not in html and "\u202c" not in html


def _shown(html: str) -> str:
    """The page's text as escaped HTML, without the page's own isolation and highlight tags."""
    return re.sub(r"</?(bdi|mark)[^>]*>", "", html)


def test_hostile_articles_render_inert_on_every_page(fresh):
    c = client(fresh)
    d = c.post("/api/articles", json=HOSTILE, headers=AUTH).json()
    assert len(d["ids"]) == 2
    pages = ["/", "/?lang=en", "/search?q=الهجوم", "/search?q=<script>"] + [f"/articles/{i}" for i in d["ids"]] + \
        [f"/stories/{s}" for s in d["stories"]]
    for p in pages:
        r = c.get(p)
        assert r.status_code == 200, p
        assert "script-src 'none'" in r.headers["content-security-policy"]
        _inert(r.text)
    art = _shown(c.get(f"/articles/{d['ids'][0]}").text)
    assert "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;" in art and "&lt;img src=x onerror=alert(1)&gt;" in art
    assert "javascript:alert(document.cookie)" in art  # shown as text, never as a link
    home = _shown(c.get("/").text)
    assert "&lt;b onmouseover=alert(1)&gt;" in home


# -- the web app ------------------------------------------------------------------------------------------
def test_pages_are_arabic_first_with_an_english_toggle(api):
    r = api.get("/")
    assert 'dir="rtl"' in r.text and 'lang="ar"' in r.text and "أحدث القصص" in r.text
    en = api.get("/?lang=en")
    assert 'dir="ltr"' in en.text and "Latest stories" in en.text and en.cookies.get("lang") == "en"
    again = api.get("/")  # the choice is kept in a cookie
    assert "Latest stories" in again.text
    back = api.get("/?lang=ar")
    assert 'dir="rtl"' in back.text
    api.cookies.clear()


def test_article_page_shows_layers_furniture_and_date_evidence(api, base):
    a = next(x for x in base.articles() if x.removed and x.layer("dates"))
    html = api.get(f"/articles/{a.id}").text
    assert 'class="l-dates"' in html and "<details" in html and 'id="published-evidence"' in html
    assert a.published.evidence in html


def test_search_page_and_errors_as_pages(api):
    r = api.get("/search", params={"q": "قازاقستان"})
    assert r.status_code == 200 and "<mark>" in r.text and "كازاخستان" in r.text
    nf = api.get("/stories/nope", headers={"accept": "text/html"})
    assert nf.status_code == 404 and "<html" in nf.text
