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
