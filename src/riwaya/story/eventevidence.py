"""What an open event's members say about who, where and which figures (``evidence``), summed as
they join, and how a new article's evidence stands against it (event features of the join model).

An event's *core actors* are the persons most of its members name as their main actor. An article
whose own main actor the event never names, while the event's core actor goes unnamed in the
article, reports someone else's happening (another match of one tournament, another footballer's
transfer): ``actor_conflict`` weighs that by how rare both names are. ``places_apart``: the
article's lead names places and none of them lies in, or contains, a place the members' leads
name. ``figures_share``: the share of members that give one of the article's exact figures.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


def _most(w: dict, keys) -> float:
    return max((w.get(k, 0.0) for k in keys), default=0.0)


@dataclass
class EventEvidence:
    persons: set = field(default_factory=set)  # every person stem a member names
    actors: Counter = field(default_factory=Counter)  # actor stem -> members naming it as actor
    weight: dict = field(default_factory=dict)  # name stem -> rarity weight, as the members weighed it
    places: Counter = field(default_factory=Counter)  # finest lead place -> members naming it
    within: dict = field(default_factory=dict)  # finest place -> it and every place containing it
    figures: Counter = field(default_factory=Counter)  # exact figure -> members giving it
    n: int = 0

    def add(self, v) -> None:
        ev = v.tok.ev
        self.n += 1
        self.persons |= ev.persons
        self.actors.update(ev.actors)
        self.weight.update(v.weight or {})
        self.places.update(ev.places)
        if ev.places:
            from riwaya.extract.places import gazetteer

            for p in ev.places:
                if p not in self.within:
                    self.within[p] = frozenset(gazetteer().ancestors(p))
        self.figures.update(ev.figures)

    def against(self, v, n: int) -> list[float]:
        ev, w = v.tok.ev, v.weight or {}
        core = {a for a, c in self.actors.items() if 2 * c >= max(1, n)}
        own = _most(w, ev.actors - self.persons)
        theirs = _most(self.weight, core - ev.persons)
        conflict = min(own, theirs)
        shared = _most(w, ev.actors & core)
        places = {p for p, c in self.places.items() if 2 * c >= max(1, n)}  # the core places
        inside = set().union(*(self.within[p] for p in places)) if places else set()
        apart = bool(ev.places and places and ev.places.isdisjoint(inside) and places.isdisjoint(ev.within))
        figs = max((self.figures[f] for f in ev.figures), default=0) / max(1, n)
        return [conflict, shared, 1.0 if apart else 0.0, figs]
