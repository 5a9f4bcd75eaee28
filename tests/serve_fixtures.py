"""A store for the server's tests: the seeds and the demo corpus, clustered without embeddings."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_store(path: str, seeds: Path | None):
    from riwaya import job
    from riwaya.store import open_store
    from riwaya.story.embed import NullEmbedder

    store = open_store(path)
    paths = [str(ROOT / "demo" / "corpus")] + ([str(seeds)] if seeds else [])
    job.ingest_paths(store, paths)
    job.analyse(store)
    job.cluster(store, NullEmbedder())
    return store


def client(store, token: str = "sekret", **kw):
    from fastapi.testclient import TestClient

    from riwaya.serve.app import Server, create_app
    from riwaya.story.embed import NullEmbedder

    srv = Server(store, token, embedder=NullEmbedder(), **kw)
    return TestClient(create_app(srv), raise_server_exceptions=False)
