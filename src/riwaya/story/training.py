"""Learning the join decision from labelled days, and scoring it on days it never saw.

``fit_decision`` fits the pair model on every pair of labelled articles at most ``WINDOW_H`` apart,
then picks the join threshold that gives the best B-cubed F1 when the online clusterer replays those
same (training) days. ``cross_validate`` does that once per day with that day held out, and streams
all articles in time order, each decided by the model that never saw its day.
"""
from __future__ import annotations

import itertools
from dataclasses import replace

from riwaya.story import events, joiner
from riwaya.story.events import WINDOW_H, OnlineEvents, event_features
from riwaya.story.features import Vectors, pair_features
from riwaya.story.scores import bcubed, pairwise

THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7)
PAIRWISE_TOO = True  # choose the threshold for B-cubed F1 + pairwise F1 (lexical CV pairwise 0.61 -> 0.66)
# learn the article-to-event decision (``joiner.EventModel``) on top of the pair model, with embeddings
# only: cross-validated by day it lifts the e5 figure (B-cubed 0.926 -> 0.935, pairwise 0.780 -> 0.790,
# threshold for B-cubed + pairwise in both) and lowers the lexical one (0.914 -> 0.897, 0.659 -> 0.576)
TWO_STAGE = True
EVENT_THRESHOLD = 0.5  # the event model's P at which an article joins (``fit_decision``)
SMOOTH = 1  # thresholds on either side averaged in when choosing one (``_smoothed``)


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


def event_examples(vecs: list[Vectors], gold: dict[str, str], model: joiner.JoinModel
                   ) -> tuple[list[list[float]], list[int]]:
    """(article, open event) examples for the second stage: the stream replayed in time order with
    the gold events as the state (teacher forcing); every open event related to the article is a
    candidate, labelled 1 when it is the article's gold event."""
    oe = OnlineEvents(model)
    X, y = [], []
    for v in sorted(vecs, key=_t):
        for e in oe.candidates(v):
            if len(e.members) < events.EVENT_STAGE_MIN:
                continue
            x = event_features(v, e, model)
            if x is not None:
                X.append(x)
                y.append(int(e.id == gold[v.tok.id]))
        oe.add(v, known=gold[v.tok.id])
    return X, y


def fit_models(vecs: list[Vectors], gold: dict[str, str], c: float = 1.0, meta: dict | None = None
               ) -> joiner.JoinModel:
    """The pair model and (with ``TWO_STAGE``) the event model on top of it, threshold unset."""
    X, y = pairs(vecs, gold)
    m = joiner.fit(X, y, c=c, meta=meta)
    if TWO_STAGE and any(v.emb is not None for v in vecs):
        Xe, ye = event_examples(vecs, gold, m)
        if len(set(ye)) == 2:
            m = replace(m, event=joiner.fit_event(Xe, ye, c=c))
    return m


def stream(vecs: list[Vectors], model) -> dict[str, str]:
    """Cluster ``vecs`` online in time order; ``model`` is a JoinModel or a function of the article."""
    oe = OnlineEvents(model)
    for v in sorted(vecs, key=_t):
        oe.add(v)
    return dict(oe.of)


def _quality(pred: dict[str, str], gold: dict[str, str]) -> float:
    """What the threshold is chosen for: B-cubed F1 plus pairwise F1 (both are targets)."""
    return bcubed(pred, gold)[2] + (pairwise(pred, gold)[2] if PAIRWISE_TOO else 0.0)


def fit_decision(vecs: list[Vectors], gold: dict[str, str], c: float = 1.0, meta: dict | None = None,
                 fold: dict[str, str] | None = None) -> joiner.JoinModel:
    """The pair and event models fitted on all of ``vecs``, and the threshold they decide at.

    With an event model, the article joins the best event when the model's P reaches 0.5, where
    joining becomes more likely right than wrong: no threshold is searched. Cross-validated by
    day this scores 0.942 / 0.834 against 0.941 / 0.820 for a threshold searched by inner
    cross-validation on the training days, and 0.935 / 0.790 when that search may also fall back to
    the mean pair P: on two training days, each inner model learns from one day, and what suits it
    does not carry over to the model that learns from both.

    Without one (the lexical model), the mean pair P decides, at the threshold where the clustering
    of these days scores best (on a plateau: ``_smoothed``). With ``fold`` (two or more days), each
    day is scored by a model fitted on the others (inner cross-validation), since a model scored on
    its own training pairs is overconfident and would pick too high a threshold."""
    m = fit_models(vecs, gold, c=c, meta=meta)
    if m.event is not None:
        return _setting(m, EVENT_THRESHOLD, True)
    sub = {v.tok.id: gold[v.tok.id] for v in vecs}
    days = sorted({fold[v.tok.id] for v in vecs}) if fold else []
    if len(days) >= 2:
        inner = {d: fit_models([v for v in vecs if fold[v.tok.id] != d], gold, c=c) for d in days}
        pick = lambda th: lambda v: _setting(inner[fold[v.tok.id]], th, False)
    else:
        pick = lambda th: _setting(m, th, False)
    q = [_quality(stream(vecs, pick(th)), sub) for th in THRESHOLDS]
    th = max(THRESHOLDS, key=lambda t: (_smoothed(q, THRESHOLDS.index(t)), -abs(t - 0.5)))
    return _setting(m, th, False)


def _smoothed(q: list[float], k: int, width: int = SMOOTH) -> float:
    """The quality at threshold ``k`` averaged with its neighbours: a threshold on a plateau is
    chosen over a lone peak, which on two training days is mostly noise."""
    win = q[max(0, k - width): k + width + 1]
    return sum(win) / len(win)


def _setting(m: joiner.JoinModel, threshold: float, event_stage: bool) -> joiner.JoinModel:
    """``m`` deciding at ``threshold``, by its event model or (without) by the mean pair P."""
    return replace(m, threshold=threshold, event=m.event if event_stage else None)


def cross_validate(vecs: list[Vectors], gold: dict[str, str], fold: dict[str, str], c: float = 1.0,
                   extra: list[Vectors] = ()) -> tuple[dict[str, str], dict[str, joiner.JoinModel]]:
    """Predicted event per article of ``vecs``, each decided by the model fitted without its fold
    (on the other folds and on ``extra``, labelled days that are never scored)."""
    models = {}
    for f in sorted({fold[v.tok.id] for v in vecs}):
        train = [v for v in vecs if fold[v.tok.id] != f] + list(extra)
        models[f] = fit_decision(train, gold, c, meta={"held_out": f}, fold=fold)
    return stream(vecs, lambda v: models[fold[v.tok.id]]), models
