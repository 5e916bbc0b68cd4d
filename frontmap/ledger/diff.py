"""What changed in the ledger between two report dates, and which places are contested on one.

The rules (the README repeats them):

* A place is one gazetteer id; a place with no id (unresolved) is its name as written, case-blind.
* **Newly claimed**: a (place, event) that claims on the later date assert, report or hedge, and
  that no claim on the earlier date asserted, reported or hedged.  Denials claim nothing.
* **Withdrawn or denied**: a (place, event) claimed on the earlier date that, on the later date,
  is *denied* (a claim of the same event at the place with stance "denied", for the same side
  when both name one), or undone by a *withdrawal* at the place: a withdrawal (not denied) by
  the side the earlier claim said gained.  A withdrawal's beneficiary is the side that gains
  from it, so it undoes gains claimed for the other side; one whose side is unknown undoes any.
* A claim missing on the later date is not a change: reports do not repeat themselves.
* **Contested** on a date (the maps' rule): an event claimed and denied at the place; gains
  claimed for both sides; or one side's sources claiming control (captured, liberated,
  encircled) where the other side's sources say something else.

``previous_date`` is the latest ledger date before a date: a brief's "new since" compares with it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from frontmap.errors import FrontmapError
from frontmap.ledger.store import Ledger, StoredClaim

CONTROL_EVENTS = ("captured", "liberated", "encircled")


def place_key(place) -> str:
    """One key per place: its gazetteer id, else its name as written (case-blind)."""
    return place.id or f"text:{(place.name or place.text or '').casefold()}"


def place_label(place) -> str:
    return place.name or place.text or "?"


@dataclass
class Change:
    """One (place, event) that is new on the later date, or withdrawn or denied on it."""

    place: str                  # canonical name, or the text as written
    place_id: str               # place_key()
    oblast: str | None
    event: str
    kind: str                   # "new" | "denied" | "withdrawal"
    before: list[StoredClaim] = field(default_factory=list)   # the earlier date's claims
    after: list[StoredClaim] = field(default_factory=list)    # the later date's claims behind the change

    def to_dict(self) -> dict[str, Any]:
        return {"place": self.place, "place_id": self.place_id, "oblast": self.oblast,
                "event": self.event, "change": self.kind,
                "before": [claim_dict(s) for s in self.before],
                "after": [claim_dict(s) for s in self.after]}


@dataclass
class LedgerDiff:
    before: str | None          # None: nothing to compare with (the ledger's first date)
    after: str
    newly_claimed: list[Change]
    withdrawn_or_denied: list[Change]

    def to_dict(self) -> dict[str, Any]:
        return {"before": self.before, "after": self.after,
                "newly_claimed": [c.to_dict() for c in self.newly_claimed],
                "withdrawn_or_denied": [c.to_dict() for c in self.withdrawn_or_denied]}


def claim_dict(stored: StoredClaim) -> dict[str, Any]:
    c = stored.claim
    return {"claimant": c.claimant, "claimant_side": c.claimant_side, "stance": c.stance,
            "beneficiary": c.beneficiary, "event": c.event, "evidence": c.evidence,
            "report": stored.report_path, "date": stored.report_date, "source_url": stored.source_url}


def previous_date(ledger: Ledger, date: str) -> str | None:
    """The latest ledger date before ``date``, or None when ``date`` is the first."""
    earlier = [d for d in ledger.dates() if d < date]
    return earlier[-1] if earlier else None


def diff_dates(ledger: Ledger, before: str | None, after: str) -> LedgerDiff:
    """The diff of the ledger from date ``before`` to date ``after`` (rules: module docstring).

    ``before`` None compares with nothing, so every claimed (place, event) is new.
    """
    ledger.require_date(after)
    if before is not None:
        ledger.require_date(before)
        if before >= after:
            raise FrontmapError(f"diff goes from an earlier date to a later one, got {before!r} then "
                                f"{after!r}: swap them")
    return diff_claims(ledger.claims(before) if before else [], ledger.claims(after),
                       before=before, after=after)


def diff_claims(old: list[StoredClaim], new: list[StoredClaim], *, before: str | None,
                after: str) -> LedgerDiff:
    """The same diff, from two lists of claims (the earlier date's and the later's)."""
    old_claimed = _by_place_event(s for s in old if s.claim.stance != "denied")
    new_claimed = _by_place_event(s for s in new if s.claim.stance != "denied")
    newly = [_change(claims, "new", after=claims) for key, claims in new_claimed.items()
             if key not in old_claimed]
    denials = [s for s in new if s.claim.stance == "denied"]
    withdrawals: dict[str, list[StoredClaim]] = {}
    for s in new:
        if s.claim.event == "withdrawal" and s.claim.stance != "denied":
            withdrawals.setdefault(place_key(s.claim.place), []).append(s)
    undone = []
    for (key, event), claims in old_claimed.items():
        gains = {s.claim.beneficiary for s in claims}
        denied = [d for d in denials if place_key(d.claim.place) == key and d.claim.event == event
                  and (d.claim.beneficiary is None or None in gains or d.claim.beneficiary in gains)]
        if denied:
            undone.append(_change(claims, "denied", before=claims, after=denied))
            continue
        if event == "withdrawal":
            continue
        # a withdrawal undoes a gain claimed for the side that withdrew (see the module docstring)
        pulled = [w for w in withdrawals.get(key, [])
                  if any(g is not None and w.claim.beneficiary != g for g in gains)]
        if pulled:
            undone.append(_change(claims, "withdrawal", before=claims, after=pulled))
    def order(ch):
        return ch.place.casefold(), ch.event
    return LedgerDiff(before=before, after=after, newly_claimed=sorted(newly, key=order),
                      withdrawn_or_denied=sorted(undone, key=order))


def _by_place_event(claims) -> dict[tuple[str, str], list[StoredClaim]]:
    out: dict[tuple[str, str], list[StoredClaim]] = {}
    for s in claims:
        out.setdefault((place_key(s.claim.place), s.claim.event), []).append(s)
    return out


def _change(claims: list[StoredClaim], kind: str, *, before=(), after=()) -> Change:
    p = claims[0].claim.place
    return Change(place=place_label(p), place_id=place_key(p), oblast=p.oblast, event=claims[0].claim.event,
                  kind=kind, before=list(before), after=list(after))


# --- contested places --------------------------------------------------------------------------

@dataclass
class Contested:
    place: str
    place_id: str
    oblast: str | None
    why: str
    claims: list[StoredClaim]


def contested_reason(claims: list) -> str:
    """Why claims (model.Claim) at one place on one date conflict, or "" when they do not."""
    reasons = []
    claimed = {c.event for c in claims if c.stance != "denied"}
    denied = {c.event for c in claims if c.stance == "denied"}
    reasons += [f"{event} claimed and denied" for event in sorted(claimed & denied)]
    # a strike lands either side of the line: it gains no ground
    gains = {c.beneficiary for c in claims if c.stance != "denied" and c.beneficiary and c.event != "strike"}
    if {"RU", "UA"} <= gains:
        reasons.append("both sides claim gains")
    said = {side: [c for c in claims if c.claimant_side == side] for side in ("RU", "UA")}
    for side, other in (("RU", "UA"), ("UA", "RU")):
        control = {c.event for c in said[side] if c.event in CONTROL_EVENTS and c.stance != "denied"}
        # a denial of that very event is the first conflict already; anything else is this one
        if control and [c for c in said[other] if c.event not in control]:
            reasons.append(f"{side} sources claim {'/'.join(sorted(control))}, {other} sources say otherwise")
    return "; ".join(reasons)


def contested_places(claims: list[StoredClaim]) -> list[Contested]:
    """The places where one date's claims conflict, by name."""
    at: dict[str, list[StoredClaim]] = {}
    for s in claims:
        at.setdefault(place_key(s.claim.place), []).append(s)
    out = []
    for key, here in at.items():
        if why := contested_reason([s.claim for s in here]):
            p = here[0].claim.place
            out.append(Contested(place=place_label(p), place_id=key, oblast=p.oblast, why=why, claims=here))
    return sorted(out, key=lambda c: c.place.casefold())


def claimants(claims: list[StoredClaim]) -> str:
    """"claimant (side, stance)" for each distinct claimant, in order."""
    seen = dict.fromkeys(f"{s.claim.claimant} ({s.claim.claimant_side}, {s.claim.stance})" for s in claims)
    return "; ".join(seen)
