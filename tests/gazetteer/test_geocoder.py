"""The geopy-compatible offline geocoder; its online fallback with a fake
Nominatim (tests never touch the network)."""
import json

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from frontmap.errors import FrontmapError
from frontmap.gazetteer.geocoder import OfflineGeocoder


@pytest.fixture(scope="module")
def geo():
    return OfflineGeocoder()


class FakeNominatim:
    """Answers like geopy's Nominatim.geocode, and counts calls."""

    def __init__(self):
        self.calls = []

    def geocode(self, query, **kwargs):
        self.calls.append((query, kwargs))
        loc = Location("Atlantis, Nowhere", (10.5, 20.25, 0.0), {"place_id": 1, "display_name": "Atlantis"})
        return loc if kwargs.get("exactly_one", True) else [loc]


def test_is_a_geopy_geocoder_returning_locations(geo):
    assert isinstance(geo, Geocoder)
    loc = geo.geocode("Kupyansk")
    assert isinstance(loc, Location)
    assert loc.address == "Kupiansk, Kupiansk Raion, Kharkiv Oblast, Ukraine"
    assert abs(loc.latitude - 49.71) < 0.05 and abs(loc.longitude - 37.62) < 0.05
    raw = loc.raw
    assert raw["name"] == "Kupiansk" and raw["oblast"] == "Kharkiv" and raw["kind"] == "settlement"
    assert raw["matched"] == "Kupyansk" and raw["source"] == "gazetteer" and raw["country_code"] == "ua"
    assert geo.geocode("Qqqwwwzzzfff") is None
    assert geo.geocode("Qqqwwwzzzfff", exactly_one=False) == []


def test_exactly_one_false_gives_every_candidate(geo):
    locs = geo.geocode("Novoselivka", exactly_one=False)
    assert len(locs) > 30 and all(isinstance(x, Location) for x in locs)
    assert len(geo.geocode("Novoselivka", exactly_one=False, limit=5)) == 5


@pytest.mark.parametrize("query,kwargs", [
    ("Kamianske", {"oblast": "Zaporizhzhia"}),
    ("Kamianske, Zaporizhzhia Oblast", {}),
    ("Kamianske, Zaporozhye region", {}),
    ("Kamianske, Запорізька область", {}),
    ("Kamianske, Vasylivka Raion", {}),
    ({"city": "Kamianske", "state": "Zaporizhzhia Oblast"}, {}),
])
def test_oblast_and_raion_hints(geo, query, kwargs):
    loc = geo.geocode(query, **kwargs)
    assert (loc.raw["oblast"], loc.raw["raion"]) == ("Zaporizhzhia", "Vasylivka")


def test_without_a_hint_the_prominent_place_comes_first(geo):
    assert geo.geocode("Kamianske").raw["population"] > 200_000


def test_country_codes(geo):
    assert geo.geocode("Belgorod").raw["country_code"] == "ru"
    assert geo.geocode("Belgorod", country_codes="ua") is None
    assert geo.geocode("Kupiansk", country_codes=["RU"]) is None


def test_viewbox_prefers_or_bounds(geo):
    box = [(49.2, 37.5), (48.9, 37.9)]  # (lat, lon) corners, geopy style
    loc = geo.geocode("Novoselivka", viewbox=box)
    assert 48.9 <= loc.latitude <= 49.2 and 37.5 <= loc.longitude <= 37.9
    inside = geo.geocode("Novoselivka", viewbox=box, bounded=True, exactly_one=False)
    assert inside and all(48.9 <= x.latitude <= 49.2 for x in inside)
    assert geo.geocode("Kupiansk", viewbox=box, bounded=True) is None


def test_typos_come_back_as_scored_suggestions(geo):
    loc = geo.geocode("Huliapole")
    assert loc.raw["name"] == "Huliaipole" and loc.raw["source"] == "suggest" and loc.raw["score"] < 1
    assert OfflineGeocoder(suggest=False).geocode("Huliapole") is None


def test_reverse(geo):
    loc = geo.reverse("48.2828, 37.1780")
    assert loc.raw["name"] == "Pokrovsk" and loc.raw["distance_km"] < 2
    assert loc.raw["region_at"] == ["region:UA14", "region:UA1416"]
    near = geo.reverse((48.2828, 37.1780), exactly_one=False, limit=3)
    assert len(near) == 3 and near[0].raw["distance_km"] <= near[-1].raw["distance_km"]
    assert geo.reverse("0, 0") is None


def test_online_fallback_is_off_by_default():
    fake = FakeNominatim()
    assert OfflineGeocoder(online_geocoder=fake, suggest=False).geocode("Atlantisqqq") is None
    assert fake.calls == []


def test_online_fallback_answers_misses_with_rate_limit_and_cache(tmp_path):
    fake = FakeNominatim()
    cache = tmp_path / "cache.json"
    geo = OfflineGeocoder(online=True, online_geocoder=fake, min_delay_seconds=0, suggest=False,
                          cache_path=cache)
    loc = geo.geocode("Atlantisqqq")
    assert (loc.latitude, loc.longitude) == (10.5, 20.25) and loc.raw["source"] == "nominatim"
    assert geo.geocode("Atlantisqqq").address == "Atlantis, Nowhere"
    assert len(fake.calls) == 1                     # the second answer came from the cache
    assert geo.geocode("Kupiansk").raw["source"] == "gazetteer"
    assert len(fake.calls) == 1                     # the gazetteer answered, not Nominatim
    assert json.loads(cache.read_text(encoding="utf-8"))
    again = OfflineGeocoder(online=True, online_geocoder=FakeNominatim(), suggest=False, cache_path=cache)
    assert again.geocode("Atlantisqqq").raw["source"] == "nominatim"
    assert again._online_geocoder.calls == []       # the cache file answered


def test_online_fallback_needs_a_user_agent():
    geo = OfflineGeocoder(online=True, suggest=False)
    with pytest.raises(FrontmapError, match="user_agent"):
        geo.geocode("Atlantisqqq")


# --- geopy's keywords: honoured or refused, never dropped (issue 13) ----------------------------

def test_language_picks_the_name_form(geo):
    from geopy.exc import GeocoderQueryError
    en = geo.geocode("Kupyansk", language="en")
    uk = geo.geocode("Kupyansk", language="uk")
    ru = geo.geocode("Kupyansk", language="ru-RU,ru;q=0.9")
    assert en.address == geo.geocode("Kupyansk").address and en.raw["language"] == "en"
    assert uk.raw["language"] == "uk" and uk.address.startswith(uk.raw["name_uk"]) and "Україна" in uk.address
    assert ru.raw["language"] == "ru" and ru.raw["display_name"] != uk.raw["display_name"]
    assert all("а" <= ch.lower() <= "я" or not ch.isalpha() for ch in ru.raw["display_name"])   # Cyrillic
    assert geo.geocode("Kupyansk", language="de,uk;q=0.5").raw["language"] == "uk"   # the first it has
    assert geo.reverse((49.71, 37.62), language="uk").raw["language"] == "uk"
    with pytest.raises(GeocoderQueryError, match="'de'"):
        geo.geocode("Kupyansk", language="de")
    with pytest.raises(FrontmapError, match="'fr-FR'"):
        geo.reverse((49.71, 37.62), language="fr-FR")


def test_namedetails_gives_every_name_form(geo):
    raw = geo.geocode("Kupyansk", namedetails=True).raw
    assert set(raw["namedetails"]) == {"name", "name:en", "name:uk", "name:ru"}
    assert raw["namedetails"]["name:uk"] == raw["name_uk"]


def test_country_codes_outside_the_gazetteer_or_malformed_are_refused_naming_them(geo):
    from geopy.exc import GeocoderQueryError
    assert geo.geocode("Kupiansk", country_codes="UA") is not None
    assert geo.geocode("Kupiansk", country_codes="ua,ru") is not None
    for bad, shown in (("pl", "'pl'"), (["ua", "Ukraine"], "'ukraine'"), ("ukr", "'ukr'")):
        with pytest.raises(GeocoderQueryError, match=shown):
            geo.geocode("Kupiansk", country_codes=bad)


def test_timeout_is_accepted_offline_checked_and_passed_online(geo):
    from geopy.exc import GeocoderQueryError
    assert geo.geocode("Kupiansk", timeout=5) is not None and geo.geocode("Kupiansk", timeout=None) is not None
    assert geo.reverse((49.71, 37.62), timeout=2.5) is not None
    for bad in (0, -1, "soon"):
        with pytest.raises(GeocoderQueryError, match=repr(bad).replace("-", r"\-")):
            geo.geocode("Kupiansk", timeout=bad)
    fake = FakeNominatim()
    online = OfflineGeocoder(online=True, online_geocoder=fake, min_delay_seconds=0, suggest=False)
    online.geocode("Atlantisqqq", timeout=7, language="en")
    assert fake.calls[0][1]["timeout"] == 7 and fake.calls[0][1]["language"] == "en"


def test_keywords_it_cannot_answer_are_refused_and_unknown_ones_are_a_type_error(geo):
    from geopy.exc import GeocoderQueryError
    for key, value in (("geometry", "geojson"), ("extratags", True), ("featuretype", "city")):
        with pytest.raises(GeocoderQueryError, match=key):
            geo.geocode("Kupiansk", **{key: value})
    with pytest.raises(GeocoderQueryError, match="zoom"):
        geo.reverse((49.71, 37.62), zoom=10)
    with pytest.raises(GeocoderQueryError, match="limit"):
        geo.geocode("Kupiansk", limit=0, exactly_one=False)
    with pytest.raises(TypeError):
        geo.geocode("Kupiansk", lang="en")          # a misspelt keyword is not dropped
