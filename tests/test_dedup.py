"""Near-duplicate detection: a lightly edited copy is found, a different report is not."""
from __future__ import annotations

from riwaya.model import Article, Source
from riwaya.story.dedup import copies

BASE = ("أعلنت وزارة الدفاع الروسية اليوم الخميس أن الوحدات الأولى من قوات الإنزال الروسية ضمن قوات "
        "منظمة معاهدة الأمن الجماعي غادرت كازاخستان وانطلقت من مطار ألما آتا إلى نقطة الانتشار الدائم "
        "بحسب ما نقلته وكالة سبوتنيك الروسية وأكدت أن أربع طائرات نقل عسكري ستنقل وحدات من المظليين")


def a(i: str, text: str) -> Article:
    return Article(id=i, text=text, sources=(Source(i),), title="القوات الروسية تغادر كازاخستان")


def test_edited_copy_is_found_and_other_report_is_not():
    arts = [a("orig", BASE), a("copy", BASE.replace("اليوم الخميس", "الخميس") + " إلى منطقة إيفانوفو"),
            a("other", "فرض الرئيس الأمريكي رسوما جمركية على واردات الصلب والألمنيوم بنسبة خمسة وعشرين في المئة "
                       "ما أثار ردود فعل غاضبة من الاتحاد الأوروبي والصين وكندا التي هددت بالرد بالمثل")]
    assert copies(arts) == {"copy": "orig"}


OTHER = ("فرض الرئيس الأمريكي رسوما جمركية على واردات الصلب والألمنيوم بنسبة خمسة وعشرين في المئة "
         "ما أثار ردود فعل غاضبة من الاتحاد الأوروبي والصين وكندا التي هددت بالرد بالمثل")


def test_signature_index_matches_article_index():
    from riwaya.story.dedup import Copies, signature

    arts = [a("orig", BASE), a("copy", BASE + " وقالت الوزارة إن العملية ستستمر"), a("other", OTHER)]
    idx = Copies()
    got = [idx.add_signature(x.id, signature(x)) for x in arts]
    assert got[0] is None and got[2] is None
    assert got[1].original == "orig" and 0.7 <= got[1].jaccard <= 1.0
    assert "orig" in got[1].layer()[0]["evidence"]


def test_engine_marks_copy_joins_original_event_and_writes_copy_of(store, tmp_path):
    import json

    from riwaya.report.files import write_articles
    from riwaya.story import engine
    from riwaya.story.dedup import SIGNATURE, _scheme, independent

    def dated(i, text, outlet, day):
        from riwaya.model import Published

        return a(i, text).evolve(outlet=outlet, published=Published(f"2022-01-{day}T10:00:00", "metadata", 1.0))

    orig = dated("orig", BASE, "A", 13)
    copy = dated("copy", BASE.replace("اليوم الخميس", "الخميس") + " إلى منطقة إيفانوفو", "B", 13)
    other = dated("other", OTHER, "C", 13).evolve(title="رسوم أمريكية على الصلب والألمنيوم")
    store.add([orig, other])
    engine.run(store)
    store.add([copy])  # arrives later, in a second batch: still found, against the stored articles
    rep = engine.run(store)
    assert rep.copies == 1
    of = {x: e.id for e in store.events() for x in e.articles}
    assert of["copy"] == of["orig"] != of["other"]
    arts = list(store.articles())
    assert [x.id for x in arts if x.layer("copy")] == ["copy"]
    assert independent(arts) == {"A": 1, "C": 1}
    from riwaya.ids import input_key

    keys = [input_key((a.title or "") + "\n" + a.text) for a in (orig, copy, other)]
    assert len(store.vectors(f"{SIGNATURE}-{_scheme()}", keys)) == 3  # cached
    write_articles(tmp_path / "a.jsonl", arts)
    rec = {r["id"]: r for r in map(json.loads, (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines())}
    assert rec["copy"]["copy_of"]["id"] == "orig" and rec["orig"]["copy_of"] is None
