"""Clustering scores against gold: B-cubed and pairwise precision, recall and F1.

Both take ``pred`` and ``gold`` as ``{item: cluster}`` over the same items (items missing from
``pred`` count as singletons).
"""
from __future__ import annotations

from collections import Counter, defaultdict


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _fill(pred: dict, gold: dict) -> dict:
    return {k: pred.get(k, ("single", k)) for k in gold}


def bcubed(pred: dict, gold: dict) -> tuple[float, float, float]:
    pred = _fill(pred, gold)
    joint = Counter((pred[k], gold[k]) for k in gold)
    psize, gsize = Counter(pred.values()), Counter(gold.values())
    p = sum(joint[(pred[k], gold[k])] / psize[pred[k]] for k in gold) / len(gold)
    r = sum(joint[(pred[k], gold[k])] / gsize[gold[k]] for k in gold) / len(gold)
    return p, r, _f1(p, r)


def pairwise(pred: dict, gold: dict) -> tuple[float, float, float]:
    pred = _fill(pred, gold)
    pairs = lambda c: sum(n * (n - 1) // 2 for n in c.values())
    joint = Counter((pred[k], gold[k]) for k in gold)
    tp = pairs(joint)
    pp, gp = pairs(Counter(pred.values())), pairs(Counter(gold.values()))
    p = tp / pp if pp else (1.0 if not gp else 0.0)
    r = tp / gp if gp else 1.0
    return p, r, _f1(p, r)


def single_link(n: int, edges) -> list[int]:
    """Connected components of ``n`` items under ``edges`` (pairs of indices): union-find."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in edges:
        a, b = find(i), find(j)
        if a != b:
            parent[a] = b
    return [find(i) for i in range(n)]


def clusters(labels: dict) -> dict:
    by = defaultdict(list)
    for k, c in labels.items():
        by[c].append(k)
    return by
