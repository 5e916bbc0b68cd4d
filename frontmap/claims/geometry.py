"""The shape a claim describes around its place: an offset point, a buffer, a line or an area.

"8 km west of X" -> an offset point; "near X", "the X area", "the outskirts of X" -> a buffer
around X; "along the X road toward Y", "the X-Y highway", "from X to Y" -> a line from X to Y;
"an area of more than 30 square kilometres" -> the area, recorded in km2 around the place.
Phrases, units, bearings and radii are data (data/claims/geometry.json).  pyproj is imported
only when an offset is computed (geopy, a core dependency, is the fallback).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from frontmap.claims.gates import AnyGate, gate_all, gated
from frontmap.claims.lexicon import check_lexicon
from frontmap.model import Geometry, Place, Point
from frontmap.resources import load_json

_FLAGS = re.IGNORECASE
_LIST = re.compile(r"^\s*(?:,|and|or|&|/|,\s*and|,\s*or|as well as|,\s*as well as)\s*(?:near\s+|the\s+)?$", _FLAGS)
_DIGIT = re.compile(r"\d")
_NO_SHAPE_KINDS = ("region", "river")       # an oblast or a river has no point to draw a shape around


@cache
def _lexicon() -> dict:
    raw = check_lexicon("geometry.json", load_json("claims/geometry.json"))
    alt = lambda words: "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))  # noqa: E731
    intro = rf"(?:{raw['place_intro']})?"
    number = rf"(?P<num>\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?|{alt(raw['number_words'])})"
    unit = rf"(?P<unit>{alt(raw['units'])})"
    bearing = rf"(?<![\w-])(?P<bearing>{alt(raw['bearings'])})(?:ern|erly)?"
    conn = raw["line_connectors"]
    just = rf"(?:(?P<just>{raw['just_words']})\s+)?"
    # what follows the number in an offset or a distance, up to the place: every match of the whole
    # pattern holds a match of it, and a search for it is cheap (a unit starts with few letters) where
    # the whole pattern tries its number words at almost every position
    offset_tail = rf"{unit}\.?\s+(?:to\s+the\s+)?{bearing}\s+(?:of|from)\s+{intro}$"
    distance_tail = rf"{unit}\.?\s+(?:from|of|outside|away\s+from)\s+{intro}$"
    bearing_tail = rf"{bearing}\s+of\s+{intro}$"                # and what follows a bare bearing's "just"
    buffers = [(gated(re.compile(rf"(?:{b['before']}){intro}$", _FLAGS)), float(b["radius_km"]))
               for b in raw["buffers"]]
    out = {
        "raw": raw,
        "offset": re.compile(rf"{number}(?:\s*|-){offset_tail}", _FLAGS),
        "offset_tail": re.compile(offset_tail, _FLAGS),
        "bare_bearing": re.compile(rf"{just}(?:to\s+the\s+)?{bearing_tail}", _FLAGS),
        "bearing_tail": re.compile(bearing_tail, _FLAGS),
        "distance": re.compile(rf"(?:within\s+)?{number}(?:\s*|-){distance_tail}", _FLAGS),
        "distance_tail": re.compile(distance_tail, _FLAGS),
        "buffers": buffers,
        "buffers_gate": AnyGate(rx for rx, _ in buffers),     # most places have none of them before
        "buffers_after": [(gated(re.compile(b["after"], _FLAGS)), float(b["radius_km"])) for b in raw["buffers_after"]],
        "area": re.compile(raw["area"], _FLAGS),
        "area_lead": re.compile(raw["area_lead"], _FLAGS),
        "last_words": frozenset(raw["before_last_words"]),
        "first_words": frozenset(raw["after_first_words"]),
        "road_between": re.compile(rf"^\s*(?:{conn['road']})\s+(?:{conn['toward']})\s+{intro}$", _FLAGS),
        "road_before": re.compile(rf"\b(?:{raw['road_lead']})\s+the\s+$", _FLAGS),
        "dash": re.compile(r"^\s*[-–—]\s*$"),
        "road_after": re.compile(rf"\s*(?:{conn['road']})\b", _FLAGS),
        "from": re.compile(rf"\b(?P<word>from|between)\s+{intro}$", _FLAGS),
        "to": re.compile(rf"^\s*,?\s*(?:{conn['toward']})\s+{intro}$", _FLAGS),
        "and": re.compile(rf"^\s*and\s+{intro}$", _FLAGS),
        "via": re.compile(rf"^\s*,?\s*(?:{conn['via']})\s+{intro}$", _FLAGS),
        "toward_from": re.compile(rf"\b(?:toward|towards|to)\s+{intro}$", _FLAGS),
        "from_after": re.compile(rf"^\s*,?\s*from\s+{intro}$", _FLAGS),
    }
    return gate_all(out)


def _number(s: str) -> float:
    words = _lexicon()["raw"]["number_words"]
    if s.lower() in words:
        return float(words[s.lower()])
    parts = [float(p.replace(",", ".")) for p in re.split(r"\s*[-–]\s*", s) if p]
    return sum(parts) / len(parts)          # "5-8 km": the middle of the range


def _area_number(s: str) -> float:
    return float(s.replace(",", ""))


def _point(p: Place) -> Point | None:
    return Point(lat=p.lat, lon=p.lon) if p.lat is not None and p.lon is not None else None


def offset_point(origin: Point, bearing_deg: float, distance_km: float) -> Point:
    """The point distance_km from origin along bearing_deg (clockwise from north), on the WGS84 ellipsoid."""
    try:
        from pyproj import Geod
    except ImportError:                    # pyproj is a build extra; geopy ships with frontmap
        from geopy.distance import geodesic
        dest = geodesic(kilometers=distance_km).destination((origin.lat, origin.lon), bearing_deg)
        return Point(lat=round(dest.latitude, 6), lon=round(dest.longitude, 6))
    lon, lat, _ = Geod(ellps="WGS84").fwd(origin.lon, origin.lat, bearing_deg, distance_km * 1000.0)
    return Point(lat=round(lat, 6), lon=round(lon, 6))


def _chain_head(text: str, at: tuple[int, int], places: Sequence[Place]) -> int:
    """Start of the list the mention at `at` ends ("near A, B and C": for C, where A starts)."""
    head = at[0]
    for p in sorted((p for p in places if p.end <= at[0]), key=lambda p: p.start, reverse=True):
        if _LIST.match(text[p.end:head]):
            head = p.start
        else:
            break
    return head


def _chain_tail(text: str, at: tuple[int, int], places: Sequence[Place]) -> int:
    tail = at[1]
    for p in sorted((p for p in places if p.start >= at[1]), key=lambda p: p.start):
        if _LIST.match(text[tail:p.start]):
            tail = p.end
        else:
            break
    return tail


def _line(text: str, at: tuple[int, int], place: Place, places: Sequence[Place], lo: int) -> Geometry | None:
    """A line through this place and another named with it as a road, a route or a stretch."""
    lx = _lexicon()
    here = _point(place)
    if here is None:
        return None
    for o in sorted(places, key=lambda p: p.start):
        there = _point(o)
        if there is None or there == here or (o.start, o.end) == at:
            continue
        # (span, point) of the place written first and of the one written second
        (a, pa), (b, pb) = ((at, here), ((o.start, o.end), there)) if o.start >= at[1] else \
            (((o.start, o.end), there), (at, here))
        between = text[a[1]:b[0]]
        before_at = max(lo, a[0] - 40)
        before = text[before_at:a[0]]
        first, end = None, b[1]
        if lx["road_between"].match(between) and (m := lx["road_before"].search(before)):
            first = before_at + m.start()                                       # along the A road toward B
        elif lx["dash"].match(between) and (m := lx["road_after"].match(text, b[1], b[1] + 30)):
            first, end = a[0], m.end()                                          # the A-B highway
        elif (m := lx["from"].search(before)) and (
                lx["and"].match(between) if m.group("word").lower() == "between"
                else lx["to"].match(between) or lx["via"].match(between)):
            first = before_at + m.start()                                       # from A to B, between A and B
        elif (m := lx["toward_from"].search(before)) and lx["from_after"].match(between):
            return Geometry("line", (pb, pa), text=text[before_at + m.start():end])   # toward B from A: A first
        if first is not None:
            return Geometry("line", (pa, pb), text=text[first:end])
    return None


def _word_before(text: str, lo: int, pos: int) -> str:
    words = text[max(lo, pos - 20):pos].rsplit(None, 1)
    return words[-1].lower() if words and text[pos - 1:pos].isspace() else ""


def _offset(text: str, at: tuple[int, int], origin: Point, lo: int) -> tuple[Point, str] | None:
    lx = _lexicon()
    if _word_before(text, lo, at[0]) not in lx["last_words"]:
        return None                      # cheap test first: every offset phrase ends "... of X" / "... from X"
    before = text[max(lo, at[0] - 80):at[0]]
    m = lx["offset"].search(before) if lx["offset_tail"].search(before) else None
    if m:
        dist = _number(m.group("num")) * lx["raw"]["units"][m.group("unit").lower()]
    else:
        m = lx["bare_bearing"].search(before) if lx["bearing_tail"].search(before) else None
        if m is None or (m.group("just") is None and len(m.group("bearing")) <= 2):
            return None
        dist = float(lx["raw"]["default_offset_km"])
    bearing = float(lx["raw"]["bearings"][m.group("bearing").lower()])
    phrase = before[m.start():] + text[at[0]:at[1]]
    return offset_point(origin, bearing, dist), phrase


def _buffer(text: str, at: tuple[int, int], place: Place, places: Sequence[Place], lo: int, hi: int
            ) -> tuple[float, str] | None:
    lx = _lexicon()
    head = _chain_head(text, at, places)
    if _word_before(text, lo, head) in lx["last_words"]:
        before = text[max(lo, head - 80):head]
        m = lx["distance"].search(before) if lx["distance_tail"].search(before) else None
        if m:
            radius = _number(m.group("num")) * lx["raw"]["units"][m.group("unit").lower()]
            return radius, before[m.start():] + text[head:at[1]]
        for rx, radius in lx["buffers"] if not lx["buffers_gate"].absent(before) else ():
            m = rx.search(before)
            if m:
                return radius, before[m.start():] + text[head:at[1]]
    tail = _chain_tail(text, at, places)
    nxt = text[tail:min(hi, tail + 20)].split(None, 1)
    if not nxt or nxt[0].lower().strip(".,;:") not in lx["first_words"]:
        return None
    for rx, radius in lx["buffers_after"]:
        m = rx.match(text, tail, min(hi, tail + 30))
        if m:
            return radius, text[at[0]:m.end()]
    return None


def _area(text: str, at: tuple[int, int], lo: int, hi: int) -> tuple[float, str] | None:
    """The area stated in the clause (the one nearest the place if there are several), in km2."""
    found = [(abs(m.start() - at[0]), m) for m in _areas(text, lo, hi)]
    if not found:
        return None
    m = min(found, key=lambda f: f[0])[1]
    lead = _lexicon()["area_lead"].search(text, max(lo, m.start() - 60), m.start())   # "an area of more than"
    start = lead.start() if lead else m.start()
    return round(_area_number(m.group("num")) * _km2_per(m.group("unit")), 3), text[start:m.end()].strip()


@lru_cache(maxsize=64)
def _areas(text: str, lo: int, hi: int) -> tuple[re.Match, ...]:
    if _DIGIT.search(text, lo, hi) is None:          # no number, no stated area
        return ()
    return tuple(_lexicon()["area"].finditer(text, lo, hi))


def _km2_per(unit: str) -> float:
    """km2 per unit as written: "sq. km", "square miles", "km²", "hectares"."""
    units = _lexicon()["raw"]["area_units"]
    u = re.sub(r"\s+", " ", unit.lower()).strip()
    if u in units:
        return float(units[u])
    u = re.sub(r"^sq\.?\s*", "square ", u)
    if u in units:
        return float(units[u])
    return float(units["square miles"] if "mi" in u else units["square kilometres"])


def geometry_for(text: str, place: Place, places: Sequence[Place], span: tuple[int, int] | None = None,
                 at: tuple[int, int] | None = None) -> Geometry | None:
    """The shape a claim on `place` describes, read from text[span] (the claim's clause or sentence).

    `places` are the places of that span (for lines and lists); `at` is where the claim names the
    place (a word like "the village" may stand for it), by default the place's own span.
    Returns None when the text gives no shape beyond the place's point.
    """
    lo, hi = span if span else (0, len(text))
    at = at or (place.start, place.end)
    origin = _point(place)
    if origin is None:
        return None
    if place.kind not in _NO_SHAPE_KINDS:
        line = _line(text, at, place, places, lo)
        if line:
            return line
    off = _offset(text, at, origin, lo) if place.kind not in _NO_SHAPE_KINDS else None
    area = _area(text, at, lo, hi)
    if area:
        centre = off[0] if off else origin
        return Geometry("area", (centre,), area_km2=area[0], text=area[1])
    if off:
        return Geometry("offset", (off[0],), text=off[1])
    if place.kind in _NO_SHAPE_KINDS:
        return None
    buf = _buffer(text, at, place, places, lo, hi)
    if buf:
        return Geometry("buffer", (origin,), radius_km=round(buf[0], 3), text=buf[1])
    return None
