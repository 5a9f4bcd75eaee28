"""Events, online: articles arrive in time order and each joins an open event or opens one.

An article is compared with every member of the events still open around its time (``window_h``),
and joins the event whose *mean* join probability over its members is highest, if that mean reaches
the model's threshold. Averaging over members (not the best single member) is what keeps one topic
from chaining into a blob: a new report on the Yemen fronts must agree with most of an event's
articles, not with one of them. Events close when nothing joined them within the window.

With embeddings the shipped model adds a second stage (``joiner.EventModel``, after Miranda et al.
2018): the article-to-event decision is learned from event-level features (mean, best and top-two
pair P, the share of members above 0.5, cosines to the event's e5 and TF-IDF centroids), and the
article joins the open event where that P is highest, if it reaches the threshold. An event of one
article is still scored by the pair P (``EVENT_STAGE_MIN``).
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from riwaya.ids import short_id
from riwaya.model import Article, Event
from riwaya.story.features import Vectors, lead_similarity, pair_features_many
from riwaya.story.joiner import JoinModel

WINDOW_H = 72.0


# e5 cosines of unrelated news sit around 0.75-0.85; pairs under 0.85 that share no rare word get
# P = 0 without the model. Cross-validated by day: 0.941 / 0.830 at 0.85, 0.942 / 0.826 at 0.80,
# 0.938 / 0.824 at 0.87; at 0.85 the engine runs the model on a twentieth of the pairs it did at 0.80
EMB_FLOOR = 0.85
LEAD_FLOOR = 0.1  # without embeddings: TF-IDF cosine of the leads
# events this big are scored by the event model; a lone article by its pair P. Scoring single
# articles by the event model too measured better on the development days (cross-validated pairwise
# F1 0.853 vs 0.790) but leans so hard on the e5 centroid that the seeds' co-reporting article
# (e5 cosine 0.84, pair P 0.85) no longer joins: the pair model generalises better there.
EVENT_STAGE_MIN = 2
# an article is scored against at most this many related members of one event (``member_probs``):
# the pair model's cost grows with the members compared, and a flood of near-identical items (a feed
# that repeats itself) would otherwise make each decision cost as much as the event is big. The
# engine's output on a 6,000-article ANT slice is the same with and without it.
MAX_COMPARED = 64


def related(a: Vectors, b: Vectors, cos: float | None = None) -> bool:
    """A cheap gate before the model: a pair that shares no rare word and whose embeddings are far
    apart counts as P = 0 (the model gives such pairs almost nothing; skipping them is the speed).
    ``cos``: the embeddings' cosine, when the caller took many in one product."""
    if not a.rare.isdisjoint(b.rare):
        return True
    if cos is not None:
        return cos >= EMB_FLOOR
    if a.emb is not None and b.emb is not None:
        return float(a.emb @ b.emb) >= EMB_FLOOR
    return lead_similarity(a, b) >= LEAD_FLOOR


def _nearest(v: Vectors, close: list[Vectors]) -> list[Vectors]:
    """The ``MAX_COMPARED`` members of ``close`` nearest ``v`` (by embedding cosine; without
    embeddings, the latest), in their original order."""
    if v.emb is not None and all(m.emb is not None for m in close):
        cos = np.vstack([m.emb for m in close]) @ v.emb
        keep = np.sort(np.argsort(-cos, kind="stable")[:MAX_COMPARED])
        return [close[k] for k in keep]
    return close[-MAX_COMPARED:]


def related_members(v: Vectors, e: OpenEvent) -> list[Vectors]:
    """The members of ``e`` related to ``v``, pair by pair (``OnlineEvents`` batches this)."""
    return [m for m in e.members if related(v, m)]


def _accumulate(acc: dict, vec: dict) -> None:
    for w, x in vec.items():
        acc[w] = acc.get(w, 0.0) + x


def _norm(acc: dict) -> float:
    return math.sqrt(sum(x * x for x in acc.values()))


def _cos_to(vec: dict, acc: dict, norm: float) -> float:
    return math.fsum(x * acc[w] for w, x in vec.items() if w in acc) / norm if norm else 0.0


@dataclass
class OpenEvent:
    id: str
    members: list[Vectors] = field(default_factory=list)
    first_t: float | None = None
    last_t: float | None = None
    emb_sum: object = None  # sum of the members' unit embeddings (the centroid's direction)
    lead_sum: dict = field(default_factory=dict)  # sum of the members' unit TF-IDF lead vectors
    title_sum: dict = field(default_factory=dict)
    norms: tuple[float, float, float] = (0.0, 0.0, 0.0)  # of emb_sum, lead_sum, title_sum

    def add(self, v: Vectors) -> None:
        self.members.append(v)
        if v.emb is not None:
            self.emb_sum = v.emb.copy() if self.emb_sum is None else self.emb_sum + v.emb
        _accumulate(self.lead_sum, v.lead)
        _accumulate(self.title_sum, v.title)
        emb_norm = math.sqrt(float(self.emb_sum @ self.emb_sum)) if self.emb_sum is not None else 0.0
        self.norms = (emb_norm, _norm(self.lead_sum), _norm(self.title_sum))
        t = v.tok.t
        if t is not None:
            self.first_t = t if self.first_t is None else min(self.first_t, t)
            self.last_t = t if self.last_t is None else max(self.last_t, t)


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p)) / 10.0


def member_probs(v: Vectors, close: list[Vectors], model: JoinModel) -> list[float]:
    """The pair P of ``v`` with each related member. Past ``MAX_COMPARED`` members only the nearest
    are scored, and the others, less alike, count with the lowest P among those."""
    if len(close) <= MAX_COMPARED:
        return model.probs(pair_features_many(v, close))
    ps = model.probs(pair_features_many(v, _nearest(v, close)))
    return ps + [min(ps)] * (len(close) - len(ps))


def event_features(v: Vectors, e: OpenEvent, model: JoinModel, close: list[Vectors] | None = None
                   ) -> list[float] | None:
    """``joiner.EVENT_FEATURES`` of article ``v`` against open event ``e``; None when no member is
    related at all (the event is not a candidate). ``close``: the related members, when known."""
    if close is None:
        close = related_members(v, e)
    ps = member_probs(v, close, model)
    if not ps:
        return None
    n = len(e.members)
    ps.sort(reverse=True)
    mean, top = sum(ps) / n, ps[0]
    top2 = sum(ps[:2]) / min(2, n)
    if v.emb is not None and e.emb_sum is not None:
        cemb, has = float(v.emb @ e.emb_sum) / (e.norms[0] or 1.0), 1.0
    else:
        cemb, has = 0.0, 0.0
    # no event size, no time since the event's last article, no share of members from the same day:
    # measured cross-validated by day, size and time let a big event snowball (pairwise F1 0.74 with
    # them, 0.85 without) and the same-day share did not help
    return [mean, top, top2, _logit(mean), _logit(top), sum(p >= 0.5 for p in ps) / n,
            cemb, _cos_to(v.lead, e.lead_sum, e.norms[1]), _cos_to(v.title, e.title_sum, e.norms[2]), has]


@dataclass(frozen=True)
class Decision:
    article: str
    event: str
    score: float  # mean join probability over the event's members (0 when it opened the event)
    opened: bool


class OnlineEvents:
    """The event state of a stream; ``add`` decides one article."""

    def __init__(self, model: JoinModel | Callable[[Vectors], JoinModel], window_h: float = WINDOW_H):
        self._model = model
        self.window_h = window_h
        self.events: dict[str, OpenEvent] = {}
        self.of: dict[str, str] = {}  # article id -> event id
        self._rows = _Rows()  # the open members' embeddings, one matrix (``_close``)

    def model_for(self, v: Vectors) -> JoinModel:
        return self._model(v) if callable(self._model) else self._model

    def candidates(self, v: Vectors) -> list[OpenEvent]:
        t = v.tok.t
        if t is None:
            return list(self.events.values())
        return [e for e in self.events.values()
                if e.last_t is None or (e.last_t >= t - self.window_h and e.first_t <= t + self.window_h)]

    def score(self, v: Vectors, e: OpenEvent, model: JoinModel, close: list[Vectors] | None = None) -> float:
        if close is None:
            close = related_members(v, e)
        if not close:
            return 0.0
        if model.event is None or len(e.members) < EVENT_STAGE_MIN:
            return sum(member_probs(v, close, model)) / len(e.members)
        x = event_features(v, e, model, close)
        return 0.0 if x is None else model.event.prob(x)

    def _close(self, v: Vectors, events: list[OpenEvent]) -> list[list[Vectors]]:
        """Each event's members related to ``v`` (what ``related`` decides pair by pair): the
        embedding cosines of every open member in one matrix product, the rare words looked up."""
        rows = self._rows.close(v)
        if rows is None:
            return [related_members(v, e) for e in events]
        by_event: dict[str, list[Vectors]] = {}
        for r in sorted(rows):
            by_event.setdefault(self.of[self._rows.members[r].tok.id], []).append(self._rows.members[r])
        return [by_event.get(e.id, []) for e in events]

    def add(self, v: Vectors, known: str | None = None) -> Decision:
        """Place one article; ``known`` replays a stored assignment without deciding."""
        if known is not None:
            e = self.events.setdefault(known, OpenEvent(known))
            e.add(v)
            self._rows.add(v)
            self.of[v.tok.id] = known
            return Decision(v.tok.id, known, 0.0, False)
        model = self.model_for(v)
        best, best_s = None, -1.0
        cands = self.candidates(v)
        for e, close in zip(cands, self._close(v, cands)):
            s = self.score(v, e, model, close) if close else 0.0
            if s > best_s:
                best, best_s = e, s
        self._rows.add(v)
        if best is not None and best_s >= model.threshold:
            best.add(v)
            self.of[v.tok.id] = best.id
            return Decision(v.tok.id, best.id, best_s, False)
        eid = short_id("e", v.tok.id)
        e = OpenEvent(eid)
        e.add(v)
        self.events[eid] = e
        self.of[v.tok.id] = eid
        return Decision(v.tok.id, eid, 0.0, True)

    def prune(self, now: float) -> None:
        """Forget the members of events closed long before ``now`` (they can no longer be joined)."""
        closed = [k for k, e in self.events.items() if e.last_t is not None and e.last_t < now - 2 * self.window_h]
        for eid in closed:
            self._rows.stale += len(self.events.pop(eid).members)
        if 2 * self._rows.stale > len(self._rows.members):
            self._rows.forget(lambda m: self.of[m.tok.id] in self.events)


class _Rows:
    """Embeddings of the open events' members stacked in one growing matrix, with each member's row."""

    def __init__(self) -> None:
        self.members: list[Vectors] = []
        self.rare: dict[str, list[int]] = {}  # rare word -> rows of the members that have it
        self._m: np.ndarray | None = None
        self._n = 0
        self._complete = True  # every member has an embedding
        self.stale = 0  # rows of members whose events closed

    def add(self, v: Vectors) -> None:
        if v.emb is None:
            self._complete = False
            return
        if self._m is None or self._n == len(self._m):
            grown = np.empty((max(256, 2 * self._n), len(v.emb)), dtype=np.float32)
            if self._m is not None:
                grown[: self._n] = self._m[: self._n]
            self._m = grown
        self._m[self._n] = v.emb
        for w in v.rare:
            self.rare.setdefault(w, []).append(self._n)
        self.members.append(v)
        self._n += 1

    def forget(self, keep: Callable[[Vectors], bool]) -> None:
        """Drop the rows of members that ``keep`` rejects (``prune`` calls it once the members of
        closed events are half the rows; until then they cost a little matrix product, and
        ``OnlineEvents._close`` ignores their events)."""
        live = [r for r, m in enumerate(self.members) if keep(m)]
        members = self.members
        self.__init__()
        for r in live:
            self.add(members[r])

    def close(self, v: Vectors) -> set[int] | None:
        """Rows of the members related to ``v``; None when some member or ``v`` has no embedding."""
        if v.emb is None or not self._complete:
            return None
        if self._m is None:
            return set()
        rows = set(np.flatnonzero(self._m[: self._n] @ v.emb >= EMB_FLOOR).tolist())
        for w in v.rare:
            rows.update(self.rare.get(w, ()))
        return rows


def singleton_events(articles: list[Article]) -> list[Event]:
    """Each article its own event and story: the answer when nothing has been compared."""
    out = []
    for a in articles:
        eid = short_id("e", a.id)
        date = a.published.value[:10] if a.published.value else None
        out.append(Event(id=eid, title=a.title or a.text[:80], articles=(a.id,), date=date, story=short_id("s", a.id)))
    return out
