"""Claimed areas: for each side and date, the ground its newly claimed places stand for.

A place whose status changes to a side on a date (see ``control``) is drawn as a disc of
the settlement's rough extent, from its population in the gazetteer: a built-up density of
about 1,500 people per km², and never less than a village's 1 km radius.  The discs of one
side and date are unioned with shapely, and areas are km² on a Lambert equal-area
projection centred on the theatre (pyproj).  Against a reference of assessed occupied ground,
a side's claim beyond the assessed line is, for RU, its area outside the reference, and for UA
its area inside it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

DENSITY_PER_KM2 = 1500.0
MIN_RADIUS_KM = 1.0
MAX_RADIUS_KM = 15.0
# equal-area projection centred on the theatre: areas true to a fraction of a per cent across it
EQUAL_AREA = "+proj=laea +lat_0=48.5 +lon_0=35.0 +datum=WGS84 +units=m +no_defs"


def radius_km(population: int | None) -> float:
    """A settlement's rough radius from its population (see the module docstring)."""
    if not population or population <= 0:
        return MIN_RADIUS_KM
    return max(MIN_RADIUS_KM, min(MAX_RADIUS_KM, math.sqrt(population / (math.pi * DENSITY_PER_KM2))))


@lru_cache(maxsize=1)
def _transformers():
    from pyproj import Transformer

    return (Transformer.from_crs("EPSG:4326", EQUAL_AREA, always_xy=True),
            Transformer.from_crs(EQUAL_AREA, "EPSG:4326", always_xy=True))


@dataclass(frozen=True)
class ClaimedArea:
    """One side's newly claimed ground on one date, in lon/lat, with its area."""

    side: str                       # "RU" | "UA"
    date: str
    places: tuple[str, ...]         # the places it is made of
    shape: Any                      # shapely (Multi)Polygon, lon/lat
    km2: float
    beyond_reference_km2: float | None = None   # None: no reference given for the date

    def to_dict(self) -> dict[str, Any]:
        return {"side": self.side, "date": self.date, "places": list(self.places), "km2": round(self.km2, 1),
                "beyond_reference_km2": None if self.beyond_reference_km2 is None
                else round(self.beyond_reference_km2, 1)}

    def geojson(self) -> dict[str, Any]:
        from shapely.geometry import mapping

        return {"type": "Feature", "geometry": mapping(self.shape), "properties": self.to_dict()}


def _projected(shape):
    import shapely

    forward, _ = _transformers()
    return shapely.transform(shape, lambda xy: _xy(forward, xy))


def _xy(transformer, xy):
    import numpy as np

    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def disc(lat: float, lon: float, km: float):
    """A disc of radius ``km`` around (lat, lon), built on the equal-area plane, in lon/lat."""
    import shapely

    forward, back = _transformers()
    x, y = forward.transform(lon, lat)
    circle = shapely.Point(x, y).buffer(km * 1000.0, quad_segs=16)
    return shapely.transform(circle, lambda xy: _xy(back, xy))


def area_km2(shape) -> float:
    """The area of a lon/lat shape in km², on the equal-area projection."""
    return 0.0 if shape is None or shape.is_empty else _projected(shape).area / 1e6


def claimed_areas(changes, *, population=None, reference=None) -> list[ClaimedArea]:
    """One ClaimedArea per (date, side) among ``changes`` (control.Change, overall view) whose new
    status is a side.  ``population``: place id -> population (default: the gazetteer's);
    ``reference``: a Reference of assessed occupied ground, or a ReferenceSet, for the comparison."""
    import shapely

    if population is None:
        population = _gazetteer_population
    groups: dict[tuple[str, str], list] = {}
    for ch in changes:
        if ch.view == "all" and ch.after in ("RU", "UA") and ch.lat is not None and ch.lon is not None:
            groups.setdefault((ch.date, ch.after), []).append(ch)
    out = []
    for (date, side), here in sorted(groups.items()):
        shape = shapely.union_all([disc(ch.lat, ch.lon, radius_km(population(ch.place_id))) for ch in here])
        beyond = None
        ref = reference.for_date(date)[0] if hasattr(reference, "for_date") else reference
        if ref is not None:
            rest = shape.difference(ref.shape) if side == "RU" else shape.intersection(ref.shape)
            beyond = area_km2(rest)
        out.append(ClaimedArea(side, date, tuple(ch.place for ch in here), shape, area_km2(shape), beyond))
    return out


def _gazetteer_population(place_id: str) -> int:
    from frontmap.gazetteer.store import default_gazetteer

    entry = default_gazetteer().get(place_id) if place_id and not place_id.startswith("text:") else None
    return entry.population if entry is not None else 0
