"""Pronoun and possessive speakers: "he said", "its spokesman said", "We repelled ...".  Sentences written
for these tests, in newswire, official and machine-translated styles."""
import pytest
from support import claims_of, on, table


@pytest.mark.parametrize("text, who, side", [
    # a quotation later in the paragraph, whose speaker the sentence before it named
    ('Ternivka has not been captured, the Ukrainian army said. "Ternivka is holding," its spokesman said. '
     '"The enemy attacked near Kupiansk," its spokesman added.', "the Ukrainian army", "UA"),
    ("The Russian ministry said its forces were advancing. Its spokesman said Russian troops took Ternivka.",
     "The Russian ministry", "RU"),
    ("The Khortytsia group said Russian attacks failed. Their press service added that Russian troops attacked "
     "Kupiansk.", "The Khortytsia group", "UA"),
])
def test_its_role_speaks_for_the_body_last_named(text, who, side):
    last = claims_of(text)[-1]
    assert (last.claimant, last.claimant_side) == (who, side), table(claims_of(text))


@pytest.mark.parametrize("text, who, side", [
    ('Shoigu visited the front on Tuesday. "Our troops have liberated Ternivka," he told the soldiers.',
     "Shoigu", "RU"),
    ('The ministry said Russian forces attacked Kupiansk. Zelensky met soldiers in Kharkiv on Monday. '
     '"We repelled the enemy near Ternivka," he said.', "Zelensky", "UA"),
])
def test_he_points_to_the_person_the_sentences_before_name(text, who, side):
    claims = on(claims_of(text), "Ternivka")
    assert [(c.claimant, c.claimant_side) for c in claims] == [(who, side)], table(claims)


def test_a_person_named_inside_a_quotation_is_no_antecedent():
    text = '"Shoigu lies," Zelensky said. "Our forces repelled an attack near Ternivka," he added.'
    claims = on(claims_of(text), "Ternivka")
    assert [(c.claimant, c.claimant_side) for c in claims] == [("Zelensky", "UA")], table(claims)


@pytest.mark.parametrize("text", [
    'Syrskyi said: "Russian forces attacked Kupiansk. We repelled them near Ternivka."',
    'Syrskyi said Russian forces attacked Kupiansk. "We repelled them near Ternivka," he said.',
])
def test_we_opening_a_sentence_is_the_speakers_side(text):
    claims = on(claims_of(text), "Ternivka")
    assert [(c.event, c.beneficiary, c.claimant_side) for c in claims] == [("repelled", "UA", "UA")], table(claims)


@pytest.mark.parametrize("text, who, side", [
    ("Russian milbloggers repeated the claim that Ternivka had been taken.", "Russian milbloggers", "RU"),
    ("The Russian MoD made the claim that its forces captured Ternivka.", "The Russian MoD", "RU"),     # newswire
    ("Russian sources spread reports that Ternivka had been captured.", "Russian sources", "RU"),      # ISW
    ("Pushilin voiced the claim that Ternivka was liberated.", "Pushilin", "RU"),                      # machine-translated
])
def test_a_verb_with_a_report_noun_for_its_object_reports_for_its_subject(text, who, side):
    claims = on(claims_of(text), "Ternivka")
    assert [(c.claimant, c.claimant_side, c.stance) for c in claims] == [(who, side, "asserted")], table(claims)


def test_a_report_noun_without_that_clause_is_no_reporting_verb():
    claims = on(claims_of("The ministry published reports on the fighting. Russian troops took Ternivka."), "Ternivka")
    assert [c.claimant_side for c in claims] == ["outlet"], table(claims)


@pytest.mark.parametrize("text, who, side", [
    ("According to the data of the Russian Ministry of Defense, units liberated Ternivka.",     # machine-translated
     "the Russian Ministry of Defense", "RU"),
    ("According to the estimates of DeepState, Russian troops advanced near Ternivka.", "DeepState", "UA"),
    ("According to information from Rybar, Russian troops entered Ternivka.", "Rybar", "RU"),   # milblogger digest
    ("According to Rybar's information, Russian troops entered Ternivka.", "Rybar", "RU"),
    ("The report of the General Staff said Russian troops attacked Ternivka.", "the General Staff", "UA"),
])
def test_the_information_of_a_source_is_that_sources_claim(text, who, side):
    claims = on(claims_of(text), "Ternivka")
    assert [(c.claimant, c.claimant_side) for c in claims] == [(who, side)], table(claims)


@pytest.mark.parametrize("text", [
    "Russian sources have not yet claimed the seizure of Ternivka.",                   # ISW
    "The Russian MoD did not claim the capture of Ternivka.",
    "Moscow has not officially announced the capture of Ternivka.",                    # newswire
    "Russian milbloggers have not claimed any advances near Ternivka.",
    "Russian forces attacked Kupiansk, but the ministry did not say whether Ternivka fell.",
])
def test_a_negated_claim_verb_makes_no_claim(text):
    assert on(claims_of(text), "Ternivka") == [], table(claims_of(text))


@pytest.mark.parametrize("text, stance", [
    ("The Russian MoD claimed the capture of Ternivka.", "asserted"),
    ("Kyiv did not confirm the loss of Ternivka.", "hedged"),          # not confirming is a doubt, as before
])
def test_claim_verbs_not_negated_and_negated_doubts_keep_their_claims(text, stance):
    assert [c.stance for c in on(claims_of(text), "Ternivka")] == [stance], table(claims_of(text))


@pytest.mark.parametrize("text, first, second", [
    ("While Moscow claims to control Ternivka, Kyiv says its troops hold most of Ternivka.",
     ("Moscow", "RU", "captured"), ("Kyiv", "UA", "other")),
    ("Although Moscow says it took Ternivka, Ukrainian officials say fighting continues in Ternivka.",
     ("Moscow", "RU", "captured"), ("Ukrainian officials", "UA", "fighting")),
])
def test_a_fronted_subordinate_clause_is_no_part_of_the_next_speaker(text, first, second):
    claims = on(claims_of(text), "Ternivka")
    assert [(c.claimant, c.claimant_side, c.event) for c in claims] == [first, second], table(claims)


@pytest.mark.parametrize("text", [
    "Moscow first claimed the capture of Ternivka in November, a claim Kyiv has repeatedly dismissed.",
    "Moscow claimed the capture of Ternivka, a claim Kyiv has publicly rejected.",
])
def test_a_claim_and_the_denial_an_appositive_adds_are_both_kept(text):
    claims = on(claims_of(text), "Ternivka")
    assert sorted((c.claimant, c.stance) for c in claims) == [("Kyiv", "denied"), ("Moscow", "asserted")], table(claims)


def test_an_outlet_citing_a_source_for_the_sentence_before_gives_it_to_that_source():
    text = "Over the past day, the enemy attacked near Ternivka 8 times. Ukrinform reports this with reference to " \
           "the General Staff."                                                              # UA outlet style
    claims = on(claims_of(text), "Ternivka")
    assert [(c.claimant, c.claimant_side) for c in claims] == [("the General Staff", "UA")], table(claims)


def test_the_statement_reads_points_back_to_the_last_speaker():
    text = "The Khortytsia group said the situation was difficult. Over the past day, 15 combat engagements took " \
           "place near Ternivka, the statement reads."                                       # machine-translated
    claims = on(claims_of(text), "Ternivka")
    assert [(c.claimant, c.claimant_side, c.event) for c in claims] == [("The Khortytsia group", "UA", "fighting")], \
        table(claims)


@pytest.mark.parametrize("text, who, side", [
    ("Syrskyi's deputy, Ivan Petrenko, said Russian troops attacked Ternivka.", "Ivan Petrenko", "UA"),
    ("Zelensky's office said Russian troops attacked Ternivka.", "Zelensky's office", "UA"),     # newswire
])
def test_a_persons_aide_or_office_speaks_for_the_persons_side(text, who, side):
    claims = on(claims_of(text), "Ternivka")
    assert [(c.claimant, c.claimant_side) for c in claims] == [(who, side)], table(claims)


def test_he_after_a_named_person_is_that_person_not_one_named_in_his_sentence():
    text = "Syrskyi's deputy, Ivan Petrenko, said Russian troops attacked Kupiansk. " \
           "\"We repelled them near Ternivka,\" he said."
    claims = on(claims_of(text), "Ternivka")
    assert [c.claimant for c in claims] == ["Ivan Petrenko"], table(claims)


def test_their_commander_after_troops_is_not_the_last_speakers():
    text = "The Russian ministry said its forces took Sosnivka. Ukrainian troops repelled an attack near Kupiansk. " \
           "Their commander said Russian troops attacked Ternivka again."
    claims = on(claims_of(text), "Ternivka")
    assert [c.claimant_side for c in claims] != ["RU"], table(claims)


@pytest.mark.parametrize("text", [
    "As a result of the enemy strike on Ternivka, a woman was injured, reports the head of the OVA.",  # machine-translated
    "Russian troops are trying to surround Ternivka, but our defenders are holding the line, the spokesman assures.",
])
def test_ukrainian_administrations_and_assurances_speak_for_ukraine(text):
    claims = on(claims_of(text), "Ternivka")
    assert claims and all(c.claimant_side == "UA" for c in claims), table(claims)


def test_a_verb_after_but_with_no_subject_is_the_silent_speakers_and_speaks():
    claims = on(claims_of("Zelensky did not say when, but said Ukrainian forces had withdrawn from Ternivka."),
                "Ternivka")
    assert [(c.claimant, c.event, c.stance) for c in claims] == [("Zelensky", "withdrawal", "asserted")], table(claims)


@pytest.mark.parametrize("text, outer", [
    ("Ternivka, which Russia claimed to have captured last week, remains under Ukrainian control, the brigade said.",
     ("the brigade", "UA", "captured", "denied")),                                          # newswire
    ("Ternivka, which Russia claims to have captured, is still contested, according to Ukrainian sources.",
     ("Ukrainian sources", "UA", "fighting", "asserted")),                                   # ISW-like
])
def test_a_claim_in_a_relative_clause_is_its_speakers_and_the_predicate_after_it_is_not(text, outer):
    claims = on(claims_of(text), "Ternivka")
    got = sorted((c.claimant, c.claimant_side, c.event, c.stance) for c in claims)
    assert got == sorted([("Russia", "RU", "captured", "asserted"), outer]), table(claims)
