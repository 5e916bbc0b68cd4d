"""The claims ledger: every report, place and claim frontmap has read, in SQLite (the default) or in
PostgreSQL with PostGIS (a ``postgresql://`` URL; see ``ledger.postgis``).

A report is stored once (same bytes, same date); ingesting is one transaction,
so a failure half-way leaves the ledger exactly as it was.  The ledger never
deletes or rewrites what it holds, and refuses files it does not recognise
rather than touching them.  A ledger written by an older frontmap is migrated
in place when opened: migrations only add columns, so nothing is lost.
"""
from __future__ import annotations

import datetime as _dt
import functools
import json
import os
import re
import secrets
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontmap.errors import LedgerError
from frontmap.model import (CLAIMANT_SIDES, EVENTS, GEOMETRY_KINDS, PRECISIONS, SIDES, STANCES,
                            STATUSES, Claim, Extraction, Geometry, Place)

DEFAULT_DB = "frontmap.db"
SCHEMA_VERSION = 3
BUSY_TIMEOUT_MS = 30_000      # how long an open or a write waits for another process's write
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
    source_url TEXT,
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
    2: ("ALTER TABLE reports ADD COLUMN source_url TEXT",),
}


def _damaged(path: str, detail: str) -> str:
    return (f"ledger {path!r} is damaged ({detail}): restore it from a backup (`frontmap ledger backup` "
            f"makes one), or `frontmap ledger recover {path}` into a new ledger; `frontmap ledger check "
            f"{path}` lists what is wrong")


def _ledger_error(path: str, exc: sqlite3.Error, doing: str, after: str = "", *,
                  opening: bool = False) -> LedgerError:
    """A sqlite3 error as a LedgerError that names the file and what to do."""
    code = getattr(exc, "sqlite_errorname", "") or ""
    then = f"; {after}" if after else ""
    if code.startswith("SQLITE_NOTADB") and opening:
        return LedgerError(f"{path!r} is not a frontmap ledger ({exc}): pass another file with --db; "
                           "frontmap will not touch this one")
    if code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in str(exc):
        return LedgerError(_damaged(path, str(exc)) + then)
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        fix = "another frontmap is writing it: try again when it has finished"
    elif code.startswith("SQLITE_FULL"):
        fix = "the disk is full: free some space and try again"
    elif code.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_CANTOPEN", "SQLITE_AUTH")):
        fix = "check the file's and its folder's permissions, or pass another --db"
    else:
        fix = "check the file and its disk, or pass another --db"
    return LedgerError(f"cannot {doing} ledger {path!r}: {exc}{then}; {fix}")


def _sqlite_errors(doing: str) -> Callable:
    """Every database error a method meets becomes a LedgerError naming the ledger's file (or server)."""
    def wrap(method: Callable) -> Callable:
        @functools.wraps(method)
        def run(self: Ledger, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except self._errors as exc:
                raise self._error(exc, doing) from None
        return run
    return wrap


@dataclass
class StoredClaim:
    """A claim as stored, with the report it came from."""

    id: int
    claim: Claim
    report_path: str
    report_date: str
    report_sha256: str
    source_url: str | None = None   # where the report was published, when it says


@dataclass
class IngestStats:
    reports_added: int = 0
    reports_skipped: int = 0
    places_added: int = 0
    claims_added: int = 0


class Ledger:
    """A SQLite file of reports, places and claims, or a PostgreSQL database given by its
    ``postgresql://`` URL.  Use as a context manager.

    Opening checks the file (``PRAGMA quick_check``; ``check=False`` skips it), reads its schema in
    one transaction and makes it under the write lock (``BEGIN IMMEDIATE``), so several processes
    may open a new file at once.
    The ledger is in WAL mode: maps and briefs read while an ingest writes.  On PostgreSQL the same
    schema gains PostGIS geometry columns, and writers take an advisory lock instead.
    """

    _errors: tuple[type[BaseException], ...] = (sqlite3.Error,)
    server = False             # True: a PostgreSQL ledger

    @staticmethod
    def is_url(path: object) -> bool:
        """Whether ``path`` names a PostgreSQL ledger (``postgresql://...``) rather than a SQLite file."""
        return isinstance(path, str) and path.startswith(("postgresql://", "postgres://"))

    @classmethod
    def shown(cls, path: str | Path) -> str:
        """``path`` as messages show it: a URL without its password."""
        if cls.is_url(path):
            from frontmap.ledger.postgis import shown

            return shown(str(path))
        return str(path)

    def __init__(self, path: str | Path = DEFAULT_DB, *, check: bool = True) -> None:
        self.readonly = False
        if self.is_url(path):
            self._open_server(str(path))
            return
        self.path = str(path)
        if self.path != ":memory:":
            p = Path(self.path)
            if p.is_dir():
                raise LedgerError(f"ledger path {self.path!r} is a folder: pass a file name "
                                  "such as 'frontmap.db' (--db)")
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LedgerError(f"cannot make the folder of ledger {self.path!r}: "
                                  f"{exc.strerror or exc}; pass another --db") from None
            # a ledger on a read-only disk can still be read, never written
            self.readonly = p.exists() and not (os.access(p, os.W_OK) and os.access(p.parent, os.W_OK))
        self._db = self._connect()
        try:
            self._db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._prepare()
            if check:     # before the switch to WAL, which would write to a damaged file
                problems = self._quick_check()
                if problems:
                    raise LedgerError(_damaged(self.path, problems[0]))
            if not self.readonly:
                self._wal()
        except sqlite3.Error as exc:
            self._db.close()
            raise _ledger_error(self.path, exc, "open", opening=True) from None
        except BaseException:
            self._db.close()
            raise

    def _open_server(self, url: str) -> None:
        from frontmap.ledger import postgis

        self.server = True
        self._db = postgis.Connection(url, lock_timeout_ms=BUSY_TIMEOUT_MS)
        self.path = self._db.name
        self._errors = (self._db.Error,)
        try:
            self._prepare()
        except self._errors as exc:
            self._db.close()
            raise self._error(exc, "open", opening=True) from None
        except BaseException:
            self._db.close()
            raise

    def _error(self, exc: BaseException, doing: str, after: str = "", *, opening: bool = False) -> LedgerError:
        if self.server:
            from frontmap.ledger.postgis import error

            return error(self.path, exc, doing, after, opening=opening)
        return _ledger_error(self.path, exc, doing, after, opening=opening)

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: frontmap opens and ends its own transactions
        try:
            if not self.readonly:
                return sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            uri = f"{Path(self.path).resolve().as_uri()}?mode=ro"
            db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            try:
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                # a WAL ledger whose folder is read-only cannot get its -shm file: no one can write
                # it here either, so read it as it is
                db.close()
                db = sqlite3.connect(f"{uri}&immutable=1", uri=True, isolation_level=None)
            return db
        except sqlite3.Error as exc:
            raise _ledger_error(self.path, exc, "open", opening=True) from None

    def _prepare(self) -> None:
        """Read the schema's version, and make or migrate the schema under the write lock.

        The two facts that tell a new file from a foreign one are read in one transaction: read
        in separate statements they could straddle another process's creation of the schema.
        A ledger already current takes no write lock, so maps and briefs open while an ingest writes.
        """
        self._db.execute("BEGIN")
        try:
            version = self._judge_schema()
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        if version == SCHEMA_VERSION:
            return
        if self.readonly:
            raise LedgerError(f"ledger {self.path!r} is read-only and "
                              f"{'empty' if version == 0 else 'in an older format'}: frontmap "
                              "cannot prepare it; make it writable, or pass another --db")
        if self.server:
            self._db.begin_prepare()
        else:
            self._db.execute("BEGIN IMMEDIATE")
        try:
            version = self._judge_schema()      # another process may have prepared it meanwhile
            if version == 0:
                statements = [s for s in _SCHEMA.split(";") if s.strip()]
                if self.server:
                    statements = self._db.create_statements(statements)
            else:  # an older ledger: migrate it, one version at a time, in one transaction
                statements = [s for v in range(version, SCHEMA_VERSION) for s in MIGRATIONS[v]]
            for statement in statements:
                self._db.execute(statement)
            if self.server:
                self._db.set_version(SCHEMA_VERSION)
            else:
                self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def _judge_schema(self) -> int:
        """The schema version, inside the caller's transaction; a newer or a foreign file is refused."""
        if self.server:
            version, tables = self._db.schema_facts()
        else:
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            tables = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise LedgerError(f"ledger {self.path!r} was written by a newer frontmap (schema "
                              f"{version}, this one knows up to {SCHEMA_VERSION}): upgrade "
                              "frontmap, or pass another file with --db")
        if version == 0 and tables:
            kind = "PostgreSQL database" if self.server else "SQLite database"
            raise LedgerError(f"{self.path!r} is a {kind} but not a frontmap ledger: "
                              "pass another file with --db; frontmap will not touch this one")
        return version

    def _wal(self) -> None:
        """WAL mode: readers and one writer at once.  Switching needs the file to itself; while
        another process holds it the switch waits for a later open (rollback mode is as safe)."""
        try:
            if self._db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                self._db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            if not (getattr(exc, "sqlite_errorname", "") or "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
                raise

    def _quick_check(self) -> list[str]:
        try:
            rows = [r[0] for r in self._db.execute("PRAGMA quick_check")]
        except sqlite3.DatabaseError as exc:
            return [str(exc)]
        return [] if rows == ["ok"] else rows

    # --- context manager ---------------------------------------------------
    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self._db.close()
        except self._errors as exc:
            raise self._error(exc, "close") from None

    # --- upkeep ------------------------------------------------------------
    def check(self) -> list[str]:
        """What ``PRAGMA integrity_check`` finds wrong with the file; [] when it is sound.  On
        PostgreSQL: rows that point to a missing row (the server keeps its own files sound)."""
        if self.server:
            try:
                return self._db.check()
            except self._errors as exc:
                return [str(exc)]
        try:
            rows = [r[0] for r in self._db.execute("PRAGMA integrity_check")]
            rows += [f"{r[0]} row {r[1]} points to a missing {r[2]} row"
                     for r in self._db.execute("PRAGMA foreign_key_check")]
        except sqlite3.DatabaseError as exc:
            return [str(exc)]
        return [r for r in rows if r != "ok"]

    @_sqlite_errors("vacuum")
    def vacuum(self) -> None:
        """Rewrite the file without free pages (it needs about its own size free on the disk)."""
        self._writable("vacuum")
        self._db.execute("VACUUM")

    @_sqlite_errors("back up")
    def backup(self, dest: str | Path) -> Path:
        """A copy of the ledger at ``dest`` (which must not exist) through SQLite's online backup,
        consistent even while another process writes; the copy appears whole or not at all."""
        if self.server:
            raise LedgerError(f"cannot back up ledger {self.path!r} here: it is a PostgreSQL database; back it "
                              "up on the server with `pg_dump`")
        dest = Path(dest)
        if dest.exists() or dest.is_symlink():
            raise LedgerError(f"cannot back up ledger {self.path!r} to {str(dest)!r}: that file exists; "
                              "pass another --out (a backup never overwrites)")
        tmp = dest.with_name(f".{dest.name}.{secrets.token_hex(4)}.tmp")
        try:
            copy = sqlite3.connect(tmp, isolation_level=None)
            try:
                self._db.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")     # one self-contained file
            finally:
                copy.close()
            os.replace(tmp, dest)
        except OSError as exc:
            raise LedgerError(f"cannot back up ledger {self.path!r} to {str(dest)!r}: "
                              f"{exc.strerror or exc}; pass another --out") from None
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + "-journal"), tmp.with_name(tmp.name + "-wal"),
                             tmp.with_name(tmp.name + "-shm")):
                try:
                    leftover.unlink(missing_ok=True)
                except OSError:
                    pass
        return dest

    def _writable(self, doing: str) -> None:
        if self.readonly:
            raise LedgerError(f"cannot {doing} ledger {self.path!r}: it is read-only; make the file "
                              "and its folder writable, or pass another --db")

    # --- writing -----------------------------------------------------------
    def ingest(self, extractions: Iterable[Extraction]) -> IngestStats:
        """Store every extraction in one transaction: all of them or none."""
        stats = IngestStats()
        self._writable("write")
        try:
            if self.server:
                self._db.begin_write()
            else:
                self._db.execute("BEGIN IMMEDIATE")
        except self._errors as exc:
            raise self._error(exc, "write") from None
        try:
            for extraction in extractions:
                report = extraction.report
                if self.has_report(report.sha256, report.date):
                    stats.reports_skipped += 1
                    continue
                self._insert_extraction(extraction, stats)
            self._db.execute("COMMIT")
        except BaseException as exc:
            try:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
            except self._errors:
                pass                    # the database rolls back on its own what it could not finish
            if isinstance(exc, self._errors):
                raise self._error(exc, "write", "nothing was stored") from None
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
            "ingested_at, source_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (_stored_path(r.path, text_only=self.server), r.date, r.sha256, r.encoding, r.title,
             json.dumps(r.warnings, ensure_ascii=False), r.text, now, r.source_url))
        return int(cur.fetchone()[0])

    def _insert_place(self, report_id: int, p: Place, *, listed: bool) -> int:
        _check(p.status, STATUSES, "place status", p.text)
        _check(p.precision, PRECISIONS, "place precision", p.text)
        cur = self._db.execute(
            'INSERT INTO places (report_id, listed, text, start, "end", name, kind, oblast, '
            "lat, lon, gazetteer_id, confidence, status, reason, alternatives, precision) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (report_id, int(listed), p.text, p.start, p.end, p.name, p.kind, p.oblast,
             p.lat, p.lon, p.id, float(p.confidence), p.status, p.reason,
             json.dumps([a.to_dict() for a in p.alternatives], ensure_ascii=False, default=str), int(p.precision)))
        return int(cur.fetchone()[0])

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
        values = (report_id, place_id, c.event, c.beneficiary, c.claimant, c.claimant_side,
                  c.stance, c.evidence, c.evidence_start, c.evidence_end, c.event_date, geometry)
        columns = ("report_id, place_id, event, beneficiary, claimant, claimant_side, stance, evidence, "
                   "evidence_start, evidence_end, event_date, geometry")
        marks = ", ".join("?" * len(values))
        if self.server:        # PostGIS: the claim's own shape, in the geometry column
            from frontmap.ledger.shapes import claim_shape

            shape = claim_shape(c)
            columns, marks = columns + ", geom", marks + ", ST_GeomFromText(?, 4326)"
            values += (None if shape is None else shape.wkt,)
        self._db.execute(f"INSERT INTO claims ({columns}) VALUES ({marks})", values)

    # --- reading -----------------------------------------------------------
    @_sqlite_errors("read")
    def has_report(self, sha256: str, date: str) -> bool:
        row = self._db.execute("SELECT 1 FROM reports WHERE sha256 = ? AND date = ?",
                               (sha256, date)).fetchone()
        return row is not None

    @_sqlite_errors("read")
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

    @_sqlite_errors("read")
    def reports(self, date: str | None = None) -> list[dict[str, Any]]:
        """One dict per stored report (without its text), oldest date first."""
        rows = self._db.execute(
            "SELECT r.id, r.path, r.date, r.sha256, r.encoding, r.title, r.warnings, "
            "r.ingested_at, "
            "(SELECT count(*) FROM places p WHERE p.report_id = r.id AND p.listed = 1), "
            "(SELECT count(*) FROM claims c WHERE c.report_id = r.id), r.source_url "
            f"FROM reports r {'WHERE r.date = ?' if date is not None else ''} ORDER BY r.date, r.path, r.id",
            () if date is None else (date,))
        keys = ("id", "path", "date", "sha256", "encoding", "title", "warnings",
                "ingested_at", "n_places", "n_claims", "source_url")
        out = [dict(zip(keys, row)) for row in rows]
        for d in out:
            d["path"] = _read_path(d["path"])
            d["warnings"] = json.loads(d["warnings"])
        return out

    @_sqlite_errors("read")
    def report_text(self, report_id: int) -> str:
        row = self._db.execute("SELECT text FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            raise LedgerError(f"no report with id {report_id} in ledger {self.path!r}: "
                              "list them with Ledger.reports()")
        return row[0]

    @_sqlite_errors("read")
    def claims(self, date: str | None = None) -> list[StoredClaim]:
        rows = self._db.execute(
            f"SELECT c.id, c.event, c.beneficiary, c.claimant, c.claimant_side, c.stance, "
            f"c.evidence, c.evidence_start, c.evidence_end, c.event_date, "
            f"r.path, r.date, r.sha256, c.geometry, {_PLACE_COLS}, r.source_url "
            "FROM claims c JOIN reports r ON r.id = c.report_id "
            "JOIN places p ON p.id = c.place_id "
            f"{'WHERE r.date = ?' if date is not None else ''} ORDER BY r.date, r.path, c.id",
            () if date is None else (date,))
        out = []
        for row in rows:
            claim = Claim(place=_place(row[14:-1]), event=row[1], beneficiary=row[2],
                          claimant=row[3], claimant_side=row[4], stance=row[5],
                          evidence=row[6], evidence_start=row[7], evidence_end=row[8],
                          event_date=row[9],
                          geometry=Geometry.from_dict(json.loads(row[13])) if row[13] else None)
            out.append(StoredClaim(id=row[0], claim=claim, report_path=_read_path(row[10]),
                                   report_date=row[11], report_sha256=row[12], source_url=row[-1]))
        return out

    @_sqlite_errors("read")
    def places(self, date: str | None = None,
               status: str | None = None) -> list[tuple[Place, str, str]]:
        """(place, report path, report date) for every listed place, resolved or not."""
        if status is not None:
            _check(status, STATUSES, "place status", "places()")
        where = [("r.date = ?", date), ("p.status = ?", status)]
        rows = self._db.execute(
            f"SELECT r.path, r.date, {_PLACE_COLS} FROM places p "
            "JOIN reports r ON r.id = p.report_id WHERE p.listed = 1 "
            + "".join(f"AND {sql} " for sql, value in where if value is not None)
            + "ORDER BY r.date, r.path, p.start, p.id", tuple(v for _, v in where if v is not None))
        return [(_place(row[2:]), _read_path(row[0]), row[1]) for row in rows]


_PLACE_COLS = ('p.text, p.start, p."end", p.name, p.kind, p.oblast, p.lat, p.lon, '
               "p.gazetteer_id, p.confidence, p.status, p.reason, p.alternatives, p.precision")


def _place(row: tuple) -> Place:
    return Place(text=row[0], start=row[1], end=row[2], name=row[3], kind=row[4],
                 oblast=row[5], lat=row[6], lon=row[7], id=row[8], confidence=row[9],
                 status=row[10], reason=row[11], alternatives=json.loads(row[12]),
                 precision=row[13])


def _stored_path(path: str, *, text_only: bool = False) -> str | bytes:
    """A report's path as given: text, or the file name's own bytes when it is not UTF-8 (Python
    holds those as surrogate escapes, which SQLite text cannot).  ``text_only`` (PostgreSQL, whose
    text holds UTF-8 only): those bytes shown as backslash escapes instead, readable but not the name."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        raw = path.encode("utf-8", "surrogateescape" if _fs_bytes(path) else "backslashreplace")
        return raw.decode("utf-8", "backslashreplace") if text_only else raw


def _fs_bytes(path: str) -> bool:
    return all(0xdc80 <= ord(c) <= 0xdcff for c in path if 0xd800 <= ord(c) <= 0xdfff)


def _read_path(value: str | bytes) -> str:
    return value if isinstance(value, str) else value.decode("utf-8", "surrogateescape")


def _place_key(p: Place) -> str:
    return json.dumps(p.to_dict(), sort_keys=True, ensure_ascii=False, default=str)


def _check(value: object, allowed: tuple, what: str, where: str) -> None:
    if value not in allowed or isinstance(value, bool):
        raise LedgerError(f"{what} {value!r} (in {where[:60]!r}) is not one of "
                          f"{', '.join(map(str, allowed))}: fix the extraction before storing it")
