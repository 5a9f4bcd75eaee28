"""The jobs the CLI and the Python API run: ingest, analyse, cluster, write.

Ingest commits in batches, so an interrupted ingest keeps every batch already committed and a
re-run completes it (ids are content hashes; a source already recorded is skipped).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from riwaya.ingest import Limits, read as read_inputs
from riwaya.errors import InputError
from riwaya.model import Article
from riwaya.pipeline import Pipeline
from riwaya.report.files import write_articles, write_stories
from riwaya.report.pages import write_reports
from riwaya.story.events import singleton_events
from riwaya.store.base import Store
from riwaya.text.clean import clean

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


def ingest_paths(store: Store, paths: Iterable[str], limits: Limits | None = None,
                 fields: dict | None = None, on_error: Callable[[InputError], None] | None = None,
                 progress: Callable[[int], None] | None = None, batch: int = BATCH) -> IngestReport:
    rep = IngestReport()
    pending: list[Article] = []

    def flush() -> None:
        res = store.add(pending)
        rep.new += len(res.new)
        rep.merged += res.merged
        rep.seen += res.seen
        pending.clear()

    for item in read_inputs(paths, limits, fields):
        if isinstance(item, InputError):
            rep.errors.append(item)
            if on_error:
                on_error(item)
            continue
        rep.documents += 1
        pending.append(clean(item))
        if progress:
            progress(1)
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    return rep


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
            store.update_many(todo)
            todo.clear()
    if todo:
        store.update_many(todo)
    store.set_meta("pipeline", sig)
    store.set_meta("analysed", json.dumps(sorted(done)))
    return n


def cluster(store: Store) -> None:
    articles = list(store.articles())
    store.save_events(singleton_events(articles))


def write_outputs(store: Store, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    articles = list(store.articles())
    stories = store.stories()
    write_articles(out / "articles.jsonl", articles)
    write_stories(out / "stories.json", stories)
    write_reports(out, stories, {a.id: a for a in articles})
    return {"articles": len(articles), "stories": len(stories), "events": sum(len(s.events) for s in stories)}
