"""An ingest killed at a random moment (SIGKILL, no clean-up) loses nothing it committed, keeps
every stored report whole, and a rerun adds exactly what is missing (issue 14).  Sentences
written for this test; the random moments come from a fixed seed."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontmap.cli import cli

ROOT = Path(__file__).resolve().parents[2]
PLACES = ("Kupiansk", "Pokrovsk", "Vovchansk", "Myrnohrad", "Huliaipole", "Kharkiv")
SENTENCES = ("Russian forces shelled {p} {n} times overnight.",
             "Ukrainian forces repelled {n} attacks near {p}, the General Staff said.",
             "Russian troops advanced toward {p} on a {n} km front.",
             "A drone struck an energy facility in {p}; {n} people were hurt.")
REPORTS = 36
BATCH = 3


def write_reports(folder: Path) -> None:
    folder.mkdir()
    for i in range(REPORTS):
        lines = [SENTENCES[(i + k) % len(SENTENCES)].format(p=PLACES[(i * 5 + k) % len(PLACES)], n=i + k + 2)
                 for k in range(3)]
        day = 1 + i % 28
        (folder / f"r{i:02d}.txt").write_text(f"date 2025-10-{day:02d}\n\n" + " ".join(lines) + "\n",
                                              encoding="utf-8")


def contents(db: Path) -> dict[str, tuple]:
    """Each stored report (by its bytes' hash) with its places and claims, without row ids and times."""
    out = {}
    with sqlite3.connect(db) as con:
        for rid, sha, path, date, warnings in con.execute(
                "SELECT id, sha256, path, date, warnings FROM reports ORDER BY id"):
            places = con.execute('SELECT listed, text, start, "end", name, gazetteer_id, confidence, status, '
                                 "reason FROM places WHERE report_id = ? ORDER BY id", (rid,)).fetchall()
            claims = con.execute("SELECT p.text, c.event, c.beneficiary, c.claimant, c.stance, c.evidence, "
                                 "c.event_date FROM claims c JOIN places p ON p.id = c.place_id "
                                 "WHERE c.report_id = ? ORDER BY c.id", (rid,)).fetchall()
            assert sha not in out, f"{path} stored twice"
            out[sha] = (path, date, warnings, places, claims)
    return out


def ingest_command(folder: Path, db: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "frontmap", "ingest", str(folder), "--db", str(db), "--batch", str(BATCH),
            "--jobs", str(jobs)]


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    return env


def stored(db: Path) -> int:
    """How many reports the ledger holds now (read beside the writer: WAL readers do not block it)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as con:
            return con.execute("SELECT count(*) FROM reports").fetchone()[0]
    except sqlite3.Error:
        return 0                        # not made yet, or busy making its schema


def storing(proc: subprocess.Popen, db: Path) -> float:
    """Wait until the ingest has stored its first batch (or ended); the moment it did."""
    while not stored(db) and proc.poll() is None:
        time.sleep(0.01)
    return time.monotonic()


def gone(group: int, seconds: float) -> bool:
    """Whether every process of the group has exited within ``seconds`` (workers leave on their own)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")
def test_an_ingest_killed_at_random_loses_nothing_and_a_rerun_adds_exactly_what_is_missing(tmp_path):
    folder = tmp_path / "reports"
    write_reports(folder)
    reference = tmp_path / "reference.db"
    proc = subprocess.Popen(ingest_command(folder, reference, 1), env=environment(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first = storing(proc, reference)
    while stored(reference) < REPORTS and proc.poll() is None:
        time.sleep(0.01)
    store_time = time.monotonic() - first          # from the first batch stored to the last
    assert proc.wait() == 0
    expected = contents(reference)
    assert len(expected) == REPORTS
    # every place resolved by its own report: the memory of other reports cannot change a rerun
    assert all(p[7] == "resolved" for _, _, _, places, _ in expected.values() for p in places)

    rng = random.Random(14)
    runner = CliRunner()
    counts = []
    for attempt in range(10):
        db = tmp_path / f"killed{attempt}.db"
        proc = subprocess.Popen(ingest_command(folder, db, 1 + attempt % 2), env=environment(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            storing(proc, db)                  # start-up (imports, gazetteer) takes most of a run: skip it
            time.sleep(rng.uniform(0.0, store_time))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            assert gone(proc.pid, 10), "a worker outlived the killed ingest"
        finally:
            if proc.poll() is None or not gone(proc.pid, 0.1):
                os.killpg(proc.pid, signal.SIGKILL)
        if not db.exists():
            counts.append(0)
            continue
        check = runner.invoke(cli, ["ledger", "check", str(db)])
        assert check.exit_code == 0, check.output
        kept = contents(db)
        counts.append(len(kept))
        for sha, report in kept.items():
            assert report == expected[sha], f"{report[0]} is stored incomplete"
        assert len(kept) % BATCH == 0 or len(kept) == REPORTS              # whole batches only
        rerun = runner.invoke(cli, ["ingest", str(folder), "--db", str(db), "--batch", str(BATCH), "--jobs", "1"])
        assert rerun.exit_code == 0, rerun.output
        assert f"{REPORTS - len(kept)} added, {len(kept)} already in the ledger, 0 skipped" in rerun.stderr
        assert contents(db) == expected
    assert len(set(counts)) > 2, f"the kills did not land at different moments: {counts}"
