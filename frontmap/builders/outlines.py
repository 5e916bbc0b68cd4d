"""Build the tile-free basemap: simplified oblast and raion outlines of Ukraine.

Run once, when the boundaries change (needs ../shared/data/boundaries)::

    python -m frontmap.builders.outlines ../shared/data/boundaries

It writes ``frontmap/data/rendering/outlines.geojson`` (a few hundred KB): the
country as one polygon (a light fill), raion and oblast borders as lines (each
shared edge once), and a label point per oblast and raion.  Raions are
simplified as one coverage, so neighbours keep sharing their edges.  The
outlines derive from OpenStreetMap (ODbL 1.0); maps credit them.
Shapely is imported here only; maps just read the JSON file.
"""
from __future__ import annotations

import csv
import gzip
import json
import sys
from pathlib import Path

from frontmap.render.assets import OUTLINES_ATTRIBUTION as ATTRIBUTION

OUTLINES = Path(__file__).resolve().parents[1] / "data" / "render" / "outlines.geojson"
OBLAST_NAMES = Path(__file__).resolve().parents[2] / "gazetteer" / "curated" / "oblasts.tsv"
TOLERANCE = 0.01   # degrees, about 1 km: borders stay recognisable down to raion zoom
DIGITS = 3         # about 100 m


def build_outlines(boundaries: Path, out: Path = OUTLINES) -> dict:
    """Read ``ua_raions_osm.geojson.gz`` under ``boundaries``, write ``out``, return its stats."""
    import shapely
    from shapely.geometry import shape

    src = Path(boundaries) / "ua_raions_osm.geojson.gz"
    if not src.is_file():
        sys.exit(f"no {src}: pass the folder holding the shared boundaries")
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    names = _oblast_names()
    raions = [shapely.make_valid(shape(f["geometry"])) for f in features]
    raions = list(shapely.coverage_simplify(raions, TOLERANCE))
    oblast_of = [f["properties"]["katotth"][:4] for f in features]
    oblasts = {code: shapely.union_all([g for g, c in zip(raions, oblast_of) if c == code])
               for code in sorted(set(oblast_of))}
    country = shapely.union_all(raions)

    oblast_lines = shapely.line_merge(shapely.union_all([o.boundary for o in oblasts.values()]))
    raion_lines = shapely.union_all([r.boundary for r in raions]).difference(oblast_lines.buffer(1e-6))
    raion_lines = shapely.line_merge(raion_lines)
    out_features = [
        _feature("country", _polygons_only(country), {}),
        _feature("oblast-border", oblast_lines, {}),
        _feature("raion-border", raion_lines, {}),
    ]
    for code, geom in oblasts.items():
        point = _label_point(geom)
        out_features.append(_feature("oblast-label", point, {"name": names.get(code, code)}))
    for f, geom in sorted(zip(features, raions), key=lambda fg: fg[0]["properties"]["katotth"]):
        props = f["properties"]
        name = (props.get("name:en") or props.get("name:uk") or props.get("name") or "")
        name = name.removesuffix(" Raion").removesuffix(" raion")
        out_features.append(_feature("raion-label", _label_point(geom), {"name": name}))
    doc = {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": out_features}
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    Path(out).write_text(text + "\n", encoding="utf-8")
    return {"bytes": len(text.encode()), "coordinates": int(sum(
        shapely.get_num_coordinates([country, oblast_lines, raion_lines]))),
        "oblasts": len(oblasts), "raions": len(raions)}


def _oblast_names() -> dict[str, str]:
    with OBLAST_NAMES.open(encoding="utf-8") as fh:
        return {row["code"]: row["short"] for row in csv.DictReader(fh, delimiter="\t")}


def _polygons_only(geom):
    import shapely
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type == "Polygon" and g.area > 1e-4]
    return shapely.MultiPolygon(parts)


def _label_point(geom):
    # the label goes inside the largest part, away from its edges
    biggest = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
    from shapely.ops import polylabel
    return polylabel(biggest, 0.01) if biggest.geom_type == "Polygon" else biggest.centroid


def _feature(layer: str, geom, props: dict) -> dict:
    import shapely
    from shapely.geometry import mapping
    geom = shapely.set_precision(geom, 10 ** -DIGITS) if geom.geom_type != "Point" else geom
    # GeoJSON order is [longitude, latitude]; rounding keeps the file small
    return {"type": "Feature", "properties": {"layer": layer, **props},
            "geometry": _round(mapping(geom))}


def _round(obj):
    if isinstance(obj, float):
        return round(obj, DIGITS)
    if isinstance(obj, (list, tuple)):
        return [_round(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    return obj


if __name__ == "__main__":
    where = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / "shared" / "data" / "boundaries"
    print(build_outlines(where))
