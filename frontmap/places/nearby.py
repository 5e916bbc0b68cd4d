"""The places a report's other mentions are placed at, asked "which is nearest?" and "how many?".

The resolver asks these once per mention (the reason it gives, a misspelling far from everything, a
report mostly about Russia).  Mentions are grouped by name and chosen place, so a question costs the
number of distinct places, not of mentions; past ``EXACT`` distinct places a k-d tree answers it.
Choices may still change while the resolver's last loop runs: ``refresh(i)`` after item i's does.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from frontmap.distance import distance_km

if TYPE_CHECKING:
    from frontmap.model import Entry
    from frontmap.places.resolving import _Item

EXACT = 400          # distinct places up to which every one is compared
_KM_LIMIT = 100_000  # distances remembered (see _km)
_KM: dict[tuple[float, float, float, float], float] = {}


def _km(a: Entry, b: Entry) -> float:
    """distance_km(a, b), remembered by the two points: every mention's reason asks it of the same
    pairs of places, and a report's places recur in the next."""
    key = (a.lat, a.lon, b.lat, b.lon)
    km = _KM.get(key)
    if km is None:
        if len(_KM) >= _KM_LIMIT:
            _KM.clear()             # a long-running process must not grow without bound
        km = _KM[key] = distance_km(a, b)
    return km


def _entry(it: _Item) -> Entry:
    return it.candidates[it.best].entry


def _state(it: _Item) -> tuple:
    return it.best, it.confidence, it.fuzzy, id(it.candidates), len(it.candidates)


class Chosen:
    """The items for which ``ok(item)`` holds, grouped by (name key, chosen entry)."""

    def __init__(self, items: list[_Item], ok: Callable[[_Item], bool], like: Chosen | None = None):
        self.items, self.ok = items, ok
        # another Chosen of the same items has read where they are and their state: shared, not redone
        # (neither is changed after this)
        same = like is not None and like.items is items
        self.index = like.index if same else {id(it): i for i, it in enumerate(items)}
        self.state = like.state if same else [_state(it) for it in items]
        self.was_ok = [ok(it) for it in items]
        self.changed: set[int] = set()
        self.by_key: dict[str, int] = {}
        for i, it in enumerate(items):
            if self.was_ok[i]:
                self.by_key[it.key] = self.by_key.get(it.key, 0) + 1
        self.total = sum(self.by_key.values())
        self._groups: list[list[int]] | None = None    # built on the first nearest(): some only count
        self._tree = None
        self._asked: dict[tuple[str, int], list[list[int]]] = {}

    def _grouped(self) -> list[list[int]]:
        """The items that counted when this was built, grouped by (name key, chosen entry)."""
        if self._groups is None:
            groups: dict[tuple[str, str], list[int]] = {}
            for i, it in enumerate(self.items):
                if self.was_ok[i]:
                    # an item whose choice has changed since is read from `changed`, never from its group
                    groups.setdefault((it.key, _entry(it).id), []).append(i)
            self._groups = list(groups.values())
            self._points = [(_entry(self.items[g[0]]).lat, _entry(self.items[g[0]]).lon) for g in self._groups]
        return self._groups

    def refresh(self, i: int, now: tuple | None = None) -> None:
        """Item i's choice may have changed: from now on it is read as it is, not as it was.
        (now: its state, when the caller has read it for several Chosen of the same items.)"""
        if (_state(self.items[i]) if now is None else now) != self.state[i]:
            self.changed.add(i)

    def count(self, key: str | None = None) -> int:
        """How many items count (with key: of that name)."""
        n = self.total if key is None else self.by_key.get(key, 0)
        for i in self.changed:
            if key is None or self.items[i].key == key:
                n += int(self.ok(self.items[i])) - int(self.was_ok[i])
        return n

    def nearest(self, e: Entry, me: _Item, other_key: bool) -> tuple[float, _Item] | None:
        """(km, item) of the nearest item that counts, other than me (with other_key: of another
        name than mine); the first in text order among equally near ones."""
        mine = self.index.get(id(me))
        best: tuple[float, int] | None = None

        changed, items = self.changed, self.items

        def consider(members: list[int]) -> None:
            nonlocal best
            i = members[0]
            if i == mine or i in changed:       # rare: most groups stand as they were built
                i = next((j for j in members if j != mine and j not in changed), None)
                if i is None:
                    return
            it = items[i]
            if other_key and it.key == me.key:
                return
            cand = (_km(e, _entry(it)), i)
            if best is None or cand < best:
                best = cand
        if len(self._grouped()) <= EXACT:
            for members in self._groups:
                consider(members)
        else:
            k = 16
            while True:
                for members in self._near(e, k):
                    consider(members)
                if best is not None or k >= len(self._groups):
                    break
                k *= 4
        for i in self.changed:
            it = self.items[i]
            if i == mine or not self.ok(it) or (other_key and it.key == me.key):
                continue
            cand = (_km(e, _entry(it)), i)
            if best is None or cand < best:
                best = cand
        return (best[0], self.items[best[1]]) if best else None

    def _near(self, e: Entry, k: int) -> list[list[int]]:
        """The k groups nearest e: a k-d tree on the unit sphere, whose chord order is the great-circle
        order (one query per place and k: mentions of one place ask the same)."""
        found = self._asked.get((e.id, k))
        if found is None:
            import numpy as np
            from scipy.spatial import cKDTree
            if self._tree is None:
                lat = np.radians([p[0] for p in self._points])
                lon = np.radians([p[1] for p in self._points])
                self._tree = cKDTree(np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon),
                                                      np.sin(lat))))
            la, lo = math.radians(e.lat), math.radians(e.lon)
            _, idx = self._tree.query((math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)),
                                      k=min(k, len(self._groups)))
            found = self._asked[(e.id, k)] = [self._groups[j] for j in np.atleast_1d(idx).tolist()]
        return found


def refresh(chosen: list[Chosen], i: int) -> None:
    """Chosen.refresh(i) of each, item i's state read once (they hold the same items)."""
    if chosen:
        now = _state(chosen[0].items[i])
        for c in chosen:
            c.refresh(i, now if c.items is chosen[0].items else None)
