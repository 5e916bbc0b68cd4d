""""The city" is no village and "the village" no city: an anaphor points back to a place of its size.
Sentences written for these tests, through the whole pipeline (the sizes come from the gazetteer)."""
import pytest

from support import table


def claims(extract, text):
    return [(c.place.name, c.event, c.claimant_side, c.stance) for c in extract(text).claims]


def test_the_city_skips_the_village_named_after_it(extract):
    # newswire: the village is named last, the city before it
    got = claims(extract, "Russian troops took the village of Klishchiivka near Bakhmut. They have cut the main "
                          "supply routes of the Ukrainian garrison in the city.")
    assert ("Bakhmut", "encircled", "outlet", "reported") in got
    assert not any(name == "Klishchiivka" and event == "encircled" for name, event, *_ in got)


def test_the_city_is_the_town_a_village_locator_named(extract):
    # "the village of X near Y ... the city": Y, the locator of X
    got = claims(extract, "Russian forces captured the village of Ozerne near Lyman on Tuesday. "
                          "Fighting continues on the outskirts of the city.")
    assert ("Lyman", "fighting", "outlet", "reported") in got


def test_the_village_skips_a_town(extract):
    # Ukrainian official English: the denial is of the village, not of the town named in between
    e = extract("The Russians claim to have taken Novomykhailivka. Ukraine's General Staff said fighting "
                "continued near Kurakhove, but denied that the village had fallen.")
    got = [(c.place.name, c.event, c.claimant_side, c.stance) for c in e.claims]
    assert ("Novomykhailivka", "captured", "UA", "denied") in got, table(e.claims)
    assert ("Kurakhove", "captured", "UA", "denied") not in got


@pytest.mark.parametrize("text, name", [
    # a village right before "the village" is still its antecedent
    ("Russian milbloggers claimed the capture of Robotyne on Monday. Ukrainian officials said the village "
     "remained under Ukrainian control.", "Robotyne"),
    # a town called a town or a settlement is not weighed: only "city" and "village" say a size
    ("Russian forces entered Kurakhove last week. Kyiv says the town is still contested.", "Kurakhove"),
])
def test_an_antecedent_of_the_right_size_is_kept(extract, text, name):
    assert name in [c.place.name for c in extract(text).claims if "the" in c.evidence.lower()]


def test_without_a_gazetteer_the_size_is_not_weighed():
    # hand-made places carry no size: "the city" is the last place, through its locator, as before
    # (test_the_city_is_the_town_a_village_locator_named is the same shape with the gazetteer)
    from support import events_at
    text = "Russian units entered Ternivka near Kupiansk. Shelling of the city went on."
    assert "strike" in events_at(text, "Ternivka")
    assert "strike" not in events_at(text, "Kupiansk")
