"""The web app in a real browser: Playwright for Python driving Debian's chromium (``playwright
install`` cannot download here). Skips, saying why, when chromium or playwright is missing.
Screenshots go to $RIWAYA_TEST_ARTEFACTS (default: artefacts/browser under the checkout)."""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from conftest import shared_path
from serve_fixtures import ROOT, build_store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ART = Path(os.environ.get("RIWAYA_TEST_ARTEFACTS", ROOT / "artefacts" / "browser"))

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright for Python is not installed (pip install playwright)")
    import uvicorn

    from riwaya.serve.app import Server, create_app
    from riwaya.story.embed import NullEmbedder

    store = build_store(str(tmp_path_factory.mktemp("browser") / "b.db"), shared_path("corpora", "seeds"))
    port = _free_port()
    app = create_app(Server(store, "sekret", embedder=NullEmbedder()))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    t = threading.Thread(target=server.run, daemon=True)
    t.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", store
    server.should_exit = True
    t.join(10)
    store.close()


@pytest.fixture(scope="module")
def page(site):
    from playwright.sync_api import sync_playwright

    ART.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        ctx = browser.new_context(java_script_enabled=False, locale="ar")
        pg = ctx.new_page()
        yield pg
        ctx.close()
        browser.close()


def _shot(pg, name: str) -> None:
    pg.screenshot(path=str(ART / f"{name}.png"), full_page=True)


def test_story_list(site, page):
    base, store = site
    page.goto(base + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("#stories li.story").count() == min(30, len(store.stories()))
    _shot(page, "01-stories")
    page.locator("#stories li.story a.title").first.click()
    page.wait_for_load_state()
    assert "/stories/" in page.url and page.locator("#events li").count() >= 1
    assert page.locator("#timeline svg rect").count() >= 1
    _shot(page, "02-story")


def test_search_with_a_spelling_variant(site, page):
    base, store = site
    page.goto(base + "/")
    page.fill("header input[name=q]", "قازاقستان")
    page.click("header button[type=submit]")
    page.wait_for_load_state()
    hits = page.locator("#hits li.hit")
    assert hits.count() >= 2
    assert "كازاخستان" in " ".join(page.locator("#hits mark").all_inner_texts())
    _shot(page, "03-search-variant")


def test_article_layers_and_furniture(site, page):
    base, store = site
    a = next(x for x in store.articles() if x.removed and x.layer("dates"))
    page.goto(f"{base}/articles/{a.id}")
    assert page.locator("#body mark.l-dates").count() >= 1
    removed = page.locator("details#removed")
    assert removed.get_attribute("open") is None
    page.click("details#removed summary")  # opens without any script
    assert removed.get_attribute("open") is not None
    assert page.locator("#published-evidence").inner_text().strip()
    _shot(page, "04-article")


def test_english_toggle(site, page):
    base, _ = site
    page.goto(base + "/")
    page.click("#lang-toggle")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert "Latest stories" in page.locator("h1").inner_text()
    page.goto(base + "/")  # kept by the cookie
    assert page.locator("html").get_attribute("lang") == "en"
    _shot(page, "05-english")
    page.click("#lang-toggle")
    assert page.locator("html").get_attribute("dir") == "rtl"


def test_seeds_story_page_leads_with_its_account(site, page):
    """The seeds' story in a real browser: right to left, its conflict over the withdrawal's
    completion (by the 19th against a later day: before the 22nd, or within 10 days of the 13th,
    depending on which reports the lexical engine of this fixture puts in one event), a cited
    summary whose citation opens the source article, and a timeline holding 6 and 13 January."""
    base, store = site
    seeds = {a.id for a in store.articles() if "seeds" in a.sources[0].path}
    story = next(s for s in store.stories() if seeds & set(s.articles))
    page.goto(f"{base}/stories/{story.id}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    conflicts = " ".join(page.locator("#account ul.conflicts li").all_inner_texts())
    assert "2022-01-19" in conflicts and ("2022-01-22" in conflicts or "2022-01-23" in conflicts), conflicts
    assert 1 <= page.locator("#account ol.summary li").count() <= 8
    timeline = " ".join(page.locator("#account ul.timeline li").all_inner_texts())
    assert "2022-01-06" in timeline and "2022-01-13" in timeline
    _shot(page, "06-seeds-story")
    cite = page.locator("#account ol.summary li sup a").first
    target = cite.get_attribute("href")
    cite.click()
    page.wait_for_load_state()
    assert page.url.endswith(target) and page.locator("#body").inner_text().strip()


def test_entity_from_an_article_and_search_facets(site, page):
    base, store = site
    a = next(x for x in store.articles() if "قاسم جومارت توكاييف" in x.text and x.layer("entity_links"))
    page.goto(f"{base}/articles/{a.id}")
    page.locator("#entities a", has_text="توكاييف").first.click()
    page.wait_for_load_state()
    assert "/entities/" in page.url
    assert "توكاييف" in page.locator("#forms").inner_text()
    assert page.locator("#entity-stories li a").count() >= 1
    _shot(page, "07-entity")
    page.goto(base + "/search?q=" + "توكايف")
    assert page.locator("#hits li.hit").count() >= 2
    page.locator("#facet-entity a").first.click()
    page.wait_for_load_state()
    assert page.locator("#filters").count() == 1 and page.locator("#hits li.hit").count() >= 1
    _shot(page, "08-search-entity-facet")
