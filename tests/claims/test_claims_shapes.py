"""Sentence shapes from several styles: a locative opening, a bare denial at a sentence's end,
holding back an offensive. Sentences written for these tests."""
import pytest

from support import claims_of, on, table


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
