"""The store: one small interface, SQLite by default, an in-memory twin for tests.

Nothing outside this package writes SQL.
"""
from __future__ import annotations

from riwaya.store.base import AddResult, Store
from riwaya.store.memory import MemoryStore
from riwaya.store.sqlite import SqliteStore


def open_store(path: str | None) -> Store:
    """``None`` or ``":memory:"`` gives the in-memory twin; anything else a SQLite file."""
    if path in (None, ":memory:"):
        return MemoryStore()
    return SqliteStore(path)


__all__ = ["AddResult", "MemoryStore", "SqliteStore", "Store", "open_store"]
