"""The ledger as GIS layers: claims, places, control and claimed areas, through geopandas and pyogrio.

One flat record per claim serves every export and ``extract --format csv|geojson``: columns named
for people (place, oblast, raion, lat, lon, event, ...) plus ACLED-style ``geo_precision`` (1 the
place itself, 2 near or around it, 3 a region) and ``time_precision`` (1 the text dates the event
to the day, 2 the report's date stands in, 3 the text gives only its month or year: ``event_date``
is then ``YYYY-MM`` or ``YYYY``).  A claim's feature geometry is its own shape where the text gives
one: an offset point, a line along a road, a disc for "near X" (its radius) or a stated area; else
its place's point.  EPSG:4326 throughout.

The ending of the output file picks the driver: ``.gpkg`` (every layer in one file), ``.parquet``
(GeoParquet), ``.fgb``, ``.geojson``, ``.csv`` (geometry as WKT) and ``.kml``.  Files are written to
a temporary name beside the target and moved into place, so a failure leaves no half file.
geopandas is imported only here, when an export runs.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable

from frontmap.errors import FrontmapError
from frontmap.ledger.shapes import claim_radius as _radius
from frontmap.ledger.shapes import claim_shape
from frontmap.model import Claim, Place

LAYERS = ("claims", "places", "control", "areas")
DRIVERS = {".gpkg": "GPKG", ".parquet": "Parquet", ".fgb": "FlatGeobuf", ".geojson": "GeoJSON",
           ".csv": "CSV", ".kml": "KML"}
CLAIM_COLUMNS = ("place", "place_text", "place_id", "oblast", "raion", "kind", "lat", "lon", "place_status",
                 "event", "beneficiary", "claimant", "claimant_side", "stance", "confidence", "precision",
                 "geo_precision", "time_precision", "shape", "radius_km", "evidence", "report", "source_url",
                 "report_date", "event_date", "place_reason", "alternatives", "place_start", "place_end",
                 "evidence_start", "evidence_end")
PLACE_COLUMNS = ("place", "place_text", "place_id", "oblast", "raion", "kind", "lat", "lon", "status",
                 "confidence", "geo_precision", "reason", "report", "report_date")
CONTROL_COLUMNS = ("date", "place", "place_id", "oblast", "lat", "lon", "status", "since", "reversal",
                   "view_RU", "view_UA", "view_third", "view_outlet", "claimants", "evidence")
AREA_COLUMNS = ("date", "side", "places", "km2", "beyond_reference_km2")


def export_driver(path: str | Path) -> str:
    """The pyogrio driver a file's ending asks for, or an error that lists the endings."""
    suffix = Path(path).suffix.lower()
    if suffix not in DRIVERS:
        raise FrontmapError(f"cannot tell the export format of {str(path)!r}: end the file name with one of "
                            f"{', '.join(DRIVERS)}")
    return DRIVERS[suffix]


def _raion(place: Place) -> str | None:
    if not place.id or place.id.startswith("text:"):
        return None
    from frontmap.gazetteer.store import default_gazetteer

    entry = default_gazetteer().get(place.id)
    return entry.raion if entry is not None else None


def claim_record(claim: Claim, report: str, report_date: str, source_url: str | None = None) -> dict[str, Any]:
    """One claim as a flat row (see the module docstring): every export's and ``extract``'s."""
    p, g = claim.place, claim.geometry
    return {"place": p.name or p.text, "place_text": p.text, "place_id": p.id, "oblast": p.oblast,
            "raion": _raion(p), "kind": p.kind, "lat": p.lat, "lon": p.lon, "place_status": p.status,
            "event": claim.event, "beneficiary": claim.beneficiary, "claimant": claim.claimant,
            "claimant_side": claim.claimant_side, "stance": claim.stance, "confidence": p.confidence,
            "precision": p.precision, "geo_precision": p.precision if g is None else max(p.precision, 2)
            if g.kind in ("buffer", "area") else p.precision,
            "time_precision": _time_precision(claim.event_date), "shape": g.kind if g is not None else "point",
            "radius_km": _radius(claim), "evidence": claim.evidence, "report": report, "source_url": source_url,
            "report_date": report_date, "event_date": claim.event_date or report_date,
            "place_reason": p.reason, "alternatives": _alternatives(p), "place_start": p.start, "place_end": p.end,
            "evidence_start": claim.evidence_start, "evidence_end": claim.evidence_end}


def _time_precision(event_date: str | None) -> int:
    return 2 if not event_date else 1 if len(event_date) == 10 else 3


def place_record(p: Place, report: str, report_date: str) -> dict[str, Any]:
    """One place as a flat row: the places layer's."""
    return {"place": p.name or p.text, "place_text": p.text, "place_id": p.id, "oblast": p.oblast,
            "raion": _raion(p), "kind": p.kind, "lat": p.lat, "lon": p.lon, "status": p.status,
            "confidence": p.confidence, "geo_precision": p.precision, "reason": p.reason,
            "report": report, "report_date": report_date}


def place_shape(p: Place):
    """The place's point, lon/lat; None for a name with no point."""
    import shapely

    return None if p.lat is None or p.lon is None else shapely.Point(p.lon, p.lat)


def _alternatives(place: Place) -> str | None:
    """The other candidates, compact JSON text: a flat column any format holds."""
    import json

    return json.dumps([a.to_dict() for a in place.alternatives], ensure_ascii=False) if place.alternatives else None


def _in_range(day: str, date: str | None, date_from: str | None, date_to: str | None) -> bool:
    if date is not None:
        return day == date
    return (date_from is None or day >= date_from) and (date_to is None or day <= date_to)


def layer_rows(ledger, layer: str, *, date: str | None = None, date_from: str | None = None,
               date_to: str | None = None) -> tuple[tuple[str, ...], list[dict[str, Any]], list[Any]]:
    """(columns, rows, shapely geometries) of one layer of ``ledger`` over the dates chosen."""
    import shapely

    from frontmap.ledger.areas import claimed_areas
    from frontmap.ledger.control import control_from_claims

    if layer not in LAYERS:
        raise FrontmapError(f"unknown layer {layer!r}: use one of {', '.join(LAYERS)}")
    if layer == "claims":
        stored = [s for s in ledger.claims() if _in_range(s.report_date, date, date_from, date_to)]
        return CLAIM_COLUMNS, [claim_record(s.claim, s.report_path, s.report_date, s.source_url) for s in stored], \
            [claim_shape(s.claim) for s in stored]
    if layer == "places":
        chosen = [(p, path, day) for p, path, day in ledger.places() if _in_range(day, date, date_from, date_to)]
        return PLACE_COLUMNS, [place_record(p, path, day) for p, path, day in chosen], \
            [place_shape(p) for p, _, _ in chosen]
    claims = [s for s in ledger.claims() if date_to is None or s.report_date <= (date or date_to)]
    if date is not None:
        claims = [s for s in claims if s.report_date <= date]
    control = control_from_claims(claims)
    if layer == "control":
        # the state on each date chosen, one row per place and date
        days = [d for d in control.dates if _in_range(d, date, date_from, date_to)]
        rows, shapes = [], []
        for day in days:
            for p in control.on(day):
                from frontmap.ledger.diff import claimants

                rows.append({"date": day, "place": p.place, "place_id": p.place_id, "oblast": p.oblast,
                             "lat": p.lat, "lon": p.lon, "status": p.status, "since": p.since,
                             "reversal": p.reversal, **{f"view_{v}": s for v, s in p.views.items()},
                             "claimants": claimants(p.claims),
                             "evidence": " / ".join(s.claim.evidence for s in p.claims)})
                shapes.append(None if p.lat is None or p.lon is None else shapely.Point(p.lon, p.lat))
        return CONTROL_COLUMNS, rows, shapes
    areas = [a for a in claimed_areas([ch for ch in control.changes if ch.view == "all"])
             if _in_range(a.date, date, date_from, date_to)]
    return AREA_COLUMNS, [{"date": a.date, "side": a.side, "places": "; ".join(a.places), "km2": round(a.km2, 3),
                           "beyond_reference_km2": a.beyond_reference_km2} for a in areas], [a.shape for a in areas]


def frame(columns: Iterable[str], rows: list[dict[str, Any]], shapes: list[Any]):
    """A GeoDataFrame of the rows, in EPSG:4326, with every column even when there are no rows."""
    import geopandas as gpd
    import pandas as pd

    data = pd.DataFrame(rows, columns=list(columns))
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(shapes, crs="EPSG:4326"), crs="EPSG:4326")


def write_layers(ledger, out: str | Path, *, layers: Iterable[str] | None = None, date: str | None = None,
                 date_from: str | None = None, date_to: str | None = None, bom: bool = False,
                 raw_csv: bool = False) -> dict[str, int]:
    """Write the layers of ``ledger`` to ``out`` (its ending picks the format); {layer: rows written}.

    A GeoPackage takes every layer (default: all four); other formats hold one (default: claims).
    """
    out = Path(out)
    driver = export_driver(out)
    chosen = list(layers) if layers else (list(LAYERS) if driver == "GPKG" else ["claims"])
    for layer in chosen:
        if layer not in LAYERS:
            raise FrontmapError(f"unknown layer {layer!r}: use one of {', '.join(LAYERS)}")
    if driver != "GPKG" and len(chosen) > 1:
        raise FrontmapError(f"a {out.suffix} file holds one layer, not {len(chosen)}: pass one --layer, "
                            "or write a .gpkg for several")
    if not out.parent.exists():
        raise FrontmapError(f"no folder {str(out.parent)!r} to write {out.name!r} into: create it first")
    tmp = out.with_name(f".{out.name}.tmp{os.getpid()}{out.suffix}")
    counts = {}
    try:
        for layer in chosen:
            columns, rows, shapes = layer_rows(ledger, layer, date=date, date_from=date_from, date_to=date_to)
            counts[layer] = len(rows)
            _write(frame(columns, rows, shapes), tmp, driver, layer, bom=bom, raw_csv=raw_csv)
        os.replace(tmp, out)
    except OSError as exc:
        raise FrontmapError(f"cannot write {str(out)!r}: {exc.strerror or exc}; check the folder and the disk") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return counts


def _write(gdf, path: Path, driver: str, layer: str, *, bom: bool, raw_csv: bool) -> None:
    if driver == "Parquet":
        try:
            gdf.to_parquet(path)
        except ImportError:
            raise FrontmapError("GeoParquet needs pyarrow: `python3 -m pip install pyarrow`, or export to "
                                ".gpkg or .fgb instead") from None
        return
    if driver == "CSV":
        from frontmap.formats import csv_text

        rows = gdf.drop(columns="geometry").astype(object).where(gdf.notna(), None).to_dict("records")
        for row, shape in zip(rows, gdf.geometry):
            row["wkt"] = None if shape is None else shape.wkt
        text = csv_text([*gdf.columns.drop("geometry"), "wkt"], rows, raw=raw_csv)
        path.write_text(("\ufeff" if bom else "") + text + "\n", encoding="utf-8")
        return
    import pyogrio.errors

    kwargs: dict[str, Any] = {"driver": driver}
    if driver == "GPKG":
        kwargs.update(layer=layer, append=path.exists())
    elif driver == "FlatGeobuf":
        kwargs.update(layer_options={"SPATIAL_INDEX": "NO"})     # an index cannot hold an unplaced name
    elif driver == "KML":
        # KML shows a feature's Name and Description: the place, and what is claimed there
        label = "place" if "place" in gdf.columns else "side"
        gdf = gdf.assign(Name=gdf[label].astype(str),
                         Description=[" ".join(f"{k}: {v}" for k, v in row.items() if v is not None and k != "geometry")
                                      for row in gdf.drop(columns="geometry").to_dict("records")])
    try:
        gdf.to_file(path, engine="pyogrio", **kwargs)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.FeatureError,
            pyogrio.errors.FieldError, pyogrio.errors.GeometryError) as exc:
        raise FrontmapError(f"cannot write {layer!r} as {driver} to {str(path)!r} ({exc}); "
                            "try .gpkg, which holds every kind of row") from None
