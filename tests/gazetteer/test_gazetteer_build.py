"""Build-side rules; the full rebuild needs ../shared and skips without it."""
import json
from collections import Counter
from types import SimpleNamespace

import pytest

from frontmap.gazetteer.store import Gazetteer
from frontmap.builders.assign import assign_ambiguous, too_far
from frontmap.builders.gazetteer import _group_names, build
from frontmap.builders.regions import adjective_stem, raion_centre, ru_district_short
from frontmap.builders.russian import RussianRules, latin_renderings, russian_forms
from frontmap.builders.sources import KRow, is_clean_name, norm_uk, pick_uk_name, tag_lang
from support import GAZETTEER as DATA, SHARED



def _raion(adj: str, settlements: list[tuple[str, str]], hromada: str | None = None):
    """A made-up KATOTTG raion with one hromada holding `settlements`."""
    kat = {}
    r = KRow(code="UA99010000000000001", category="P", name=adj, oblast="UA99", raion=None,
             hromada=None)
    h = KRow(code="UA99010010000000001", category="H", name=hromada or "Тестова",
             oblast="UA99", raion=r.code, hromada=None)
    r.children.append(h.code)
    kat[r.code], kat[h.code] = r, h
    for i, (cat, name) in enumerate(settlements):
        code = f"UA9901001{i:04d}000000"
        kat[code] = KRow(code=code, category=cat, name=name, oblast="UA99", raion=r.code,
                         hromada=h.code)
        h.children.append(code)
    return r, kat


@pytest.mark.parametrize("adj,settlements,centre", [
    ("Куп’янський", [("C", "Куп’янка"), ("M", "Куп’янськ"), ("C", "Ківшарівка")], "Куп’янськ"),
    ("Синельниківський", [("C", "Славгород"), ("M", "Синельникове")], "Синельникове"),
    ("Пологівський", [("C", "Полтавка"), ("M", "Пологи"), ("M", "Оріхів")], "Пологи"),
    ("Волноваський", [("M", "Вугледар"), ("M", "Волноваха")], "Волноваха"),
    ("Прилуцький", [("C", "Прилука"), ("M", "Прилуки")], "Прилуки"),
    ("Запорізький", [("X", "Запорізьке"), ("M", "Запоріжжя")], "Запоріжжя"),
    ("Кременчуцький", [("M", "Кременчук"), ("M", "Горішні Плавні")], "Кременчук"),
    ("Чугуївський", [("M", "Вовчанськ"), ("M", "Чугуїв")], "Чугуїв"),
    ("Краматорський", [("M", "Краматорськ"), ("M", "Слов’янськ")], "Краматорськ"),
])
def test_raion_centre_from_adjective(adj, settlements, centre):
    r, kat = _raion(adj, settlements)
    assert raion_centre(r, kat, {}).name == centre


def test_raion_centre_override_and_no_centre():
    r, kat = _raion("Дністровський", [("C", "Дністрівка"), ("X", "Кельменці")])
    assert raion_centre(r, kat, {r.code: "-"}) is None
    assert raion_centre(r, kat, {r.code: "Кельменці"}).name == "Кельменці"


def test_adjective_stem():
    assert adjective_stem("Куп’янський") == "куп'ян"
    assert adjective_stem("Великобурлуцька ") == "великобурлу"


def test_russian_district_short_name():
    towns = [("Sudzha", 5000), ("Sudzhanka", 300), ("Korenevo", 4000), ("Kursk", 440000),
             ("Valuyki", 30000), ("Prokhorovka", 9000), ("Ryl'sk", 15000)]
    assert ru_district_short("Sudzhanskiy Rayon", towns) == "Sudzha"
    assert ru_district_short("Korenevskiy Rayon", towns) == "Korenevo"
    assert ru_district_short("Valuyskiy Rayon", towns) == "Valuyki"
    assert ru_district_short("Prokhorovskiy Rayon", towns) == "Prokhorovka"
    assert ru_district_short("Ryl'skiy Rayon", towns) == "Ryl'sk"
    assert ru_district_short("Lgovskiy Rayon", towns) is None


@pytest.mark.parametrize("alt,ok", [
    ("Kupyansk", True), ("Куп’янськ", True), ("Kup”yans’k", True),
    ("IEV", False), ("Kupjansk 2", False), ("kwpyansk", False), ("קופיאנסק", False),
    ("A very long name that is surely a description not a place", False),
])
def test_clean_alternate_names(alt, ok):
    assert is_clean_name(alt) is ok


def test_language_tags_and_ukrainian_name_choice():
    official = norm_uk("Куп’янськ")
    assert tag_lang("Куп'янськ", official) == "uk"
    assert tag_lang("Купянск", official) == "ru"
    assert tag_lang("Купянск", None) == "cyr"
    assert tag_lang("Kupyansk", None) == "latn"
    tagged = [("Вовчі Води", "uk"), ("Вовча", "cyr")]
    assert pick_uk_name(tagged, {"Vovcha"}) == "Вовча"
    # a Russian spelling never passes for the Ukrainian name
    assert pick_uk_name([("Купянск", "cyr")], {"Kupyansk"}) == ""


def test_names_grouped_by_key_best_rank_first():
    g = _group_names([("Kupyansk", "latn", 2), ("Kupiansk", "uk-Latn", 0),
                      ("Куп’янськ", "uk", 0), ("Kupjansk", "latn", 2), ("—", "latn", 2)])
    assert list(g) == ["kupiansk"]
    rank, spellings = g["kupiansk"]
    assert rank == 0 and spellings[0] == ("Kupiansk", "uk-Latn") and ("Kupjansk", "latn") in spellings


def test_a_former_name_outranks_an_alternate_of_the_same_key():
    rank, spellings = _group_names([("Artemovsk", "latn", 2), ("Artemovsk", "ru-Latn-x-former", 4)])["artemovsk"]
    assert rank == 4 and spellings == [("Artemovsk", "ru-Latn-x-former")]


RULES = RussianRules.load(DATA / "curated" / "ru_from_uk.tsv")


@pytest.mark.parametrize("uk,ru", [
    ("Костянтинівка", "Константиновка"), ("Степногірськ", "Степногорск"),
    ("Кам’янське", "Каменское"), ("Вовчанськ", "Волчанск"), ("Сіверськ", "Северск"),
    ("Часів Яр", "Часов Яр"), ("Оріхів", "Орехов"), ("Запоріжжя", "Запорожье"),
    ("Новоолександрівка", "Новоалександровка"), ("Миколаївка", "Николаевка"),
    ("Дачне", "Дачное"), ("Кліщіївка", "Клещеевка"), ("Вугледар", "Угледар"),
    ("Нова Каховка", "Новая Каховка"), ("Кременчук", None), ("Покровськ", None),
])
def test_russian_forms_by_regular_correspondences(uk, ru):
    forms = russian_forms(uk, RULES)
    if ru is None:  # nothing the name key would notice: no form is stored
        assert forms == []
    else:
        assert ru in forms


def test_russian_forms_keep_two_readings_of_ove_and_their_latin_renderings():
    assert russian_forms("Курахове", RULES) == ["Курахово", "Кураховое"]
    assert latin_renderings("Каменское") == ["Kamenskoye"]
    assert latin_renderings("Новосёловка") == ["Novoselovka", "Novosyolovka"]


def test_a_join_far_outside_the_hromada_is_refused():
    from shapely.geometry import box

    geoms = {"H1": box(37.0, 48.0, 37.1, 48.1)}
    assert not too_far(geoms, "H1", "H1", 48.05, 37.05)
    assert not too_far(geoms, "H1", "H2", 48.05, 37.11)       # ~0.7 km outside: kept
    assert too_far(geoms, "H1", "H2", 48.05, 37.3)            # ~15 km outside: refused
    assert not too_far(geoms, "H9", "H2", 48.05, 37.3)        # no polygon: cannot tell


def test_same_named_villages_of_one_hromada_are_paired_in_order():
    r, kat = _raion("Тестовий", [("C", "Сніги"), ("C", "Сніги")])
    b = SimpleNamespace(katottg=kat)
    codes = sorted(k for k, v in kat.items() if v.category == "C")
    rows = [SimpleNamespace(geonameid=gid, fcode="PPL", lat=48.0, lon=37.0) for gid in ("20", "10")]
    joins = [[row, None, [kat[c] for c in codes], [r.code], None] for row in rows]
    how = Counter()
    assign_ambiguous(b, joins, {}, how)
    assert [j[1].code for j in joins] == [codes[1], codes[0]]  # geonameid 10 gets the first code
    assert how["paired_by_order"] == 2


def test_osm_labels_pair_same_named_villages_by_position():
    r, kat = _raion("Тестовий", [("C", "Сніги"), ("C", "Сніги")])
    b = SimpleNamespace(katottg=kat)
    codes = sorted(k for k, v in kat.items() if v.category == "C")
    rows = [SimpleNamespace(geonameid="10", fcode="PPL", lat=48.0, lon=37.0),
            SimpleNamespace(geonameid="20", fcode="PPL", lat=48.2, lon=37.2)]
    joins = [[row, None, [kat[c] for c in codes], [r.code], None] for row in rows]
    labels = {codes[0]: (48.2, 37.2), codes[1]: (48.0, 37.0)}
    assign_ambiguous(b, joins, labels, Counter())
    assert [j[1].code for j in joins] == [codes[1], codes[0]]


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.exists(), reason="../shared not present (data only on CI and dev machines)")
def test_rebuild_matches_shipped_counts(tmp_path):
    meta = build(SHARED / "data" / "gazetteer-sources", SHARED / "data" / "boundaries", tmp_path)
    shipped = json.loads((DATA / "meta.json").read_text(encoding="utf-8"))
    assert meta["entries"] == shipped["entries"]
    assert meta["kinds"] == shipped["kinds"]
    assert meta["name_keys"] == shipped["name_keys"]
    g = Gazetteer.load(tmp_path)
    assert len(g) == meta["entries"]
    for f in ("entries.tsv.gz", "names.tsv.gz", "regions.geojson.gz"):
        assert (tmp_path / f).read_bytes() == (DATA / f).read_bytes(), f
