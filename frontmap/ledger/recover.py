"""Salvaging a damaged ledger: every report whose row can still be read, extracted again.

A ledger keeps each report's text as read, so the text is all a new ledger needs: its places
and claims are extracted afresh (by this frontmap, in date order, with one sense across
reports as an ingest would) rather than copied from pages that may be damaged too.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from frontmap.errors import LedgerError
from frontmap.ledger.store import Ledger
from frontmap.model import Report

_COLUMNS = "id, path, date, text, encoding, sha256, title, warnings, source_url"
_GAP = 1_000          # ids probed past the last readable one before the scan gives up


@dataclass
class Recovery:
    """What a recovery read and stored."""

    dest: Path
    recovered: int = 0
    unreadable: int = 0                       # report rows the damage made unreadable
    notes: list[str] = field(default_factory=list)


def _report(row: tuple) -> Report:
    rid, path, date, text, encoding, sha, title, warnings, url = row
    try:
        warned = list(json.loads(warnings or "[]"))
    except ValueError:
        warned = []
    return Report(path=path, date=date, text=text, encoding=encoding or "utf-8", sha256=sha, title=title,
                  warnings=warned, source_url=url)


def salvage_reports(path: str | Path) -> tuple[list[Report], int, list[str]]:
    """The report rows of ``path`` that can still be read, how many could not be, and notes."""
    notes: list[str] = []
    try:
        db = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise LedgerError(f"cannot open ledger {str(path)!r} to recover it: {exc}") from None
    rows: dict[int, tuple] = {}
    unreadable = 0
    try:
        try:
            for row in db.execute(f"SELECT {_COLUMNS} FROM reports ORDER BY id"):
                rows[row[0]] = row
        except sqlite3.DatabaseError as exc:
            notes.append(f"the reports table stops being readable after {len(rows)} row(s) ({exc}); "
                         "probing the rest one by one")
            # past the damage, row by row: a row on a damaged page fails alone
            rid, misses = max(rows, default=0), 0
            while misses < _GAP:
                rid += 1
                try:
                    row = db.execute(f"SELECT {_COLUMNS} FROM reports WHERE id = ?", (rid,)).fetchone()
                except sqlite3.DatabaseError:
                    unreadable += 1
                    misses += 1
                    continue
                if row is None:
                    misses += 1
                    continue
                rows[rid], misses = row, 0
    finally:
        db.close()
    reports = []
    for rid in sorted(rows):
        try:
            reports.append(_report(rows[rid]))
        except (TypeError, ValueError):
            unreadable += 1
    reports.sort(key=lambda r: r.date)       # one sense across reports runs in date order
    return reports, unreadable, notes


def recover(src: str | Path, dest: str | Path, extract: Callable[[Report], object], *,
            batch: int = 20) -> Recovery:
    """A new ledger at ``dest`` (which must not exist) with every readable report of ``src``,
    extracted again by ``extract`` (report -> Extraction)."""
    dest = Path(dest)
    if dest.exists() or dest.is_symlink():
        raise LedgerError(f"cannot recover into {str(dest)!r}: that file exists; pass another --out "
                          "(a recovery never overwrites)")
    if Path(src).resolve() == dest.resolve():
        raise LedgerError("the recovered ledger must be a new file, not the damaged one: pass another --out")
    reports, unreadable, notes = salvage_reports(src)
    out = Recovery(dest, unreadable=unreadable, notes=notes)
    with Ledger(dest) as ledger:
        chunk = []
        for report in reports:
            chunk.append(extract(report))
            if len(chunk) >= batch:
                out.recovered += ledger.ingest(chunk).reports_added
                chunk = []
        if chunk:
            out.recovered += ledger.ingest(chunk).reports_added
    return out


recover_ledger = recover      # its public name: frontmap.recover_ledger
