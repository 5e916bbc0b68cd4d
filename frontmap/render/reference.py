"""A reference overlay: polygons (say, an assessed-control map for the date) read from GeoJSON.

The map draws them as a layer, and every claim's popup says whether its place
lies inside them.  Shapely is imported only when a reference is loaded.
"""
from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontmap.errors import MapError
from frontmap.model import Point

KM_PER_DEG_LAT = 110.57
NEAR_KM = 25.0          # closer than this to the edge, the popup gives the distance
INSIDE = "inside the reference polygons"
OUTSIDE = "outside the reference polygons"
_DIGITS = 5             # about 1 m: enough for drawing, keeps the page small


@dataclass
class Reference:
    """Polygons to overlay: ``name`` (the file name), ``geojson`` (to draw) and the shape (to test)."""

    name: str
    geojson: dict[str, Any]
    shape: Any              # shapely (Multi)Polygon, lon/lat

    def locate(self, points: list[Point]) -> list[str]:
        """For each point, in words: inside the polygons, or outside (and how far, when near)."""
        import numpy as np
        import shapely

        if not points:
            return []
        lats = np.array([p.lat for p in points])
        lons = np.array([p.lon for p in points])
        inside = shapely.contains_xy(self.shape, lons, lats)
        # distances on a plane scaled at the points' mean latitude: good to a few per cent
        scale = math.cos(math.radians(float(lats.mean())))
        flat = shapely.transform(self.shape, lambda xy: xy * [scale, 1.0])
        km = shapely.distance(flat, shapely.points(lons * scale, lats)) * KM_PER_DEG_LAT
        return [INSIDE if i else (f"{OUTSIDE}, {d:.1f} km from their edge" if d < NEAR_KM else OUTSIDE)
                for i, d in zip(inside.tolist(), km.tolist())]


def load_reference(path: str | Path) -> Reference:
    """Read a GeoJSON file (``.gz`` too) of polygons: FeatureCollection, Feature or geometry."""
    import shapely
    from shapely.geometry import shape

    path = Path(path)
    try:
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        doc = json.loads(raw.decode("utf-8-sig"))
    except FileNotFoundError:
        raise MapError(f"no reference file {str(path)!r}: pass a GeoJSON file of polygons "
                       "(plain or .gz) with --reference") from None
    except (OSError, EOFError, UnicodeDecodeError, ValueError) as exc:
        raise MapError(f"reference {str(path)!r} is not readable GeoJSON ({exc}): pass a GeoJSON "
                       "file of polygons (plain or .gz)") from None
    geometries = _geometries(doc, path)
    polygons = []
    for g in geometries:
        try:
            geom = shapely.make_valid(shape(g))
        except Exception as exc:  # shapely raises several types for malformed coordinates
            raise MapError(f"reference {str(path)!r} has a malformed {g.get('type')!r} geometry "
                           f"({exc}): fix the file") from None
        polygons += [p for p in getattr(geom, "geoms", [geom]) if p.geom_type == "Polygon"]
    if not polygons:
        raise MapError(f"reference {str(path)!r} holds no polygons: pass a GeoJSON file whose "
                       "features are Polygons or MultiPolygons")
    merged = shapely.union_all(polygons)
    shapely.prepare(merged)
    drawn = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": _round(g)} for g in geometries]}
    return Reference(name=path.name, geojson=drawn, shape=merged)


def _geometries(doc: Any, path: Path) -> list[dict]:
    kind = doc.get("type") if isinstance(doc, dict) else None
    if kind == "FeatureCollection":
        found = [f.get("geometry") for f in doc.get("features") or [] if isinstance(f, dict)]
    elif kind == "Feature":
        found = [doc.get("geometry")]
    elif kind in ("Polygon", "MultiPolygon", "GeometryCollection"):
        found = [doc]
    else:
        raise MapError(f"reference {str(path)!r} is GeoJSON of type {kind!r}: pass a "
                       "FeatureCollection, Feature, Polygon or MultiPolygon")
    return [g for g in found if isinstance(g, dict) and g.get("type") in
            ("Polygon", "MultiPolygon", "GeometryCollection")]


def _round(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, _DIGITS)
    if isinstance(obj, list):
        return [_round(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    return obj
