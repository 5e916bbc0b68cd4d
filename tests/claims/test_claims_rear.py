"""An attack on a place with no ground front at the date is a strike from afar, not fighting.

The chronology is frontmap/data/gazetteer/theatre.json ("ground_fighting"); sentences written for these tests.
"""
import pytest

from frontmap.gazetteer.schema import ground_fighting
from support import claims_of, events_at, on


def test_the_chronology_opens_and_closes_fronts():
    assert ground_fighting("Donetsk", "2025-11-20")
    assert not ground_fighting("Crimea", "2025-11-20")
    assert ground_fighting("Kyiv", "2022-03-05") and not ground_fighting("Kyiv", "2023-03-05")
    assert not ground_fighting("Kursk (Russia)", "2024-08-05") and ground_fighting("Kursk (Russia)", "2024-08-06")
    assert not ground_fighting("Lviv", "2022-03-01")          # never a ground front


@pytest.mark.parametrize("sentence", [
    "Ukrainian forces attacked Tetkino overnight, the governor said.",               # newswire
    "The enemy attacked the settlement of Tetkino.",                                   # official English
    "Tetkino came under attack again this morning.",                                   # digest
    "Ukrainian armed formations were attacking Tetkino with the use of UAVs.",        # machine-translated
])
def test_before_the_incursion_an_attack_on_a_border_village_is_a_strike(sentence):
    assert [c.event for c in on(claims_of(sentence, date="2023-06-01"), "Tetkino")] == ["strike"]


def test_after_the_incursion_the_same_attack_is_fighting():
    claims = claims_of("Ukrainian forces attacked Tetkino overnight, the governor said.", date="2025-06-01")
    assert [c.event for c in on(claims, "Tetkino")] == ["fighting"]


def test_the_date_the_sentence_gives_decides_not_the_report_date():
    text = "On 2 June 2024, Ukrainian forces attacked Tetkino."
    assert [c.event for c in on(claims_of(text, date="2025-06-01"), "Tetkino")] == ["strike"]


def test_on_the_front_an_attack_stays_fighting():
    assert [c.event for c in on(claims_of("Russian troops attacked Robotyne twice.", date="2023-06-01"),
                                "Robotyne")] == ["fighting"]


def test_fighting_words_that_only_mean_ground_combat_are_not_changed():
    text = "Heavy fighting and clashes went on in Tetkino."
    assert [c.event for c in on(claims_of(text, date="2023-06-01"), "Tetkino")] == ["fighting"]


def test_a_repelled_attack_stays_repelled():
    text = "Border guards repelled an attack on Tetkino."
    assert [c.event for c in on(claims_of(text, date="2023-06-01"), "Tetkino")] == ["repelled"]


@pytest.mark.parametrize("text", [
    "Ukrainian drones attacked an oil depot in Robotyne, the governor said.",     # newswire
    "Overnight, Russian drones attacked Robotyne.",                              # official English
    "The enemy attacked residential buildings in Robotyne with guided bombs.",  # digest
    "Russian artillery was attacking Robotyne all night.",                      # machine-translated
])
def test_an_attack_by_weapons_from_afar_or_on_buildings_is_a_strike_even_on_the_front(text):
    assert events_at(text, "Robotyne") == ["strike"]


@pytest.mark.parametrize("text", [
    "Russian troops attacked Ukrainian positions near Robotyne.",
    "Russian assault groups attacked near Robotyne with armoured vehicles.",
])
def test_a_ground_attack_on_the_front_stays_fighting(text):
    assert events_at(text, "Robotyne") == ["fighting"]


@pytest.mark.parametrize("text", [
    "Yesterday, the enemy launched 2 missile strikes and 58 air strikes, dropping 103 guided bombs, in particular "
    "in the areas of Robotyne and Marivka.",                                     # Ukrainian official English
    "The occupiers dropped 12 guided aerial bombs on Robotyne.",                 # digest
    "Russian aviation used glide bombs against Robotyne.",                       # newswire
])
def test_fires_on_named_places_are_strikes_there(text):
    assert events_at(text, "Robotyne") == ["strike"]


def test_using_vehicles_near_a_place_is_no_strike():
    assert events_at("Russian forces used armoured vehicles near Robotyne.", "Robotyne") \
        != ["strike"]


@pytest.mark.parametrize("text", [
    "Washington keeps up the pressure on Tetkino's officials over the plan.",          # newswire
    "The situation in Tetkino remains difficult after the power cuts, the governor said.",  # official English
    "Tetkino is restless tonight: queues at every shop.",                            # digest
    "The administration of Tetkino is under the pressure on the part of the residents.",  # machine-translated
])
def test_words_of_ground_fighting_claim_nothing_where_there_is_no_ground_front(text):
    assert on(claims_of(text, date="2023-06-01"), "Tetkino") == []


@pytest.mark.parametrize("text", [
    "Russian forces keep up the pressure on Robotyne from the south.",
    "The situation near Robotyne remains difficult, the General Staff said.",
])
def test_the_same_words_on_the_front_are_fighting(text):
    assert [c.event for c in on(claims_of(text, date="2023-06-01"), "Robotyne")] == ["fighting"]


def test_pressure_on_a_capital_far_from_the_front_is_politics():
    from frontmap.pipeline import extract

    for text in ("Washington is exerting greater pressure on Kyiv than in the past.",
                 "The EU stepped up pressure on Moscow over the offensive."):
        assert extract(text, date="2025-11-20").claims == []


def test_behind_front_must_name_an_event_or_none():
    from frontmap.claims.lexicon import check_lexicon
    from frontmap.errors import DataError
    from frontmap.resources import load_json

    import copy

    data = copy.deepcopy(load_json("claims/events.json"))      # the loaded data is shared: never mutate it
    data["triggers"][0] = dict(data["triggers"][0], behind_front="nothing")
    with pytest.raises(DataError, match="behind_front"):
        check_lexicon("events.json", data)


@pytest.mark.parametrize("text", [
    "Ukrainian units struck near Robotyne and Verbove on Tuesday, the brigade said.",    # newswire
    "The assault detachments of the Dnepr group struck in the area of Robotyne.",        # Russian official English
    "Our troops struck towards Robotyne, advancing up to 500 metres.",                   # milblogger digest
    "Units of the Defence Forces were striking near Robotyne during the day.",           # machine-translated
])
def test_striking_near_a_place_on_the_front_with_no_weapon_named_is_a_ground_attack(text):
    assert [c.event for c in on(claims_of(text, date="2023-08-20"), "Robotyne")] == ["fighting"]


@pytest.mark.parametrize("text", [
    "Russian forces struck Robotyne overnight, the governor said.",                  # a target named
    "Russian troops struck Ukrainian positions near Robotyne.",                     # an object, not a position
    "Russian forces struck near Robotyne with glide bombs.",                        # a weapon in the clause
    "Russian drones struck near Robotyne at dawn.",                                 # the weapon is the actor
])
def test_a_strike_with_a_target_or_a_weapon_stays_a_strike(text):
    assert [c.event for c in on(claims_of(text, date="2023-08-20"), "Robotyne")] == ["strike"]


def test_striking_near_a_place_with_no_ground_front_stays_a_strike():
    text = "Ukrainian forces struck near Tetkino overnight."
    assert [c.event for c in on(claims_of(text, date="2023-06-01"), "Tetkino")] == ["strike"]


def test_an_ambiguous_place_behind_the_front_keeps_the_attack_fighting():
    # the best pick of a name the resolver could not pin down may be the wrong namesake: no strike on a guess
    from dataclasses import replace
    from frontmap.claims.extract import extract_claims
    from frontmap.model import Report
    import support
    text = "Ukrainian forces attacked Tetkino overnight, the governor said."
    start = text.index("Tetkino")
    place = replace(support._place("Tetkino", start), status="ambiguous", confidence=0.6)
    claims = extract_claims(Report(path="t.txt", date="2023-06-01", text=text), [place])
    assert [c.event for c in claims] == ["fighting"]
    assert [c.event for c in on(claims_of(text, date="2023-06-01"), "Tetkino")] == ["strike"]   # resolved: a strike
