"""``riwaya serve``: the JSON API and the web app over a store (``riwaya.serve``)."""
from __future__ import annotations

import os
import sys

import click


@click.command(name="serve")
@click.option("--db", "db", default=lambda: os.environ.get("RIWAYA_DB", "riwaya.db"), show_default="riwaya.db",
              help="SQLite database file (default: riwaya.db here; RIWAYA_DB overrides).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--max-mb", default=20.0, show_default=True, type=click.FloatRange(0.001, 4096),
              help="Largest request body accepted (MB).")
@click.option("--uploads", default=None, type=click.Path(file_okay=False),
              help="Folder that keeps what POST /api/articles received (default: beside the database).")
@click.option("--embedder", type=click.Choice(["e5", "none"]), default="e5", show_default=True,
              help="How new articles are embedded for the story engine ('none': no vectors, for tests).")
@click.option("--cache", "cache_size", default=256, show_default=True, type=click.IntRange(0, 100000),
              help="Search answers and rendered story pages kept until the store changes (0: none).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (each keeps its own view of the store; writes are seen by all).")
def command(db: str, host: str, port: int, max_mb: float, uploads: str | None, embedder: str, cache_size: int,
            workers: int) -> None:
    """Serve the store: the API at /api (OpenAPI at /openapi.json, docs at /docs) and the web app at /.

    Writes (POST /api/articles) need ``Authorization: Bearer <token>``: the token is RIWAYA_TOKEN,
    or one generated and printed here when it is unset."""
    from pathlib import Path

    import uvicorn

    from riwaya.serve.app import Results, Server, create_app, new_token
    from riwaya.store import open_store

    token = os.environ.get("RIWAYA_TOKEN") or ""
    if not token:
        token = new_token()
        click.echo(f"write token (set RIWAYA_TOKEN to choose one): {token}", err=True)
    store = open_store(db)
    up = Path(uploads) if uploads else (Path(db).resolve().parent / (Path(db).name + "-uploads") if db != ":memory:" else None)
    if up is not None:
        up.mkdir(parents=True, exist_ok=True)
    click.echo(f"riwaya serving {db} on http://{host}:{port}/", err=True)
    if workers > 1:
        if db == ":memory:":
            raise click.UsageError("--workers needs a database file: worker processes cannot share memory")
        os.environ.update(RIWAYA_TOKEN=token, RIWAYA_SERVE_DB=db, RIWAYA_SERVE_EMBEDDER=embedder,
                          RIWAYA_SERVE_MAX_BODY=str(int(max_mb * 1024 * 1024)),
                          RIWAYA_SERVE_UPLOADS=str(up) if up else "", RIWAYA_SERVE_CACHE=str(cache_size))
        store.close()
        uvicorn.run("riwaya.serve.app:from_env", factory=True, workers=workers, host=host, port=port,
                    log_level="warning", access_log=False, server_header=False)
        sys.exit(0)
    from riwaya.story.embed import E5Embedder, NullEmbedder

    emb = NullEmbedder() if embedder == "none" else E5Embedder()  # one for the server's life
    server = Server(store, token, embedder=emb, uploads=up, max_body=int(max_mb * 1024 * 1024),
                    cache=Results(cache_size))
    server.catalog.fresh()
    uvicorn.run(create_app(server), host=host, port=port, log_level="warning", access_log=False,
                server_header=False)
    sys.exit(0)
