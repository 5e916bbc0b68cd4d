"""Rivers of the front-line oblasts and the Russian side (build time only)."""
from __future__ import annotations

from frontmap.builders.regions import ru_district_short
from frontmap.builders.sources import (pick_uk_name, is_clean_name, locate, read_geonames, read_tsv,
                                        tag_lang)
from frontmap.text.names import name_key, translit_ru, translit_uk

# Oblasts where rivers are named in front-line reports (KATOTTG prefixes):
# Dnipropetrovsk, Donetsk, Zaporizhzhia, Luhansk, Mykolaiv, Sumy, Kharkiv,
# Kherson, Chernihiv, Crimea.
FRONT_OBLASTS = ("UA12", "UA14", "UA23", "UA44", "UA48", "UA59", "UA63", "UA65", "UA74", "UA01")
RIVER_CODES = ("STM", "STMI", "RSV")
RU_BIG_CITY = 100_000


def add_rivers(b) -> None:
    rows = [r for r in b.geonames_ua if r.fclass == "H"
            and (r.fcode in RIVER_CODES or r.fcode.startswith("LK"))]
    raions = locate([(r.lat, r.lon) for r in rows], b.raion_polys, "katotth")
    n = 0
    for r, rc in zip(rows, raions):
        oblast = rc[:4] if rc else b.admin1_to_oblast.get(r.admin1)
        alts = [a for a in dict.fromkeys(r.alternates) if is_clean_name(a)]
        tagged = [(a, tag_lang(a, None)) for a in alts]
        keys = {name_key(a) for a in [r.name, *alts]}
        if oblast not in FRONT_OBLASTS and "dnipro" not in keys:
            continue
        uk = pick_uk_name(tagged, {r.name, r.asciiname})
        canonical = translit_uk(uk) if uk else r.name
        names = [(canonical, "uk-Latn" if uk else "latn", 0), (r.name, "latn", 1),
                 (r.asciiname, "latn", 1)]
        if uk:
            names.append((uk, "uk", 0))
        names += [(a, lang, 2) for a, lang in tagged]
        if r.fcode.startswith("STM"):  # "Vovcha River", "Volchya River"
            latin = [x for x, lang, _ in names if lang == "latn" and "river" not in x.lower()]
            names += [(f"{x} River", "latn", 2) for x in dict.fromkeys(latin)]
        b.add(dict(id=f"gn:{r.geonameid}", kind="river", name=canonical, name_uk=uk,
                   oblast=b.oblast_short(oblast), raion=None, hromada=None, lat=r.lat,
                   lon=r.lon, population=0, feature=r.fcode, katottg=None,
                   approximate=False, names=names))
        n += 1
    n += _curated_rivers(b)
    b.stats["rivers"] = n


def _curated_rivers(b) -> int:
    """Rivers GeoNames' Ukraine extract lacks, and aliases of the ones it has
    (curated/rivers.tsv, curated/river_aliases.tsv)."""
    by_code = {e["katottg"]: e for e in b.entries if e.get("katottg") and e["id"].startswith("gn:")}
    n = 0
    for r in read_tsv(b.curated / "rivers.tsv"):
        if r["anchor_katottg"]:
            anchor = by_code.get(r["anchor_katottg"])
            if anchor is None:
                raise ValueError(f"rivers.tsv: anchor {r['anchor_katottg']!r} is not a placed settlement")
            lat, lon, oblast = anchor["lat"], anchor["lon"], anchor["oblast"]
        else:
            lat, lon = float(r["lat"]), float(r["lon"])
            oblast = b.oblast_short((locate([(lat, lon)], b.raion_polys, "katotth")[0] or "")[:4])
        names = [(r["name"], "uk-Latn", 0), (r["name_uk"], "uk", 0), (r["name_ru"], "ru", 2),
                 (f"{r['name']} River", "uk-Latn", 2)]
        names += [(a, tag_lang(a, None), 2) for a in r["aliases"].split(";") if a]
        b.add(dict(id=r["id"], kind="river", name=r["name"], name_uk=r["name_uk"], oblast=oblast,
                   raion=None, hromada=None, lat=lat, lon=lon, population=0, feature=r["feature"],
                   katottg=None, approximate=True, names=names))
        n += 1
    by_id = {e["id"]: e for e in b.entries if e["kind"] == "river"}
    for r in read_tsv(b.curated / "river_aliases.tsv"):
        if r["target"] not in by_id:
            raise ValueError(f"river_aliases.tsv: unknown river {r['target']!r}")
        by_id[r["target"]]["names"].append((r["alias"], r["lang"], 2))
    return n


def add_russia(b) -> None:
    """Russian border oblasts (regions + districts + towns) and big cities."""
    rows = read_geonames(b._one(b.sources, "geonames_cities500_RU_*.txt.gz"))
    oblasts = {r["admin1"]: r for r in read_tsv(b.curated / "russia_oblasts.tsv")}
    districts = _districts(b, rows, oblasts)
    centre_of = {(adm1, town): short for adm1, town, short, _ in districts}
    n = 0
    for r in rows:
        border = r.admin1 in oblasts
        if not border and r.population < RU_BIG_CITY:
            continue
        label = f"{oblasts[r.admin1]['short']} (Russia)" if border else "Russia"
        b.add(dict(id=f"ru:{r.geonameid}", kind="settlement", name=r.name, name_uk="",
                   oblast=label, raion=centre_of.get((r.admin1, r.name)), hromada=None,
                   lat=r.lat, lon=r.lon, population=r.population, feature=r.fcode,
                   katottg=None, approximate=False, names=_ru_names(r)))
        n += 1
    for adm1, o in oblasts.items():
        cap = next((r for r in rows if r.admin1 == adm1 and r.name == o["capital"]), None)
        if cap is None:
            raise ValueError(f"russia_oblasts.tsv: capital {o['capital']!r} not in cities500")
        ru_adj = o["ru_name"].split()[0]
        names = [(f"{o['short']} Oblast", "latn", 0), (f"{o['short']} region", "latn", 1),
                 (f"{o['short']} province", "latn", 1), (f"{translit_ru(ru_adj)} oblast", "latn", 1),
                 (o["ru_name"], "ru", 1), (o["uk_name"], "uk", 0)]
        names += [(a, tag_lang(a, None), 1) for a in o["aliases"].split(";") if a]
        b.add(dict(id=f"region:{o['iso']}", kind="region", name=f"{o['short']} Oblast",
                   name_uk=o["uk_name"], oblast=f"{o['short']} (Russia)", raion=None,
                   hromada=None, lat=cap.lat, lon=cap.lon, population=0, feature="oblast",
                   katottg=None, approximate=True, names=names))
    for adm1, town, short, (code, gn_name) in districts:
        cap = next(r for r in rows if r.admin1 == adm1 and r.name == town)
        names = [(f"{short} District", "latn", 0), (f"{short} Raion", "latn", 1),
                 (gn_name, "latn", 1), (gn_name.replace("iy Rayon", "y District"), "latn", 1)]
        names += [(f"{a} district", "latn", 2) for a, lang, _ in _ru_names(cap)
                  if lang == "latn"]
        b.add(dict(id=f"region:{code}", kind="region", name=f"{short} District", name_uk="",
                   oblast=f"{oblasts[adm1]['short']} (Russia)", raion=short, hromada=None,
                   lat=cap.lat, lon=cap.lon, population=0, feature="district", katottg=None,
                   approximate=True, names=names))
    b.stats["russia_settlements"] = n
    b.stats["russia_districts"] = len(districts)


def _ru_names(r) -> list[tuple[str, str, int]]:
    alts = [a for a in dict.fromkeys(r.alternates) if is_clean_name(a)]
    tagged = [(a, tag_lang(a, None)) for a in alts]
    return [(r.name, "latn", 0), (r.asciiname, "latn", 1)] + [
        (a, "ru" if lang == "cyr" else lang, 2) for a, lang in tagged]


def _districts(b, rows, oblasts) -> list[tuple[str, str, str, tuple[str, str]]]:
    """(admin1, centre town, short, (code, GeoNames name)) of border districts
    whose centre town is in cities500 ("Sudzhanskiy Rayon" -> Sudzha)."""
    path = b._one(b.sources, "geonames_admin2Codes_*.txt")
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            code, name, asciiname, _gid = line.rstrip("\n").split("\t")[:4]
            parts = code.split(".")
            if parts[0] != "RU" or parts[1] not in oblasts or "Rayon" not in asciiname:
                continue
            towns = [(r.asciiname, r.population) for r in rows if r.admin1 == parts[1]]
            short = ru_district_short(asciiname, towns)
            if short:
                town = next(r.name for r in rows if r.admin1 == parts[1] and r.asciiname == short)
                clean = short.replace("'", "").replace("’", "")  # Ryl'sk -> Rylsk
                out.append((parts[1], town, clean, (code, asciiname)))
    return out
