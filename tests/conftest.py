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


@pytest.fixture(params=["memory", "sqlite"])
def store(request, tmp_path):
    from riwaya.store import MemoryStore, SqliteStore

    s = MemoryStore() if request.param == "memory" else SqliteStore(str(tmp_path / "t.db"))
    yield s
    s.close()
