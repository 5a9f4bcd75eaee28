"""The quantities stage's language knowledge, loaded from ``data/quantity_numbers.json`` (number
words) and ``data/quantity_words.json`` (qualifiers, units, counted nouns, labels), every word folded
to the matching form (``text.normalise.match``) so that spelling variants meet.

A number word becomes an ``Atom``: its kind (unit, teen_word, teen, tens, hundred, hundreds, scale,
scale_dual, scale_plural, vague, fraction, point), its value (a scale's size for the scale kinds; the
low end for a vague word) and, for vague words, the high end. ``numbers.read_number`` puts atoms
together; ``quantities`` looks the words around a number up here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from riwaya.data import load_json, load_lines
from riwaya.errors import RiwayaError
from riwaya.text.normalise import match

QUALIFIERS = ("exact", "about", "at_least", "more_than", "at_most", "less_than", "range")


@dataclass(frozen=True, slots=True)
class Atom:
    kind: str
    value: float
    high: float | None = None
    weak: bool = False


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    kind: str  # percent | currency | mass | volume | length | area | temperature | power | time
    base: str | None = None  # the unit a measure converts to (kg -> g)
    factor: float = 1.0


@dataclass(frozen=True)
class Lexicon:
    atoms: dict[str, tuple[Atom, ...]]  # a word may be two atoms (عشرة: the unit 10 and the teen word)
    with_article: frozenset[str]  # vague plurals that may carry the article (العشرات، الآلاف)
    ordinal_teens: frozenset[str]  # ordinals before عشر: الحادي عشر is no ten
    never_alone: frozenset[str]  # أحد، إحدى alone: "one of", no count
    qualifiers: dict[tuple[str, ...], str]
    qualifiers_after: dict[tuple[str, ...], str]
    qualifier_len: int
    range_open: frozenset[tuple[str, ...]]
    range_join: frozenset[str]
    clitics: tuple[str, ...]
    labels: frozenset[str]
    time_after: frozenset[str]
    not_counted: frozenset[str]
    units: dict[tuple[str, ...], Unit]
    unit_len: int
    dual_units: frozenset[str]
    subunits: dict[str, str]
    counted: dict[str, str]  # any form, with or without the article -> the singular as written
    stopwords: frozenset[str]

    def atom(self, word: str, kind: str | None = None) -> Atom | None:
        for a in self.atoms.get(word, ()):
            if kind is None or a.kind == kind:
                return a
        return None

    def strip(self, word: str) -> list[tuple[str, int]]:
        """``word`` and what is left of it with one attached clitic taken off, with its length."""
        out = [(word, 0)]
        for c in self.clitics:
            if word.startswith(c) and len(word) - len(c) >= 2:
                out.append((word[len(c):], len(c)))
        return out


_PIECE = re.compile(r"[^\W\d_]+|\S")


def _words(phrase: str) -> tuple[str, ...]:
    """A phrase's words and signs in the matching form, as the quantities tokenizer cuts them."""
    return tuple(_PIECE.findall(match(phrase)))


def _add(atoms: dict[str, list[Atom]], word: str, atom: Atom) -> None:
    key = match(word)
    if " " in key or not key:
        raise RiwayaError(f"data/quantity_numbers.json: {word!r} is not one word")
    if atom not in atoms.setdefault(key, []):
        atoms[key].append(atom)


def _number_atoms(d: dict) -> tuple[dict[str, tuple[Atom, ...]], frozenset[str]]:
    weak = {match(w) for w in d["weak"]}
    atoms: dict[str, list[Atom]] = {}

    def add(word, kind, value, high=None):
        _add(atoms, word, Atom(kind, float(value), None if high is None else float(high), match(word) in weak))

    # units first: عشرة is the unit 10 before it is the teen word of خمسة عشر
    for group, kind in (("units", "unit"), ("teens", "teen"), ("tens", "tens"), ("hundreds", "hundreds")):
        for v, forms in d[group].items():
            for w in forms:
                add(w, kind, int(v))
    for w in d["teen_words"]:
        add(w, "teen_word", 10)
    for w in d["hundred_words"]:
        add(w, "hundred", 100)
        for v, prefixes in d["hundred_prefixes"].items():
            for p in prefixes:
                add(p + w, "hundreds", int(v) * 100)
    for v, forms in d["scales"].items():
        for kind in ("singular", "dual", "plural"):
            for w in forms[kind]:
                add(w, "scale" if kind == "singular" else f"scale_{kind}", int(v))
    for w, (lo, hi) in d["vague"].items():
        add(w, "vague", lo, hi)
    for w, v in d["fractions"].items():
        add(w, "fraction", v)
    for w in d["decimal_point"]:
        add(w, "point", 0)
    with_article = set()
    for w in d["vague_with_article"]:
        key = match(w)
        if key not in atoms:
            raise RiwayaError(f"data/quantity_numbers.json: vague_with_article {w!r} is not a number word")
        with_article.add("ال" + key)
        atoms.setdefault("ال" + key, list(atoms[key]))
    return {k: tuple(v) for k, v in atoms.items()}, frozenset(with_article)


def _counted(d: dict) -> dict[str, str]:
    """Every form of every counted noun -> its singular. Added by rule: the accusative singular
    (جندي -> جنديا; not after ة, ى or ا), the duals (-ان, -ين; ة -> تان, تين) and each form with
    the article."""
    out: dict[str, str] = {}
    for sing, plurals in d.items():
        stem = match(sing)
        forms = {stem, *(match(p) for p in plurals)}
        if " " not in stem:
            if stem.endswith("ه"):
                forms.update({stem[:-1] + "تان", stem[:-1] + "تين"})
            elif not stem.endswith("ا") and not sing.endswith("ى"):
                forms.update({stem + "ا", stem + "ان", stem + "ين"})
        for f in forms:
            out.setdefault(f, sing)
            out.setdefault("ال" + f, sing)
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    nums = load_json("quantity_numbers.json")
    words = load_json("quantity_words.json")
    atoms, with_article = _number_atoms(nums)
    quals: dict[tuple[str, ...], str] = {}
    for q, phrases in words["qualifiers"].items():
        if q not in QUALIFIERS:
            raise RiwayaError(f"data/quantity_words.json: unknown qualifier {q!r}")
        for p in phrases:
            quals.setdefault(_words(p), q)
    after = {_words(p): q for q, phrases in words["qualifiers_after"].items() for p in phrases}
    units: dict[tuple[str, ...], Unit] = {}
    for uid, spec in words["units"].items():
        unit = Unit(uid, spec["kind"], spec.get("base"), float(spec.get("factor", 1)))
        for form in spec["forms"]:
            units.setdefault(_words(form), unit)
    return Lexicon(
        atoms=atoms, with_article=with_article,
        ordinal_teens=frozenset(match(w) for w in nums["ordinals_before_ten"]),
        never_alone=frozenset(match(w) for w in nums["never_alone"]), qualifiers=quals, qualifiers_after=after,
        qualifier_len=max(len(k) for k in (*quals, *after)),
        range_open=frozenset(_words(p) for p in words["range_open"]),
        range_join=frozenset(match(w) for w in words["range_join"]),
        clitics=tuple(sorted({match(c) for c in words["clitics"]}, key=len, reverse=True)),
        labels=frozenset(match(w) for w in words["labels"]),
        time_after=frozenset(match(w) for w in words["time_after"]),
        not_counted=frozenset(match(w) for w in words["not_counted"]),
        units=units, unit_len=max(len(k) for k in units),
        dual_units=frozenset(match(w) for w in words["bare_dual_units"]),
        subunits=dict(words["subunits"]),
        counted=_counted(words["counted"]),
        stopwords=frozenset(match(w) for f in ("stopwords_ar.txt", "stopwords_en.txt") for w in load_lines(f)),
    )
