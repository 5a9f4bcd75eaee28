"""Learning the join decision from labelled days, and scoring it on days it never saw.

``fit_decision`` fits the pair model on every pair of labelled articles at most ``WINDOW_H`` apart,
then picks the join threshold that gives the best B-cubed F1 when the online clusterer replays those
same (training) days. ``cross_validate`` does that once per day with that day held out, and streams
all articles in time order, each decided by the model that never saw its day.
"""
from __future__ import annotations

import itertools
from dataclasses import replace

from riwaya.story import joiner
from riwaya.story.events import WINDOW_H, OnlineEvents
from riwaya.story.features import Vectors, pair_features
from riwaya.story.scores import bcubed

THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7)


def _t(v: Vectors) -> float:
    return v.tok.t if v.tok.t is not None else 0.0


def pairs(vecs: list[Vectors], gold: dict[str, str]) -> tuple[list[list[float]], list[int]]:
    X, y = [], []
    for a, b in itertools.combinations(vecs, 2):
        if abs(_t(a) - _t(b)) > WINDOW_H:
            continue
        X.append(pair_features(a, b))
        y.append(int(gold[a.tok.id] == gold[b.tok.id]))
    return X, y


def stream(vecs: list[Vectors], model) -> dict[str, str]:
    """Cluster ``vecs`` online in time order; ``model`` is a JoinModel or a function of the article."""
    oe = OnlineEvents(model)
    for v in sorted(vecs, key=_t):
        oe.add(v)
    return dict(oe.of)


def fit_decision(vecs: list[Vectors], gold: dict[str, str], c: float = 1.0, meta: dict | None = None,
                 fold: dict[str, str] | None = None) -> joiner.JoinModel:
    """The pair model fitted on all of ``vecs``; its threshold chosen where the clustering of these
    days scores best. With ``fold`` (two or more days), each day is scored by a model fitted on the
    others (inner cross-validation), since a model scored on its own training pairs is overconfident
    and would pick too high a threshold."""
    X, y = pairs(vecs, gold)
    m = joiner.fit(X, y, c=c, meta=meta)
    sub = {v.tok.id: gold[v.tok.id] for v in vecs}
    days = sorted({fold[v.tok.id] for v in vecs}) if fold else []
    if len(days) >= 2:
        inner = {}
        for d in days:
            Xi, yi = pairs([v for v in vecs if fold[v.tok.id] != d], gold)
            inner[d] = joiner.fit(Xi, yi, c=c)
        pick = lambda th: lambda v: replace(inner[fold[v.tok.id]], threshold=th)
    else:
        pick = lambda th: replace(m, threshold=th)
    scored = [(bcubed(stream(vecs, pick(th)), sub)[2], -abs(th - 0.5), th) for th in THRESHOLDS]
    return replace(m, threshold=max(scored)[2])


def cross_validate(vecs: list[Vectors], gold: dict[str, str], fold: dict[str, str], c: float = 1.0
                   ) -> tuple[dict[str, str], dict[str, joiner.JoinModel]]:
    """Predicted event per article, each article decided by the model fitted without its fold."""
    models = {}
    for f in sorted(set(fold.values())):
        train = [v for v in vecs if fold[v.tok.id] != f]
        models[f] = fit_decision(train, gold, c, meta={"held_out": f}, fold=fold)
    return stream(vecs, lambda v: models[fold[v.tok.id]]), models
