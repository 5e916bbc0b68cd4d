"""Great-circle distance, the one implementation every stage uses.

Hand-rolled rather than geopy's because the resolver calls it in its hot loop.
"""
from __future__ import annotations

import math
from typing import Protocol

EARTH_KM = 6371.0088  # mean Earth radius (IUGG)


class HasLatLon(Protocol):
    lat: float
    lon: float


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def distance_km(a: HasLatLon, b: HasLatLon) -> float:
    """Distance between two things with named lat and lon (Point, Entry, Place)."""
    return haversine_km(a.lat, a.lon, b.lat, b.lon)
