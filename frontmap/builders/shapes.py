"""Compact oblast and raion polygons for point-in-region checks (build time).

Raion polygons of OpenStreetMap (with KATOTTG codes) are simplified to about
SIMPLIFY_DEG (~150-200 m); an oblast is the union of its raions, so the two
levels agree along shared borders (the OSM oblast layer itself is too coarse:
it puts Radisne in the wrong oblast). Written as gzipped GeoJSON, coordinates
[lon, lat] per the GeoJSON spec, rounded to 4 decimals. ODbL: derived from
OpenStreetMap.
"""
from __future__ import annotations

import gzip
import json
from collections import defaultdict
from pathlib import Path

SIMPLIFY_DEG = 0.002
DECIMALS = 4
FILE = "regions.geojson.gz"
ATTRIBUTION = "© OpenStreetMap contributors, ODbL 1.0 (simplified raion boundaries)"


def write_region_shapes(b, out: Path) -> dict[str, int]:
    import shapely

    region_ids = {e["katottg"]: e["id"] for e in b.entries
                  if e["kind"] == "region" and e.get("katottg") and e["id"].startswith("region:UA")}
    by_oblast = defaultdict(list)
    features = []
    for props, geom in sorted(b.raion_polys, key=lambda pg: pg[0]["katotth"]):
        code = props["katotth"]
        g = _clean(shapely.simplify(geom, SIMPLIFY_DEG, preserve_topology=True))
        by_oblast[code[:4]].append(g)
        rid = region_ids.get(code)
        if rid is not None:
            features.append((rid, g))
    oblast_ids = {e["id"][len("region:"):]: e["id"] for e in b.entries
                  if e["kind"] == "region" and e["feature"] in ("oblast", "city")
                  and e["id"].startswith("region:UA")}
    for prefix, geoms in sorted(by_oblast.items()):
        rid = oblast_ids.get(prefix)
        if rid is not None:
            union = shapely.union_all(geoms)
            features.append((rid, _clean(shapely.simplify(union, SIMPLIFY_DEG / 2,
                                                          preserve_topology=True))))
    fc = {"type": "FeatureCollection", "attribution": ATTRIBUTION,
          "features": [{"type": "Feature", "properties": {"id": rid},
                        "geometry": _rounded(shapely.geometry.mapping(g))}
                       for rid, g in sorted(features, key=lambda f: f[0])]}
    data = json.dumps(fc, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with (out / FILE).open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                       mtime=0, compresslevel=9) as gz:
        gz.write(data)
    vertices = sum(shapely.get_num_coordinates(g) for _, g in features)
    return {"features": len(features), "vertices": int(vertices)}


def _clean(g):
    import shapely

    if not g.is_valid:
        g = shapely.make_valid(g)
    # make_valid may leave lines or points along with the polygons: keep areas only
    if g.geom_type == "GeometryCollection":
        g = shapely.union_all([p for p in g.geoms if p.geom_type in ("Polygon", "MultiPolygon")])
    return g


def _rounded(geo: dict) -> dict:
    def r(c):
        if isinstance(c[0], (int, float)):
            return [round(c[0], DECIMALS), round(c[1], DECIMALS)]
        return [r(x) for x in c]
    return {"type": geo["type"], "coordinates": r(geo["coordinates"])}
