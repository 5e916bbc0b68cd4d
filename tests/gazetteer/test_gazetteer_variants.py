"""Table-driven: spelling variants a report may use resolve to the right place.

Each row is (spelling, canonical name, oblast): `Gazetteer.find` must rank that
place first. Variants: Russian forms in Latin and Cyrillic, names before the
renamings of 2016 and 2024, other romanisations, Ukrainian Cyrillic, Russian
and Ukrainian case forms, typos.
"""
import pytest

from frontmap.gazetteer.store import default_gazetteer

RUSSIAN_LATIN = [
    ("Konstantinovka", "Kostiantynivka", "Donetsk"), ("Gulyaypole", "Huliaipole", "Zaporizhzhia"),
    ("Gulyaipole", "Huliaipole", "Zaporizhzhia"), ("Volchansk", "Vovchansk", "Kharkiv"),
    ("Stepnogorsk", "Stepnohirsk", "Zaporizhzhia"), ("Kamenskoye", "Kamianske", "Dnipropetrovsk"),
    ("Kamenskoe", "Kamianske", "Dnipropetrovsk"), ("Seversk", "Siversk", "Donetsk"),
    ("Kupyansk", "Kupiansk", "Kharkiv"), ("Izyum", "Izium", "Kharkiv"),
    ("Balakleya", "Balakliia", "Kharkiv"), ("Chuguyev", "Chuhuiv", "Kharkiv"),
    ("Kharkov", "Kharkiv", "Kharkiv"), ("Zaporozhye", "Zaporizhzhia", "Zaporizhzhia"),
    ("Nikolayev", "Mykolaiv", "Mykolaiv"), ("Gorlovka", "Horlivka", "Donetsk"),
    ("Makeyevka", "Makiivka", "Donetsk"), ("Yenakiyevo", "Yenakiieve", "Donetsk"),
    ("Debaltsevo", "Debaltseve", "Donetsk"), ("Svetlodarsk", "Svitlodarsk", "Donetsk"),
    ("Uglegorsk", "Vuhlehirsk", "Donetsk"), ("Ugledar", "Vuhledar", "Donetsk"),
    ("Kurakhovo", "Kurakhove", "Donetsk"), ("Selidovo", "Selydove", "Donetsk"),
    ("Avdeyevka", "Avdiivka", "Donetsk"), ("Avdeevka", "Avdiivka", "Donetsk"),
    ("Yasinovataya", "Yasynuvata", "Donetsk"), ("Slavyansk", "Sloviansk", "Donetsk"),
    ("Druzhkovka", "Druzhkivka", "Donetsk"), ("Chasov Yar", "Chasiv Yar", "Donetsk"),
    ("Lisichansk", "Lysychansk", "Luhansk"), ("Severodonetsk", "Siverskodonetsk", "Luhansk"),
    ("Rubezhnoye", "Rubizhne", "Luhansk"), ("Kremennaya", "Kreminna", "Luhansk"),
    ("Popasnaya", "Popasna", "Luhansk"), ("Svatovo", "Svatove", "Luhansk"),
    ("Starobelsk", "Starobilsk", "Luhansk"), ("Schastye", "Shchastia", "Luhansk"),
    ("Lugansk", "Luhansk", "Luhansk"), ("Orekhov", "Orikhiv", "Zaporizhzhia"),
    ("Energodar", "Enerhodar", "Zaporizhzhia"), ("Kamenka-Dneprovskaya", "Kamianka-Dniprovska", "Zaporizhzhia"),
    ("Novaya Kakhovka", "Nova Kakhovka", "Kherson"), ("Golaya Pristan", "Hola Prystan", "Kherson"),
    ("Aleshki", "Oleshky", "Kherson"), ("Genichesk", "Henichesk", "Kherson"),
    ("Snigirevka", "Snihurivka", "Mykolaiv"), ("Ochakov", "Ochakiv", "Mykolaiv"),
    ("Akhtyrka", "Okhtyrka", "Sumy"), ("Glukhov", "Hlukhiv", "Sumy"),
    ("Belopolye", "Bilopillia", "Sumy"), ("Chernigov", "Chernihiv", "Chernihiv"),
    ("Nezhin", "Nizhyn", "Chernihiv"), ("Priluki", "Pryluky", "Chernihiv"),
    ("Novgorod-Seversky", "Novhorod-Siverskyi", "Chernihiv"), ("Krivoy Rog", "Kryvyi Rih", "Dnipropetrovsk"),
    ("Marganets", "Marhanets", "Dnipropetrovsk"), ("Pavlograd", "Pavlohrad", "Dnipropetrovsk"),
    ("Sinelnikovo", "Synelnykove", "Dnipropetrovsk"), ("Lozovaya", "Lozova", "Kharkiv"),
    ("Bogodukhov", "Bohodukhiv", "Kharkiv"), ("Velikiy Burluk", "Velykyi Burluk", "Kharkiv"),
    ("Kupyansk-Uzlovoy", "Kupiansk-Vuzlovyi", "Kharkiv"), ("Yevpatoriya", "Yevpatoriia", "Crimea"),
    ("Feodosiya", "Feodosiia", "Crimea"), ("Dzhankoy", "Dzhankoi", "Crimea"),
    ("Armyansk", "Armiansk", "Crimea"), ("Bakhchisaray", "Bakhchysarai", "Crimea"),
    ("Rabotino", "Robotyne", "Zaporizhzhia"), ("Kleshcheyevka", "Klishchiivka", "Donetsk"),
    ("Krasnogorovka", "Krasnohorivka", "Donetsk"), ("Novogrodovka", "Novohrodivka", "Donetsk"),
    ("Ocheretino", "Ocheretyne", "Donetsk"), ("Tonenkoye", "Tonenke", "Donetsk"),
    ("Vremevka", "Vremivka", "Donetsk"), ("Velikaya Novoselka", "Velyka Novosilka", "Donetsk"),
    ("Pyatikhatki", "Piatykhatky", "Dnipropetrovsk"), ("Yanvarskoye", "Sichneve", "Dnipropetrovsk"),
]
RUSSIAN_CYRILLIC = [
    ("Константиновка", "Kostiantynivka", "Donetsk"), ("Днепр", "Dnipro", "Dnipropetrovsk"),
    ("Волчанск", "Vovchansk", "Kharkiv"), ("Степногорск", "Stepnohirsk", "Zaporizhzhia"),
    ("Каменское", "Kamianske", "Dnipropetrovsk"), ("Северск", "Siversk", "Donetsk"),
    ("Купянск", "Kupiansk", "Kharkiv"), ("Изюм", "Izium", "Kharkiv"),
    ("Чугуев", "Chuhuiv", "Kharkiv"), ("Харьков", "Kharkiv", "Kharkiv"),
    ("Запорожье", "Zaporizhzhia", "Zaporizhzhia"), ("Николаев", "Mykolaiv", "Mykolaiv"),
    ("Горловка", "Horlivka", "Donetsk"), ("Енакиево", "Yenakiieve", "Donetsk"),
    ("Угледар", "Vuhledar", "Donetsk"), ("Курахово", "Kurakhove", "Donetsk"),
    ("Авдеевка", "Avdiivka", "Donetsk"), ("Славянск", "Sloviansk", "Donetsk"),
    ("Часов Яр", "Chasiv Yar", "Donetsk"), ("Лисичанск", "Lysychansk", "Luhansk"),
    ("Северодонецк", "Siverskodonetsk", "Luhansk"), ("Рубежное", "Rubizhne", "Luhansk"),
    ("Кременная", "Kreminna", "Luhansk"), ("Попасная", "Popasna", "Luhansk"),
    ("Сватово", "Svatove", "Luhansk"), ("Орехов", "Orikhiv", "Zaporizhzhia"),
    ("Энергодар", "Enerhodar", "Zaporizhzhia"), ("Новая Каховка", "Nova Kakhovka", "Kherson"),
    ("Херсон", "Kherson", "Kherson"), ("Мелитополь", "Melitopol", "Zaporizhzhia"),
    ("Бердянск", "Berdiansk", "Zaporizhzhia"), ("Мариуполь", "Mariupol", "Donetsk"),
    ("Чернигов", "Chernihiv", "Chernihiv"), ("Кривой Рог", "Kryvyi Rih", "Dnipropetrovsk"),
    ("Никополь", "Nikopol", "Dnipropetrovsk"), ("Павлоград", "Pavlohrad", "Dnipropetrovsk"),
    ("Симферополь", "Simferopol", "Crimea"), ("Керчь", "Kerch", "Crimea"),
    ("Клещеевка", "Klishchiivka", "Donetsk"), ("Работино", "Robotyne", "Zaporizhzhia"),
    ("Красногоровка", "Krasnohorivka", "Donetsk"), ("Марьинка", "Marinka", "Donetsk"),
]
FORMER = [
    ("Artemovsk", "Bakhmut", "Donetsk"), ("Artemivsk", "Bakhmut", "Donetsk"),
    ("Artyomovsk", "Bakhmut", "Donetsk"), ("Артёмовск", "Bakhmut", "Donetsk"),
    ("Артемівськ", "Bakhmut", "Donetsk"), ("Krasnoarmeysk", "Pokrovsk", "Donetsk"),
    ("Krasnoarmiisk", "Pokrovsk", "Donetsk"), ("Красноармейск", "Pokrovsk", "Donetsk"),
    ("Dzerzhinsk", "Toretsk", "Donetsk"), ("Dzerzhynsk", "Toretsk", "Donetsk"),
    ("Dimitrov", "Myrnohrad", "Donetsk"), ("Dymytrov", "Myrnohrad", "Donetsk"),
    ("Krasny Liman", "Lyman", "Donetsk"), ("Krasnyi Lyman", "Lyman", "Donetsk"),
    ("Stakhanov", "Kadiivka", "Luhansk"), ("Krasny Luch", "Khrustalnyi", "Luhansk"),
    ("Krasnodon", "Sorokyne", "Luhansk"), ("Sverdlovsk", "Dovzhansk", "Luhansk"),
    ("Kirovograd", "Kropyvnytskyi", "Kirovohrad"), ("Kirovohrad", "Kropyvnytskyi", "Kirovohrad"),
    ("Dnepropetrovsk", "Dnipro", "Dnipropetrovsk"), ("Dniprodzerzhynsk", "Kamianske", "Dnipropetrovsk"),
    ("Dneprodzerzhinsk", "Kamianske", "Dnipropetrovsk"), ("Ordzhonikidze", "Pokrov", "Dnipropetrovsk"),
    ("Ilyichevsk", "Chornomorsk", "Odesa"), ("Tsyurupinsk", "Oleshky", "Kherson"),
    ("Tsiurupynsk", "Oleshky", "Kherson"), ("Komsomolsk", "Horishni Plavni", "Poltava"),
    ("Torez", "Chystiakove", "Donetsk"), ("Telmanovo", "Boikivske", "Donetsk"),
    ("Novgorodskoye", "Niu-York", "Donetsk"), ("Krasnograd", "Berestyn", "Kharkiv"),
    ("Novomoskovsk", "Samar", "Dnipropetrovsk"), ("Pershotravensk", "Shakhtarske", "Dnipropetrovsk"),
    ("Yuzhnoukrainsk", "Pivdennoukrainsk", "Mykolaiv"), ("Krasnoperekopsk", "Yany Kapu", "Crimea"),
    ("Sievierodonetsk", "Siverskodonetsk", "Luhansk"), ("Molodogvardeysk", "Otamanivka", "Luhansk"),
]
OTHER_LATIN = [
    ("Kupiansk", "Kupiansk", "Kharkiv"), ("Kup'yans'k", "Kupiansk", "Kharkiv"),
    ("Kupjansk", "Kupiansk", "Kharkiv"), ("Huliaipole", "Huliaipole", "Zaporizhzhia"),
    ("Hulyaypole", "Huliaipole", "Zaporizhzhia"), ("Avdiyivka", "Avdiivka", "Donetsk"),
    ("Vugledar", "Vuhledar", "Donetsk"), ("Chasiv Jar", "Chasiv Yar", "Donetsk"),
    ("Slovyansk", "Sloviansk", "Donetsk"), ("Pokrowsk", "Pokrovsk", "Donetsk"),
    ("Mariinka", "Marinka", "Donetsk"), ("Zaporizhia", "Zaporizhzhia", "Zaporizhzhia"),
    ("Kherson", "Kherson", "Kherson"), ("Dnipro", "Dnipro", "Dnipropetrovsk"),
    ("Orikhiv", "Orikhiv", "Zaporizhzhia"), ("Kostyantynivka", "Kostiantynivka", "Donetsk"),
    ("Kramatorsk", "Kramatorsk", "Donetsk"), ("Bakhmut", "Bakhmut", "Donetsk"),
    ("Toretsk", "Toretsk", "Donetsk"), ("Myrnohrad", "Myrnohrad", "Donetsk"),
    ("Pokrovsk", "Pokrovsk", "Donetsk"), ("Vovchansk", "Vovchansk", "Kharkiv"),
]
UKRAINIAN_CYRILLIC = [
    ("Покровськ", "Pokrovsk", "Donetsk"), ("Мирноград", "Myrnohrad", "Donetsk"),
    ("Торецьк", "Toretsk", "Donetsk"), ("Часів Яр", "Chasiv Yar", "Donetsk"),
    ("Бахмут", "Bakhmut", "Donetsk"), ("Костянтинівка", "Kostiantynivka", "Donetsk"),
    ("Курахове", "Kurakhove", "Donetsk"), ("Вугледар", "Vuhledar", "Donetsk"),
    ("Велика Новосілка", "Velyka Novosilka", "Donetsk"), ("Гуляйполе", "Huliaipole", "Zaporizhzhia"),
    ("Оріхів", "Orikhiv", "Zaporizhzhia"), ("Степногірськ", "Stepnohirsk", "Zaporizhzhia"),
    ("Кам'янське", "Kamianske", "Dnipropetrovsk"), ("Вовчанськ", "Vovchansk", "Kharkiv"),
    ("Куп’янськ", "Kupiansk", "Kharkiv"), ("Куп'янськ", "Kupiansk", "Kharkiv"),
    ("Сіверськ", "Siversk", "Donetsk"), ("Ізюм", "Izium", "Kharkiv"),
    ("Краматорськ", "Kramatorsk", "Donetsk"), ("Слов’янськ", "Sloviansk", "Donetsk"),
    ("Дружківка", "Druzhkivka", "Donetsk"), ("Авдіївка", "Avdiivka", "Donetsk"),
    ("Мар’їнка", "Marinka", "Donetsk"), ("Селидове", "Selydove", "Donetsk"),
    ("Кліщіївка", "Klishchiivka", "Donetsk"), ("Роботине", "Robotyne", "Zaporizhzhia"),
    ("Сіверськодонецьк", "Siverskodonetsk", "Luhansk"), ("Кремінна", "Kreminna", "Luhansk"),
]
CASE_FORMS = [
    ("Покровске", "Pokrovsk", "Donetsk"), ("в Покровске", "Pokrovsk", "Donetsk"),
    ("у Покровську", "Pokrovsk", "Donetsk"), ("в Бахмуте", "Bakhmut", "Donetsk"),
    ("у Бахмуті", "Bakhmut", "Donetsk"), ("под Авдеевкой", "Avdiivka", "Donetsk"),
    ("Купянске", "Kupiansk", "Kharkiv"), ("Купянска", "Kupiansk", "Kharkiv"),
    ("Харкова", "Kharkiv", "Kharkiv"), ("Часовом Яре", "Chasiv Yar", "Donetsk"),
    ("Торецке", "Toretsk", "Donetsk"), ("у Торецьку", "Toretsk", "Donetsk"),
    ("Запоріжжі", "Zaporizhzhia", "Zaporizhzhia"), ("в Херсоне", "Kherson", "Kherson"),
    ("Вовчанська", "Vovchansk", "Kharkiv"),
]
TYPOS = [
    ("Hulyaijpole", "Huliaipole", "Zaporizhzhia"), ("Hulyaipolle", "Huliaipole", "Zaporizhzhia"),
    ("Kupianks", "Kupiansk", "Kharkiv"), ("Kramatorks", "Kramatorsk", "Donetsk"),
    ("Zaporizzhia", "Zaporizhzhia", "Zaporizhzhia"), ("Bakhmutt", "Bakhmut", "Donetsk"),
    ("Avdiivkaa", "Avdiivka", "Donetsk"), ("Pokrovskk", "Pokrovsk", "Donetsk"),
    ("Sloviannsk", "Sloviansk", "Donetsk"), ("Kostiantinivka", "Kostiantynivka", "Donetsk"),
    ("Myrnograd", "Myrnohrad", "Donetsk"), ("Vovchansk'", "Vovchansk", "Kharkiv"),
]
ALL = RUSSIAN_LATIN + RUSSIAN_CYRILLIC + FORMER + OTHER_LATIN + UKRAINIAN_CYRILLIC + CASE_FORMS + TYPOS


def test_the_table_has_at_least_150_variants():
    assert len(ALL) >= 150
    assert len({s for s, _, _ in ALL}) == len(ALL)  # no spelling counted twice


@pytest.mark.parametrize("spelling,name,oblast", ALL)
def test_variant_resolves_to_the_right_place(spelling, name, oblast):
    found = default_gazetteer().find(spelling, kinds=("settlement",))
    assert found, f"{spelling!r}: nothing found"
    best = found[0].entry
    assert (best.name, best.oblast) == (name, oblast), \
        f"{spelling!r} -> {best.name} ({best.oblast}), expected {name} ({oblast})"
