"""``riwaya bench ingest``: parse + keep a whole archive as read (the product's ``job.ingest_paths``,
the furniture corpus stage included), against a naive baseline in the same run.

The baseline does what a first script would: the same parsed documents, one INSERT and one COMMIT
per document in a default-configured SQLite file. Both rates are printed with their ratio, so the
figure means something on a noisy machine.
"""
from __future__ import annotations

import json
import os
import resource
import sqlite3
import tempfile
import time

import click

from riwaya.eval import ANT_ARCHIVE as DEFAULT  # noqa: E402


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _naive(docs, path: str) -> float:
    from riwaya.ids import document_id
    from riwaya.store.codec import document_to_json

    db = sqlite3.connect(path)
    db.execute("CREATE TABLE inputs(id TEXT, data TEXT)")
    db.commit()
    t = time.perf_counter()
    for d in docs:
        db.execute("INSERT INTO inputs VALUES (?, ?)", (document_id(d), json.dumps(document_to_json(d), ensure_ascii=False)))
        db.commit()
    dt = time.perf_counter() - t
    db.close()
    return dt


@click.command(name="ingest")
@click.argument("archive", required=False, default=DEFAULT, type=click.Path(exists=True))
@click.option("--baseline-n", default=2000, show_default=True,
              help="Articles the naive baseline inserts (its rate is per article).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(archive: str, baseline_n: int, as_json: bool) -> None:
    """Parse + store ARCHIVE (default: the ANT corpus) into a fresh SQLite store; ingest it again."""
    from itertools import islice

    from riwaya.ids import document_id
    from riwaya.ingest import read
    from riwaya.job import ingest_paths
    from riwaya.store import SqliteStore
    from riwaya.text.clean import clean

    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore(os.path.join(tmp, "bench.db"))
        t = time.perf_counter()
        first = ingest_paths(store, [archive])
        t_first = time.perf_counter() - t
        peak = _peak_mb()
        t = time.perf_counter()
        second = ingest_paths(store, [archive])
        t_second = time.perf_counter() - t
        stored = store.count()
        store.close()
        sample = [d for d in islice(read([archive]), baseline_n) if not isinstance(d, Exception)]
        # the same per-document work the real path does before storing (read + the cleaning check),
        # then naive storing
        t = time.perf_counter()
        _ = [clean(d) for d in islice((d for d in read([archive]) if not isinstance(d, Exception)), baseline_n)]
        t_parse = time.perf_counter() - t
        t_store = _naive(sample, os.path.join(tmp, "naive.db"))
        ours_store = SqliteStore(os.path.join(tmp, "ours.db"))
        t = time.perf_counter()
        for i in range(0, len(sample), 1000):
            ours_store.add_documents([(document_id(d), d) for d in sample[i:i + 1000]])
        t_store_ours = time.perf_counter() - t
        ours_store.close()
    ours = first.documents / t_first
    naive = len(sample) / (t_parse + t_store)
    res = {
        "archive": archive, "documents": first.documents, "failed": len(first.errors), "stored": stored,
        "seconds": round(t_first, 1), "articles_per_s": round(ours), "peak_rss_mb": round(peak),
        "second_ingest_new": second.new,
        "second_ingest_seconds": round(t_second, 1),
        "naive_articles_per_s": round(naive), "speedup_vs_naive": round(ours / naive, 2),
        "store_only_ours_per_s": round(len(sample) / t_store_ours),
        "store_only_naive_per_s": round(len(sample) / t_store),
        "store_only_speedup": round(t_store / t_store_ours, 2),
    }
    if as_json:
        click.echo(json.dumps(res, indent=1))
        return
    click.echo(f"ingest {archive}\n"
               f"  {res['documents']} documents, {res['failed']} failed, {stored} articles stored\n"
               f"  {res['seconds']} s, {res['articles_per_s']} articles/s, peak RSS {res['peak_rss_mb']} MB\n"
               f"  second ingest: {res['second_ingest_new']} new articles in {res['second_ingest_seconds']} s\n"
               f"  naive baseline (one INSERT + COMMIT per article, {len(sample)} articles): "
               f"{res['naive_articles_per_s']} articles/s\n"
               f"  ratio: {res['speedup_vs_naive']}x the naive rate\n"
               f"  storing alone, same {len(sample)} articles: ours (inputs as read, batched transactions) "
               f"{res['store_only_ours_per_s']}/s vs naive {res['store_only_naive_per_s']}/s: "
               f"{res['store_only_speedup']}x")
