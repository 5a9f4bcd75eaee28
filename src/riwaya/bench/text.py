"""``riwaya bench text``: the per-article text layer over the whole ANT corpus, stage by stage.

Times reading the archive, learning the outlet furniture model, cleaning, normalisation (the
matching form of every article), and each stage of ``Pipeline.default()`` (language, sentences,
dates, published), then normalises the same texts with pyarabic's equivalents in the same process
(strip_tashkeel, strip_tatweel, normalize_hamza, normalize_teh, and alef maqsura -> ya, which
pyarabic has no function for) and prints the ratio. Stage and normalisation times are CPU time
(``time.process_time``), so other load on the machine does not inflate them; totals are wall
time. ``--workers 2`` runs cleaning and the pipeline stages in two processes (the issue's figure
is "on 2 cores").
"""
from __future__ import annotations

import json
import time
from collections import defaultdict

import click

from riwaya.eval import ANT_ARCHIVE as DEFAULT  # noqa: E402
LIMIT_S = 180.0


def _pyarabic_fold(text: str) -> str:
    from pyarabic import araby

    t = araby.strip_tashkeel(text)
    t = araby.strip_tatweel(t)
    t = araby.normalize_hamza(t, method="tasheel")
    t = araby.normalize_teh(t)
    return t.replace("ى", "ي")


def _work(args) -> tuple[dict, int, int]:
    """Clean + normalise + pipeline stages over one chunk; per-stage seconds, articles, dates found."""
    docs, model_json = args
    from riwaya.pipeline import Pipeline
    from riwaya.text.clean import clean
    from riwaya.text.corpus import OutletFurniture
    from riwaya.text.normalise import match

    model = OutletFurniture.from_json(model_json) if isinstance(model_json, str) else model_json
    times: dict[str, float] = defaultdict(float)
    pipe = Pipeline.default()
    n_dates = 0
    for doc in docs:
        t = time.process_time()
        art = clean(doc, model)
        t1 = time.process_time()
        match(art.text)
        t2 = time.process_time()
        times["clean"] += t1 - t
        times["normalise"] += t2 - t1
        for st in pipe.stages:
            t = time.process_time()
            art = st(art)
            times[st.name] += time.process_time() - t
        n_dates += len(art.layer("dates"))
    return dict(times), len(docs), n_dates


@click.command(name="text")
@click.argument("archive", required=False, default=DEFAULT, type=click.Path(exists=True))
@click.option("--workers", default=2, show_default=True, help="Processes for cleaning and the pipeline stages.")
@click.option("--limit", default=0, help="Use only the first N articles (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(archive: str, workers: int, limit: int, as_json: bool) -> None:
    """Clean + normalise + sentences + dates over ARCHIVE (default: all of ANT), per-stage times,
    and normalisation against pyarabic in the same process."""
    from concurrent.futures import ProcessPoolExecutor
    from itertools import islice

    from riwaya.ingest import read
    from riwaya.pipeline import Pipeline
    from riwaya.text.corpus import OutletFurniture
    from riwaya.text.normalise import match

    wall = time.perf_counter()
    t = time.perf_counter()
    docs_iter = (d for d in read([archive]) if not isinstance(d, Exception))
    docs = list(islice(docs_iter, limit) if limit else docs_iter)
    t_read = time.perf_counter() - t

    t = time.perf_counter()
    model = OutletFurniture()
    for d in docs:
        model.observe(d.outlet, d.body.split("\n"))
    t_learn = time.perf_counter() - t

    t = time.perf_counter()
    if workers > 1:
        blob = model.to_json()
        k = max(1, len(docs) // (workers * 4))
        chunks = [(docs[i:i + k], blob) for i in range(0, len(docs), k)]
        with ProcessPoolExecutor(workers) as ex:
            results = list(ex.map(_work, chunks))
    else:
        results = [_work((docs, model))]
    t_stages_wall = time.perf_counter() - t
    stage_cpu: dict[str, float] = defaultdict(float)
    n_dates = 0
    for times, _, nd in results:
        n_dates += nd
        for name, v in times.items():
            stage_cpu[name] += v

    # normalisation head to head, same process, same texts (the raw bodies)
    bodies = [d.body for d in docs]
    t = time.process_time()
    for b in bodies:
        match(b)
    t_ours = time.process_time() - t
    t = time.process_time()
    for b in bodies:
        _pyarabic_fold(b)
    t_pyarabic = time.process_time() - t
    total = time.perf_counter() - wall

    res = {
        "archive": archive, "articles": len(docs), "workers": workers, "dates_found": n_dates,
        "pipeline": Pipeline.default().signature,
        "seconds": {"read": round(t_read, 2), "learn_furniture": round(t_learn, 2),
                    "stages_wall": round(t_stages_wall, 2), "total_wall": round(total, 2)},
        "stage_cpu_seconds": {k: round(v, 2) for k, v in stage_cpu.items()},
        "normalise_vs_pyarabic": {"chars": sum(map(len, bodies)), "riwaya_s": round(t_ours, 3),
                                  "pyarabic_s": round(t_pyarabic, 3),
                                  "speedup": round(t_pyarabic / t_ours, 2) if t_ours else None},
        "within_limit": total <= LIMIT_S,
    }
    if as_json:
        click.echo(json.dumps(res, indent=1))
        return
    s = res["seconds"]
    click.echo(f"text layer over {archive}\n  {len(docs)} articles, {workers} worker(s), {n_dates} dates found\n"
               f"  read {s['read']} s, learn furniture {s['learn_furniture']} s, "
               f"clean+normalise+pipeline {s['stages_wall']} s wall, total {s['total_wall']} s "
               f"({'within' if res['within_limit'] else 'OVER'} the {LIMIT_S:.0f} s limit)")
    click.echo("  per-stage CPU seconds (process time, summed over workers):")
    for k, v in res["stage_cpu_seconds"].items():
        click.echo(f"    {k:12s} {v:8.2f}")
    nv = res["normalise_vs_pyarabic"]
    click.echo(f"  normalisation of {nv['chars']:,} characters: riwaya {nv['riwaya_s']} s, pyarabic {nv['pyarabic_s']} s "
               f"-> riwaya is {nv['speedup']}x pyarabic's speed")
