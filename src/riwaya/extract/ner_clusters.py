"""Word clusters learned from unlabelled news, as features for the named-entity tagger.

Each word of the matching form gets cluster ids at a few granularities: words are embedded by a
truncated SVD of their positive pointwise mutual information with the words one and two places to
their left and right (directional contexts, so the clusters group words by how they are used, e.g.
given names, place names, verbs of saying), then grouped by k-means on the unit vectors. The
clusters are shipped as a TSV (``models/ner-clusters.tsv``: word, then one id per granularity)
written by ``riwaya train ner``; nothing is downloaded.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

OFFSETS = (-2, -1, 1, 2)


def embed(sentences: Iterable[list[str]], vocab: int = 40000, contexts: int = 4000, dim: int = 128, seed: int = 0,
          log=None) -> tuple[list[str], np.ndarray]:
    """The ``vocab`` most frequent words of ``sentences`` (matching-form tokens), most frequent first, and
    their unit vectors: a truncated SVD of their PPMI with the ``contexts`` most frequent words at
    ``OFFSETS``."""
    from scipy import sparse
    from sklearn.utils.extmath import randomized_svd

    sents = [s for s in sentences if s]
    counts = Counter(w for s in sents for w in s)
    words = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:vocab]]
    index = {w: i for i, w in enumerate(words)}
    ids = np.fromiter((index.get(w, -1) for s in sents for w in (*s, None)), dtype=np.int64)
    if log:
        log(f"{len(sents)} sentences, {len(ids)} tokens, {len(words)} words")
    n, c = len(words), min(contexts, len(words))
    blocks = []
    for k, d in enumerate(OFFSETS):
        # a: the word, b: its neighbour at offset d; a sentence break (-1) stops the window
        a, b = (ids[:-d], ids[d:]) if d > 0 else (ids[-d:], ids[:d])
        ok = (a >= 0) & (b >= 0) & (b < c)
        for step in range(1, abs(d)):  # no window across a sentence break
            ok &= ids[step:len(ids) - abs(d) + step] >= 0
        m = sparse.coo_matrix((np.ones(int(ok.sum()), dtype=np.float64), (a[ok], b[ok] + k * c)),
                              shape=(n, c * len(OFFSETS))).tocsr()
        blocks.append(m)
    cooc = sum(blocks[1:], blocks[0]).tocsr()
    cooc.sum_duplicates()
    total = cooc.sum()
    row = np.asarray(cooc.sum(axis=1)).ravel()
    col = np.asarray(cooc.sum(axis=0)).ravel() ** 0.75
    col = col / col.sum()
    coo = cooc.tocoo()
    pmi = np.log(coo.data * 1.0 / (row[coo.row] / total) / col[coo.col] / total)
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=cooc.shape)
    u, s, _ = randomized_svd(ppmi, n_components=dim, random_state=seed)
    vec = u * np.sqrt(s)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    return words, vec


def learn(sentences: Iterable[list[str]], vocab: int = 40000, fit_top: int = 40000, contexts: int = 4000,
          dim: int = 128, ks: tuple[int, ...] = (64, 256, 1024), seed: int = 0, log=None
          ) -> dict[str, tuple[int, ...]]:
    """Cluster ids per word for the ``vocab`` most frequent words of ``sentences`` (matching-form tokens);
    the clusters' centres are found among the ``fit_top`` most frequent."""
    return clusters_of(*embed(sentences, vocab, contexts, dim, seed, log), fit_top, ks, seed, log)


def clusters_of(words: list[str], vec: np.ndarray, fit_top: int = 40000, ks: tuple[int, ...] = (64, 256, 1024),
                seed: int = 0, log=None) -> dict[str, tuple[int, ...]]:
    """k-means cluster ids of each word's vector at each k of ``ks``, centres fitted on the ``fit_top`` first."""
    from sklearn.cluster import MiniBatchKMeans

    out = {w: [] for w in words}
    for k in ks:
        # centroids from the frequent words, whose vectors are reliable; rarer words join the nearest
        km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=3).fit(vec[:fit_top])
        for w, lab in zip(words, km.predict(vec)):
            out[w].append(int(lab))
        if log:
            log(f"k={k} done")
    return {w: tuple(v) for w, v in out.items()}


def save(clusters: dict[str, tuple[int, ...]], path: Path) -> None:
    lines = ["\t".join([w, *map(str, ids)]) for w, ids in clusters.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def load(text: str) -> dict[str, tuple[str, ...]]:
    out = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) > 1:
            out[parts[0]] = tuple(parts[1:])
    return out



def corpus_lines(paths: list[str]) -> Iterator[list[str]]:
    """The tokens (as written) of every line of every article read from ``paths``."""
    from riwaya.extract.ner_tokens import tokenise
    from riwaya.ingest import read

    for doc in read(paths):
        if isinstance(doc, Exception):
            continue
        for line in doc.body.splitlines():
            toks = [t.text for t in tokenise(line)]
            if toks:
                yield toks


def folded(tokens: list[str]) -> list[str]:
    """Tokens in the matching form (one that folds to nothing is dropped)."""
    from riwaya.text.normalise import match

    return [w for w in map(match, tokens) if w]
