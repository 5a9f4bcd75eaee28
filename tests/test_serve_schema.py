"""schemathesis against /openapi.json: generated requests to every operation get no 5xx, and every
4xx is the one error shape. Skips when schemathesis is not installed."""
from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (pip install schemathesis)")

from hypothesis import HealthCheck, settings  # noqa: E402

from serve_fixtures import build_store, client  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    store = build_store(str(tmp_path_factory.mktemp("schema") / "s.db"), None)
    yield client(store).app
    store.close()


def test_no_5xx_and_one_error_shape(app):
    from hypothesis import given

    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    ops = [r.ok() for r in schema.get_all_operations()]
    assert len(ops) >= 7
    calls = []
    runs = [(op, "wrong") for op in ops] + [(op, "sekret") for op in ops if op.method.upper() == "POST"]
    for op, token in runs:
        @given(case=op.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            r = case.call(headers={"Authorization": f"Bearer {token}"})
            calls.append(r.status_code)
            assert r.status_code < 500, (case.method, case.path, r.text[:300])
            if r.status_code >= 400:
                body = r.json()
                assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}

        check()
    assert len(calls) >= 8 * len(runs) and any(c < 400 for c in calls)
