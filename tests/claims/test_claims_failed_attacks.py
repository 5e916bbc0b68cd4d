"""A failed "attack on X" (which the lexicons read as a strike) is "repelled" for the defender,
unless the attack's own words name a weapon (claims/verdicts.py, structure.json
'repelled_from_unarmed').  Sentences written for these tests, in several styles."""
import pytest
from support import claims_of, table


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
