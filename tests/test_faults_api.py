"""The read API under generated requests: schemathesis derives requests (valid and invalid
parameters, odd ids, long strings) from the app's own OpenAPI document and none may get a
5xx. In process (ASGI), over a real store holding analysed demo articles."""

from __future__ import annotations

import os

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

EXAMPLES = int(os.environ.get("NARRASCOPE_API_FUZZ_EXAMPLES", "25"))


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory, examples_dir):
    from narrascope.batch import run_batch
    from narrascope.store import Store
    from narrascope.web.app import create_app

    db = str(tmp_path_factory.mktemp("api") / "api.db")
    run_batch([str(examples_dir)], Store(db))
    app = create_app(db)
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


def test_api_no_server_error(api_schema):
    """Every operation of the OpenAPI document, EXAMPLES generated requests each."""
    from hypothesis import given

    seen = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        seen.append(f"{operation.method.upper()} {operation.path}")

        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call()
            assert response.status_code < 500, \
                f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:300]}"

        check()
    assert "GET /api/v1/documents/{doc_id}" in seen


def test_api_boundary_integers_no_server_error(api_schema):
    """Integer query parameters at and beyond the 64-bit range (what a client or a fuzzer may
    send; SQLite cannot bind them): a 4xx or an empty page, never a 5xx."""
    from fastapi.testclient import TestClient

    client = TestClient(api_schema.app, raise_server_exceptions=False)
    checked = []
    for result in api_schema.get_all_operations():
        op = result.ok()
        if op.method.upper() != "GET" or "{" in op.path:
            continue
        ints = [p.name for p in op.query if (p.definition.get("schema") or {}).get("type") == "integer"]
        for name in ints:
            for value in (2**63, 10**20):
                params = {name: value, "q": "ISIS"}
                response = client.get(op.path, params=params)
                checked.append((op.path, name))
                assert response.status_code < 500, f"GET {op.path}?{name}={value} -> {response.status_code}"
    assert checked, "no integer query parameter found"
