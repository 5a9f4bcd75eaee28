"""Canonical entities: the matcher's rules, the corpus stage over a store, the reader join."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riwaya.extract.canonical import Matcher
from riwaya.extract.entity_forms import form, lexicon
from riwaya.model import Mention


def _ms(*names):
    """Mentions of ``(text, label)`` laid out one after another in a made-up text."""
    out, pos = [], 0
    for text, label in names:
        out.append(Mention(start=pos, end=pos + len(text), text=text, label=label))
        pos += len(text) + 1
    return out


def _ids(matcher, *names):
    return [ln.entity if ln else None for ln in matcher.link(_ms(*names))]


@pytest.mark.parametrize("a,b,label", [
    ("ترامب", "ترمب", "PER"), ("غوتيريش", "غوتيريس", "PER"), ("شويغو", "شويجو", "PER"),
    ("توكاييف", "توكايف", "PER"), ("والكرملين", "الكرملين", "ORG"), ("للكرملين", "الكرملين", "ORG"),
    ("الناتو", "حلف شمال الأطلسي", "ORG"), ("Putin", "بوتين", "PER"), ("Erdogan", "أردوغان", "PER"),
    ("Vladimir Putin", "فلاديمير بوتين", "PER"), ("ألما آتا", "ألماتي", "LOC"),
    ("الرئيس الروسي فلاديمير بوتين", "فلاديمير بوتين", "PER"), ("وبوتين", "بوتين", "PER"),
])
def test_spellings_across_articles_are_one_entity(a, b, label):
    for first, second in ((a, b), (b, a)):
        m = Matcher()
        (x,) = _ids(m, (first, label))
        (y,) = _ids(m, (second, label))
        assert x == y, (first, second)


@pytest.mark.parametrize("a,b,la,lb", [
    ("كازاخستان", "ألماتي", "LOC", "LOC"),  # a country and its city (two gazetteer ids)
    ("الكويت", "مدينة الكويت", "LOC", "LOC"),  # a country and its capital
    ("نزارباييف", "توكاييف", "PER", "PER"),
    ("بوتين", "روسيا", "PER", "LOC"),  # a leader and his state
    ("بوتين", "بوتين", "PER", "LOC"),  # one spelling, two labels
    ("محمد عباس", "محمود عباس", "PER", "PER"),  # given names that differ by a long vowel
    ("دونالد ترامب", "إيفانكا ترامب", "PER", "PER"),
    ("الأمم", "الأيام", "ORG", "ORG"),  # one phonetic key, but only the article's letters and one more
])
def test_what_differs_stays_apart(a, b, la, lb):
    m = Matcher()
    (x,) = _ids(m, (a, la))
    (y,) = _ids(m, (b, lb))
    assert x != y


def test_short_name_joins_the_full_name_of_its_article_or_the_corpus():
    m = Matcher()
    full, short = _ids(m, ("قاسم جومارت توكاييف", "PER"), ("توكاييف", "PER"))
    assert full == short
    (later,) = _ids(m, ("توكاييف", "PER"))  # another article: the corpus has one توكاييف
    assert later == full
    (first_only,) = _ids(m, ("تيريزا ماي", "PER"))
    (bare,) = _ids(m, ("ماي", "PER"))
    assert bare == first_only


def test_a_surname_of_two_full_names_is_not_merged():
    m = Matcher()
    d, = _ids(m, ("دونالد ترامب", "PER"))
    i, = _ids(m, ("إيفانكا ترامب", "PER"))
    # inside one article with one of them, the short name is that one
    full, short = _ids(m, ("إيفانكا ترامب", "PER"), ("ترامب", "PER"))
    assert full == i and short == i
    m = Matcher()
    d, = _ids(m, ("دونالد ترامب", "PER"))
    i, = _ids(m, ("إيفانكا ترامب", "PER"))
    bare, = _ids(m, ("ترامب", "PER"))  # alone, it is neither
    assert len({d, i, bare}) == 3


def test_full_name_joins_an_entity_known_by_its_surname_only():
    m = Matcher()
    s, = _ids(m, ("أردوغان", "PER"))
    f, = _ids(m, ("رجب طيب أردوغان", "PER"))
    assert s == f


def test_display_name_is_the_most_frequent_full_form():
    m = Matcher()
    for _ in range(3):
        _ids(m, ("بوتين", "PER"))
    _ids(m, ("فلاديمير بوتين", "PER"), ("بوتين", "PER"))
    (e,) = m.entities.values()
    assert e.name() == "فلاديمير بوتين"
    assert e.count == 5


def test_state_round_trip_goes_on_identically():
    arts = [[("قاسم جومارت توكاييف", "PER"), ("ألماتي", "LOC")], [("توكايف", "PER"), ("ألما آتا", "LOC")],
            [("Tokayev", "PER"), ("الكرملين", "ORG")], [("والكرملين", "ORG"), ("ترمب", "PER")], [("ترامب", "PER")]]
    batch = Matcher()
    ids_batch = [_ids(batch, *a) for a in arts]
    inc, ids_inc = Matcher(), []
    for a in arts:
        inc = Matcher(json.loads(json.dumps(list(inc.rows().values()), ensure_ascii=False)))
        ids_inc.append(_ids(inc, *a))
    assert ids_inc == ids_batch
    assert inc.rows() == batch.rows()


def test_lexicon_files_load_and_alias_lines_do_not_share_a_name():
    lex = lexicon()
    assert lex.titles and lex.clitics and lex.aliases and lex.latin
    from riwaya.data import load_lines
    from riwaya.extract.entity_forms import _words, bare_key

    seen = {}
    for line in load_lines("entity_aliases.tsv"):
        label, names = line.split("\t")
        for n in names.split("|"):
            k = (label, bare_key(_words(n)))
            assert k not in seen or seen[k] == line, (n, seen.get(k))
            seen[k] = line


def test_form_takes_off_titles_and_clitics_but_keeps_names():
    assert form("والرئيس الروسي فلاديمير بوتين").written == "فلاديمير بوتين"
    assert form("وليد").key == "وليد"  # not و + ليد
    assert form("للكرملين").written == "الكرملين"
    assert form("،،،") is None


_name = st.text(alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءأإآ ؤئ لل وال Putin-'.،\u200f\u064e")),
                max_size=25)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.tuples(_name, st.sampled_from(["PER", "LOC", "ORG", "MISC", "", "X"])), max_size=8),
                max_size=6))
def test_no_mention_list_makes_the_matcher_raise_and_ids_are_stable(articles):
    m = Matcher()
    seen = {}
    for art in articles:
        links = m.link(_ms(*art))
        assert len(links) == len(art)
        for ln in links:
            if ln:
                assert ln.entity in m.entities
    before = {eid: e.name() for eid, e in m.entities.items()}
    # appending articles never renumbers: an entity keeps its id
    for art in articles:
        m.link(_ms(*art))
        seen.update({eid: True for eid in m.entities})
    assert set(before) <= set(m.entities)
    again = Matcher(m.rows().values())
    assert again.rows() == m.rows()
