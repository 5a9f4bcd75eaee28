"""The quotes stage: who said what, on the seeds and on made-up sentences; spans always point at
their text; the data file loads; the JSON contract; no input makes the stage raise."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riwaya.extract.quote_lexicon import lexicon, norm
from riwaya.extract.quote_marks import pairs
from riwaya.extract.quotes import find_quotes
from riwaya.model import Article, Document, Paragraph, Quote, Source
from riwaya.pipeline import Pipeline, registered
from riwaya.text.clean import clean
from riwaya.text.sentences import sentences

SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "schema" / "articles.schema.json"


def _article(text: str) -> Article:
    paras, pos = [], 0
    for block in text.split("\n"):
        if block:
            paras.append(Paragraph(pos, pos + len(block)))
        pos += len(block) + 1
    return sentences(Article(id="t", text=text, sources=(Source("t.txt"),), paragraphs=tuple(paras)))


def _quotes(text: str):
    return find_quotes(_article(text))


def _check_spans(text: str, quotes) -> None:
    for q in quotes:
        assert text[q.start:q.end] == q.text
        for p in (q.speaker, q.cue, *q.via):
            if p is not None:
                assert text[p.start:p.end] == p.text


# --- seeds (acceptance) --------------------------------------------------------------------------
def _seed(seeds_dir, key):
    from riwaya.ingest import read

    path = next(seeds_dir.glob(f"{key}_*.txt"))
    doc = next(d for d in read([str(path)]) if isinstance(d, Document))
    art = sentences(clean(doc))
    qs = find_quotes(art)
    _check_spans(art.text, qs)
    return art, qs


def _one(qs, words):
    found = [q for q in qs if words in q.text]
    assert len(found) == 1, (words, [q.text[:40] for q in qs])
    return found[0]


@pytest.mark.shared
def test_seed_shoigu_with_speaker_and_relaying_agency(seeds_dir):
    _, qs = _seed(seeds_dir, "000")
    q = _one(qs, "نحن نخطط لإكمال كل العمل")
    assert q.direct and "شويغو" in q.speaker.text
    assert any("سبوتنيك" in v.text for v in q.via)
    # Tokayev's words, relayed by RT
    q = _one(qs, "أجرى محادثات مع رؤساء الدول")
    assert "توكاييف" in q.speaker.text and any("RT" in v.text for v in q.via)


@pytest.mark.shared
def test_seed_serdyukov(seeds_dir):
    _, qs = _seed(seeds_dir, "001")
    q = _one(qs, "تم إنجاز المهام")
    assert q.direct and "سيرديوكوف" in q.speaker.text


@pytest.mark.shared
def test_seed_kremlin_statement(seeds_dir):
    _, qs = _seed(seeds_dir, "002")
    q = _one(qs, "الرئيسين بحثا الأحداث الأخيرة")
    assert "الكرملين" in q.speaker.text and not q.direct


@pytest.mark.shared
def test_seed_tokayev_speaker_resolved_from_bare_verb(seeds_dir):
    _, qs = _seed(seeds_dir, "003")
    q = _one(qs, "إعادة بناء المدينة")
    assert q.cue.text == "وقال" and q.direct
    # the one named before the bare "وقال": the Kazakh president (توكاييف), not the CSTO quoted just before
    assert q.speaker is not None and ("الرئيس الكازاخستاني" in q.speaker.text or "توكاييف" in q.speaker.text)
    assert "speaker" in q.evidence
    assert any("مكتب الرئاسة" in v.text for v in q.via)


@pytest.mark.shared
def test_seed_psaki_and_dujarric(seeds_dir):
    _, qs = _seed(seeds_dir, "004")
    assert "ساكي" in _one(qs, "يجب أن يتمكن المحتجون").speaker.text
    assert "دوجاريك" in _one(qs, "المنظمة الدولية تتابع").speaker.text


@pytest.mark.shared
def test_seed_scare_quotes_are_not_quotes(seeds_dir):
    for key in ("000", "001", "002", "003", "004"):
        _, qs = _seed(seeds_dir, key)
        for q in qs:
            assert q.text.strip() not in {"حفظ السلام", "قوات حفظ السلام", "معاهدة الأمن الجماعي", "إرهابي", "تكريم",
                                          "خيانة عظمى", "سبوتنيك", "RT", "ألما آتا", "إيل-76"}, (key, q)


# --- rules, on made-up sentences -----------------------------------------------------------------
def test_reported_speech_with_speaker_and_complementizer():
    t = "قال وزير الخارجية الفرنسي، جان إيف لودريان، الخميس، إن بلاده ستتخذ قرارها قريبا."
    (q,) = _quotes(t)
    assert q.text == "بلاده ستتخذ قرارها قريبا" and not q.direct
    assert q.speaker.text == "وزير الخارجية الفرنسي، جان إيف لودريان" and q.cue.text == "قال"


def test_bare_verb_takes_the_speaker_before_and_agrees_in_gender():
    t = ("وقالت الوزارة في بيان إن القوات بدأت الانسحاب.\n"
         "وقال المتحدث باسم الجيش إن العملية انتهت.\n"
         "وأضافت أن الطائرات ستعود غدا.")
    qs = _quotes(t)
    assert [q.speaker.text for q in qs] == ["الوزارة", "المتحدث باسم الجيش", "الوزارة"]


def test_relaying_agency_is_via_not_speaker():
    t = "ونقلت وكالة رويترز عن مسؤول عسكري قوله إن الهجوم فشل، بحسب ما نقلته قناة الجزيرة."
    (q,) = _quotes(t)
    assert q.speaker.text == "مسؤول عسكري"
    assert {v.text for v in q.via} == {"وكالة رويترز", "قناة الجزيرة"}


def test_nominal_cue_attributes_the_clause():
    (q,) = _quotes("وقتل 12 شخصا في القصف، بحسب مصادر طبية.")
    assert q.speaker.text == "مصادر طبية" and q.text.startswith("وقتل 12 شخصا")
    (q,) = _quotes("ووفقا للمرصد السوري، سيطرت القوات على البلدة.")
    assert q.speaker.text == "لمرصد السوري" and q.text.startswith("سيطرت")  # ل + ال writes للمرصد


def test_direct_quote_in_every_kind_of_marks():
    for o, c in (('"', '"'), ("“", "”"), ("«", "»"), ("“", "“"), ("”", "“"), ("„", "“")):
        t = f"وقال الرئيس: {o}نحن مستعدون للحوار مع الجميع دون شروط{c}."
        (q,) = _quotes(t)
        assert q.direct and q.text == "نحن مستعدون للحوار مع الجميع دون شروط", (o, c, q)
        assert q.speaker.text == "الرئيس"


def test_scare_quotes_and_titles_are_not_quotes():
    assert _quotes('انتشرت قوات "حفظ السلام" في المدينة.') == ()
    assert _quotes('عرض فيلم "الطريق إلى دمشق في الليل الطويل" في المهرجان.') == ()
    assert _quotes('أعلن الرئيس بدء انسحاب قوات "حفظ السلام" من البلاد.') == ()


def test_postposed_attribution():
    (q,) = _quotes('"سنواصل العمل حتى النهاية"، قال الوزير للصحفيين.')
    assert q.direct and q.speaker.text == "الوزير"


def test_participle_quote_takes_the_speaker_of_its_sentence():
    t = "أكد الوزير أن المفاوضات مستمرة، مضيفا أن الاتفاق قريب."
    qs = _quotes(t)
    assert [(q.text, q.speaker.text) for q in qs] == [("المفاوضات مستمرة", "الوزير"), ("الاتفاق قريب", "الوزير")]


def test_marks_pairing_survives_a_stray_mark():
    t = 'قال " الرجل إن "الوضع صعب جدا" ثم غادر.'
    ms = pairs(t, 0, len(t))
    assert any(t[m.start:m.end] == "الوضع صعب جدا" for m in ms)


# --- data, model, stage ------------------------------------------------------------------------
def test_lexicon_loads_and_knows_the_forms():
    lex = lexicon()
    for w in ("قال", "وأضاف", "فأكدت", "يقول", "أعلنوا", "تشير"):
        assert lex.verb(norm(w)), w
    for w in ("أن", "إن", "بأن", "إنه", "أنها", "فإن"):
        assert lex.is_complementizer(norm(w)), w
    assert not lex.is_complementizer(norm("لأنه"))
    assert lex.feminine(norm("قالت")) and lex.feminine(norm("وأضافت")) and lex.feminine(norm("مؤكدة"))
    assert lex.feminine(norm("قال")) is False and lex.feminine(norm("مضيفا")) is False
    assert lex.lookup(norm("بحسب"), lex.nominal) and lex.lookup(norm("وكالة"), lex.media)
    assert lex.long_quote_words >= 3


def test_lexicon_rejects_a_malformed_list(monkeypatch):
    from riwaya.errors import RiwayaError
    from riwaya.extract import quote_lexicon

    data = json.loads(json.dumps(quote_lexicon.load_json("quotes.json")))
    data["media"] = ["وكالة", ""]
    monkeypatch.setattr(quote_lexicon, "load_json", lambda name: data)
    quote_lexicon.lexicon.cache_clear()
    try:
        with pytest.raises(RiwayaError, match="media"):
            quote_lexicon.lexicon()
    finally:
        monkeypatch.undo()
        quote_lexicon.lexicon.cache_clear()


def test_quote_json_contract_and_store_round_trip():
    (q,) = _quotes("ونقلت وكالة رويترز عن مسؤول قوله إن الهجوم فشل.")
    d = q.to_json()
    assert set(d) == {"start", "end", "text", "speaker", "cue", "via", "direct", "evidence"}
    assert set(d["speaker"]) == {"text", "start", "end", "entity"} and d["speaker"]["entity"] is None
    assert set(d["cue"]) == {"text", "start", "end"}
    assert all(set(v) == {"text", "start", "end", "entity"} for v in d["via"])
    # the store keeps layers as dataclasses.asdict and rebuilds them with the class
    assert Quote(**dataclasses.asdict(q)) == q


def test_article_record_with_quotes_validates():
    jsonschema = pytest.importorskip("jsonschema")
    from riwaya.report.files import article_record

    a = clean(Document(Source("x.txt"), "عنوان الخبر هنا\n\nوقال الوزير لوكالة رويترز إن المحادثات \"ستستمر غدا\".",
                       "text"))
    a = Pipeline([registered()["sentences"], registered()["quotes"]])(a)
    rec = article_record(a)
    assert rec["quotes"] and rec["quotes"][0]["via"][0]["text"] == "وكالة رويترز"
    jsonschema.validate(rec, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_stage_is_registered_pure_and_declared():
    # registered by importing riwaya.extract.quotes (the lead adds it to the pipeline's built-ins)
    st_ = registered()["quotes"]
    assert st_.requires == ("text", "sentences") and st_.assigns == ("quotes",)
    a = clean(Document(Source("x.txt"), "عنوان الخبر هنا\n\nقالت الشرطة إن المشتبه به اعتقل.", "text"))
    out = Pipeline([registered()["sentences"], st_])(a)
    assert out is not a and a.layers.get("quotes") is None and len(out.layer("quotes")) == 1


# --- properties --------------------------------------------------------------------------------
_PIECES = ["قال", "وقالت", "وأضاف", "مضيفا", "أن", "إن", "بأن", "بحسب", "وفقا", "لـ", "نقلا", "عن", "ما",
           "نقلته", "وكالة", "رويترز", "الوزير", "الرئيس", "في", "بيان", ":", "،", ".", "\n", '"', "“", "”",
           "«", "»", "„", "#", "ـ", "ّ", "كان", "الذي", "12", "#الشرطة_النمساوية", "لمحبيه", "قوله", " ", " "]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=80))
def test_no_input_makes_the_stage_raise_and_spans_point_at_their_text(pieces):
    text = " ".join(pieces)
    a = _article(text)
    qs = find_quotes(a)
    _check_spans(text, qs)
    for q in qs:
        assert 0 <= q.start < q.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_text_at_all(text):
    qs = find_quotes(_article(text))
    _check_spans(text, qs)


@pytest.mark.parametrize("unit", ['"نعم". ', '" قال " إن " وأضاف ', 'وقال الوزير إن "القوات بدأت" ', 'مضيفا أن ',
                                  '"كلام طويل جدا هنا الآن"، قال الوزير. ', 'بحسب ما نقلته وكالة رويترز، '])
def test_long_hostile_text_is_linear(unit):
    import time

    text = unit * (100_000 // len(unit))
    a = _article(text)
    t = time.process_time()
    find_quotes(a)
    assert time.process_time() - t < 5.0  # quadratic paths took minutes on 400 KB


@pytest.mark.parametrize("unit", ["قال الرجل إن الأمر، بحسب مصادر، ", "مضيفا أن نعم بحسب مصادر ", "وقال الوزير: نعم\n"])
def test_long_hostile_sentence_with_many_cues_is_linear(unit):
    import time

    text = unit * (100_000 // len(unit))
    a = _article(text)
    t = time.process_time()
    find_quotes(a)
    assert time.process_time() - t < 5.0
