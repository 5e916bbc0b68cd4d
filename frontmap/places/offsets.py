"""Where the text itself puts a place: "X, 8 km west of Y" gives X's position from Y.

The resolver keeps only candidates for X near that point (see resolving.Resolver._place).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from frontmap.distance import EARTH_KM
from frontmap.resources import check_pattern, load_json


@dataclass(frozen=True)
class StatedOffset:
    anchor_start: int       # where Y's mention starts
    km: float
    bearing_deg: float


@cache
def _rules() -> tuple[re.Pattern, dict, dict]:
    raw = _raw()
    check_pattern("places/resolving.json", "stated_offset.regex", raw["regex"], re.IGNORECASE)
    return re.compile(raw["regex"], re.IGNORECASE), raw["units_km"], raw["bearings"]


def stated_offset(text: str, end: int, next_start: int | None) -> StatedOffset | None:
    """The offset the words between a mention's end and the next mention's start state, if any."""
    if next_start is None or next_start - end > 80:
        return None
    rx, units, bearings = _rules()
    m = rx.fullmatch(text, end, next_start)
    if m is None:
        return None
    km = float(m.group(1).replace(",", ".")) * units[m.group(2).lower()]
    return StatedOffset(next_start, km, bearings[m.group(3).lower()])


def destination(lat: float, lon: float, km: float, bearing_deg: float) -> tuple[float, float]:
    """(lat, lon) km away from (lat, lon) along the bearing, on a sphere (text distances are rough)."""
    d, b = km / EARTH_KM, math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), math.degrees(l2)


def tolerance_km(km: float) -> float:
    """How far from the stated point a candidate may lie: text distances are round figures."""
    raw = _raw()
    return max(raw["tolerance_km_min"], raw["tolerance_share"] * km)


@cache
def _raw() -> dict:
    return load_json("places/resolving.json")["stated_offset"]
