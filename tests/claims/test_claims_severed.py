"""What a side is cut off from is no target (structure.json 'severed_from'): in "cut off the group
in A from B" A is cut off and B is where its support lies.  Sentences written for these tests."""
import pytest
from support import claims_of, table


@pytest.mark.parametrize("text, cut_off, other_end", [
    # newswire, the "from" phrase on the verb
    ("Russian troops have cut off Ukrainian units in Marivka from Robotyne, the Russian MoD said.",
     "Marivka", "Robotyne"),
    # Ukrainian official English, the "from" phrase on the object
    ("Our forces cut off the logistics of the occupiers' group in Sadove from Ozerne, the brigade said.",
     "Sadove", "Ozerne"),
    # ISW style
    ("Russian forces have likely cut off the Ukrainian garrison of Hrushivka from Zelenivka, according to "
     "Russian milbloggers.",
     "Hrushivka", "Zelenivka"),
    # machine-translated copy
    ("The assault units cut off the formations of the armed forces of Ukraine in Ternivka from Bilohirka.",
     "Ternivka", "Bilohirka"),
])
def test_the_place_a_side_is_cut_off_from_gets_no_claim(text, cut_off, other_end):
    claims = claims_of(text)
    assert [c.event for c in claims if c.place.name == cut_off] == ["encircled"], table(claims)
    assert not [c for c in claims if c.place.name == other_end], table(claims)


def test_a_withdrawal_from_a_place_is_not_a_severed_link():
    claims = claims_of("Ukrainian forces withdrew from Marivka after the road was cut, the General Staff said.")
    assert [c.event for c in claims if c.place.name == "Marivka"] == ["withdrawal"], table(claims)
