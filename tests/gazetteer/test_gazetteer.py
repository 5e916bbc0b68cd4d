"""Behaviour of the shipped gazetteer (gazetteer/*.gz in the repo)."""
import gzip
import shutil

import pytest

from frontmap.errors import GazetteerError
from frontmap.gazetteer.schema import ATTRIBUTION
from frontmap.gazetteer.store import Gazetteer, default_gazetteer
from frontmap.text.names import name_key
from support import GAZETTEER as DATA



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


def test_missing_data_raises(tmp_path):
    with pytest.raises(GazetteerError, match="builders.gazetteer"):
        Gazetteer.load(tmp_path, overrides=False)


def test_damaged_data_raises(tmp_path):
    for f in DATA.glob("*.*"):
        shutil.copy(f, tmp_path / f.name)
    names = (tmp_path / "names.tsv.gz").read_bytes()
    (tmp_path / "names.tsv.gz").write_bytes(names[: len(names) // 2])
    with pytest.raises(GazetteerError, match="damaged|truncated"):
        Gazetteer.load(tmp_path, overrides=False)


def test_rows_not_matching_meta_raise(tmp_path):
    for f in DATA.glob("*.*"):
        shutil.copy(f, tmp_path / f.name)
    with gzip.open(DATA / "entries.tsv.gz", "rt", encoding="utf-8") as f:
        lines = f.readlines()
    with gzip.open(tmp_path / "entries.tsv.gz", "wt", encoding="utf-8") as f:
        f.writelines(lines[:-5])
    with pytest.raises(GazetteerError):
        Gazetteer.load(tmp_path, overrides=False)


# --- issue 3: names tagged by language and system, case forms, regions ----------------
def _tags(gaz, entry_id):
    return {(s, tag) for s, tag, _ in gaz.names(entry_id)}


def test_names_carry_language_and_system(gaz):
    kupiansk = gaz.lookup("Kupiansk", kinds=("settlement",))[0].entry
    tags = _tags(gaz, kupiansk.id)
    assert ("Kupiansk", "uk-Latn") in tags and ("Куп’янськ", "uk") in tags
    assert ("Купянск", "ru") in tags and ("Kupyansk", "und-Latn") in tags
    bakhmut = next(m.entry for m in gaz.lookup("Bakhmut", kinds=("settlement",)) if m.entry.population)
    tags = _tags(gaz, bakhmut.id)
    assert {("Артемівськ", "uk-x-former"), ("Artemivsk", "uk-Latn-x-former"),
            ("Артёмовск", "ru-x-former"), ("Artemovsk", "ru-Latn-x-former")} <= tags
    assert gaz.names("nope") == []


def test_generated_russian_forms_score_below_real_names(gaz):
    (m,) = gaz.lookup("Stepnogorsk", kinds=("settlement",))
    assert m.entry.name == "Stepnohirsk"
    (m,) = [m for m in gaz.lookup("Тоненькое") if m.entry.oblast == "Donetsk"]
    assert m.entry.name == "Tonenke" and m.score == 0.85
    assert {("Тоненькое", "ru-x-gen"), ("Tonenkoye", "ru-Latn-x-gen")} <= _tags(gaz, m.entry.id)


def test_former_names_score_095(gaz):
    hits = gaz.lookup("Krasnoarmeysk", kinds=("settlement",))
    assert any(m.entry.name == "Pokrovsk" and m.score == 0.95 for m in hits)


def test_cyrillic_case_forms_find_the_nominative_at_a_lower_score(gaz):
    for text, name in [("Купянске", "Kupiansk"), ("в Покровске", "Pokrovsk"),
                       ("у Покровську", "Pokrovsk"), ("Часовом Яре", "Chasiv Yar"),
                       ("Харкова", "Kharkiv")]:
        hits = [m for m in gaz.lookup(text) if m.entry.name == name]
        assert hits and all(m.score < 1.0 for m in hits), text
    # a name stored as written is not searched further
    assert all(m.score == 1.0 for m in gaz.lookup("Покровськ", kinds=("settlement",))
               if m.entry.name == "Pokrovsk")


def test_cyrillic_meeting_a_name_only_on_the_key_scores_lower(gaz):
    loose = [m for m in gaz.lookup("Покровске") if m.entry.name == "Pokrovske"]
    literal = [m for m in gaz.lookup("Покровське") if m.entry.name == "Pokrovske"]
    assert loose and literal and max(m.score for m in loose) < min(m.score for m in literal)


def test_find_ranks_prominent_places_first_and_falls_back_to_suggestions(gaz):
    assert gaz.find("Konstantinovka")[0].entry.population > 50_000
    assert gaz.find("Seversk")[0].entry.oblast == "Donetsk"  # the theatre before Tomsk Oblast
    typo = gaz.find("Kramatorks")
    assert typo[0].entry.name == "Kramatorsk" and typo[0].source == "suggest" and typo[0].score < 1
    assert gaz.find("Qqqwwwzzzfff") == []


def test_region_at_gives_oblast_and_raion(gaz):
    from frontmap.model import Point

    # Radisne lies in Dnipropetrovsk Oblast, though the coarse OSM oblast layer puts it in Zaporizhzhia
    assert [e.name for e in gaz.region_at(Point(lat=47.833, lon=36.201))] == \
        ["Dnipropetrovsk Oblast", "Synelnykove Raion"]
    kupiansk = gaz.lookup("Kupiansk", kinds=("settlement",))[0].entry
    assert [(e.feature, e.raion or e.oblast) for e in gaz.region_at(kupiansk.point)] == \
        [("oblast", "Kharkiv"), ("raion", "Kupiansk")]
    assert gaz.region_at(Point(lat=50.6, lon=36.6)) == []  # Belgorod: no Russian polygons
    assert gaz.region_at(Point(lat=0.0, lon=0.0)) == []


def test_region_polygons_are_compact():
    size = (DATA / "regions.geojson.gz").stat().st_size
    assert size < 2_000_000


def test_rivers_of_the_theatre(gaz):
    for name in ["Oskil", "Siverskyi Donets", "Seversky Donets", "Vovcha", "Yanchul", "Haichur",
                 "Dnipro", "Kakhovka Reservoir", "Каховське водосховище", "Oskil Reservoir"]:
        assert gaz.lookup(name, kinds=("river",)), name
