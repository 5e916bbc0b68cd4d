"""The user's example reports in seeds/ give the places and claims the product promises."""
import pytest

from support import SEEDS



@pytest.fixture(scope="module")
def seed_claims(extractor):
    claims, places = [], []
    for e in extractor.extract_paths([SEEDS]):
        claims += e.claims
        places += e.places
    return claims, places


def near(p, lat, lon, tol=0.05):
    return abs(p.lat - lat) < tol and abs(p.lon - lon) < tol


def test_kupiansk_capture_is_claimed_by_gerasimov(seed_claims):
    claims, _ = seed_claims
    caps = [c for c in claims if c.place.name == "Kupiansk" and c.event == "captured"]
    assert any("Gerasimov" in c.claimant and c.claimant_side == "RU" and c.stance == "asserted" for c in caps)
    assert all(near(c.place, 49.71, 37.62) for c in caps)


def test_radisne_capture_is_claimed_by_russians_and_by_local_ukrainian_sources(seed_claims):
    claims, _ = seed_claims
    caps = [c for c in claims if c.place.name == "Radisne" and c.event == "captured" and c.stance == "asserted"]
    assert {c.claimant_side for c in caps} >= {"RU", "UA"}
    assert all(c.place.oblast == "Dnipropetrovsk" and near(c.place, 47.83, 36.20) for c in caps)
    hedges = [c for c in claims if c.place.name == "Radisne" and c.stance == "hedged"]
    assert hedges and hedges[0].claimant_side == "outlet"


def test_kamianske_is_the_village_beside_stepnohirsk(seed_claims):
    _, places = seed_claims
    kam = [p for p in places if p.name == "Kamianske"]
    assert kam and all(p.oblast == "Zaporizhzhia" for p in kam)
    step = [p for p in places if p.name == "Stepnohirsk"]
    assert step and step[0].oblast == "Zaporizhzhia"


def test_novoselivka_is_the_one_near_lyman(seed_claims):
    _, places = seed_claims
    novo = [p for p in places if p.name == "Novoselivka"]
    assert novo and all(near(p, 49.07, 37.70) for p in novo)


def test_the_politics_report_has_no_front_line_claims(extractor):
    (e,) = extractor.extract_paths([SEEDS / "000_c5d118fce079f175.txt"])
    assert e.report.date == "2025-11-20"
    assert e.claims == []
