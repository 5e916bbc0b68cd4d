"""Claims against a reference: each claimed place inside the assessed area or outside it by N km,
and each side's claimed area beyond the assessed line (see ``areas`` and ``reference``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from frontmap.ledger.areas import ClaimedArea, claimed_areas
from frontmap.ledger.reference import ReferenceSet
from frontmap.model import Point

NO_REFERENCE = {"verdict": "no reference", "km": None, "reference_date": None}


@dataclass
class Assessment:
    """Verdicts aligned with the rows assessed, the claimed areas, and any warnings."""

    verdicts: list[dict[str, Any]]
    areas: list[ClaimedArea]
    warnings: list[str] = field(default_factory=list)
    reference: str | None = None


def _point(row) -> Point | None:
    return None if row.lat is None or row.lon is None else Point(lat=row.lat, lon=row.lon)


def assess(rows: list, dates: list[str], changes: list, references: ReferenceSet | None,
           *, population=None) -> Assessment:
    """Verdicts for ``rows`` (PlaceControl or Change; each judged against the reference of its own
    ``date`` attribute, else of ``dates[-1]``), and the claimed areas of ``changes``."""
    if references is None:
        return Assessment([dict(NO_REFERENCE) for _ in rows], claimed_areas(changes, population=population))
    warnings: list[str] = []
    by_date: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_date.setdefault(getattr(row, "date", None) or dates[-1], []).append(i)
    verdicts: list[dict[str, Any]] = [dict(NO_REFERENCE) for _ in rows]
    for date in sorted(set(by_date) | {ch.date for ch in changes} | set(dates)):
        ref, ref_date, warning = references.for_date(date)
        if warning and warning not in warnings:
            warnings.append(warning)
        if ref is None or date not in by_date:
            continue
        found = ref.verdicts([_point(rows[i]) for i in by_date[date]])
        for i, v in zip(by_date[date], found):
            verdicts[i] = {**v, "reference_date": ref_date}
    return Assessment(verdicts, claimed_areas(changes, population=population, reference=references),
                      warnings, references.spec)
