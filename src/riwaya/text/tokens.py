"""Word tokens and light stems for lexical features (near-duplicates, events, keywords).

``tokens(text)`` gives the words of a text in the matching form (hamza, ya, ta marbuta and
diacritics folded, digits ASCII, Latin lower-cased). ``stems(text)`` gives the content words'
light stems: clitic conjunctions, the definite article with its attached prepositions and
common suffixes stripped by the light10 rules kept in ``data/stemming.json``, with stopwords
(``data/stopwords_*.txt``) left out. Stems are cached per word form, so a corpus costs one
dictionary lookup per token after its vocabulary has been seen once.

Tashaphyne's ``ArabicLightStemmer`` gives comparable stems but takes ~200 µs a word here, which
is minutes on the ANT corpus; these rules take ~1 µs a new word and nothing for a seen one.
"""
from __future__ import annotations

import re
from functools import lru_cache

from riwaya.data import load_json, load_lines
from riwaya.text.normalise import match

_WORD = re.compile(r"[^\W_]+", re.U)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    words = set()
    for name in ("stopwords_ar.txt", "stopwords_en.txt"):
        words.update(match(w) for w in load_lines(name))
    return frozenset(words)


@lru_cache(maxsize=1)
def _rules():
    d = load_json("stemming.json")
    arts = tuple(sorted({match(a) for a in d["articles"]}, key=len, reverse=True))
    return (tuple(match(c) for c in d["conjunctions"]), int(d["min_after_conjunction"]), arts,
            int(d["min_after_article"]), tuple(match(s) for s in d["suffixes"]), int(d["min_stem"]),
            frozenset(match(k) for k in d["keep"]))


def tokens(text: str) -> list[str]:
    """Word tokens in the matching form, in order (numbers included, punctuation dropped)."""
    return _WORD.findall(match(text))


@lru_cache(maxsize=1 << 19)
def stem(word: str) -> str:
    """The light stem of one matching-form word ('والمتظاهرين' -> 'متظاهر'); non-Arabic words unchanged."""
    if not _ARABIC_LETTER.match(word):
        return word
    conj, min_conj, arts, min_art, sufs, min_stem, keep = _rules()
    if word in keep:
        return word
    w = word
    if len(w) - 1 >= min_conj and w[0] in conj:
        w = w[1:]
    if w in keep:
        return w
    for a in arts:
        if w.startswith(a) and len(w) - len(a) >= min_art:
            w = w[len(a):]
            break
    for s in sufs:
        if len(w) - len(s) >= min_stem and w.endswith(s):
            w = w[: -len(s)]
    return w


@lru_cache(maxsize=1 << 19)
def _content_stem(word: str) -> str:
    if len(word) < 2 or word.isdigit() or word in stopwords():
        return ""
    return stem(word)


def stems(text: str) -> list[str]:
    """Light stems of the content words of ``text``, stopwords, numbers and one-letter words left out."""
    cs = _content_stem
    return [s for s in map(cs, _WORD.findall(match(text))) if s]
