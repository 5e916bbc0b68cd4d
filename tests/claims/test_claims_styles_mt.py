"""Machine-translated Russian official copy: losses near places, a passive 'control was established'.
Sentences written for these tests."""
import pytest

from support import claims_of, events_at


@pytest.mark.parametrize("text", [
    "Losses of the Armed Forces of Ukraine amounted to 200 servicemen in the areas of the settlements of "
    "Hrushivka and Sadove.",
    "The AFU lost up to 190 servicemen near Hrushivka and Sadove.",
])
def test_losses_inflicted_near_places_are_fighting_there(text):
    assert [(c.place.name, c.event) for c in claims_of(text)] == [("Hrushivka", "fighting"), ("Sadove", "fighting")]


def test_losses_with_no_place_near_them_are_no_claim():
    assert claims_of("Russian losses in the war exceed one million, Kupiansk officials said.") == []


def test_control_was_established_over_a_place_is_its_capture():
    claims = claims_of("As a result of decisive actions of Russian units, control was established over the "
                       "settlement of Novoselivka.")
    assert [(c.place.name, c.event) for c in claims] == [("Novoselivka", "captured")]


@pytest.mark.parametrize("sentence", [
    "The Russian Armed Forces continue to move forward, taking more advantageous positions near Ternivka.",
    "Units of the Zapad group occupied more advantageous lines near Ternivka.",
    "Assault detachments reached more favourable frontiers near Ternivka.",
])
def test_more_advantageous_lines_are_ground_gained(sentence):
    from support import claims_of, table
    assert events_at(sentence, "Ternivka") == ["advance"], table(claims_of(sentence))
