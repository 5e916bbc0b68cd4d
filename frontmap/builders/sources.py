"""Readers for the raw gazetteer sources (build time only).

GeoNames dumps, the KATOTTG register, the curated TSVs and the OSM
boundary polygons. Shapely is imported inside the polygon helpers only.
"""
from __future__ import annotations

import csv
import gzip
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from frontmap.errors import GazetteerError
from frontmap.text.names import APOSTROPHES, cyrillic_lang, has_cyrillic

GN_COLUMNS = ("geonameid", "name", "asciiname", "alternatenames", "lat", "lon",
              "feature_class", "feature_code", "country", "cc2", "admin1", "admin2",
              "admin3", "admin4", "population", "elevation", "dem", "timezone", "modified")

_APOS_TO_ASCII = {ord(c): "'" for c in APOSTROPHES}
_RU_UK = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ")
# Letter sequences Russian spelling does not use: the soft sign before a
# final -к (-ськ, -цьк) and the apostrophe (Russian writes ь or ъ).
_UK_ONLY_SEQ = ("ськ", "цьк", "зьк", *APOSTROPHES)


@dataclass
class GnRow:
    geonameid: str
    name: str
    asciiname: str
    alternates: list[str]
    lat: float
    lon: float
    fclass: str
    fcode: str
    admin1: str
    admin2: str
    population: int


@dataclass
class KRow:
    """One KATOTTG record; parents are the codes of the levels above."""

    code: str
    category: str
    name: str
    oblast: str           # 4-char prefix "UA63"
    raion: str | None     # full raion code
    hromada: str | None   # full hromada code
    children: list[str] = field(default_factory=list)


def open_text(path: Path):
    if not path.exists():
        raise GazetteerError(f"source file {str(path)!r} is missing; point --sources at the "
                             "gazetteer-sources folder (see gazetteer/README.md)")
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def read_geonames(path: Path) -> list[GnRow]:
    rows = []
    with open_text(path) as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 19:
                continue
            rows.append(GnRow(c[0], c[1], c[2], [a for a in c[3].split(",") if a],
                              float(c[4]), float(c[5]), c[6], c[7], c[10], c[11],
                              int(c[14] or 0)))
    return rows


def read_osm_settlements(path: Path) -> list[dict[str, str]]:
    with open_text(path) as f:
        return list(csv.DictReader(f))


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open_text(path) as f:
        return [dict(r) for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]


def read_katottg(path: Path) -> dict[str, KRow]:
    """KATOTTG codes -> records, with the parent chain of each."""
    out: dict[str, KRow] = {}
    with open_text(path) as f:
        reader = csv.reader(f)
        next(reader)
        for r in reader:
            codes = [c for c in r[:5] if c]
            if not codes:
                continue
            code, cat, name = codes[-1], r[5], r[6].strip()
            out[code] = KRow(code=code, category=cat, name=name, oblast=code[:4],
                             raion=r[1] or None if cat not in ("O", "K") else None,
                             hromada=r[2] or None if cat not in ("O", "K", "P") else None)
            if len(codes) > 1 and codes[-2] in out:
                out[codes[-2]].children.append(code)
    return out


def norm_uk(s: str) -> str:
    """Ukrainian name as compared between GeoNames and KATOTTG."""
    s = unicodedata.normalize("NFC", s).translate(_APOS_TO_ASCII).lower().replace("ё", "е")
    return " ".join(s.replace("-", " - ").split()).replace(" - ", "-")


def is_clean_name(s: str) -> bool:
    """Drop alternates that are not a name of the place: codes, long phrases,
    digits, scripts other than Latin and Cyrillic."""
    if not s or len(s) > 45 or len(s.split()) > 5 or any(ch.isdigit() for ch in s):
        return False
    if s.isascii() and s.isupper() and len(s) <= 4:
        return False  # ISO, IATA and similar codes
    if not any(ch.isupper() for ch in s) and not has_cyrillic(s):
        return False  # "kwpyansk", "ku pi yang si ke": romanised from other scripts
    for ch in s:
        if ch.isalpha() and not (ch.isascii() or "\u0400" <= ch <= "\u04ff"
                                 or unicodedata.name(ch, "").startswith("LATIN")):
            return False
    return True


def tag_lang(s: str, official_norm: str | None) -> str:
    """uk / ru / cyr (Cyrillic, undecided) / latn."""
    if not has_cyrillic(s):
        return "latn"
    if any("\u0400" <= ch <= "\u04ff" and ch.lower() not in _RU_UK for ch in s):
        return "cyr"  # Serbian ј, Belarusian ў...: neither language
    lang = cyrillic_lang(s)
    if lang:
        return lang
    if official_norm is not None:
        if norm_uk(s) == official_norm or any(x in s.lower() for x in _UK_ONLY_SEQ):
            return "uk"
        return "ru"
    return "cyr"


def pick_uk_name(tagged: list[tuple[str, str]], main: set[str], undecided: bool = True) -> str:
    """Best Ukrainian Cyrillic name among tagged alternates, given the row's
    main Latin names: a Ukrainian one spelling a main name; an undecided one
    (Вовча) whose national romanisation is exactly a main name (so Russian
    Купянск never passes for Ukrainian) unless `undecided` is off (settlements:
    Crimean rows' main names are Russian-style, Оленевка would pass); else
    any Ukrainian one."""
    from frontmap.text.names import name_key, translit_uk

    keys = {name_key(m) for m in main}
    for a, lang in tagged:
        if (lang == "uk" and name_key(a) in keys) or (
                undecided and lang == "cyr" and translit_uk(a) in main):
            return a
    return next((a for a, lang in tagged if lang == "uk"), "")


# --- polygons ---------------------------------------------------------------

def read_polygons(path: Path) -> list[tuple[dict, object]]:
    """(properties, shapely geometry) per feature, invalid ones repaired."""
    import shapely
    from shapely.geometry import shape

    with open_text(path) as f:
        data = json.load(f)
    out = []
    for feat in data["features"]:
        geom = shape(feat["geometry"])
        if not geom.is_valid:
            geom = shapely.make_valid(geom)
        out.append((feat["properties"], geom))
    return out


def locate(points_latlon: list[tuple[float, float]], polys: list[tuple[dict, object]],
           prop: str) -> list[str | None]:
    """For each (lat, lon) the `prop` of the first polygon containing it."""
    import numpy as np
    import shapely

    geoms = [g for _, g in polys]
    tree = shapely.STRtree(geoms)
    pts = shapely.points(np.array([[lon, lat] for lat, lon in points_latlon]))
    pairs = tree.query(pts, predicate="intersects")
    out: list[str | None] = [None] * len(points_latlon)
    for pi, gi in zip(pairs[0], pairs[1]):
        if out[pi] is None:
            out[pi] = polys[gi][0].get(prop)
    return out


def label_point(geom) -> tuple[float, float]:
    """(lat, lon) of a polygon's centroid, or a point surely inside it."""
    c = geom.centroid
    if not geom.contains(c):
        c = geom.representative_point()
    return round(c.y, 5), round(c.x, 5)
