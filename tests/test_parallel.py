"""Worker processes (--jobs) and streamed output (issue 14). Sentences written for these tests."""
from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from frontmap.cli import cli
from frontmap.formats import format_extractions, stream_extractions
from frontmap.workers import REPORTS_PER_WORKER, worker_count

# Novoselivka names dozens of places: the first report pins it down, later ones inherit it
# (memory across reports); a "Tuesday" in a report of the calendar's first day gives a warning.
REPORTS = {
    "a1.txt": "date 2025-11-20\n\nRussian forces shelled Novoselivka in Izium raion of Kharkiv Oblast.\n",
    "a2.txt": "date 2025-11-21\n\nFighting continues near Novoselivka. Russian forces captured Kupiansk.\n",
    "a3.txt": "date 0001-01-01\n\nRussian forces captured Lyman on Tuesday.\n",
    "a4.txt": "date 2025-11-22\n\nThe General Staff said Ukrainian forces repelled an attack near Novoselivka.\n",
    "a5.txt": "date 2025-11-22\n\nUkrainian forces liberated Kupiansk, the brigade said.\n",
    "a6.md": "---\ndate: 2025-11-23\n---\n\nRussian troops advanced toward Pokrovsk and Novoselivka.\n",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("reports")
    for name, text in REPORTS.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def ledger_rows(db) -> dict[str, list[tuple]]:
    """Every table's rows in order, without the time each report was stored."""
    out = {}
    with sqlite3.connect(db) as con:
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            cols = ", ".join('"%s"' % c[1] for c in con.execute(f"PRAGMA table_info({table})")
                             if c[1] != "ingested_at")
            out[table] = con.execute(f"SELECT {cols} FROM {table} ORDER BY rowid").fetchall()
    return out


@pytest.mark.slow
@pytest.mark.parametrize("flags", [(), ("--no-memory", "--format", "csv")])
def test_extract_with_two_workers_prints_what_one_process_prints(folder, flags):
    one = run("extract", folder, "--jobs", 1, "--format", "json", *flags)
    two = run("extract", folder, "--jobs", 2, "--format", "json", *flags)
    assert one.exit_code == two.exit_code == 0, two.output
    assert two.stdout == one.stdout and two.stderr == one.stderr
    assert "outside the calendar" in one.stderr                     # a report's own warning, in its place
    if flags == ():
        assert "earlier report" in one.stdout                         # the memory gave a later report a place


@pytest.mark.slow
def test_ingest_with_two_workers_stores_what_one_process_stores(folder, tmp_path):
    missing = tmp_path / "missing.txt"
    results = []
    for jobs in (1, 2):
        db = tmp_path / f"l{jobs}.db"
        run("ingest", folder / "a1.txt", "--db", db, "--jobs", 1)          # the ledger remembers it
        results.append((run("ingest", folder, missing, "--db", db, "--jobs", jobs, "--batch", 2), db))
    (one, db1), (two, db2) = results
    assert one.exit_code == two.exit_code == 1                        # the missing path, skipped
    assert two.stderr.replace("l2.db", "l1.db") == one.stderr and "7 report(s): 5 added, 1 already in the ledger, 1 skipped" in one.stderr
    assert ledger_rows(db2) == ledger_rows(db1)
    assert any("earlier report" in str(row) for row in ledger_rows(db1)["places"])


@pytest.mark.slow
def test_extract_stops_at_an_unreadable_report_and_its_output_stays_whole(folder, tmp_path):
    (tmp_path / "b1.txt").write_text(REPORTS["a1.txt"], encoding="utf-8")
    (tmp_path / "b2.txt").write_bytes(b"\x00\x01\x02" * 50)           # binary: cannot be read
    (tmp_path / "b3.txt").write_text(REPORTS["a2.txt"], encoding="utf-8")
    for jobs in (1, 2):
        result = run("extract", tmp_path, "--jobs", jobs, "--format", "json")
        assert result.exit_code == 1 and "b2.txt" in result.stderr
        assert [r["path"] for r in json.loads(result.stdout)["reports"]] == [str(tmp_path / "b1.txt")]


def test_compact_json_is_the_pretty_document_and_pretty_is_what_json_dumps_indents(folder, extractor):
    from frontmap.text.reading import read_report

    extractions = [extractor.extract(read_report(p)) for p in sorted(folder.iterdir())]
    for fmt, doc in (("json", {"reports": [e.to_dict() for e in extractions]}), ("geojson", None)):
        pretty = format_extractions(extractions, fmt, pretty=True)
        compact = format_extractions(extractions, fmt)
        assert "\n" not in compact and json.loads(compact) == json.loads(pretty)
        if doc is not None:
            assert pretty == json.dumps(doc, ensure_ascii=False, indent=2)
    for fmt in ("json", "geojson"):                                    # no reports: still a document
        assert json.loads(format_extractions([], fmt)) == json.loads(format_extractions([], fmt, pretty=True))
    assert format_extractions([], "json", pretty=True) == json.dumps({"reports": []}, indent=2)
    table = format_extractions(extractions, "table")
    assert table == "\n".join(format_extractions([e], "table") for e in extractions)


def test_output_is_written_report_by_report(folder, extractor):
    from frontmap.text.reading import read_report

    read = []

    def reports():
        for p in sorted(folder.iterdir()):
            read.append(p)
            yield extractor.extract(read_report(p))

    for fmt in ("json", "csv", "geojson", "table"):
        read.clear()
        pieces = stream_extractions(reports(), fmt)
        next(pieces)
        next(pieces)
        assert 0 < len(read) < len(REPORTS), fmt                    # not every report read first
        list(pieces)
        assert len(read) == len(REPORTS)


def test_the_default_runs_workers_only_when_there_are_enough_reports(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    assert worker_count(None, 1) == 1 and worker_count(None, REPORTS_PER_WORKER - 1) == 1
    assert worker_count(None, 2 * REPORTS_PER_WORKER) == 2 and worker_count(None, 10_000) == 4
    assert worker_count(3, 2) == 2 and worker_count(3, 100) == 3 and worker_count(1, 100) == 1


@pytest.mark.slow
def test_a_report_over_its_budget_is_skipped_alike_by_workers_and_one_process(folder):
    # a budget no report can meet: each is stopped at its first check, named, and the run goes on
    one = run("extract", folder, "--jobs", 1, "--budget", "0.000001", "--format", "json")
    two = run("extract", folder, "--jobs", 2, "--budget", "0.000001", "--format", "json")
    assert one.exit_code == two.exit_code == 1
    assert two.stdout == one.stdout and json.loads(one.stdout)["reports"] == []
    assert two.stderr == one.stderr
    assert one.stderr.count("time budget of 1e-06 s") == len(REPORTS)
    assert f"{len(REPORTS)} report(s) stopped by the time budget" in one.stderr


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork on this platform")
def test_workers_are_forked_from_a_process_with_no_other_thread_else_spawned(monkeypatch):
    from frontmap import workers

    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)
    assert workers._context().get_start_method() == "fork"
    monkeypatch.setattr(workers.threading, "active_count", lambda: 2)
    assert workers._context().get_start_method() == "spawn"     # a thread's held locks would be copied


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork on this platform")
def test_forked_and_spawned_workers_print_what_one_process_prints(folder, monkeypatch):
    import multiprocessing

    one = run("extract", folder, "--jobs", 1, "--format", "json")
    out = {}
    for method in ("fork", "spawn"):        # whatever threads the test session runs, each way once
        monkeypatch.setattr("frontmap.workers._context", lambda: multiprocessing.get_context(method))
        out[method] = run("extract", folder, "--jobs", 2, "--format", "json")
    for two in out.values():
        assert two.exit_code == one.exit_code == 0
        assert two.stdout == one.stdout and two.stderr == one.stderr


@pytest.mark.slow
def test_extract_as_a_process_ends_with_its_output_whole_and_its_exit_code(folder, tmp_path):
    """extract ends its process without tearing it down (os._exit): the output is still all there,
    the exit handlers ran (the claims stage's cache is written), and the exit code is the command's."""
    import os
    import subprocess
    import sys

    from support import REPO

    env = {**os.environ, "FRONTMAP_CACHE": str(tmp_path / "cache"),
           "PYTHONPATH": os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}

    def frontmap(*args):
        return subprocess.run([sys.executable, "-m", "frontmap", *map(str, args)], capture_output=True, text=True,
                              env=env, timeout=120)

    ok = frontmap("extract", folder / "a2.txt", "--format", "json")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.endswith("}\n") and json.loads(ok.stdout)["reports"][0]["claims"]
    assert list((tmp_path / "cache").glob("claims-*.marshal"))          # written by an exit handler
    missing = frontmap("extract", tmp_path / "missing.txt")
    assert missing.returncode == 1 and "does not exist" in missing.stderr and missing.stdout == ""
