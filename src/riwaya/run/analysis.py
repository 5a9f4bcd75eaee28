"""Deriving an article from what was read: cleaning under its outlet's furniture snapshot, then
the per-article stages, always from the base record and never from an earlier analysis.

An article's analysis is stored with the *signature* it was derived under: the cleaning version,
the version of its outlet's furniture snapshot, and every stage's name and version. ``analyse``
derives again exactly the articles whose stored signature differs from today's, so a stage's
version bump, a new furniture snapshot or an article never analysed is picked up, and running it
twice does nothing the second time. The work is mapped over batches by an ``Executor``; each
batch is committed as it comes back, so an interrupted analyse resumes where it stopped.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from riwaya.errors import MalformedInput
from riwaya.model import Document
from riwaya.pipeline import Pipeline
from riwaya.run.executor import Executor, SerialExecutor
from riwaya.store import codec
from riwaya.text.learning import model_from_snapshots, snapshots

#: Bump when cleaning (``text/clean.py``, ``text/furniture.py``, their data) changes its output.
CLEAN_VERSION = "1"
BATCH = 200  # articles a task
COMMIT = 1000  # articles a transaction


def signature(pipeline: Pipeline, snapshot_version: int) -> str:
    return f"clean@{CLEAN_VERSION}+furniture@{snapshot_version}|{pipeline.signature}"


@dataclass
class AnalyseReport:
    analysed: int = 0
    errors: list[str] = field(default_factory=list)  # one line an article that failed (it stays as it was)

    def to_json(self) -> dict:
        return {"analysed": self.analysed, "failed": len(self.errors), "errors": list(self.errors)}


# -- the per-article work (module level, so a process pool can run it) ------------------------------
_WORKER: dict = {}


def init_worker(snapshot_blob: str, stages: Pipeline | tuple[str, ...]) -> None:
    """Per-process state: the furniture snapshots and the pipeline (loaded once a worker; a pool's
    workers get the registered stages' names, this process may get the pipeline itself)."""
    from riwaya.pipeline import registered

    _WORKER["furniture"] = model_from_snapshots(snapshot_blob)
    if not isinstance(stages, Pipeline):
        reg = registered()
        stages = Pipeline([reg[n] for n in stages])
    _WORKER["pipeline"] = stages


def derive(doc: Document, article_id: str):
    """One article from its first input: cleaning, then every stage of the worker's pipeline."""
    from riwaya.text.clean import clean

    article = clean(doc, _WORKER["furniture"]).evolve(id=article_id)
    return _WORKER["pipeline"](article)


def derive_batch(task: list[tuple[str, str, dict]]) -> list[tuple[str, codec.AnalysisRow | None, str | None]]:
    """``[(id, signature, document JSON)]`` -> ``[(id, the analysis ready to store or None, error or None)]``."""
    out = []
    for aid, sig, doc_json in task:
        doc = codec.document_from_json(doc_json)
        try:
            row = codec.analysis_row(derive(doc, aid), sig)
        except Exception as err:  # noqa: BLE001 - one article the text layer chokes on fails alone
            out.append((aid, None, MalformedInput(doc.source.path, f"could not be analysed "
                                                  f"({type(err).__name__}: {err})", doc.source.member).line()))
            continue
        out.append((aid, row, None))
    return out


# -- the job -------------------------------------------------------------------------------------
def analyse(store, pipeline: Pipeline | None = None, executor: Executor | None = None, force: bool = False,
            progress: Callable[[int], None] | None = None) -> AnalyseReport:
    """Derive every article whose stored analysis is not today's (all of them with ``force``)."""
    pipeline = pipeline or Pipeline.default()
    executor = executor or SerialExecutor()
    versions, blob = snapshots(store)
    want = {}
    todo = []
    for p in store.pending():
        if not p.raw:
            continue  # imported analyses have nothing to be derived from
        sig = want.setdefault(p.outlet, signature(pipeline, versions.get(p.outlet or "", 0)))
        if force or p.analysed != sig:
            todo.append((p.id, sig))
    rep = AnalyseReport()

    def tasks():
        for k in range(0, len(todo), BATCH):
            part = todo[k:k + BATCH]
            docs = store.documents([aid for aid, _ in part])
            yield [(aid, sig, codec.document_to_json(docs[aid][0])) for aid, sig in part if docs.get(aid)]

    done: list = []
    stages = pipeline if executor.workers == 1 else tuple(s.name for s in pipeline.stages)
    for results in executor.map(derive_batch, tasks(), init_worker, (blob, stages)):
        for aid, row, err in results:
            if err is not None:
                rep.errors.append(err)
                continue
            done.append(row)
        if progress:
            progress(len(results))
        if len(done) >= COMMIT:
            store.put_analysed(done)
            rep.analysed += len(done)
            done = []
    if done:
        store.put_analysed(done)
        rep.analysed += len(done)
    return rep
