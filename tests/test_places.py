"""Places found with the gazetteer: spellings, attached prefixes, longest names, spans."""
from __future__ import annotations

from riwaya.extract.places import find_places, gazetteer


def place_ids(text: str) -> list[str]:
    """Ids of the places ``text`` names, in order of first mention (each once)."""
    return list(dict.fromkeys(m.entity for m in find_places(text)))


def _one(name: str) -> str:
    ids = place_ids(name)
    assert len(ids) == 1, (name, ids)
    return ids[0]


def test_spellings_and_prefixes_meet():
    hod = _one("الحديدة")
    assert place_ids("غارات على الحُديدة") == [hod]
    assert place_ids("التحالف يقصف أهدافا بالحديدة") == [hod]
    assert place_ids("وصل الوفد للحديدة") == [hod]
    assert place_ids("Air strikes hit Hodeidah on Friday") == [hod]
    sanaa = _one("صنعاء")
    assert place_ids("شرق صنعاء ولصنعاء") == [sanaa]


def test_longest_name_wins():
    assert _one("جنوب السودان") != _one("السودان")
    assert place_ids("رئيس جنوب السودان") == [_one("جنوب السودان")]


def test_hierarchy():
    gz = gazetteer()
    assert _one("اليمن") in gz.ancestors(_one("الحديدة"))
    assert _one("سوريا") in gz.ancestors(_one("دوما"))


def test_spans_point_at_the_name_in_the_original():
    text = "قصفت الطائرات مواقع بالحُديدة، ثم في صنعاء."
    found = find_places(text)
    assert [text[m.start:m.end] for m in found] == ["الحُديدة", "صنعاء"]
    assert all(m.label == "LOC" and m.evidence.startswith("gazetteer") for m in found)


def test_ordinary_words_are_not_places():
    assert place_ids("قال المتحدث إن الاجتماع سيعقد غدا لمناقشة الموازنة") == []


def test_places_stage_writes_a_layer_of_spans():
    from riwaya.model import Article
    from riwaya.pipeline import registered

    text = "أعلن التحالف اعتراض صاروخ أطلق باتجاه مأرب، فيما تواصلت المعارك في مديرية نهم شرق صنعاء."
    out = registered()["places"](Article(id="x", text=text, sources=()))
    found = out.layer("places")
    assert [text[m.start:m.end] for m in found] == ["مأرب", "مديرية نهم", "صنعاء"] or \
        [text[m.start:m.end] for m in found] == ["مأرب", "نهم", "صنعاء"]
    assert found[0].to_json()["entity"] == _one("مأرب")


def test_names_not_alone_are_gazetteer_names_found_only_inside_longer_ones():
    from riwaya.data import load_lines
    from riwaya.text.normalise import match

    gz = gazetteer()
    names = {match(n) for p in gz.places.values() for n in p.names}
    for w in load_lines("places_not_alone.txt"):
        assert match(w) in names, w  # a stale entry would hide nothing
        assert place_ids(f"قال إن {w} مهم") == [], w
    assert place_ids("سجل هدفا في كرة القدم") == []
