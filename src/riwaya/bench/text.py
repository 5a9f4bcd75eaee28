"""``riwaya bench text``: ingest and the text layer over the ANT corpus, through the product's own
path (``job.ingest_documents`` into a SQLite store, then ``job.analyse`` on a process pool), on
half of the corpus and on all of it, so the time per article at both sizes shows whether the cost
grows faster than the corpus. Beside it, in the same process: each stage's CPU time on a sample
(cleaning under the corpus's furniture snapshots, then every stage, one process), and the
normalisation of the raw bodies against pyarabic's equivalents (strip_tashkeel, strip_tatweel,
normalize_hamza, normalize_teh, and alef maqsura -> ya, which pyarabic has no function for).
"""
from __future__ import annotations

import json
import os
import tempfile
import time
from collections import defaultdict
from itertools import islice

import click

from riwaya.eval import ANT_ARCHIVE as DEFAULT  # noqa: E402

INGEST_LIMIT_S = 60.0
TEXT_LIMIT_S = 180.0


def _pyarabic_fold(text: str) -> str:
    try:
        from pyarabic import araby
    except ImportError as err:  # GPL: a benchmark baseline, installed on request only
        raise click.ClickException("the pyarabic baseline is not installed: pip install 'riwaya[bench]' "
                                   "(pyarabic is GPL-3.0, so riwaya never depends on it)") from err

    t = araby.strip_tashkeel(text)
    t = araby.strip_tatweel(t)
    t = araby.normalize_hamza(t, method="tasheel")
    t = araby.normalize_teh(t)
    return t.replace("ى", "ي")


TEXT_STAGES = ("language", "sentences", "dates", "published", "places")


def _pipeline(which: str):
    from riwaya.pipeline import Pipeline, registered

    if which == "all":
        return Pipeline.default()
    reg = registered()
    return Pipeline([reg[n] for n in TEXT_STAGES])


def _product_path(archive: str, n: int | None, workers: int, which: str, step: int = 1) -> dict:
    """Ingest every ``step``-th of the first ``n`` documents (all: None) into a fresh store, then
    analyse them. Half the corpus is every second document, so both sizes hold the same mix of
    outlets and lengths (the archive is ordered by outlet)."""
    from riwaya.ingest import read
    from riwaya.job import analyse, ingest_documents
    from riwaya.run.executor import make
    from riwaya.store import SqliteStore

    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore(os.path.join(tmp, "bench.db"))
        t = time.perf_counter()
        rep = ingest_documents(store, islice(read([archive]), 0, n, step))
        t_ingest = time.perf_counter() - t
        t = time.perf_counter()
        ana = analyse(store, pipeline=_pipeline(which), executor=make(workers))
        t_text = time.perf_counter() - t
        arts = store.count()
        store.close()
    return {"documents": rep.documents, "articles": arts, "failed": len(rep.errors) + len(ana.errors),
            "ingest_s": round(t_ingest, 1), "text_layer_s": round(t_text, 1),
            "ingest_ms_per_article": round(1000 * t_ingest / max(arts, 1), 3),
            "text_ms_per_article": round(1000 * t_text / max(arts, 1), 3)}


def _stage_cpu(docs: list) -> dict[str, float]:
    """CPU seconds of cleaning and each stage of the default pipeline over ``docs``, in this process."""
    from riwaya.pipeline import Pipeline
    from riwaya.text.clean import clean
    from riwaya.text.corpus import OutletFurniture

    model = OutletFurniture()
    for d in docs:
        model.observe(d.outlet, d.body.split("\n"))
    times: dict[str, float] = defaultdict(float)
    pipe = Pipeline.default()
    for doc in docs:
        t = time.process_time()
        art = clean(doc, model)
        times["clean"] += time.process_time() - t
        for st in pipe.stages:
            t = time.process_time()
            art = st(art)
            times[st.name] += time.process_time() - t
    return {k: round(v, 2) for k, v in times.items()}


@click.command(name="text")
@click.argument("archive", required=False, default=DEFAULT, type=click.Path(exists=True))
@click.option("--workers", default=2, show_default=True, help="Processes of the text layer's pool.")
@click.option("--limit", default=0, help="Use only the first N documents (0: all); half of it is timed too.")
@click.option("--sample", default=2000, show_default=True, help="Documents for the per-stage CPU profile.")
@click.option("--stages", "which", type=click.Choice(["text", "all"]), default="text", show_default=True,
              help="text: cleaning and the text layer's stages (" + ", ".join(TEXT_STAGES) + "); all: the "
                   "default pipeline, extraction included.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(archive: str, workers: int, limit: int, sample: int, which: str, as_json: bool) -> None:
    """Ingest + text layer over ARCHIVE (default: all of ANT) and over half of it (every second
    document), through the
    product's path on a process pool; per-stage CPU on a sample; normalisation against pyarabic."""
    from riwaya.ingest import read
    from riwaya.text.normalise import match

    half = _product_path(archive, limit or None, workers, which, step=2)
    full = _product_path(archive, limit or None, workers, which)
    docs = [d for d in islice(read([archive]), sample) if not isinstance(d, Exception)]
    stages = _stage_cpu(docs)
    bodies = [d.body for d in docs]
    t = time.process_time()
    for b in bodies:
        match(b)
    t_ours = time.process_time() - t
    t = time.process_time()
    for b in bodies:
        _pyarabic_fold(b)
    t_pyarabic = time.process_time() - t
    res = {
        "archive": archive, "workers": workers, "pipeline": _pipeline(which).signature,
        "half": half, "all": full,
        "growth": {"articles": round(full["articles"] / max(half["articles"], 1), 2),
                   "ingest_time": round(full["ingest_s"] / max(half["ingest_s"], 1e-9), 2),
                   "text_time": round(full["text_layer_s"] / max(half["text_layer_s"], 1e-9), 2)},
        "stage_cpu_seconds": {"documents": len(docs), **stages},
        "normalise_vs_pyarabic": {"chars": sum(map(len, bodies)), "riwaya_s": round(t_ours, 3),
                                  "pyarabic_s": round(t_pyarabic, 3),
                                  "speedup": round(t_pyarabic / t_ours, 2) if t_ours else None},
        "within_limits": full["ingest_s"] <= INGEST_LIMIT_S and full["text_layer_s"] <= TEXT_LIMIT_S,
    }
    if as_json:
        click.echo(json.dumps(res, indent=1))
        return
    click.echo(f"ingest + text layer over {archive}, {workers} worker(s), the product's path")
    for name in ("half", "all"):
        r = res[name]
        click.echo(f"  {name:4s}: {r['articles']:6d} articles  ingest {r['ingest_s']:6.1f} s "
                   f"({r['ingest_ms_per_article']} ms/article)  text layer {r['text_layer_s']:6.1f} s "
                   f"({r['text_ms_per_article']} ms/article)  {r['failed']} failed")
    g = res["growth"]
    click.echo(f"  all/half: {g['articles']}x the articles, {g['ingest_time']}x the ingest time, "
               f"{g['text_time']}x the text-layer time")
    click.echo(f"  limits: ingest <= {INGEST_LIMIT_S:.0f} s, text layer <= {TEXT_LIMIT_S:.0f} s: "
               f"{'within' if res['within_limits'] else 'OVER'}")
    click.echo(f"  per-stage CPU seconds over {len(docs)} documents (one process): "
               + ", ".join(f"{k} {v}" for k, v in stages.items()))
    nv = res["normalise_vs_pyarabic"]
    click.echo(f"  normalisation of {nv['chars']:,} characters: riwaya {nv['riwaya_s']} s, pyarabic {nv['pyarabic_s']} s "
               f"-> riwaya is {nv['speedup']}x pyarabic's speed")
