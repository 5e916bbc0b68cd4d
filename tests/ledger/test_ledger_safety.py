"""The ledger under pressure (issue 15): many processes on a new file, damaged pages, every sqlite3 error
a LedgerError that names the file; check, vacuum and backup."""
from __future__ import annotations

import multiprocessing
import os
import random
import sqlite3
import threading
import time

import pytest

from frontmap.errors import LedgerError
from frontmap.ledger.store import Ledger
from test_ledger import extraction, snapshot

N_PROCESSES = 6


class _SlowDisk(sqlite3.Connection):
    """Each statement takes a few milliseconds, as on a slow or busy disk: it widens every window."""

    def execute(self, *args, **kwargs):
        try:
            return super().execute(*args, **kwargs)
        finally:
            time.sleep(random.uniform(0, 0.02))


def _open_and_ingest(path: str, n: int, barrier) -> str:
    connect = sqlite3.connect
    sqlite3.connect = lambda *a, **kw: connect(*a, factory=_SlowDisk, **kw)    # in this child only
    random.seed(n)
    barrier.wait()
    time.sleep(n * 0.015)                # one after another, each while the one before prepares the file
    try:
        with Ledger(path) as ledger:
            ledger.ingest([extraction(n)])
        return "ok"
    except Exception as exc:             # reported to the parent, which fails the test with it
        return f"{type(exc).__name__}: {exc}"


def test_many_processes_opening_one_new_ledger_at_once_all_succeed(tmp_path):
    ctx = multiprocessing.get_context("fork")
    for attempt in range(3):
        path = str(tmp_path / f"new{attempt}.db")
        barrier = ctx.Manager().Barrier(N_PROCESSES)
        with ctx.Pool(N_PROCESSES) as pool:
            results = pool.starmap(_open_and_ingest, [(path, n, barrier) for n in range(N_PROCESSES)])
        assert results == ["ok"] * N_PROCESSES
        with Ledger(path) as ledger:
            assert len(ledger.reports()) == N_PROCESSES


def test_a_ledger_made_while_another_opener_reads_the_new_file_is_recognised(tmp_path, monkeypatch):
    """The interleaving of the race, made certain: the late opener reads the file once, then is held up
    while the first opener finishes making the ledger, then reads again."""
    path = tmp_path / "new.db"
    made = threading.Event()
    connect = sqlite3.connect

    class HeldUp(sqlite3.Connection):
        def execute(self, sql, *args):
            cur = super().execute(sql, *args)
            if threading.current_thread().name == "late" and sql.startswith("PRAGMA user_version"):
                made.wait(1.0)           # with the check under one lock the other opener waits instead
            return cur

    monkeypatch.setattr(sqlite3, "connect", lambda *a, **kw: connect(*a, factory=HeldUp, **kw))
    errors = []

    def open_it():
        try:
            Ledger(path).close()
        except Exception as exc:
            errors.append(exc)
        finally:
            made.set()

    late = threading.Thread(target=open_it, name="late")
    late.start()
    time.sleep(0.2)
    open_it()
    late.join()
    assert errors == []


def test_a_ledger_is_in_wal_mode_with_a_busy_timeout(tmp_path):
    with Ledger(tmp_path / "l.db") as ledger:
        assert ledger._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert ledger._db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def damage(path, table="claims") -> None:
    """Junk over the first page of ``table``: still a SQLite file, with one damaged page."""
    con = sqlite3.connect(path)
    size = con.execute("PRAGMA page_size").fetchall()[0][0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchall()[0][0]
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()    # everything in the one file
    con.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * size)
        f.write(os.urandom(16) * (size // 16))


def test_a_damaged_ledger_is_refused_on_open_naming_the_file_and_the_fix(tmp_path):
    path = tmp_path / "l.db"
    with Ledger(path) as ledger:
        ledger.ingest([extraction(1), extraction(2)])
    damage(path)
    before = path.read_bytes()
    with pytest.raises(LedgerError) as err:
        Ledger(path)
    message = str(err.value)
    assert repr(str(path)) in message and "damaged" in message
    assert "restore it from a backup" in message and "frontmap ledger check" in message
    assert path.read_bytes() == before                   # refused, not touched


def test_sqlite_errors_while_reading_become_ledger_errors_naming_the_file(tmp_path):
    path = tmp_path / "l.db"
    with Ledger(path) as ledger:
        ledger.ingest([extraction(1)])
    damage(path, "reports")
    with Ledger(path, check=False) as ledger:            # opened without the check: the damage shows later
        for read in (ledger.claims, ledger.places, ledger.reports,
                     lambda: ledger.ingest([extraction(9)])):
            with pytest.raises(LedgerError, match=str(path).replace(".", r"\.")) as err:
                read()
            assert "damaged" in str(err.value)


def test_a_locked_ledger_is_a_ledger_error_that_says_who_holds_it(tmp_path, monkeypatch):
    path = tmp_path / "l.db"
    Ledger(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr("frontmap.ledger.store.BUSY_TIMEOUT_MS", 50)
    try:
        with pytest.raises(LedgerError, match="another frontmap") as err:
            with Ledger(path) as ledger:
                ledger.ingest([extraction(1)])
        assert str(path) in str(err.value)
    finally:
        other.rollback()
        other.close()


def test_check_vacuum_and_backup(tmp_path):
    path = tmp_path / "l.db"
    with Ledger(path) as ledger:
        ledger.ingest([extraction(n) for n in range(5)])
        assert ledger.check() == []
        ledger.vacuum()
        copy = ledger.backup(tmp_path / "copy.db")
        with pytest.raises(LedgerError, match="exists"):
            ledger.backup(copy)
    assert snapshot(copy) == snapshot(path)
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*tmp*"))
    damage(path)
    with Ledger(path, check=False) as ledger:
        problems = ledger.check()
    assert problems and all(isinstance(p, str) for p in problems)


def test_backup_while_another_process_writes_is_a_consistent_copy(tmp_path):
    path = tmp_path / "l.db"
    with Ledger(path) as ledger:
        ledger.ingest([extraction(1)])
    writer = Ledger(path)
    writer._db.execute("BEGIN IMMEDIATE")
    writer._db.execute("DELETE FROM claims")             # not committed: the backup must not see it
    try:
        with Ledger(path) as reader:
            copy = reader.backup(tmp_path / "copy.db")
    finally:
        writer._db.execute("ROLLBACK")
        writer.close()
    assert snapshot(copy) == snapshot(path) and snapshot(copy)["claims"]


def test_a_read_only_ledger_can_be_read_but_not_written(tmp_path, monkeypatch):
    path = tmp_path / "l.db"
    with Ledger(path) as ledger:
        ledger.ingest([extraction(1)])
    before = snapshot(path)
    real_access = os.access
    monkeypatch.setattr("frontmap.ledger.store.os.access",
                        lambda p, mode, **kw: False if mode & os.W_OK else real_access(p, mode, **kw))
    with Ledger(path) as ledger:
        assert len(ledger.claims()) == 1
        with pytest.raises(LedgerError, match="read-only"):
            ledger.ingest([extraction(2)])
    assert snapshot(path) == before
