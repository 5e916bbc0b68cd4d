
import pytest

from frontmap.text.names import cyrillic_lang, name_key, translit_ru, translit_uk

# Examples from the table of Cabinet of Ministers resolution No. 55 (2010).
OFFICIAL = [
    ("Алушта", "Alushta"), ("Андрій", "Andrii"), ("Борщагівка", "Borshchahivka"),
    ("Вінниця", "Vinnytsia"), ("Гадяч", "Hadiach"), ("Згорани", "Zghorany"),
    ("Розгон", "Rozghon"), ("Ґалаґан", "Galagan"), ("Дон", "Don"), ("Рівне", "Rivne"),
    ("Єнакієве", "Yenakiieve"), ("Гаєвич", "Haievych"), ("Житомир", "Zhytomyr"),
    ("Закарпаття", "Zakarpattia"), ("Медвин", "Medvyn"), ("Іршава", "Irshava"),
    ("Їжакевич", "Yizhakevych"), ("Кадиївка", "Kadyivka"), ("Йосипівка", "Yosypivka"),
    ("Стрий", "Stryi"), ("Олексій", "Oleksii"), ("Київ", "Kyiv"), ("Миколаїв", "Mykolaiv"),
    ("Ужгород", "Uzhhorod"), ("Харків", "Kharkiv"), ("Біла Церква", "Bila Tserkva"),
    ("Чернівці", "Chernivtsi"), ("Шостка", "Shostka"), ("Гоща", "Hoshcha"),
    ("Юрій", "Yurii"), ("Юрик", "Yuryk"), ("Святослав", "Sviatoslav"), ("Яготин", "Yahotyn"),
    ("Знам'янка", "Znamianka"), ("Куп’янськ", "Kupiansk"), ("Гуляйполе", "Huliaipole"),
    ("Запоріжжя", "Zaporizhzhia"), ("Львів", "Lviv"), ("Русь", "Rus"),
]


@pytest.mark.parametrize("uk,latin", OFFICIAL)
def test_translit_uk_official_examples(uk, latin):
    assert translit_uk(uk) == latin


def test_translit_uk_word_initial_rules_apply_per_word():
    # Yu/Ya at the start of the second word, iu/ia inside words
    assert translit_uk("Нова Ялта") == "Nova Yalta"
    assert translit_uk("Куп’янськ-Вузловий") == "Kupiansk-Vuzlovyi"
    assert translit_uk("Маріуполь") == "Mariupol"


def test_translit_uk_keeps_capitals_and_other_text():
    assert translit_uk("ЗГОРАНИ") == "ZGHORANY"
    assert translit_uk("Щастя 2") == "Shchastia 2"


def test_translit_ru():
    assert translit_ru("Купянск-Узловой") == "Kupyansk-Uzlovoy"
    assert translit_ru("Еленовка") == "Yelenovka"
    assert translit_ru("Андреевка") == "Andreyevka"


def _one_key(names):
    keys = {name_key(n) for n in names}
    assert len(keys) == 1, keys
    return keys.pop()


def test_key_joins_kupiansk_spellings():
    assert _one_key(["Kupiansk", "Kupyansk", "Kup'yans'k", "Kup’yans’k", "Kupjansk",
                     "Куп'янськ", "Куп’янськ", "Купянск", "KUPIANSK", "Kupʼyansk"]) == "kupiansk"


def test_key_joins_huliaipole_spellings():
    _one_key(["Huliaipole", "Hulyaypole", "Gulyaypole", "Гуляйполе", "Hulyaijpole",
              "Gulyai-Pole", "Gulyai–Pole", "Gulyai Pole"])


def test_key_joins_hyphenated_names():
    _one_key(["Kupiansk-Vuzlovyi", "Kupyansk-Vuzlovyi", "Kupiansk Vuzlovyi",
              "Kupyans'k-Vuzlovyy", "Куп’янськ-Вузловий"])


def test_key_folds_diacritics_and_polish_czech_spellings():
    _one_key(["Kupjanśk", "Kupjansk", "Kupiansk"])
    _one_key(["Zaporizhzhia", "ZAPORIZHZHIA", "Запоріжжя"])
    _one_key(["Sievierodonetsk", "Severodonetsk", "Сєвєродонецьк", "Северодонецк"])
    _one_key(["Korenëvo", "Korenevo", "Коренево"])


def test_key_keeps_different_names_apart():
    assert name_key("Pokrovsk") != name_key("Pokrovske")
    assert name_key("Kupiansk") != name_key("Kupievakha")
    assert name_key("Bakhmut") != name_key("Bakhmutivka")
    assert name_key("Andriivka") != name_key("Oleksiivka")


def test_key_is_empty_for_punctuation_only():
    assert name_key("—") == ""
    assert name_key("'") == ""


def test_cyrillic_lang():
    assert cyrillic_lang("Куп’янськ") is None  # no telling letter
    assert cyrillic_lang("Новоселівка") == "uk"
    assert cyrillic_lang("Новосёловка") == "ru"
    assert cyrillic_lang("Сєвєродонецьк") == "uk"
    assert cyrillic_lang("Kupiansk") is None
