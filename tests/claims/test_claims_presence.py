"""Forces inside a place or standing close to it, plans that are not yet events, and attackers who fell
back.  Sentences written for these tests."""
import pytest
from support import claims_of, events_at, on, table


@pytest.mark.parametrize("text, place", [
    ("Our guys are already in the center of Marivka, the enemy is running, reports Rybar.", "Marivka"),   # milblogger
    ("Russian forces are inside Kupiansk, the Russian defence ministry said.", "Kupiansk"),              # RU official
    ("Ukrainian officials said Russian infantry groups were in the southern part of Sadove.", "Sadove"),  # newswire
])
def test_forces_inside_a_place_or_a_part_of_it_have_advanced(text, place):
    assert events_at(text, place) == ["advance"], table(claims_of(text))


@pytest.mark.parametrize("text", [
    "Ukrainian forces are in Kupiansk.",                      # a side's own troops in its own town
    "The governor was in Kupiansk on Tuesday.",               # no forces named
])
def test_being_in_a_place_is_no_advance(text):
    assert events_at(text, "Kupiansk") == [], table(claims_of(text))


@pytest.mark.parametrize("text, place", [
    ("Russian troops are now about 3 km from the outskirts of Kupiansk, a Ukrainian officer said.", "Kupiansk"),
    ("The Russian forces are only 800 meters from the town of Sadove, the brigade said.", "Sadove"),   # UA official
    ("Russian troops stood 5 kilometres from Robotyne, DeepState said.", "Robotyne"),                  # monitor
])
def test_forces_a_few_kilometres_from_a_place_have_advanced_on_it(text, place):
    claims = on(claims_of(text), place)
    assert [(c.event, c.beneficiary) for c in claims] == [("advance", "RU")], table(claims)


@pytest.mark.parametrize("text", [
    "Ternivka is 3 km from Kupiansk.",                                       # a place's position only
    "Russian troops captured Ternivka, which is 5 km from Kupiansk.",        # a locator, as before
])
def test_a_distance_that_only_locates_gives_no_advance(text):
    assert events_at(text, "Kupiansk") == [], table(claims_of(text))


@pytest.mark.parametrize("text", [
    "According to the milblogger, Ukrainian forces are preparing a counterattack near Robotyne.",
    "The enemy is preparing to storm Robotyne, the brigade warned.",                 # UA official
    "Russian units are making preparations for an assault on Robotyne.",             # machine-translated
])
def test_a_prepared_attack_is_not_yet_fighting(text):
    assert [c for c in on(claims_of(text), "Robotyne") if c.stance == "asserted" or c.stance == "reported"] == [], \
        table(claims_of(text))


@pytest.mark.parametrize("text", [
    "The enemy tried to restore the lost position near Sadove, but was forced to retreat with losses.",  # MT
    "Russian assault groups attacked near Sadove but withdrew after losing two vehicles, the brigade said.",
])
def test_attackers_who_fell_back_were_repelled(text):
    assert events_at(text, "Sadove") == ["repelled"], table(claims_of(text))


def test_a_withdrawal_elsewhere_is_its_own_claim():
    text = "Ukrainian troops attacked near Robotyne, but Russian forces withdrew from Sadove."
    assert events_at(text, "Robotyne") == ["fighting"] and events_at(text, "Sadove") == ["withdrawal"], \
        table(claims_of(text))


@pytest.mark.parametrize("text, event, gainer", [
    # Russian official English through an agency: the side named after "cleared of" loses
    ("TASS, citing the ministry, said the settlement of Marivka had been cleared of Ukrainian troops.", "captured", "RU"),
    ("Marivka has been cleared of Ukrainian troops, the Russian ministry said.", "captured", "RU"),
    # Ukrainian official English
    ("Ukrainian forces said Marivka had been cleared of Russian troops.", "liberated", "UA"),
])
def test_the_side_a_place_is_cleared_of_loses_it(text, event, gainer):
    claims = on(claims_of(text), "Marivka")
    assert [(c.event, c.beneficiary) for c in claims] == [(event, gainer)], table(claims)


@pytest.mark.parametrize("text", [
    "Russian forces captured Ternivka last month and have since pushed west toward Kupiansk.",   # newswire
    "Russian troops pushed further south toward Kupiansk, the milblogger wrote.",                # milblogger
])
def test_a_push_with_a_bearing_toward_a_place_is_fighting_there(text):
    assert events_at(text, "Kupiansk") == ["fighting"], table(claims_of(text))


@pytest.mark.parametrize("text", [
    "Russian troops have made gains around Kupiansk, but the city has not fallen, the Ukrainian military said.",
    "Kupiansk has not yet fallen, the General Staff said.",
    "Kupiansk hasn't fallen, Syrskyi said.",
])
def test_a_place_that_has_not_fallen_is_a_denied_capture(text):
    claims = [c for c in on(claims_of(text), "Kupiansk") if c.event == "captured"]
    assert [(c.stance, c.beneficiary, c.claimant_side) for c in claims] == [("denied", "RU", "UA")], table(claims)


def test_streets_regained_after_a_counterattack_are_an_advance_where_it_was():
    # a Russian war correspondent's account, machine-translated
    text = ("Russian war correspondents reported that the Ukrainian Armed Forces counterattacked in Kupiansk "
            "and regained control over several streets.")
    claims = on(claims_of(text), "Kupiansk")
    assert [(c.event, c.beneficiary) for c in claims] == [("advance", "UA")], table(claims)


@pytest.mark.parametrize("text", [
    "Russian forces crossed the Oskil River near Kupiansk, the General Staff said.",          # UA official
    "Assault groups of the 20th Army forced the Oskil river near Kupiansk, Rybar wrote.",     # milblogger, MT "forced"
])
def test_forces_across_a_river_near_a_place_advanced_there(text):
    assert events_at(text, "Kupiansk") == ["advance"], table(claims_of(text))


def test_people_crossing_a_river_make_no_claim():
    assert claims_of("Civilians crossed the Oskil River near Kupiansk on foot.") == []


@pytest.mark.parametrize("text", [
    "The battle for Kupiansk, which fell in February, cost Russia dearly, analysts said.",    # newswire
    "Kupiansk, which fell to Russian troops in the spring, lies in ruins.",                  # with its taker
])
def test_a_place_which_fell_was_captured(text):
    claims = [c for c in on(claims_of(text), "Kupiansk") if c.event == "captured"]
    assert [c.beneficiary for c in claims] == ["RU"], table(claims_of(text))


@pytest.mark.parametrize("text", [
    "Prices which fell in Kupiansk hurt farmers.",                 # no comma: not a clause about the place
    "Drones struck Kupiansk, which fell silent afterwards.",
    "Debris from the drone, which fell on a house in Kupiansk, caused a fire.",
])
def test_other_things_that_fell_capture_nothing(text):
    assert [c for c in on(claims_of(text), "Kupiansk") if c.event == "captured"] == [], table(claims_of(text))
