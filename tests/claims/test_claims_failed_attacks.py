"""A failed "attack on X" (which the lexicons read as a strike) is "repelled" for the defender,
unless the attack's own words name a weapon (claims/verdicts.py, structure.json
'repelled_from_unarmed').  Sentences written for these tests, in several styles."""
import pytest
from support import claims_of, events_at, table


@pytest.mark.parametrize("sentence, place, defender", [
    # newswire, passive with no agent
    ("A Russian attack on Robotyne was stopped, the Ukrainian military said on Sunday.", "Robotyne", "UA"),
    # Russian official English: the enemy's attack failed
    ("The enemy's attack on Hrushivka failed, the Russian Defence Ministry reported.", "Hrushivka", "RU"),
    # Ukrainian official English, a plural and an agent
    ("The occupiers' attacks on Sadove were halted by our paratroopers, the brigade said.", "Sadove", None),
    # machine-translated copy
    ("The attack of the Ukrainian formations on Ozerne was stopped, reports the Ministry of Defense of Russia.",
     "Ozerne", "RU"),
])
def test_a_stopped_ground_attack_on_a_place_is_repelled(sentence, place, defender):
    claims = [c for c in claims_of(sentence) if c.place.name == place]
    assert [c.event for c in claims] == ["repelled"], table(claims)
    if defender:
        assert claims[0].beneficiary == defender, table(claims)


@pytest.mark.parametrize("sentence, place", [
    ("A massive drone attack on Zelenivka was stopped by air defence, the governor said.", "Zelenivka"),
    ("A Russian missile attack on Marivka failed, the Ukrainian Navy said.", "Marivka"),
])
def test_a_stopped_attack_by_weapons_stays_a_strike(sentence, place):
    claims = [c for c in claims_of(sentence) if c.place.name == place]
    assert [c.event for c in claims] == ["strike"], table(claims)


@pytest.mark.parametrize("sentence, defender", [
    # the attack noun's own adjective names the attacker, whoever reports it
    ("Russian attacks near Marivka were without success, the General Staff said.", "UA"),
    ("Ukrainian attacks near Marivka failed, the Russian Defence Ministry said.", "RU"),
    ("Russian assaults near Marivka were unsuccessful.", "UA"),
])
def test_a_failed_attack_is_for_the_side_its_adjective_does_not_name(sentence, defender):
    claims = [c for c in claims_of(sentence) if c.place.name == "Marivka"]
    assert [(c.event, c.beneficiary) for c in claims] == [("repelled", defender)], table(claims)


@pytest.mark.parametrize("sentence, defender", [
    ("The occupiers tried unsuccessfully to advance near Ternivka, the brigade reported.", "UA"),    # UA official
    ("Russian troops unsuccessfully tried to storm Ternivka, the General Staff said.", "UA"),       # newswire
    ("The Ukrainian formations attempted unsuccessfully to counterattack near Ternivka, the Russian MoD said.",
     "RU"),                                                                                        # RU official
])
def test_an_unsuccessful_attempt_is_repelled(sentence, defender):
    claims = [c for c in claims_of(sentence) if c.place.name == "Ternivka"]
    assert [(c.event, c.beneficiary) for c in claims] == [("repelled", defender)], table(claims)


@pytest.mark.parametrize("sentence, gainer", [
    ("The enemy had partial success near Novoselivka, the Ukrainian General Staff said.", "RU"),   # UA official
    ("Syrskyi acknowledged that Russian forces had achieved tactical success near Zelenivka.", "RU"),
    ("Ukrainian troops achieved local successes in the area of Robotyne, the commander said.", "UA"),
])
def test_success_near_a_place_is_an_advance_for_the_side_that_had_it(sentence, gainer):
    claims = [c for c in claims_of(sentence) if c.event == "advance"]
    assert [c.beneficiary for c in claims] == [gainer], table(claims)


def test_attacks_without_success_are_no_advance():
    claims = claims_of("Enemy attacks near Sadove were without success, the Ukrainian General Staff said.")
    assert [c.event for c in claims] == ["repelled"], table(claims)


@pytest.mark.parametrize("sentence", [
    # Ukrainian official English: a negated stopping verb, the attacks go on
    "The enemy does not stop attempts to storm the positions of our troops near Marivka.",
    "The occupiers do not stop their attacks near Marivka, the brigade said.",
    # newswire: a failure verb negated
    "The Russian offensive towards Marivka has not stalled, the Ukrainian military said.",
    # machine-translated copy, a negated stopping verb before an attempt
    "The enemy does not stop trying to storm Marivka.",
])
def test_attacks_that_do_not_stop_are_fighting_not_repelled(sentence):
    claims = [c for c in claims_of(sentence) if c.place.name == "Marivka"]
    assert [(c.event, c.stance in ("asserted", "reported")) for c in claims] == [("fighting", True)], table(claims)


@pytest.mark.parametrize("sentence", [
    # Ukrainian official English
    "The enemy's sabotage and reconnaissance group was destroyed on the approach to Marivka, the brigade said.",
    # newswire: an attempt that achieved nothing
    "Russian forces tried to break through the defences near Marivka, but achieved nothing, the General Staff said.",
    "Russian forces tried to break through near Marivka without any results, the General Staff said.",
])
def test_an_attack_destroyed_on_approach_or_without_results_is_repelled(sentence):
    claims = [c for c in claims_of(sentence) if c.place.name == "Marivka"]
    assert [c.event for c in claims] == ["repelled"], table(claims)


@pytest.mark.parametrize("sentence, gainer", [
    ("Russian troops are present in the eastern part of Marivka, DeepState reported.", "RU"),      # monitor
    ("Small Russian infantry groups are present in Marivka, the commander admitted.", "RU"),        # newswire
])
def test_forces_present_in_a_place_are_an_advance(sentence, gainer):
    claims = [c for c in claims_of(sentence) if c.place.name == "Marivka"]
    assert [(c.event, c.beneficiary) for c in claims] == [("advance", gainer)], table(claims)


def test_a_person_present_somewhere_is_no_claim():
    assert claims_of("The governor was present at the funeral in Marivka.") == []


@pytest.mark.parametrize("sentence", [
    "In the Zaporizhzhia direction, the occupiers tried to regain lost positions near Ternivka but were knocked out.",
    "The enemy attacked near Ternivka but was driven out, the brigade said.",
])
def test_an_attack_whose_attackers_were_driven_out_was_repelled(sentence):
    assert events_at(sentence, "Ternivka") == ["repelled"], table(claims_of(sentence))


def test_driven_out_of_a_place_is_still_an_expulsion():
    assert events_at("Russian troops were driven out of Ternivka.", "Ternivka") \
        == ["liberated"]


@pytest.mark.parametrize("sentence", [
    "Russian forces advanced near Ternivka but were repelled, the General Staff said.",              # UA official
    "Russian forces entered the outskirts of Ternivka, but were pushed back, the Ukrainian military said.",
])
def test_an_advance_whose_but_clause_says_it_was_repelled_failed(sentence):
    claims = [c for c in claims_of(sentence) if c.place.name == "Ternivka"]
    assert [(c.event, c.beneficiary) for c in claims] == [("repelled", "UA")], table(claims)


def test_a_but_clause_about_another_place_leaves_the_advance():
    claims = claims_of("Russian forces advanced near Ternivka, but Ukrainian attacks near Marivka were repelled.")
    assert [c.event for c in claims if c.place.name == "Ternivka"] == ["advance"], table(claims)


@pytest.mark.parametrize("text, place, event", [
    # ISW citing the General Staff: the second that-clause says how the assaults ended
    ("The Ukrainian General Staff reported that Russian forces conducted 21 assaults near Kupiansk and that "
     "Ukrainian forces repelled all of them.", "Kupiansk", "repelled"),
    # a second that-clause about another place says nothing of the first
    ("The General Staff said Russian forces attacked near Kupiansk and that Ukrainian forces repelled attacks "
     "near Sadove.", "Kupiansk", "fighting"),
])
def test_a_coordinated_that_clause_without_a_place_tells_how_the_attack_ended(text, place, event):
    assert events_at(text, place) == [event], table(claims_of(text))
