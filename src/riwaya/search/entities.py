"""A name in a query widened through its canonical entity (the ``entities`` corpus stage's state):
the written forms the corpus links to one entity (توكاييف, قاسم جومارت توكاييف, توكايف) all count
as the name.

A query's words (a word, a phrase, or a run of words in a clause) name an entity when they are one
of its forms in the matching form, with or without the article, or share its variant key word for
word (a transliteration the corpus never wrote: ``forms.variant_key``). A form several entities
carry names the one that carries most of it, when that one holds at least ``DOMINANT`` of the form's
mentions; otherwise the words are left as typed. Only an entity's *substantial* forms count, both
to name it and to widen to: written at least ``MIN_COUNT`` times, and either ``MIN_SHARE`` of the
entity's mentions or ``ALWAYS_COUNT`` of them, so a stray link of the entity stage (الأيام once
under الأمم) neither widens الأيام nor brings it in.
"""
from __future__ import annotations

import json
import weakref
from collections import Counter
from dataclasses import dataclass

from riwaya.search.forms import WORD, query_bases, variant_key
from riwaya.text.normalise import match

STATE = "entities"
MAX_FORMS = 16  # the most mentioned forms an entity widens to
DOMINANT = 0.75
MAX_WORDS = 4  # the longest run of query words looked up as a name
MIN_COUNT = 3
MIN_SHARE = 0.1
ALWAYS_COUNT = 20


def substantial(count: int, total: int) -> bool:
    return count >= MIN_COUNT and (count >= MIN_SHARE * total or count >= ALWAYS_COUNT)


@dataclass(frozen=True)
class Named:
    entity: str
    name: str
    forms: tuple[tuple[str, ...], ...]  # each form's words (matching form), most mentioned first


def _keys(words: tuple[str, ...]) -> list[tuple]:
    """The lookup keys of a word sequence: itself, without its first word's article, and its
    variant keys (None when a word is too short for one)."""
    out: list[tuple] = []
    for first in sorted(query_bases(words[0]), key=len, reverse=True):
        seq = (first, *words[1:])
        out.append(("w", *seq))
        vk = tuple(variant_key(w) for w in seq)
        if all(vk):
            out.append(("v", *vk))
    return out


class EntityForms:
    """Every canonical entity's forms, by the keys a query's words may hit."""

    def __init__(self, rows):
        self.named: dict[str, Named] = {}
        by_key: dict[tuple, Counter] = {}
        for r in rows:
            forms = sorted(r.get("forms", ()), key=lambda f: -f.get("count", 0))
            total = sum(f.get("count", 0) for f in forms)
            seqs = []
            for f in forms:
                if not substantial(f.get("count", 0), total):
                    continue
                words = tuple(WORD.findall(match(f["form"])))
                if not words or words in seqs:
                    continue
                seqs.append(words)
                for k in _keys(words):
                    by_key.setdefault(k, Counter())[r["id"]] += f["count"]
            if seqs:
                self.named[r["id"]] = Named(r["id"], r.get("name") or r["id"], tuple(seqs[:MAX_FORMS]))
        self.by_key = by_key

    def lookup(self, words: tuple[str, ...]) -> Named | None:
        """The entity these words name, or None."""
        if not words or len(words) > MAX_WORDS:
            return None
        for k in _keys(words):
            c = self.by_key.get(k)
            if c:
                (eid, n), = c.most_common(1)
                if n >= DOMINANT * sum(c.values()):
                    return self.named.get(eid)
                return None
        return None


_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_EMPTY = EntityForms(())


def entity_forms(store) -> EntityForms:
    """The store's entity forms, rebuilt when the store has changed (``Store.changes``)."""
    mark = store.changes()
    try:
        hit = _CACHE.get(store)
    except TypeError:  # a store that cannot be weakly referenced: no cache
        hit = None
    if hit is not None and hit[0] == mark:
        return hit[1]
    rows = [json.loads(d) for _, (_, d) in store.states(STATE).items()]
    forms = EntityForms(rows) if rows else _EMPTY
    try:
        _CACHE[store] = (mark, forms)
    except TypeError:
        pass
    return forms
