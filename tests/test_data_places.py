"""The place gazetteer data file (src/riwaya/data/places.tsv) is well formed."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict

import pytest

from riwaya.data import load_lines, path

KINDS = {"country", "region", "city", "district", "feature", "bloc"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
LATIN = re.compile("[A-Za-z]")


@pytest.fixture(scope="module")
def rows():
    return [line.split("\t") for line in load_lines("places.tsv")]


@pytest.fixture(scope="module")
def declared_dups():
    """'# dup: NAME = id1, id2' comment lines declare a shared Arabic name."""
    out: dict[str, set[str]] = {}
    for line in path("places.tsv").read_text(encoding="utf-8").splitlines():
        m = re.match(r"#\s*dup:\s*(\S.*?)\s*=\s*([a-z0-9, -]+?)\s*(?:\(|$)", line)
        if m:
            out[m.group(1)] = {i.strip() for i in m.group(2).split(",")}
    return out


def names(field: str) -> list[str]:
    return [] if field == "-" else field.split("|")


def test_five_fields(rows):
    bad = [r for r in rows if len(r) != 5 or any(not f.strip() or f != f.strip() for f in r)]
    assert not bad, bad[:5]


def test_ids_unique_slugs(rows):
    ids = [r[0] for r in rows]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert [i for i in ids if not SLUG.match(i)] == []


def test_kinds(rows):
    assert {r[1] for r in rows} <= KINDS


def test_parents_exist_and_no_cycles(rows):
    parent = {r[0]: r[2] for r in rows}
    assert [r[0] for r in rows if r[2] != "-" and r[2] not in parent] == []
    for start in parent:
        seen, node = set(), start
        while node != "-":
            assert node not in seen, f"parent cycle at {start}"
            seen.add(node)
            node = parent[node]


def test_parent_kinds_sensible(rows):
    kind = {r[0]: r[1] for r in rows}
    for r in rows:
        if r[1] == "country" and r[2] != "-":
            assert kind[r[2]] == "bloc", r
        if r[1] == "bloc" and r[2] != "-":
            assert kind[r[2]] == "bloc", r
        if r[1] in {"region", "city", "district"}:
            assert r[2] != "-" and kind[r[2]] != "bloc", r


def test_arabic_names_plain(rows):
    for r in rows:
        ar = names(r[3])
        assert ar or r[3] == "-", r
        for n in ar:
            assert n and n == n.strip() and "  " not in n, r
            assert not ARABIC_DIACRITICS.search(n), (r[0], n)
            assert not LATIN.search(n), (r[0], n)
            assert all(
                unicodedata.name(c, "").startswith("ARABIC") or c in " -0123456789" for c in n
            ), (r[0], n)


def test_english_names_ascii_latin(rows):
    for r in rows:
        for n in names(r[4]):
            assert n and n == n.strip(), r
            assert LATIN.search(n), (r[0], n)
            assert not re.search("[\u0600-\u06ff]", n), (r[0], n)


def test_every_row_has_a_name(rows):
    assert [r[0] for r in rows if r[3] == "-" and r[4] == "-"] == []


def test_no_repeated_name_within_row(rows):
    for r in rows:
        for field in (r[3], r[4]):
            ns = names(field)
            assert len(ns) == len(set(ns)), (r[0], field)


def test_arabic_names_unique_unless_declared(rows, declared_dups):
    owners: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        for n in names(r[3]):
            owners[n].add(r[0])
    shared = {n: ids for n, ids in owners.items() if len(ids) > 1}
    undeclared = {n: sorted(ids) for n, ids in shared.items() if declared_dups.get(n) != ids}
    assert undeclared == {}
    # every declaration still matches a real shared name
    assert sorted(set(declared_dups) - set(shared)) == []


def test_matching_forms_unique_unless_declared(rows, declared_dups):
    """After the project's matching fold (hamza, ya, ta marbuta), names still pick one row."""
    from riwaya.text.normalise import match

    declared = {match(n): ids for n, ids in declared_dups.items()}
    owners: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        for n in names(r[3]):
            owners[match(n)].add(r[0])
    clashes = {n: sorted(i) for n, i in owners.items() if len(i) > 1 and declared.get(n) != i}
    assert clashes == {}


def test_no_place_name_is_a_function_word(rows):
    from riwaya.text.normalise import match

    stop = {match(w) for w in load_lines("stopwords_ar.txt")}
    stop |= {match(w) for w in load_lines("story_stopwords.txt")}
    bad = [(r[0], n) for r in rows for n in names(r[3]) if match(n) in stop]
    assert bad == []


def test_english_names_unique_case_insensitive(rows):
    owners: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        for n in names(r[4]):
            owners[n.lower()].add(r[0])
    assert {n: sorted(i) for n, i in owners.items() if len(i) > 1} == {}


def test_coverage(rows):
    kinds = Counter(r[1] for r in rows)
    assert kinds["country"] >= 190
    ids = {r[0] for r in rows}
    # the Arab countries are covered in depth
    for cc in ("ye", "sy", "iq", "ly", "eg", "sa", "sd", "so", "ps", "lb"):
        below = sum(1 for r in rows if r[0].startswith(cc + "-"))
        assert below >= 15, cc
    assert {"ye-saada", "ye-nehm", "ye-hodeidah", "sy-douma", "iq-mosul"} <= ids


def test_spelling_variants_collapse(rows):
    """One place written two ways resolves to one id."""
    by_name = {}
    for r in rows:
        for n in names(r[3]) + [e.lower() for e in names(r[4])]:
            by_name.setdefault(n, r[0])
    assert by_name["hodeidah"] == by_name["hudaydah"] == by_name["الحديدة"]
    assert by_name["إسطنبول"] == by_name["اسطنبول"] == by_name["istanbul"]
    assert by_name["صعدة"] != by_name["نهم"]
