"""The SQLite ledger: storing, idempotence, atomicity, refusing foreign files."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest

from frontmap.errors import LedgerError
from frontmap.ledger.store import SCHEMA_VERSION, Ledger
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
    """Every row of the three tables, read past the Ledger: from the SQLite file or the database."""
    if Ledger.is_url(path):
        import psycopg

        with psycopg.connect(path) as db:
            return {t: db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
                    for t in ("reports", "places", "claims")}
    with sqlite3.connect(path) as db:
        return {t: db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
                for t in ("reports", "places", "claims")}


def test_round_trip_keeps_everything(ledger_db):
    db = ledger_db
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
        assert stored[0].claim.place.alternatives[0].oblast == "Kharkiv"
        (rep,) = ledger.reports()
        assert rep["n_claims"] == 2 and rep["n_places"] == 2 and rep["path"] == "/reports/r1.txt"
        assert ledger.report_text(rep["id"]) == ex.report.text


def test_places_include_unresolved_and_filter_by_status(ledger_db):
    with Ledger(ledger_db) as ledger:
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


def test_claims_filtered_by_date(ledger_db):
    with Ledger(ledger_db) as ledger:
        ledger.ingest([extraction(1), extraction(2, date="2024-05-03", claims=3)])
        assert len(ledger.claims("2024-05-03")) == 3
        assert len(ledger.claims("2024-05-01")) == 1
        assert ledger.claims("1999-01-01") == []
        assert ledger.dates() == ["2024-05-01", "2024-05-03"]


def test_ingesting_twice_adds_nothing(ledger_db):
    db = ledger_db
    with Ledger(db) as ledger:
        ledger.ingest([extraction(1), extraction(2)])
    before = snapshot(db)
    with Ledger(db) as ledger:
        stats = ledger.ingest([extraction(1), extraction(2)])
        assert (stats.reports_added, stats.reports_skipped, stats.claims_added) == (0, 2, 0)
        assert ledger.has_report(extraction(1).report.sha256, "2024-05-01")
    assert snapshot(db) == before


def test_same_report_twice_in_one_batch_stored_once(ledger_db):
    with Ledger(ledger_db) as ledger:
        stats = ledger.ingest([extraction(1), extraction(1)])
        assert (stats.reports_added, stats.reports_skipped) == (1, 1)
        assert len(ledger.claims()) == 1


def test_same_bytes_with_another_date_is_another_report(ledger_db):
    with Ledger(ledger_db) as ledger:
        a = extraction(1)
        b = extraction(1)
        b.report.date = "2024-06-01"
        assert ledger.ingest([a, b]).reports_added == 2


def test_failure_half_way_leaves_ledger_as_before(ledger_db, monkeypatch):
    db = ledger_db
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


def test_generator_failing_mid_way_rolls_back(ledger_db):
    db = ledger_db

    def gen():
        yield extraction(1)
        yield extraction(2)
        raise KeyboardInterrupt

    with Ledger(db) as ledger:
        with pytest.raises(KeyboardInterrupt):
            ledger.ingest(gen())
        assert ledger.dates() == [] and ledger.claims() == []


def test_invalid_claim_rejected_and_nothing_stored(ledger_db):
    bad = extraction(2)
    bad.claims[0].event = "teleported"
    with Ledger(ledger_db) as ledger:
        with pytest.raises(LedgerError, match="'teleported'"):
            ledger.ingest([extraction(1), bad])
        assert ledger.reports() == []


def test_unchecked_report_rejected(ledger_db):
    ex = extraction(1)
    ex.report.date = "May 1st"
    with Ledger(ledger_db) as ledger, pytest.raises(LedgerError, match="'May 1st'"):
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


def test_geometry_and_precision_round_trip(ledger_db):
    from frontmap.model import Geometry, Point
    ex = extraction(1, claims=2)
    ex.claims[0].place.precision = 2
    line = Geometry(kind="line", points=(Point(lat=48.1, lon=37.2), Point(lat=48.3, lon=37.5)),
                    text="along the road toward the town")
    ex.claims[0].geometry = line
    ex.claims[1].geometry = Geometry(kind="buffer", points=(Point(lat=48.0, lon=37.0),),
                                     radius_km=5.0, text="near the town")
    with Ledger(ledger_db) as ledger:
        ledger.ingest([ex])
    with Ledger(ledger_db) as ledger:
        got = [s.claim for s in ledger.claims()]
        assert got == ex.claims
        assert got[0].geometry.points[1].lon == 37.5 and got[0].place.precision == 2
        assert got[1].geometry.radius_km == 5.0
        assert ledger.places()[0][0].precision == 2


def test_bad_geometry_or_precision_is_rejected(ledger_db):
    from frontmap.model import Geometry
    bad = extraction(1)
    bad.claims[0].geometry = Geometry(kind="spiral", points=())
    with Ledger(ledger_db) as ledger:
        with pytest.raises(LedgerError, match="'spiral'"):
            ledger.ingest([bad])
        worse = extraction(2)
        worse.places[0].precision = 7
        with pytest.raises(LedgerError, match="precision 7"):
            ledger.ingest([worse])
        assert ledger.reports() == []


# The schema frontmap 0.1 wrote (user_version 1), as it stood: the migration test builds a
# ledger with it by hand, so it does not depend on today's code.
_V1_SCHEMA = """
CREATE TABLE reports (id INTEGER PRIMARY KEY, path TEXT NOT NULL, date TEXT NOT NULL,
    sha256 TEXT NOT NULL, encoding TEXT NOT NULL, title TEXT, warnings TEXT NOT NULL DEFAULT '[]',
    text TEXT NOT NULL, ingested_at TEXT NOT NULL, UNIQUE (sha256, date));
CREATE TABLE places (id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL REFERENCES reports(id),
    listed INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    name TEXT, kind TEXT, oblast TEXT, lat REAL, lon REAL, gazetteer_id TEXT,
    confidence REAL NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
    alternatives TEXT NOT NULL DEFAULT '[]');
CREATE TABLE claims (id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL REFERENCES reports(id),
    place_id INTEGER NOT NULL REFERENCES places(id), event TEXT NOT NULL, beneficiary TEXT,
    claimant TEXT NOT NULL, claimant_side TEXT NOT NULL, stance TEXT NOT NULL,
    evidence TEXT NOT NULL, evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
    event_date TEXT);
CREATE INDEX reports_date ON reports(date);
CREATE INDEX places_report ON places(report_id);
CREATE INDEX claims_report ON claims(report_id);
PRAGMA user_version = 1;
"""


def _v1_ledger(path):
    with sqlite3.connect(path) as db:
        db.executescript(_V1_SCHEMA)
        db.execute("INSERT INTO reports VALUES (1, '/r/old.txt', '2024-04-30', 'aa', 'utf-8', "
                   "'Old', ?, 'Old text.', '2024-04-30T10:00:00+00:00')", ('["w"]',))
        db.execute("INSERT INTO places VALUES (1, 1, 1, 'Alpha', 4, 9, 'Alpha', 'settlement', "
                   "'Donetsk', 48.5, 37.9, 'gn:1', 0.8, 'resolved', 'test', '[]')")
        db.execute("INSERT INTO claims VALUES (1, 1, 1, 'captured', 'RU', 'Ministry', 'RU', "
                   "'asserted', 'Old text.', 0, 9, '2024-04-29')")
    db.close()


def test_version_1_ledger_is_migrated_and_loses_nothing(tmp_path):
    path = tmp_path / "old.db"
    _v1_ledger(path)
    before = snapshot(path)
    with Ledger(path) as ledger:
        (s,) = ledger.claims()
        assert (s.claim.place.name, s.claim.place.precision, s.claim.geometry) == ("Alpha", 1, None)
        assert (s.claim.event, s.claim.event_date, s.report_path) == ("captured", "2024-04-29", "/r/old.txt")
        assert ledger.reports()[0]["warnings"] == ["w"]
        assert ledger.ingest([extraction(1)]).reports_added == 1   # and it takes new claims
    after = snapshot(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    # every old row is still there, the same, with the new columns appended at their defaults
    for table in ("reports", "places", "claims"):
        old_rows = before[table]
        assert [row[:len(old_rows[0])] for row in after[table][:len(old_rows)]] == old_rows
    assert after["places"][0][-1] == 1 and after["claims"][0][-1] is None
    assert after["reports"][0][-1] is None                              # no source link was recorded then
    with Ledger(path) as ledger:
        assert ledger.claims()[0].source_url is None
    with Ledger(path) as ledger:   # opening again migrates nothing twice
        assert len(ledger.claims()) == 2


def test_failed_migration_leaves_version_1_ledger_untouched(tmp_path, monkeypatch):
    import frontmap.ledger.store as ledger_module
    path = tmp_path / "old.db"
    _v1_ledger(path)
    before = snapshot(path)
    monkeypatch.setitem(ledger_module.MIGRATIONS, 1,
                        ledger_module.MIGRATIONS[1] + ("ALTER TABLE nowhere ADD COLUMN x",))
    with pytest.raises(LedgerError):
        Ledger(path)
    assert snapshot(path) == before
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
