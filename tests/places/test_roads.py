"""Roads named for their two ends ("the A-B highway"). Sentences written for these tests."""
import pytest

from frontmap.places.roads import road_ends, shares_stem


def spans(text, *names):
    return [(text.index(n), text.index(n) + len(n)) for n in names]


@pytest.mark.parametrize("text, names", [
    ("fighting along the Kurakhove-Pokrovsk road", ("Kurakhove", "Pokrovsk")),
    ("drones hit trucks on the Bakhmut – Lysychansk highway", ("Bakhmut", "Lysychansk")),
    ("the Izium—Sloviansk route is under fire control", ("Izium", "Sloviansk")),
])
def test_a_dash_between_two_names_and_a_road_word_makes_road_ends(text, names):
    assert [(p.first, p.second) for p in road_ends(text, spans(text, *names))] == [(0, 1)]


@pytest.mark.parametrize("text, names", [
    ("the Pokrovsk-Myrnohrad agglomeration", ("Pokrovsk", "Myrnohrad")),     # no road word
    ("near Kurakhove, Pokrovsk road junctions", ("Kurakhove", "Pokrovsk")),  # a comma, not a dash
    ("from Kurakhove to the Pokrovsk road", ("Kurakhove", "Pokrovsk")),
])
def test_other_pairs_are_not_road_ends(text, names):
    assert road_ends(text, spans(text, *names)) == []


def test_a_stem_shares_all_but_a_short_ending():
    assert shares_stem("Pokrovsk", "Pokrovske", 3)
    assert shares_stem("Popasna", "Popasne", 3)
    assert not shares_stem("Pokrovsk", "Pokrovskyi Zavod", 3)
    assert not shares_stem("Lyman", "Lypova", 3)


def place(extraction, text, nth=0):
    return [p for p in extraction.places if p.text == text][nth]


def test_a_far_road_end_yields_to_a_namesake_with_another_ending_near_the_other_end(extract):
    # a translated digest: the village's "-ske" lost, so the name is a town's 97 km away
    e = extract("Russian assault groups advanced near Radisne and Pryvillia in Dnipropetrovsk Oblast. "
                "They also widened their zone of control on the Huliaipole-Pokrovsk highway.")
    p = place(e, "Pokrovsk")
    assert p.name == "Pokrovske" and p.oblast == "Dnipropetrovsk"
    assert p.status == "ambiguous"                      # a spelling guess is never silent
    assert "an end of the road to Huliaipole" in p.reason
    assert any(a.name == "Pokrovsk" and a.oblast == "Donetsk" for a in p.alternatives)


def test_the_same_name_elsewhere_in_the_report_keeps_its_own_reading(extract):
    e = extract("Russian commanders claim Pokrovsk is encircled.\n\n"
                "In the south, Russian units pushed along the Huliaipole-Pokrovsk highway. "
                "They also attacked near Radisne and Pryvillia in Dnipropetrovsk Oblast.")
    assert place(e, "Pokrovsk", 0).name == "Pokrovsk" and place(e, "Pokrovsk", 0).oblast == "Donetsk"
    assert place(e, "Pokrovsk", 1).name == "Pokrovske"


@pytest.mark.parametrize("text", [
    "Russian forces advanced along the Kostiantynivka-Pokrovsk road.",      # the ends lie 48 km apart
    "Traffic on the Pokrovsk-Dnipro highway is under drone fire.",          # no namesake near Dnipro
])
def test_road_ends_near_each_other_keep_their_reading(extract, text):
    p = place(extract(text), "Pokrovsk")
    assert p.name == "Pokrovsk" and p.oblast == "Donetsk" and p.status == "resolved"


def test_a_far_city_end_is_not_doubted(extract):
    # roads between distant cities are named for them
    p = place(extract("Convoys use the Kharkiv-Kupiansk highway at night."), "Kharkiv")
    assert p.name == "Kharkiv" and p.status == "resolved"
