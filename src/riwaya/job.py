"""The one orchestrator: the jobs the CLI, the Python API, the benchmarks (and the server to come)
all call. ``run`` is the main job: ingest, analyse, cluster, write.

- ``ingest_paths`` keeps every input as read (raw body and metadata), keyed by where it came from,
  under the id of what was read (``ids.document_id``), in committed batches; then the ``furniture``
  corpus stage learns from the new inputs. An interrupted ingest keeps every committed batch and a
  re-run completes it (a source already recorded is skipped before anything else is done).
- ``analyse`` derives each article from its first input (``run.analysis``), on an ``Executor``.
- ``cluster`` embeds the articles (a per-article stage with a cache) and runs the story engine, a
  corpus stage that commits in one transaction.
- ``write_outputs`` writes what a reader sees, choosing each article's publication date from its
  own analysis and the story engine's layer (``reader_view``).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from riwaya.errors import EmptyInput, InputError, MalformedInput
from riwaya.ids import document_id
from riwaya.ingest import Limits
from riwaya.ingest import read as read_inputs
from riwaya.model import Article, Document
from riwaya.pipeline import Pipeline
from riwaya.report.files import write_articles, write_stories
from riwaya.report.pages import write_reports
from riwaya.run.analysis import AnalyseReport
from riwaya.run.analysis import analyse as _analyse
from riwaya.run.corpus import run_stage
from riwaya.run.executor import Executor
from riwaya.store.base import Store, source_key
from riwaya.text.learning import FurnitureStage

BATCH = 1000


@dataclass
class IngestReport:
    documents: int = 0
    new: int = 0
    merged: int = 0
    seen: int = 0
    errors: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # inputs kept with a caveat (decoded line by line, ...)

    def to_json(self) -> dict:
        return {"documents": self.documents, "new": self.new, "merged": self.merged, "seen": self.seen,
                "failed": len(self.errors), "errors": [e.line() for e in self.errors],
                "warnings": list(self.warnings)}


def _refused(doc: Document) -> InputError | None:
    """Why this document cannot become an article, if it cannot: the text layer chokes on it, or
    its text is all page furniture by language alone (an ANT item may be a title alone, by the
    corpus's design)."""
    from riwaya.text.clean import clean

    try:
        a = clean(doc)
    except Exception as err:  # noqa: BLE001 - one document the text layer chokes on fails alone
        return MalformedInput(doc.source.path, f"could not be cleaned ({type(err).__name__}: {err})",
                              doc.source.member)
    if not a.text.strip() and doc.body.strip() and doc.format != "ant":
        return EmptyInput(doc.source.path, f"all text was page furniture ({len(a.removed)} lines removed)",
                          doc.source.member)
    return None


def ingest_paths(store: Store, paths: Iterable[str], limits: Limits | None = None,
                 fields: dict | None = None, on_error: Callable[[InputError], None] | None = None,
                 progress: Callable[[int], None] | None = None, batch: int = BATCH,
                 on_warning: Callable[[str], None] | None = None) -> IngestReport:
    return ingest_documents(store, read_inputs(paths, limits, fields), on_error, progress, batch, on_warning)


def ingest_documents(store: Store, items: Iterable[Document | InputError],
                     on_error: Callable[[InputError], None] | None = None,
                     progress: Callable[[int], None] | None = None, batch: int = BATCH,
                     on_warning: Callable[[str], None] | None = None) -> IngestReport:
    """Keep documents as read (``riwaya.ingest.read`` yields them with the inputs' errors)."""
    from riwaya.escape import visible

    rep = IngestReport()
    pending: list[Document] = []

    def flush() -> None:
        known = store.recorded([d.source for d in pending])
        keep = []
        for doc in pending:
            if source_key(doc.source) in known:
                rep.seen += 1
                continue
            err = _refused(doc)
            if err is not None:
                rep.documents -= 1  # counted as read; it fails instead
                fail(err)
                continue
            keep.append((document_id(doc), doc))
        res = store.add_documents(keep)
        rep.new += len(res.new)
        rep.merged += res.merged
        rep.seen += res.seen
        pending.clear()

    def fail(err: InputError) -> None:
        rep.errors.append(err)
        if on_error:
            on_error(err)

    for item in items:
        if isinstance(item, InputError):
            fail(item)
            continue
        rep.documents += 1
        for w in item.extra.get("warnings", ()):
            where = item.source.path + (f"!{item.source.member}" if item.source.member else "")
            line = f"{visible(where)}: {visible(w)}"
            rep.warnings.append(line)
            if on_warning:
                on_warning(line)
        pending.append(item)
        if progress:
            progress(1)
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    learn(store)
    return rep


def learn(store: Store) -> dict:
    """The corpus-learned models that cleaning reads: outlet furniture and its snapshots."""
    return run_stage(store, FurnitureStage())


def analyse(store: Store, pipeline: Pipeline | None = None, force: bool = False,
            progress: Callable[[int], None] | None = None, executor: Executor | None = None) -> AnalyseReport:
    """Derive every article whose stored analysis is not today's, from what was read."""
    return _analyse(store, pipeline, executor, force, progress)


def mention_layer() -> str:
    """The per-article mentions canonical entities link: the named entities when the NER stage is in
    the default pipeline, with the gazetteer's places it did not tag; else the places alone."""
    return "entities+places" if any("entities" in st.assigns for st in Pipeline.default().stages) else "places"


def cluster(store: Store, embedder=None) -> dict:
    """The corpus stages over the analysed articles that are new to them: events and storylines (the
    story engine), canonical entities, and each touched story's sourced account."""
    rep = events(store, embedder)
    from riwaya.account.stage import AccountStage
    from riwaya.extract.entity_stage import EntityStage

    rep["entities"] = run_stage(store, EntityStage(layer=mention_layer()))
    rep["accounts"] = run_stage(store, AccountStage())
    return rep


def events(store: Store, embedder=None) -> dict:
    """Events and storylines for the articles in no event yet (the story engine, incremental)."""
    from riwaya.story.embed import E5Embedder, cached
    from riwaya.story.engine import StoryStage

    embedder = embedder if embedder is not None else E5Embedder()
    # the per-article embedding stage first, outside the engine's transaction (its cache commits as it goes)
    placed = {a for e in store.events() for a in e.articles}
    cached(store, embedder, list(store.articles([p.id for p in store.pending() if p.analysed and p.id not in placed])))
    return run_stage(store, StoryStage(embedder=embedder))


def reader_view(a: Article) -> Article:
    """The article as a reader sees it: its publication date from its own analysis, or from its
    event when the story engine found one its own text could not pin."""
    from riwaya.story.eventdates import published_from_layer

    pub = published_from_layer(a)
    return a.evolve(published=pub) if pub is not None else a


def write_outputs(store: Store, out: Path) -> dict:
    from riwaya.account.stage import accounts
    from riwaya.extract.entity_stage import entity_rows

    from riwaya.report.titles import with_reader_titles

    out.mkdir(parents=True, exist_ok=True)
    articles = [reader_view(a) for a in store.articles()]
    stories = with_reader_titles(store.stories(), {a.id: a for a in articles})
    accs = accounts(store)
    names = {r["id"]: r["name"] for r in entity_rows(store)}
    write_articles(out / "articles.jsonl", articles, entity_names=names, mention_layer=mention_layer())
    write_stories(out / "stories.json", stories, accs)
    write_reports(out, stories, {a.id: a for a in articles}, accs)
    return {"articles": len(articles), "stories": len(stories), "events": sum(len(s.events) for s in stories)}


@dataclass
class RunReport:
    ingest: IngestReport
    analysis: AnalyseReport
    outputs: dict

    @property
    def failed(self) -> int:
        return len(self.ingest.errors) + len(self.analysis.errors)


def run(store: Store, paths: Iterable[str], out: Path, limits: Limits | None = None, fields: dict | None = None,
        executor: Executor | None = None, embedder=None, on_error: Callable[[InputError], None] | None = None,
        progress: Callable[[str, int], None] | None = None,
        on_warning: Callable[[str], None] | None = None) -> RunReport:
    """The main job: ingest ``paths``, analyse, cluster, write the outputs to ``out``."""
    step = (lambda name: (lambda n: progress(name, n))) if progress else (lambda name: None)
    ing = ingest_paths(store, paths, limits, fields, on_error=on_error, progress=step("ingest"),
                       on_warning=on_warning)
    ana = analyse(store, executor=executor, progress=step("analyse"))
    cluster(store, embedder)
    return RunReport(ing, ana, write_outputs(store, out))
