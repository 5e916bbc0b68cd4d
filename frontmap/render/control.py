"""The control layers of a date's map, and the reference each date is judged against.

A date's map shows the places whose asserted control (``frontmap.ledger.control``) changed
on that date, each side's newly claimed area that date (``frontmap.ledger.areas``), and,
when a reference is given, each change's verdict against the date's own reference: one file
for every date, or one per date, the nearest earlier one with a warning
(``frontmap.ledger.reference``).  A change points at the claims that moved it by their index
in the page's claims, so its evidence is not carried twice.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from frontmap.ledger.control import ControlLedger, control_from_claims
from frontmap.ledger.reference import Reference, ReferenceSet, load_references
from frontmap.ledger.store import StoredClaim
from frontmap.model import Point

NO_REFERENCE = "no reference for this date"
_DIGITS = 5             # about 1 m, as the reference overlay


def stderr_warning(message: str) -> None:
    """The default for ``warn``: the warning on stderr, where the CLI puts its own."""
    print(f"warning: {message}", file=sys.stderr)


def references_of(spec: str | Path | Reference | ReferenceSet | None) -> Reference | ReferenceSet | None:
    """What ``--reference`` names, ready to ask by date: a loaded Reference stays one."""
    if spec is None or isinstance(spec, (Reference, ReferenceSet)):
        return spec
    return load_references(spec)


@dataclass
class DateReference:
    """The reference a date's map is judged against."""

    reference: Reference | None     # None: none given, or none that early
    date: str | None                # the reference's own date (None: one file for every date)
    warning: str | None
    given: bool                     # a reference was asked for: a date without one says so

    @property
    def missing(self) -> bool:
        return self.given and self.reference is None


def reference_for(references: Reference | ReferenceSet | None, date: str) -> DateReference:
    """The reference of ``date``: its own file, else the nearest earlier (with a warning)."""
    if references is None:
        return DateReference(None, None, None, False)
    if isinstance(references, Reference):
        return DateReference(references, None, None, True)
    ref, ref_date, warning = references.for_date(date)
    return DateReference(ref, ref_date, warning, True)


def verdict_words(verdict: dict[str, Any] | None) -> str:
    """A verdict in words, for tables: inside (N km from the edge), outside by N km, or none."""
    if not verdict:
        return NO_REFERENCE
    if verdict.get("verdict") == "inside":
        return f"inside ({verdict['km']:.1f} km from the edge)"
    if verdict.get("verdict") == "outside":
        return f"outside by {verdict['km']:.1f} km"
    return str(verdict.get("verdict"))


def verdicts_at(points: list[Point | None], ref: DateReference) -> list[dict[str, Any] | None]:
    """Each point against the date's reference (None: no reference for the date)."""
    return ref.reference.verdicts(points) if ref.reference is not None else [None] * len(points)


def claim_verdicts(claims: list[StoredClaim], ref: DateReference) -> list[dict[str, Any] | None]:
    """Each claim's place against the date's reference (None: no reference for the date)."""
    return verdicts_at([None if s.claim.place.lat is None or s.claim.place.lon is None
                        else Point(lat=s.claim.place.lat, lon=s.claim.place.lon) for s in claims], ref)


def date_changes(control: ControlLedger, date: str) -> list:
    """The overall status changes of ``date`` that can be drawn (their place has coordinates)."""
    return [ch for ch in control.changes if ch.date == date and ch.view == "all"
            and ch.lat is not None and ch.lon is not None]


def date_areas(control: ControlLedger, date: str, ref: DateReference, *, population=None) -> list:
    """Each side's claimed area on ``date``, with the part beyond the date's reference."""
    from frontmap.ledger.areas import claimed_areas

    return claimed_areas(date_changes(control, date), population=population, reference=ref.reference)


def control_payload(date: str, claims: list[StoredClaim], claim_index: dict[int, int],
                    control: ControlLedger | None, ref: DateReference, *, areas: list | None = None,
                    population=None) -> dict[str, Any]:
    """The "control" part of a date's payload: the date's status changes and claimed areas.

    ``claim_index``: ledger claim id -> index in the page's claims.  ``control``: the ledger's
    control ledger (None: derived from ``claims`` alone, so every change starts from unknown).
    ``areas``: the date's claimed areas, when already made (``date_areas``).
    """
    if control is None:
        control = control_from_claims(claims)
    moved = date_changes(control, date)
    verdicts = verdicts_at([Point(lat=ch.lat, lon=ch.lon) for ch in moved], ref)
    changes = []
    for ch, verdict in zip(moved, verdicts):
        row: dict[str, Any] = {"n": ch.place, "lat": _r(ch.lat), "lon": _r(ch.lon), "b": ch.before,
                               "a": ch.after, "rv": ch.reversal,
                               "cl": [claim_index[s.id] for s in ch.claims if s.id in claim_index]}
        if verdict is not None:
            row["v"] = verdict
        changes.append(row)
    if areas is None:
        areas = date_areas(control, date, ref, population=population)
    drawn = []
    for area in areas:
        from shapely.geometry import mapping

        drawn.append({"side": area.side, "km2": round(area.km2, 1), "places": list(area.places),
                      "beyond": None if area.beyond_reference_km2 is None else round(area.beyond_reference_km2, 1),
                      "geo": round_coords(mapping(area.shape))})
    return {"changes": changes, "areas": drawn}


def change_counts(changes: list[dict[str, Any]]) -> dict[str, int]:
    """How many of a date's changes went to RU, to UA, to contested, and how many were reversals."""
    counts = {"RU": 0, "UA": 0, "contested": 0, "reversals": 0}
    for ch in changes:
        if ch["a"] in counts:
            counts[ch["a"]] += 1
        counts["reversals"] += bool(ch["rv"])
    return counts


def round_coords(obj: Any, digits: int = _DIGITS) -> Any:
    """GeoJSON with every coordinate rounded (tuples become lists: the same JSON either way)."""
    if isinstance(obj, float):
        return round(obj, digits)
    if isinstance(obj, (list, tuple)):
        return [round_coords(x, digits) for x in obj]
    if isinstance(obj, dict):
        return {k: round_coords(v, digits) for k, v in obj.items()}
    return obj


def warn_once(warn: Callable[[str], None] | None, seen: set[str], message: str | None) -> None:
    if message and message not in seen:
        seen.add(message)
        (warn or stderr_warning)(message)


def _r(x: float) -> float:
    return round(float(x), 5)
