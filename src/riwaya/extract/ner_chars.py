"""What a word looks like: a character n-gram classifier of word cores for the named-entity tagger.

A transliterated foreign name (``ستولتنبرغ``, ``غوتيريش``), a company or a club is often a word the
clusters and the memory have never seen; its letters still say a lot (endings such as ``-وف``,
``-سكي``, ``-تش``, vowels written long where Arabic words do not have them). This model reads the
character 2- to 5-grams of a core (hashed into ``BUCKETS`` rows) and gives the probability of each
of PER, LOC, ORG, MISC and O. It is trained by ``riwaya train ner`` on *distant* labels only: the
label the first tagger gave each core over unlabelled news (the memory, ``ner_lexicon``) and O for
the frequent words it never took for a name, so nothing of the labelled sentences leaks into the
feature the CRF is trained on. Shipped as ``models/ner-chars.npy`` (float16 weights, one column a
label, the bias in the last row).
"""
from __future__ import annotations

import zlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np

LABELS = ("O", "PER", "LOC", "ORG", "MISC")
BUCKETS = 1 << 16
SIZES = (2, 3, 4, 5)


def grams(core: str) -> list[int]:
    """Hashed bucket of every character n-gram of ``^core$`` (n in ``SIZES``)."""
    w = "^" + core + "$"
    return [zlib.crc32(w[i:i + n].encode("utf-8", "replace")) % BUCKETS
            for n in SIZES for i in range(len(w) - n + 1)]


class CharModel:
    """Label probabilities of a word core from its character n-grams."""

    def __init__(self, weights: np.ndarray):
        self.w = weights[:-1].astype(np.float32)
        self.b = weights[-1].astype(np.float32)

    def probs(self, core: str) -> np.ndarray:
        z = self.b + self.w[grams(core)].sum(axis=0)
        z = np.exp(z - z.max())
        return z / z.sum()

    def guess(self, core: str) -> tuple[str, float]:
        """The most likely entity label of ``core`` and its probability (("O", p) when O wins)."""
        p = self.probs(core)
        k = int(p.argmax())
        return LABELS[k], float(p[k])

    def save(self, path: Path) -> None:
        with open(path, "wb") as f:
            np.save(f, np.vstack([self.w, self.b[None]]).astype(np.float16), allow_pickle=False)

    @classmethod
    def load(cls, path: Path) -> "CharModel":
        return cls(np.load(path, allow_pickle=False))


def distant_labels(memory: dict[str, str], words: Iterable[str], min_share: int = 2) -> dict[str, str]:
    """Training labels for the character model: each core of ``memory`` labelled at least ``min_share``
    quarters of the time, its label; every other core of ``words`` (frequent news words), O."""
    out = {core: "O" for core in words if core}
    for core, value in memory.items():
        label, _, share = value.partition(":")
        if int(share) >= min_share:
            out[core] = label
        else:
            out.pop(core, None)
    return dict(sorted(out.items()))


def fit(labelled: dict[str, str], c: float = 1.0, max_iter: int = 200) -> CharModel:
    """A multinomial logistic regression on the hashed n-grams of each core (deterministic: L-BFGS)."""
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    cores = list(labelled)
    rows, cols = [], []
    for i, core in enumerate(cores):
        g = grams(core)
        rows.extend([i] * len(g))
        cols.extend(g)
    x = sparse.csr_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(len(cores), BUCKETS))
    x.sum_duplicates()
    y = np.array([LABELS.index(labelled[c_]) for c_ in cores])
    lr = LogisticRegression(C=c, max_iter=max_iter, tol=1e-4).fit(x, y)
    w = np.zeros((BUCKETS + 1, len(LABELS)))
    w[-1] = -30.0  # a label never seen in training
    if len(lr.classes_) == 2:  # one logit: the second class against the first
        w[-1, lr.classes_[0]] = 0.0
        w[:-1, lr.classes_[1]], w[-1, lr.classes_[1]] = lr.coef_[0], lr.intercept_[0]
    else:
        w[:-1, lr.classes_] = lr.coef_.T
        w[-1, lr.classes_] = lr.intercept_
    return CharModel(w.astype(np.float16))
