"""``riwaya bench account``: the sourced account of every story of ANT 1-14 March 2018 (2,045 articles).

The store is built with the main job's steps (ingest of the slice, analyse, cluster with the
lexical ``NullEmbedder``), or reused with ``--db``; then the ``account`` corpus stage is timed cold
(every story), and again after one held-back article arrives (only its story is re-done). Prints
wall seconds and CPU seconds of the stage alone, stories, facts by status, conflicts.
"""
from __future__ import annotations

import json
import tempfile
import time
from collections import Counter
from pathlib import Path

import click

from riwaya.eval import ANT_ARCHIVE as DEFAULT
from riwaya.eval.cleaning import SLICE, in_slice


@click.command(name="account")
@click.argument("archive", required=False, default=DEFAULT, type=click.Path(exists=True))
@click.option("--slice", "pattern", default=SLICE, show_default=True, help="Regular expression on member names.")
@click.option("--db", "db", type=click.Path(dir_okay=False), help="Store to build or reuse (default: temporary).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(archive: str, pattern: str, db: str | None, as_json: bool) -> None:
    """Time the account stage over the stories of ARCHIVE's slice (default: ANT 1-14 March 2018)."""
    from riwaya import job
    from riwaya.account.stage import NAME, AccountStage
    from riwaya.ingest import read
    from riwaya.run.corpus import run_stage
    from riwaya.store.sqlite import SqliteStore
    from riwaya.story.embed import NullEmbedder

    path = db or str(Path(tempfile.mkdtemp(prefix="riwaya-bench-")) / "account.db")
    store = SqliteStore(path)
    docs = [d for d in read([archive]) if not isinstance(d, Exception) and in_slice(d, pattern)]
    held = docs[-1:]
    t = time.perf_counter()
    if store.count() == 0:
        job.ingest_documents(store, docs[:-1])
        job.analyse(store)
        job.cluster(store, NullEmbedder())
    build_s = time.perf_counter() - t
    # job.cluster runs the account stage itself: time a from-scratch run of it over every story
    w, c = time.perf_counter(), time.process_time()
    with store.transaction():
        rep = AccountStage().run(store, [], True)
    cold = (time.perf_counter() - w, time.process_time() - c)
    job.ingest_documents(store, held)
    job.analyse(store)
    job.events(store, NullEmbedder())  # the story engine alone, so the account stage below is timed apart
    w, c = time.perf_counter(), time.process_time()
    rep1 = run_stage(store, AccountStage())
    one = (time.perf_counter() - w, time.process_time() - c)
    accs = [json.loads(d) for _, d in store.states(NAME).values()]
    status = Counter(f["status"] for a in accs for f in a["facts"])
    res = {"archive": archive, "slice": pattern, "articles": store.count(), "build_s": round(build_s, 1),
           "stories": rep.get("stories"), "cold_wall_s": round(cold[0], 2), "cold_cpu_s": round(cold[1], 2),
           "add_one": {"redone": rep1.get("redone"), "wall_s": round(one[0], 3), "cpu_s": round(one[1], 3)},
           "facts": dict(status.most_common()), "conflicts": sum(len(a["conflicts"]) for a in accs),
           "summary_sentences": sum(len(a["summary"]) for a in accs),
           "timeline_items": sum(len(a["timeline"]) for a in accs)}
    store.close()
    click.echo(json.dumps(res, ensure_ascii=False, indent=None if not as_json else 1))
