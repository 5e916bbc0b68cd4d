"""The claims ledger: every report, place and claim frontmap has read, in SQLite.

A report is stored once (same bytes, same date); ingesting is one transaction,
so a failure half-way leaves the ledger exactly as it was.  The ledger never
deletes or rewrites what it holds, and refuses files it does not recognise
rather than touching them.  A ledger written by an older frontmap is migrated
in place when opened: migrations only add columns, so nothing is lost.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontmap.errors import LedgerError
from frontmap.model import (CLAIMANT_SIDES, EVENTS, GEOMETRY_KINDS, PRECISIONS, SIDES, STANCES,
                            STATUSES, Claim, Extraction, Geometry, Place)

DEFAULT_DB = "frontmap.db"
SCHEMA_VERSION = 2
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_SCHEMA = """
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    date TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    encoding TEXT NOT NULL,
    title TEXT,
    warnings TEXT NOT NULL DEFAULT '[]',
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    UNIQUE (sha256, date)
);
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id),
    listed INTEGER NOT NULL,          -- 1: in Extraction.places or .unresolved, 0: only a claim place
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    name TEXT, kind TEXT, oblast TEXT,
    lat REAL, lon REAL,
    gazetteer_id TEXT,
    confidence REAL NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    alternatives TEXT NOT NULL DEFAULT '[]',
    precision INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id),
    place_id INTEGER NOT NULL REFERENCES places(id),
    event TEXT NOT NULL,
    beneficiary TEXT,
    claimant TEXT NOT NULL,
    claimant_side TEXT NOT NULL,
    stance TEXT NOT NULL,
    evidence TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    event_date TEXT,
    geometry TEXT                     -- Geometry.to_dict() as JSON, NULL for none
);
CREATE INDEX reports_date ON reports(date);
CREATE INDEX places_report ON places(report_id);
CREATE INDEX claims_report ON claims(report_id);
"""

# MIGRATIONS[v]: the statements that take a version-v ledger to version v + 1.
# Each only adds; a migrated ledger keeps every row it had.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: ("ALTER TABLE places ADD COLUMN precision INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE claims ADD COLUMN geometry TEXT"),
}


@dataclass
class StoredClaim:
    """A claim as stored, with the report it came from."""

    id: int
    claim: Claim
    report_path: str
    report_date: str
    report_sha256: str


@dataclass
class IngestStats:
    reports_added: int = 0
    reports_skipped: int = 0
    places_added: int = 0
    claims_added: int = 0


class Ledger:
    """A SQLite file of reports, places and claims.  Use as a context manager."""

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            p = Path(self.path)
            if p.is_dir():
                raise LedgerError(f"ledger path {self.path!r} is a folder: pass a file name "
                                  "such as 'frontmap.db' (--db)")
            p.parent.mkdir(parents=True, exist_ok=True)
        try:
            # isolation_level=None: frontmap opens and ends its own transactions
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise LedgerError(f"cannot open ledger {self.path!r}: {exc}; check the path "
                              "and its permissions (--db)") from None
        try:
            self._db.execute("PRAGMA foreign_keys = ON")
            self._prepare()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise LedgerError(f"{self.path!r} is not a frontmap ledger ({exc}): pass another "
                              "file with --db; frontmap will not touch this one") from None
        except LedgerError:
            self._db.close()
            raise

    def _prepare(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise LedgerError(f"ledger {self.path!r} was written by a newer frontmap (schema "
                              f"{version}, this one knows up to {SCHEMA_VERSION}): upgrade "
                              "frontmap, or pass another file with --db")
        if version == SCHEMA_VERSION:
            return
        tables = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if version == 0 and tables:
            raise LedgerError(f"{self.path!r} is a SQLite database but not a frontmap ledger: "
                              "pass another file with --db; frontmap will not touch this one")
        self._db.execute("BEGIN IMMEDIATE")
        try:
            # another frontmap may have prepared the file while this one waited for the lock
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version == SCHEMA_VERSION:
                statements = []
            elif version == 0:
                statements = [s for s in _SCHEMA.split(";") if s.strip()]
            else:  # an older ledger: migrate it, one version at a time, in one transaction
                statements = [s for v in range(version, SCHEMA_VERSION) for s in MIGRATIONS[v]]
            for statement in statements:
                self._db.execute(statement)
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    # --- context manager ---------------------------------------------------
    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # --- writing -----------------------------------------------------------
    def ingest(self, extractions: Iterable[Extraction]) -> IngestStats:
        """Store every extraction in one transaction: all of them or none."""
        stats = IngestStats()
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise LedgerError(f"cannot write ledger {self.path!r}: {exc}; is another "
                              "frontmap using it?") from None
        try:
            for extraction in extractions:
                report = extraction.report
                if self.has_report(report.sha256, report.date):
                    stats.reports_skipped += 1
                    continue
                self._insert_extraction(extraction, stats)
            self._db.execute("COMMIT")
        except BaseException as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise LedgerError(f"cannot write ledger {self.path!r}: {exc}; nothing "
                                  "was stored") from exc
            raise
        return stats

    def _insert_extraction(self, extraction: Extraction, stats: IngestStats) -> None:
        report_id = self._insert_report(extraction)
        stats.reports_added += 1
        place_ids: dict[str, int] = {}
        for place in [*extraction.places, *extraction.unresolved]:
            key = _place_key(place)
            if key not in place_ids:
                place_ids[key] = self._insert_place(report_id, place, listed=True)
                stats.places_added += 1
        for claim in extraction.claims:
            key = _place_key(claim.place)
            if key not in place_ids:
                place_ids[key] = self._insert_place(report_id, claim.place, listed=False)
            self._insert_claim(report_id, place_ids[key], claim)
            stats.claims_added += 1

    def _insert_report(self, extraction: Extraction) -> int:
        r = extraction.report
        if not _ISO_DATE.fullmatch(r.date or ""):
            raise LedgerError(f"report {r.path!r} has date {r.date!r}, not YYYY-MM-DD: "
                              "read it with frontmap.text.reading so its date is checked")
        if not r.sha256:
            raise LedgerError(f"report {r.path!r} has no sha256: read it with "
                              "frontmap.text.reading, which fingerprints the bytes")
        now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        cur = self._db.execute(
            "INSERT INTO reports (path, date, sha256, encoding, title, warnings, text, "
            "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (r.path, r.date, r.sha256, r.encoding, r.title,
             json.dumps(r.warnings, ensure_ascii=False), r.text, now))
        return int(cur.lastrowid)

    def _insert_place(self, report_id: int, p: Place, *, listed: bool) -> int:
        _check(p.status, STATUSES, "place status", p.text)
        _check(p.precision, PRECISIONS, "place precision", p.text)
        cur = self._db.execute(
            'INSERT INTO places (report_id, listed, text, start, "end", name, kind, oblast, '
            "lat, lon, gazetteer_id, confidence, status, reason, alternatives, precision) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (report_id, int(listed), p.text, p.start, p.end, p.name, p.kind, p.oblast,
             p.lat, p.lon, p.id, float(p.confidence), p.status, p.reason,
             json.dumps([a.to_dict() for a in p.alternatives], ensure_ascii=False, default=str), int(p.precision)))
        return int(cur.lastrowid)

    def _insert_claim(self, report_id: int, place_id: int, c: Claim) -> None:
        _check(c.event, EVENTS, "claim event", c.evidence)
        _check(c.claimant_side, CLAIMANT_SIDES, "claimant side", c.evidence)
        _check(c.stance, STANCES, "claim stance", c.evidence)
        if c.beneficiary is not None:
            _check(c.beneficiary, SIDES, "claim beneficiary", c.evidence)
        geometry = None
        if c.geometry is not None:
            _check(c.geometry.kind, GEOMETRY_KINDS, "claim geometry kind", c.evidence)
            geometry = json.dumps(c.geometry.to_dict(), ensure_ascii=False, sort_keys=True)
        self._db.execute(
            "INSERT INTO claims (report_id, place_id, event, beneficiary, claimant, "
            "claimant_side, stance, evidence, evidence_start, evidence_end, event_date, geometry) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (report_id, place_id, c.event, c.beneficiary, c.claimant, c.claimant_side,
             c.stance, c.evidence, c.evidence_start, c.evidence_end, c.event_date, geometry))

    # --- reading -----------------------------------------------------------
    def has_report(self, sha256: str, date: str) -> bool:
        row = self._db.execute("SELECT 1 FROM reports WHERE sha256 = ? AND date = ?",
                               (sha256, date)).fetchone()
        return row is not None

    def dates(self) -> list[str]:
        return [d for (d,) in self._db.execute(
            "SELECT DISTINCT date FROM reports ORDER BY date")]

    def require_date(self, date: str) -> None:
        """Raise a LedgerError that names the latest dates when the ledger has no report of ``date``."""
        dates = self.dates()
        if date not in dates:
            known = ", ".join(dates[-5:]) or "none yet"
            raise LedgerError(f"no reports dated {date!r} in ledger {self.path!r} (latest dates: "
                              f"{known}): ingest a report of that date or pick another")

    def reports(self, date: str | None = None) -> list[dict[str, Any]]:
        """One dict per stored report (without its text), oldest date first."""
        rows = self._db.execute(
            "SELECT r.id, r.path, r.date, r.sha256, r.encoding, r.title, r.warnings, "
            "r.ingested_at, "
            "(SELECT count(*) FROM places p WHERE p.report_id = r.id AND p.listed), "
            "(SELECT count(*) FROM claims c WHERE c.report_id = r.id) "
            "FROM reports r WHERE (?1 IS NULL OR r.date = ?1) ORDER BY r.date, r.path, r.id",
            (date,))
        keys = ("id", "path", "date", "sha256", "encoding", "title", "warnings",
                "ingested_at", "n_places", "n_claims")
        out = [dict(zip(keys, row)) for row in rows]
        for d in out:
            d["warnings"] = json.loads(d["warnings"])
        return out

    def report_text(self, report_id: int) -> str:
        row = self._db.execute("SELECT text FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            raise LedgerError(f"no report with id {report_id} in ledger {self.path!r}: "
                              "list them with Ledger.reports()")
        return row[0]

    def claims(self, date: str | None = None) -> list[StoredClaim]:
        rows = self._db.execute(
            f"SELECT c.id, c.event, c.beneficiary, c.claimant, c.claimant_side, c.stance, "
            f"c.evidence, c.evidence_start, c.evidence_end, c.event_date, "
            f"r.path, r.date, r.sha256, c.geometry, {_PLACE_COLS} "
            "FROM claims c JOIN reports r ON r.id = c.report_id "
            "JOIN places p ON p.id = c.place_id "
            "WHERE (?1 IS NULL OR r.date = ?1) ORDER BY r.date, r.path, c.id", (date,))
        out = []
        for row in rows:
            claim = Claim(place=_place(row[14:]), event=row[1], beneficiary=row[2],
                          claimant=row[3], claimant_side=row[4], stance=row[5],
                          evidence=row[6], evidence_start=row[7], evidence_end=row[8],
                          event_date=row[9],
                          geometry=Geometry.from_dict(json.loads(row[13])) if row[13] else None)
            out.append(StoredClaim(id=row[0], claim=claim, report_path=row[10],
                                   report_date=row[11], report_sha256=row[12]))
        return out

    def places(self, date: str | None = None,
               status: str | None = None) -> list[tuple[Place, str, str]]:
        """(place, report path, report date) for every listed place, resolved or not."""
        if status is not None:
            _check(status, STATUSES, "place status", "places()")
        rows = self._db.execute(
            f"SELECT r.path, r.date, {_PLACE_COLS} FROM places p "
            "JOIN reports r ON r.id = p.report_id WHERE p.listed "
            "AND (?1 IS NULL OR r.date = ?1) AND (?2 IS NULL OR p.status = ?2) "
            "ORDER BY r.date, r.path, p.start, p.id", (date, status))
        return [(_place(row[2:]), row[0], row[1]) for row in rows]


_PLACE_COLS = ('p.text, p.start, p."end", p.name, p.kind, p.oblast, p.lat, p.lon, '
               "p.gazetteer_id, p.confidence, p.status, p.reason, p.alternatives, p.precision")


def _place(row: tuple) -> Place:
    return Place(text=row[0], start=row[1], end=row[2], name=row[3], kind=row[4],
                 oblast=row[5], lat=row[6], lon=row[7], id=row[8], confidence=row[9],
                 status=row[10], reason=row[11], alternatives=json.loads(row[12]),
                 precision=row[13])


def _place_key(p: Place) -> str:
    return json.dumps(p.to_dict(), sort_keys=True, ensure_ascii=False, default=str)


def _check(value: object, allowed: tuple, what: str, where: str) -> None:
    if value not in allowed or isinstance(value, bool):
        raise LedgerError(f"{what} {value!r} (in {where[:60]!r}) is not one of "
                          f"{', '.join(map(str, allowed))}: fix the extraction before storing it")
