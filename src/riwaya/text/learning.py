"""The ``furniture`` corpus stage: outlet furniture learned from what was read, and the frozen
snapshots of it that cleaning reads.

After each ingest the stage observes the first input of every new article (its outlet and raw
lines) and keeps each touched outlet's counts as model state (one row an outlet, written once a
run, not once a batch). Cleaning never reads those moving counts: it reads a *snapshot*, a frozen,
versioned copy of one outlet's model, like shipped data. An outlet's snapshot is taken anew when
the outlet has grown to ``GROWTH`` times the articles its snapshot saw (and at its first
articles); every article of that outlet is then cleaned again from what was read, by ``analyse``,
because the snapshot's version is part of the signature its analysis was derived under. Growth
by a factor keeps the total re-cleaning within a constant multiple of the corpus. ``riwaya outlets
furniture --snapshot`` takes fresh snapshots of every outlet at once.
"""
from __future__ import annotations

import json

from riwaya.store.base import Pending
from riwaya.text.corpus import OutletFurniture

COUNTS = "furniture.counts"
SNAPSHOT = "furniture.snapshot"
GROWTH = 2.0
CHUNK = 1000


class FurnitureStage:
    name = "furniture"
    version = "1"
    analysed_only = False

    def run(self, store, new: list[Pending], fresh: bool) -> dict:
        model = OutletFurniture()
        outlets = {p.outlet for p in new if p.outlet}
        if not fresh:
            for name, (_, data) in store.states(COUNTS).items():
                if name in outlets:
                    model.load_outlet(name, data)
        with_outlet = [p for p in new if p.outlet]
        for k in range(0, len(with_outlet), CHUNK):
            part = with_outlet[k:k + CHUNK]
            docs = store.documents([p.id for p in part])
            for p in part:
                if docs.get(p.id):
                    model.observe(p.outlet, docs[p.id][0].body.split("\n"))
        for name in outlets & set(model.outlets):
            store.put_state(COUNTS, name, 1, model.outlet_to_json(name))
        return {"new": len(new), "outlets": len(outlets),
                "snapshots": take_snapshots(store, model, outlets)}


def take_snapshots(store, model: OutletFurniture, outlets: set[str], force: bool = False) -> int:
    """Snapshot each of ``outlets`` whose model has grown enough since its snapshot (or all, with
    ``force``); returns how many were taken."""
    taken = 0
    for name in sorted(outlets & set(model.outlets)):
        have = store.get_state(SNAPSHOT, name)
        seen = json.loads(have[1])["articles"] if have else 0
        if force or have is None or model.outlets[name].articles >= GROWTH * seen:
            store.put_state(SNAPSHOT, name, (have[0] if have else 0) + 1, model.snapshot(name))
            taken += 1
    return taken


def snapshot_all(store) -> int:
    """A fresh snapshot of every outlet's learned model."""
    model = OutletFurniture()
    for name, (_, data) in store.states(COUNTS).items():
        model.load_outlet(name, data)
    with store.transaction():
        return take_snapshots(store, model, set(model.outlets), force=True)


def snapshots(store) -> tuple[dict[str, int], str]:
    """Each outlet's snapshot version, and every snapshot as one JSON value (for the workers)."""
    rows = store.states(SNAPSHOT)
    versions = {name: v for name, (v, _) in rows.items()}
    blob = json.dumps({name: d for name, (_, d) in rows.items()}, ensure_ascii=False)
    return versions, blob


def model_from_snapshots(blob: str) -> OutletFurniture:
    m = OutletFurniture()
    for name, data in json.loads(blob).items():
        m.load_outlet(name, data)
    return m


def learned(store) -> OutletFurniture:
    """The learner's current counts (what ``riwaya outlets furniture`` lists)."""
    m = OutletFurniture()
    for name, (_, data) in store.states(COUNTS).items():
        m.load_outlet(name, data)
    return m
