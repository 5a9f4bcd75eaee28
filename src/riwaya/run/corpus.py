"""The corpus-stage contract: the articles new since the stage's last run in, one transaction out.

A ``CorpusStage`` (outlet furniture, the story engine; later canonical entities and accounts)
reads the store and writes its own output: model state, corpus layers, events. ``run_stage``
hands it the articles that arrived since its mark and commits its writes and its new mark in one
transaction, so a failure leaves the store as it was and the next run starts from the same mark;
re-running with nothing new does nothing. A stage whose version changed is handed every article
(``fresh``), and rebuilds what it keeps. A stage that takes in analysed articles only (the story
engine) says so with ``analysed_only``: an article whose analysis is still to come is not new to it
yet, and its mark never passes such an article.
"""
from __future__ import annotations

from typing import Protocol

from riwaya.store.base import Pending


class CorpusStage(Protocol):
    name: str
    version: str
    analysed_only: bool

    def run(self, store, new: list[Pending], fresh: bool) -> dict:
        """Take in ``new`` (arrival order); ``fresh``: nothing earlier was taken in under this version."""


def run_stage(store, stage: CorpusStage) -> dict:
    # The mark is read inside the stage's transaction (the store's write lock): two processes that
    # run one stage at once take in each article once between them.
    with store.transaction():
        mark = store.stage_mark(stage.name)
        since = mark[1] if mark and mark[0] == stage.version else 0
        new = [p for p in store.pending() if p.seq > since]
        if stage.analysed_only:
            waiting = [p.seq for p in new if p.analysed is None]
            new = [p for p in new if p.analysed is not None and (not waiting or p.seq < min(waiting))]
        if not new:
            return {"new": 0}
        rep = stage.run(store, new, since == 0)
        store.set_stage_mark(stage.name, stage.version, max(p.seq for p in new))
    return rep
