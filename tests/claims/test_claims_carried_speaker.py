"""A speaker's account carried on to the next sentence ends where that sentence is told by someone else.
Sentences written for these tests."""
import pytest
from support import claims_of, table


@pytest.mark.parametrize("text, place, event, claimant", [
    # newswire: a post-posed speaker, then the other side's denial
    ("Russian troops stormed Robotyne on Monday, the Russian defence ministry said. "
     "Ukraine's army said Robotyne was not taken.", "Robotyne", "captured", "Ukraine's army"),
    # ISW style: the milbloggers' claim, then the General Staff's report
    ("Russian forces have advanced in Ternivka, milbloggers claimed. The Ukrainian General Staff reported "
     "that its forces repelled the assaults near Ternivka.", "Ternivka", "repelled", "The Ukrainian General Staff"),
])
def test_the_next_speakers_words_are_not_the_first_speakers(text, place, event, claimant):
    claims = [c for c in claims_of(text) if c.place.name == place and c.event == event]
    assert [c.claimant for c in claims] == [claimant], table(claims_of(text))


def test_the_denial_takes_the_attackers_gain():
    text = ("Russian troops stormed Robotyne on Monday, the Russian defence ministry said. "
            "Ukraine's army said Robotyne was not taken.")
    denial = [c for c in claims_of(text) if c.stance == "denied"]
    assert [(c.event, c.beneficiary, c.claimant_side) for c in denial] == [("captured", "RU", "UA")], table(denial)


def test_an_account_with_no_new_speaker_goes_on():
    # Russian official English: the ministry's account runs on into the next sentence
    claims = claims_of("Russian forces captured Sadove, the ministry said. Troops also advanced near Marivka.")
    assert [(c.place.name, c.claimant) for c in claims] == [("Sadove", "the ministry"), ("Marivka", "the ministry")]
