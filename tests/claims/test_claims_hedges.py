"""Verification hedges ("could not be verified", "ISW has not observed confirmation"): which claims they
are about, and who hedges.  Sentences written for these tests."""
import pytest
from support import claims_of, facts, on, table


def test_hedge_with_its_own_claim_stays_in_its_sentence_and_names_its_party():
    text = ("Ukraine's General Staff said its troops fought off 11 attacks near Ternivka and Marivka.\n\n"
            "Russian Telegram channels claimed that Russian units took Zelenivka, although ISW has not observed "
            "confirmation of this claim.")
    claims = claims_of(text)
    hedges = [c for c in claims if c.stance == "hedged"]
    assert [(c.place.name, c.claimant, c.claimant_side) for c in hedges] == [("Zelenivka", "ISW", "third")], \
        table(claims)
    assert facts(on(claims, "Ternivka", "repelled")[0]) == ("repelled", "UA", "UA", "asserted")


def test_hedge_does_not_reach_back_over_a_paragraph_to_other_claims():
    text = ("The Russian Defence Ministry said its troops captured Bilohirka.\n\n"
            "Ukrainian officials said Russian artillery shelled Sadove overnight. "
            "The report could not be independently verified.")
    claims = claims_of(text)
    assert [c.place.name for c in claims if c.claimant_side == "outlet"] == ["Sadove"], table(claims)


def test_hedge_reaches_only_the_sentence_just_before():
    text = ("Pushilin said his forces had taken Robotyne. Kyiv said Russian drones hit Ozerne. "
            "This could not be verified.")
    claims = claims_of(text)
    assert [c.place.name for c in claims if c.stance == "hedged"] == ["Ozerne"], table(claims)


@pytest.mark.parametrize("hedge", ["AFP was unable to independently verify the claim.",
                                   "The Associated Press could not confirm the report.",
                                   "It was not possible to independently verify the claim."])
def test_wire_hedge_in_a_paragraph_of_its_own_is_the_outlets(hedge):
    text = f"Russia's Defence Ministry said on Monday its forces had seized Robotyne.\n\n{hedge}"
    claims = claims_of(text)
    assert facts(on(claims, "Robotyne", side="outlet")[0]) == ("captured", "RU", "outlet", "hedged"), table(claims)


def test_named_party_of_a_passive_hedge_is_the_claimant():
    text = ("Russian war correspondents wrote that Russian troops had entered Marivka. "
            "This has not been confirmed by the Ukrainian military.")
    hedge = [c for c in claims_of(text) if c.stance == "hedged"]
    assert [(c.place.name, c.event, c.claimant_side) for c in hedge] == [("Marivka", "advance", "UA")]
    assert "Ukrainian military" in hedge[0].claimant


def test_hedge_naming_both_sides_covers_the_claims_of_both():
    text = ("Pushilin said Russian forces had taken Bilohirka.\n\n"
            "Kyiv said its troops retook Ternivka.\n\n"
            "Weather in the region has turned cold.\n\n"
            "Claims by both sides could not be independently verified.")
    hedged = {c.place.name for c in claims_of(text) if c.claimant_side == "outlet" and c.stance == "hedged"}
    assert hedged == {"Bilohirka", "Ternivka"}


@pytest.mark.parametrize("text, claimant, side, gains", [
    # a side doubts the other side's gains; a third party's doubt says nothing of who gains
    ("DeepState did not confirm the capture of Zelenivka.", "DeepState", "UA", "RU"),
    ("The Institute for the Study of War has not verified the seizure of Zelenivka.", "Institute for the Study of War",
     "third", None),
])
def test_not_confirming_a_capture_hedges_it_and_does_not_deny_it(text, claimant, side, gains):
    claims = claims_of(text)
    assert [facts(c) for c in claims] == [("captured", gains, side, "hedged")]
    assert claimant in claims[0].claimant


def test_none_of_the_claims_confirmed_by_a_side():
    text = ("Russian channels claim Russian troops reached Novoselivka; others say fighting goes on. "
            "None of these claims have been confirmed by Ukrainian sources.")
    claims = claims_of(text)
    assert facts(on(claims, "Novoselivka", side="UA")[0]) == ("advance", "RU", "UA", "hedged"), table(claims)


def test_named_party_hedges_what_follows_it_and_leaves_the_outlets_own_account():
    text = ("Russian troops have recently advanced east of Ozerne, though ISW has not observed confirmation of "
            "Russian claims of gains inside Sadove.")
    claims = claims_of(text)
    # the claims ISW doubts stand as their makers' (the side the text gives them): Russian sources assert
    assert [(c.place.name, c.claimant, c.claimant_side, c.stance) for c in claims] == [
        ("Ozerne", "the outlet", "outlet", "reported"), ("Sadove", "ISW", "third", "hedged"),
        ("Sadove", "Russian sources", "RU", "asserted")], table(claims)


@pytest.mark.parametrize("text", [
    # newswire: the doubting party is the agent of a passive, after the claim
    "The fall of Marivka has not been confirmed by Kyiv.",
    # the doubting party as the subject, the claim's owner in a relative clause
    "Kyiv has not confirmed the capture of Marivka, which Moscow announced on Friday.",
    # Russian side doubting a Ukrainian gain
    "The liberation of Robotyne has not been confirmed by the Russian Defence Ministry.",
])
def test_a_side_that_does_not_confirm_a_gain_doubts_the_other_sides_gain(text):
    claims = claims_of(text)
    hedged = [c for c in claims if c.stance == "hedged"]
    assert hedged, table(claims)
    for c in hedged:
        assert c.claimant_side in ("RU", "UA") and c.beneficiary not in (None, c.claimant_side), table(claims)


@pytest.mark.parametrize("text", [
    "The Russian MoD did not comment on reports that Ukrainian forces had retaken Robotyne.",     # newswire
    "Asked about claims that Russian troops had entered Kupiansk, the spokesman gave no answer.",
])
def test_reports_nobody_is_said_to_make_are_the_outlets_hedged_account(text):
    claims = [c for c in claims_of(text) if c.event != "fighting"]
    assert claims and all((c.claimant_side, c.stance) == ("outlet", "hedged") for c in claims), table(claims)


def test_a_wire_hedge_of_battlefield_reports_covers_the_claims_before_it():
    text = ("Russia's defence ministry said its forces had captured Marivka.\n\n"
            "Ukraine's military said fighting was continuing in the village.\n\n"
            "Marivka lies 35 km west of Donetsk. Reuters could not independently verify battlefield reports.")
    claims = claims_of(text)
    assert ("captured", "outlet", "hedged") in {(c.event, c.claimant_side, c.stance) for c in claims}, table(claims)


@pytest.mark.parametrize("text, owner", [
    ("Moscow's claim that it had seized Robotyne could not be independently verified.", "Moscow"),
    ("Russia's defence ministry's claim that its troops had taken Robotyne could not be confirmed.",
     "Russia's defence ministry"),
    ("The Kremlin's claim to have captured Robotyne could not be verified by Reuters.", "The Kremlin"),
    ("Moscow's claim that it had seized Robotyne could not be independently verified.", "Moscow"),  # misparse proof
    ("Claims by Moscow that it had seized Robotyne could not be independently confirmed.", "Moscow"),
    ("The claim by Russia's defence ministry that its forces had taken Robotyne could not be verified.",
     "Russia's defence ministry"),
])
def test_owner_of_a_doubted_report_noun_asserts_what_it_says(text, owner):
    """The owner of "claim that ..." says the that-clause; the outlet's doubt comes after it, and the gain
    stays the owner's side's (the hedge is the outlet's, not the owner's own doubt)."""
    claims = claims_of(text)
    said = on(claims, "Robotyne", "captured", side="RU")
    assert said and said[0].stance == "asserted" and said[0].beneficiary == "RU", table(claims)
    assert said[0].claimant.lower().startswith(owner.lower().removeprefix("the ")) \
        or said[0].claimant == owner, table(claims)
    doubted = on(claims, "Robotyne", "captured", side="outlet")
    assert doubted and doubted[0].stance == "hedged" and doubted[0].beneficiary == "RU", table(claims)


def test_owner_of_a_report_noun_is_not_the_speaker_where_the_sentence_denies_it():
    claims = claims_of("Ukraine's army rejected Moscow's claim that Marivka had fallen.")
    assert facts(on(claims, "Marivka", side="UA")[0]) == ("captured", "RU", "UA", "denied"), table(claims)


def test_a_party_doubting_an_owned_claim_doubts_the_owners_gain():
    claims = claims_of("Moscow's claim that it had seized Robotyne has not been confirmed by Kyiv.")
    assert facts(on(claims, "Robotyne", side="UA")[0]) == ("captured", "RU", "UA", "hedged"), table(claims)


@pytest.mark.parametrize("text, owner, side", [
    # ISW style: the claims' makers named only by their side
    ("ISW has not observed confirmation of Russian claims that Russian forces seized Marivka.", "Russian sources", "RU"),
    # newswire, an outlet that cannot verify
    ("Reuters could not verify Ukrainian reports that Ukrainian troops had retaken Marivka.", "Ukrainian sources", "UA"),
    # the makers named
    ("Moscow's claim that its forces had taken Marivka could not be independently verified.", "Moscow", "RU"),
])
def test_claims_an_observer_cannot_verify_stand_as_their_makers(text, owner, side):
    claims = on(claims_of(text), "Marivka")
    asserted = [(c.claimant, c.claimant_side) for c in claims if c.stance == "asserted"]
    assert asserted == [(owner, side)], table(claims)
    assert any(c.stance == "hedged" for c in claims), table(claims)


def test_a_denied_side_report_names_no_claimant():
    # "Russian claims ... are untrue": the denial is the claim; the claims themselves name no one
    claims = on(claims_of("Russian claims that Marivka was captured are untrue, the brigade said."), "Marivka")
    assert [c.stance for c in claims] == ["denied"], table(claims)


@pytest.mark.parametrize("text, hedger", [
    ("Russian sources claim to have captured Ternivka, which ISW cannot confirm.", "third"),          # ISW
    ("Russian sources claimed Ternivka was captured, which has not been confirmed by Kyiv.", "UA"),   # newswire
])
def test_a_which_clause_doubting_a_claim_leaves_its_gain_to_the_claimant(text, hedger):
    claims = on(claims_of(text), "Ternivka")
    assert sorted((c.claimant_side, c.stance, c.beneficiary) for c in claims) == sorted([
        ("RU", "asserted", "RU"), (hedger, "hedged", "RU")]), table(claims)


@pytest.mark.parametrize("text", [
    "Unconfirmed reports suggest that Ternivka has fallen.",                 # newswire
    "It is possible that Ukrainian forces withdrew from Ternivka.",          # ISW
    "It is likely that Russian forces entered Ternivka.",
])
def test_nobodys_reports_and_possibilities_are_the_outlets_hedges(text):
    claims = on(claims_of(text), "Ternivka")
    assert [(c.claimant_side, c.stance) for c in claims] == [("outlet", "hedged")], table(claims)
