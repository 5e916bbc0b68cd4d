"""Pairing GeoNames points with KATOTTG codes the name join leaves open (build time).

Two villages of one name in one raion (Crimea has no hromada polygons) or in
one hromada cannot be told apart by name. They are paired here, in this order:
an OpenStreetMap settlement label carrying the KATOTTG code; distance to the
centre of each candidate's hromada (when the candidates lie in different
hromadas); else, inside one hromada, GeoNames rows and codes in their sorted
order. The last case is a convention, not knowledge: the point is surely a
village of that name in that hromada, only which of the two is not known
(counted in ``meta.json`` -> ``stats.settlement_join.paired_by_order``).
"""
from __future__ import annotations

from collections import defaultdict

from frontmap.distance import haversine_km
from frontmap.builders.regions import _best_by_stem, adjective_stem

FAR_KM = 3.0          # a join whose point lies further outside the code's hromada is refused
PAIR_MAX_KM = 30.0    # no pairing by distance beyond this
_FCODE_ORDER = {"PPL": 0, "PPLA": 0, "PPLA2": 0, "PPLA3": 0, "PPLC": 0, "PPLX": 2, "PPLH": 3,
                "PPLQ": 3, "PPLW": 3}


def km_outside(geom, lat: float, lon: float) -> float:
    """How far (km) the point lies outside `geom`; 0 inside."""
    from shapely.geometry import Point as ShapelyPoint
    from shapely.ops import nearest_points

    pt = ShapelyPoint(lon, lat)
    if geom.covers(pt):
        return 0.0
    near = nearest_points(geom, pt)[0]
    return haversine_km(lat, lon, near.y, near.x)


def too_far(hromada_geoms: dict, code_hromada: str | None, point_hromada: str | None,
            lat: float, lon: float) -> bool:
    """True when a GeoNames point lies more than FAR_KM outside the hromada of
    the KATOTTG record it was joined to by name (then it names another place,
    or its point is wrong)."""
    if not code_hromada or code_hromada == point_hromada:
        return False
    geom = hromada_geoms.get(code_hromada)
    if geom is None:
        return False
    return km_outside(geom, lat, lon) > FAR_KM


def assign_ambiguous(b, joins: list[list], osm_labels: dict[str, tuple[float, float]],
                     how) -> None:
    """Give a KATOTTG record to GeoNames rows whose name join was ambiguous.

    `joins` rows are [GnRow, KRow | None, ambiguous KRows, raions, hromada];
    a paired row gets its KRow in place. `osm_labels` maps KATOTTG codes to
    (lat, lon) of OSM settlement labels."""
    taken = {j[1].code for j in joins if j[1] is not None}
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, j in enumerate(joins):
        if j[1] is None and j[2]:
            groups[tuple(sorted(a.code for a in j[2]))].append(i)
    anchors = _hromada_anchors(b, joins)
    for codes, idxs in sorted(groups.items()):
        free = [c for c in codes if c not in taken]
        rows = sorted(idxs, key=lambda i: (_FCODE_ORDER.get(joins[i][0].fcode, 1),
                                           int(joins[i][0].geonameid)))
        for method, pairs in (("paired_by_osm", _by_points(joins, rows, free, osm_labels)),
                              ("paired_by_distance", _by_hromada(b, joins, rows, free, anchors)),
                              ("paired_by_order", _by_order(b, rows, free))):
            for i, code in pairs:
                if joins[i][1] is None and code in free:
                    joins[i][1] = b.katottg[code]
                    free.remove(code)
                    taken.add(code)
                    how[method] += 1
            rows = [i for i in rows if joins[i][1] is None]
            if not rows or not free:
                break


def _by_points(joins, rows, codes, points) -> list[tuple[int, str]]:
    cands = []
    for i in rows:
        r = joins[i][0]
        for c in codes:
            if c in points:
                d = haversine_km(r.lat, r.lon, *points[c])
                if d <= FAR_KM:
                    cands.append((d, i, c))
    return _greedy(cands)


def _by_hromada(b, joins, rows, codes, anchors) -> list[tuple[int, str]]:
    if len({b.katottg[c].hromada for c in codes}) < 2:
        return []
    cands = []
    for i in rows:
        r = joins[i][0]
        for c in codes:
            a = anchors.get(b.katottg[c].hromada)
            if a is not None:
                d = haversine_km(r.lat, r.lon, *a)
                if d <= PAIR_MAX_KM:
                    cands.append((d, i, c))
    return _greedy(cands)


def _by_order(b, rows, codes) -> list[tuple[int, str]]:
    if len({b.katottg[c].hromada for c in codes}) != 1:
        return []
    return list(zip(rows, sorted(codes)))


def _greedy(cands: list[tuple[float, int, str]]) -> list[tuple[int, str]]:
    out, used_rows, used_codes = [], set(), set()
    for _d, i, c in sorted(cands):
        if i not in used_rows and c not in used_codes:
            out.append((i, c))
            used_rows.add(i)
            used_codes.add(c)
    return out


def _hromada_anchors(b, joins) -> dict[str, tuple[float, float]]:
    """Hromada code -> (lat, lon) of its centre settlement (the one its
    adjective is formed from), where a GeoNames row was joined to it."""
    point_of = {}
    for j in joins:
        if j[1] is not None:
            point_of.setdefault(j[1].code, (j[0].lat, j[0].lon))
    out = {}
    for code, h in b.katottg.items():
        if h.category != "H":
            continue
        centre = _best_by_stem(adjective_stem(h.name), [b.katottg[c] for c in h.children])
        if centre is not None and centre.code in point_of:
            out[code] = point_of[centre.code]
    return out
