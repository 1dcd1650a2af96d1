"""Opening a new SQLite file while another connection holds its write lock (session 11).

Two `analyze` runs starting on one new file both switch it to WAL when they connect. The one
that loses the race held a read lock when it asked for the write lock, and SQLite refuses
that upgrade at once with SQLITE_BUSY (no busy handler: waiting would deadlock), which
stopped the run with E031 "database is locked". Here the other run is a plain connection
that holds the write lock (BEGIN IMMEDIATE) on a file still in rollback-journal mode: the
same refusal, without a timing race.
"""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from narrascope.errors import StoreError
from narrascope.store import Store
from narrascope.store import db as store_db


def hold_write_lock(path) -> sqlite3.Connection:
    """A connection on a new, rollback-journal file that holds the write (RESERVED) lock."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE other_writer (x INTEGER)")
    return holder


def test_open_waits_for_a_writer_holding_the_lock_of_a_new_file(tmp_path):
    path = tmp_path / "new.db"
    holder = hold_write_lock(path)
    release = threading.Timer(0.5, holder.execute, ["COMMIT"])
    release.start()
    try:
        t0 = time.monotonic()
        store = Store(str(path))  # before the fix: StoreError E031 "database is locked" at once
        waited = time.monotonic() - t0
    finally:
        release.join()
        holder.close()
    assert waited >= 0.4, "opened while the other connection still held the write lock"
    run = store.start_run({"argv": ["analyze"]}, None)
    store.finish_run(run, {"new": 0})
    store.engine.dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM runs WHERE status = 'finished'").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM other_writer").fetchone()[0] == 0  # its commit kept
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_open_gives_up_after_the_busy_timeout(tmp_path, monkeypatch):
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_S", 0.3)
    path = tmp_path / "new.db"
    holder = hold_write_lock(path)
    try:
        t0 = time.monotonic()
        with pytest.raises(StoreError, match=r"\[E031\].*database is locked \(SQLITE_BUSY\)"):
            Store(str(path))
        assert time.monotonic() - t0 < 5
    finally:
        holder.close()
