"""A window classifier for the named-entity CRF: each token's label from the words around it, read as
dense vectors.

The CRF sees words and their clusters; this model sees each of the five words around a token
(``SPAN`` either side) as its learned vector (``ner_clusters.embed`` over unlabelled news, the first
``DIM`` dimensions, kept for the ``VOCAB`` most frequent words and shipped as int8), an
out-of-vocabulary flag and the character model's guess (``ner_chars``), and gives the probability of
O, PER, LOC, ORG and MISC through one hidden layer. Its guess for a token and for the tokens either
side becomes a feature of the CRF. It is trained on the labelled sentences by ``riwaya train ner``
(scikit-learn's MLPClassifier, a fixed seed); the CRF is trained on its *jackknifed* guesses (each
fold's sentences guessed by a model that did not see them), so it learns how far to trust it. At run
time it is a few numpy products a sentence.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from riwaya.extract.ner_chars import LABELS, CharModel

SPAN = 2
DIM = 48
VOCAB = 80000
HIDDEN = 64
FOLDS = 5
EPOCHS = 8


class Vectors:
    """Word vectors of matching-form words (int8, a row per word, the words in a text file)."""

    def __init__(self, words: list[str], rows: np.ndarray):
        self.index = {w: i for i, w in enumerate(words)}
        self.rows = rows.astype(np.float32) / 127.0

    @classmethod
    def quantised(cls, words: list[str], vec: np.ndarray) -> "Vectors":
        v = vec[:VOCAB, :DIM]
        q = np.clip(np.rint(v / np.abs(v).max() * 127), -127, 127).astype(np.int8)
        return cls(words[:VOCAB], q)

    def save(self, words_path: Path, rows_path: Path) -> None:
        words = sorted(self.index, key=self.index.get)
        words_path.write_text("\n".join(words) + "\n", encoding="utf-8")
        with open(rows_path, "wb") as f:
            np.save(f, np.rint(self.rows * 127).astype(np.int8), allow_pickle=False)

    @classmethod
    def load(cls, words_path: Path, rows_path: Path) -> "Vectors":
        return cls(words_path.read_text(encoding="utf-8").splitlines(), np.load(rows_path, allow_pickle=False))


class Window:
    """The window classifier: inputs of a sentence's cores, and label probabilities."""

    def __init__(self, vectors: Vectors, chars: CharModel, weights: list[np.ndarray] | None = None):
        self.vectors = vectors
        self.chars = chars
        self.weights = weights
        self.row = lru_cache(maxsize=1 << 18)(self._row)
        self.share = lru_cache(maxsize=1 << 18)(self._share)
        self.width = vectors.rows.shape[1] + 1 + len(LABELS)

    def _row(self, core: str) -> np.ndarray:
        i = self.vectors.index.get(core)
        v = self.vectors.rows[i] if i is not None else np.zeros(self.vectors.rows.shape[1], np.float32)
        return np.concatenate([v, [float(i is None)], self.chars.probs(core)]).astype(np.float32)

    def inputs(self, cores: list[str]) -> np.ndarray:
        n = len(cores)
        rows = np.zeros((n + 2 * SPAN, self.width), np.float32)
        for i, c in enumerate(cores):
            rows[i + SPAN] = self.row(c)
        return np.hstack([rows[k:k + n] for k in range(2 * SPAN + 1)])

    def probs(self, cores: list[str]) -> np.ndarray:
        """Label probabilities of each token of a sentence (the hidden layer summed from each core's
        cached share, so tagging needs no matrix product as wide as the window)."""
        n = len(cores)
        w1, b1, w2, b2 = self.weights
        shares = np.stack([self.share(c) for c in cores]) if n else np.zeros((0, 2 * SPAN + 1, len(b1)))
        h = np.tile(b1, (n, 1))
        for k in range(2 * SPAN + 1):
            d = k - SPAN  # the token at i reads the core at i + d through slot k
            if d >= 0:
                h[:n - d] += shares[d:, k]
            else:
                h[-d:] += shares[:n + d, k]
        return _softmax(np.maximum(h, 0) @ w2 + b2)

    def _share(self, core: str) -> np.ndarray:
        """What ``core`` adds to the hidden layer from each slot of the window."""
        w1 = self.weights[0].reshape(2 * SPAN + 1, self.width, -1)
        return np.einsum("d,kdh->kh", self.row(core), w1)

    def probs_of(self, x: np.ndarray) -> np.ndarray:
        """Label probabilities of the rows of ``inputs``."""
        w1, b1, w2, b2 = self.weights
        return _softmax(np.maximum(x @ w1 + b1, 0) @ w2 + b2)

    def save(self, path: Path) -> None:
        w1, b1, w2, b2 = self.weights
        flat = np.concatenate([[w1.shape[0], w1.shape[1], w2.shape[1]], w1.ravel(), b1, w2.ravel(), b2])
        with open(path, "wb") as f:
            np.save(f, flat.astype(np.float32), allow_pickle=False)

    def with_weights_of(self, weights: list[np.ndarray]) -> "Window":
        return Window(self.vectors, self.chars, weights)

    def with_weights(self, path: Path) -> "Window":
        flat = np.load(path, allow_pickle=False)
        d, h, k = (int(x) for x in flat[:3])
        parts, at = [], 3
        for shape in ((d, h), (h,), (h, k), (k,)):
            size = int(np.prod(shape))
            parts.append(flat[at:at + size].reshape(shape))
            at += size
        return Window(self.vectors, self.chars, parts)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = np.exp(z - z.max(axis=1, keepdims=True))
    return z / z.sum(axis=1, keepdims=True)


def fit(x: np.ndarray, y: np.ndarray, seed: int = 0) -> list[np.ndarray]:
    """One hidden layer of ``HIDDEN`` units (ReLU, Adam, ``EPOCHS`` passes, a fixed seed)."""
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    m = MLPClassifier(hidden_layer_sizes=(HIDDEN,), alpha=1e-4, batch_size=256, learning_rate_init=1e-3,
                      max_iter=EPOCHS, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        m.fit(x, y)
    w2, b2 = np.zeros((HIDDEN, len(LABELS))), np.full(len(LABELS), -30.0)  # -30: a label never seen
    if len(m.classes_) == 2:  # one logistic output: the second class against the first
        b2[m.classes_[0]] = 0.0
        w2[:, m.classes_[1]], b2[m.classes_[1]] = m.coefs_[1][:, 0], m.intercepts_[1][0]
    else:
        w2[:, m.classes_], b2[m.classes_] = m.coefs_[1], m.intercepts_[1]
    return [m.coefs_[0].astype(np.float32), m.intercepts_[0].astype(np.float32), w2.astype(np.float32),
            b2.astype(np.float32)]


def jackknifed(window: Window, sentences, cores) -> tuple[dict[int, np.ndarray], list[np.ndarray]]:
    """Each labelled sentence's probabilities from a model fitted on the other folds (by sentence index),
    and the weights fitted on all of them. ``sentences``: (tokens, BIO tags); ``cores(tokens)``."""
    xs = [window.inputs(cores(toks)) for toks, _ in sentences]
    ys = [np.array([LABELS.index(t[2:] or "O") for t in tags]) for _, tags in sentences]
    n, out = len(sentences), {}
    for f in range(FOLDS):
        a, b = n * f // FOLDS, n * (f + 1) // FOLDS
        held = Window(window.vectors, window.chars, fit(np.vstack(xs[:a] + xs[b:]), np.concatenate(ys[:a] + ys[b:])))
        for k in range(a, b):
            out[k] = held.probs_of(xs[k])
    return out, fit(np.vstack(xs), np.concatenate(ys))
