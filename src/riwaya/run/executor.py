"""Executors map a function over batches of per-article work, in order.

``SerialExecutor`` runs in this process; ``ProcessExecutor`` in a local process pool (the default
for the text layer on more than one core). A task's function and its arguments must be picklable
(module-level functions over plain values); per-process state (shipped models, the furniture
snapshots) is set once in each worker by ``initializer``. Results come back in task order, with a
bounded number of tasks in flight, so memory stays flat over a corpus of any size.
``DaskExecutor`` runs the same tasks on a dask.distributed cluster: a LocalCluster of worker
processes, or an existing scheduler (``tcp://HOST:PORT``). Its tasks are keyed by their content, so
a task retried after its worker died, or submitted twice, is one task with one result.
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol


class Executor(Protocol):
    workers: int

    def map(self, fn: Callable[[Any], Any], tasks: Iterable[Any],
            initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> Iterator[Any]:
        """``fn(task)`` for each task, in order; ``initializer(*initargs)`` first in each worker."""


class SerialExecutor:
    workers = 1

    def map(self, fn, tasks, initializer=None, initargs=()):
        if initializer is not None:
            initializer(*initargs)
        for t in tasks:
            yield fn(t)


class ProcessExecutor:
    """A local process pool of ``workers`` processes (default: the CPUs this process may use)."""

    def __init__(self, workers: int | None = None, in_flight: int = 2):
        self.workers = workers or len(os.sched_getaffinity(0))
        self.in_flight = in_flight

    def map(self, fn, tasks, initializer=None, initargs=()):
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(self.workers, initializer=initializer, initargs=initargs) as pool:
            queue: deque = deque()
            for t in tasks:
                queue.append(pool.submit(fn, t))
                if len(queue) >= self.workers * self.in_flight:
                    yield queue.popleft().result()
            while queue:
                yield queue.popleft().result()


class _Init:
    """A dask worker plugin that runs ``initializer(*initargs)`` once in each worker, including a
    worker that joins (or is restarted by its nanny) after the map began."""

    def __init__(self, initializer, initargs):
        self.initializer, self.initargs = initializer, initargs

    def setup(self, worker) -> None:
        self.initializer(*self.initargs)


class DaskExecutor:
    """Tasks on dask.distributed: a LocalCluster of ``workers`` processes (one thread each), or the
    cluster behind ``scheduler``. The cluster is started on the first ``map`` and kept until
    ``close()`` (or the end of a ``with`` block)."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None, in_flight: int = 2,
                 allowed_failures: int = 3):
        try:
            import distributed  # noqa: F401
        except ImportError as err:
            from riwaya.errors import RiwayaError

            raise RiwayaError("the dask executor needs dask.distributed: pip install 'riwaya[scale]'") from err
        self.scheduler = scheduler
        self.in_flight = in_flight
        self.allowed_failures = allowed_failures
        self._workers = workers or len(os.sched_getaffinity(0))
        self._client = None
        self._cluster = None

    @property
    def workers(self) -> int:
        if self._client is not None and self.scheduler:
            return max(1, len(self._client.scheduler_info().get("workers", {})))
        return self._workers if not self.scheduler else 2  # a remote cluster's workers never share this process

    @property
    def client(self):
        if self._client is None:
            import dask
            from distributed import Client, LocalCluster

            # a task whose worker died is retried on another; after this many deaths it is failed
            dask.config.set({"distributed.scheduler.allowed-failures": self.allowed_failures})
            if self.scheduler:
                self._client = Client(self.scheduler)
            else:
                self._cluster = LocalCluster(n_workers=self._workers, threads_per_worker=1, processes=True,
                                             dashboard_address=None, silence_logs=40)
                self._client = Client(self._cluster)
        return self._client

    def map(self, fn, tasks, initializer=None, initargs=()):
        import uuid

        client = self.client
        name = None
        if initializer is not None:
            from distributed.diagnostics.plugin import WorkerPlugin

            plugin = type("RiwayaInit", (_Init, WorkerPlugin), {})(initializer, initargs)
            name = f"riwaya-init-{uuid.uuid4().hex}"
            client.register_plugin(plugin, name=name)
        try:
            queue: deque = deque()
            limit = max(1, self.workers) * self.in_flight
            for t in tasks:
                # the key is a hash of the function and the task: a duplicate is the same task
                queue.append(client.submit(fn, t, key=_key(fn, t)))
                if len(queue) >= limit:
                    yield _take(queue)
            while queue:
                yield _take(queue)
        finally:
            if name is not None and self._client is not None:
                try:
                    client.unregister_worker_plugin(name)
                except Exception:  # noqa: BLE001 - a cluster going away takes its plugins with it
                    pass

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _key(fn, task) -> str:
    """A task's key from its content: a SHA-1 of its pickle (a plain value's pickle is a fraction of
    dask's own ``tokenize`` in time), or dask's token for what pickle cannot take."""
    import hashlib
    import pickle

    name = f"{fn.__module__}.{fn.__qualname__}"
    try:
        digest = hashlib.sha1(pickle.dumps(task, protocol=5)).hexdigest()
    except Exception:  # noqa: BLE001 - dask's tokenize hashes what pickle cannot
        from dask.base import tokenize

        digest = tokenize(task)
    return f"{name}-{digest}"


def _take(queue: deque):
    fut = queue.popleft()
    try:
        return fut.result()
    finally:
        fut.release()


def make(workers: int | None = None, kind: str = "local", scheduler: str | None = None) -> Executor:
    """The executor for ``workers`` (None: every CPU; 1: this process), locally or on Dask
    (``kind="dask"``: a LocalCluster of ``workers`` processes, or the cluster behind ``scheduler``)."""
    if kind == "dask" or scheduler:
        return DaskExecutor(workers, scheduler)
    n = workers or len(os.sched_getaffinity(0))
    return SerialExecutor() if n <= 1 else ProcessExecutor(n)
