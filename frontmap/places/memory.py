"""One sense across reports: a name an earlier report pinned down keeps that referent in a later
report that cannot pin it down itself.

The memory holds, per name key, the referents that reports resolved with confidence (status
``resolved``) within ``window_days`` before a report's date.  A later place left ``ambiguous``
whose candidates include the one remembered referent takes it as its best pick, with a
confidence of at most ``INHERITED`` and a reason that says where it came from; it stays
``ambiguous``, since the report's own text did not decide.  A name that earlier reports
resolved to two referents far apart is a true homonym of the front, and nothing is inherited.
Places a report resolves itself are never changed; instead, two reports of one date resolving a
name more than ``APART_KM`` apart give a warning.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable

from frontmap.distance import distance_km
from frontmap.model import Alternative, Place
from frontmap.text.names import name_key

if TYPE_CHECKING:
    from frontmap.gazetteer.store import Gazetteer

INHERITED = 0.8          # a referent taken from other reports: likely, not decided by this text
APART_KM = 90.0          # two referents of one name further apart than this are two places
WINDOW_DAYS = 60         # the front moves: older reports say little about which village is meant


@dataclass(frozen=True)
class Recalled:
    """One referent a name took in earlier reports."""

    id: str
    name: str
    lat: float
    lon: float
    date: str            # the latest report date that resolved it
    report: str          # that report's path
    count: int = 1       # how many reports resolved it


class Memory:
    """Referents of names across reports (see the module docstring)."""

    def __init__(self, window_days: int = WINDOW_DAYS):
        self.window_days = window_days
        self._seen: dict[str, dict[str, Recalled]] = {}

    def __len__(self) -> int:
        return len(self._seen)

    def learn(self, places: Iterable[Place], date: str, report: str) -> None:
        """Remember what one report resolved (a report counts once per referent, however often
        it is called with that report's places)."""
        for p in {(p.id, name_key(p.text)): p for p in places if _sure(p)}.values():
            self._add(name_key(p.text), Recalled(p.id, p.name or p.text, p.lat, p.lon, date, report))

    def _add(self, key: str, r: Recalled) -> None:
        known = self._seen.setdefault(key, {})
        old = known.get(r.id)
        if old is None:
            known[r.id] = r
        elif r.report != old.report:
            latest = r if r.date >= old.date else old
            known[r.id] = replace(latest, count=old.count + 1)

    def recall(self, text: str, date: str | None) -> list[Recalled]:
        """The referents reports within the window before ``date`` (inclusive) resolved ``text`` to."""
        known = self._seen.get(name_key(text), {})
        if not date:
            return list(known.values())
        return [r for r in known.values() if _within(r.date, date, self.window_days)]

    def apply(self, places: list[Place], date: str | None, gazetteer: Gazetteer | None = None) -> list[Place]:
        """The places, each ambiguous one that earlier reports decided taking their referent.
        ``gazetteer``: to find a referent among all the name's candidates, not only those the
        place lists as alternatives."""
        return [self._inherit(p, date, gazetteer) if p.status == "ambiguous" else p for p in places]

    def _inherit(self, p: Place, date: str | None, gazetteer: Gazetteer | None) -> Place:
        found = self.recall(p.text, date)
        if not found or _spread(found) > APART_KM:
            return p
        ids = {r.id for r in found}
        alt = next((a for a in p.alternatives if a.id in ids), None)
        if alt is None and gazetteer is not None:
            entry = next((m.entry for m in gazetteer.lookup(p.text) if m.entry.id in ids), None)
            if entry is not None:
                alt = Alternative(id=entry.id, name=entry.name, kind=entry.kind, oblast=entry.oblast,
                                  raion=entry.raion, lat=entry.lat, lon=entry.lon)
        if alt is None:
            return p
        r = max((r for r in found if r.id == alt.id), key=lambda r: (r.count, r.date))
        others = "" if len(found) == 1 else " (and nearby referents)"
        reports = f"{r.count} earlier report{'s' if r.count > 1 else ''}, last {r.report} of {r.date}"
        reason = (f"taken from {reports}{others}, where the name was resolved; this report does not decide it"
                  + (f"; on its own it pointed to {p.name} ({p.oblast})" if p.id != alt.id and p.name else ""))
        return replace(p, name=alt.name, kind=alt.kind, oblast=alt.oblast, lat=alt.lat, lon=alt.lon, id=alt.id,
                       confidence=max(INHERITED, p.confidence) if p.id == alt.id else INHERITED,
                       reason=reason)

    def conflicts(self, places: Iterable[Place], date: str, report: str) -> list[str]:
        """Warnings for places this report resolved more than APART_KM from the referent another
        report of the same date gave the same name."""
        out = []
        for p in places:
            if not _sure(p):
                continue
            for r in self._seen.get(name_key(p.text), {}).values():
                if r.date == date and r.report != report and r.id != p.id:
                    km = distance_km(p, r)
                    if km > APART_KM:
                        out.append(f"{p.text!r} is {p.name} ({p.oblast}) here but {r.name} in {r.report}, "
                                   f"{km:.0f} km away, on the same date: check which place is meant")
        return out


def _sure(p: Place) -> bool:
    return p.status == "resolved" and p.id is not None and p.lat is not None and p.lon is not None


def _spread(found: list[Recalled]) -> float:
    return max((distance_km(a, b) for a in found for b in found), default=0.0)


def _within(seen: str, date: str, days: int) -> bool:
    try:
        gap = (_dt.date.fromisoformat(date[:10]) - _dt.date.fromisoformat(seen[:10])).days
    except ValueError:
        return False
    return 0 <= gap <= days
