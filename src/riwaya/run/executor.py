"""Executors map a function over batches of per-article work, in order.

``SerialExecutor`` runs in this process; ``ProcessExecutor`` in a local process pool (the default
for the text layer on more than one core). A task's function and its arguments must be picklable
(module-level functions over plain values); per-process state (shipped models, the furniture
snapshots) is set once in each worker by ``initializer``. Results come back in task order, with a
bounded number of tasks in flight, so memory stays flat over a corpus of any size. Dask comes in
behind the same interface.
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


def make(workers: int | None = None) -> Executor:
    """The local executor for ``workers`` (None: every CPU; 1: this process)."""
    n = workers or len(os.sched_getaffinity(0))
    return SerialExecutor() if n <= 1 else ProcessExecutor(n)
