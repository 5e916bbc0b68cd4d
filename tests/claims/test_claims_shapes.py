"""Sentence shapes from several styles: a locative opening, a bare denial at a sentence's end,
holding back an offensive. Sentences written for these tests."""
import pytest

from support import claims_of, events_at, on, table


def test_a_sentence_opening_in_the_area_of_a_place_is_about_that_place():
    # "In the X direction" only names the axis; "In the area of X" says where the event was
    claims = claims_of("In the area of Kupiansk, the defence forces stopped 6 attempts of the occupiers to advance.")
    assert [(c.place.name, c.event, c.beneficiary) for c in claims] == [("Kupiansk", "repelled", "UA")]


@pytest.mark.parametrize("text, denier", [
    ("Moscow says it took Marivka; Kyiv denies.", "Kyiv"),
    ("Marivka: Russian sources claim the village is under full control, Ukrainian sources deny.",
     "Ukrainian sources"),
])
def test_a_bare_denial_at_the_end_of_a_sentence_denies_what_came_before(text, denier):
    rows = table(claims_of(text))
    assert ("Marivka", "captured", denier, "UA", "denied") in rows, rows
    assert any(r[4] == "asserted" and r[3] == "RU" for r in rows), rows


@pytest.mark.parametrize("text", [
    "Our defenders continue to hold back the enemy offensive near Novoselivka.",
    "Ukrainian units held back Russian assaults near Novoselivka.",
])
def test_holding_back_an_offensive_is_repelling_it(text):
    assert [(c.event, c.beneficiary) for c in on(claims_of(text), "Novoselivka")] == [("repelled", "UA")]


@pytest.mark.parametrize("text", [
    "Ukrainian defenders regained positions near Sadove, the brigade reported on Telegram.",
    "The defence forces restored the situation near Sadove.",
    "Ukrainian units regained lost ground near Sadove overnight.",
])
def test_regaining_positions_near_a_place_is_an_advance(text):
    assert [(c.event, c.beneficiary) for c in on(claims_of(text), "Sadove")] == [("advance", "UA")]


def test_restoring_a_bridge_is_not_an_event():
    assert on(claims_of("Ukrainian engineers restored the bridge near Sadove."), "Sadove") == []


@pytest.mark.parametrize("text, claim", [
    ("There are no Russian troops in Kupiansk, the commander said.", ("captured", "RU", "UA", "denied")),
    ("There are no Ukrainian soldiers left in Kupiansk, the Russian ministry claimed.",
     ("liberated", "UA", "RU", "denied")),
])
def test_saying_a_side_has_no_troops_in_a_place_denies_its_control(text, claim):
    assert [(c.event, c.beneficiary, c.claimant_side, c.stance) for c in on(claims_of(text), "Kupiansk")] == [claim]


def test_the_outlet_saying_so_itself_claims_nothing():
    assert on(claims_of("There are no Russian troops in Kupiansk."), "Kupiansk") == []


@pytest.mark.parametrize("text, claimant", [
    ("Russian forces likely do not control Marivka, contrary to claims by Russian sources.", "Russian sources"),
    ("Russian forces likely do not control Marivka, contrary to Russian milbloggers' claims.",
     "Russian milbloggers"),
    ("Contrary to the Kremlin's claims, Russian troops have not captured Marivka.", "Kremlin"),
])
def test_what_the_outlet_doubts_contrary_to_claims_is_asserted_by_their_authors(text, claimant):
    rows = table(claims_of(text))
    assert rows == [("Marivka", "captured", claimant, "RU", "asserted")], rows


def test_despite_claims_does_not_turn_an_outlet_report_into_theirs():
    rows = table(claims_of("Russian troops advanced near Marivka despite claims by Kyiv."))
    assert [(r[1], r[3]) for r in rows] == [("advance", "outlet")], rows


def test_calling_a_claim_groundless_denies_it():
    text = "The Russian ministry said its troops took Marivka. Ukrainian officials called the claim groundless."
    assert ("Marivka", "captured", "Ukrainian officials", "UA", "denied") in table(claims_of(text))


@pytest.mark.parametrize("text", [
    "Moscow claimed Marivka had fallen, but later backtracked.",
    "The Russian ministry said its troops took Marivka. The ministry later retracted the claim.",
])
def test_a_claimant_that_retracts_its_claim_denies_it_itself(text):
    rows = table(claims_of(text))
    assert [r[4] for r in rows] == ["asserted", "denied"], rows
    assert rows[0][2] == rows[1][2] and rows[1][3] == "RU", rows


def test_a_possessive_fall_is_a_capture_and_a_seasonal_one_is_not():
    assert [(c.event, c.claimant_side) for c in
            claims_of("Marivka's fall was announced by the Russian Defence Ministry.")] == [("captured", "RU")]
    assert [c.event for c in claims_of("The fall in temperatures slowed fighting near Marivka.")] == ["fighting"]


@pytest.mark.parametrize("text, owner", [
    ("Russian claims that Marivka was captured are untrue, the brigade said.", []),     # a side's adjective: no owner
    ("Moscow's reports that Marivka had fallen are a fabrication, the brigade said.", [("captured", "RU", "RU", "asserted")]),
])
def test_a_dismissed_report_names_the_side_that_gains_in_it(text, owner):
    rows = [(c.event, c.beneficiary, c.claimant_side, c.stance) for c in claims_of(text)]
    assert rows == [("captured", "RU", "UA", "denied")] + owner, rows


@pytest.mark.parametrize("second, doubter", [
    ("Ukrainian officials called the claim premature.", "Ukrainian officials"),
    ("Kyiv called such reports exaggerated.", "Kyiv"),
])
def test_calling_the_claim_before_premature_hedges_it(second, doubter):
    rows = table(claims_of("The Russian ministry said its troops took Marivka. " + second))
    assert ("Marivka", "captured", doubter, "UA", "hedged") in rows, rows


@pytest.mark.parametrize("text, side", [
    ("Ukrainian units cleared the northern districts of Kupiansk.", "UA"),
    ("Russian assault groups are clearing the eastern part of Kupiansk.", "RU"),
])
def test_clearing_part_of_a_place_is_an_advance(text, side):
    assert [(c.event, c.beneficiary) for c in on(claims_of(text), "Kupiansk")] == [("advance", side)]


def test_clearing_roads_of_mines_is_no_event():
    assert claims_of("Sappers cleared the roads of mines near Kupiansk.") == []


@pytest.mark.parametrize("text", [
    "Fighting goes on in the Kupiansk direction and near Robotyne. Russian troops are pressing ahead with "
    "their offensive in that direction.",
    "In the direction of Kupiansk the situation is tense; Russian units pushed on with the assault in this direction.",
])
def test_that_direction_is_the_axis_named_before(text):
    assert [(c.event, c.beneficiary) for c in on(claims_of(text), "Kupiansk", "advance")] == [("advance", "RU")]
    assert on(claims_of(text), "Robotyne", "advance") == []


@pytest.mark.parametrize("text", [
    "Marivka is said to have fallen.",
    "Russian troops are reported to have entered Marivka.",
    "Ukrainian forces are believed to have withdrawn from Marivka.",
])
def test_is_said_to_hedges_the_outlets_report(text):
    assert [c.stance for c in on(claims_of(text), "Marivka")] == ["hedged"]


@pytest.mark.parametrize("text", [
    "Russian forces failed to capture Marivka.",                      # newswire
    "Russian troops were unable to break through to Marivka.",       # official English
    "The enemy tried to take Marivka but failed.",                    # digest
])
def test_a_failed_attempt_on_a_place_is_repelled_for_its_defender(text):
    assert [(c.event, c.stance) for c in on(claims_of(text), "Marivka")] == [("repelled", "reported")]


def test_failing_to_hold_a_place_or_no_longer_holding_it_is_losing_it():
    assert [(c.event, c.beneficiary) for c in on(claims_of("Ukrainian forces no longer control Marivka."), "Marivka")] \
        == [("captured", "RU")]
    assert [(c.event, c.beneficiary) for c in on(claims_of("Ukrainian forces failed to hold Marivka."), "Marivka")] \
        == [("captured", "RU")]


def test_not_advancing_is_no_claim_in_the_outlets_voice():
    assert claims_of("Russian forces did not advance near Marivka.") == []


@pytest.mark.parametrize("text", [
    "Ukrainian forces captured Marivka.",
    "The Armed Forces of Ukraine have taken Marivka under control.",
])
def test_ukraine_taking_a_place_of_its_own_is_liberating_it(text):
    assert [(c.event, c.beneficiary) for c in on(claims_of(text), "Marivka")] == [("liberated", "UA")]


def test_ukraine_taking_a_village_in_russia_is_a_capture():
    assert [(c.event, c.beneficiary) for c in on(claims_of("Ukrainian forces captured Tetkino."), "Tetkino")] \
        == [("captured", "UA")]


def test_wire_copy_naming_the_counted_villages_in_the_next_paragraph():
    text = ("Russian forces have seized two more villages in eastern Ukraine, Russia's defence ministry said "
            "on Thursday, as Moscow presses its offensive ahead of winter.\n\n"
            "The ministry named the villages as Ternivka and Marivka in the Donetsk region.")
    rows = table(claims_of(text))
    assert rows == [("Ternivka", "captured", "Russia's defence ministry", "RU", "asserted"),
                    ("Marivka", "captured", "Russia's defence ministry", "RU", "asserted")], rows


def test_a_list_two_paragraphs_after_the_event_is_not_its_list():
    text = ("Russian forces have seized two more villages, the ministry said.\n\nKyiv did not comment.\n\n"
            "The settlements are Ternivka and Marivka.")
    assert claims_of(text) == []


@pytest.mark.parametrize("item", [
    "- in the Kupiansk direction, Ukrainian defenders repelled 12 assaults near Marivka;",
    "• On the Kupiansk front, Ukrainian defenders repelled 12 assaults near Marivka.",
])
def test_an_axis_opening_a_list_item_only_says_where_we_are(item):
    claims = claims_of("According to the General Staff, over the past day:\n\n" + item)
    assert [(c.place.name, c.event) for c in claims] == [("Marivka", "repelled")]


@pytest.mark.parametrize("sentence, event", [
    ("After fierce fighting, Ternivka was captured, the ministry said.", "captured"),                   # newswire
    ("As a result of offensive actions the settlement of Ternivka was liberated by units of the Centre group.",
     "captured"),                                                                                      # RU official
    ("Following an assault, Ternivka and Marivka were taken by Russian troops.", "captured"),          # MT copy
    ("After weeks of shelling, Ternivka was finally recaptured by our defenders!", "liberated"),       # milblogger
])
def test_a_trigger_in_a_fronted_phrase_leaves_the_passive_subject_to_its_own_verb(sentence, event):
    claims = [c for c in claims_of(sentence) if c.place.name == "Ternivka"]
    assert [c.event for c in claims] == [event], table(claims)


@pytest.mark.parametrize("sentence", [
    "A Russian attack on Ternivka was repelled, the General Staff said.",       # the attack is the subject
    "An assault near Ternivka was stopped by our units.",
])
def test_a_place_in_the_attack_nouns_own_phrase_stays_with_it(sentence):
    assert events_at(sentence, "Ternivka") == ["repelled"], \
        table(claims_of(sentence))


@pytest.mark.parametrize("sentence", [
    "Our defenders stopped 27 attempts by the aggressor to advance near Ternivka.",                  # UA official
    "Ukrainian units repelled 14 attempts by Russian troops to break through near Ternivka.",        # newswire
    "In the Kupiansk direction, our defenders stopped 9 attempts by the occupiers to storm Ternivka.",
])
def test_what_a_stopped_attempt_attempted_is_repelled(sentence):
    claims = [c for c in claims_of(sentence) if c.place.name == "Ternivka"]
    assert [(c.event, c.beneficiary) for c in claims] == [("repelled", "UA")], table(claims)


@pytest.mark.parametrize("sentence, event", [
    ("Russian troops were also reported to have advanced to the outskirts of Ternivka.", "advance"),  # newswire
    ("Ukrainian forces are believed to have retaken Ternivka.", "liberated"),                        # ISW style
])
def test_reported_or_believed_to_have_is_a_hedge_and_no_speaker(sentence, event):
    claims = [c for c in claims_of(sentence) if c.place.name == "Ternivka"]
    assert [(c.event, c.claimant_side, c.stance) for c in claims] == [(event, "outlet", "hedged")], table(claims)


@pytest.mark.parametrize("sentence", [
    "Ukrainian sources said the Russians had occupied the centre of Ternivka.",       # newswire
    "Russian troops entered the heart of Ternivka, a milblogger wrote.",             # milblogger
    "The enemy seized the eastern edge of Ternivka, the brigade said.",              # UA official
])
def test_taking_the_centre_or_an_edge_of_a_place_is_an_advance(sentence):
    assert events_at(sentence, "Ternivka") == ["advance"], \
        table(claims_of(sentence))


@pytest.mark.parametrize("sentence, event", [
    ("Kyiv's troops were forced to leave Ternivka, according to the DPR head.", "withdrawal"),
    ("Ukrainian troops have been ordered to leave Ternivka, the governor said.", None),       # an order: no claim
])
def test_forced_to_leave_is_a_withdrawal_and_an_order_is_not(sentence, event):
    assert events_at(sentence, "Ternivka") == ([event] if event else []), \
        table(claims_of(sentence))


@pytest.mark.parametrize("sentence, place, event", [
    ("Capturing Ternivka would allow Russian forces to attack Kupiansk.", "Kupiansk", "fighting"),     # ISW style
    ("Taking Ternivka has allowed the enemy to shell Kupiansk.", "Kupiansk", "strike"),                # newswire
    ("Fighting was also reported near Kupiansk.", "Kupiansk", "fighting"),                             # a noun, no gerund
])
def test_a_gerund_subjects_reach_ends_at_its_clauses_verb(sentence, place, event):
    assert events_at(sentence, place) == [event], table(claims_of(sentence))


@pytest.mark.parametrize("sentence, row", [
    ("Russian forces made no confirmed gains near Ternivka, the General Staff said.",
     ("advance", "RU", "UA", "denied")),                                                   # UA official
    ("There were no Russian advances near Ternivka, Kyiv said.", ("advance", "RU", "UA", "denied")),  # newswire
])
def test_no_gains_near_a_place_denies_the_advance(sentence, row):
    claims = [c for c in claims_of(sentence) if c.place.name == "Ternivka"]
    assert [(c.event, c.beneficiary, c.claimant_side, c.stance) for c in claims] == [row], table(claims)


@pytest.mark.parametrize("sentence", [
    "Russian forces did not make any confirmed advances near Ternivka.",       # ISW style
    "Russian forces made no confirmed gains near Ternivka.",
])
def test_confirmed_before_a_noun_is_no_reporting_verb(sentence):
    """"no confirmed advances": an adjective, so the subject is no speaker (and the outlet's own denial gives
    no claim)."""
    assert not [c for c in claims_of(sentence) if c.claimant_side != "outlet"], table(claims_of(sentence))


@pytest.mark.parametrize("sentence", [
    "Ukrainian forces counterattacked near Ternivka and regained lost positions.",     # ISW style
    "Russian troops attacked near Ternivka and advanced 2 km, a milblogger claimed.",   # milblogger
])
def test_ground_gained_in_a_second_verb_phrase_is_where_the_first_attacked(sentence):
    assert "advance" in events_at(sentence, "Ternivka"), table(claims_of(sentence))


def test_a_second_verb_phrase_with_its_own_place_keeps_it():
    claims = claims_of("Russian troops attacked near Ternivka and shelled Marivka.")
    assert [c.event for c in claims if c.place.name == "Ternivka"] == ["fighting"], table(claims)
