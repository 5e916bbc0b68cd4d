"""The SQLite ledger: storing, idempotence, atomicity, refusing foreign files."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest

from frontmap.errors import LedgerError
from frontmap.ledger import SCHEMA_VERSION, Ledger
from frontmap.model import Claim, Extraction, Place, Report


def place(name, start=0, *, lat=48.5, lon=37.9, status="resolved", alternatives=None):
    return Place(text=name, start=start, end=start + len(name), name=name if lat else None,
                 kind="settlement" if lat else None, oblast="Donetsk" if lat else None,
                 lat=lat, lon=lon, id=f"gn:{abs(hash(name)) % 10**6}" if lat else None,
                 confidence=0.8, status=status, reason="test",
                 alternatives=alternatives or [])


def extraction(n: int, date="2024-05-01", *, claims=1) -> Extraction:
    text = f"Report {n}: troops entered Alpha village and fought near Beta.\n"
    report = Report(path=f"/reports/r{n}.txt", date=date, text=text,
                    sha256=hashlib.sha256(f"{n}{date}".encode()).hexdigest())
    alpha = place("Alpha", 28, alternatives=[{"id": "gn:2", "name": "Alpha", "oblast": "Kharkiv",
                                             "lat": 49.1, "lon": 36.2}])
    beta = place("Beta", 54, lat=None, lon=None, status="unresolved")
    cl = [Claim(place=alpha, event="captured", beneficiary="RU", claimant="Ministry",
                claimant_side="RU", stance="asserted", evidence=text.strip(),
                evidence_start=0, evidence_end=len(text) - 1)]
    cl += [Claim(place=beta, event="fighting", beneficiary=None, claimant="General Staff",
                 claimant_side="UA", stance="reported", evidence="fought near Beta")] * (claims - 1)
    return Extraction(report=report, places=[alpha], claims=cl, unresolved=[beta])


def snapshot(path):
    with sqlite3.connect(path) as db:
        return {t: db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
                for t in ("reports", "places", "claims")}


def test_round_trip_keeps_everything(tmp_path):
    db = tmp_path / "l.db"
    ex = extraction(1, claims=2)
    with Ledger(db) as ledger:
        stats = ledger.ingest([ex])
        assert (stats.reports_added, stats.reports_skipped, stats.claims_added) == (1, 0, 2)
    with Ledger(db) as ledger:  # reopened: really on disk
        assert ledger.dates() == ["2024-05-01"]
        stored = ledger.claims()
        assert [s.claim for s in stored] == ex.claims
        assert stored[0].report_path == "/reports/r1.txt"
        assert stored[0].report_date == "2024-05-01"
        assert stored[0].report_sha256 == ex.report.sha256
        assert stored[0].claim.place.alternatives[0]["oblast"] == "Kharkiv"
        (rep,) = ledger.reports()
        assert rep["n_claims"] == 2 and rep["n_places"] == 2 and rep["path"] == "/reports/r1.txt"
        assert ledger.report_text(rep["id"]) == ex.report.text


def test_places_include_unresolved_and_filter_by_status(tmp_path):
    with Ledger(tmp_path / "l.db") as ledger:
        ledger.ingest([extraction(1), extraction(2, date="2024-05-02")])
        everything = ledger.places()
        assert [(p.text, d) for p, _, d in everything] == [
            ("Alpha", "2024-05-01"), ("Beta", "2024-05-01"),
            ("Alpha", "2024-05-02"), ("Beta", "2024-05-02")]
        unresolved = ledger.places(status="unresolved")
        assert {p.text for p, _, _ in unresolved} == {"Beta"}
        assert unresolved[0][0].lat is None
        assert [p.text for p, _, _ in ledger.places(date="2024-05-02", status="resolved")] == ["Alpha"]
        with pytest.raises(LedgerError, match="'lost'"):
            ledger.places(status="lost")


def test_claims_filtered_by_date(tmp_path):
    with Ledger(tmp_path / "l.db") as ledger:
        ledger.ingest([extraction(1), extraction(2, date="2024-05-03", claims=3)])
        assert len(ledger.claims("2024-05-03")) == 3
        assert len(ledger.claims("2024-05-01")) == 1
        assert ledger.claims("1999-01-01") == []
        assert ledger.dates() == ["2024-05-01", "2024-05-03"]


def test_ingesting_twice_adds_nothing(tmp_path):
    db = tmp_path / "l.db"
    with Ledger(db) as ledger:
        ledger.ingest([extraction(1), extraction(2)])
    before = snapshot(db)
    with Ledger(db) as ledger:
        stats = ledger.ingest([extraction(1), extraction(2)])
        assert (stats.reports_added, stats.reports_skipped, stats.claims_added) == (0, 2, 0)
        assert ledger.has_report(extraction(1).report.sha256, "2024-05-01")
    assert snapshot(db) == before


def test_same_report_twice_in_one_batch_stored_once(tmp_path):
    with Ledger(tmp_path / "l.db") as ledger:
        stats = ledger.ingest([extraction(1), extraction(1)])
        assert (stats.reports_added, stats.reports_skipped) == (1, 1)
        assert len(ledger.claims()) == 1


def test_same_bytes_with_another_date_is_another_report(tmp_path):
    with Ledger(tmp_path / "l.db") as ledger:
        a = extraction(1)
        b = extraction(1)
        b.report.date = "2024-06-01"
        assert ledger.ingest([a, b]).reports_added == 2


def test_failure_half_way_leaves_ledger_as_before(tmp_path, monkeypatch):
    db = tmp_path / "l.db"
    with Ledger(db) as ledger:
        ledger.ingest([extraction(1)])
    before = snapshot(db)

    real = Ledger._insert_report
    calls = {"n": 0}

    def flaky(self, ex):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk on fire")
        return real(self, ex)

    monkeypatch.setattr(Ledger, "_insert_report", flaky)
    with Ledger(db) as ledger:
        with pytest.raises(RuntimeError, match="disk on fire"):
            ledger.ingest([extraction(2), extraction(3), extraction(4), extraction(5)])
        assert calls["n"] == 3
        assert len(ledger.claims()) == 1  # this connection sees the old state too
    assert snapshot(db) == before
    monkeypatch.setattr(Ledger, "_insert_report", real)
    with Ledger(db) as ledger:  # and the ledger still works afterwards
        assert ledger.ingest([extraction(2)]).reports_added == 1


def test_generator_failing_mid_way_rolls_back(tmp_path):
    db = tmp_path / "l.db"

    def gen():
        yield extraction(1)
        yield extraction(2)
        raise KeyboardInterrupt

    with Ledger(db) as ledger:
        with pytest.raises(KeyboardInterrupt):
            ledger.ingest(gen())
        assert ledger.dates() == [] and ledger.claims() == []


def test_invalid_claim_rejected_and_nothing_stored(tmp_path):
    bad = extraction(2)
    bad.claims[0].event = "teleported"
    with Ledger(tmp_path / "l.db") as ledger:
        with pytest.raises(LedgerError, match="'teleported'"):
            ledger.ingest([extraction(1), bad])
        assert ledger.reports() == []


def test_unchecked_report_rejected(tmp_path):
    ex = extraction(1)
    ex.report.date = "May 1st"
    with Ledger(tmp_path / "l.db") as ledger, pytest.raises(LedgerError, match="'May 1st'"):
        ledger.ingest([ex])


def test_not_a_sqlite_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 10)
    with pytest.raises(LedgerError, match="not a frontmap ledger") as err:
        Ledger(path)
    assert "--db" in str(err.value)
    assert path.read_bytes() == b"these are my notes, not a database\n" * 10


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE accounts (id INTEGER)")
    with pytest.raises(LedgerError, match="not a frontmap ledger"):
        Ledger(path)
    with sqlite3.connect(path) as db:
        assert [r[0] for r in db.execute("SELECT name FROM sqlite_master")] == ["accounts"]


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.db"
    Ledger(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(LedgerError, match="newer frontmap"):
        Ledger(path)


def test_schema_versioned_and_foreign_keys_on(tmp_path):
    path = tmp_path / "l.db"
    with Ledger(path) as ledger:
        assert ledger._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with pytest.raises(sqlite3.IntegrityError):
            ledger._db.execute("INSERT INTO claims (report_id, place_id, event, claimant, "
                               "claimant_side, stance, evidence, evidence_start, evidence_end)"
                               " VALUES (999, 999, 'other', 'x', 'RU', 'asserted', 'e', 0, 1)")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_folder_as_ledger_path_is_refused(tmp_path):
    with pytest.raises(LedgerError, match="folder"):
        Ledger(tmp_path)
