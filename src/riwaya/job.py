"""The jobs the CLI and the Python API run: ingest, analyse, cluster, write.

Ingest commits in batches, so an interrupted ingest keeps every batch already committed and a
re-run completes it (ids are content hashes; a source already recorded is skipped).
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from riwaya.errors import EmptyInput, InputError, MalformedInput
from riwaya.ingest import Limits
from riwaya.ingest import read as read_inputs
from riwaya.pipeline import Pipeline
from riwaya.report.files import write_articles, write_stories
from riwaya.report.pages import write_reports
from riwaya.store.base import Store
from riwaya.text.clean import clean
from riwaya.text.corpus import OutletFurniture

BATCH = 1000


@dataclass
class IngestReport:
    documents: int = 0
    new: int = 0
    merged: int = 0
    seen: int = 0
    errors: list[InputError] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"documents": self.documents, "new": self.new, "merged": self.merged, "seen": self.seen,
                "failed": len(self.errors), "errors": [e.line() for e in self.errors]}


def _cleaned(doc, furniture: OutletFurniture):
    """``clean(doc)``, or the error that makes this one document fail alone: the text layer choked
    on it, or its text was all page furniture (an ANT item may be a title alone, by the corpus's design)."""
    try:
        a = clean(doc, furniture)
    except Exception as err:  # noqa: BLE001 - one document the text layer chokes on fails alone
        return MalformedInput(doc.source.path, f"could not be cleaned ({type(err).__name__}: {err})",
                              doc.source.member)
    if not a.text.strip() and doc.body.strip() and doc.format != "ant":
        return EmptyInput(doc.source.path, f"all text was page furniture ({len(a.removed)} lines removed)",
                          doc.source.member)
    return a


def ingest_paths(store: Store, paths: Iterable[str], limits: Limits | None = None,
                 fields: dict | None = None, on_error: Callable[[InputError], None] | None = None,
                 progress: Callable[[int], None] | None = None, batch: int = BATCH) -> IngestReport:
    rep = IngestReport()
    pending: list = []  # Documents of the batch: the outlet furniture model learns from them first
    furniture = OutletFurniture.from_store(store)

    def flush() -> None:
        # A source already recorded (a re-run, or an interrupted ingest resumed) is not cleaned again.
        known = store.recorded([d.source for d in pending])
        rep.seen += sum(1 for d in pending if _key(d.source) in known)
        pending[:] = [d for d in pending if _key(d.source) not in known]
        for doc in pending:
            furniture.observe(doc.outlet, doc.body.split("\n"))
        cleaned = [_cleaned(doc, furniture) for doc in pending]
        for err in cleaned:
            if isinstance(err, InputError):
                rep.documents -= 1  # counted as read; it fails instead
                fail(err)
        res = store.add([a for a in cleaned if not isinstance(a, InputError)])
        furniture.save(store)
        rep.new += len(res.new)
        rep.merged += res.merged
        rep.seen += res.seen
        pending.clear()

    def fail(err: InputError) -> None:
        rep.errors.append(err)
        if on_error:
            on_error(err)

    for item in read_inputs(paths, limits, fields):
        if isinstance(item, InputError):
            fail(item)
            continue
        rep.documents += 1
        pending.append(item)
        if progress:
            progress(1)
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    return rep


def _key(source) -> tuple[str, str, str]:
    return (source.path, source.member or "", source.external_id or "")


def analyse(store: Store, pipeline: Pipeline | None = None, force: bool = False,
            progress: Callable[[int], None] | None = None) -> int:
    """Run the per-article stages over stored articles whose layers are older than the pipeline."""
    pipeline = pipeline or Pipeline.default()
    sig = pipeline.signature
    done = set(json.loads(store.get_meta("analysed", "[]") or "[]")) if not force else set()
    if store.get_meta("pipeline") != sig:
        done = set()
    todo, n = [], 0
    for a in store.articles():
        if a.id in done:
            continue
        todo.append(pipeline(a))
        done.add(a.id)
        n += 1
        if progress:
            progress(1)
        if len(todo) >= BATCH:
            _save_analysed(store, todo, sig, done)
    _save_analysed(store, todo, sig, done)
    return n


def _save_analysed(store: Store, todo: list, sig: str, done: set) -> None:
    """Write a batch of analysed articles and remember them, so an interrupted run resumes."""
    if todo:
        store.update_many(todo)
        todo.clear()
    store.set_meta("pipeline", sig)
    store.set_meta("analysed", json.dumps(sorted(done)))


def cluster(store: Store, embedder=None) -> dict:
    """Events and storylines for the articles in no event yet (the story engine, incremental)."""
    from riwaya.story import engine
    from riwaya.story.embed import E5Embedder

    return engine.run(store, embedder=embedder if embedder is not None else E5Embedder()).to_json()


def write_outputs(store: Store, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    articles = list(store.articles())
    stories = store.stories()
    write_articles(out / "articles.jsonl", articles)
    write_stories(out / "stories.json", stories)
    write_reports(out, stories, {a.id: a for a in articles})
    return {"articles": len(articles), "stories": len(stories), "events": sum(len(s.events) for s in stories)}
