"""A sentence that only says where the event before it happened ("Most of them were near A and B")
takes that event, also after an event spread over a direction or a region.  Sentences written for
these tests."""
import pytest
from support import claims_of, table


@pytest.mark.parametrize("text", [
    # Ukrainian official English: a count of attacks, then where most of them were
    "The enemy launched 40 attacks over the past day, the General Staff said. Most of them were near Marivka "
    "and Ternivka.",
    # newswire, a number word
    "Russian troops attacked 25 times on Tuesday, the military said. Twelve of them were near Marivka and Ternivka.",
    # after an event in a direction: the list says where in it
    "The enemy attacked 14 times in the Kupiansk direction. Among them were Marivka and Ternivka.",
])
def test_a_list_after_an_event_takes_its_event(text):
    claims = claims_of(text)
    assert {c.place.name for c in claims if c.event == "fighting"} >= {"Marivka", "Ternivka"}, table(claims)


def test_a_sentence_with_an_event_of_its_own_is_no_list():
    claims = claims_of("The enemy attacked 14 times in the Kupiansk direction. Most of them were repelled near "
                       "Marivka, and Ukrainian troops captured Ternivka.")
    assert [c.event for c in claims if c.place.name == "Ternivka"] == ["liberated"], table(claims)


@pytest.mark.parametrize("sentence", [
    "The ministry said its troops had taken two more settlements — Ternivka and Marivka.",    # newswire
    "Russian troops took two villages - Ternivka and Marivka.",                              # milblogger
    "Our units liberated two villages – Ternivka and Marivka – after heavy fighting.",        # UA official
])
def test_a_dash_before_the_list_of_counted_settlements_does_not_end_the_clause(sentence):
    assert {c.place.name for c in claims_of(sentence) if c.event in ("captured", "liberated")} \
        == {"Ternivka", "Marivka"}, table(claims_of(sentence))


@pytest.mark.parametrize("text", [
    # ISW: a list of where, one item a clause of its own, after semicolons
    "Russian forces attacked near Kupiansk itself; northeast of Kupiansk near Ternivka; and southeast of "
    "Kupiansk near Sadove on November 19 and 20.",
    "Russian forces attacked near Kupiansk; near Ternivka; and near Sadove.",
    "The enemy conducted assaults near Kupiansk; in Ternivka; toward Sadove.",            # machine-translated
])
def test_verbless_items_after_semicolons_take_the_event_before_them(text):
    claims = claims_of(text)
    assert sorted(c.place.name for c in claims if c.event == "fighting") == ["Kupiansk", "Sadove", "Ternivka"], \
        table(claims)


@pytest.mark.parametrize("text", [
    "Russian forces captured Kupiansk; near Ternivka, the situation is calm.",      # a clause of its own
    "Russian forces captured Kupiansk; Ternivka remains Ukrainian.",
])
def test_an_item_with_words_of_its_own_takes_no_event(text):
    assert [c for c in claims_of(text) if c.place.name == "Ternivka" and c.event == "captured"] == [], \
        table(claims_of(text))
