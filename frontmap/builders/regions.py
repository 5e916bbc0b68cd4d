"""Region entries for the gazetteer build: oblasts, raions, macro-regions,
Russian border oblasts and their districts (build time only).

Raion short names ("Kupiansk" for Куп’янський район) are derived from the
KATOTTG register: the settlement whose name the raion adjective is formed from.
"""
from __future__ import annotations

from collections import defaultdict

from frontmap.builders.sources import KRow, norm_uk
from frontmap.text.names import translit_uk

_ADJ_SUFFIXES = ("ський", "цький", "зький", "ський", "ький", "ий", "ій",
                 "ська", "цька", "зька", "ька", "а", "я")
_CAT_RANK = {"K": 0, "M": 0, "X": 1, "C": 2}
# Vowel alternation and consonant mutation in Ukrainian adjective formation:
# Синельникове/Синельниківський, Пологи/Пологівський, Прилуки/Прилуцький,
# Запоріжжя/Запорізький, Волноваха/Волноваський.
_LOOSE = str.maketrans({"о": "і", "е": "і", "и": "і", "ї": "і", "ц": "к", "ч": "к",
                        "ж": "з", "г": "з", "х": "с", "'": None, " ": None, "-": None,
                        "ь": None})


def adjective_stem(adj: str) -> str:
    a = norm_uk(adj)
    for suf in _ADJ_SUFFIXES:
        if a.endswith(suf) and len(a) - len(suf) >= 3:
            return a[: -len(suf)]
    return a


def _lcp(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def stem_score(stem: str, name: str) -> float:
    """How well `name` fits as the base of an adjective with this stem, 0..1."""
    s, n = stem.translate(_LOOSE), norm_uk(name).translate(_LOOSE)
    if not s:
        return 0.0
    return _lcp(s, n) / len(s)


def raion_centre(raion: KRow, katottg: dict[str, KRow],
                 overrides: dict[str, str]) -> KRow | None:
    """The settlement a raion is named after (Куп’янський -> Куп’янськ)."""
    if raion.code in overrides:
        if overrides[raion.code] == "-":  # named after no settlement
            return None
        want = norm_uk(overrides[raion.code])
        for k in _settlements_under(raion, katottg):
            if norm_uk(k.name) == want:
                return k
    stem = adjective_stem(raion.name)
    # Prefer the hromada whose adjective matches the raion's: its centre is
    # the raion centre (Куп’янська громада in Куп’янський район).
    hromadas = [katottg[c] for c in raion.children if katottg[c].category == "H"]
    hromadas.sort(key=lambda h: -stem_score(stem, adjective_stem(h.name)))
    pools = []
    if hromadas and stem_score(stem, adjective_stem(hromadas[0].name)) >= 0.99:
        pools.append([katottg[c] for c in hromadas[0].children])
    pools.append(list(_settlements_under(raion, katottg)))
    for pool in pools:
        best = _best_by_stem(stem, pool)
        if best is not None:
            return best
    return None


def _best_by_stem(stem: str, pool: list[KRow]) -> KRow | None:
    scored = [(stem_score(stem, k.name), k) for k in pool if k.category in _CAT_RANK]
    for rank in (0, 1, 2):  # cities first, then selyshches, then villages
        cands = [(s, k) for s, k in scored if _CAT_RANK[k.category] == rank and s >= 0.6]
        if cands:
            return max(cands, key=lambda sk: (sk[0], -len(sk[1].name)))[1]
    return None


def _settlements_under(raion: KRow, katottg: dict[str, KRow]):
    for h in raion.children:
        for c in katottg[h].children:
            yield katottg[c]


def raion_short_names(katottg: dict[str, KRow], overrides: dict[str, str]) -> dict[str, str]:
    """KATOTTG raion code -> short English name ("Kupiansk")."""
    out = {}
    for code, k in katottg.items():
        if k.category != "P":
            continue
        centre = raion_centre(k, katottg, overrides)
        out[code] = translit_uk(centre.name) if centre else translit_uk(k.name)
    return out


def oblast_names(short: str, uk_adj: str, ru_short: str, ru_name: str, shchyna: str,
                 aliases: list[str], city: bool) -> list[tuple[str, str, int]]:
    """(name, lang, rank) for one oblast-level region."""
    if city:  # Kyiv, Sevastopol: the region is the city itself
        base = short.replace(" (city)", "")
        names = [(f"{base} City", "latn", 0), (f"{base} city", "latn", 1)]
    else:
        adj_latn = translit_uk(uk_adj)
        names = [(f"{short} Oblast", "latn", 0), (f"{short} region", "latn", 1),
                 (f"{short} province", "latn", 1), (f"{adj_latn} oblast", "latn", 1),
                 (f"{uk_adj} область", "uk", 0), (f"{ru_short} oblast", "latn", 1),
                 (f"{ru_short} region", "latn", 1), (f"{ru_short} province", "latn", 1)]
        if ru_name:
            names.append((ru_name, "ru", 1))
        if shchyna:
            names.append((shchyna, "latn", 1))
    names += [(a, "uk" if _cyr(a) else "latn", 1) for a in aliases]
    return names


def raion_names(short: str, uk_adj: str, ru_name: str | None,
                centre_latin: list[str]) -> list[tuple[str, str, int]]:
    """(name, lang, rank) for a raion: Pokrovsk Raion, Pokrovskyi raion, ..."""
    adj = translit_uk(uk_adj)
    names = [(f"{short} Raion", "latn", 0), (f"{short} district", "latn", 1),
             (f"{adj} raion", "latn", 1), (f"{adj} district", "latn", 1),
             (f"{uk_adj} район", "uk", 0)]
    if ru_name:
        names.append((ru_name, "ru", 1))
    for alt in centre_latin:  # Kupyansk district, Sinelnikovo district
        names.append((f"{alt} district", "latn", 2))
        names.append((f"{alt} raion", "latn", 2))
    return names


def _cyr(s: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in s)


def ru_district_short(district_name: str, towns: list[tuple[str, int]]) -> str | None:
    """"Sudzhanskiy Rayon" + (town, population) of the oblast -> "Sudzha".

    A town fits when the district adjective starts with the town's stem
    (Sudzh-a, Korenev-o, Valuy-ki, Prokhorov-ka); the most populous fit wins,
    as district centres are the district's largest town."""
    base = district_name.split()[0].lower().replace("'", "").replace("’", "")
    fits = []
    for town, pop in towns:
        t = town.lower().replace("'", "").replace("’", "")
        stems = {t, t.rstrip("aeiouy")}
        stems |= {x[:-1] for x in stems if x.endswith("k") and t.endswith(("ka", "ki"))}
        if any(len(st) >= 3 and base.startswith(st) for st in stems):
            fits.append((pop, town))
    return max(fits)[1] if fits else None


def add_regions(b) -> None:
    """Oblasts, Kyiv/Sevastopol cities, raions and macro-regions of Ukraine."""
    from frontmap.builders.sources import label_point, read_polygons, read_tsv

    kat = b.katottg
    obl_polys = {"UA" + p.get("koatuu", "")[:2]: g
                 for p, g in read_polygons(b._one(b.boundaries, "ua_oblasts_osm.geojson.gz"))}
    raion_polys = {p["katotth"]: g for p, g in b.raion_polys}
    points: dict[str, tuple[float, float]] = {}
    for code, row in b.oblasts.items():
        k = next((x for x in kat.values() if x.code.startswith(code) and x.category in "OK"), None)
        if k is None:
            continue
        city = k.category == "K"
        geom = obl_polys.get(code)
        if geom is None:  # Kyiv city is drawn among the raions
            geom = next((g for c, g in raion_polys.items() if c.startswith(code)), None)
        approximate = False
        if geom is not None:
            lat, lon = label_point(geom)
        else:  # Sevastopol: no polygon, use the city's GeoNames point
            gn = _capital(b, row["gn_admin1"])
            lat, lon, approximate = gn.lat, gn.lon, True
        points[code] = (lat, lon)
        aliases = [a for a in row["aliases"].split(";") if a]
        display = row["display"]
        names = [(display, "latn", 0)] + oblast_names(
            row["short"], k.name, row["ru_short"], row["ru_name"], row["shchyna"], aliases, city)
        uk = k.name if city else f"{k.name} область"
        b.add(dict(id=f"region:{code}", kind="region", name=display, name_uk=uk,
                   oblast=row["short"], raion=None, hromada=None, lat=lat, lon=lon,
                   population=0, feature="city" if city else "oblast", katottg=k.code,
                   approximate=approximate, names=names))
    _add_raions(b, raion_polys)
    alias_rows = read_tsv(b.curated / "region_aliases.tsv")
    by_id = {e["id"]: e for e in b.entries if e["kind"] == "region"}
    for r in alias_rows:
        if r["target"] not in by_id:
            raise ValueError(f"region_aliases.tsv: unknown target {r['target']!r}")
        by_id[r["target"]]["names"].append((r["alias"], r["lang"], 1))
    for r in read_tsv(b.curated / "macro_regions.tsv"):
        members = [points[m] for m in r["members"].split(",") if m in points]
        geoms = [obl_polys[m] for m in r["members"].split(",") if m in obl_polys]
        if geoms:
            import shapely
            lat, lon = label_point(shapely.union_all(geoms))
        else:
            lat = sum(p[0] for p in members) / len(members)
            lon = sum(p[1] for p in members) / len(members)
        names = [(r["name"], "latn", 0), (r["name_uk"], "uk", 0)]
        names += [(a, "uk" if _cyr(a) else "latn", 1) for a in r["aliases"].split(";") if a]
        b.add(dict(id=r["id"], kind="region", name=r["name"], name_uk=r["name_uk"],
                   oblast=None, raion=None, hromada=None, lat=lat, lon=lon, population=0,
                   feature="macro", katottg=None, approximate=True, names=names))


def _capital(b, admin1: str):
    rows = [r for r in b.geonames_ua if r.admin1 == admin1 and r.fclass == "P"]
    return max(rows, key=lambda r: (r.fcode in ("PPLA", "PPLC"), r.population))


def _add_raions(b, raion_polys: dict) -> None:
    from frontmap.builders.sources import label_point

    ru_names = {p["katotth"]: p.get("name:ru") for p, _ in b.raion_polys}
    by_gn = defaultdict(list)  # KATOTTG code -> GeoNames entries joined to it
    for e in b.entries:
        if e.get("katottg") and e["id"].startswith("gn:"):
            by_gn[e["katottg"]].append(e)
    for code, k in b.katottg.items():
        if k.category != "P":
            continue
        short = b.raion_short[code]
        geom = raion_polys.get(code)
        if geom is None:
            continue
        lat, lon = label_point(geom)
        centre = raion_centre(k, b.katottg, b.raion_overrides)
        latin = []
        if centre is not None:
            for e in by_gn.get(centre.code, []):
                latin += [n for n, lang, _ in e["names"] if lang == "latn" and n != short]
        latin = list(dict.fromkeys(latin))[:12]
        names = raion_names(short, k.name, ru_names.get(code), latin)
        b.add(dict(id=f"region:{code[:6]}", kind="region", name=f"{short} Raion",
                   name_uk=f"{k.name} район", oblast=b.oblast_short(k.oblast), raion=short,
                   hromada=None, lat=lat, lon=lon, population=0, feature="raion",
                   katottg=code, approximate=False, names=names))
