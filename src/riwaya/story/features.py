"""What the story engine compares: light stems, rare words, numbers and time of one article, and the
features of a pair of articles that the join model (``story.model``) weighs.

An article becomes ``Tokens`` once (pure, no corpus state). ``Vectors`` add inverse document
frequencies from the corpus seen so far (``DocFreq``), so the same word weighs less as it becomes
common. ``pair_features`` returns a fixed-length list named by ``FEATURES``.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

import numpy as np

from riwaya.data import load_lines
from riwaya.model import Article
from riwaya.text.normalise import match

_WORD = re.compile(r"[^\W_]+")
_ARABIC = re.compile(r"[\u0621-\u064a]")
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "و", "ف", "ب", "ل")
_SUFFIXES = ("هما", "كما", "ات", "ون", "ين", "ان", "ها", "هم", "يه", "ه", "ي")
LEAD_WORDS = 60
BODY_WORDS = 400
RARE_DF = 0.002  # a stem in at most this share of documents counts as a "named thing"


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(match(w) for line in load_lines("story_stopwords.txt") for w in line.split())


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light stem of a matching-form word: one article/conjunction prefix, one suffix, >= 3 letters."""
    if not _ARABIC.match(word):
        return word[:-1] if len(word) > 4 and word.endswith("s") else word
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 3:
            word = word[len(p):]
            break
    for s in _SUFFIXES:
        if word.endswith(s) and len(word) - len(s) >= 3:
            return word[: -len(s)]
    return word


def words(text: str) -> list[str]:
    """Content stems of a text in order (stopwords and one-letter tokens dropped)."""
    stop = stopwords()
    out = []
    for w in _WORD.findall(match(text)):
        if len(w) < 2 or w in stop:
            continue
        if w.isdigit():
            out.append(w)
            continue
        s = stem(w)
        if s not in stop:
            out.append(s)
    return out


def hours(iso: str | None) -> float | None:
    """Hours since the epoch of an ISO date or datetime (naive values read as UTC)."""
    if not iso:
        return None
    try:
        d = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=UTC)
    return d.timestamp() / 3600.0


@dataclass(frozen=True, slots=True)
class Tokens:
    """The corpus-independent view of one article."""

    id: str
    t: float | None
    outlet: str | None
    title: tuple[str, ...]
    lead: tuple[str, ...]
    body: tuple[str, ...]
    numbers: frozenset[str]
    day: str | None = None  # the calendar day of publication, as the outlet dated it
    title_numbers: frozenset[str] = frozenset()


def tokens(a: Article) -> Tokens:
    title = words(a.title or "")
    text_words = words(a.text[:6000])
    lead = title + text_words[:LEAD_WORDS]
    nums = frozenset(w for w in lead if w.isdigit() and not (len(w) == 4 and w.startswith(("19", "20"))))
    return Tokens(a.id, hours(a.published.value), a.outlet, tuple(title), tuple(lead),
                  tuple(title + text_words[:BODY_WORDS]), nums, (a.published.value or "")[:10] or None,
                  frozenset(w for w in title if w.isdigit()))


class DocFreq:
    """Document frequencies of stems over the articles seen so far (grows as the stream does)."""

    def __init__(self, n: int = 0, df: Counter | None = None):
        self.n = n
        self.df = df if df is not None else Counter()

    def add(self, tok: Tokens) -> None:
        self.n += 1
        self.df.update(set(tok.body))

    def idf(self, w: str) -> float:
        return math.log((self.n + 1) / (self.df.get(w, 0) + 1)) + 1.0

    def rare(self, w: str) -> bool:
        return self.df.get(w, 0) <= max(2.0, RARE_DF * self.n)

    def to_json(self) -> dict:
        return {"n": self.n, "df": dict(self.df)}

    @classmethod
    def prior(cls) -> DocFreq:
        """A fresh count that starts from the shipped background frequencies (``models/docfreq.json``),
        so a handful of articles already weigh words as news at large does."""
        d = _prior()
        return cls(d["n"], Counter(d["df"])) if d else cls()

    @classmethod
    def from_json(cls, d: dict) -> DocFreq:
        return cls(d["n"], Counter(d["df"]))


@lru_cache(maxsize=1)
def _prior() -> dict | None:
    import json
    from importlib import resources

    f = resources.files("riwaya.models").joinpath("docfreq.json")
    return json.loads(f.read_text(encoding="utf-8")) if f.is_file() else None


def _unit(counts: Counter, df: DocFreq) -> dict[str, float]:
    v = {w: (1.0 + math.log(c)) * df.idf(w) for w, c in counts.items()}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {w: x / norm for w, x in v.items()}


@dataclass(frozen=True, slots=True)
class Vectors:
    """One article weighed by the corpus: unit TF-IDF vectors and its rare stems."""

    tok: Tokens
    title: dict
    lead: dict
    body: dict
    rare: frozenset[str]
    title_rare: frozenset[str]
    emb: object = None  # unit numpy vector of title + lead, when an embedder ran
    sparse: tuple = ()  # (word ids, weights) of title, lead and body, for ``pair_features_many``


def vectors(tok: Tokens, df: DocFreq, emb=None) -> Vectors:
    rare = frozenset(w for w in set(tok.lead) if not w.isdigit() and df.rare(w))
    title_rare = frozenset(w for w in tok.title if w in rare)
    title, lead, body = _unit(Counter(tok.title), df), _unit(Counter(tok.lead), df), _unit(Counter(tok.body), df)
    return Vectors(tok, title, lead, body, rare, title_rare, emb,
                   (_sparse(title), _sparse(lead), _sparse(body)))


_VOCAB: dict[str, int] = {}  # every word seen in this process -> a row of the scatter buffer
_BUF = np.zeros(0)


def _sparse(vec: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    ids = np.fromiter((_VOCAB.setdefault(w, len(_VOCAB)) for w in vec), dtype=np.int64, count=len(vec))
    return ids, np.fromiter(vec.values(), dtype=np.float64, count=len(vec))


def _dots(v: tuple[np.ndarray, np.ndarray], others: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Dot products of one sparse vector with many: ``v`` scattered into a dense buffer once,
    the others' entries gathered from it and summed per vector (in a fixed order)."""
    global _BUF
    if len(_BUF) < len(_VOCAB):
        _BUF = np.zeros(2 * len(_VOCAB))
    lens = [len(o[0]) for o in others]
    if not sum(lens):
        return np.zeros(len(others))
    _BUF[v[0]] = v[1]
    prods = _BUF[np.concatenate([o[0] for o in others])] * np.concatenate([o[1] for o in others])
    _BUF[v[0]] = 0.0
    return np.bincount(np.repeat(np.arange(len(others)), lens), weights=prods, minlength=len(others))


def _dot(a: dict, b: dict) -> float:
    """Sparse dot product over the shared words (a C-level set intersection; ``fsum`` keeps the
    result independent of the set's order, which varies with the process's hash seed)."""
    return math.fsum(a[w] * b[w] for w in a.keys() & b.keys())


def lead_similarity(a: Vectors, b: Vectors) -> float:
    return _dot(a.lead, b.lead)


FEATURES = ("body_cos", "lead_cos", "title_cos", "rare_shared", "rare_share", "numbers_shared",
            "emb_cos", "has_emb", "log_gap_h", "same_outlet", "body_x_emb", "emb_sharp",
            "other_day", "title_numbers_conflict", "title_rare_shared", "title_rare_conflict")


def pair_features(a: Vectors, b: Vectors) -> list[float]:
    return _pair(a, b, _dot(a.body, b.body), _dot(a.lead, b.lead), _dot(a.title, b.title))


def pair_features_many(a: Vectors, others: list[Vectors]) -> list[list[float]]:
    """``pair_features(a, b)`` for every ``b`` of ``others``, the TF-IDF cosines computed together
    (what the engine does for each decision; equal to the pair-by-pair values up to rounding)."""
    if not others:
        return []
    title, lead, body = (_dots(a.sparse[k], [b.sparse[k] for b in others]).tolist() for k in range(3))
    return [_pair(a, b, body[i], lead[i], title[i]) for i, b in enumerate(others)]


def _pair(a: Vectors, b: Vectors, body: float, lead: float, title: float) -> list[float]:
    shared = len(a.rare & b.rare)
    share = shared / max(1, min(len(a.rare), len(b.rare)))
    nums = min(3, len(a.tok.numbers & b.tok.numbers)) / 3.0
    if a.emb is not None and b.emb is not None:
        emb, has = float(a.emb @ b.emb), 1.0
    else:
        emb, has = 0.0, 0.0
    if a.tok.t is not None and b.tok.t is not None:
        gap = math.log1p(abs(a.tok.t - b.tok.t)) / 5.0
    else:
        gap = 0.5
    same = 1.0 if a.tok.outlet and a.tok.outlet == b.tok.outlet else 0.0
    return [body, lead, title, min(5, shared) / 5.0, share, nums,
            emb, has, gap, same, body * emb, emb ** 16,
            1.0 if a.tok.day and b.tok.day and a.tok.day != b.tok.day else 0.0,
            1.0 if a.tok.title_numbers and b.tok.title_numbers and not a.tok.title_numbers & b.tok.title_numbers else 0.0,
            min(3, len(a.title_rare & b.title_rare)) / 3.0,
            1.0 if a.title_rare and b.title_rare and not a.title_rare & b.title_rare else 0.0]
