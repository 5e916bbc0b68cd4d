"""Hostile and careless input through the CLI (issue 15): no formula, no traceback, no leftover,
the right words.  Every report here is written for the tests."""
from __future__ import annotations

import csv
import errno
import io
import json
import os
import sqlite3
from pathlib import Path

import pytest

from support import run_cli as run, D2, make_ledger

REPORT = "date 2025-11-22\n\nRussian forces captured Kupiansk.\n"


def corrupt_table(db: Path, table: str) -> None:
    """Junk over the first page of ``table``'s b-tree: the file stays a SQLite file, that page is damaged."""
    with sqlite3.connect(db) as con:
        page = con.execute("PRAGMA page_size").fetchone()[0]
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()   # everything in the main file
    with open(db, "r+b") as f:
        f.seek((root - 1) * page)
        f.write(bytes(range(7, 250)) * (page // 243) + b"\xff" * (page % 243))


# --- CSV -----------------------------------------------------------------------------------

def test_extract_csv_neutralises_a_formula_in_the_report_path_and_raw_csv_keeps_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = '=HYPERLINK("http:x").txt'
    Path(name).write_text(REPORT, encoding="utf-8")
    result = run("extract", name, "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {r["report"] for r in rows} == {"'" + name}
    assert {r["place"] for r in rows} == {"Kupiansk"}
    raw = run("extract", name, "--format", "csv", "--raw-csv")
    assert {r["report"] for r in csv.DictReader(io.StringIO(raw.stdout))} == {name}


def test_every_command_that_writes_csv_takes_raw_csv(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("date 2025-11-22\n\n@Russian forces captured Qqqzzivka.\n", encoding="utf-8")
    for args in (("extract", path), ("unresolved", path), ("resolve", "Kupiansk")):
        assert run(*args, "--format", "csv", "--raw-csv").exit_code == 0, args
    sentences = {r["sentence"] for r in csv.DictReader(io.StringIO(run("unresolved", path, "--format", "csv").stdout))}
    assert sentences == {"'@Russian forces captured Qqqzzivka."}
    raw = csv.DictReader(io.StringIO(run("unresolved", path, "--format", "csv", "--raw-csv").stdout))
    assert {r["sentence"] for r in raw} == {"@Russian forces captured Qqqzzivka."}
    cell = run("resolve", "Kupiansk", "--format", "csv").stdout.splitlines()[1]
    assert ",37.6" in cell and ",49.7" in cell           # coordinates stay numbers


# --- the ledger: corruption, maintenance ------------------------------------------------------

@pytest.fixture
def damaged(tmp_path):
    """A ledger whose report is stored and whose claims table is then damaged."""
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    db = tmp_path / "damaged.db"
    assert run("ingest", report, "--db", db).exit_code == 0
    corrupt_table(db, "claims")
    return db, report


def test_a_damaged_ledger_is_refused_by_every_command_with_the_file_named(damaged, tmp_path):
    db, report = damaged
    for args in (("map", "--db", db, "--out", tmp_path / "maps"),
                 ("brief", "--db", db, "--out", tmp_path / "b.html"),
                 ("diff", "2025-11-21", "2025-11-22", "--db", db),
                 ("ingest", report, "--db", db)):
        result = run(*args)
        assert result.exit_code == 1, (args, result.output)
        assert str(db) in result.stderr and "damaged" in result.stderr, (args, result.stderr)
        assert "restore it from a backup" in result.stderr
        assert "skipped" not in result.stderr and "added" not in result.stderr   # ingest reports no success
    assert not (tmp_path / "maps").exists() and not (tmp_path / "b.html").exists()


def test_ledger_check_says_ok_or_lists_the_damage(damaged, tmp_path):
    db, report = damaged
    good = tmp_path / "good.db"
    assert run("ingest", report, "--db", good).exit_code == 0
    ok = run("ledger", "check", good)
    assert ok.exit_code == 0 and "ok" in ok.stdout and "1 report" in ok.stdout
    bad = run("ledger", "check", db)
    assert bad.exit_code == 1 and str(db) in bad.stderr and "damaged" in bad.stderr


def test_ledger_backup_and_vacuum_keep_every_claim(tmp_path):
    db = make_ledger(tmp_path / "l.db")
    from frontmap.ledger.store import Ledger
    with Ledger(db) as ledger:
        claims = [s.claim for s in ledger.claims()]
    copy = tmp_path / "copy.db"
    result = run("ledger", "backup", db, "--out", copy)
    assert result.exit_code == 0 and result.stdout.strip() == str(copy)
    assert run("ledger", "backup", db, "--out", copy).exit_code == 1       # never over an existing file
    assert run("ledger", "vacuum", db).exit_code == 0
    for path in (db, copy):
        with Ledger(path) as ledger:
            assert [s.claim for s in ledger.claims()] == claims
    assert run("ledger", "check", tmp_path / "none.db").exit_code == 1
    assert not (tmp_path / "none.db").exists()


def test_ledger_backup_default_name_is_beside_the_ledger(tmp_path):
    db = make_ledger(tmp_path / "l.db")
    result = run("ledger", "backup", db)
    assert result.exit_code == 0
    written = Path(result.stdout.strip())
    assert written.parent == tmp_path and written.name.startswith("l.") and written.exists()


# --- no tracebacks --------------------------------------------------------------------------

@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_report_at_the_ends_of_the_calendar_gives_a_warning_not_a_traceback(tmp_path, day):
    path = tmp_path / "r.txt"
    path.write_text(f"date {day}\n\nRussian forces captured Kupiansk on Tuesday.\n"
                    "Ukrainian forces liberated Lyman yesterday.\n"
                    "Russian forces entered Pokrovsk 5 days ago.\n", encoding="utf-8")
    result = run("extract", path, "--format", "json")
    assert result.exit_code == 0
    if day == "0001-01-01":
        assert "warning:" in result.stderr and "outside the calendar" in result.stderr
    assert run("ingest", path, "--db", tmp_path / "l.db").exit_code == 0


def test_a_file_name_that_is_not_utf8_is_stored_and_shown_safely(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    odd = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(odd, "wb") as f:
        f.write(REPORT.encode("utf-8"))
    (folder / "plain.txt").write_text("date 2025-11-21\n\nRussian forces captured Lyman.\n", encoding="utf-8")
    db = tmp_path / "l.db"
    result = run("ingest", folder, "--db", db)
    assert result.exit_code == 0, result.output
    from frontmap.ledger.store import Ledger
    with Ledger(db) as ledger:
        paths = sorted(r["path"] for r in ledger.reports())
    assert len(paths) == 2 and os.fsencode(paths[0]) == odd        # stored as given
    with sqlite3.connect(db) as con:                                # the name's own bytes
        assert con.execute("SELECT path FROM reports WHERE date = '2025-11-22'").fetchone()[0] == odd
    maps = tmp_path / "maps"
    assert run("map", "--db", db, "--out", maps, "--mkdir").exit_code == 0
    html = (maps / "2025-11-22.html").read_text(encoding="utf-8")  # valid UTF-8 throughout
    assert r'"caf\\xe9.txt"' in html                                  # shown as \xe9, JSON-escaped
    out = run("extract", folder, "--format", "json").stdout_bytes
    assert b"caf\\udce9.txt" in out                                 # valid UTF-8 and JSON ...
    names = [r["path"] for r in json.loads(out)["reports"]]
    assert os.fsencode(names[0]) == odd                              # ... that gives the name back
    table = run("extract", folder, "--format", "table").stdout
    assert "caf\\xe9.txt" in table
    assert run("brief", "--db", db, "--out", tmp_path / "b.html").exit_code == 0
    assert "caf\\xe9.txt" in (tmp_path / "b.html").read_text(encoding="utf-8")
    diff = json.loads(run("diff", "2025-11-21", "2025-11-22", "--db", db, "--format", "json").stdout)
    assert os.fsencode(diff["newly_claimed"][0]["after"][0]["report"]) == odd
    assert "caf\\xe9.txt" in run("diff", "2025-11-21", "2025-11-22", "--db", db).stdout
    progress = run("extract", folder, "--format", "csv")
    assert "caf\\xe9.txt" in progress.stderr and "caf\\xe9.txt" in progress.stdout


# --- no leftovers ---------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["map", "brief"])
def test_a_full_disk_during_output_leaves_no_temporary_file(tmp_path, monkeypatch, command):
    db = make_ledger(tmp_path / "l.db")
    out = tmp_path / "out"
    out.mkdir()

    def full(fd, data):                 # the file is made, its bytes do not fit
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(os, "write", full)
    args = (("map", "--db", db, "--out", out) if command == "map"
            else ("brief", "--db", db, "--date", D2, "--out", out / "b.html"))
    result = run(*args)
    assert result.exit_code == 1 and "No space left" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == []


# --- the right words ------------------------------------------------------------------------

def test_a_missing_path_among_many_is_reported_and_the_rest_are_ingested(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    db = tmp_path / "l.db"
    result = run("ingest", missing, good, "--db", db)
    assert result.exit_code == 1
    assert str(missing) in result.stderr and "does not exist" in result.stderr
    from frontmap.ledger.store import Ledger
    with Ledger(db) as ledger:
        assert ledger.dates() == ["2025-11-22"]
    assert "skipped" in result.stderr


def test_ingest_help_says_what_happens_to_unreadable_reports():
    text = " ".join(run("ingest", "--help").stdout.split())
    assert "skipped with a message" in text and "exit code is 1" in text
    assert "missing" in text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_a_device_and_a_link_loop_are_named_for_what_they_are(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    for path, words in ((fifo, "not a regular file"), (Path(os.devnull), "not a regular file"),
                        (loop, "symbolic link")):
        result = run("extract", path)
        assert result.exit_code == 1, path
        assert words in result.stderr and "does not exist" not in result.stderr, result.stderr
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    result = run("ingest", fifo, os.devnull, loop, good, "--db", tmp_path / "l.db")
    assert result.exit_code == 1 and "3 report(s) skipped" in result.stderr


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_byte_order_mark_are_read(tmp_path, codec):
    path = tmp_path / "r.txt"
    path.write_bytes("date 2025-11-22\n\nRussian forces captured Kupiansk, — said «Рибар».\n".encode(codec))
    result = run("extract", path)
    assert result.exit_code == 0, result.stderr
    assert "Kupiansk" in result.stdout and "binary" not in result.stderr


def _claims_of(db):
    from frontmap.ledger.store import Ledger
    with Ledger(db) as ledger:
        return sorted((s.claim.place.name, s.claim.event, s.claim.stance, s.report_path) for s in ledger.claims())


def test_ledger_recover_salvages_every_readable_report_into_a_new_ledger(tmp_path):
    reports = []
    for day, text in (("2025-11-20", "Russian forces captured Kupiansk, the ministry said."),
                      ("2025-11-21", "Ukraine's General Staff denied that Kupiansk had fallen."),
                      ("2025-11-22", "Fighting continued near Pokrovsk.")):
        path = tmp_path / f"{day}.txt"
        path.write_text(f"date {day}\n\n{text}\n", encoding="utf-8")
        reports.append(path)
    db, fresh = tmp_path / "team.db", tmp_path / "fresh.db"
    assert run("ingest", *reports, "--db", db).exit_code == 0
    assert run("ingest", *reports, "--db", fresh).exit_code == 0
    before = (tmp_path / "team.db").read_bytes()
    corrupt_table(db, "claims")
    damaged = db.read_bytes()
    result = run("ledger", "recover", db)
    assert result.exit_code == 0, result.output
    out = Path(result.stdout.strip())
    assert out == tmp_path / "team.recovered.db" and "3 report(s) recovered" in result.stderr
    assert run("ledger", "check", out).exit_code == 0
    assert _claims_of(out) == _claims_of(fresh) != []
    assert db.read_bytes() == damaged != before           # the damaged file is left as it was
    again = run("ledger", "recover", db)                  # never over an existing file
    assert again.exit_code == 1 and "exists" in again.stderr


def test_ledger_recover_says_what_it_lost_when_the_reports_table_is_damaged(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    db = tmp_path / "l.db"
    assert run("ingest", report, "--db", db).exit_code == 0
    corrupt_table(db, "reports")
    result = run("ledger", "recover", db, "--out", tmp_path / "new.db")
    assert result.exit_code == 1 and "0 report(s) recovered" in result.stderr
    assert "ingest them again" in result.stderr or "not readable" in result.stderr or "lost" in result.stderr
    assert run("ledger", "check", tmp_path / "new.db").exit_code == 0    # an empty, sound ledger
    assert run("ledger", "recover", tmp_path / "missing.db").exit_code == 1


def test_a_report_in_cyrillic_keeps_its_places_and_says_its_claims_were_not_read(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("date 2025-11-20\n\nRussian forces captured the village of Радісне, the ministry said.\n\n"
                    "Бої тривають біля Куп'янська та Петропавлівки.\n", encoding="utf-8")
    result = run("extract", path, "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)["reports"][0]
    assert {p["name"] for p in report["places"]} >= {"Kupiansk", "Petropavlivka"}
    assert [c["place"]["text"] for c in report["claims"]] == ["Радісне"]
    assert "1 sentence(s) naming places are written in Cyrillic" in result.stderr


def test_an_english_report_gives_no_script_warning(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("date 2025-11-20\n\nRussian forces captured Kupiansk, the ministry said.\n", encoding="utf-8")
    assert "Cyrillic" not in run("extract", path).stderr
