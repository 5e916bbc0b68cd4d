"""Who speaks: participial clauses that continue a speaker, "the ministry" pointing back, where a
sentence-final attribution ends.  Sentences written for these tests."""
import pytest

import frontmap
from support import claims_of, facts, on, table


@pytest.mark.parametrize("text, speaker", [
    ("Ukraine's army rejected Moscow's claim that Marivka had fallen, saying the village remains in "
     "Ukrainian hands.", "Ukraine's army"),
    ("The Ukrainian General Staff dismissed reports that Ternivka was lost, adding the town remains under "
     "Ukrainian control.", "The Ukrainian General Staff"),
    ("Kyiv denies that Russian units captured Bilohirka, noting that Ukrainian forces continue to hold the "
     "settlement.", "Kyiv"),
])
def test_participial_clause_goes_on_with_the_same_speaker(text, speaker):
    # the owner of a report denied ("Moscow's claim") asserts it, as a claim of its own
    claims = [c for c in claims_of(text) if c.stance != "asserted"]
    assert claims, text
    assert {c.claimant for c in claims} == {speaker}, table(claims)
    assert {(c.event, c.beneficiary, c.stance) for c in claims} == {("captured", "RU", "denied")}


@pytest.mark.parametrize("text", [
    "Pushilin said his forces had taken Zelenivka, claiming Ukrainian units fled toward the west.",
    "Pushilin said his forces had taken Zelenivka, insisting the Ukrainian garrison had run away.",
])
def test_claiming_clause_names_no_new_claimant(text):
    claims = claims_of(text)
    assert [(c.claimant, facts(c)) for c in claims] == [("Pushilin", ("captured", "RU", "RU", "asserted"))]
    assert "claiming" not in claims[0].evidence and "insisting" not in claims[0].evidence


def test_said_x_after_a_saying_clause_still_names_x():
    text = "Russian troops entered Hrushivka, saying nothing of losses, a Ukrainian brigade spokesman said."
    c = on(claims_of(text), "Hrushivka")[0]
    assert (c.claimant_side, c.event) == ("UA", "advance") and "spokesman" in c.claimant


def test_the_ministry_points_back_to_the_last_ministry_not_the_last_speaker():
    text = ("Russia's Defence Ministry said its troops had taken Ozerne. Zelensky said the front was holding. "
            "Sever group units inflicted heavy losses on Ukrainian brigades near Sadove, the ministry said.")
    c = on(claims_of(text), "Sadove")[0]
    assert (c.claimant, c.claimant_side) == ("Russia's Defence Ministry", "RU"), table(claims_of(text))


def test_the_ministry_with_nobody_before_keeps_its_words_and_the_reports_side():
    c = on(claims_of("Units of the Dnepr group inflicted losses on AFU formations near Robotyne, the ministry said."),
           "Robotyne")[0]
    assert (c.claimant, c.claimant_side, c.event, c.beneficiary) == ("the ministry", "RU", "fighting", None)


def test_sentence_final_attribution_ends_where_another_speaker_begins():
    text = ("Russian forces have seized Ozerne, Russia's Defence Ministry said on Friday, while Ukraine's "
            "military said its soldiers were still holding positions there.")
    claims = claims_of(text)
    assert facts(on(claims, "Ozerne", "captured")[0]) == ("captured", "RU", "RU", "asserted")
    held = on(claims, "Ozerne", "other")
    assert held and (held[0].claimant, held[0].claimant_side) == ("Ukraine's military", "UA"), table(claims)


@pytest.mark.parametrize("text", [
    "Units of the Vostok group liberated the village of Sadove - reports the Ministry of Defense of Russia.",
    "The armed forces of Russia have released the village Sadove, reported in the Ministry of Defense of "
    "the Russian Federation.",
])
def test_machine_translated_attribution(text):
    c = on(claims_of(text), "Sadove")[0]
    assert facts(c) == ("captured", "RU", "RU", "asserted")
    assert "Ministry of Defense" in c.claimant


def test_attribution_carries_to_the_next_machine_translated_sentence():
    text = ("Russian troops released the settlement Hrushivka, informs the Ministry of Defense of Russia. "
            "Also the fighters pressed the enemy near Kupiansk.")
    c = on(claims_of(text), "Kupiansk")[0]
    assert (c.event, c.beneficiary, c.claimant_side) == ("advance", "RU", "RU")


@pytest.mark.parametrize("text, side", [
    ("The Russians said they had taken Kurakhove.", "RU"),
    ("Ukrainians claim they pushed the enemy out of Pishchane.", "UA"),
    ("Russians say their troops entered Kurakhove.", "RU"),
])
def test_a_demonym_speaker_has_its_side_and_their_gain_is_its_own(gazetteer, text, side):
    (claim,) = frontmap.extract("date 2025-03-01\n" + text, gazetteer=gazetteer).claims
    assert (claim.claimant_side, claim.beneficiary, claim.stance) == (side, side, "asserted")


def test_ukraines_joint_forces_speak_for_ukraine(gazetteer):
    text = "date 2025-03-01\nThe enemy keeps attacking near Kupiansk, said a spokesman of the Joint Forces."
    (claim,) = frontmap.extract(text, gazetteer=gazetteer).claims
    assert (claim.claimant_side, claim.event) == ("UA", "fighting")


@pytest.mark.parametrize("text, side", [
    ("The Ukrainian General Staff reported 30 clashes on Monday. Russian troops attacked near Sadove and Ozerne.",
     "UA"),                                                                   # UA official summary
    ("The Russian MoD recorded 112 combat engagements. Ukrainian troops attacked near Tetkino.", "RU"),
    ("The Joint Forces Task Force reported some 40 enemy attacks over the past day. The occupiers stormed "
     "Marivka twice.", "UA"),
])
def test_a_tally_of_fighting_opens_an_account_the_next_sentence_goes_on_with(text, side):
    later = text.index(". ") + 2
    claims = [c for c in claims_of(text) if c.evidence_start >= later]
    assert claims and all(c.claimant_side == side for c in claims), table(claims)


def test_a_reported_figure_that_is_no_tally_of_fighting_opens_no_account():
    text = "The ministry reported 30 casualties. Russian troops attacked near Sadove."
    claims = on(claims_of(text), "Sadove")
    assert claims and all(c.claimant_side == "outlet" for c in claims), table(claims)


@pytest.mark.parametrize("first", [
    "Ukraine's General Staff did not comment on Ternivka.",
    "The General Staff of Ukraine has not yet commented on the fate of Ternivka.",
])
def test_it_points_back_to_a_claimant_named_as_subject_though_it_reported_nothing(first):
    text = ("The Russian Defence Ministry said its forces took Ternivka. " + first
            + " It said Ukrainian forces repelled 12 attacks near Robotyne.")
    rows = [r for r in table(claims_of(text)) if r[0] == "Robotyne"]
    assert [(r[3], r[4]) for r in rows] == [("UA", "asserted")], rows


def test_a_claimant_named_inside_a_sentence_is_not_taken_for_its_subject():
    text = ("The Russian Defence Ministry said its forces took Ternivka. Officials in Kyiv met the General Staff. "
            "It said Russian units advanced near Robotyne.")
    rows = [r for r in table(claims_of(text)) if r[0] == "Robotyne"]
    assert rows and all(r[3] == "RU" for r in rows), rows


def test_a_state_named_in_the_headline_for_its_ministry_is_one_statement():
    text = ("Russia says it captured Ternivka\n\n"
            "The Russian Defence Ministry said on Thursday its forces had captured the village of Ternivka.")
    assert [(r[2], r[4]) for r in table(claims_of(text))] == [("The Russian Defence Ministry", "asserted")]


def test_a_state_and_a_person_claiming_the_same_are_two_statements():
    text = "Russia says it captured Ternivka.\n\nPushilin said Russian forces had captured Ternivka."
    assert len(table(claims_of(text))) == 2


@pytest.mark.parametrize("text, side", [
    ("In a Telegram post, the 3rd Assault Brigade wrote that its units had liberated Ternivka.", "UA"),
    ("A spokesman for the 65th Mechanized Brigade said Russian attacks near Ternivka had been repelled.", "UA"),
    ("The 1st Guards Tank Army reported that its units had taken Ternivka.", "RU"),
    ("The 810th Naval Infantry Brigade said it had pushed into Ternivka.", "RU"),
])
def test_a_unit_named_the_way_one_side_names_its_units_speaks_for_that_side(text, side):
    assert {r[3] for r in table(claims_of(text))} == {side}


def test_a_governor_speaks_for_the_side_that_holds_the_place_not_always_for_ukraine():
    rows = table(claims_of("Ukrainian shelling hit Tetkino, governor Ivan Petrenko said."))
    assert [(r[1], r[3]) for r in rows] == [("strike", "RU")], rows
    rows = table(claims_of("Russian shelling hit Kupiansk, the governor said."))
    assert [(r[1], r[3]) for r in rows] == [("strike", "UA")], rows


@pytest.mark.parametrize("text, speaker, side", [
    ("On Tuesday, Russian troops, the ministry said, took Ternivka.", "the ministry", "RU"),
    ("Ternivka, the Russian ministry claims, has been captured.", "the Russian ministry", "RU"),
    ("Ternivka – according to the General Staff – remains under Ukrainian control.", "the General Staff", "UA"),
    ("Russian forces – according to Rybar – have entered Ternivka.", "Rybar", "RU"),
    ("Russian forces have entered Ternivka (according to Rybar).", "Rybar", "RU"),       # brackets close the name
    ("Russian forces took Ternivka (per the Russian MoD).", "Russian MoD", "RU"),
])
def test_a_parenthetical_attribution_covers_the_whole_sentence(text, speaker, side):
    rows = table(claims_of(text))
    assert rows and all((r[2], r[3]) == (speaker, side) for r in rows), rows


def test_a_negation_inside_a_nested_account_is_denied_by_both_speakers():
    rows = table(claims_of("Zelensky said that, according to Syrskyi, Russian troops had not taken Kupiansk."))
    assert sorted((r[2], r[4]) for r in rows) == [("Syrskyi", "denied"), ("Zelensky", "denied")], rows


def test_a_judgement_on_a_nested_account_is_the_outer_speakers_denial():
    text = "“The claims of the Russian ministry that it captured Kupiansk are false,” the spokesman said."
    assert [(r[2], r[4]) for r in table(claims_of(text))] == [("the spokesman", "denied")]


@pytest.mark.parametrize("first, later, role", [
    ("The 3rd Assault Brigade said its units held their positions near Kupiansk.",
     "Russian forces hit Hrushivka with glide bombs overnight, the regional governor said.", "governor"),
    ("Russia's Defence Ministry said its troops had taken Ozerne.",
     "Ukrainian drones struck Glushkovo overnight, the governor said.", "governor"),
    ("The General Staff reported 120 clashes along the front.",
     "Russian forces shelled Sadove again, the mayor said.", "mayor"),
    ("Russian forces are likely to keep attacking Kupiansk, the analyst said.",
     "Troops moved from the south are now fighting near Ternivka, the commander said.", "commander"),
])
def test_a_role_does_not_point_back_to_a_speaker_of_another_role(first, later, role):
    claims = claims_of(f"{first} {later}", date="2025-03-01")
    last = [c for c in claims if c.evidence_start > len(first)]
    assert last and all(c.claimant.split()[-1] == role for c in last), table(claims)


@pytest.mark.parametrize("first, later, who", [
    ("The 3rd Assault Brigade said its units repelled an attack near Kupiansk.",
     "Russian troops also attacked near Sadove, the spokesman said.", "Brigade"),          # a body's spokesman
    ("Commander Oleksandr Syrskyi said the defence of Kupiansk holds.",
     "Russian troops attacked near Sadove, the commander said.", "Syrskyi"),                # the same role
    ("Syrskyi said the defence of Kupiansk holds.",
     "Russian troops attacked near Sadove, the commander added.", "Syrskyi"),               # a person named before
])
def test_a_role_points_back_to_the_speaker_it_can_be(first, later, who):
    claims = claims_of(f"{first} {later}", date="2025-03-01")
    c = on(claims, "Sadove")[0]
    assert who in c.claimant, table(claims)


def test_a_role_owned_by_a_body_points_back_only_to_that_body():
    text = ("Peskov said Russian forces had seized Ozerne. "
            "Asked about Sadove, the brigade's spokesman said fighting continues there.")
    c = on(claims_of(text, date="2025-03-01"), "Sadove")[0]
    assert c.claimant == "the brigade's spokesman", table(claims_of(text, date="2025-03-01"))


@pytest.mark.parametrize("text, who", [
    ("Speaking in Kupiansk, Zelensky said Russian forces attacked near Sadove.", "Zelensky"),          # newswire
    ("Addressing reporters in Moscow on Monday, Peskov said Russian forces had seized Sadove.", "Peskov"),
    ("Commenting on the situation, the spokesman of the Khortytsia group said Russian troops entered Sadove.",
     "the spokesman of the Khortytsia group"),                                                       # UA official
    ("Asked about Ozerne, the ministry said Russian troops took Sadove.", "the ministry"),            # MT copy
])
def test_a_fronted_participle_clause_is_not_part_of_the_speaker(text, who):
    c = on(claims_of(text, date="2025-03-01"), "Sadove")[0]
    assert c.claimant == who, table(claims_of(text, date="2025-03-01"))


@pytest.mark.parametrize("text, who", [
    ("The enemy could take Sadove within days, the expert believes.", "the expert"),                     # newswire
    ("Russian troops could soon reach Sadove, military analyst Ivan Petrenko told the agency.", "Ivan Petrenko"),
    ("Over the past day, the General Staff said, the enemy may have entered Sadove.", "the General Staff"),
])
def test_a_content_hedge_stays_with_the_speaker_the_parse_finds(text, who):
    c = on(claims_of(text, date="2025-03-01"), "Sadove")[0]
    assert (c.claimant, c.stance) == (who, "hedged"), table(claims_of(text, date="2025-03-01"))


def test_the_outlets_own_doubt_keeps_a_hedged_claim_the_outlets():
    text = "Russian troops took Sadove, the ministry said; this could not be independently verified."
    claims = claims_of(text, date="2025-03-01")
    assert ("outlet", "hedged") in {(c.claimant_side, c.stance) for c in on(claims, "Sadove")}, table(claims)


# --- a relative clause before a sentence-final attribution is the speaker's ---------------------

@pytest.mark.parametrize("sentence, speaker", [
    ("Russian troops advanced near Marivka, where fighting continues, the General Staff said.",          # UA official
     "the General Staff"),
    ("Fierce battles are under way for Marivka, where the enemy has advanced slightly, a brigade spokesman "
     "told Reuters.", "a brigade spokesman"),                                                              # newswire
    ("Units of the Yug group improved their positions near Marivka, where AFU attacks were repelled, "
     "the Russian Defence Ministry reported.", "the Russian Defence Ministry"),                              # RU official
    ("Russian forces attacked near Marivka, where they recently advanced, according to the Ukrainian "
     "General Staff.", "the Ukrainian General Staff"),                                                      # ISW style
])
def test_a_where_clause_before_a_closing_attribution_is_the_speakers(sentence, speaker):
    from support import claims_of
    claims = [c for c in claims_of(sentence) if c.place.name == "Marivka"]
    assert len(claims) >= 2 and {c.claimant for c in claims} == {speaker}, \
        [(c.event, c.claimant) for c in claims]


def test_a_where_clause_after_the_speakers_verb_stays_the_outlets_background():
    from support import claims_of
    claims = claims_of("The General Staff said its troops repelled an attack near Marivka, where Russian "
                       "forces have shelled homes for months.")
    assert {(c.event, c.claimant_side) for c in claims if c.place.name == "Marivka"} == \
        {("repelled", "UA"), ("strike", "outlet")}


# --- the owner of a report denied asserts it ----------------------------------------------------

@pytest.mark.parametrize("text, denier, owner", [
    ("Ukraine has denied Russia's claim to have captured Ternivka.", "Ukraine", "Russia"),                      # newswire
    ("The General Staff rejected the Russian Defence Ministry's statement about the capture of Ternivka.",
     "The General Staff", "the Russian Defence Ministry"),                                                  # UA official
    ("Kyiv dismissed claims by Wagner that Ternivka had fallen.", "Kyiv", "Wagner"),
    ("The so-called liberation of Ternivka announced by the Russian MoD is a fake, said the spokesman of "
     "the Khortytsia group.", "the spokesman of the Khortytsia group", "Russian MoD"),                       # MT copy
    ("Syrskyi rejected Gerasimov's claims about the capture of Ternivka.", "Syrskyi", "Gerasimov"),
])
def test_the_owner_of_a_denied_report_asserts_it(text, denier, owner):
    rows = {(c.claimant, c.claimant_side, c.stance) for c in claims_of(text)
            if c.place.name == "Ternivka" and (c.event, c.beneficiary) == ("captured", "RU")}
    assert rows == {(denier, "UA", "denied"), (owner, "RU", "asserted")}, rows


def test_a_pronoun_in_the_owners_claim_is_the_owner():
    rows = {(c.claimant, c.stance, c.beneficiary) for c in claims_of("Kyiv denied Moscow's claim that it took Ternivka.")}
    assert rows == {("Kyiv", "denied", "RU"), ("Moscow", "asserted", "RU")}, rows
    assert {(c.claimant, c.beneficiary) for c in claims_of("Kyiv denied that it had withdrawn from Ternivka.")} == \
        {("Kyiv", "RU")}


def test_a_report_the_outlet_calls_false_is_still_its_owners_claim():
    rows = [(c.claimant, c.claimant_side, c.event, c.beneficiary, c.stance)
            for c in claims_of("The so-called liberation of Ternivka announced by the Russian MoD is a fake.")]
    assert rows == [("Russian MoD", "RU", "captured", "RU", "asserted")]


# --- a claim reported inside a speaker's words, and called false there -------------------------

@pytest.mark.parametrize("text, teller, owner", [
    ("The General Staff said the occupiers claim to have captured Ternivka.", None, "the occupiers"),     # UA official
    ("The General Staff said the enemy claims to have captured Ternivka, which is not true.",
     "The General Staff", "the enemy"),
    ("The enemy is bragging about capturing Ternivka, but this is not true, the General Staff said.",     # UA official
     "the General Staff", "The enemy"),
    ("Russian sources claim to have taken Ternivka, the Ukrainian General Staff said, calling it a lie.",  # newswire
     "the Ukrainian General Staff", "Russian sources"),
    ("The Russians claim they have taken Ternivka, which is a lie, the spokesman of the Khortytsia group told "
     "the Kyiv Independent.", "the spokesman of the Khortytsia group", "The Russians"),                      # newswire
])
def test_a_claim_told_inside_another_speakers_words_is_its_owners(text, teller, owner):
    rows = {(c.claimant, c.claimant_side, c.stance) for c in claims_of(text)
            if c.place.name == "Ternivka" and (c.event, c.beneficiary) == ("captured", "RU")}
    assert (owner, "RU", "asserted") in rows, rows
    assert rows - {(owner, "RU", "asserted")} == ({(teller, "UA", "denied")} if teller else set()), rows


def test_a_claim_the_teller_does_not_call_false_stays_the_owners_alone():
    rows = {(c.claimant, c.stance) for c in claims_of("The brigade said the Russians claim to have taken Ternivka.")}
    assert rows == {("the Russians", "asserted")}, rows


def test_a_report_noun_with_an_infinitive_is_still_a_noun():
    rows = {(c.claimant, c.stance) for c in claims_of("Kyiv rejected the claim to have taken Ternivka, the brigade said.")}
    assert ("the claim", "asserted") not in rows and not any(c.startswith("the claim") for c, _ in rows), rows


@pytest.mark.parametrize("text, speaker", [
    ("The governor of Kharkiv Oblast said Russian troops shelled Kupiansk.", "The governor of Kharkiv Oblast"),
    ("Drone unit commander Oleh Marchenko said Russian troops shelled Kupiansk.", "Oleh Marchenko"),
])
def test_a_role_of_a_named_body_is_not_shown_as_the_body(text, speaker):
    assert {c.claimant for c in claims_of(text)} == {speaker}


@pytest.mark.parametrize("text, speaker", [
    ("The Russian Defence Ministry issued a statement on Monday. The statement said Russian forces had captured "
     "Ternivka.", "The Russian Defence Ministry"),                                                       # newswire
    ("ISW published its daily report. The report said Russian forces advanced near Ternivka.", "ISW"),   # ISW style
    ("Syrskyi spoke on Telegram. He further noted that Ukrainian troops had repelled attacks near Ternivka.", "Syrskyi"),
    ("The General Staff's morning report said Russian troops attacked near Ternivka.", "The General Staff"),
    ("Rybar's latest post says Russian troops entered Ternivka.", "Rybar"),                              # milblogger
])
def test_a_document_or_a_pronoun_speaks_for_who_issued_it(text, speaker):
    assert {c.claimant for c in claims_of(text) if c.place.name == "Ternivka"} == {speaker}, table(claims_of(text))


@pytest.mark.parametrize("text, side", [
    ("Ukrainian forces have been pushed back from their positions near Ternivka, the commander admitted.", "UA"),
    ("The commander acknowledged that Russian troops had entered Ternivka.", "UA"),                 # newswire
    ("Russian forces captured Ternivka, the commander said.", "RU"),                                # a gain told: its side
])
def test_a_speaker_with_no_side_who_admits_a_setback_is_of_the_side_that_lost(text, side):
    (c,) = [c for c in claims_of(text) if c.place.name == "Ternivka"]
    assert (c.beneficiary, c.claimant_side) == ("RU", side), table(claims_of(text))


@pytest.mark.parametrize("text", [
    "Ukraine has not lost Ternivka, Syrskyi said.",                       # newswire
    "Ukrainian troops did not lose Ternivka, Syrskyi said.",
])
def test_the_subject_of_a_loss_is_no_gainer(text):
    (c,) = [c for c in claims_of(text) if c.place.name == "Ternivka"]
    assert (c.event, c.beneficiary, c.claimant_side, c.stance) == ("captured", "RU", "UA", "denied"), table(claims_of(text))


def test_no_soldier_having_entered_denies_the_advance():
    (c,) = claims_of("No Russian soldier has entered Ternivka, the General Staff said.")
    assert (c.event, c.stance) == ("advance", "denied")


def test_contrary_to_claims_under_a_closing_attribution_the_speaker_denies_and_the_claims_assert():
    rows = {(c.claimant, c.claimant_side, c.stance) for c in
            claims_of("Ternivka has not been captured, contrary to Russian claims, the General Staff said.")}
    assert rows == {("the General Staff", "UA", "denied"), ("Russian sources", "RU", "asserted")}, rows


@pytest.mark.parametrize("text, speaker", [
    ("Ternivka resident Olena, 54, said Russian troops shelled the village every day.", "Ternivka resident Olena"),
    ("Local residents said fighting continued near Ternivka.", "Local residents"),
])
def test_residents_and_witnesses_are_speakers(text, speaker):
    assert {c.claimant for c in claims_of(text) if c.place.name == "Ternivka"} == {speaker}


@pytest.mark.parametrize("text, row", [
    ("Russian forces, according to Ukrainian officials, have captured Ternivka.",                 # newswire
     ("captured", "RU", "Ukrainian officials", "UA")),
    ("Russian forces have, according to Ukraine's General Staff, captured Ternivka.",
     ("captured", "RU", "Ukraine's General Staff", "UA")),
    ("Ukrainian forces, according to the Khortytsia group, have liberated Ternivka.",            # UA official
     ("liberated", "UA", "the Khortytsia group", "UA")),
])
def test_an_according_to_parenthesis_between_subject_and_verb_keeps_the_subject_the_actor(text, row):
    (c,) = [c for c in claims_of(text) if c.place.name == "Ternivka"]
    assert (c.event, c.beneficiary, c.claimant, c.claimant_side) == row, table(claims_of(text))


@pytest.mark.parametrize("text", [
    "As Ukraine's army reported, Russian forces failed to take Ternivka.",      # lead
    "Russian forces failed to take Ternivka, as Ukraine's army reported.",      # tail
])
def test_as_x_reported_names_the_speaker_before_or_after(text):
    (c,) = [c for c in claims_of(text) if c.place.name == "Ternivka"]
    assert (c.event, c.claimant, c.claimant_side) == ("repelled", "Ukraine's army", "UA")


@pytest.mark.parametrize("text", [
    "Ukrainian forces have not withdrawn from Marivka, contrary to Russian claims, the brigade said.",   # newswire
    "Ukrainian troops did not pull out of Marivka, the battalion commander said.",                      # UA official
])
def test_a_speaker_of_no_named_side_denying_a_pull_back_is_of_the_side_said_to_pull_back(text):
    claims = [c for c in claims_of(text) if c.stance == "denied"]
    assert [(c.event, c.claimant_side) for c in claims] == [("withdrawal", "UA")], table(claims)


@pytest.mark.parametrize("text", [
    "Russia and Ukraine both reported fighting near Marivka on Sunday.",            # newswire
    "Moscow and Kyiv say fighting continues near Marivka.",
    "Russian and Ukrainian sources report clashes near Marivka.",                   # milblogger digest
])
def test_a_speaker_that_names_both_sides_is_third(text):
    claims = claims_of(text)
    assert [c.claimant_side for c in claims] == ["third"], table(claims)


def test_one_side_speaking_of_the_other_keeps_its_own_side():
    claims = claims_of("Ukraine's General Staff said Russian forces attacked near Marivka.")
    assert [c.claimant_side for c in claims] == ["UA"], table(claims)


@pytest.mark.parametrize("text", [
    # Russian official English on the wire, a paragraph a sentence
    "Units of the Center group liberated Marivka, the Russian Defence Ministry reported.\n\n"
    "Besides, units of the West group improved their tactical position near Kupiansk.",
    "The Russian Defence Ministry reported that its units liberated Marivka.\n\n"
    "In addition, units of the West group improved their tactical position near Kupiansk.",
])
def test_a_paragraph_that_goes_on_with_the_account_keeps_its_speaker(text):
    claims = claims_of(text)
    assert {c.claimant_side for c in claims} == {"RU"} and len(claims) == 2, table(claims)


def test_a_paragraph_without_such_words_is_the_outlets_again():
    claims = claims_of("Units of the Center group liberated Marivka, the Russian Defence Ministry reported.\n\n"
                       "Fighting continues near Kupiansk.")
    assert [c.claimant_side for c in claims if c.place.name == "Kupiansk"] == ["outlet"], table(claims)


@pytest.mark.parametrize("text, speaker", [
    ("Ukrainian defenders repelled 23 attacks near Marivka. This was reported by the General Staff of the Armed "
     "Forces of Ukraine in its update as of 08:00 on Friday.", "the General Staff of the Armed Forces of Ukraine"),
    ("Syrskyi in his evening address said Ukrainian forces repelled attacks near Marivka.", "Syrskyi"),
])
def test_where_a_speaker_said_it_is_no_part_of_the_speakers_name(text, speaker):
    assert [c.claimant for c in claims_of(text)] == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ('Russian detachments have entered Marivka, writes the Russian channel "Two Majors".',
     'the Russian channel "Two Majors"'),
    ("Russian detachments have entered Marivka, reports the Telegram channel «Rybar».", "the Telegram channel «Rybar»"),
])
def test_a_post_posed_speaker_may_end_with_a_quoted_name(text, speaker):
    assert [(c.claimant, c.claimant_side) for c in claims_of(text)] == [(speaker, "RU")]


@pytest.mark.parametrize("text, second", [
    # newswire: a second reporting verb of the same subject
    ("Ukraine's military said fighting was continuing in Marivka and denied that the village had fallen.",
     ("captured", "RU", "denied")),
    ("Ukraine's military said fighting was continuing in Marivka, but later admitted that the village had fallen.",
     ("captured", "RU", "asserted")),
])
def test_a_coordinated_reporting_verb_keeps_the_subject_and_ends_the_first_verbs_words(text, second):
    claims = [c for c in claims_of(text) if c.place.name == "Marivka"]
    facts_ = {(c.event, c.beneficiary, c.stance) for c in claims}
    assert ("fighting", None, "asserted") in facts_ and second in facts_, table(claims)
    assert {c.claimant for c in claims} == {"Ukraine's military"}, table(claims)


@pytest.mark.parametrize("text", [
    "The press service of the Zaporizhzhia OTU reported: the enemy carried out 3 unsuccessful attacks near Sadove.",
    "The Luhansk operational-strategic grouping said Russian troops were repelled near Sadove.",
])
def test_a_ukrainian_operational_grouping_speaks_for_ukraine(text):
    c = on(claims_of(text, date="2025-03-01"), "Sadove")[0]
    assert (c.event, c.claimant_side, c.beneficiary) == ("repelled", "UA", "UA"), table(claims_of(text))


@pytest.mark.parametrize("text", [
    "Russian claims that Robotyne has fallen are untrue, Tavria said.",                         # newswire
    "Russian reports that Robotyne has fallen do not correspond to reality, Tavria said.",      # UA official
    "Tavria reported that Russian attacks near Robotyne were repelled.",
])
def test_a_registered_speaker_named_like_a_village_still_speaks(extract, text):
    """The gazetteer holds a village under the grouping's name: in speaker position it is the speaker."""
    claims = [c for c in extract(text).claims if c.place.name == "Robotyne"]
    assert [(c.claimant, c.claimant_side) for c in claims] == [("Tavria", "UA")], \
        [(c.place.name, c.event, c.claimant, c.stance) for c in claims]
    assert claims[0].stance == ("asserted" if "repelled" in text else "denied")


@pytest.mark.parametrize("text, who, side", [
    ("TASS quoted Denis Pushilin as saying Russian forces had taken Sadove.", "Denis Pushilin", "RU"),     # newswire
    ("Ukrainska Pravda quoted the brigade's spokesman as saying that Russian assaults near Sadove were repelled.",
     "the brigade's spokesman", "UA"),
])
def test_the_one_quoted_as_saying_is_the_speaker(text, who, side):
    c = on(claims_of(text, date="2025-03-01"), "Sadove")[0]
    assert (c.claimant, c.claimant_side) == (who, side), table(claims_of(text))


@pytest.mark.parametrize("text, side, event", [
    ("Russia claims control of Sadove.", "RU", "captured"),                              # newswire
    ("Ukraine claimed control over Sadove, the brigade said.", "UA", "liberated"),
])
def test_claiming_control_of_a_place_is_the_claimants_capture(text, side, event):
    c = on(claims_of(text, date="2025-03-01"), "Sadove")[0]
    assert (c.event, c.claimant_side, c.beneficiary) == (event, side, side), table(claims_of(text))
