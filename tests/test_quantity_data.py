"""The quantities stage's data files (data/quantity_numbers.json, data/quantity_words.json) load and hold together."""
from __future__ import annotations

from riwaya.data import load_json
from riwaya.extract.quantity_lexicon import QUALIFIERS, lexicon
from riwaya.text.normalise import match


def test_number_words_load_with_their_values():
    lex = lexicon()
    assert lex.atom(match("أربعة"), "unit").value == 4
    assert lex.atom(match("ثلاثمائة"), "hundreds").value == 300
    assert lex.atom(match("تلتمية"), "hundreds").value == 300
    assert lex.atom(match("ألفين"), "scale_dual").value == 1000
    assert lex.atom(match("آلاف"), "scale_plural").value == 1000
    a = lex.atom(match("عشرات"), "vague")
    assert (a.value, a.high) == (20, 99)
    assert lex.atom(match("العشرات"), "vague") is not None  # with the article
    assert lex.atom(match("ست"), "unit").weak and not lex.atom(match("ستة"), "unit").weak


def test_every_number_word_is_one_word_and_weak_words_are_number_words():
    d = load_json("quantity_numbers.json")
    lex = lexicon()
    for w in d["weak"] + d["never_alone"]:
        assert match(w) in lex.atoms, w
    for group in ("units", "tens", "teens", "hundreds"):
        for forms in d[group].values():
            assert all(" " not in f for f in forms)


def test_qualifiers_units_and_counted_nouns():
    lex = lexicon()
    d = load_json("quantity_words.json")
    assert set(d["qualifiers"]) <= set(QUALIFIERS) and set(d["qualifiers_after"]) <= set(QUALIFIERS)
    assert lex.qualifiers[tuple(match("ما لا يقل عن").split())] == "at_least"
    assert lex.qualifiers[(match("نحو"),)] == "about"
    assert lex.units[(match("جنيه"), match("مصري"))].id == "EGP"
    assert lex.units[("%",)].kind == "percent"
    for spec in d["units"].values():
        assert ("base" in spec) == ("factor" in spec)
    # the loader adds the accusative, the duals and the article
    for form, lemma in (("جنديا", "جندي"), ("جنود", "جندي"), ("الجنود", "جندي"), ("طائرتين", "طائرة"),
                        ("القتلى", "قتيل"), ("قتيلا", "قتيل"), ("عسكريين", "عسكري")):
        assert lex.counted[match(form)] == lemma, form
    for w in d["bare_dual_units"]:
        assert (match(w),) in lex.units, w
    assert set(d["subunits"].values()) <= set(d["units"])
