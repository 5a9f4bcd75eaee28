"""Shared fixtures. Tests that read ../shared skip without it, and fail without it under CI."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("RIWAYA_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{p} is missing: CI must have ../shared beside the checkout")
        pytest.skip(f"{p} not present (the shared data sets live beside the checkout)")
    return p


@pytest.fixture
def seeds_dir() -> Path:
    return shared_path("corpora", "seeds")


@pytest.fixture(scope="session")
def seeds_story():
    """The seeds through the product's path once (ingest, analyse, cluster without E5, the account):
    ``(store, main story, its account)``; tests only read it."""
    from riwaya import job
    from riwaya.account.stage import account_for
    from riwaya.store import MemoryStore
    from riwaya.story.embed import NullEmbedder

    store = MemoryStore()
    job.ingest_paths(store, [str(shared_path("corpora", "seeds"))])
    job.analyse(store)
    job.cluster(store, NullEmbedder())
    main = max(store.stories(), key=lambda s: len(s.articles))
    return store, main, account_for(store, main.id)


def _no_server(reason: str):
    """No PostgreSQL to test against: a skip, but a failure under CI when .ci/run promised one."""
    if os.environ.get("CI") and os.environ.get("RIWAYA_TEST_PG"):
        pytest.fail(f"RIWAYA_TEST_PG is set but {reason}")
    pytest.skip(reason)


@pytest.fixture
def pg_url():
    """A fresh, empty PostgreSQL database on the server of RIWAYA_TEST_PG (dropped afterwards)."""
    import uuid

    server = os.environ.get("RIWAYA_TEST_PG")
    if not server:
        pytest.skip("no PostgreSQL server: set RIWAYA_TEST_PG=postgresql://... (.ci/run starts one)")
    try:
        import psycopg
    except ImportError:
        _no_server("psycopg is not installed (pip install 'riwaya[scale]')")
    try:
        admin = psycopg.connect(server, autocommit=True, connect_timeout=10)
    except psycopg.Error as err:
        _no_server(f"the PostgreSQL server of RIWAYA_TEST_PG cannot be reached ({err})")
    name = f"riwaya_test_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    info = psycopg.conninfo.conninfo_to_dict(server)
    info["dbname"] = name
    yield _url(info)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _url(info: dict) -> str:
    """A postgresql:// URL of libpq connection parameters (open_store picks the backend by URL)."""
    from urllib.parse import quote, urlencode

    user = quote(info.pop("user", "") or "")
    password = info.pop("password", None)
    name = quote(info.pop("dbname"))
    auth = f"{user}:{quote(password)}@" if password else (f"{user}@" if user else "")
    return f"postgresql://{auth}/{name}?{urlencode(info)}"


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def store(request, tmp_path):
    from riwaya.store import MemoryStore, SqliteStore

    if request.param == "postgres":
        from riwaya.store.postgres import PostgresStore

        s = PostgresStore(request.getfixturevalue("pg_url"))
    else:
        s = MemoryStore() if request.param == "memory" else SqliteStore(str(tmp_path / "t.db"))
    yield s
    s.close()
