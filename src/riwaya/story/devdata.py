"""Labelled story data: gold ``{docno, story}`` lines and the articles they name, read from inputs.

Articles come through the ordinary path (``riwaya.ingest.read`` + ``riwaya.text.clean.clean``); an
exact re-post under two DOCNOs is one article (its gold story is the same by the guidelines). The
fold of an article is the day its DOCNO ends with (``...-20180301`` -> ``20180301``), or the date of
its ``time`` field.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from riwaya.errors import EvalError
from riwaya.model import Article


@dataclass
class Labelled:
    articles: list[Article]  # the scored articles
    gold: dict[str, str]  # article id -> story (scored and training-only articles)
    fold: dict[str, str]  # article id -> day
    docnos: dict[str, str]  # docno -> article id (a re-post: two docnos, one article), scored only
    gold_docnos: dict[str, str]  # docno -> story, scored only
    extra: list[Article] = field(default_factory=list)  # labelled for training only, never scored

    def by_docno(self, pred: dict[str, str]) -> dict[str, str]:
        """Article-level predictions spread over every DOCNO (how the gold counts)."""
        return {d: pred.get(a, a) for d, a in self.docnos.items()}


def read_gold(path: str | Path) -> dict[str, dict]:
    rows = {}
    try:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                rows[d["docno"]] = d
    except (OSError, ValueError, KeyError) as err:
        raise EvalError(f"{path}: not a gold labels file ({err})") from err
    return rows


def load(gold_path: str | Path, inputs: list[str], extra: list[str | Path] = ()) -> Labelled:
    """The articles ``gold_path`` labels, read from ``inputs``; with ``extra``, the articles those
    label files name as well, for training only (their days must not be the scored days)."""
    from riwaya.ingest import read
    from riwaya.text.clean import clean

    rows = read_gold(gold_path)
    extra_rows: dict[str, dict] = {}
    for p in extra:
        extra_rows.update(read_gold(p))
    both = set(rows) & set(extra_rows)
    if both:
        raise EvalError(f"{len(both)} articles are both scored and training-only, e.g. {sorted(both)[:3]}")
    by_id: dict[str, Article] = {}
    gold, fold = {}, {}
    for doc in read(inputs):
        if isinstance(doc, Exception):
            continue
        row = rows.get(doc.source.external_id) or extra_rows.get(doc.source.external_id)
        if row is None:
            continue
        a = clean(doc)
        if a.id in by_id:
            by_id[a.id] = by_id[a.id].evolve(sources=by_id[a.id].sources + a.sources)
            continue
        by_id[a.id] = a
        gold[a.id] = row["story"]
        tail = row["docno"].rsplit("-", 1)[-1]
        fold[a.id] = tail if tail.isdigit() and len(tail) == 8 else str(row.get("time", ""))[:16]
    found = {s.external_id for a in by_id.values() for s in a.sources}
    missing = sorted((set(rows) | set(extra_rows)) - found)
    if missing:
        raise EvalError(f"{len(missing)} gold articles not found in the inputs, e.g. {missing[:3]}")
    scored = [a for a in by_id.values() if any(s.external_id in rows for s in a.sources)]
    train_only = [a for a in by_id.values() if not any(s.external_id in rows for s in a.sources)]
    if {fold[a.id] for a in scored} & {fold[a.id] for a in train_only}:
        raise EvalError("a training-only label file shares a day with the scored gold")
    docnos = {s.external_id: a.id for a in scored for s in a.sources if s.external_id in rows}
    return Labelled(scored, gold, fold, docnos, {d: rows[d]["story"] for d in docnos}, train_only)


def embed(lab: Labelled, embedder, cache: str | None = None) -> dict:
    """Embeddings of the labelled articles by id, kept in the store file ``cache`` when given."""
    from riwaya.store.memory import MemoryStore
    from riwaya.story.embed import cached

    if cache:
        from riwaya.store.sqlite import SqliteStore

        store = SqliteStore(cache)
    else:
        store = MemoryStore()
    try:
        return cached(store, embedder, lab.articles + lab.extra)
    finally:
        store.close()
