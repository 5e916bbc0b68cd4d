"""A reference: polygons (say, an assessed-control map for the date) read from GeoJSON.

The map draws them as a layer, every claim's popup says whether its place lies
inside them, and the control ledger gives each claimed place a verdict (inside,
or outside by so many km).  ``--reference`` names one file for every date, or a
folder or a file pattern with one file per date (the date in the file name, as
``deepstate_occupied_20251120.geojson.gz``): each date takes its own file, or the
nearest earlier one with a warning.  Shapely is imported only when a reference is loaded.
"""
from __future__ import annotations

import glob
import gzip
import json
import math
import re
from dataclasses import dataclass, field
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

    def measure(self, points: list[Point]) -> list[tuple[bool, float]]:
        """For each point: whether it lies inside the polygons, and its distance from their edge in km."""
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
        km = shapely.distance(shapely.boundary(flat), shapely.points(lons * scale, lats)) * KM_PER_DEG_LAT
        return list(zip(inside.tolist(), km.tolist()))

    def locate(self, points: list[Point]) -> list[str]:
        """For each point, in words: inside the polygons, or outside (and how far, when near)."""
        return [INSIDE if i else (f"{OUTSIDE}, {d:.1f} km from their edge" if d < NEAR_KM else OUTSIDE)
                for i, d in self.measure(points)]

    def verdicts(self, points: list[Point | None]) -> list[dict[str, Any]]:
        """For each point (None: a place with no coordinates), a verdict for a claim made there:
        ``{"verdict": "inside" | "outside" | "no point", "km": distance from the edge, 0.1 km}``."""
        known = [p for p in points if p is not None]
        measured = iter(self.measure(known))
        out = []
        for p in points:
            if p is None:
                out.append({"verdict": "no point", "km": None})
                continue
            inside, km = next(measured)
            out.append({"verdict": "inside" if inside else "outside", "km": round(km, 1)})
        return out


_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")
_GIS_ENDINGS = (".gpkg", ".shp", ".kml", ".fgb", ".parquet")
_REFERENCE_ENDINGS = (".geojson", ".geojson.gz", ".json", ".json.gz") + _GIS_ENDINGS


@dataclass
class ReferenceSet:
    """References by date: one file for every date (``files`` keyed by None), or one per date."""

    spec: str
    files: dict[str | None, Path]
    loaded: dict[Path, Reference] = field(default_factory=dict, repr=False)

    def for_date(self, date: str) -> tuple[Reference | None, str | None, str | None]:
        """(the reference for ``date``, the date it is for, a warning): its own date's file, else
        the nearest earlier one, with a warning; (None, None, warning) when none is that early."""
        if None in self.files:
            return self._load(self.files[None]), None, None
        if date in self.files:
            return self._load(self.files[date]), date, None
        earlier = [d for d in self.files if d is not None and d < date]
        if not earlier:
            return None, None, (f"no reference for {date} in {self.spec!r} (the earliest is "
                                f"{min(self.files)}): its claims get no verdict")
        best = max(earlier)
        return self._load(self.files[best]), best, f"no reference for {date} in {self.spec!r}: using {best}'s"

    def _load(self, path: Path) -> Reference:
        if path not in self.loaded:
            self.loaded[path] = load_reference(path)
        return self.loaded[path]


def load_references(spec: str | Path) -> ReferenceSet:
    """A reference file (for every date), or a folder or pattern of files with dates in their names."""
    text = str(spec)
    path = Path(text)
    if path.is_file():
        return ReferenceSet(text, {None: path})
    if path.is_dir():
        candidates = sorted(p for p in path.iterdir() if p.is_file() and p.name.lower().endswith(_REFERENCE_ENDINGS))
    elif any(ch in text for ch in "*?["):
        candidates = sorted(Path(p) for p in glob.glob(text) if Path(p).is_file())
    else:
        raise MapError(f"no reference file or folder {text!r}: pass a GeoJSON file of polygons, a folder of "
                       "them with a date in each name (…_20251120.geojson.gz), or a pattern such as 'ref/*.geojson'")
    files: dict[str | None, Path] = {}
    for p in candidates:
        m = _DATE_IN_NAME.search(p.name)
        if m:
            files.setdefault(f"{m[1]}-{m[2]}-{m[3]}", p)
    if not files:
        raise MapError(f"no reference file with a date in its name in {text!r}: name them like "
                       "'occupied_20251120.geojson.gz' or '2025-11-20.geojson', or pass one file")
    return ReferenceSet(text, files)


def load_reference(path: str | Path) -> Reference:
    """Read a file of polygons: GeoJSON (``.gz`` too: FeatureCollection, Feature or geometry), or any
    format geopandas reads (GeoPackage, Shapefile, KML, FlatGeobuf, GeoParquet), reprojected to
    EPSG:4326."""
    import shapely
    from shapely.geometry import shape

    path = Path(path)
    if path.name.lower().endswith(_GIS_ENDINGS):
        return _from_gis_file(path)
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


def _from_gis_file(path: Path) -> Reference:
    """A reference from a file geopandas reads, in EPSG:4326 (a layerless CRS is taken as EPSG:4326)."""
    import geopandas as gpd
    import pyogrio.errors
    import shapely
    from shapely.geometry import mapping

    if not path.is_file():
        raise MapError(f"no reference file {str(path)!r}: pass a file of polygons with --reference")
    try:
        frame = gpd.read_parquet(path) if path.suffix.lower() == ".parquet" else gpd.read_file(path)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, OSError, ValueError) as exc:
        raise MapError(f"reference {str(path)!r} cannot be read ({exc}): pass a GeoPackage, Shapefile, KML, "
                       "FlatGeobuf, GeoParquet or GeoJSON file of polygons") from None
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs("EPSG:4326")
    polygons = []
    for geom in frame.geometry:
        if geom is None or geom.is_empty:
            continue
        geom = shapely.make_valid(geom)
        polygons += [p for p in getattr(geom, "geoms", [geom]) if p.geom_type == "Polygon"]
    if not polygons:
        raise MapError(f"reference {str(path)!r} holds no polygons: pass a file whose features are "
                       "Polygons or MultiPolygons")
    merged = shapely.union_all(polygons)
    shapely.prepare(merged)
    drawn = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": _round(json.loads(json.dumps(mapping(p))))}
        for p in polygons]}
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
