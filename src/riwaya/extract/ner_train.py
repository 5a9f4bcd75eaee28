"""Training and scoring the named-entity CRF (``riwaya train ner``, ``riwaya eval ner``).

``fit`` trains a CRF (python-crfsuite, L-BFGS with L1 and L2 penalties; fixed, so a rerun gives the
same model) on BIO sentences; ``score`` counts entities as conlleval does: a predicted entity is
right when its label and its first and last tokens equal a gold entity's.
"""
from __future__ import annotations

from pathlib import Path

from riwaya.extract.ner_data import LABELS, spans

PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 300, "feature.possible_transitions": True}


def fit(sentences, tagger_features, path: Path, params: dict | None = None) -> None:
    """Train on (tokens, tags) ``sentences``; ``tagger_features(tokens)`` gives each token's features."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for toks, tags in sentences:
        trainer.append(tagger_features(toks), tags)
    trainer.set_params({**PARAMS, **(params or {})})
    trainer.train(str(path))


def score(gold: list[list[str]], pred: list[list[str]]) -> dict[str, dict[str, float]]:
    """Per-label and micro precision, recall and F1 of entity spans."""
    counts = {k: [0, 0, 0] for k in (*LABELS, "micro")}  # true positives, predicted, gold
    for g, p in zip(gold, pred):
        gs, ps = spans(g), spans(p)
        for label in LABELS:
            gl = {x for x in gs if x[0] == label}
            pl = {x for x in ps if x[0] == label}
            c = counts[label]
            c[0] += len(gl & pl)
            c[1] += len(pl)
            c[2] += len(gl)
        counts["micro"][0] += len(gs & ps)
        counts["micro"][1] += len(ps)
        counts["micro"][2] += len(gs)
    out = {}
    for k, (tp, np_, ng) in counts.items():
        p = tp / np_ if np_ else 0.0
        r = tp / ng if ng else 0.0
        out[k] = {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "gold": ng}
    return out
