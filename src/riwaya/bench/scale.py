"""``riwaya bench scale``: the per-article work on Dask against the local process pool, and ingest
into PostgreSQL against SQLite, in one run over the same ANT documents.

1. Ingest (``job.ingest_documents``: keep the inputs as read, then the furniture stage) into a
   SQLite file and into a scratch PostgreSQL database (made on the ``--pg`` server and dropped
   after; skipped, saying so, without a server).
2. The text layer and extraction (cleaning under the outlet snapshots, then ``Pipeline.default()``)
   over the SQLite store on the local pool of ``--workers`` processes, then again (``force``) on a
   LocalCluster of as many Dask workers, alternated ``--repeat`` times; the ratio is Dask's best
   throughput over the pool's best (the engine's overhead), also with the cluster's start counted.
   The analyses must be equal, article for article.
3. Where PostgreSQL is there: the same analysis on Dask, written into the PostgreSQL store.
"""
from __future__ import annotations

import json
import os
import tempfile
import time
import uuid
from itertools import islice

import click

from riwaya.bench.ingest import DEFAULT


def _timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def _scratch_db(server: str):
    """A fresh database on ``server`` and a function that drops it."""
    import psycopg

    admin = psycopg.connect(server, autocommit=True)
    name = f"riwaya_bench_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    info = psycopg.conninfo.conninfo_to_dict(server)
    host, port, user = info.get("host", ""), info.get("port", ""), info.get("user", "")
    url = f"postgresql://{user + '@' if user else ''}/{name}?" + "&".join(
        f"{k}={v}" for k, v in (("host", host), ("port", port)) if v)

    def drop() -> None:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
    return url, drop


def _digest(store) -> str:
    import hashlib

    from riwaya.store.codec import article_to_json

    h = hashlib.sha256()
    for a in store.articles():
        h.update(json.dumps(article_to_json(a, with_layers=True), sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()


def _corpus_stages(lite, pg, n: int) -> dict:
    """A single-writer corpus stage over every article, on each store: canonical entities over the
    places layer (the stage's own layer, NER entities, is not in the default pipeline)."""
    from riwaya.extract.entity_stage import EntityStage
    from riwaya.run.corpus import run_stage

    out = {}
    for name, st in (("sqlite", lite), ("postgres", pg)):
        if st is None:
            continue
        _, t = _timed(lambda: run_stage(st, EntityStage(layer="places")))
        out[f"entities_{name}_s"] = round(t, 2)
        out[f"entities_{name}_ms_per_article"] = round(1000 * t / n, 3)
    return out


def measure(archive: str, limit: int | None, workers: int, pg: str | None, repeat: int = 2) -> dict:
    from riwaya.ingest import read
    from riwaya.job import analyse, ingest_documents
    from riwaya.pipeline import Pipeline
    from riwaya.run.executor import DaskExecutor, ProcessExecutor
    from riwaya.store import SqliteStore, open_store

    docs = [d for d in islice(read([archive]), limit) if not isinstance(d, Exception)]
    res: dict = {"archive": archive, "documents": len(docs), "workers": workers,
                 "pipeline": Pipeline.default().signature}
    with tempfile.TemporaryDirectory() as tmp:
        lite = SqliteStore(os.path.join(tmp, "bench.db"))
        _, t = _timed(lambda: ingest_documents(lite, iter(docs)))
        n = lite.count()
        res["articles"] = n
        res["ingest"] = {"sqlite_s": round(t, 2), "sqlite_ms_per_article": round(1000 * t / n, 3)}
        drop = None
        if pg:
            url, drop = _scratch_db(pg)
            store = open_store(url)
            _, t = _timed(lambda: ingest_documents(store, iter(docs)))
            assert store.count() == n
            res["ingest"].update(postgres_s=round(t, 2), postgres_ms_per_article=round(1000 * t / n, 3),
                                 postgres_over_sqlite=round(t / res["ingest"]["sqlite_s"], 2))
        else:
            res["ingest"]["postgres"] = "skipped: no --pg server (or RIWAYA_TEST_PG)"
        try:
            want, ana, t_local, t_dask = None, None, [], []
            with DaskExecutor(workers) as ex:
                t = time.perf_counter()
                ex.client  # noqa: B018 - start the LocalCluster (timed on its own)
                t_start = time.perf_counter() - t
                same = True
                for _ in range(repeat):  # alternated, best of each: the machine is shared
                    ana, dt = _timed(lambda: analyse(lite, executor=ProcessExecutor(workers), force=True))
                    t_local.append(dt)
                    want = want or _digest(lite)
                    ana_d, dt = _timed(lambda: analyse(lite, executor=ex, force=True))
                    t_dask.append(dt)
                    same = same and _digest(lite) == want and ana_d.errors == ana.errors
                lo, da = min(t_local), min(t_dask)
                text = {"repeat": repeat, "local_pool_s": [round(x, 2) for x in t_local],
                        "dask_s": [round(x, 2) for x in t_dask], "dask_start_s": round(t_start, 2),
                        "local_ms_per_article": round(1000 * lo / n, 3), "dask_ms_per_article": round(1000 * da / n, 3),
                        "dask_throughput_vs_local": round(lo / da, 3),
                        "dask_throughput_vs_local_with_start": round(lo / (da + t_start), 3),
                        "failed": len(ana.errors), "same_output": same}
                if pg:
                    _, t_pg = _timed(lambda: analyse(store, executor=ex))
                    text["dask_into_postgres_s"] = round(t_pg, 2)
                    text["dask_into_postgres_ms_per_article"] = round(1000 * t_pg / n, 3)
                    text["postgres_same_output"] = _digest(store) == want
            res["text_layer"] = text
            res["corpus_stages"] = _corpus_stages(lite, store if pg else None, n)
        finally:
            lite.close()
            if pg:
                store.close()
                drop()
    return res


@click.command(name="scale")
@click.argument("archive", required=False, default=DEFAULT, type=click.Path(exists=True))
@click.option("--limit", default=0, help="Use only the first N documents (0: all).")
@click.option("--workers", default=2, show_default=True, help="Processes of the pool, and Dask workers.")
@click.option("--pg", default=lambda: os.environ.get("RIWAYA_TEST_PG"), show_default="RIWAYA_TEST_PG",
              help="A PostgreSQL server URL on which a scratch database is made (and dropped).")
@click.option("--repeat", default=2, show_default=True, type=click.IntRange(min=1),
              help="Alternated runs of each executor; the best of each is compared.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(archive: str, limit: int, workers: int, pg: str | None, repeat: int, as_json: bool) -> None:
    """The text layer and extraction on a Dask LocalCluster against the local process pool, and
    ingest into PostgreSQL against SQLite, over ARCHIVE (default: all of ANT), in one run."""
    res = measure(archive, limit or None, workers, pg, repeat)
    if as_json:
        click.echo(json.dumps(res, indent=1))
        return
    i, t = res["ingest"], res["text_layer"]
    click.echo(f"{res['articles']} articles of {res['documents']} documents, {workers} workers")
    click.echo(f"  ingest: SQLite {i['sqlite_s']} s ({i['sqlite_ms_per_article']} ms/article); " + (
        f"PostgreSQL {i['postgres_s']} s ({i['postgres_ms_per_article']} ms/article, "
        f"{i['postgres_over_sqlite']}x SQLite)" if "postgres_s" in i else i["postgres"]))
    click.echo(f"  text layer + extraction, {repeat} alternated runs: local pool {t['local_pool_s']} s, Dask "
               f"{t['dask_s']} s -> Dask at {t['dask_throughput_vs_local']}x the pool's throughput, best against "
               f"best (target >= 0.9); {t['dask_throughput_vs_local_with_start']}x counting the cluster's start "
               f"({t['dask_start_s']} s); same output: {t['same_output']}")
    c = res["corpus_stages"]
    click.echo("  entities corpus stage (places layer, one writer): " + ", ".join(
        f"{k.split('_')[1]} {c[k]} ms/article" for k in c if k.endswith("ms_per_article")))
    if "dask_into_postgres_s" in t:
        click.echo(f"  Dask into PostgreSQL: {t['dask_into_postgres_s']} s ({t['dask_into_postgres_ms_per_article']}"
                   f" ms/article); same output: {t['postgres_same_output']}")
