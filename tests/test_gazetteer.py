"""Behaviour of the shipped gazetteer (gazetteer/*.gz in the repo)."""
import gzip
import shutil
import time
from pathlib import Path

import pytest

from frontmap.errors import GazetteerError
from frontmap.gazetteer import ATTRIBUTION, Gazetteer, default_gazetteer
from frontmap.names import name_key

DATA = Path(__file__).resolve().parents[1] / "gazetteer"


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def _near(e, lat, lon, tol=0.05):
    return abs(e.lat - lat) < tol and abs(e.lon - lon) < tol


def test_default_gazetteer_is_cached(gaz):
    assert default_gazetteer() is gaz
    assert len(gaz) > 30_000


def test_kupiansk_spellings_give_one_entry(gaz):
    ids = set()
    for spelling in ["Kupyansk", "Куп'янськ", "Kup'yans'k", "Kupiansk", "Купянск"]:
        hits = gaz.lookup(spelling, kinds=("settlement",))
        assert len(hits) == 1, spelling
        ids.add(hits[0].entry.id)
    (eid,) = ids
    e = gaz.get(eid)
    assert _near(e, 49.71, 37.62)
    assert (e.oblast, e.raion, e.name, e.name_uk) == ("Kharkiv", "Kupiansk", "Kupiansk", "Куп’янськ")


def test_matched_is_the_stored_spelling(gaz):
    assert gaz.lookup("Kupyansk")[0].matched == "Kupyansk"
    # a spelling not stored as such: the entry's best spelling with that key
    assert gaz.lookup("KUPIANSK")[0].matched == "Kupiansk"


def test_novoselivka_homonyms_carry_oblast_and_raion(gaz):
    hits = gaz.lookup("Novoselivka", kinds=("settlement",))
    assert len(hits) > 30
    assert all(m.entry.oblast and m.entry.raion for m in hits if not m.entry.approximate)
    assert any(m.entry.oblast == "Donetsk" and m.entry.raion == "Kramatorsk"
               and _near(m.entry, 49.07, 37.70) for m in hits)


def test_radisne_in_dnipropetrovsk_oblast(gaz):
    hits = gaz.lookup("Radisne")
    assert any(m.entry.oblast == "Dnipropetrovsk" and m.entry.raion == "Synelnykove"
               and _near(m.entry, 47.83, 36.20) for m in hits)


def test_kamianske_city_and_village(gaz):
    hits = [m.entry for m in gaz.lookup("Kamyanske")]
    city = [e for e in hits if e.oblast == "Dnipropetrovsk" and e.population > 100_000]
    assert city and city[0].raion == "Kamianske"
    assert any(e.oblast == "Zaporizhzhia" and e.raion == "Vasylivka" for e in hits)


@pytest.mark.parametrize("text,oblast", [
    ("Dnipropetrovsk Oblast", "Dnipropetrovsk"), ("Kharkiv region", "Kharkiv"),
    ("Kharkivska oblast", "Kharkiv"), ("Kharkov oblast", "Kharkiv"),
    ("Харківська область", "Kharkiv"), ("Харьковская область", "Kharkiv"),
    ("Kharkivshchyna", "Kharkiv"), ("DPR", "Donetsk"), ("DNR", "Donetsk"),
    ("Donetsk People’s Republic", "Donetsk"), ("LPR", "Luhansk"), ("Crimea", "Crimea"),
    ("Kursk Oblast", "Kursk (Russia)"), ("Belgorod region", "Belgorod (Russia)"),
])
def test_region_names(gaz, text, oblast):
    hits = gaz.lookup(text, kinds=("region",))
    assert [m.entry.oblast for m in hits] == [oblast]


def test_raion_names(gaz):
    ids = {m.entry.id for t in ["Pokrovsk Raion", "Pokrovskyi raion", "Pokrovsk district"]
           for m in gaz.lookup(t)}
    assert len(ids) == 1
    e = gaz.get(ids.pop())
    assert (e.kind, e.oblast, e.raion, e.name) == ("region", "Donetsk", "Pokrovsk", "Pokrovsk Raion")


@pytest.mark.parametrize("raion", ["Kupiansk", "Pokrovsk", "Synelnykove", "Polohy",
                                   "Kramatorsk", "Chuhuiv", "Bakhmut", "Volnovakha"])
def test_raion_short_names_follow_their_centre(gaz, raion):
    assert gaz.lookup(f"{raion} Raion", kinds=("region",))[0].entry.raion == raion


def test_donbas_is_a_macro_region(gaz):
    (m,) = gaz.lookup("Donbass")
    assert m.entry.kind == "region" and m.entry.oblast is None


def test_russian_places(gaz):
    (city,) = gaz.lookup("Belgorod", kinds=("settlement",))
    assert city.entry.id.startswith("ru:") and city.entry.oblast == "Belgorod (Russia)"
    assert gaz.lookup("Sudzha district", kinds=("region",))[0].entry.oblast == "Kursk (Russia)"


def test_rivers(gaz):
    hits = gaz.lookup("Dnipro", kinds=("river",))
    assert len(hits) == 1 and hits[0].entry.name == "Dnipro"
    assert any(m.entry.oblast == "Dnipropetrovsk" for m in gaz.lookup("Vovcha River"))


def test_kinds_filter_and_alternate_scores(gaz):
    assert all(m.entry.kind == "region" for m in gaz.lookup("Donetsk", kinds=("region",)))
    # official and main names score 1.0, alternates below
    scores = {m.entry.name: m.score for m in gaz.lookup("Artemovsk")}
    assert scores["Bakhmut"] < 1.0


def test_lookup_key_and_has_key(gaz):
    assert gaz.has_key(name_key("Kupyansk"))
    assert not gaz.has_key(name_key("Qwertyville"))
    assert gaz.lookup_key(name_key("Kupyansk"))[0].entry.name == "Kupiansk"
    assert gaz.lookup("Qwertyville") == []
    assert 3 <= gaz.max_key_words <= 8


def test_suggest_offers_near_spellings(gaz):
    for typo in ["Hulyaypolle", "Gulaipole"]:
        sugg = gaz.suggest(typo)
        assert sugg and sugg[0].entry.name == "Huliaipole" and sugg[0].entry.oblast == "Zaporizhzhia"
        assert all(0 < m.score <= 1 and m.source == "suggest" for m in sugg)
    assert gaz.suggest("Qqqwwwzzzfff") == []


def test_oblast_by_short_name(gaz):
    assert gaz.oblast("Kharkiv").name == "Kharkiv Oblast"
    assert gaz.oblast("Kyiv (city)").name == "Kyiv City"
    assert gaz.oblast("Belgorod").oblast == "Belgorod (Russia)"
    assert gaz.oblast("Atlantis") is None


def test_entries_are_consistent(gaz):
    assert gaz.get("nope") is None
    kinds = {e.kind for e in gaz.entries()}
    assert kinds == {"settlement", "region", "river"}
    oblasts = [e for e in gaz.entries("region") if e.feature == "oblast" and e.id.startswith("region:UA")]
    assert len(oblasts) == 25
    raions = [e for e in gaz.entries("region") if e.feature == "raion"]
    assert len(raions) == 136 and all(e.raion and e.oblast for e in raions)
    for e in gaz.entries():
        assert 40 < e.lat < 60 and 20 < e.lon < 50 or e.oblast == "Russia", e


def test_attribution_names_sources():
    assert "GeoNames" in ATTRIBUTION and "OpenStreetMap" in ATTRIBUTION
    assert "<" not in ATTRIBUTION.replace("&copy;", "")


def test_cold_load_is_fast():
    t = time.perf_counter()
    Gazetteer.load()
    assert time.perf_counter() - t < 2.0  # ~0.25 s on a dev machine


def test_missing_data_raises(tmp_path):
    with pytest.raises(GazetteerError, match="gazetteer_build"):
        Gazetteer.load(tmp_path)


def test_damaged_data_raises(tmp_path):
    for f in DATA.glob("*.*"):
        shutil.copy(f, tmp_path / f.name)
    names = (tmp_path / "names.tsv.gz").read_bytes()
    (tmp_path / "names.tsv.gz").write_bytes(names[: len(names) // 2])
    with pytest.raises(GazetteerError, match="damaged|truncated"):
        Gazetteer.load(tmp_path)


def test_rows_not_matching_meta_raise(tmp_path):
    for f in DATA.glob("*.*"):
        shutil.copy(f, tmp_path / f.name)
    with gzip.open(DATA / "entries.tsv.gz", "rt", encoding="utf-8") as f:
        lines = f.readlines()
    with gzip.open(tmp_path / "entries.tsv.gz", "wt", encoding="utf-8") as f:
        f.writelines(lines[:-5])
    with pytest.raises(GazetteerError):
        Gazetteer.load(tmp_path)
