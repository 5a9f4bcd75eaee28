"""Cleaning: page furniture out (each line with its reason), body and subheadings in, metadata read
from the page. Seeds are read in place; the expectations are line numbers of the seed files."""
from __future__ import annotations

import json
import re

import pytest

from riwaya.data import load_json
from riwaya.model import Document, Source
from riwaya.text.clean import clean
from riwaya.text.corpus import OutletFurniture
from riwaya.text.furniture import cues, make_line

# seed -> {line number (1-based) in the file: reason it must be removed with}
FURNITURE = {
    "000": {1: "title", 3: "caption", 5: "share widget", 34: "related articles", 37: "share widget",
            39: "donation prompt", 41: "donation prompt", 43: "donation prompt", 45: "donation prompt",
            47: "donation prompt"},
    "001": {1: "title", 3: "byline", 4: "section name", 5: "repeated title", 6: "repeated title",
            44: "source line", 45: "short link"},
    "002": {1: "title"},
    "003": {7: "read more", 8: "read more"},
    "004": {1: "scrape date", **{i: "masthead" for i in range(2, 10)}, 11: "section name", 13: "title",
            15: "caption", 16: "caption", 17: "follow prompt"},
}
HEADINGS = {"001": {26}, "003": {5, 12}}


def _seed(seeds_dir, key):
    from riwaya.ingest import read

    path = next(seeds_dir.glob(f"{key}_*.txt"))
    doc = next(d for d in read([str(path)]) if isinstance(d, Document))
    return path.read_text(encoding="utf-8").split("\n"), clean(doc)


@pytest.mark.parametrize("key", sorted(FURNITURE))
def test_seed_furniture_removed_and_body_kept(seeds_dir, key):
    lines, art = _seed(seeds_dir, key)
    removed = [(r.text, r.reason) for r in art.removed]
    paras = {art.text[p.start:p.end]: p.kind for p in art.paragraphs}
    for no, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        if no in FURNITURE[key]:
            assert (line, FURNITURE[key][no]) in removed, (no, line[:40], removed)
            assert line not in paras
        else:
            kind = "heading" if no in HEADINGS.get(key, ()) else "body"
            assert paras.get(line) == kind, (no, line[:60])
    assert len(removed) == len(FURNITURE[key])  # and nothing else was dropped


def test_seed_titles(seeds_dir):
    for key in ("000", "001", "002", "004"):
        lines, art = _seed(seeds_dir, key)
        title_line = min(n for n, r in FURNITURE[key].items() if r == "title")
        assert art.title == lines[title_line - 1].strip()
        assert art.title_evidence != "none"
    lines, art = _seed(seeds_dir, "003")  # no headline line: derived from the lead sentence
    assert art.title_evidence.startswith("derived")
    assert lines[0].startswith(art.title.rstrip("…")) and 4 <= len(art.title.split()) <= 16


def test_seed_outlets_and_author(seeds_dir):
    _, a0 = _seed(seeds_dir, "000")
    assert a0.outlet == "عنب بلدي" and a0.outlet_evidence.startswith("donation prompt")
    lines, a1 = _seed(seeds_dir, "001")
    assert a1.outlet == "France 24" and a1.outlet_evidence.startswith("source line")
    assert a1.author == lines[2].strip()
    _, a2 = _seed(seeds_dir, "002")
    assert a2.outlet_evidence.startswith("dateline") and a2.outlet
    assert "سبوتنيك" not in a2.outlet  # the agency relayed is not the outlet
    _, a4 = _seed(seeds_dir, "004")
    assert not any(r.reason == "byline" for r in a4.removed)  # staff names are masthead, not the author


def _doc(body: str, outlet: str | None = None, title: str | None = None) -> Document:
    return Document(source=Source("t.txt"), body=body, format="text", outlet=outlet, title=title)


BODY1 = "أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المناطق الريفية بعد موسم جفاف طويل."
BODY2 = "وقال الوزير إن الخطة تشمل قروضا ميسرة وتوزيع بذور محسنة على أكثر من ألف أسرة."


def test_texts_spans_and_headings():
    art = clean(_doc(f"عنوان الخبر هنا بوضوح\n\n{BODY1}\nخطة الدعم\n{BODY2}"))
    assert art.title == "عنوان الخبر هنا بوضوح" and art.title_evidence == "first headline line"
    assert art.text == f"{BODY1}\n\nخطة الدعم\n\n{BODY2}"
    assert [p.kind for p in art.paragraphs] == ["body", "heading", "body"]
    for p in art.paragraphs:
        assert art.text[p.start:p.end] in (BODY1, BODY2, "خطة الدعم")


def test_cue_in_a_long_body_line_is_not_furniture():
    line = "وقال المتحدث إن على المواطنين أن يقرؤوا المزيد عن الخطة، مضيفا: اقرأ المزيد في البيان الرسمي الذي نشرته الوزارة صباح اليوم على موقعها الإلكتروني الرسمي."
    art = clean(_doc(f"{BODY1}\n{line}"))
    assert line in art.text and not art.removed


def test_trailing_block_goes_with_its_cue_and_mid_page_cue_does_not_take_body():
    tail = "أخبار ذات صلة\nالمزارعون يحتجون\nالأمطار تعود"
    art = clean(_doc(f"{BODY1}\n{BODY2}\n{tail}"))
    assert [r.reason for r in art.removed] == ["related articles"] * 3
    art = clean(_doc(f"{BODY1}\nاقرأ أيضا:\n{BODY2}"))
    assert BODY2 in art.text and [r.reason for r in art.removed] == ["read more"]


def test_scrape_date_only_at_the_page_edges():
    art = clean(_doc(f"الثلاثاء 5 مارس 2019\nعنوان الخبر هنا بوضوح\n{BODY1}\n{BODY2}"))
    assert ("الثلاثاء 5 مارس 2019", "scrape date") in [(r.text, r.reason) for r in art.removed]
    art = clean(_doc(f"{BODY1}\n15 أكتوبر\n{BODY2}"))  # a timeline heading between body lines stays
    assert "15 أكتوبر" in art.text


def test_repeated_sentence_kept_once_and_metadata_title_repeat_removed():
    art = clean(_doc(f"عنوان من البيانات\n{BODY1}\n{BODY2}\n{BODY1}", title="عنوان من البيانات"))
    assert art.text.count(BODY1) == 1
    assert {r.reason for r in art.removed} == {"repeated title", "repeated line"}


def test_corpus_furniture_learned_per_outlet():
    m = OutletFurniture()
    credit = "وكالة المثال/ رويترز"
    background = "وكان الصراع قد اندلع قبل سنوات وخلف آلاف القتلى والجرحى في أنحاء البلاد."
    for i in range(30):
        m.observe("X", [f"خبر رقم {i} عن موضوع مختلف تماما ومفصل جدا في هذا اليوم.", background if i < 5 else "", credit])
    m.observe("X", [f"خبر رقم 29 عن موضوع مختلف تماما ومفصل جدا في هذا اليوم.", "", credit])  # a re-post
    assert m.outlets["X"].articles == 30
    art = clean(_doc(f"{BODY1}\n{background}\n{credit}", outlet="X"), m)
    assert [(r.text, r.reason) for r in art.removed] == [(credit, "outlet furniture")]
    assert background in art.text  # a reused background sentence is body
    other = clean(_doc(f"{BODY1}\n{credit}", outlet="Y"), m)
    assert credit in other.text  # another outlet's evidence says nothing
    again = OutletFurniture.from_json(m.to_json())
    assert again.reason("X", make_line(credit)) == "outlet furniture"
    again.observe("X", [f"خبر رقم 29 عن موضوع مختلف تماما ومفصل جدا في هذا اليوم.", "", credit])
    assert again.outlets["X"].articles == 30  # fingerprints persist: a re-ingest counts nothing twice


def test_teaser_runs_only_for_outlets_that_append_them():
    m = OutletFurniture()
    teasers = [f"أعلن المسؤول رقم {k} في بيان رسمي أن الاجتماع المقبل سيعقد في العاصمة الأسبوع المقبل." for k in range(30)]
    for i in range(60):
        m.observe("T", [f"هذا هو الخبر رقم {i} ويتناول موضوعا جديدا بالكامل اليوم.", BODY2 + str(i), teasers[i % 30], teasers[(i + 1) % 30]])
    assert m.teaser_outlet("T") and not m.teaser_outlet("X")
    art = clean(_doc(f"{BODY1}\n{BODY2}\n{teasers[2]}\n{teasers[3]}", outlet="T"), m)
    assert [r.reason for r in art.removed] == ["related teaser", "related teaser"]
    lead = clean(_doc(f"{teasers[2]}\n{BODY2}", outlet="T"), m)  # a teaser's own article keeps its lead
    assert teasers[2] in lead.text


def test_furniture_data_file():
    data = load_json("furniture.json")
    assert set(data["cues"]) >= {"caption", "share widget", "read more", "related articles", "donation prompt",
                                 "follow prompt", "masthead", "source line", "short link", "byline"}
    for reason, spec in data["cues"].items():
        assert spec["patterns"] and 1 <= spec["max_words"] <= 20, reason
        for p in spec["patterns"]:
            re.compile(p)
    assert len(cues()) == len(data["cues"])
    assert data["sections"] and data["date_words"] and data["masthead_titles"]


def test_outlets_data_file():
    from riwaya.text import metadata as M

    data = load_json("outlets.json")
    assert data["domains"] and data["names"] and data["agencies"]
    assert M.outlet_from_domain("https://www.france24.com/ar/x") == "France 24"
    assert M.outlet_from_domain("news.example.org") == "news.example.org"
    assert M.is_agency("رويترز") and not M.is_agency("عنب بلدي")


def test_outlets_furniture_command(tmp_path):
    from click.testing import CliRunner

    from riwaya.cli import main
    from riwaya.job import ingest_paths
    from riwaya.store import SqliteStore

    rows = [{"text": f"{BODY1} {i}\n{BODY2}\nحقوق الصور: مثال", "outlet": "مثال", "url": f"http://x/{i}"} for i in range(5)]
    src = tmp_path / "a.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    db = str(tmp_path / "r.db")
    store = SqliteStore(db)
    ingest_paths(store, [str(src)])
    store.close()
    res = CliRunner().invoke(main, ["outlets", "furniture", "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["مثال"]["articles"] == 5
    assert [r["text"] for r in out["مثال"]["furniture"]] == ["حقوق الصور: مثال"]
    res = CliRunner().invoke(main, ["outlets", "furniture", "--db", db, "--rebuild"])
    assert res.exit_code == 0 and "حقوق الصور: مثال" in res.output
