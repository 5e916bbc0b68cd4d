"""The quiet layer of reference cities a date's map draws under its claims: oblast centres and
large towns of the theatre, from the gazetteer only (which oblasts: gazetteer/theatre.json;
how large: ``cities`` in render/symbols.json), so a reader can place the claims at a glance."""
from __future__ import annotations

from functools import lru_cache

from frontmap.errors import GazetteerError
from frontmap.render.assets import symbols


@lru_cache(maxsize=1)
def reference_cities() -> tuple[tuple[str, float, float, int], ...]:
    """(name, lat, lon, 1 for an oblast centre else 0), largest first; none without a gazetteer."""
    from frontmap.gazetteer.schema import theatre
    from frontmap.gazetteer.store import default_gazetteer

    rule = symbols()["cities"]
    oblasts = set(theatre()["theatre_oblasts"])
    try:
        entries = list(default_gazetteer().entries("settlement"))
    except GazetteerError:
        return ()      # the map still draws, without the reference cities
    chosen = [e for e in entries if e.oblast in oblasts and e.feature not in rule["skip_features"]
              and (e.feature in rule["centre_features"] or e.population >= rule["min_population"])]
    chosen.sort(key=lambda e: (-e.population, e.name))
    return tuple((e.name, round(e.lat, 5), round(e.lon, 5), int(e.feature in rule["centre_features"]))
                 for e in chosen)
