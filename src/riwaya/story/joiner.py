"""The learned join decision: a logistic regression over ``features.FEATURES`` of an article pair,
P(same event). Small enough to ship as JSON (``riwaya/models/events.json``), trained by
``riwaya train events`` from labelled days."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from riwaya.errors import EvalError
from riwaya.story.features import FEATURES

# what the second stage weighs for an (article, open event) pair; computed in ``events.event_features``
EVENT_FEATURES = ("mean_p", "max_p", "top2_p", "logit_mean", "logit_max", "share_p50",
                  "centroid_emb", "centroid_lead", "centroid_title", "has_emb")


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -35 else 0.0


@dataclass(frozen=True)
class EventModel:
    """P(this article belongs to this open event) from ``EVENT_FEATURES`` (logistic regression)."""

    coef: tuple[float, ...]
    intercept: float

    def prob(self, x: list[float]) -> float:
        return _sigmoid(self.intercept + sum(c * v for c, v in zip(self.coef, x)))

    def to_json(self) -> dict:
        return {"features": list(EVENT_FEATURES), "coef": [round(c, 6) for c in self.coef],
                "intercept": round(self.intercept, 6)}

    @classmethod
    def from_json(cls, d: dict) -> EventModel:
        if tuple(d["features"]) != EVENT_FEATURES:
            raise EvalError(f"event model features {d['features']} do not match this riwaya's "
                            f"{list(EVENT_FEATURES)}; retrain with `riwaya train events`")
        return cls(tuple(d["coef"]), d["intercept"])

MODEL_FILE = "events.json"  # pairs with e5 embeddings
LEXICAL_FILE = "events-lexical.json"  # when no embedder runs


@dataclass(frozen=True)
class JoinModel:
    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float = 0.5  # an article joins the best event when its event score reaches this
    meta: dict | None = None
    event: EventModel | None = None  # the second stage; without it the score is the mean pair P

    def prob(self, x: list[float]) -> float:
        return _sigmoid(self.intercept + sum(c * v for c, v in zip(self.coef, x)))

    def probs(self, X: list[list[float]]) -> list[float]:
        """``prob`` of every row of ``X``."""
        return [self.prob(x) for x in X]

    def to_json(self) -> dict:
        d = {"features": list(self.features), "coef": [round(c, 6) for c in self.coef],
             "intercept": round(self.intercept, 6), "threshold": self.threshold, "meta": self.meta or {}}
        if self.event is not None:
            d["event"] = self.event.to_json()
        return d

    @classmethod
    def from_json(cls, d: dict) -> JoinModel:
        if tuple(d["features"]) != FEATURES:
            raise EvalError(f"join model features {d['features']} do not match this riwaya's {list(FEATURES)}; "
                            "retrain with `riwaya train events`")
        ev = EventModel.from_json(d["event"]) if d.get("event") else None
        return cls(tuple(d["features"]), tuple(d["coef"]), d["intercept"], d.get("threshold", 0.5), d.get("meta"), ev)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=1) + "\n", encoding="utf-8")


def shipped_path(name: str = MODEL_FILE) -> Path:
    return Path(str(resources.files("riwaya.models").joinpath(name)))


def load(path: str | Path | None = None, lexical: bool = False) -> JoinModel:
    """The shipped model (``lexical``: the one fitted without embeddings), or one from a file."""
    if path is None:
        name = LEXICAL_FILE if lexical else MODEL_FILE
        text = resources.files("riwaya.models").joinpath(name).read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return JoinModel.from_json(json.loads(text))


def _logistic(X: list[list[float]], y: list[int], c: float) -> tuple[tuple[float, ...], float]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    A = np.asarray(X, dtype=float)
    mu, sd = A.mean(axis=0), A.std(axis=0)
    sd[sd == 0] = 1.0
    lr = LogisticRegression(C=c, max_iter=5000, class_weight=None)
    lr.fit((A - mu) / sd, y)
    coef = lr.coef_[0] / sd  # fold the standardisation back into plain coefficients
    intercept = float(lr.intercept_[0] - (lr.coef_[0] * mu / sd).sum())
    return tuple(float(v) for v in coef), intercept


def fit(X: list[list[float]], y: list[int], c: float = 1.0, meta: dict | None = None) -> JoinModel:
    """Fit the pair model: P(same event) at the base rate of the pairs it saw (threshold chosen apart)."""
    coef, intercept = _logistic(X, y, c)
    return JoinModel(FEATURES, coef, intercept, 0.5, meta)


def fit_event(X: list[list[float]], y: list[int], c: float = 1.0) -> EventModel:
    """Fit the second stage on (article, candidate event) examples."""
    coef, intercept = _logistic(X, y, c)
    return EventModel(coef, intercept)
