"""riwaya (رواية): an Arabic-first news story engine.

    >>> import riwaya
    >>> store = riwaya.open("riwaya.db")
    >>> riwaya.ingest_paths(store, ["articles/"])
    >>> riwaya.analyse(store); riwaya.cluster(store)
    >>> store.stories()
"""
from __future__ import annotations

__version__ = "0.1.0"


def open(path: str | None = "riwaya.db"):  # noqa: A001 - mirrors the CLI's --db
    from riwaya.store import open_store

    return open_store(path)


def ingest_paths(store, paths, **kw):
    from riwaya.job import ingest_paths as _ingest

    return _ingest(store, paths, **kw)


def analyse(store, **kw):
    from riwaya.job import analyse as _analyse

    return _analyse(store, **kw)


def cluster(store):
    from riwaya.job import cluster as _cluster

    return _cluster(store)
