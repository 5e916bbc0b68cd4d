"""An oblast's capital named as the place settlements lie in means the oblast.

"Fighting near Pokrovsk and Myrnohrad in Donetsk", "Novoselivka, Kharkiv": the capital's name stands
for its oblast when the settlements it locates lie outside the city.  The resolver already uses it
as their oblast (places/locating.py); this gives the mention itself the oblast's entry, so the map
and the claims read it as a region, not as the city.  "The Kyivskyi district in Donetsk" lies in the
city and keeps it.
"""
from __future__ import annotations

from dataclasses import replace

from frontmap.distance import haversine_km
from frontmap.gazetteer.store import Gazetteer
from frontmap.model import Place
from frontmap.places.locating import Span, locating_regions

# capitals' features in GeoNames: an oblast's seat, the country's
CAPITAL_FEATURES = ("PPLA", "PPLC")


def capitals_as_oblasts(text: str, places: list[Place], sentence_of, gaz: Gazetteer, outside_km: float) -> list[Place]:
    """``places`` with each resolved oblast capital that locates a settlement lying more than
    ``outside_km`` from it replaced by its oblast's region entry (``sentence_of``: a position's
    sentence index)."""
    by_sentence: dict[int, list[int]] = {}
    for k, p in enumerate(places):
        by_sentence.setdefault(sentence_of(p.start), []).append(k)
    capitals = {}
    for k, p in enumerate(places):
        if p.kind == "settlement" and p.status == "resolved" and p.id and p.oblast:
            e = gaz.get(p.id)
            if e is not None and e.feature in CAPITAL_FEATURES:
                capitals[k] = e
    if not capitals:
        return places
    out = list(places)
    for members in by_sentence.values():
        if not any(k in capitals for k in members):
            continue
        spans = [Span(places[k].start, places[k].end, capitals.get(k)) for k in members]
        runs: dict[int, int] = {}
        for i, k in enumerate(members):
            q = places[k]
            if k in capitals or q.kind != "settlement" or q.lat is None:
                continue
            for region in locating_regions(text, i, spans, runs):
                c = next((j for j in members if capitals.get(j) is region), None)
                if c is None or haversine_km(q.lat, q.lon, region.lat, region.lon) <= outside_km:
                    continue
                oblast = gaz.oblast(region.oblast)
                if oblast is not None and out[c] is places[c]:
                    out[c] = replace(places[c], name=oblast.name, kind=oblast.kind, oblast=oblast.oblast,
                                     lat=oblast.lat, lon=oblast.lon, id=oblast.id,
                                     reason=f"{places[c].text} names the oblast here: the settlements it locates "
                                            f"({q.name}) lie outside the city of {region.name}")
    return out
