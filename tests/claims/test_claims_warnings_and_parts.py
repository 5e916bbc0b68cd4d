"""Warnings that are not strikes, shares of a place held or taken, a side's possessive that is not a place,
and a pronoun speaker after a post-posed one.  Sentences written for these tests."""
import pytest
from support import claims_of, events_at, facts, on, table


@pytest.mark.parametrize("text", [
    "An air raid alert lasted four hours in Kupiansk.",                        # newswire
    "Air raid sirens sounded in Kupiansk and Sadove overnight.",
    "People hid in bomb shelters in Kupiansk as the night went on.",
    "A missile threat was declared in Kupiansk, the regional administration said.",   # UA official
    "Kupiansk: a raid alert was announced at 03:10.",                          # milblogger digest
])
def test_a_warning_or_a_shelter_is_no_strike(text):
    assert [c for c in claims_of(text) if c.event == "strike"] == [], table(claims_of(text))


@pytest.mark.parametrize("text", [
    "Kupiansk was shelled overnight.",
    "Russian air raids on Kupiansk killed two civilians.",
    "Russian bombers raided Kupiansk overnight, the governor said.",
    "A missile strike hit Kupiansk.",
])
def test_strikes_stay_strikes(text):
    assert events_at(text, "Kupiansk") == ["strike"], table(claims_of(text))


@pytest.mark.parametrize("text", [
    "Russian forces now control two thirds of Kupiansk.",                       # newswire
    "Russian troops control a quarter of Kupiansk, according to DeepState.",    # monitor
    "Pushilin claimed that half of Kupiansk is under Russian control.",        # RU official
])
def test_a_share_of_a_place_taken_is_an_advance(text):
    assert [(c.event, c.beneficiary) for c in on(claims_of(text), "Kupiansk")] == [("advance", "RU")], \
        table(claims_of(text))


def test_a_fraction_of_something_else_leaves_a_capture():
    text = "In the first half of November, Kupiansk was captured."
    assert events_at(text, "Kupiansk") == ["captured"], table(claims_of(text))


@pytest.mark.parametrize("text", [
    "Most of Kupiansk remains under Ukrainian control, the brigade said.",      # UA official
    "Kyiv's forces still control the northern part of Kupiansk.",              # newswire
    "Ukrainian forces continue to hold part of Kupiansk.",                     # ISW
    "Ukrainian troops hold most of Kupiansk.",
])
def test_a_part_still_held_is_a_holding_not_an_advance(text):
    claims = on(claims_of(text), "Kupiansk")
    assert [(c.event, c.beneficiary) for c in claims] == [("other", "UA")], table(claims)


def test_a_whole_place_still_held_denies_its_capture_as_before():
    claims = on(claims_of("Kupiansk remains under Ukrainian control, the brigade said."), "Kupiansk")
    assert [(c.event, c.beneficiary, c.stance) for c in claims] == [("captured", "RU", "denied")], table(claims)


@pytest.mark.parametrize("text", [
    "The ministry said it took Ternivka. Its forces were advancing toward Kupiansk.",
    "The ministry said it took Ternivka, adding that its forces were advancing toward Kupiansk.",
    "Russia says it has taken Ternivka; its troops are now advancing on Kupiansk.",     # machine-translated
])
def test_its_before_a_force_noun_is_the_side_not_the_last_place(text):
    claims = claims_of(text)
    assert [c.event for c in on(claims, "Kupiansk")] == ["advance"], table(claims)
    assert [c.event for c in on(claims, "Ternivka")] == ["captured"], table(claims)


def test_its_before_an_event_noun_still_points_to_the_place():
    claims = claims_of("Russia claims to have taken Ternivka, but Kyiv denied its capture.")
    assert sorted(facts(c) for c in on(claims, "Ternivka")) == [
        ("captured", "RU", "RU", "asserted"), ("captured", "RU", "UA", "denied")], table(claims)


@pytest.mark.parametrize("text", [
    "Russian forces recently captured Ternivka, a Ukrainian commander said, though he said fighting "
    "continued in Kupiansk.",
    "Russian forces recently captured Ternivka, a Ukrainian commander told the BBC, though she added that "
    "fighting continued in Kupiansk.",
])
def test_a_pronoun_speaker_points_back_to_the_speaker_named_earlier_in_the_sentence(text):
    claims = on(claims_of(text), "Kupiansk")
    assert [(c.event, c.claimant, c.claimant_side) for c in claims] == [
        ("fighting", "a Ukrainian commander", "UA")], table(claims)


@pytest.mark.parametrize("text", [
    "Russian propagandists are spreading fakes about the capture of Ternivka, the General Staff said.",  # UA official
    "The General Staff said Russian propagandists were spreading fakes about the capture of Ternivka.",
])
def test_fakes_about_a_capture_deny_it(text):
    claims = on(claims_of(text), "Ternivka")
    assert [(c.event, c.beneficiary, c.claimant_side, c.stance) for c in claims] == [
        ("captured", "RU", "UA", "denied")], table(claims)


@pytest.mark.parametrize("text, event", [
    ("Ternivka was captured, a Ukrainian soldier said.", "captured"),                 # a side tells its losses
    ("Ternivka is practically surrounded, the Ukrainian commander said.", "encircled"),
    ("Ternivka has been encircled, the Russian ministry said.", "encircled"),
])
def test_a_passive_gain_with_no_taker_named_goes_to_the_side_that_does_not_hold_the_place(text, event):
    claims = on(claims_of(text), "Ternivka")
    assert [(c.event, c.beneficiary) for c in claims] == [(event, "RU")], table(claims)


def test_a_passive_capture_in_russia_is_ukraines():
    claims = on(claims_of("Tetkino was captured, a Ukrainian commander said."), "Tetkino")
    assert [(c.event, c.beneficiary) for c in claims] == [("captured", "UA")], table(claims)


@pytest.mark.parametrize("text", [
    "Ternivka is under threat of encirclement.",                                   # newswire
    "Ternivka is at risk of encirclement, the analyst warned.",
])
def test_a_threat_of_an_event_hedges_it(text):
    assert [c.stance for c in on(claims_of(text), "Ternivka")] == ["hedged"], table(claims_of(text))


@pytest.mark.parametrize("text", [
    "Despite the risk of shelling, Ukrainian forces repelled an attack near Ternivka.",
    "Ukrainian troops withdrew from Ternivka under the threat of encirclement.",
])
def test_a_threat_of_something_else_hedges_no_event(text):
    assert [c.stance for c in on(claims_of(text), "Ternivka")] == ["reported"], table(claims_of(text))


@pytest.mark.parametrize("text", [
    "Russian troops have almost completely captured Ternivka.",
    "Russian troops captured almost all of Ternivka.",                             # milblogger
    "Russian troops have largely taken Ternivka.",                                 # ISW
])
def test_a_capture_nearly_complete_is_an_advance(text):
    assert events_at(text, "Ternivka") == ["advance"], table(claims_of(text))


@pytest.mark.parametrize("text", [
    "Russian forces, mostly infantry, captured Ternivka.",            # the adverb is about the forces
    "Russian forces captured Ternivka, which is nearly destroyed.",
])
def test_nearly_elsewhere_in_the_clause_leaves_a_capture(text):
    assert events_at(text, "Ternivka") == ["captured"], table(claims_of(text))


def test_a_capital_read_as_the_city_is_no_actor(extract):
    # the place finder reads "Kyiv" here as the city on a train's route, not as Ukraine's government
    claims = extract("A train from Kyiv to Kharkiv was delayed after a strike damaged the tracks near Lozova.").claims
    assert [(c.place.name, c.event, c.beneficiary) for c in claims] == [("Lozova", "strike", None)]


def test_a_capital_read_as_the_government_still_acts(extract):
    claims = extract("Kyiv's forces repelled an attack near Lozova.").claims
    assert [(c.place.name, c.event, c.beneficiary) for c in claims] == [("Lozova", "repelled", "UA")]


def test_counted_villages_named_in_the_same_clause_leave_no_advance_at_their_locator():
    text = "Ukraine's military said it had pulled back from two villages near Kupiansk, Ternivka and Sadove."
    claims = claims_of(text)
    assert sorted((c.place.name, c.event) for c in claims) == [("Sadove", "withdrawal"), ("Ternivka", "withdrawal")], \
        table(claims)


def test_counted_villages_not_named_still_advance_at_their_locator():
    assert events_at("Russian forces captured two villages near Kupiansk.", "Kupiansk") == ["advance"]


def test_one_speaker_named_alike_in_a_sentence_has_one_side():
    text = "Russian forces pounded Kupiansk with glide bombs on Tuesday, officials said, as Moscow's troops " \
           "pressed their assault on the town."                                           # newswire
    claims = on(claims_of(text), "Kupiansk")
    assert {c.claimant_side for c in claims} == {"UA"} and len(claims) == 2, table(claims)


@pytest.mark.parametrize("text", [
    "Ukraine's 3rd Assault Brigade said it had pushed Russian troops back near Ternivka.",      # UA official
    "Ukrainian forces pushed the enemy back near Ternivka.",
])
def test_pushing_a_named_side_back_near_a_place_is_an_advance(text):
    claims = on(claims_of(text), "Ternivka")
    assert [(c.event, c.beneficiary) for c in claims] == [("advance", "UA")], table(claims)
