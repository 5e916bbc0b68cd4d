"""What a side expects or is about to do is no claim that it happened: an expectation of one's own
is a goal (no claim), a prediction is hedged.  Sentences written for these tests."""
import pytest
from support import claims_of, table


@pytest.mark.parametrize("text", [
    "The Russian command expects to take Marivka by the end of the year, a Russian milblogger wrote.",   # milblogger
    "Kyiv expects to retake Robotyne before the spring, the Ukrainian defence minister said.",          # newswire
])
def test_what_a_side_expects_to_do_gives_no_claim(text):
    claims = claims_of(text)
    assert not [c for c in claims if c.event in ("captured", "liberated", "advance")], table(claims)


@pytest.mark.parametrize("text, place, event", [
    ("Russian forces are expected to capture Marivka within weeks, according to ISW.", "Marivka", "captured"),
    ("Ukrainian units are about to retake Robotyne, the brigade commander said.", "Robotyne", "liberated"),
    ("The enemy is set to storm Sadove in the coming days, the Ukrainian military warned.", "Sadove", None),
])
def test_a_prediction_is_hedged(text, place, event):
    claims = [c for c in claims_of(text) if c.place.name == place]
    assert claims and all(c.stance == "hedged" for c in claims), table(claims)
    if event:
        assert event in {c.event for c in claims}, table(claims)


def test_retake_in_the_present_is_a_liberation():
    claims = claims_of("Ukrainian marines retake Robotyne, the Southern Defence Forces say.")
    assert [(c.event, c.beneficiary) for c in claims if c.place.name == "Robotyne"] == [("liberated", "UA")], \
        table(claims)
