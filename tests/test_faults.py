"""Faults: a killed run resumes, two runs share one SQLite file, a full disk or a read-only
database gives a clear error (E030/E031, exit code 2, no traceback).

These run the real command line in subprocesses (`python -c 'from narrascope.cli import main;
main()'`) on a generated corpus of demo-article sentences (benchmarks/synth.py).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import synth  # noqa: E402

CLI = [sys.executable, "-c", "from narrascope.cli import main; main()"]
TIMEOUT = 240


def analyze(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([*CLI, "analyze", *args, "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **kwargs)


def finish(proc: subprocess.Popen) -> tuple[int, str]:
    _, err = proc.communicate(timeout=TIMEOUT)
    return proc.returncode, err


def db_count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # tables not created yet
        return 0


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_sigkill_mid_batch_then_resume(tmp_path):
    corpus = tmp_path / "in"
    synth.write_dir(corpus, 40)
    db = tmp_path / "kill.db"
    proc = analyze(str(corpus), "--db", str(db), "--chunk-size", "2")
    deadline = time.monotonic() + TIMEOUT
    done_sql = "SELECT count(*) FROM inputs WHERE status = 'done'"
    while db_count(db, done_sql) < 4:
        assert proc.poll() is None, f"the run ended before it could be killed: {proc.communicate()[1]}"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    stored = db_count(db, "SELECT count(*) FROM documents")
    assert 4 <= stored < 40, "killed in the middle of the batch"
    assert integrity(db) == "ok"

    out = tmp_path / "out.jsonl"
    code, err = finish(analyze(str(corpus), "--db", str(db), "--out", str(out)))
    assert code == 0, err
    assert "Traceback" not in err
    docs = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(docs) == 40 and len({d["id"] for d in docs}) == 40
    assert [d["input"]["path"] for d in docs] == sorted(str(p) for p in corpus.iterdir())  # input order
    assert db_count(db, "SELECT count(*) FROM documents") == 40
    assert db_count(db, done_sql) == 40
    assert db_count(db, "SELECT count(*) FROM inputs") == 40
    assert db_count(db, "SELECT count(*) FROM doc_bands") == 40 * 16
    assert db_count(db, "SELECT count(*) FROM runs WHERE status = 'finished'") == 1
    with sqlite3.connect(db) as conn:
        counts = json.loads(conn.execute("SELECT counts FROM runs WHERE status = 'finished'").fetchone()[0])
    assert counts["skipped"] >= stored and counts["skipped"] + counts["new"] + counts["near_duplicate"] \
        + counts["existing"] == 40
    assert integrity(db) == "ok"


def test_two_processes_on_one_sqlite_file(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    synth.write_dir(first, 24, seed=0)
    synth.write_dir(second, 16, seed=16)  # 8 texts also in `first`, under other input keys
    db = tmp_path / "shared.db"
    p1 = analyze(str(first), "--db", str(db), "--chunk-size", "4")
    p2 = analyze(str(second), str(first), "--db", str(db), "--chunk-size", "4")
    (c1, e1), (c2, e2) = finish(p1), finish(p2)
    assert (c1, c2) == (0, 0), e1 + e2
    assert "Traceback" not in e1 + e2
    assert integrity(db) == "ok"
    assert db_count(db, "SELECT count(*) FROM documents") == 32  # seeds 0..31, each once
    assert db_count(db, "SELECT count(*) FROM inputs WHERE status = 'done'") == 40
    assert db_count(db, "SELECT count(*) FROM doc_bands") == 32 * 16
    assert db_count(db, "SELECT count(*) FROM runs WHERE status = 'finished'") == 2


@contextmanager
def read_only_dir(path: Path):
    """Make `path` read-only even for root: a read-only bind mount (root), else chmod."""
    if os.geteuid() != 0:
        for p in [path, *path.iterdir()]:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            yield
        finally:
            for p in [path, *path.iterdir()]:
                p.chmod(0o755 if p.is_dir() else 0o644)
        return
    bind = subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True)
    if bind.returncode != 0:
        pytest.skip(f"running as root and cannot bind-mount read-only: {bind.stderr.decode().strip()}")
    try:
        ro = subprocess.run(["mount", "-o", "remount,bind,ro", str(path)], capture_output=True)
        if ro.returncode != 0:
            pytest.skip(f"cannot remount read-only: {ro.stderr.decode().strip()}")
        yield
    finally:
        subprocess.run(["umount", str(path)], check=True)


def test_read_only_database_clear_error(tmp_path):
    dbdir = tmp_path / "ro"
    dbdir.mkdir()
    db = dbdir / "ro.db"
    from narrascope.document import base_document
    from narrascope.store import Store

    store = Store(str(db))  # an existing database with one document
    doc = base_document(text=synth.article(99), input_obj={"format": "text", "record": None, "path": "x"})
    store.save_document(doc, run_id=None, key="x", source="x", record=None, fmt="text")
    store.engine.dispose()
    corpus = tmp_path / "in"
    synth.write_dir(corpus, 2)
    with read_only_dir(dbdir):
        code, err = finish(analyze(str(corpus), "--db", str(db)))
    assert code == 2, err
    assert "Traceback" not in err
    assert "[E030]" in err or "[E031]" in err
    assert "readonly" in err.replace("-", "").replace(" ", "").lower() or "unable to open" in err


@contextmanager
def tiny_tmpfs(path: Path, size: str):
    path.mkdir()
    res = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True) \
        if os.geteuid() == 0 else None
    if res is None or res.returncode != 0:
        yield False
        return
    try:
        yield True
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)


def test_full_disk_clear_error(tmp_path, monkeypatch):
    """A real full disk (a 300 KB tmpfs) when we may mount one; else SQLite's max_page_count,
    which makes SQLite report the same SQLITE_FULL error ("database or disk is full")."""
    corpus = tmp_path / "in"
    synth.write_dir(corpus, 40)
    with tiny_tmpfs(tmp_path / "small", "300k") as mounted:
        db = tmp_path / "small" / "full.db"
        if mounted:
            code, err = finish(analyze(str(corpus), "--db", str(db), "--chunk-size", "2"))
        else:
            from typer.testing import CliRunner

            from narrascope.cli import app
            from narrascope.store import db as dbmod

            original = dbmod._sqlite_pragmas

            def limited(conn, record):
                original(conn, record)
                conn.execute("PRAGMA max_page_count=60")

            monkeypatch.setattr(dbmod, "_sqlite_pragmas", limited)
            result = CliRunner().invoke(app, ["analyze", str(corpus), "--db", str(db), "--quiet", "--chunk-size", "2"])
            code, err = result.exit_code, result.output
            assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert code == 2, err
    assert "Traceback" not in err
    assert "[E030]" in err or "[E031]" in err
    assert "full" in err
