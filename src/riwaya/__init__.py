"""riwaya (رواية): an Arabic-first news story engine.

    >>> import riwaya
    >>> store = riwaya.open("riwaya.db")
    >>> riwaya.ingest_paths(store, ["articles/"])
    >>> riwaya.analyse(store); riwaya.cluster(store)
    >>> store.stories()

or the main job in one call: ``riwaya.run(store, ["articles/"], "out/")``.
"""
from __future__ import annotations

__version__ = "0.1.0"


def open(path: str | None = "riwaya.db"):  # noqa: A001 - mirrors the CLI's --db
    from riwaya.store import open_store

    return open_store(path)


def ingest_paths(store, paths, **kw):
    from riwaya.job import ingest_paths as _ingest

    return _ingest(store, paths, **kw)


def analyse(store, **kw):  # executor=riwaya.run.executor.ProcessExecutor() for a process pool
    from riwaya.job import analyse as _analyse

    return _analyse(store, **kw)


def cluster(store):
    from riwaya.job import cluster as _cluster

    return _cluster(store)


def run(store, paths, out, **kw):
    """The main job (the same one ``riwaya run`` runs): ingest, analyse, cluster, write to ``out``."""
    from pathlib import Path

    from riwaya.job import run as _run

    return _run(store, paths, Path(out), **kw)
