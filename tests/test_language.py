"""Language identification per article and per paragraph, offline (script and function words)."""
from __future__ import annotations

from riwaya.data import load_json
from riwaya.model import Article, Paragraph
from riwaya.text.language import identify, language

CASES = {
    "ar": "قال الوزير يوم الخميس إن القوات بدأت الانسحاب من البلاد التي شهدت احتجاجات واسعة.",
    "fa": "وزیر امور خارجه گفت که این توافق برای هر دو کشور مهم است و باید اجرا شود.",
    "ur": "وزیر خارجہ نے کہا ہے کہ یہ معاہدہ دونوں ممالک کے لیے اہم ہے اور اس پر عمل ہونا چاہیے۔",
    "en": "The minister said on Thursday that the troops had started to leave the country.",
    "fr": "Le ministre a déclaré jeudi que les troupes avaient commencé à quitter le pays.",
}


def test_identifies_the_five_languages():
    for lang, text in CASES.items():
        assert identify(text) == lang, lang


def test_arabic_with_an_urdu_dateline_is_arabic():
    t = "(پاکستان پوائنٹ نیوز / سبوتنيك - 13 كانون الثاني 2022ء) " + CASES["ar"] * 2
    assert identify(t) == "ar"


def test_undetermined_for_no_letters():
    assert identify("") == identify("123 456 ...") == "und"


def test_mixed_article_gets_a_paragraph_layer():
    text = f"{CASES['ar']}\n\n{CASES['fr']}\n\n{CASES['ar']}"
    a, b = len(CASES["ar"]), len(CASES["ar"]) + 2 + len(CASES["fr"])
    art = Article(id="x", text=text, sources=(),
                  paragraphs=(Paragraph(0, a), Paragraph(a + 2, b), Paragraph(b + 2, len(text))))
    out = language(art)
    assert out.language == "ar"
    assert [dict(x) for x in out.layer("languages")] == [{"start": a + 2, "end": b, "paragraph": 1, "language": "fr"}]
    plain = language(Article(id="y", text=CASES["ar"], sources=(), paragraphs=(Paragraph(0, len(CASES["ar"])),)))
    assert plain.language == "ar" and not plain.layer("languages")


def test_metadata_language_wins():
    art = Article(id="x", text=CASES["ar"], sources=(), language="AR-eg", paragraphs=(Paragraph(0, len(CASES["ar"])),))
    assert language(art).language == "ar"


def test_language_cues_data_file():
    cues = load_json("language_cues.json")
    for k in ("fa_letters", "ur_letters", "ar_words", "fa_words", "ur_words", "en_words", "fr_words"):
        assert cues[k], k
