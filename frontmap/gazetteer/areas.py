"""Point-in-region checks on the shipped oblast and raion polygons (run time).

Loaded on first use only (shapely is imported here, not by the gazetteer).
The polygons are OpenStreetMap raion boundaries simplified to ~200 m, and
oblasts as their unions (see gazetteer_shapes.py; ODbL).
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

from frontmap.errors import GazetteerError
from frontmap.model import Point


class Areas:
    def __init__(self, ids: list[str], geoms: list):
        import shapely

        self.ids = ids
        self.geoms = geoms
        self.tree = shapely.STRtree(geoms)

    @classmethod
    def load(cls, path: Path) -> Areas:
        from shapely.geometry import shape

        try:
            with gzip.open(path, "rt", encoding="utf-8") as f:
                data = json.load(f)
        except FileNotFoundError as e:
            raise GazetteerError(f"region polygons missing: {str(path)!r}; rebuild the gazetteer "
                                 "with python -m frontmap.builders.gazetteer (see gazetteer/README.md)") from e
        except (OSError, EOFError, ValueError) as e:
            raise GazetteerError(f"region polygons in {str(path)!r} are damaged ({e}); rebuild "
                                 "the gazetteer (see gazetteer/README.md)") from e
        feats = data["features"]
        return cls([f["properties"]["id"] for f in feats], [shape(f["geometry"]) for f in feats])

    def containing(self, point: Point) -> list[str]:
        """Ids of the regions whose polygon covers the point."""
        from shapely.geometry import Point as ShapelyPoint

        pt = ShapelyPoint(point.lon, point.lat)  # shapely is (x=lon, y=lat)
        return [self.ids[i] for i in sorted(self.tree.query(pt, predicate="covered_by"))]
