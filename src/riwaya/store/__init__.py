"""The store: one small interface, SQLite by default, PostgreSQL past one machine, an in-memory
twin for tests.

Nothing outside this package writes SQL.
"""
from __future__ import annotations

from riwaya.store.base import AddResult, Store
from riwaya.store.memory import MemoryStore
from riwaya.store.sqlite import SqliteStore


def open_store(path: str | None) -> Store:
    """``None`` or ``":memory:"`` gives the in-memory twin; a ``postgresql://`` URL a PostgreSQL
    store (psycopg 3, the ``scale`` extra); anything else a SQLite file."""
    if path in (None, ":memory:"):
        return MemoryStore()
    if is_url(path):
        from riwaya.store.postgres import PostgresStore

        return PostgresStore(str(path))
    return SqliteStore(path)


def is_url(path) -> bool:
    return str(path).startswith(("postgresql://", "postgres://"))


__all__ = ["AddResult", "MemoryStore", "SqliteStore", "Store", "is_url", "open_store"]
