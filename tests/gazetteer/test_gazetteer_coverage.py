"""Whole-list coverage: every KATOTTG settlement of the front-line oblasts
resolves, by its official name and by its national romanisation, to a point
inside its own hromada polygon (Crimea: raion polygon, OSM draws no Crimean
hromadas). Needs ../shared; prints the misses. Takes ~15 s.
"""
import pytest

from frontmap.gazetteer.store import default_gazetteer
from frontmap.text.names import translit_uk
from support import SHARED

SOURCES = SHARED / "data" / "gazetteer-sources"
BOUNDARIES = SHARED / "data" / "boundaries"
# Donetsk, Luhansk, Kharkiv, Zaporizhzhia, Dnipropetrovsk, Kherson, Sumy,
# Mykolaiv, Chernihiv, Crimea (KATOTTG oblast prefixes).
FRONT = {"UA14": "Donetsk", "UA44": "Luhansk", "UA63": "Kharkiv", "UA23": "Zaporizhzhia",
         "UA12": "Dnipropetrovsk", "UA65": "Kherson", "UA59": "Sumy", "UA48": "Mykolaiv",
         "UA74": "Chernihiv", "UA01": "Crimea"}
REQUIRED = 0.98

pytestmark = [pytest.mark.skipif(not SHARED.exists(),
                                 reason="../shared not present (KATOTTG and polygons live there)"),
              pytest.mark.slow]


def test_front_line_settlements_resolve_inside_their_hromada(capsys):
    import shapely

    from frontmap.builders.sources import read_katottg, read_polygons

    kat = read_katottg(next(SOURCES.glob("katottg_*.csv.gz")))
    polys = {p["katotth"]: g for f in ("ua_hromadas_osm.geojson.gz", "ua_raions_osm.geojson.gz")
             for p, g in read_polygons(BOUNDARIES / f)}
    for g in polys.values():
        shapely.prepare(g)
    gaz = default_gazetteer()
    total, misses = 0, []
    per_oblast = {o: [0, 0] for o in FRONT}
    for k in kat.values():
        if k.category not in ("M", "X", "C") or k.oblast not in FRONT:
            continue
        total += 1
        per_oblast[k.oblast][0] += 1
        poly = polys.get(k.hromada) or polys.get(k.raion)
        assert poly is not None or k.oblast == "UA01", k.code
        for form in (k.name, translit_uk(k.name)):
            own = [m.entry for m in gaz.lookup(form) if m.entry.katottg == k.code]
            why = "no candidate has its KATOTTG code" if not own else None
            if own and poly is not None and not any(
                    shapely.contains_xy(poly, e.lon, e.lat) for e in own):
                why = f"point {own[0].lat:.4f}, {own[0].lon:.4f} ({own[0].id}) outside its hromada"
            if why:
                misses.append(f"{k.code} {k.name} [{form}]: {why}")
                per_oblast[k.oblast][1] += 1
                break
    share = 1 - len(misses) / total
    with capsys.disabled():
        print(f"\nKATOTTG settlements of the front-line oblasts: {total}, resolved inside their "
              f"hromada: {total - len(misses)} ({share:.2%}); misses:")
        for line in misses:
            print("  " + line)
        print("  by oblast: " + ", ".join(f"{FRONT[o]} {n - m}/{n}" for o, (n, m) in per_oblast.items()))
    assert total > 12_000
    assert share >= REQUIRED
