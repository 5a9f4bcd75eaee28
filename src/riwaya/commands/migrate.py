"""``riwaya migrate``: copy a store to another backend (SQLite -> PostgreSQL, or back) through the
store protocols alone, and check the copy by counts and a content hash of each side.

What is copied: every input as read (articles with raw inputs) and every imported analysis; each
article's own analysis with the signature it was derived under (so nothing is derived again); the
corpus layers under their stage; events and their history; typed vectors; model state; each corpus
stage's mark, moved to the same article in the new store's arrival order. The history's times are
those of the copy. The hash covers what a store hands back through its protocols, arrival order
included, not the numbers a backend gives to rows.
"""
from __future__ import annotations

import hashlib
import json
import os

import click

from riwaya.store.base import Store, source_key
from riwaya.store.codec import article_to_json, document_to_json, event_to_json

CHUNK = 500


def _own(article, corpus: set[str]):
    """The article with its own (per-article) layers alone."""
    from types import MappingProxyType

    return article.evolve(layers=MappingProxyType({k: v for k, v in article.layers.items() if k not in corpus}))


def copy(src: Store, dst: Store, progress=None) -> None:
    """Copy everything ``src`` holds into the empty ``dst``, in one transaction of ``dst``."""
    from riwaya.store.codec import layer_from_json

    corpus: dict[str, dict[str, set[str]]] = {}  # article -> stage -> layer names
    layers: dict[str, dict[str, dict]] = {}  # stage -> article -> {name: items}
    for stage, aid, name, items in src.corpus_layers():
        corpus.setdefault(aid, {}).setdefault(stage, set()).add(name)
        layers.setdefault(stage, {}).setdefault(aid, {})[name] = layer_from_json(name, items)
    pending = src.pending()
    seq_map: list[tuple[int, int]] = []
    with dst.transaction():
        for k in range(0, len(pending), CHUNK):
            part = pending[k:k + CHUNK]
            docs = src.documents([p.id for p in part if p.raw])
            got = {a.id: a for a in src.articles([p.id for p in part if p.analysed is not None])}
            for p in part:
                a = got.get(p.id)
                if p.raw:
                    dst.add_documents([(p.id, d) for d in docs[p.id]])
                    if a is not None:
                        names = {n for ns in corpus.get(p.id, {}).values() for n in ns}
                        dst.put_analysed([(_own(a, names), p.analysed)])
                        read = {source_key(d.source) for d in docs[p.id]}
                        extra = [s for s in a.sources if source_key(s) not in read]
                        if extra:  # sources recorded without a raw input (an imported analysis's)
                            dst.add([a.evolve(sources=tuple(extra))])
                elif a is not None:
                    dst.add([_own(a, {n for ns in corpus.get(p.id, {}).values() for n in ns})])
            if progress:
                progress(len(part))
        new_seq = {p.id: p.seq for p in dst.pending()}
        seq_map = [(p.seq, new_seq[p.id]) for p in pending if p.id in new_seq]
        for stage, by in layers.items():
            dst.put_corpus_layers(stage, by)
        dst.save_events(src.events(), src.history())
        keys: dict[str, list[str]] = {}
        for kind, key in src.vector_keys():
            keys.setdefault(kind, []).append(key)
        for kind, ks in keys.items():
            for k in range(0, len(ks), CHUNK):
                dst.put_vectors(kind, src.vectors(kind, ks[k:k + CHUNK]))
        for name in src.state_names():
            for key, (version, data) in src.states(name).items():
                dst.put_state(name, key, version, data)
        for stage, (version, seq) in src.stage_marks().items():
            dst.set_stage_mark(stage, version, max((new for old, new in seq_map if old <= seq), default=0))


def digest(store: Store) -> tuple[dict, str]:
    """Counts of what ``store`` holds and a SHA-256 over all of it, read through the protocols."""
    h = hashlib.sha256()
    counts = dict.fromkeys(("articles", "inputs", "analysed", "corpus_layers", "events", "history", "vectors",
                            "states", "marks"), 0)

    def put(tag: str, value) -> None:
        h.update(tag.encode())
        h.update(json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode())
        counts[tag] += 1

    pending = store.pending()
    order = {}
    for k in range(0, len(pending), CHUNK):
        part = pending[k:k + CHUNK]
        docs = store.documents([p.id for p in part])
        got = {a.id: a for a in store.articles([p.id for p in part if p.analysed is not None])}
        for p in part:
            order[p.seq] = len(order)
            put("articles", [p.id, p.outlet, p.analysed, p.raw])
            for d in docs.get(p.id, []):
                put("inputs", document_to_json(d))
            if p.id in got:
                put("analysed", article_to_json(got[p.id], with_layers=True))
    for row in store.corpus_layers():
        put("corpus_layers", list(row))
    for e in store.events():
        put("events", event_to_json(e))
    for r in store.history():
        put("history", r)
    for kind, key in store.vector_keys():
        v = store.vectors(kind, [key])[key]
        put("vectors", [kind, key, v.dtype.str, hashlib.sha256(v.tobytes()).hexdigest()])
    for name in store.state_names():
        for key, (version, data) in sorted(store.states(name).items()):
            put("states", [name, key, version, data])
    seqs = sorted(order)
    for stage, (version, seq) in sorted(store.stage_marks().items()):
        # the mark as a place in arrival order (how many articles it has passed), not a row number
        put("marks", [stage, version, sum(1 for s in seqs if s <= seq)])
    return counts, h.hexdigest()


@click.command(name="migrate")
@click.option("--from", "src", default=lambda: os.environ.get("RIWAYA_DB", "riwaya.db"), show_default="riwaya.db",
              help="The store to copy: a SQLite file or a postgresql:// URL.")
@click.option("--to", "dst", required=True, help="The new store (empty): a postgresql:// URL or a SQLite file.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def command(src: str, dst: str, as_json: bool) -> None:
    """Copy a store to another backend through the store protocols, then check the copy: the counts
    and a content hash of both stores must be equal. Exits 1 if they are not."""
    from riwaya.errors import StoreError
    from riwaya.store import open_store
    from riwaya.store.postgres import _redact

    if os.path.abspath(src) == os.path.abspath(dst) or src == dst:
        raise click.UsageError("--from and --to are the same store")
    if not (src.startswith("postgres") or os.path.exists(src)):
        raise StoreError(f"{src}: no such store")
    a, b = open_store(src), open_store(dst)
    try:
        if b.pending() or b.events() or b.stage_marks():
            raise StoreError(f"{_redact(dst)}: not empty; migrate copies into a new store")
        copy(a, b)
        (ca, ha), (cb, hb) = digest(a), digest(b)
    finally:
        a.close()
        b.close()
    same = ca == cb and ha == hb
    res = {"from": _redact(src), "to": _redact(dst), "counts": ca, "copied": cb, "sha256_from": ha, "sha256_to": hb,
           "equal": same}
    if as_json:
        click.echo(json.dumps(res, indent=1))
    else:
        click.echo(", ".join(f"{k} {v}" for k, v in cb.items()))
        click.echo(f"sha256 {_redact(src)}: {ha}\nsha256 {_redact(dst)}: {hb}\n"
                   + ("equal: the copy holds what the store held" if same else "DIFFERENT: the copy is not whole"))
    raise SystemExit(0 if same else 1)
