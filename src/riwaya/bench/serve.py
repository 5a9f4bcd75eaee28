"""``riwaya bench serve``: requests/s and p99 latency of the server on loopback, beside the same
responses served as pre-rendered static files in the same run (their ratio).

The server (``riwaya serve``) and a static file server (uvicorn + Starlette's StaticFiles, so the
two differ only in what riwaya does per request) each run in a subprocess on 127.0.0.1. A bounded
load generator (httpx, a fixed number of requests at a fixed concurrency, loopback only) asks for
the story list page, a story page (the latest story), ``--distinct`` story pages drawn with ``--seed``
from the latest 200 (in turn), the story list API and the search API (the queries in turn). The
store is the demo corpus (built here, without embeddings) unless ``--db`` names one (e.g. the full
ANT store). The server caches a search answer until the store changes, so the repeated queries are
served from that cache: "cold ms" is each distinct request the first time (the slowest shown).
"""
from __future__ import annotations

import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import click

ROOT = Path(__file__).resolve().parents[3]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, seconds: float = 120) -> None:
    import httpx

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise click.ClickException(f"the server exited ({proc.returncode}): {proc.stderr.read()[-2000:]!r}")
        try:
            if httpx.get(url, timeout=5).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise click.ClickException(f"no answer from {url} in {seconds:.0f} s")


async def _load(base: str, paths: list[str], n: int, concurrency: int) -> dict:
    import httpx

    lat: list[float] = []
    bad = 0
    sem_paths = iter(range(n))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as c:
        async def worker():
            nonlocal bad
            for i in sem_paths:
                t = time.perf_counter()
                r = await c.get(paths[i % len(paths)])
                lat.append(time.perf_counter() - t)
                bad += r.status_code != 200
        for _ in range(min(20, n)):  # warm up the connections
            await c.get(paths[0])
        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    lat.sort()
    return {"requests": n, "rps": n / wall, "p50_ms": 1000 * lat[len(lat) // 2],
            "p99_ms": 1000 * lat[min(len(lat) - 1, int(len(lat) * 0.99))], "non_200": bad}


def _demo_store(path: str) -> None:
    from riwaya import job
    from riwaya.store import open_store
    from riwaya.story.embed import NullEmbedder

    s = open_store(path)
    job.ingest_paths(s, [str(ROOT / "demo" / "corpus")])
    job.analyse(s)
    job.cluster(s, NullEmbedder())
    s.close()


def _queries(db: str, given: tuple[str, ...], n: int, seed: int) -> list[str]:
    """The queries asked: ``given``, else ``n`` distinct ones drawn with ``seed`` as readers type
    them: half canonical entity names (entities with at least 3 mentions), half a word of four
    letters or more from the headline of an article drawn at random (so common words come as often
    as headlines use them)."""
    if given:
        return list(given)
    import random

    from riwaya.extract.entity_stage import entity_rows
    from riwaya.store import open_store

    rng = random.Random(seed)
    s = open_store(db)
    names = sorted({r["name"] for r in entity_rows(s) if r["count"] >= 3 and len(r["name"]) >= 3})
    ids = sorted(p.id for p in s.pending() if p.analysed)
    out: list[str] = []
    picked = set()
    for name in rng.sample(names, min(len(names), n // 2)):
        if name not in picked:
            picked.add(name)
            out.append(name)
    for _ in range(20 * n):
        if len(out) >= n or not ids:
            break
        title = (s.texts([rng.choice(ids)]) or {None: ("", "")}).popitem()[1][0] or ""
        words = [w for w in title.split() if len(w) >= 4 and w.isalpha()]
        if words:
            w = rng.choice(words)
            if w not in picked:
                picked.add(w)
                out.append(w)
    s.close()
    return out or ["الرئيس"]


def static_app():
    """The static file server the bench compares with (uvicorn's factory, in its own processes)."""
    from starlette.staticfiles import StaticFiles

    return StaticFiles(directory=os.environ["RIWAYA_BENCH_STATIC"])


def _spawn(args: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@click.command(name="serve")
@click.option("--db", default=None, help="A store to serve (default: the demo corpus, built in a temporary folder).")
@click.option("-n", "--requests", "n", default=1000, show_default=True, type=click.IntRange(20, 100000),
              help="Requests per target.")
@click.option("-c", "--concurrency", default=8, show_default=True, type=click.IntRange(1, 256),
              help="Requests in flight at once.")
@click.option("--query", "queries", multiple=True,
              help="Search queries (default: --distinct queries drawn from the store with --seed).")
@click.option("--distinct", default=120, show_default=True, type=click.IntRange(1, 10000),
              help="How many distinct queries to draw: entity names and headline words.")
@click.option("--seed", default=19, show_default=True, help="The seed the queries are drawn with.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 16),
              help="Server processes (riwaya serve --workers); the static server gets as many.")
@click.option("--cache", "cache_size", default=256, show_default=True, type=click.IntRange(0, 100000),
              help="The server's search cache (riwaya serve --cache; 0: every search is run).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(db: str | None, n: int, concurrency: int, queries: tuple[str, ...], distinct: int, seed: int,
            workers: int, cache_size: int, as_json: bool) -> None:
    """Load the server on loopback; print requests/s and p99 per target, and the ratio to static files."""
    import httpx

    tmp = Path(tempfile.mkdtemp(prefix="riwaya-bench-serve-"))
    if db is None:
        db = str(tmp / "demo.db")
        _demo_store(db)
    qs = _queries(db, queries, distinct, seed)
    load_start = [round(x, 2) for x in os.getloadavg()]
    env = {**os.environ, "RIWAYA_TOKEN": "bench-" + os.urandom(8).hex(),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    port, sport = _port(), _port()
    server = _spawn([sys.executable, "-c", "from riwaya.cli import run_cli; run_cli()", "serve", "--db", db,
                     "--host", "127.0.0.1", "--port", str(port), "--embedder", "none",
                     "--uploads", str(tmp / "uploads"), "--workers", str(workers), "--cache", str(cache_size)], env)
    static = None
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(base + "/api/stories?limit=1", server)
        top = httpx.get(base + "/api/stories?limit=1", timeout=60).json()["stories"]
        sid = top[0]["id"] if top else "none"
        listed = httpx.get(base + "/api/stories?limit=200", timeout=60).json()["stories"]
        some = random.Random(seed).sample([x["id"] for x in listed], min(distinct, len(listed)))
        targets = {"story list page /": ["/"],
                   "story page /stories/{id}": [f"/stories/{sid}"],
                   "story pages, distinct": [f"/stories/{x}" for x in some] or [f"/stories/{sid}"],
                   "story list API /api/stories": ["/api/stories"],
                   "search API /api/search": [f"/api/search?q={quote(q)}" for q in qs]}
        # the same responses as files, served by the same ASGI stack without riwaya
        site = tmp / "static"
        site.mkdir()
        static_paths, cold = {}, {}
        for name, paths in targets.items():
            static_paths[name], cold[name] = [], []
            for k, p in enumerate(paths):
                f = f"{abs(hash((name, k)))}.html"
                t = time.perf_counter()  # each distinct request the first time (before a search is cached)
                body = httpx.get(base + p, timeout=60).content
                cold[name].append(round(1000 * (time.perf_counter() - t), 1))
                (site / f).write_bytes(body)
                static_paths[name].append("/" + f)
        env["RIWAYA_BENCH_STATIC"] = str(site)
        static = _spawn([sys.executable, "-m", "uvicorn", "riwaya.bench.serve:static_app", "--factory",
                         "--host", "127.0.0.1", "--port", str(sport), "--workers", str(workers),
                         "--log-level", "warning", "--no-access-log"], env)
        sbase = f"http://127.0.0.1:{sport}"
        _wait(sbase + static_paths["story list page /"][0], static)
        rows = {}
        for name, paths in targets.items():
            dyn = asyncio.run(_load(base, paths, n, concurrency))
            sta = asyncio.run(_load(sbase, static_paths[name], n, concurrency))
            rows[name] = {"served": {**dyn, "cold_ms": cold[name]}, "static": sta, "ratio": dyn["rps"] / sta["rps"]}
    finally:
        for p in (server, static):
            if p is not None:
                p.terminate()
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
    load = [round(x, 2) for x in os.getloadavg()]
    out = {"db": db, "load_average": {"start": load_start, "end": load}, "requests": n, "concurrency": concurrency, "workers": workers, "search_cache": cache_size, "queries": qs, "cpus": os.cpu_count(), "targets": rows}
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    click.echo(f"store {db}; {n} requests per target at concurrency {concurrency}; {workers} worker(s); "
               f"search cache {cache_size}; loopback; {os.cpu_count()} CPUs; load average (1, 5, 15 min) "
               f"{load_start} at the start, {load} at the end")
    click.echo(f"{len(qs)} distinct search queries (seed {seed}): " + " | ".join(qs))
    click.echo(f"{'target':34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'cold ms':>8} | {'static req/s':>12} "
               f"{'p99 ms':>8} | ratio")
    for name, r in rows.items():
        d, s = r["served"], r["static"]
        click.echo(f"{name:34} {d['rps']:8.0f} {d['p50_ms']:8.1f} {d['p99_ms']:8.1f} {max(d['cold_ms']):8.1f} | "
                   f"{s['rps']:12.0f} "
                   f"{s['p99_ms']:8.1f} | {r['ratio']:.2f}" + (f"  ({d['non_200']} not 200)" if d["non_200"] else ""))
