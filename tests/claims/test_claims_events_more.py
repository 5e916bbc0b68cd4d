"""Events in official and blogger styles: Russian MoD "inflicted losses", attacks stopped in the next
sentence, clearing, control named with its side.  Sentences written for these tests."""
import pytest
from support import claims_of, events_at, facts, on, table


def test_inflicted_losses_near_places_is_fighting_claimed_by_the_ministry():
    text = ("The Russian Defence Ministry reported the liberation of Ternivka. Troops of the Sever group inflicted "
            "heavy losses on Ukrainian units near Marivka and Bilohirka, the ministry said.")
    claims = claims_of(text)
    for name in ("Marivka", "Bilohirka"):
        c = on(claims, name)[0]
        assert facts(c) == ("fighting", None, "RU", "asserted"), table(claims)
        assert "Defence Ministry" in c.claimant


@pytest.mark.parametrize("text", [
    "Artillery of the Zapad group inflicted fire damage on Ukrainian manpower near Novoselivka.",
    "Fire damage was inflicted on AFU strongholds near Novoselivka by Russian drone operators.",
])
def test_fire_damage_is_a_strike_by_the_side_firing(text):
    c = on(claims_of(text), "Novoselivka")[0]
    assert (c.event, c.beneficiary) == ("strike", "RU")


@pytest.mark.parametrize("stopped", [
    "Ukrainian defenders stopped all the attacks.",
    "Our soldiers halted every one of the assaults.",
    "The defence forces beat off all of the enemy's attacks.",
    "Ukrainian units thwarted all the assaults.",
    "The rest of the attacks were repelled.",
    "Ukrainian troops stopped the rest of the attacks.",
])
def test_attacks_stopped_in_the_next_sentence_were_repelled(stopped):
    text = ("According to Ukraine's General Staff, the occupiers attacked 9 times near Ternivka, Sadove and Ozerne. "
            + stopped)
    claims = claims_of(text)
    for name in ("Ternivka", "Sadove", "Ozerne"):
        c = on(claims, name, "repelled")
        assert c, table(claims)
        assert (c[0].beneficiary, c[0].claimant_side, c[0].stance) == ("UA", "UA", "asserted")
        assert "General Staff" in c[0].claimant


def test_attacks_stopped_after_a_sentence_without_places():
    text = ("The General Staff said Russian troops tried to advance near Marivka and Zelenivka. Six clashes are "
            "still going on. Ukrainian units stopped the other attacks.")
    claims = claims_of(text)
    assert {c.place.name for c in claims if c.event == "repelled"} == {"Marivka", "Zelenivka"}
    assert {c.claimant for c in claims if c.event == "repelled"} == {"The General Staff"}


def test_stopping_is_not_repelling_without_attacks_before():
    claims = claims_of("Residents of Ozerne said the buses stopped running. Ukrainian units stopped all the attacks.")
    assert not [c for c in claims if c.event == "repelled"], table(claims)


def test_beating_back_an_attack_on_a_place_is_repelled_not_a_strike():
    c = on(claims_of("Ukrainian units beat back an attack on Hrushivka, the Khortytsia group reported."), "Hrushivka")
    assert [facts(x) for x in c] == [("repelled", "UA", "UA", "asserted")]


@pytest.mark.parametrize("text, expected", [
    ("Moscow says its units have cleared Sadove.", ("captured", "RU", "RU", "asserted")),
    ("Kupiansk has been fully cleared of Russian troops, the Ukrainian commander said.",
     ("liberated", "UA", "UA", "asserted")),
    ("Russian assault units completed the clearing of Sadove, the Russian ministry said.",
     ("captured", "RU", "RU", "asserted")),
    ("Mopping-up in Sadove goes on, Russian channels wrote.", ("advance", "RU", "RU", "asserted")),
])
def test_clearing(text, expected):
    c = on(claims_of(text), "Kupiansk" if "Kupiansk" in text else "Sadove")[0]
    assert facts(c) == expected


def test_clearing_mines_is_no_claim():
    assert claims_of("Sappers cleared mines on the road to Sadove.") == []


@pytest.mark.parametrize("text, expected", [
    ("Hrushivka is now under Ukrainian control, the brigade said.", ("liberated", "UA", "UA", "asserted")),
    ("Russian troops were driven out of Hrushivka and the village is under our control, the brigade said.",
     ("liberated", "UA", "UA", "asserted")),
    ("Glushkovo came under Ukrainian control on Tuesday, Syrskyi said.", ("captured", "UA", "UA", "asserted")),
    ("Russian channels admit that Tetkino is under Ukrainian occupation.", ("captured", "UA", "RU", "asserted")),
])
def test_control_named_with_its_side_is_that_sides_gain(text, expected):
    name = next(n for n in ("Hrushivka", "Glushkovo", "Tetkino") if n in text)
    claims = claims_of(text)
    assert {facts(c) for c in on(claims, name)} == {expected}, table(claims)


def test_place_on_a_direction_only_locates():
    claims = claims_of("Russian troops took Ozerne on the Kupiansk direction, the Russian ministry said.")
    assert [c.place.name for c in claims] == ["Ozerne"]


def test_pushing_near_a_place_is_fighting():
    c = on(claims_of("Zelensky said the enemy has been pushing near Novoselivka."), "Novoselivka")[0]
    assert (c.event, c.claimant_side) == ("fighting", "UA")


@pytest.mark.parametrize("text, expected", [
    # the loser speaks: the place is captured by the other side
    ("The Ukrainian command confirmed the loss of Ternivka.", ("captured", "RU", "UA", "asserted")),
    ("Kyiv's army denied Russian reports about the loss of Ternivka.", ("captured", "RU", "UA", "denied")),
    ("The Russian MoD acknowledged the loss of control over Tetkino.", ("captured", "UA", "RU", "asserted")),
])
def test_the_loss_of_a_place_is_its_capture_by_the_other_side(text, expected):
    place = "Tetkino" if "Tetkino" in text else "Ternivka"
    (c,) = on(claims_of(text), place, "captured")
    assert facts(c) == expected


def test_the_loss_of_men_near_a_place_is_no_capture():
    text = "The brigade reported the loss of 40 soldiers near Marivka in the past day."
    assert not on(claims_of(text), "Marivka", "captured")


@pytest.mark.parametrize("text, event", [
    # newswire passive, Russian MoD English, milblogger shorthand, machine-translated hedge
    ("Kupiansk was stormed and taken by Russian troops, the Russian Defence Ministry said.", "captured"),
    ("The settlement of Marivka was encircled and liberated by units of the Tsentr group.", "captured"),
    ("Ternivka was attacked and then captured by our guys, Rybar writes.", "captured"),
    ("Russian forces say Robotyne has been assaulted and fully captured.", "captured"),
])
def test_coordinated_predicates_after_the_place_are_one_event_the_outcome(text, event):
    claims = claims_of(text)
    assert [c.event for c in claims] == [event], table(claims)


def test_the_agent_of_coordinated_passives_is_the_side_that_gains():
    claims = claims_of("The settlement of Marivka was encircled and liberated by units of the Tsentr group.")
    assert [facts(c)[:2] for c in claims] == [("captured", "RU")], table(claims)


def test_coordinated_predicates_before_the_place_are_the_outcome_too():
    claims = claims_of("Russian troops attacked and captured Kupiansk, the ministry said.")
    assert [c.event for c in claims] == ["captured"], table(claims)


def test_a_weak_trigger_coordinated_after_a_strong_one_does_not_swallow_it():
    # "attacked" alone is a weak trigger: the shelling stays the event
    claims = claims_of("Robotyne has been shelled and attacked, the General Staff said.")
    assert [c.event for c in claims] == ["strike"], table(claims)


def test_coordinated_nouns_with_a_modal_stay_hedged():
    claims = claims_of("Kupiansk would also be subjected to assault and capture, Pushilin said.")
    assert [(c.event, c.stance) for c in claims] == [("captured", "hedged")], table(claims)


# --- one clause, one claim: the fighting an outcome took is part of the outcome's claim ---------

@pytest.mark.parametrize("sentence, place, event", [
    ("Russian forces stormed Ternivka and captured the village after heavy fighting, the ministry said.",  # newswire
     "Ternivka", "captured"),
    ("Ukrainian troops counterattacked near Robotyne and encircled an enemy group there, the brigade said.",  # UA official
     "Robotyne", "encircled"),
    ("In the course of fierce battles the assault detachments liberated Ozerne, the Ministry of Defence of the "
     "Russian Federation reported.", "Ozerne", "captured"),                                                # RU official
    ("Russian forces advanced in southern Marivka during continued assaults, the Russian MoD claimed.",      # ISW style
     "Marivka", "advance"),
    ("After two weeks of battles our guys took Sadove, Rybar wrote on Telegram.", "Sadove", "captured"),     # milblogger
])
def test_the_fighting_an_outcome_took_is_not_claimed_again(sentence, place, event):
    from support import claims_of
    assert events_at(sentence, place) == [event]


@pytest.mark.parametrize("text", [
    # another claimant's fighting is a claim of its own
    "Russia said it had captured Ternivka, while Ukraine said fighting for the village continues.",
    # so is fighting told in another sentence
    "Heavy fighting continues near Ternivka, the ministry said. Russian troops captured Ternivka, the ministry said.",
])
def test_fighting_beside_an_outcome_stays_when_it_is_another_statement(text):
    from support import claims_of
    assert sorted(c.event for c in claims_of(text) if c.place.name == "Ternivka") == ["captured", "fighting"]


# --- a later sentence's ending that points back: the fighting told on that mention ended so ---------

@pytest.mark.parametrize("text, place, event", [
    # Ukrainian official English, ordinals
    ("The defence forces struck near Ternivka and Marivka. The first village was captured after a battle, "
     "while the second was taken without resistance.", "Ternivka", "liberated"),
    # newswire, "the village" with a post-posed speaker in both sentences
    ("Russian troops stormed Sadove on Monday, the ministry said. The village was liberated on Friday, "
     "the ministry said.", "Sadove", "captured"),
    # milblogger digest, a pronoun
    ("Our guys went in on Bilohirka at dawn. By noon it was taken.", "Bilohirka", "captured"),
])
def test_fighting_a_later_capture_points_back_to_is_part_of_it(text, place, event):
    assert events_at(text, place) == [event], table(claims_of(text))


@pytest.mark.parametrize("text, place, events", [
    # an advance does not end the fighting for the place: both are claims
    ("Fighting was already under way in Ternivka. According to him, the army took control of the industrial "
     "area.", "Ternivka", ["advance", "fighting"]),
    # nor does a capture told by someone else
    ("Russian troops stormed Sadove on Monday, the ministry said. Ukraine's army said the village was not "
     "taken.", "Sadove", ["captured", "fighting"]),
    # nor one that names the place again (test_fighting_beside_an_outcome_stays_when_it_is_another_statement)
])
def test_fighting_stays_beside_what_does_not_end_it(text, place, events):
    assert sorted(events_at(text, place)) == events, table(claims_of(text))


# --- negated ability is a failed attack; "no threat of" denies; control with an intensifier ----

@pytest.mark.parametrize("sentence", [
    "The occupiers have not been able to take Ternivka, the Ukrainian brigade said.",              # UA official
    "According to the General Staff, Russian troops were not able to break through to Ternivka.",  # newswire
    "Russian forces could not break through to Ternivka, the General Staff said.",
    "The enemy couldn't storm Ternivka for the third week in a row, the 47th Mechanised Brigade wrote on Telegram.",  # milblogger
])
def test_an_attack_the_attacker_could_not_carry_out_is_repelled(sentence):
    c = on(claims_of(sentence), "Ternivka")[0]
    assert (c.event, c.beneficiary, c.claimant_side, c.stance) == ("repelled", "UA", "UA", "asserted"), table(claims_of(sentence))


def test_could_not_before_a_verb_of_knowing_is_still_the_outlets_doubt():
    c = on(claims_of("The capture of Ternivka could not be verified."), "Ternivka")[0]
    assert (c.event, c.stance) == ("captured", "hedged")


@pytest.mark.parametrize("sentence", [
    "There is no threat of encirclement of Marivka, the General Staff said.",
    "There is currently no risk of encirclement for Marivka, a spokesman for the Khortytsia group said.",
])
def test_no_threat_of_an_event_denies_it(sentence):
    c = on(claims_of(sentence), "Marivka", "encircled")[0]
    assert (c.beneficiary, c.stance) == ("RU", "denied")


def test_control_with_an_intensifier_is_still_control():
    c = on(claims_of("Marivka remains under our full control, the General Staff said."), "Marivka")[0]
    assert (c.event, c.beneficiary, c.claimant_side, c.stance) == ("captured", "RU", "UA", "denied")


@pytest.mark.parametrize("sentence", [
    "Ukrainian forces maintain positions in Ternivka, a Ukrainian brigade spokesperson stated.",      # ISW style
    "Our defenders retain their positions near Ternivka, the General Staff said.",                    # UA official
    "The Defence Forces are holding the line at Ternivka, the Khortytsia group said.",                # newswire
])
def test_a_side_keeping_its_positions_holds_the_place(sentence):
    c = on(claims_of(sentence), "Ternivka")[0]
    assert (c.event, c.beneficiary, c.claimant_side) == ("other", "UA", "UA"), table(claims_of(sentence))


@pytest.mark.parametrize("sentence, kept", [
    ("Russian troops captured Ternivka and are moving on Marivka, the ministry said.", None),                # newswire
    ("Units of the Zapad group liberated Ternivka and are now approaching Marivka.", "advance"),            # RU official
    ("Russian forces captured Ternivka and have advanced near Marivka, the ministry said.", "advance"),
])
def test_a_second_predicate_keeps_the_first_ones_event_from_its_places(sentence, kept):
    claims = claims_of(sentence)
    assert on(claims, "Ternivka")[0].event == "captured"
    assert [c.event for c in on(claims, "Marivka")] == ([kept] if kept else []), table(claims)


@pytest.mark.parametrize("sentence, event", [
    ("After taking Ternivka, Russian forces turned towards Marivka, the ministry said.", "captured"),   # newswire
    ("Our guys take Ternivka!!! Glory to the heroes, writes Rybar.", "captured"),                       # milblogger
    ("The enemy is trying to take Ternivka, the General Staff said.", "fighting"),                     # UA official
])
def test_the_present_forms_of_take_capture_a_name_after_them(sentence, event):
    assert events_at(sentence, "Ternivka") == [event], table(claims_of(sentence))


@pytest.mark.parametrize("sentence", [
    "Russian forces aim to take Ternivka by spring, ISW assessed.",
    "Residents take shelter in basements as shelling continues.",
])
def test_take_with_no_capture_gives_none(sentence):
    assert not [c for c in claims_of(sentence) if c.event == "captured"]


@pytest.mark.parametrize("sentence, event", [
    ("Moscow-installed official Denis Pushilin said Russian troops were clearing Ternivka.", "advance"),   # newswire
    ("Our assault units are mopping up Ternivka, writes Rybar.", "advance"),                              # milblogger
    ("Russian troops cleared Ternivka, the ministry said.", "captured"),                                  # done
])
def test_clearing_a_place_under_way_is_an_advance_and_done_a_capture(sentence, event):
    assert [(c.event, c.beneficiary) for c in on(claims_of(sentence), "Ternivka")] == [(event, "RU")]


@pytest.mark.parametrize("sentence, event", [
    ("The enemy carried out 3 attacks on the positions of our units in the area of Ternivka.", "fighting"),  # MT copy
    ("Russian forces launched attacks on Ukrainian defences near Ternivka, ISW reported.", "fighting"),      # ISW style
    ("In the Kupiansk direction, the enemy carried out 3 attacks on the positions of our units in the area "
     "of Ternivka, all attacks were repelled.", "repelled"),                                               # UA official
    ("Russian attacks on Ternivka killed two civilians, the governor said.", "strike"),                    # newswire
])
def test_attacks_on_positions_are_ground_attacks_and_attacks_on_a_place_strikes(sentence, event):
    assert events_at(sentence, "Ternivka") == [event], table(claims_of(sentence))


@pytest.mark.parametrize("text", [
    "Ternivka lies 10 km from Kupiansk. Russian forces captured it on Monday, the ministry said.",        # newswire
    "Russian forces attacked Ternivka, near Kupiansk. The village was captured on Monday, the ministry said.",
])
def test_a_pronoun_points_back_past_a_place_that_only_locates(text):
    claims = claims_of(text)
    assert on(claims, "Ternivka", "captured") and not on(claims, "Kupiansk", "captured"), table(claims)


@pytest.mark.parametrize("text, row", [
    ("Ukrainian troops entered Ternivka. Russia's military had claimed its capture days ago.",     # newswire
     ("captured", "RU", "RU", "asserted")),
    ("Russian forces attacked Ternivka. Kyiv denied its capture on Friday.",                       # UA official
     ("captured", "RU", "UA", "denied")),
    ("Ternivka was besieged for weeks. The General Staff announced its liberation today.",         # MT copy
     ("liberated", "UA", "UA", "asserted")),
])
def test_its_before_an_event_noun_stands_for_the_place_before(text, row):
    claims = [c for c in on(claims_of(text), "Ternivka") if c.stance != "reported" and c.event != "fighting"]
    assert [facts(c) for c in claims if c.claimant_side == row[2]] == [row], table(claims_of(text))


def test_its_before_an_event_noun_with_its_own_place_is_that_place():
    claims = claims_of("Ternivka was shelled. Russia claimed its capture of Marivka.")
    assert not on(claims, "Ternivka", "captured") and on(claims, "Marivka", "captured"), table(claims)


@pytest.mark.parametrize("text", [
    "Ternivka was stormed for weeks. Its capture would open the road to Kupiansk, analysts said.",  # ISW style
    "Russian troops are near Ternivka. Taking it would allow them to shell Kupiansk.",             # milblogger
])
def test_a_pronoun_is_judged_by_the_parse_like_a_name(text):
    """A consequence's subject gives no claim, whether the place is named or a pronoun stands for it."""
    assert not on(claims_of(text), "Ternivka", "captured"), table(claims_of(text))


@pytest.mark.parametrize("sentence", [
    "Russian forces continue to shell Ternivka, the governor said.",            # newswire
    "The enemy will bomb Ternivka again tonight, the Air Force warned.",        # UA official
])
def test_the_base_form_of_a_verb_of_fire_is_a_strike(sentence):
    assert events_at(sentence, "Ternivka") == ["strike"], table(claims_of(sentence))


@pytest.mark.parametrize("sentence", [
    "Kupiansk remains contested. Russian troops claim to control most of the city.",      # newswire
    "The Russians control the northern part of Kupiansk, the General Staff said.",       # UA official
    "Russian forces control part of Kupiansk, DeepState said.",                           # monitor
])
def test_control_of_part_of_a_place_is_an_advance(sentence):
    assert [(c.event, c.beneficiary) for c in on(claims_of(sentence), "Kupiansk") if c.event != "fighting"] == \
        [("advance", "RU")], table(claims_of(sentence))


@pytest.mark.parametrize("sentence, place, beneficiary, stance", [
    ("Ternivka has probably fallen, a Ukrainian officer admitted.", "Ternivka", "RU", "hedged"),    # newswire
    ("Ternivka has fallen, the Russian Defence Ministry said.", "Ternivka", "RU", "asserted"),        # RU official
    ("Tetkino has fallen, Russian bloggers said.", "Tetkino", "UA", "asserted"),                    # a place in Russia
])
def test_a_place_that_has_fallen_went_to_the_side_that_occupies(sentence, place, beneficiary, stance):
    c = on(claims_of(sentence), place)[0]
    assert (c.event, c.beneficiary, c.stance) == ("captured", beneficiary, stance), table(claims_of(sentence))


def test_footage_that_does_not_support_a_claim_hedges_it_for_the_outlet():
    claims = claims_of("Russian sources claimed the capture of Ternivka, but geolocated footage does not support the claim.")
    assert {(c.claimant_side, c.stance) for c in on(claims, "Ternivka")} == {("RU", "asserted"), ("outlet", "hedged")}


def test_losses_in_that_area_are_fighting_at_the_place_named_before():
    text = ("Units of the Yug group liberated Ternivka, the Russian Defence Ministry said. "
            "The Ukrainian army lost up to 190 troops in that area over the past day, the ministry said.")
    assert {c.event for c in on(claims_of(text), "Ternivka")} == {"captured", "fighting"}, table(claims_of(text))


@pytest.mark.parametrize("sentence", [
    "Ternivka is now a grey zone, the brigade said.",                     # UA official
    "The village of Ternivka is in the gray zone, DeepState said.",       # monitor
])
def test_a_grey_zone_is_fought_over(sentence):
    assert events_at(sentence, "Ternivka") == ["fighting"]


@pytest.mark.parametrize("text, places", [
    ("Over the past day, Russian troops attacked our positions: north — near Ternivka, Marivka; east — near Sadove.",
     {"Ternivka", "Marivka", "Sadove"}),                                                            # UA official
    ("The enemy attacked: near Ternivka — 3 times, near Marivka — 5 times.", {"Ternivka", "Marivka"}),  # MT copy
])
def test_the_list_after_an_events_colon_says_where_it_happened(text, places):
    assert {c.place.name for c in claims_of(text) if c.event == "fighting"} == places, table(claims_of(text))


def test_a_locative_clause_with_no_colon_before_it_takes_no_event():
    claims = claims_of("Russian forces captured Ternivka; near Marivka, the situation is calm.")
    assert not on(claims, "Marivka")


def test_a_verbless_list_with_its_own_speaker_is_that_speakers():
    claims = claims_of("Russian troops have captured two more villages. These are Ternivka and Marivka, the Russian "
                       "Defence Ministry said.")
    assert {(c.place.name, c.event, c.claimant_side, c.stance) for c in claims} == \
        {("Ternivka", "captured", "RU", "asserted"), ("Marivka", "captured", "RU", "asserted")}


@pytest.mark.parametrize("sentence, row", [
    ("Ternivka remains ours, the General Staff said.", ("captured", "RU", "UA", "denied")),           # a holding
    ("The situation near Ternivka has stabilised, the General Staff said.", ("other", "UA", "UA", "asserted")),
    ("Ukrainian forces continue to hold the northern part of Ternivka, ISW assessed.", ("other", "UA", "third", "asserted")),
    ("Kyiv says its troops still control the village of Ternivka.", ("captured", "RU", "UA", "denied")),   # "still"
    ("Ukrainian forces retain full control of Ternivka, the General Staff said.", ("other", "UA", "UA", "asserted")),
    ("Russian units have kept control over Ternivka, the ministry in Moscow reported.", ("other", "RU", "RU", "asserted")),
])
def test_holding_and_stabilising_are_no_gain(sentence, row):
    c = on(claims_of(sentence), "Ternivka")[0]
    assert (c.event, c.beneficiary, c.claimant_side, c.stance) == row, table(claims_of(sentence))


@pytest.mark.parametrize("sentence", [
    "Russian troops were driven back from Ternivka, the General Staff said.",        # UA official
    "Ukrainian units drove the enemy back from Ternivka, the brigade said.",         # newswire
])
def test_driven_back_from_a_place_is_a_failed_attack_on_it(sentence):
    c = on(claims_of(sentence), "Ternivka")[0]
    assert (c.event, c.beneficiary) == ("repelled", "UA"), table(claims_of(sentence))


def test_driven_out_of_a_place_is_still_its_liberation():
    c = on(claims_of("The Russians have been knocked out of Ternivka, the General Staff said."), "Ternivka")[0]
    assert (c.event, c.beneficiary) == ("liberated", "UA")


@pytest.mark.parametrize("sentence", [
    "The enemy attacked near Ternivka and was repelled, the General Staff said.",      # UA official
    "Russian troops stormed Ternivka and were beaten back, the brigade said.",          # newswire
    "Russian forces attacked near Ternivka and were unsuccessful.",                     # ISW style
])
def test_an_attack_whose_second_predicate_says_it_failed_is_repelled(sentence):
    assert events_at(sentence, "Ternivka") == ["repelled"], table(claims_of(sentence))


def test_still_controlling_a_place_another_side_claims_denies_that_claim():
    claims = claims_of("Our troops still control Ternivka despite Russian claims, the General Staff said.")
    assert facts(on(claims, "Ternivka")[0]) == ("captured", "RU", "UA", "denied"), table(claims)


def test_where_a_speaker_sits_is_no_antecedent_while_a_topic_place_is_there():
    text = "Russian forces captured Ternivka, the ministry in Kupiansk said. Kyiv said fighting for the village continued."
    claims = claims_of(text)
    assert on(claims, "Ternivka", "fighting") and not on(claims, "Kupiansk"), table(claims)


def test_where_a_speaker_sits_is_the_antecedent_when_nothing_else_is():
    claims = claims_of("Officials in Kupiansk said the town was shelled overnight.")
    assert [c.event for c in on(claims, "Kupiansk")] == ["strike"], table(claims)


@pytest.mark.parametrize("sentence", [
    "Russian troops have broken through Ukrainian defences near Ternivka, according to DeepState.",
    "The enemy breaks through our lines near Ternivka almost daily, the brigade said.",
])
def test_breaking_through_near_a_place_is_an_advance(sentence):
    assert events_at(sentence, "Ternivka") == ["advance"], table(claims_of(sentence))


@pytest.mark.parametrize("sentence, events", [
    ("Ukrainian units regained positions near Ternivka, the brigade said.", ["advance"]),     # UA official
    ("Russian forces seized the initiative near Ternivka.", []),                               # an idiom, no capture
    ("Russian forces seized Ternivka on Tuesday.", ["captured"]),
])
def test_regaining_positions_is_ground_and_seizing_the_initiative_is_none(sentence, events):
    assert events_at(sentence, "Ternivka") == events, table(claims_of(sentence))
