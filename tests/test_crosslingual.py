"""Cross-lingual events: English and Arabic reports of one happening share an event; reports of
different happenings do not, whatever their languages."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from riwaya.story.crosslingual import MARGIN, MIN_COS, Linked

ROOT = Path(__file__).resolve().parent.parent


def _run(paths: list[str]):
    from riwaya.job import analyse, cluster, ingest_paths
    from riwaya.store import MemoryStore

    store = MemoryStore()
    ingest_paths(store, paths)
    analyse(store)
    cluster(store)
    return store


def test_demo_english_reports_join_the_arabic_event():
    store = _run([str(ROOT / "demo" / "corpus")])
    arts = list(store.articles())
    of = {a: e.id for e in store.events() for a in e.articles}
    english = [a for a in arts if a.language == "en"]
    arabic = [a for a in arts if a.language == "ar"]
    assert len(english) >= 2 and arabic
    arabic_events = {of[a.id] for a in arabic}
    for a in english:
        assert of[a.id] in arabic_events, a.title
    links = [h for h in store.history() if h.get("op") == "crosslingual"]
    assert links and all(h["cosine"] >= MIN_COS for h in links)


EN_OTHER = """Central bank raises interest rate by half a point

March 14, 2024

The central bank raised its benchmark interest rate by 50 basis points to 7.25 percent on Thursday,
citing persistent inflation in food and housing prices, and said further increases could follow
if the currency kept weakening against the dollar. Analysts had expected a quarter-point rise.
"""

AR_FLOOD = """سيول تقتل ستة أشخاص في بلدة جبلية

14 مارس 2024

لقي ستة أشخاص حتفهم وفقد ثلاثة آخرون بعد أن اجتاحت سيول جارفة بلدة جبلية ليل الأربعاء، وقال الدفاع
المدني إن فرق الإنقاذ تواصل البحث عن المفقودين قرب مجرى الوادي، فيما أعلنت السلطات تعليق الدراسة.
"""


def test_english_report_of_another_happening_stays_apart(tmp_path):
    (tmp_path / "bank-2024-03-14.txt").write_text(EN_OTHER, encoding="utf-8")
    (tmp_path / "floods-2024-03-14.txt").write_text(AR_FLOOD, encoding="utf-8")
    store = _run([str(tmp_path)])
    langs = {a.language for a in store.articles()}
    assert langs == {"en", "ar"}
    assert len(store.events()) == 2
    assert not [h for h in store.history() if h.get("op") == "crosslingual"]


def _v(i: str, emb, t: float = 0.0):
    """A Vectors with only an embedding (no words: the model alone would never join two of them)."""
    from riwaya.story.features import DocFreq, Tokens, vectors

    tok = Tokens(i, t, None, (), (), (), frozenset())
    e = np.asarray(emb, dtype=np.float32)
    return vectors(tok, DocFreq(), e / np.linalg.norm(e))


@pytest.fixture
def model():
    from riwaya.story import joiner

    return joiner.load()


def test_link_needs_cosine_and_margin(model):
    rng = np.random.default_rng(0)
    base = rng.normal(size=16)
    near = base + 0.2 * rng.normal(size=16)
    far = rng.normal(size=16)
    ln = Linked(model)
    ar_event, _ = ln.add(_v("a1", base), "ar")
    other_event, _ = ln.add(_v("a2", far), "ar")
    assert ar_event != other_event
    en_event, opened = ln.add(_v("e1", near), "en")
    cos = float(_v("x", near).emb @ _v("y", base).emb)
    assert cos >= MIN_COS
    assert en_event == ar_event and not opened
    assert ln.links and ln.links[0].margin >= MARGIN
    # an unrelated English report opens its own event
    lone, opened = ln.add(_v("e2", rng.normal(size=16)), "en")
    assert opened and lone not in (ar_event, other_event)


def test_no_link_into_an_event_that_already_has_the_language(model):
    rng = np.random.default_rng(1)
    base, far = rng.normal(size=16), rng.normal(size=16)
    ln = Linked(model)
    ln.replay(_v("a1", base), "ar", "E")
    ln.replay(_v("e0", far), "en", "E")  # the event already holds an English report, unlike e2
    e2, opened = ln.add(_v("e2", base), "en")
    assert opened and e2 != "E" and not ln.links


def test_copy_joins_its_originals_event_across_languages(model):
    ln = Linked(model)
    ev, _ = ln.add(_v("a1", [1.0, 0.0]), "ar")
    got, opened = ln.add(_v("e1", [0.0, 1.0]), "en", known=ev)
    assert got == ev and not opened


def test_language_of_falls_back_to_the_script():
    from riwaya.story.crosslingual import language_of

    assert language_of("en", "نص عربي") == "en"
    assert language_of(None, "سيول في وادي السدرة") == "ar"
    assert language_of(None, "Floods in Wadi al-Sidra") == "und"


def test_english_reports_arriving_later_join_the_stored_arabic_event():
    from riwaya.job import analyse, cluster, ingest_paths
    from riwaya.store import MemoryStore

    corpus = sorted((ROOT / "demo" / "corpus").iterdir())
    store = MemoryStore()
    ingest_paths(store, [str(p) for p in corpus if not p.name.startswith("coastline")])  # the Arabic outlets
    analyse(store)
    cluster(store)
    before = {e.id: set(e.articles) for e in store.events()}
    assert {a.language for a in store.articles()} == {"ar"}
    ingest_paths(store, [str(p) for p in corpus if p.name.startswith("coastline")])  # the English outlet
    analyse(store)
    cluster(store)
    of = {a: e.id for e in store.events() for a in e.articles}
    english = [a for a in store.articles() if a.language == "en"]
    assert english and all(of[a.id] in before for a in english)  # into an event that was stored
    assert all(before[eid] <= set(e.articles) for e in store.events() for eid in [e.id] if eid in before)
