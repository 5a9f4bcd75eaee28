"""``riwaya bench extract``: the extraction layer through the product's path, on ANT 1-14 March 2018
(2,045 articles) and, with ``--full``, on the whole corpus.

Each input set is ingested into a fresh store, analysed by the text layer's stages alone, then
analysed again with the whole default pipeline (the extraction stages' versions enter the
signature, so every article is derived again): the difference is what extraction adds, on the
process pool the product uses. Then the canonical-entity corpus stage runs over all of it. Beside
it, in one process over the same articles: each stage's CPU seconds and the NER tagger's tokens
per second (when the ``entities`` stage is in the pipeline).
"""
from __future__ import annotations

import json
import os
import tempfile
import time
from collections import defaultdict

import click

from riwaya.eval import ANT_ARCHIVE as DEFAULT
from riwaya.eval.cleaning import SLICE, in_slice

LIMIT_SLICE_S = 60.0
LIMIT_FULL_S = 600.0


def _run(docs: list, workers: int) -> dict:
    from riwaya.bench.text import _pipeline
    from riwaya.job import analyse, ingest_documents, mention_layer
    from riwaya.extract.entity_stage import EntityStage
    from riwaya.run.corpus import run_stage
    from riwaya.run.executor import make
    from riwaya.store import SqliteStore

    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore(os.path.join(tmp, "bench.db"))
        ingest_documents(store, iter(docs))
        t = time.perf_counter()
        analyse(store, pipeline=_pipeline("text"), executor=make(workers))
        t_text = time.perf_counter() - t
        t = time.perf_counter()
        analyse(store, pipeline=_pipeline("all"), executor=make(workers))
        t_all = time.perf_counter() - t
        t = time.perf_counter()
        ent = run_stage(store, EntityStage(layer=mention_layer()))
        t_ent = time.perf_counter() - t
        n = store.count()
        store.close()
    return {"articles": n, "text_layer_s": round(t_text, 1), "text_and_extraction_s": round(t_all, 1),
            "extraction_s": round(max(t_all - t_text, 0.0), 1), "canonical_entities_s": round(t_ent, 1),
            "extraction_total_s": round(max(t_all - t_text, 0.0) + t_ent, 1), "entities": ent}


def _stage_cpu(docs: list) -> tuple[dict, float | None]:
    from riwaya.pipeline import Pipeline
    from riwaya.text.clean import clean
    from riwaya.text.tokens import tokens

    pipe = Pipeline.default()
    cpu: dict[str, float] = defaultdict(float)
    n_tokens = 0
    for d in docs:
        a = clean(d)
        for st in pipe.stages:
            t = time.process_time()
            a = st(a)
            cpu[st.name] += time.process_time() - t
        n_tokens += len(tokens(a.text))
    tps = n_tokens / cpu["entities"] if cpu.get("entities") else None
    return {k: round(v, 2) for k, v in cpu.items()}, tps


@click.command(name="extract")
@click.argument("archive", required=False, default=DEFAULT, type=click.Path(exists=True))
@click.option("--slice", "pattern", default=SLICE, show_default=True, help="Regular expression on member names.")
@click.option("--full", is_flag=True, help="Also the whole archive (the 10-minute target).")
@click.option("--workers", default=2, show_default=True, help="Processes of the pool.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(archive: str, pattern: str, full: bool, workers: int, as_json: bool) -> None:
    """Entities, canonical entities, quotes and quantities over ARCHIVE's slice (and all of it)."""
    from riwaya.ingest import read

    docs = [d for d in read([archive]) if not isinstance(d, Exception)]
    part = [d for d in docs if in_slice(d, pattern)]
    res = {"archive": archive, "workers": workers, "slice": _run(part, workers)}
    cpu, tps = _stage_cpu(part)
    res["stage_cpu_seconds_one_process"] = cpu
    res["ner_tokens_per_s"] = round(tps) if tps else None
    if full:
        res["full"] = _run(docs, workers)
    res["within_limits"] = (res["slice"]["extraction_total_s"] <= LIMIT_SLICE_S
                            and (not full or res["full"]["extraction_total_s"] <= LIMIT_FULL_S))
    if as_json:
        click.echo(json.dumps(res, ensure_ascii=False, indent=1))
        return
    for name in ("slice", "full"):
        if name in res:
            r = res[name]
            click.echo(f"{name}: {r['articles']} articles; text layer {r['text_layer_s']} s, + extraction "
                       f"{r['extraction_s']} s, canonical entities {r['canonical_entities_s']} s -> extraction "
                       f"{r['extraction_total_s']} s (limit {LIMIT_SLICE_S if name == 'slice' else LIMIT_FULL_S:.0f} s)")
    click.echo("per-stage CPU seconds in one process over the slice: "
               + ", ".join(f"{k} {v}" for k, v in cpu.items()))
    if tps:
        click.echo(f"NER tagger: {tps:,.0f} tokens/s")
