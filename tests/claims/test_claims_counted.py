"""Counted settlements the report names (claims/counted.py): an advance at an oblast made from
"two villages in Y region" is left out where the report names as many settlements of Y changing
hands for the same side; an open count, another oblast, too few names, a denial stay.
Sentences written for these tests, in several styles."""
import pytest
from support import claims_of, on, table


@pytest.mark.parametrize("text", [
    # newswire
    "Russia said on Tuesday its forces had captured two villages in Donetsk region. The defence ministry "
    "said Russian troops took Marivka and Ternivka.",
    # Russian official English
    "Units of the Yug group of forces liberated two settlements in Donetsk region. The Russian Defence "
    "Ministry said Russian forces liberated Marivka and Ternivka.",
    # a headline over a monitor's report (the outlet's own summary)
    "Ukrainian forces withdraw from three settlements in Donetsk region\n\nUkrainian troops withdrew from "
    "Marivka, Zelenivka and Ternivka, the General Staff said.",
    # milblogger digest, one village
    "Russian assault groups took a village in Donetsk region, Russian milbloggers claim. Per Russian "
    "milbloggers, Russian troops captured Bilohirka.",
])
def test_an_oblast_advance_whose_settlements_the_report_names_is_left_out(text):
    claims = claims_of(text)
    assert not on(claims, "Donetsk region"), table(claims)
    assert any(c.place.kind == "settlement" for c in claims), table(claims)


@pytest.mark.parametrize("text", [
    # ISW style: an open count, more than the names
    "Russian forces likely control at least a dozen settlements in Donetsk region, including Marivka and Ternivka, "
    "according to Russian milbloggers.",
    "Russian forces captured several villages in Donetsk region, the Russian MoD said. It named Marivka.",
    # fewer names than the count
    "Russia said its forces captured three villages in Donetsk region. The Russian MoD said Russian troops "
    "took Marivka and Ternivka.",
])
def test_an_open_count_or_too_few_names_keeps_the_oblast_advance(text):
    claims = claims_of(text)
    assert on(claims, "Donetsk region", "advance"), table(claims)


def test_names_in_another_oblast_do_not_stand_for_its_settlements():
    claims = claims_of("Russia said its forces captured two villages in Kharkiv region. The Russian MoD said "
                       "Russian troops took Marivka and Ternivka.")
    assert on(claims, "Kharkiv region", "advance"), table(claims)


def test_names_from_the_other_side_do_not_stand_for_a_sides_count():
    # the Russian MoD counts; a Ukrainian source names: two statements
    claims = claims_of("The Russian MoD said its forces captured two villages in Donetsk region. The Ukrainian "
                       "General Staff said Russian troops took Marivka and Ternivka.")
    assert on(claims, "Donetsk region", "advance"), table(claims)


@pytest.mark.parametrize("text, stance", [
    # newswire: a loss of unnamed settlements is the other side's advance in the oblast
    ("Ukraine lost two villages in Donetsk region over the week, a military analyst said.", "asserted"),
    # a denial of such a loss, a gerund under the denying verb
    ("Ukraine's military denied losing three settlements in Donetsk region, calling the report fake.", "denied"),
    # Ukrainian official English: ceding
    ("The General Staff denied ceding two villages in Kharkiv region.", "denied"),
])
def test_losing_counted_settlements_is_the_other_sides_advance_in_the_oblast(text, stance):
    claims = claims_of(text)
    found = [c for c in claims if c.place.kind == "region"]
    assert [(c.event, c.beneficiary, c.stance) for c in found] == [("advance", "RU", stance)], table(claims)


@pytest.mark.parametrize("text", [
    "Ukraine lost 30 soldiers near Marivka, the Russian MoD claimed.",
    "Russian troops lost a dozen tanks near Robotyne, the General Staff said.",
])
def test_losing_men_or_equipment_is_no_loss_of_ground(text):
    claims = claims_of(text)
    assert not [c for c in claims if c.event in ("captured", "advance")], table(claims)
