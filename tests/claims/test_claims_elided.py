"""A verb phrase that goes on with its subject left out is about the subject place too.

Sentences written for these tests, in several styles.
"""
import pytest

from support import claims_of, on


@pytest.mark.parametrize("text, events", [
    # newswire: the second verb phrase after "but", split into a clause of its own
    ("Kupiansk was retaken by Ukraine in 2022 but has since come under renewed attack.", {"liberated", "fighting"}),
    # ISW-style
    ("Robotyne remains under Ukrainian control but is being shelled daily.", {"other", "strike"}),
    # Ukrainian official English: one clause, "and" with an auxiliary
    ("Marivka is almost surrounded and has come under constant shelling.", {"encircled", "strike"}),
    # milblogger digest, with the split taking the ", and"
    ("The village of Ternivka was stormed on Monday, and has since been partly occupied.", {"fighting", "advance"}),
    # machine-translated copy
    ("The settlement of Bilohirka was subjected to shelling and is now under the threat of encirclement.",
     {"strike", "encircled"}),
])
def test_the_left_out_subject_is_the_place_the_sentence_opens_with(text, events):
    name = next(n for n in ("Kupiansk", "Robotyne", "Marivka", "Ternivka", "Bilohirka") if n in text)
    assert {c.event for c in on(claims_of(text), name)} >= events


@pytest.mark.parametrize("text", [
    "Russian forces captured Marivka but are now being pushed back.",       # the subject is no place
    "After Marivka fell, the brigade pulled back and has since been shelled.",   # the place does not open it
])
def test_no_place_is_given_where_the_subject_is_not_a_place(text):
    assert "strike" not in {c.event for c in on(claims_of(text), "Marivka")}
    assert "fighting" not in {c.event for c in on(claims_of(text), "Marivka")} or "pushed" not in text


def test_a_side_said_to_hold_a_place_is_not_the_one_that_shells_it():
    claims = claims_of("Robotyne remains under Ukrainian control but is being shelled daily.")
    assert [c.beneficiary for c in on(claims, "Robotyne", "strike")] != ["UA"]


@pytest.mark.parametrize("text, event, beneficiary", [
    # newswire
    ("Ternivka, which Russian troops had stormed for weeks, has been captured, the ministry said.", "captured", "RU"),
    # Ukrainian official English
    ("Marivka, where Ukrainian forces had held out since spring, was abandoned on Monday, the General Staff said.",
     "withdrawal", "RU"),
    # machine-translated copy
    ("The settlement of Sadove, which is located 10 km south of Kupiansk, has been liberated, the Russian Defence "
     "Ministry reported.", "captured", "RU"),
])
def test_the_predicate_after_a_relative_clause_is_about_the_subject_place(text, event, beneficiary):
    name = next(n for n in ("Ternivka", "Marivka", "Sadove") if n in text)
    assert [(c.event, c.beneficiary) for c in on(claims_of(text), name, event)] == [(event, beneficiary)]


def test_a_relative_clause_inside_the_predicate_hands_nothing_on():
    # "which" after the object, not the subject: the sentence's own verb governs its places
    claims = claims_of("Russian forces shelled Ternivka, which lies near the front, and then attacked Marivka.")
    assert {c.place.name for c in claims} == {"Ternivka", "Marivka"}
    assert not on(claims, "Ternivka", "fighting")
