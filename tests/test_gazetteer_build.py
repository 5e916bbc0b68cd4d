"""Build-side rules; the full rebuild needs ../shared and skips without it."""
import json
from pathlib import Path

import pytest

from frontmap.gazetteer import Gazetteer
from frontmap.gazetteer_build import _group_names, build
from frontmap.gazetteer_regions import adjective_stem, raion_centre, ru_district_short
from frontmap.gazetteer_sources import KRow, is_clean_name, norm_uk, pick_uk_name, tag_lang

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = Path(__file__).resolve().parents[1] / "gazetteer"


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
    g = _group_names([("Kupyansk", "latn", 2), ("Kupiansk", "latn", 0),
                      ("Куп’янськ", "uk", 0), ("Kupjansk", "latn", 2), ("—", "latn", 2)])
    assert list(g) == ["kupiansk"]
    rank, lang, spellings = g["kupiansk"]
    assert rank == 0 and spellings[0] == "Kupiansk" and "Kupjansk" in spellings


@pytest.mark.skipif(not SHARED.exists(), reason="../shared not present (data only on CI and dev machines)")
def test_rebuild_matches_shipped_counts(tmp_path):
    meta = build(SHARED / "data" / "gazetteer-sources", SHARED / "data" / "boundaries", tmp_path)
    shipped = json.loads((DATA / "meta.json").read_text(encoding="utf-8"))
    assert meta["entries"] == shipped["entries"]
    assert meta["kinds"] == shipped["kinds"]
    assert meta["name_keys"] == shipped["name_keys"]
    g = Gazetteer.load(tmp_path)
    assert len(g) == meta["entries"]
    assert (tmp_path / "entries.tsv.gz").read_bytes() == (DATA / "entries.tsv.gz").read_bytes()
