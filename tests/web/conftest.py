"""Fixtures of the web tests: the analysed demo corpus (plus hand-made layers where the pipeline
left a layer empty, and a hostile document), a served app on a free port, a Chromium page."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import demo_layers  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
TOKEN = "test-token-7f3a"
SCREENSHOTS = ROOT / "out" / "screenshots"


def build_demo_store(db_path: Path) -> list[dict]:
    """`narrascope analyze examples`, then hand-made layers where empty, then the hostile document."""
    from narrascope.store import Store

    exe = Path(sys.executable).with_name("narrascope")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "narrascope"]
    subprocess.run(cmd + ["analyze", str(ROOT / "examples"), "--db", str(db_path), "-q"], check=True,
                   capture_output=True, cwd=str(ROOT))
    store = Store(str(db_path))
    docs = []
    for doc in list(store.iter_documents()):
        doc.pop("near_duplicate_of", None)
        enriched = demo_layers.enrich(doc)
        store.replace_document(enriched)
        docs.append(enriched)
    hostile = demo_layers.hostile_document(docs[0])
    store.save_document(hostile, run_id=None, key="hostile-test", source="hostile-test", record=None, fmt="html")
    docs.append(hostile)
    store.engine.dispose()
    return docs


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> tuple[str, list[dict]]:
    path = tmp_path_factory.mktemp("webdemo") / "demo.db"
    docs = build_demo_store(path)
    return str(path), docs


@pytest.fixture(scope="session")
def corpus_provider(demo_db):
    corpus = demo_layers.corpus_for(demo_db[1])
    return lambda store: corpus


@pytest.fixture(scope="session")
def web_app(demo_db, corpus_provider):
    from narrascope.web.app import create_app

    return create_app(demo_db[0], corpus_provider=corpus_provider, token=TOKEN)


@pytest.fixture(scope="session")
def client(web_app):
    from fastapi.testclient import TestClient

    with TestClient(web_app, raise_server_exceptions=False) as c:
        yield c


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(web_app):
    """The app under uvicorn on 127.0.0.1 and a random free port, in a thread."""
    import uvicorn

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(web_app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if _ci():
            pytest.fail(f"{CHROMIUM} is missing under CI: scripts/ensure-chromium.sh must install it")
        pytest.skip(f"{CHROMIUM} not installed (run scripts/ensure-chromium.sh); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    """A page that records dialogs, page errors and CSP violations."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = ctx.new_page()
    pg.dialogs, pg.errors, pg.console_errors = [], [], []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    yield pg
    ctx.close()


@pytest.fixture(scope="session")
def api_token() -> str:
    """The write token of the served app. A fixture, not an import of this module's name: under
    `--import-mode=importlib` a bare `from conftest import` can resolve to another folder's conftest."""
    return TOKEN


@pytest.fixture(scope="session")
def shots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


__all__ = ["shutil"]
