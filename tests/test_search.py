"""The search module on its own: the data file, the word forms, the query syntax, snippets."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riwaya.errors import QueryError
from riwaya.search.forms import Vocabulary, bases, query_bases, rules, variant_key
from riwaya.search.query import MAX_UNITS, parse
from riwaya.search.snippet import snippet, spans
from riwaya.text.normalise import match


def test_data_file_loads_and_is_consistent():
    r = rules()
    assert r.article == "ال" and r.min_base >= 2 and r.variant_min >= 4
    assert list(r.prefixes) == sorted(r.prefixes, key=len, reverse=True)
    assert all(p == match(p) for p in r.prefixes)  # written in the matching form
    assert r.lam_lam <= set(r.prefixes)
    assert all(len(c) == 1 for c in r.classes)


def test_bases_take_prefixes_off_and_keep_the_word():
    assert {"لارمينيا", "ارمينيا"} <= bases("لارمينيا")
    assert {"للحديده", "الحديده", "حديده"} <= bases("للحديده")
    assert {"بالغوطه", "الغوطه", "غوطه"} <= bases("بالغوطه")
    assert bases("وزن") == {"وزن"}  # too short to carry a prefix
    assert query_bases("الغوطه") == {"الغوطه", "غوطه"} and query_bases("وزير") == {"وزير"}


def test_variant_keys_meet_transliterations_only_for_long_words():
    for a, b in [("قازاقستان", "كازاخستان"), ("شويجو", "شويغو"), ("توكايف", "توكاييف")]:
        assert variant_key(match(a)) == variant_key(match(b)) is not None
    assert variant_key("قال") is None
    assert variant_key(match("كازاخستان")) != variant_key(match("باكستان"))


def test_vocabulary_widens_a_word_without_taking_letters_off_it():
    v = Vocabulary(frozenset({"وزير", "زير", "لارمينيا", "وارمينيا", "ارمينيا", "كازاخستان", "كازاخستاني"}))
    assert v.exact("ارمينيا") == {"لارمينيا", "وارمينيا", "ارمينيا"}
    assert v.exact("زير") == {"وزير", "زير"} and v.exact("وزير") == {"وزير"}
    assert v.variants("قازاقستان") == {"كازاخستان"}
    assert v.prefixed("كازاخ") == {"كازاخستان", "كازاخستاني"}


def test_query_syntax():
    p = parse('روسيا "وزارة الدفاع" -مباراة OR كازاخ* NOT قرغيزستان | Hodeidah')
    assert len(p.clauses) == 3
    c0, c1, c2 = p.clauses
    assert [u.words for u in c0.include] == [("روسيا",), ("وزاره", "الدفاع")] and [u.words for u in c0.exclude] == [("مباراه",)]
    assert c1.include[0].prefix and c1.include[0].words == ("كازاخ",) and c1.exclude[0].words == ("قرغيزستان",)
    assert c2.include[0].words == ("hodeidah",)
    assert parse('"غير مغلق').clauses[0].include[0].words == ("غير", "مغلق")


@pytest.mark.parametrize("bad", ["", "  ", "-روسيا", "NOT روسيا", "OR", "!!!", "روسيا OR -مصر"])
def test_queries_with_nothing_to_find_are_refused(bad):
    with pytest.raises(QueryError):
        parse(bad)


def test_too_many_words_are_refused():
    with pytest.raises(QueryError):
        parse(" ".join(["كلمة"] * (MAX_UNITS + 1)))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_query_parses_or_is_refused_cleanly(text):
    try:
        p = parse(text)
    except QueryError:
        return
    assert p.clauses and all(c.include for c in p.clauses)
    assert all(u.words and all(w == match(w) for w in u.words) for u in p.units())


words = st.sampled_from(["أرمينيا", "لأرمينيا", "وأرمينيا", "قال", "الرئيس", "Hodeidah", "٢٠٢٢", "إلى", "ﻻ"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(words, st.text(max_size=6)), max_size=40), st.sets(words.map(match), max_size=3))
def test_snippet_marks_point_at_the_original_text(parts, want):
    text = " ".join(parts)
    seqs = ((frozenset(want),),)
    s = snippet(text, seqs, width=60)
    assert text[s.start:s.start + len(s.text)] == s.text
    for a, b in s.marks:
        assert 0 <= a < b <= len(s.text)
        assert match(s.text[a:b]) in want
    for a, b in spans(text, seqs):
        assert match(text[a:b]) in want


def test_a_phrase_is_marked_only_where_it_occurs():
    text = "قالت المحكمة الاتحادية إن روسيا الاتحادية وقعت الاتفاق مع روسيا."
    seqs = ((frozenset({"روسيا"}), frozenset({"الاتحاديه"})), (frozenset({"روسيا"}),))
    got = [text[a:b] for a, b in spans(text, seqs)]
    assert got == ["روسيا", "الاتحادية", "روسيا"]
    assert [text[a:b] for a, b in spans(text, ((frozenset({"روسيا"}), frozenset({"الاتحاديه"})),))] == \
        ["روسيا", "الاتحادية"]


# -- ranking, filters, folding and facets (search.index) ----------------------------------------------------
def _index():
    from riwaya.search.index import Record, SearchIndex

    recs = [Record("a", "t a", "A", "2024-05-02T10:00", "ar", "S", None, ("E1", "E2")),
            Record("b", "t b", "B", "2024-05-03", "ar", "S", None, ("E1",)),
            Record("c", "t c", "C", "2024-06-01", "ar", "S", "a", ("E1",)),
            Record("d", "t d", "A", None, "ar", "T", None, ())]
    return SearchIndex(recs, {"a": 1.0, "b": 0.2, "c": 0.0, "d": 1.0}, {"S": "t a", "T": "t d"}, {"E1": "one"})


def test_a_storys_central_report_comes_before_a_better_scored_minor_one():
    ix = _index()
    r = ix.rank([("b", 10.0), ("c", 9.5), ("a", 9.0), ("d", 1.0)])
    assert r.ids() == ("a", "b", "d") and r.total == 3 and len(r.matched) == 4
    assert r.copies == {0: [2]}  # the copy folded into its original
    # scores far apart still win: ranking weighs relevance, it does not replace it
    assert ix.rank([("b", 100.0), ("a", 1.0)]).ids() == ("b", "a")


def test_filters_and_a_copy_without_its_original_listed_on_its_own():
    from riwaya.search.index import Filters

    ix = _index()
    scored = [("b", 10.0), ("c", 9.5), ("a", 9.0), ("d", 1.0)]
    assert ix.rank(scored, Filters(outlet="C")).ids() == ("c",)
    assert ix.rank(scored, Filters(since="2024-05-03")).ids() == ("b", "c")  # d has no date: left out
    assert ix.rank(scored, Filters(until="2024-05")).ids() == ("a", "b")
    assert ix.rank(scored, Filters(since="2024-05-02", until="2024-05-02")).ids() == ("a",)
    assert set(ix.rank(scored, Filters(entity="E1")).ids()) == {"a", "b"}
    assert ix.rank(scored, Filters(entity="E9")).ids() == ()
    assert ix.rank(scored, Filters(outlet="nowhere")).ids() == ()


def test_facets_count_every_matching_article():
    ix = _index()
    r = ix.rank([("b", 10.0), ("c", 9.5), ("a", 9.0), ("d", 1.0)])
    f = ix.facets(r.matched)
    assert f["outlet"] == [{"value": "A", "count": 2}, {"value": "B", "count": 1}, {"value": "C", "count": 1}]
    assert f["month"] == [{"value": "2024-05", "count": 2}, {"value": "2024-06", "count": 1}]
    assert f["entity"] == [{"value": "E1", "name": "one", "count": 3}, {"value": "E2", "name": "E2", "count": 1}]
    assert ix.facets(r.matched[:0])["entity"] == []


# -- names widened through canonical entities (search.entities) ----------------------------------------------
def _rows():
    return [{"id": "e1", "name": "قاسم جومارت توكاييف", "forms": [
                {"form": "توكاييف", "count": 30}, {"form": "قاسم جومارت توكاييف", "count": 12},
                {"form": "الهيليوم", "count": 1}]},
            {"id": "e2", "name": "ترامب", "forms": [{"form": "ترامب", "count": 40}]},
            {"id": "e3", "name": "ترامب", "forms": [{"form": "ترامب", "count": 35}]}]


def test_entity_forms_name_an_entity_only_by_substantial_unambiguous_forms():
    from riwaya.search.entities import EntityForms

    ef = EntityForms(_rows())
    assert ef.lookup(("توكاييف",)).entity == "e1"
    assert ef.lookup(("قاسم", "جومارت", "توكاييف")).entity == "e1"
    assert ef.lookup(("التوكاييف",)).entity == "e1"  # with the article
    assert ef.lookup(("توكايف",)).entity == "e1"  # a spelling the corpus never wrote: its variant key
    assert ef.lookup(("الهيليوم",)) is None  # one stray link names nothing
    assert ef.lookup(("ترامب",)) is None  # two entities share it about evenly
    assert ("الهيليوم",) not in ef.named["e1"].forms


def test_a_name_is_widened_to_its_entitys_forms_and_a_phrase_keeps_its_words():
    from riwaya.search.entities import EntityForms
    from riwaya.search.expand import expand

    vocab = Vocabulary(frozenset({"توكاييف", "وتوكاييف", "قاسم", "جومارت", "والجومارت", "الجومارت", "وزاره",
                                  "الدفاع", "والدفاع", "ووزاره"}))
    q = expand(parse("قاسم جومارت توكاييف"), vocab, EntityForms(_rows()))
    (m,) = q.matches()  # the run of words is one name
    assert m.via == ("forms", "entity:e1")
    assert (frozenset({"توكاييف", "وتوكاييف"}),) in m.alternatives  # the short form, with its clitics
    assert all(len(a) == 1 for a in m.alternatives)  # the full name holds the short one: not kept
    (p,) = expand(parse('"وزارة الدفاع"'), vocab).matches()
    assert p.alternatives == ((frozenset({"وزاره", "ووزاره"}), frozenset({"الدفاع"})),)
