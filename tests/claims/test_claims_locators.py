"""Places that only say where another place is ("took A, near the town of B"), and verification hedges that
reach back over a sentence with no claims.  Sentences written for these tests."""
import pytest
from support import claims_of, on, table


@pytest.mark.parametrize("text, taken, located", [
    ("Russia's defence ministry said on Tuesday its forces had captured the village of Ternivka in Ukraine's "
     "Kharkiv region, near the town of Kupiansk.", "Ternivka", ["Kupiansk", "Kharkiv region"]),
    ("Ukrainian troops retook Marivka, some 12 km from Sadove, the brigade said.", "Marivka", ["Sadove"]),
    ("The Russian Defence Ministry said its units seized Bilohirka on the outskirts of Robotyne.",
     "Bilohirka", ["Robotyne"]),
    ("The General Staff said the enemy had captured Ozerne, 8 kilometres north of Hrushivka.", "Ozerne",
     ["Hrushivka"]),
    ("Kyiv said Russian forces had occupied Zelenivka, close to Novoselivka in the Donetsk region.", "Zelenivka",
     ["Novoselivka", "Donetsk region"]),
    ("Moscow said its troops took Sadove, not far from the city of Kupiansk.", "Sadove", ["Kupiansk"]),
    ("Zelenivka, near Kupiansk, was captured by Russian troops, Moscow said.", "Zelenivka", ["Kupiansk"]),
])
def test_a_place_locating_the_events_object_gets_no_claim(text, taken, located):
    claims = claims_of(text)
    assert [c.event for c in on(claims, taken)] and all(c.event in ("captured", "liberated")
                                                        for c in on(claims, taken)), table(claims)
    for name in located:
        assert on(claims, name) == [], table(claims)


@pytest.mark.parametrize("text, names", [
    ("Fighting continues near Kupiansk, the General Staff said.", ["Kupiansk"]),
    ("Russian troops advanced on the outskirts of Kupiansk, the ministry said.", ["Kupiansk"]),
    ("Moscow said its forces captured Ternivka and Marivka.", ["Ternivka", "Marivka"]),
    ("Ukraine's military said it repelled attacks near Sadove, near Ozerne and close to Robotyne.",
     ["Sadove", "Ozerne", "Robotyne"]),
    ("Moscow said its troops captured Ternivka and advanced near Marivka.", ["Ternivka", "Marivka"]),
    ("Russian forces improved their positions on the northern flank of Kupiansk near Hrushivka, Pushilin said.",
     ["Kupiansk", "Hrushivka"]),
])
def test_a_locator_place_keeps_its_claim_when_it_is_a_position_itself(text, names):
    claims = claims_of(text)
    for name in names:
        assert on(claims, name), (name, table(claims))


@pytest.mark.parametrize("hedge", ["The newspaper could not independently verify the battlefield reports.",
                                   "The agency was unable to confirm the account.",
                                   "It was not possible to verify the claim independently."])
def test_wire_hedge_reaches_over_a_no_comment_sentence(hedge):
    text = ("Russia's defence ministry said on Monday its forces had captured Ternivka in the Donetsk region. "
            f"Kyiv did not immediately comment. {hedge}")
    claims = claims_of(text)
    assert [(c.place.name, c.claimant_side, c.stance) for c in claims if c.stance == "hedged"] == \
        [("Ternivka", "outlet", "hedged")], table(claims)
    assert not [c for c in claims if c.stance == "denied"], table(claims)       # no comment is no denial


def test_hedge_reaches_the_paragraph_before_over_a_sentence_with_no_claims():
    text = ("Ukraine's General Staff said its troops had liberated Robotyne.\n\n"
            "Moscow did not respond to a request for comment. The claim could not be verified.")
    claims = claims_of(text)
    assert [(c.place.name, c.claimant_side) for c in claims if c.stance == "hedged"] == [("Robotyne", "outlet")], \
        table(claims)


def test_named_hedger_reaching_back_is_the_claimant():
    text = ("Russian military bloggers said Russian units had entered Marivka. There was no word from Kyiv. "
            "ISW has not observed confirmation of these claims.")
    claims = claims_of(text)
    assert [(c.place.name, c.claimant) for c in claims if c.stance == "hedged"] == [("Marivka", "ISW")], \
        table(claims)


def test_hedge_does_not_reach_two_paragraphs_back():
    text = ("Moscow said its forces took Sadove.\n\n"
            "Kyiv declined to comment on the report.\n\n"
            "Kyiv's officials gave no details. The claim could not be independently verified.")
    claims = claims_of(text)
    assert not [c for c in claims if c.stance == "hedged"], table(claims)


@pytest.mark.parametrize("text, taken", [
    ("Russian forces took Bilohirka, a small village, and the settlement of Hrushivka, the ministry said.",
     {"Bilohirka", "Hrushivka"}),                                                       # RU official English
    ("Ukrainian troops liberated Sadove, a frontline town, and Ozerne, the General Staff said.",
     {"Sadove", "Ozerne"}),                                                             # UA official English
])
def test_a_short_appositive_does_not_end_the_list_of_what_was_taken(text, taken):
    got = {c.place.name for c in claims_of(text) if c.event in ("captured", "liberated")}
    assert got == taken


def test_a_place_inside_an_appositive_only_locates():
    text = "Russian forces took Marivka, a village near Zelenivka, and Ozerne, the ministry said."
    assert not [c for c in claims_of(text) if c.place.name == "Zelenivka"]


@pytest.mark.parametrize("text", [
    "Troops who had fought in Robotyne were redeployed to Kupiansk.",
    "Units that fought near Robotyne have been transferred to the Kupiansk area.",
])
def test_where_units_are_moved_is_not_where_they_fought(text):
    claims = claims_of(text)
    assert [c.place.name for c in claims] == ["Robotyne"], [(c.place.name, c.event) for c in claims]


def test_where_fighting_goes_on_after_a_transfer_is_still_claimed():
    text = "Russia transferred reserves to the Kupiansk direction, where fighting continues."
    assert [(c.place.name, c.event) for c in claims_of(text)] == [("Kupiansk", "fighting")]


@pytest.mark.parametrize("text", [
    "Russian milbloggers claimed that Russian forces seized Hrushivka (northwest of Kupiansk).",
    "Russian forces took Hrushivka, southeast of Kupiansk, the ministry said.",
])
def test_a_bearing_after_a_place_locates_it_by_another(text):
    assert [c.place.name for c in claims_of(text)] == ["Hrushivka"]


def test_an_account_doubted_in_its_own_sentence_does_not_go_on():
    text = ("Russian milbloggers claimed that Russian forces seized Hrushivka, but ISW has not observed "
            "confirmation of this claim. Ukrainian forces recently counterattacked near Sadove.")
    assert [(r[0], r[3]) for r in table(claims_of(text)) if r[0] == "Sadove"] == [("Sadove", "outlet")]


@pytest.fixture(scope="module")
def extract():
    from frontmap.pipeline import extract as run

    return lambda text: run(text, date="2025-11-20")


@pytest.mark.parametrize("text, target, regions", [
    # newswire, official English, a digest, a parenthesis and a bare comma
    ("Russian forces captured the Donetsk Oblast village of Shcherbynivka, the ministry said.",
     "Shcherbynivka", ["Donetsk Oblast"]),
    ("Artillery struck the village of Novoselivka (Bakhmut district, Donetsk region) on Tuesday.",
     "Novoselivka", ["Bakhmut district", "Donetsk region"]),
    ("Ukrainian troops repelled an attack near Novoselivka, Donetsk region.", "Novoselivka", ["Donetsk region"]),
    ("Novoselivka, Bakhmut raion, came under artillery fire.", "Novoselivka", ["Bakhmut raion"]),
    ("Shelling hit the Kursk Oblast village of Tetkino.", "Tetkino", ["Kursk Oblast"]),
])
def test_a_region_that_says_where_a_settlement_lies_is_not_a_second_target(extract, text, target, regions):
    claims = extract(text).claims
    got = {c.place.text for c in claims}
    assert target in got, [(c.place.text, c.event) for c in claims]
    assert not got & set(regions), [(c.place.text, c.event) for c in claims]


def test_a_region_in_a_list_of_targets_keeps_its_claim(extract):
    claims = extract("Drones struck Kharkiv, Sumy Oblast and Odesa overnight.").claims
    assert {"Kharkiv", "Sumy Oblast", "Odesa"} <= {c.place.text for c in claims}


@pytest.mark.parametrize("text, places", [
    # newswire: a locative relative clause hands the event on
    ("Ukrainian drones struck Donetsk region overnight, where Marivka and Ternivka are located, the military said.",
     {"Marivka", "Ternivka"}),
    # ISW style, "lie"
    ("Russian forces advanced in the area east of Kupiansk, where Sadove and Ozerne lie.", {"Sadove", "Ozerne"}),
])
def test_a_relative_clause_naming_what_lies_in_the_area_hands_the_event_on(text, places):
    claims = claims_of(text)
    assert places <= {c.place.name for c in claims}, table(claims)


@pytest.mark.parametrize("text", [
    "Russian forces took Marivka, a small town west of Robotyne, and the village of Ternivka.",   # newswire
    "Russian troops captured Marivka, a village 10 km south of Robotyne, and Ternivka, the MoD said.",
])
def test_an_apposition_after_a_place_neither_ends_the_list_nor_is_a_target(text):
    claims = claims_of(text)
    assert {c.place.name for c in claims} == {"Marivka", "Ternivka"}, table(claims)


def test_it_at_the_start_of_a_sentence_stands_for_the_place_before():
    claims = claims_of("Ukrainian troops liberated Robotyne last year. It was captured by Russian forces in May, "
                       "Russian bloggers said.")
    assert ("captured", "RU", "RU") in {(c.event, c.beneficiary, c.claimant_side) for c in claims
                                        if c.place.name == "Robotyne"}, table(claims)


@pytest.mark.parametrize("text, place", [
    ("Ukrainian troops entered Krynky on the left bank of the Dnipro, a Russian blogger wrote.", "Krynky"),
    ("Our forces hold positions on the eastern bank of the Oskil near Kupiansk.", "Kupiansk"),
])
def test_a_river_whose_bank_locates_is_no_target(extract, text, place):
    claims = extract(text).claims
    assert [c.place.name for c in claims] == [place], [(c.place.name, c.place.kind, c.event) for c in claims]


@pytest.mark.parametrize("text, targets", [
    ("Russian forces conducted offensive operations northwest of Kupiansk near Ternivka and Marivka.",   # ISW style
     ["Ternivka", "Marivka"]),
    ("The enemy attacked south of Kupiansk in the area of Hrushivka, the General Staff said.", ["Hrushivka"]),
    ("Russian forces attacked northwest of Kupiansk.", ["Kupiansk"]),               # no place after: the area itself
])
def test_a_bearing_from_a_place_that_a_nearer_place_follows_only_locates(text, targets):
    assert [c.place.name for c in claims_of(text)] == targets, table(claims_of(text))


# --- an axis and the places on it ------------------------------------------------------------------

@pytest.mark.parametrize("text, targets", [
    # ISW style: the axis first, then where on it
    ("Russian forces attacked in the Kupiansk direction near Ternivka and Marivka on November 20.",
     ["Marivka", "Ternivka"]),
    # Ukrainian General Staff digest
    ("Ukrainian defenders repelled 12 attacks in the Kupiansk direction near Ternivka and Marivka.",
     ["Marivka", "Ternivka"]),
    # machine-translated copy, "in the area of"
    ("The enemy conducted assault actions on the Kupiansk axis in the area of the settlement of Sadove.",
     ["Sadove"]),
    # the places before the axis, as before
    ("Russian troops attacked near Ternivka and Marivka in the Kupiansk direction.", ["Marivka", "Ternivka"]),
])
def test_an_axis_before_the_places_on_it_only_locates_them(text, targets):
    assert sorted({c.place.name for c in claims_of(text)}) == targets, table(claims_of(text))


@pytest.mark.parametrize("text", [
    # Ukrainian General Staff digest: the fronted axis is all the clause names
    "In the Kupiansk direction, the enemy attacked 12 times, the General Staff said.",
    # newswire
    "Russian forces attacked in the Kupiansk direction on Thursday.",
])
def test_an_axis_that_names_no_place_on_it_is_the_target(text):
    assert [c.event for c in on(claims_of(text), "Kupiansk")] == ["fighting"], table(claims_of(text))


def test_a_fronted_axis_over_a_named_place_stays_a_locator():
    text = "In the Kupiansk direction, Russian troops captured Ternivka, the ministry said."
    assert [c.place.name for c in claims_of(text)] == ["Ternivka"], table(claims_of(text))
