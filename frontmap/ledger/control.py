"""Who claims to hold what, date by date: the control ledger derived from the claims ledger.

The rules (the README repeats them):

* A place's status is one of ``RU`` (claimed by RU), ``UA`` (claimed by UA), ``contested`` and
  ``unknown`` (no claim has moved it yet).  It is a running state: a place keeps its status until
  a later date's claims change it.
* Only what a claimant asserts or the outlet reports moves a status; a hedged claim ("reportedly
  captured", "may encircle") asserts nothing and is left out.
* A gain sets the status to the side that gains: ``captured`` and ``withdrawal`` (their
  beneficiary), ``liberated`` (UA).  In a claimant side's own view a denied gain sets it to the
  other side ("Russian forces did not take X", said of a place the denier holds); over all claims
  a denial makes the place ``contested``: one side's word against the other's.
* Pressure, ``advance``, ``fighting``, ``encircled`` and ``repelled``, marks it ``contested``.
  A gain on the same date wins over pressure, unless the pressure is claimed by the sources of
  the side that did not gain ("captured", say RU sources; "fighting goes on", say UA's).
  Strikes and holding statements (``other``) do not move it: a strike lands either side of the line.
* Gains for both sides on one date, or a gain and its denial, make it ``contested``.
* The status is kept twice over: once for all claims together (``status``) and once per
  claimant side (``views``: what RU sources, UA sources, third parties and the outlets each say).
* Every change records the claims that caused it.  A change is a **reversal** when the place
  goes to the side opposite to the one that last held it, or when a denial undoes the gain that
  set its status.

Dates are report dates, as in the maps, except for history: a claim whose event date (a day, or a
month or year, "2022-09") ends more than HISTORY_DAYS before its report's date moves the status on
that earlier date (a month's or a year's first day), not on the report's: "Kupiansk was liberated
in September 2022" in a 2025 report is background, no change on the report's date.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from calendar import monthrange
from datetime import date as Day
from typing import Any, Iterable

from frontmap.errors import FrontmapError
from frontmap.ledger.diff import claim_dict, place_key, place_label
from frontmap.ledger.store import Ledger, StoredClaim

STATUSES = ("RU", "UA", "contested", "unknown")
HISTORY_DAYS = 31           # an event dated this much before its report is history, not the report's news
VIEWS = ("RU", "UA", "third", "outlet")
GAIN_EVENTS = ("captured", "liberated", "withdrawal")
PRESSURE_EVENTS = ("advance", "fighting", "encircled", "repelled")
_OTHER = {"RU": "UA", "UA": "RU"}


@dataclass(frozen=True)
class Change:
    """One status change at one place on one date, in one view ("all" or a claimant side)."""

    place_id: str
    place: str
    oblast: str | None
    lat: float | None
    lon: float | None
    date: str
    view: str                     # "all", or one of VIEWS
    before: str                   # one of STATUSES
    after: str
    reversal: bool
    claims: tuple[StoredClaim, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"place": self.place, "place_id": self.place_id, "oblast": self.oblast,
                "lat": self.lat, "lon": self.lon, "date": self.date, "view": self.view,
                "before": self.before, "after": self.after, "reversal": self.reversal,
                "claims": [claim_dict(s) for s in self.claims]}


@dataclass(frozen=True)
class PlaceControl:
    """A place's status on one date: overall, per claimant side, and the change that set it."""

    place_id: str
    place: str
    oblast: str | None
    lat: float | None
    lon: float | None
    status: str
    since: str | None             # the date the overall status took effect (None: unknown)
    reversal: bool                # the overall status was set by a reversal
    views: dict[str, str]         # claimant side -> status in that side's claims
    claims: tuple[StoredClaim, ...]   # the claims behind the overall status

    def to_dict(self) -> dict[str, Any]:
        return {"place": self.place, "place_id": self.place_id, "oblast": self.oblast,
                "lat": self.lat, "lon": self.lon, "status": self.status, "since": self.since,
                "reversal": self.reversal, "views": dict(self.views),
                "claims": [claim_dict(s) for s in self.claims]}


@dataclass
class _State:
    status: str = "unknown"
    holder: str | None = None     # the side that last held the place, through any contested spell
    since: str | None = None
    reversal: bool = False
    claims: tuple[StoredClaim, ...] = ()


@dataclass
class ControlLedger:
    """Every status change, in date order, and the state on any date after them."""

    dates: list[str]
    changes: list[Change] = field(default_factory=list)

    def on(self, date: str) -> list[PlaceControl]:
        """Every place some claim has moved by ``date`` (inclusive), with its status then."""
        overall: dict[str, Change] = {}
        views: dict[str, dict[str, str]] = {}
        for ch in self.changes:
            if ch.date > date:
                break
            if ch.view == "all":
                overall[ch.place_id] = ch
            else:
                views.setdefault(ch.place_id, {})[ch.view] = ch.after
        out = [PlaceControl(ch.place_id, ch.place, ch.oblast, ch.lat, ch.lon, ch.after, ch.date,
                            ch.reversal, {v: views.get(key, {}).get(v, "unknown") for v in VIEWS}, ch.claims)
               for key, ch in overall.items()]
        return sorted(out, key=lambda p: (p.place.casefold(), p.place_id))

    def between(self, before: str | None, after: str, *, view: str = "all") -> list[Change]:
        """The changes dated after ``before`` (None: from the start) up to ``after``, inclusive."""
        return [ch for ch in self.changes
                if ch.view == view and (before is None or ch.date > before) and ch.date <= after]


def effect(claims: Iterable[StoredClaim], *, overall: bool = True
           ) -> tuple[str | None, tuple[StoredClaim, ...], bool]:
    """What one date's claims at one place say of its status: (status or None, the claims behind
    it, whether a denial is among them).  None: nothing that moves a status.  ``overall``: the
    view of all claims together, where a denial contests rather than hands over (module docstring)."""
    gains: dict[str, list[StoredClaim]] = {}
    pressure: list[StoredClaim] = []
    denials: list[StoredClaim] = []
    for s in claims:
        c = s.claim
        if c.stance == "hedged":
            continue
        side = "UA" if c.event == "liberated" else c.beneficiary
        if c.event in GAIN_EVENTS and side in _OTHER:
            if c.stance == "denied":
                denials.append(s)
                if not overall:
                    gains.setdefault(_OTHER[side], []).append(s)
            else:
                gains.setdefault(side, []).append(s)
        elif c.event in PRESSURE_EVENTS and c.stance != "denied":
            pressure.append(s)
    if overall and denials:
        return "contested", tuple(s for side in sorted(gains) for s in gains[side]) + tuple(denials), True
    if len(gains) > 1:
        return "contested", tuple(s for side in sorted(gains) for s in gains[side]), bool(denials)
    if gains:
        side, behind = next(iter(gains.items()))
        against = [s for s in pressure if s.claim.claimant_side == _OTHER[side]]
        if overall and against:
            return "contested", tuple(behind) + tuple(against), False
        return side, tuple(behind), bool(denials)
    if pressure:
        return "contested", tuple(pressure), False
    return None, (), False


def _move(state: _State, status: str, behind: tuple[StoredClaim, ...], denial: bool,
          date: str) -> bool:
    """Apply one date's effect to a running state; whether the status changed."""
    if status == state.status:
        return False
    reversal = (status in _OTHER and state.holder == _OTHER[status]) or \
        (denial and state.status in _OTHER and status != state.status)
    state.status, state.since, state.reversal, state.claims = status, date, reversal, behind
    if status in _OTHER:
        state.holder = status
    return True


def _status_date(s: StoredClaim) -> str:
    """The date a stored claim moves a status on: its report's, or, for history, its event's."""
    event, report = s.claim.event_date, s.report_date
    if not event or not report:
        return report
    try:
        if len(event) == 4:                  # "in 2022": the year
            first, last = Day(int(event), 1, 1), Day(int(event), 12, 31)
        elif len(event) == 7:                # "in September 2022": the month
            first = Day.fromisoformat(event + "-01")
            last = first.replace(day=monthrange(first.year, first.month)[1])
        else:
            first = last = Day.fromisoformat(event)
        if (Day.fromisoformat(report) - last).days > HISTORY_DAYS:
            return first.isoformat()
    except ValueError:
        pass                                 # a date the calendar cannot hold: the report's
    return report


def control_from_claims(claims: Iterable[StoredClaim]) -> ControlLedger:
    """The control ledger of these claims (from any number of dates)."""
    claims = list(claims)
    by_date: dict[str, dict[str, list[StoredClaim]]] = {}
    for s in claims:
        by_date.setdefault(_status_date(s), {}).setdefault(place_key(s.claim.place), []).append(s)
    states: dict[tuple[str, str], _State] = {}
    changes: list[Change] = []
    for date in sorted(by_date):
        for key in sorted(by_date[date]):
            here = by_date[date][key]
            p = here[0].claim.place
            groups = [("all", here)] + [(v, [s for s in here if s.claim.claimant_side == v]) for v in VIEWS]
            for view, group in groups:
                status, behind, denial = effect(group, overall=view == "all")
                if status is None:
                    continue
                state = states.setdefault((key, view), _State())
                before = state.status
                if _move(state, status, behind, denial, date):
                    changes.append(Change(key, place_label(p), p.oblast, p.lat, p.lon, date, view,
                                          before, status, state.reversal, behind))
    return ControlLedger(dates=sorted({s.report_date for s in claims}), changes=changes)


def control_ledger(ledger: Ledger, *, until: str | None = None) -> ControlLedger:
    """The control ledger of every claim in ``ledger`` up to ``until`` (inclusive), if given."""
    if until is not None:
        ledger.require_date(until)
    claims = ledger.claims()
    if until is not None:
        claims = [s for s in claims if s.report_date <= until]
    return control_from_claims(claims)


def control_on(ledger: Ledger, date: str) -> list[PlaceControl]:
    """Every place's status on ``date``: the state after all claims up to that date."""
    return control_ledger(ledger, until=date).on(date)


def status_changes(ledger: Ledger, before: str | None, after: str) -> list[Change]:
    """The overall status changes after date ``before`` up to date ``after``."""
    ledger.require_date(after)
    if before is not None:
        ledger.require_date(before)
        if before >= after:
            raise FrontmapError(f"changes go from an earlier date to a later one, got {before!r} then "
                                f"{after!r}: swap them")
    return control_ledger(ledger, until=after).between(before, after)
