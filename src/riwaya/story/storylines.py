"""Storylines: events of one developing story (the deployment of 6 January and the withdrawal of
13 January) are linked into one story.

Two events belong to one story when the join model, told to ignore time (same day, no gap), finds
their articles alike: the mean pair probability over their members reaches ``MIN_P``. An event
without a story joins the story of the best such earlier event within ``WINDOW_DAYS``, else opens a
story named after it. Candidates come from shared stems of the events' titles and leads. Every link
is recorded in the history.
"""
from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import replace
from datetime import date

import numpy as np

from riwaya.ids import short_id
from riwaya.model import Event
from riwaya.story.events import related
from riwaya.story.features import FEATURES, Vectors, pair_features
from riwaya.story.joiner import JoinModel

WINDOW_DAYS = 30
MIN_P = 0.25
_TIME = [FEATURES.index(f) for f in ("log_gap_h", "other_day")]
_MAX_MEMBERS = 8


def _day(e: Event) -> int | None:
    try:
        return date.fromisoformat(e.date).toordinal() if e.date else None
    except ValueError:
        return None


def story_score(a: list[Vectors], b: list[Vectors], model: JoinModel,
                cos: np.ndarray | None = None) -> float:
    """Mean time-blind join P over the two events' (first ``_MAX_MEMBERS``) members; ``cos``: their
    embeddings' cosines, when both events have them (``_embeddings``)."""
    total = 0.0
    a, b = a[:_MAX_MEMBERS], b[:_MAX_MEMBERS]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            if not related(x, y, None if cos is None else cos[i, j]):
                continue  # no shared rare word, embeddings far apart: P = 0, as in the event decision
            f = pair_features(x, y)
            for k in _TIME:
                f[k] = 0.0
            total += model.prob(f)
    return total / (len(a) * len(b))


def _embeddings(members: list[Vectors]) -> np.ndarray | None:
    """The first ``_MAX_MEMBERS`` members' embeddings as rows, when every one has one."""
    m = members[:_MAX_MEMBERS]
    if not m or any(v.emb is None for v in m):
        return None
    return np.vstack([v.emb for v in m])


def link_stories(events: list[Event], vecs: dict[str, Vectors], model: JoinModel
                 ) -> tuple[list[Event], list[dict]]:
    events = sorted(events, key=lambda e: (e.date or "9999", e.id))
    if all(e.story for e in events):
        return events, []
    members = {e.id: [vecs[a] for a in e.articles if a in vecs] for e in events}
    embs = {k: _embeddings(m) for k, m in members.items()}
    index: dict[str, deque[Event]] = defaultdict(deque)  # title stem -> events, oldest first
    story: dict[str, str] = {}
    history: list[dict] = []
    out = []
    for e in events:
        keys = {w for v in members[e.id] for w in v.title}
        if e.story:
            story[e.id] = e.story
        elif members[e.id]:
            best, best_s, seen, d = None, MIN_P, set(), _day(e)
            for w in keys:
                near = index.get(w, ())
                while near and d is not None and _day(near[0]) is not None and d - _day(near[0]) > WINDOW_DAYS:
                    near.popleft()  # events come in date order: older ones are out of reach for good
                for o in near:
                    if o.id in seen or not members[o.id]:
                        continue
                    seen.add(o.id)
                    od = _day(o)
                    if d is not None and od is not None and abs(d - od) > WINDOW_DAYS:
                        continue
                    ea, eb = embs[e.id], embs[o.id]
                    s = story_score(members[e.id], members[o.id], model,
                                    ea @ eb.T if ea is not None and eb is not None else None)
                    if s > best_s:
                        best, best_s = o, s
            if best is not None:
                story[e.id] = story[best.id]
                history.append({"op": "link", "event": e.id, "story": story[e.id], "with": best.id,
                                "score": round(best_s, 3)})
        story.setdefault(e.id, short_id("s", e.id))
        for w in keys:
            index[w].append(e)
        out.append(replace(e, story=story[e.id]))
    return out, history
