"""A claim's own shape: an offset point, a line along a road, a disc for "near X" (its radius) or a
stated area, else its place's point; lon/lat in EPSG:4326.  Exports draw it, and a PostGIS ledger
stores it in its geometry column."""
from __future__ import annotations

import math

from frontmap.model import Claim


def claim_radius(claim: Claim) -> float | None:
    g = claim.geometry
    if g is None:
        return None
    if g.kind == "buffer":
        return g.radius_km
    if g.kind == "area" and g.area_km2:
        return round(math.sqrt(g.area_km2 / math.pi), 3)
    return None


def claim_shape(claim: Claim):
    """The claim's own shapely geometry (module docstring), lon/lat; None for a place with no point."""
    import shapely

    g = claim.geometry
    if g is not None and g.points:
        if g.kind == "line" and len(g.points) >= 2:
            return shapely.LineString([(pt.lon, pt.lat) for pt in g.points])
        radius = claim_radius(claim)
        if radius:
            from frontmap.ledger.areas import disc

            return disc(g.points[0].lat, g.points[0].lon, radius)
        return shapely.Point(g.points[0].lon, g.points[0].lat)
    p = claim.place
    return None if p.lat is None or p.lon is None else shapely.Point(p.lon, p.lat)
