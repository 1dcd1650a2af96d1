"""Shared fixtures: the demo corpus, the shared datasets (read in place, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
DATASETS = SHARED / "datasets"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def nlp():
    from narrascope.loader import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def oped(nlp, examples_dir):
    """The demo's partisan op-ed ("ISIS Attacks On Iran Should Make The Regime Reflect"), through
    the full pipeline, parsed once for every test package."""
    return nlp((examples_dir / "isis-attacks-on-iran-regime-reflect.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def shops(nlp, examples_dir):
    """The demo article on Iran's ISIS narratives about the Shah Cheragh attack (full pipeline)."""
    return nlp((examples_dir / "iran-isis-narratives-shops.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    if not DATASETS.exists():
        pytest.skip(f"shared datasets not found at {DATASETS}")
    return DATASETS




# --- storage backends (sqlite, postgresql) ----------------------------------------------------
# `store_url` / `store` run a test once per backend. PostgreSQL comes from
# NARRASCOPE_TEST_PG_URL (scripts/test-services.sh starts a throwaway server for `make test`);
# each test gets its own fresh database, dropped afterwards. Without the variable the
# postgresql variant is skipped with a reason, except under CI where it fails.

PG_ENV = "NARRASCOPE_TEST_PG_URL"


def _ci() -> bool:
    import os

    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pg_admin_url() -> str | None:
    import os

    url = os.environ.get(PG_ENV)
    if url:
        return url
    if _ci():
        pytest.fail(f"{PG_ENV} is not set under CI: run the tests through scripts/test-services.sh (make test)")
    pytest.skip(f"PostgreSQL not available: {PG_ENV} is unset (make test / scripts/test-services.sh sets it)")


@pytest.fixture()
def pg_url():
    """A fresh, empty PostgreSQL database for this test (dropped afterwards)."""
    import uuid

    from sqlalchemy import create_engine, text

    from narrascope.store import normalise_url

    admin = normalise_url(pg_admin_url())
    name = "nt_" + uuid.uuid4().hex[:16]
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, _db = admin.rpartition("/")
    url = f"{base}/{name}"
    try:
        yield url
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture()
def store(store_url):
    from narrascope.store import Store

    s = Store(store_url)
    yield s
    s.engine.dispose()
