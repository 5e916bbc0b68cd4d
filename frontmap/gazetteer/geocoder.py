"""A geopy-compatible geocoder over the offline gazetteer.

Code written for geopy can swap ``Nominatim(...)`` for ``OfflineGeocoder()``:
``geocode`` and ``reverse`` return ``geopy.location.Location`` objects whose
``raw`` is the gazetteer candidate (id, names, oblast, raion, hromada, kind,
population, the spelling that matched, score and source). Nothing goes on
the network unless ``online=True``; then a query the gazetteer cannot answer
goes to Nominatim through geopy's RateLimiter, and answers are cached.

    geo = OfflineGeocoder()
    geo.geocode("Kamianske", oblast="Zaporizhzhia").raw["raion"]   # 'Vasylivka'
    geo.reverse("48.28, 37.18").address                            # 'Pokrovsk, ...'

geopy's keywords are honoured or refused, never dropped: ``language`` ("en", "uk", "ru", or an
Accept-Language list such as "uk,en;q=0.5") picks the name form of the address; ``country_codes``
keeps "ua" and "ru" (what the gazetteer covers); ``timeout`` is passed to the online fallback and
means nothing offline (no answer waits on a network), so any valid value is accepted there;
``addressdetails`` and ``namedetails`` are answered from the gazetteer.  A value the gazetteer
cannot honour raises :class:`GeocoderOptionError` (a ``geopy.exc.GeocoderQueryError`` and a
``FrontmapError``), naming it.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

from geopy.exc import GeocoderQueryError
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point as GeoPoint

from frontmap.distance import haversine_km
from frontmap.errors import FrontmapError
from frontmap.files import write_atomic
from frontmap.gazetteer.store import Gazetteer, best_first, default_gazetteer
from frontmap.model import Entry, Match, Point

REVERSE_MAX_KM = 25.0
LANGUAGES = ("en", "uk", "ru")       # the name forms the gazetteer holds
COUNTRIES = ("ua", "ru")             # what it covers: Ukraine and the Russian border oblasts


class GeocoderOptionError(FrontmapError, GeocoderQueryError):
    """A geopy keyword the offline gazetteer cannot honour; caught as either family's error."""
_GRID = 0.25  # degrees per cell of the reverse-geocoding index


class OfflineGeocoder(Geocoder):
    """geopy ``Geocoder`` answering from the offline gazetteer.

    `online`: when True, queries the gazetteer cannot answer go to Nominatim
    (needs `user_agent`), at most one request per `min_delay_seconds`, cached
    in memory and, given `cache_path`, in a JSON file. `online_geocoder`
    replaces Nominatim (any geopy geocoder; tests pass a fake)."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, online: bool = False,
                 user_agent: str | None = None, online_geocoder=None,
                 min_delay_seconds: float = 1.0, cache_path: str | Path | None = None,
                 suggest: bool = True):
        super().__init__(user_agent=user_agent or "frontmap-offline")
        self.gazetteer = gazetteer or default_gazetteer()
        self.online = online
        self.suggest = suggest
        self._user_agent_given = user_agent
        self._online_geocoder = online_geocoder
        self._min_delay = min_delay_seconds
        self._rate_limited = None
        self._cache_path = Path(cache_path) if cache_path else None
        self._cache: dict[str, list[dict]] | None = None
        self._grid: dict[tuple[int, int], list[Entry]] | None = None

    # --- geocode ------------------------------------------------------------------
    def geocode(self, query, *, exactly_one: bool = True, limit: int | None = None,
                country_codes=None, oblast: str | None = None, viewbox=None,
                bounded: bool = False, kinds: tuple[str, ...] | None = None, language=False,
                timeout=DEFAULT_SENTINEL, addressdetails: bool = True, namedetails: bool = False,
                geometry=None, extratags: bool = False, featuretype=None):
        """Locations for a place name in any spelling.

        `query`: "Kupiansk", or "Kamianske, Zaporizhzhia Oblast" (parts after
        the first comma act as oblast or raion hints), or a dict with "city"
        / "settlement" and optionally "state" / "oblast". `country_codes`:
        "ua", "ru" or a list; `oblast`: prefer (not require) this oblast;
        `viewbox`: two corner points, preferred, or required with `bounded`.
        `language`, `timeout`, `addressdetails`, `namedetails`: as geopy's (see the module);
        `geometry`, `extratags`, `featuretype` are refused (the gazetteer holds points only).
        Returns None (or []) when nothing matches."""
        lang = _language(language)
        _timeout(timeout)
        for key, value in (("geometry", geometry), ("extratags", extratags), ("featuretype", featuretype)):
            if value:
                raise GeocoderOptionError(f"{key}={value!r}: the offline gazetteer holds points and names only; "
                                          f"leave {key} out (or use online=True's Nominatim for it)")
        name, hints = _parse_query(query)
        if oblast:
            hints.insert(0, oblast)
        countries = _countries(country_codes)
        if limit is not None and (not isinstance(limit, int) or limit < 1):
            raise GeocoderOptionError(f"limit={limit!r}: pass a whole number of 1 or more")
        box = _viewbox(viewbox)
        matches = self.gazetteer.lookup(name, kinds=kinds) if name else []
        if not matches and name and self.suggest:
            matches = self.gazetteer.suggest(name, limit=10, kinds=kinds)
        matches = [m for m in matches if not countries or _country(m.entry) in countries]
        if box and bounded:
            matches = [m for m in matches if _inside(m.entry, box)]
        ranked = _rank(matches, self._hint_regions(hints), box)
        if not ranked and self.online and name:
            extra = {k: v for k, v in (("language", language), ("timeout", timeout))
                     if v is not False and v is not DEFAULT_SENTINEL}
            return self._geocode_online(query, exactly_one=exactly_one, limit=limit,
                                        country_codes=country_codes, viewbox=viewbox,
                                        bounded=bounded, **extra)
        locations = [self._location(m, lang, namedetails) for m in ranked[: limit or None]]
        return _one_or_list(locations, exactly_one)

    def _hint_regions(self, hints: list[str]) -> list[tuple[str | None, str | None]]:
        """(oblast, raion) pairs the hints name: "Zaporizhzhia Oblast",
        "Zaporozhye region", "Vasylivka Raion", "Запорізька область"."""
        out = []
        for h in hints:
            found = self.gazetteer.lookup(h, kinds=("region",))
            if not found:
                found = self.gazetteer.lookup(f"{h} oblast", kinds=("region",)) or \
                    self.gazetteer.lookup(f"{h} raion", kinds=("region",))
            out += [(m.entry.oblast, m.entry.raion) for m in found if m.entry.oblast]
        return out

    # --- reverse ------------------------------------------------------------------
    def reverse(self, query, *, exactly_one: bool = True, limit: int = 5,
                max_km: float = REVERSE_MAX_KM, language=False, timeout=DEFAULT_SENTINEL,
                addressdetails: bool = True, namedetails: bool = False, zoom=None):
        """The settlement(s) nearest to a point ("lat, lon", (lat, lon) or a
        geopy Point), within `max_km`; raw carries "distance_km" and the
        oblast and raion whose polygons contain the point ("region_at").
        `language`, `timeout` as for :meth:`geocode`; `zoom` is refused (use `max_km`)."""
        lang = _language(language)
        _timeout(timeout)
        if zoom is not None:
            raise GeocoderOptionError(f"zoom={zoom!r}: the offline reverse geocoder answers settlements; "
                                      "pass max_km (kilometres) instead")
        p = GeoPoint(query)
        lat, lon = p.latitude, p.longitude
        grid = self._reverse_grid()
        cx, cy = int(math.floor(lat / _GRID)), int(math.floor(lon / _GRID))
        reach = int(math.ceil(max_km / (111.0 * _GRID * max(0.2, math.cos(math.radians(lat)))))) + 1
        found = []
        for i in range(cx - reach, cx + reach + 1):
            for j in range(cy - reach, cy + reach + 1):
                for e in grid.get((i, j), ()):
                    d = haversine_km(lat, lon, e.lat, e.lon)
                    if d <= max_km:
                        found.append((d, e.approximate, -e.population, e.id, e))
        found.sort()
        regions = [r.id for r in self.gazetteer.region_at(Point(lat=lat, lon=lon))]
        locations = []
        for d, *_rest, e in found[:limit]:
            loc = self._location(Match(entry=e, matched=e.name, score=1.0), lang, namedetails)
            loc.raw.update(distance_km=round(d, 3), region_at=regions)
            locations.append(loc)
        return _one_or_list(locations, exactly_one)

    def _reverse_grid(self):
        if self._grid is None:
            self._grid = {}
            for e in self.gazetteer.entries("settlement"):
                key = (int(math.floor(e.lat / _GRID)), int(math.floor(e.lon / _GRID)))
                self._grid.setdefault(key, []).append(e)
        return self._grid

    # --- results ------------------------------------------------------------------
    def _name(self, e: Entry, lang: str) -> str:
        """The entry's name in ``lang``: the Latin canonical name (en), the official Ukrainian
        one (uk), the first Russian spelling stored (ru); the Latin name where it has none."""
        if lang == "uk" and e.name_uk:
            return e.name_uk
        if lang in ("uk", "ru"):
            for spelling, tag, rank in self.gazetteer.names(e.id):
                if rank == 0 and tag == lang:
                    return spelling
        return e.name

    def _location(self, m: Match, lang: str = "en", namedetails: bool = False) -> Location:
        e = m.entry
        name = self._name(e, lang)
        parts = [name]
        if e.kind == "settlement" and e.raion:
            if lang == "en":
                parts.append(f"{e.raion} Raion" if not (e.oblast or "").endswith("(Russia)")
                             else f"{e.raion} District")
        if e.kind != "region" or e.feature not in ("oblast", "city"):
            region = self.gazetteer.oblast(e.oblast) if e.oblast else None
            if region is not None:
                parts.append(self._name(region, lang))
        parts.append(_COUNTRY_NAMES[lang][_country(e)])
        raw = {"id": e.id, "name": e.name, "name_uk": e.name_uk, "kind": e.kind,
               "oblast": e.oblast, "raion": e.raion, "hromada": e.hromada, "lat": e.lat,
               "lon": e.lon, "population": e.population, "feature": e.feature,
               "katottg": e.katottg, "approximate": e.approximate, "matched": m.matched,
               "score": m.score, "source": m.source, "country_code": _country(e),
               "language": lang, "display_name": name}
        if namedetails:
            raw["namedetails"] = {"name": e.name, **{f"name:{lg}": self._name(e, lg) for lg in LANGUAGES}}
        return Location(", ".join(dict.fromkeys(p for p in parts if p)), (e.lat, e.lon, 0.0), raw)

    # --- online fallback ----------------------------------------------------------
    def _geocode_online(self, query, **kwargs):
        key = json.dumps([query if isinstance(query, str) else sorted(query.items()),
                          {k: str(v) for k, v in sorted(kwargs.items())}], ensure_ascii=False)
        cache = self._load_cache()
        if key not in cache:
            answer = self._online_call()(query, **kwargs)
            answers = answer if isinstance(answer, list) else ([answer] if answer else [])
            cache[key] = [{"address": a.address, "lat": a.latitude, "lon": a.longitude,
                           "raw": a.raw} for a in answers]
            self._save_cache()
        locations = []
        for a in cache[key]:
            raw = dict(a["raw"]) if isinstance(a["raw"], dict) else {"value": a["raw"]}
            raw["source"] = "nominatim"
            locations.append(Location(a["address"], (a["lat"], a["lon"], 0.0), raw))
        return _one_or_list(locations, kwargs.get("exactly_one", True))

    def _online_call(self):
        if self._rate_limited is None:
            from geopy.extra.rate_limiter import RateLimiter

            geocoder = self._online_geocoder
            if geocoder is None:
                if not self._user_agent_given:
                    raise FrontmapError("the online fallback needs a user_agent naming your "
                                        "application (Nominatim's usage policy): "
                                        "OfflineGeocoder(online=True, user_agent='myapp/1.0')")
                from geopy.geocoders import Nominatim
                geocoder = Nominatim(user_agent=self._user_agent_given)
            self._rate_limited = RateLimiter(geocoder.geocode, min_delay_seconds=self._min_delay)
        return self._rate_limited

    def _load_cache(self) -> dict:
        if self._cache is None:
            self._cache = {}
            if self._cache_path and self._cache_path.exists():
                try:
                    self._cache = json.loads(self._cache_path.read_text(encoding="utf-8"))
                except (OSError, ValueError) as e:
                    raise FrontmapError(f"geocoder cache {str(self._cache_path)!r} is unreadable "
                                        f"({e}); delete it and it will be rebuilt") from e
        return self._cache

    def _save_cache(self) -> None:
        if self._cache_path:
            write_atomic(self._cache_path, json.dumps(self._cache, ensure_ascii=False, indent=0),
                         what="geocoder cache", fix="check the folder, or pass another cache path", mkdir=True)


# --- helpers ------------------------------------------------------------------------
def _parse_query(query) -> tuple[str, list[str]]:
    if isinstance(query, dict):
        name = query.get("settlement") or query.get("city") or query.get("village") or \
            query.get("town") or query.get("q") or ""
        hints = [query[k] for k in ("county", "raion", "state", "oblast") if query.get(k)]
        return str(name).strip(), [str(h) for h in hints]
    parts = [p.strip() for p in str(query).split(",") if p.strip()]
    return (parts[0] if parts else ""), parts[1:]


def _rank(matches: list[Match], regions: list[tuple[str | None, str | None]], box) -> list[Match]:
    """best_first, then places inside the hinted regions and the viewbox first."""
    ordered = best_first(matches)
    if not regions and not box:
        return ordered

    def fits(m: Match) -> int:
        e = m.entry
        n = max((1 + (raion is not None) for oblast, raion in regions
                 if e.oblast == oblast and (raion is None or e.raion == raion)), default=0)
        if box and _inside(e, box):
            n += 1
        return -n
    return sorted(ordered, key=fits)  # stable: best_first order within equal fit


def _country(e: Entry) -> str:
    return "ru" if e.oblast and (e.oblast == "Russia" or e.oblast.endswith("(Russia)")) else "ua"


_COUNTRY_NAMES = {"en": {"ua": "Ukraine", "ru": "Russia"}, "uk": {"ua": "Україна", "ru": "Росія"},
                  "ru": {"ua": "Украина", "ru": "Россия"}}


def _countries(codes) -> set[str]:
    if not codes:
        return set()
    if isinstance(codes, str):
        codes = codes.split(",")
    out = {str(c).strip().lower() for c in codes}
    bad = sorted(out - set(COUNTRIES))
    if bad:
        raise GeocoderOptionError(f"country_codes {', '.join(map(repr, bad))}: the offline gazetteer covers "
                                  f"{' and '.join(COUNTRIES)} only (ISO 3166-1 alpha-2); pass those, or none")
    return out


def _language(language) -> str:
    """The first language of an Accept-Language value the gazetteer has names in (default en)."""
    if language is False or language is None or language == "":
        return "en"
    if not isinstance(language, str):
        raise GeocoderOptionError(f"language={language!r}: pass a language code such as 'en', 'uk' or 'ru'")
    wanted = [part.split(";")[0].strip().lower() for part in language.split(",")]
    for tag in wanted:
        primary = tag.split("-")[0]
        if primary in LANGUAGES:
            return primary
    raise GeocoderOptionError(f"language {language!r}: the offline gazetteer holds names in "
                              f"{', '.join(LANGUAGES)} only; pass one of them")


def _timeout(timeout) -> None:
    """A timeout is meaningless offline (nothing waits on a network) but must be a valid one."""
    if timeout is DEFAULT_SENTINEL or timeout is None:
        return
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        raise GeocoderOptionError(f"timeout={timeout!r}: pass a number of seconds above 0, or None")


def _viewbox(viewbox):
    if not viewbox:
        return None
    a, b = (GeoPoint(p) for p in viewbox)
    return (min(a.latitude, b.latitude), max(a.latitude, b.latitude),
            min(a.longitude, b.longitude), max(a.longitude, b.longitude))


def _inside(e: Entry, box) -> bool:
    lat_lo, lat_hi, lon_lo, lon_hi = box
    return lat_lo <= e.lat <= lat_hi and lon_lo <= e.lon <= lon_hi


def _one_or_list(locations: list[Location], exactly_one: bool):
    if exactly_one:
        return locations[0] if locations else None
    return locations
