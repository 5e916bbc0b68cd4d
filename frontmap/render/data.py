"""What a map shows, as plain data: places, claims, shapes, conflicts.

The page carries this as one JSON block and draws it in the browser (one
marker per claim, clustered), so rendering 10,000 claims builds no Python
object per marker.  Report text only ever travels as JSON strings, which the
page puts into the document as text, never as HTML.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from frontmap.files import report_name
from frontmap.ledger.store import StoredClaim
from frontmap.ledger.diff import contested_reason  # one rule for maps and briefs
from frontmap.model import Geometry, Point
KM_PER_DEG_LAT = 110.57
PRECISION_TEXT = {1: "the settlement itself", 2: "near or offset from the place",
                  3: "only the region is known"}


@dataclass
class MapData:
    """One date's map: the JSON payload for the page plus the figures its title box shows."""

    payload: dict[str, Any]
    n_claims: int
    n_reports: int
    by_group: Counter
    by_event: Counter
    contested: list[tuple[int, str, str]]          # (place index, place name, why)
    unlocated: list[StoredClaim] = field(default_factory=list)
    claim_index: dict[int, int] = field(default_factory=dict)   # ledger claim id -> index in "claims"


def place_name(place) -> str:
    return place.name or place.text


def claim_colour_key(claim) -> str:
    """The colour a claim is drawn in: the side that gains, or fighting, or none; a strike is
    not a territorial gain, so it has its own neutral colour whichever side struck."""
    if claim.event == "strike":
        return "strike"
    if claim.beneficiary in ("RU", "UA"):
        return claim.beneficiary
    return "fighting" if claim.event == "fighting" else "none"


def evidence_parts(evidence: str, *names: str | None) -> list[str]:
    """[before, place name, after]: the first of ``names`` found in the evidence, case-blind."""
    folded = evidence.casefold()
    for name in names:
        if name and len(name.casefold()) == len(name):   # same length, so offsets carry over
            at = folded.find(name.casefold())
            if at >= 0:
                return [evidence[:at], evidence[at:at + len(name)], evidence[at + len(name):]]
    return [evidence, "", ""]


def arrowhead(tail: Point, tip: Point, length_km: float) -> list[list[float]]:
    """[[lat, lon] x3]: the two barbs and tip of an arrow at ``tip``, pointing away from ``tail``."""
    scale = math.cos(math.radians(tip.lat))
    dx = (tip.lon - tail.lon) * scale * KM_PER_DEG_LAT
    dy = (tip.lat - tail.lat) * KM_PER_DEG_LAT
    norm = math.hypot(dx, dy) or 1.0
    ux, uy = dx / norm, dy / norm
    barbs = []
    for sign in (1, -1):
        angle = math.radians(28) * sign
        bx = -(ux * math.cos(angle) - uy * math.sin(angle)) * length_km
        by = -(ux * math.sin(angle) + uy * math.cos(angle)) * length_km
        barbs.append([_r(tip.lat + by / KM_PER_DEG_LAT), _r(tip.lon + bx / (KM_PER_DEG_LAT * scale))])
    return [barbs[0], [_r(tip.lat), _r(tip.lon)], barbs[1]]


def shape_of(geometry: Geometry, place) -> dict[str, Any] | None:
    """What the page draws for a claim's geometry, in [lat, lon] pairs (Leaflet's order)."""
    pts = [[_r(p.lat), _r(p.lon)] for p in geometry.points]
    centre = pts[0] if pts else ([_r(place.lat), _r(place.lon)] if place.lat is not None else None)
    if geometry.kind == "offset" and pts and place.lat is not None:
        # a dashed link from the named place to the point the claim is about
        return {"k": "offset", "pts": [[_r(place.lat), _r(place.lon)], pts[0]], "txt": geometry.text}
    if geometry.kind in ("buffer", "area") and centre is not None:
        if geometry.kind == "buffer" and geometry.radius_km:
            radius_km = geometry.radius_km
        elif geometry.area_km2:
            radius_km = math.sqrt(geometry.area_km2 / math.pi)
        else:
            return None
        return {"k": geometry.kind, "pts": [centre], "m": round(radius_km * 1000), "txt": geometry.text}
    if geometry.kind == "line" and len(pts) >= 2:
        total = sum(_km(a, b) for a, b in zip(geometry.points, geometry.points[1:]))
        head = min(max(0.2 * total, 0.6), 4.0)
        return {"k": "line", "pts": pts, "head": arrowhead(geometry.points[-2], geometry.points[-1], head),
                "txt": geometry.text}
    return None


def build(claims: list[StoredClaim], *, reference=None) -> MapData:
    """The payload of one date's claims (ledger order), and the figures of its title box."""
    located = [s for s in claims if s.claim.place.lat is not None and s.claim.place.lon is not None]
    unlocated = [s for s in claims if s.claim.place.lat is None or s.claim.place.lon is None]
    place_index: dict[tuple, int] = {}
    places: list[dict[str, Any]] = []
    at_place: list[list] = []
    reports: dict[tuple, int] = {}
    out_claims, shapes = [], []
    claim_index: dict[int, int] = {}
    for stored in located:
        c, p = stored.claim, stored.claim.place
        key = (p.id, p.name, p.oblast, round(p.lat, 5), round(p.lon, 5))
        if key not in place_index:
            place_index[key] = len(places)
            places.append(_place_dict(p))
            at_place.append([])
        pi = place_index[key]
        at_place[pi].append(c)
        if p.text and p.text != places[pi]["n"] and p.text not in places[pi].get("aka", []):
            places[pi].setdefault("aka", []).append(p.text)   # each spelling the reports wrote: searched too
        report = (report_name(stored.report_path), stored.report_date)
        ri = reports.setdefault(report, len(reports))
        lat, lon = p.lat, p.lon
        si = -1
        if c.geometry is not None and (shape := shape_of(c.geometry, p)) is not None:
            si = len(shapes)
            shapes.append(shape)
            if c.geometry.kind == "offset":
                lat, lon = c.geometry.points[0].lat, c.geometry.points[0].lon
        claim_index.setdefault(stored.id, len(out_claims))
        out_claims.append({
            "p": pi, "lat": _r(lat), "lon": _r(lon), "e": c.event, "b": c.beneficiary,
            "k": claim_colour_key(c), "c": c.claimant, "s": c.claimant_side, "t": c.stance,
            "ev": evidence_parts(c.evidence, p.text, p.name), "r": ri, "d": c.event_date, "g": si})
    contested = []
    for pi, here in enumerate(at_place):
        if why := contested_reason(here):
            places[pi]["why"] = why
            contested.append((pi, places[pi]["n"], why))
    if reference is not None:
        where = reference.locate([Point(lat=p["lat"], lon=p["lon"]) for p in places])
        for p, w in zip(places, where):
            p["ref"] = w
    # The first view fits the claims about settlements; region-wide claims (a strike "in the
    # X region", drawn at the region's centre) would zoom the front out of sight.
    focus = [c for c, s in zip(out_claims, located)
             if s.claim.place.kind != "region" and s.claim.place.precision != 3] or out_claims
    lats = [c["lat"] for c in focus] + [p for s in shapes for p, _ in s["pts"]]
    lons = [c["lon"] for c in focus] + [q for s in shapes for _, q in s["pts"]]
    payload = {
        "places": places, "claims": out_claims, "shapes": shapes,
        "reports": [list(r) for r in reports],
        "bounds": [[min(lats), min(lons)], [max(lats), max(lons)]] if lats else None,
        "reference": {"name": reference.name, "geojson": reference.geojson} if reference else None,
    }
    return MapData(payload=payload, n_claims=len(claims),
                   n_reports=len({s.report_sha256 for s in claims}),
                   by_group=Counter(s.claim.claimant_side for s in claims),
                   by_event=Counter(s.claim.event for s in claims),
                   contested=contested, unlocated=unlocated, claim_index=claim_index)


def _place_dict(p) -> dict[str, Any]:
    d: dict[str, Any] = {"n": place_name(p), "lat": _r(p.lat), "lon": _r(p.lon), "o": p.oblast,
                         "st": p.status, "cf": round(float(p.confidence), 2),
                         "pr": PRECISION_TEXT.get(p.precision, str(p.precision))}
    if p.name and p.text and p.text != p.name:
        d["w"] = p.text
    if p.status == "ambiguous" and p.alternatives:
        d["alt"] = [[a.name or "?", a.oblast or "?", a.raion or "?"]
                    for a in p.alternatives]
    return d


def _km(a: Point, b: Point) -> float:
    scale = math.cos(math.radians((a.lat + b.lat) / 2))
    return math.hypot((b.lon - a.lon) * scale, b.lat - a.lat) * KM_PER_DEG_LAT


def _r(x: float) -> float:
    return round(float(x), 5)
