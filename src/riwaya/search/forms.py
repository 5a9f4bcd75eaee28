"""The forms a search word stands for, over the words a store holds (its vocabulary).

Every vocabulary word ``w`` (matching form, ``text.normalise.match``) has its *bases*: ``w`` itself
and what follows each prefix it may carry (``data/search_forms.json``: و ف ب ل ك and ال, alone
and combined), when enough letters remain; ``للحديده`` has the bases ``للحديده``, ``الحديده``,
``لحديده`` and ``حديده``. A query word finds every vocabulary word with the query word (or the
query word without its article) among its bases: ``ارمينيا`` finds ``لارمينيا`` and ``وارمينيا``,
``غوطه`` and ``الغوطه`` find ``الغوطه`` and ``بالغوطه``. Nothing is taken off the query word
but the article, so ``وزير`` does not find ``زير``.

A long word (``variant_min_letters``) also finds the words whose base has its *variant key*: each
letter replaced by the first of its class (ك ق خ ج غ; ت ط; س ص; ز ذ ظ; د ض), runs of a letter
collapsed: ``قازاقستان``, ``كازاخستان`` and ``كازاكستان`` share a key, as do ``شويجو`` and ``شويغو``,
``توكايف`` and ``توكاييف``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from riwaya.data import load_json

WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Rules:
    prefixes: tuple[str, ...]
    article: str
    lam_lam: frozenset[str]
    min_base: int
    classes: dict[str, str]
    variant_min: int


@lru_cache(maxsize=1)
def rules() -> Rules:
    d = load_json("search_forms.json")
    classes = {ch: cls[0] for cls in d["variant_classes"] for ch in cls}
    return Rules(tuple(sorted(d["prefixes"], key=len, reverse=True)), d["article"], frozenset(d["lam_lam"]),
                 int(d["min_base"]), classes, int(d["variant_min_letters"]))


def bases(word: str) -> set[str]:
    """``word`` and what follows each prefix it may carry (see the module)."""
    r = rules()
    out = {word}
    for p in r.prefixes:
        if word.startswith(p) and len(word) - len(p) >= r.min_base:
            rest = word[len(p):]
            out.add(rest)
            if p in r.lam_lam or p.endswith(r.article):
                out.add(r.article + rest)
    return out


def query_bases(word: str) -> set[str]:
    """The bases a query word looks for: itself, and itself without its article."""
    r = rules()
    out = {word}
    if word.startswith(r.article) and len(word) - len(r.article) >= r.min_base:
        out.add(word[len(r.article):])
    return out


def variant_key(word: str) -> str | None:
    """The key spelling variants of a long word share (None for a short word)."""
    r = rules()
    if len(word) < r.variant_min:
        return None
    out: list[str] = []
    for ch in word:
        c = r.classes.get(ch, ch)
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


class Vocabulary:
    """The words of a store, by base and by variant key."""

    def __init__(self, words: frozenset[str]):
        self.words = words
        self.by_base: dict[str, set[str]] = {}
        self.by_key: dict[str, set[str]] = {}
        for w in words:
            for b in bases(w):
                self.by_base.setdefault(b, set()).add(w)
                k = variant_key(b)
                if k is not None:
                    self.by_key.setdefault(k, set()).add(w)
        self.sorted_bases = sorted(self.by_base)

    def exact(self, word: str) -> frozenset[str]:
        """The words that are ``word`` with (or without) prefixes."""
        out: set[str] = set()
        for b in query_bases(word):
            out |= self.by_base.get(b, set())
        return frozenset(out)

    def variants(self, word: str) -> frozenset[str]:
        """The words that spell ``word`` another way (its variant key), prefixes allowed."""
        out: set[str] = set()
        for b in query_bases(word):
            k = variant_key(b)
            if k is not None:
                out |= self.by_key.get(k, set())
        return frozenset(out)

    def prefixed(self, start: str, most: int = 500) -> frozenset[str]:
        """The words with a base that begins with ``start`` (at most ``most`` bases)."""
        out: set[str] = set()
        for b in query_bases(start):
            i = bisect.bisect_left(self.sorted_bases, b)
            n = 0
            while i < len(self.sorted_bases) and self.sorted_bases[i].startswith(b) and n < most:
                out |= self.by_base[self.sorted_bases[i]]
                i += 1
                n += 1
        return frozenset(out)


@lru_cache(maxsize=4)
def vocabulary(words: frozenset[str]) -> Vocabulary:
    return Vocabulary(words)
