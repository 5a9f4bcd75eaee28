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
    art = clean(_doc(f"الثلاثاء 5 مارس 2019\nصحيفة المثال\nعنوان الخبر هنا بوضوح\n{BODY1}\n{BODY2}"))
    assert ("الثلاثاء 5 مارس 2019", "scrape date") in [(r.text, r.reason) for r in art.removed]
    art = clean(_doc(f"الثلاثاء 5 مارس 2019\nعنوان الخبر هنا بوضوح\n{BODY1}\n{BODY2}"))  # right above the headline
    assert ("الثلاثاء 5 مارس 2019", "date line") in [(r.text, r.reason) for r in art.removed]
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
    assert len(data["english_months"]) == 12 and data["breadcrumb_roots"]
    assert set(data["update_prefixes"]) <= set(data["date_prefixes"])


def test_outlets_data_file():
    from riwaya.text import metadata as M

    data = load_json("outlets.json")
    assert data["domains"] and data["names"] and data["agencies"]
    assert M.outlet_from_domain("https://www.france24.com/ar/x") == "France 24"
    assert M.outlet_from_domain("news.example.org") == "news.example.org"
    assert M.is_agency("رويترز") and not M.is_agency("عنب بلدي")
    assert data["outlet_words"] and M.outlet_core("شبكة الميزان الإخبارية") == "الميزان"


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


def _reasons(art) -> dict[str, str]:
    return {r.text: r.reason for r in art.removed}


def test_headline_is_chosen_past_masthead_breadcrumb_labels_and_ticker():
    head = ["صحيفة الوادي", "الرئيسية > سياسة > محليات", "الوادي | سياسة", "عاجل | وصول الوفد إلى العاصمة",
            "الحكومة تقر خطة لدعم المزارعين بعد موسم الجفاف", "المصدر: الوادي"]
    art = clean(_doc("\n".join(head + [BODY1, BODY2])))
    assert art.title == head[4] and art.title_evidence == "headline line 5"
    assert art.outlet == "صحيفة الوادي" and art.outlet_evidence.startswith("masthead")
    assert [_reasons(art)[h] for h in head] == ["masthead", "breadcrumb", "masthead", "breaking ticker", "title",
                                                "source line"]
    assert art.text == f"{BODY1}\n\n{BODY2}"


def test_label_line_without_an_outlet_is_a_section_name():
    art = clean(_doc(f"سياسة | محليات\nالحكومة تقر خطة لدعم المزارعين بعد موسم الجفاف\n{BODY1}"))
    assert _reasons(art)["سياسة | محليات"] == "section name" and art.title.startswith("الحكومة")


def test_a_short_headline_with_an_outlet_word_is_still_the_headline_when_alone():
    art = clean(_doc(f"قناة السويس تغلق أبوابها\n{BODY1}\n{BODY2}"))
    assert art.title == "قناة السويس تغلق أبوابها" and art.outlet is None


def test_english_page_head():
    body = ("Ministers agreed on Tuesday a plan to lend money to farmers hit by the long drought, officials said.\n"
            "The plan covers seed, fuel and loans for more than a thousand families in the region.")
    head = ["The Daily Example", "Home / World", "Ministers agree new plan to support farmers", "By Jane Doe",
            "Published March 5, 2019", "Share  Tweet  Email", "Photo: Farmers in a dry field. (Reuters)"]
    art = clean(_doc("\n".join(head + [body, "Sign up for our morning briefing"])))
    r = _reasons(art)
    assert art.title == head[2] and art.author == "Jane Doe" and art.outlet == "The Daily Example"
    assert [r[h] for h in head] == ["masthead", "breadcrumb", "title", "byline", "date line", "share widget", "caption"]
    assert art.text == body.replace("\n", "\n\n")


def test_date_line_position_decides_candidate_or_scrape_date():
    headline = "الحكومة تقر خطة لدعم المزارعين بعد موسم الجفاف"
    under = clean(_doc(f"{headline}\nالجمعة 15/03/2024 - 09:15\n{BODY1}"))
    assert _reasons(under)["الجمعة 15/03/2024 - 09:15"] == "date line"
    under_masthead = clean(_doc(f"صحيفة الوادي\nالخميس 14 مارس 2024\n{headline}\n{BODY1}"))
    assert _reasons(under_masthead)["الخميس 14 مارس 2024"] == "date line"
    top = clean(_doc(f"الإثنين 23 ديسمبر 2024\nرئيس التحرير\nفلان الفلاني\n{headline}\n{BODY1}"))
    assert _reasons(top)["الإثنين 23 ديسمبر 2024"] == "scrape date"
    updated = clean(_doc(f"{headline}\nآخر تحديث: 14/03/2024 - 11:42\n{BODY1}"))
    assert _reasons(updated)["آخر تحديث: 14/03/2024 - 11:42"] == "date line"


def test_block_items_take_the_block_reason_not_the_next_lines():
    tail = ["مواضيع ذات صلة", "المزارعون يحتجون", "الأمطار تعود", "جميع الحقوق محفوظة © صحيفة الوادي"]
    art = clean(_doc("\n".join([BODY1, BODY2] + tail)))
    assert [_reasons(art)[t] for t in tail] == ["related articles"] * 3 + ["copyright"]
    assert art.outlet == "صحيفة الوادي" and art.outlet_evidence.startswith("copyright")


def test_correspondent_line_and_source_line_qualifier():
    art = clean(_doc(f"الحكومة تقر خطة لدعم المزارعين بعد موسم الجفاف\nالعاصمة - مراسل الوادي\n{BODY1}"))
    assert _reasons(art)["العاصمة - مراسل الوادي"] == "byline"
    assert art.outlet == "الوادي" and art.outlet_evidence.startswith("correspondent line")
    art = clean(_doc(f"{BODY1}\nالمصدر: الوادي - خاص"))
    assert art.outlet == "الوادي"
