"""A digest's telegraphic grammar: "Place – what happened" (a dash after a topic made only of place
names introduces what is said of them) and passives without their auxiliary.  Sentences written for these tests."""
import pytest
from support import claims_of, facts, on, table


@pytest.mark.parametrize("text, place, expected", [
    ("- Ternivka – liberated by the Tsentr group;\n", "Ternivka", ("captured", "RU")),
    ("• Bilohirka — Russian attacks repelled, the General Staff said.\n", "Bilohirka", ("repelled", "UA")),
    ("Ternivka and Marivka — both liberated, the Russian MoD said.", "Marivka", ("captured", "RU")),
    ("Kupiansk direction: Ternivka — taken by Russian forces, according to Russian milbloggers.", "Ternivka",
     ("captured", "RU")),
    ("The village of Hrushivka - retaken by Ukrainian paratroopers, the brigade's press service said.", "Hrushivka",
     ("liberated", "UA")),
])
def test_a_dash_after_a_topic_of_places_introduces_what_is_said_of_them(text, place, expected):
    claims = claims_of(text)
    assert [facts(c)[:2] for c in on(claims, place)] == [expected], table(claims)


def test_a_dash_after_a_full_clause_still_ends_it():
    claims = claims_of("Russian troops attacked Ternivka - Marivka was quiet, the General Staff said.")
    assert not on(claims, "Marivka"), table(claims)


@pytest.mark.parametrize("text, expected", [
    ("The Russian Defence Ministry reported: Marivka – enemy attacks repelled.", ("repelled", "RU")),
    ("Ukrainian General Staff: Russian assaults beaten back near Marivka.", ("repelled", "UA")),
    ("Marivka: Ukrainian counterattacks repelled, Russian milbloggers claim.", ("repelled", "RU")),
])
def test_a_side_named_before_its_repelled_attacks_is_the_attacker(text, expected):
    # headline grammar: a passive without its auxiliary
    claims = claims_of(text)
    assert [facts(c)[:2] for c in on(claims, "Marivka")] == [expected], table(claims)


@pytest.mark.parametrize("line", ["▪️ Marivka – liberated!", "🔥 Marivka — liberated.", "• Marivka - liberated"])
def test_a_bulleted_topic_dash_line_claims_its_place_and_the_evidence_drops_the_bullet(line):
    claims = claims_of("Zaporizhzhia direction\n\n" + line)
    assert [(c.place.name, c.event) for c in claims] == [("Marivka", "captured")]
    assert claims[0].evidence.startswith("Marivka")


@pytest.mark.parametrize("text", [
    "Russian units entered Ternivka on Monday. [The village of] Hrushivka-Nova was also encircled.",
    "Russian units entered Ternivka on Monday. The village of «Горнал» was also encircled.",
    "Russian units entered Ternivka on Monday. The village Горнал was also encircled.",
])
def test_the_village_of_a_name_is_no_anaphor_whatever_stands_between(text):
    # an editor's brackets, quotes, another script: the words name their own place, not the last one
    claims = claims_of(text)
    assert not on(claims, "Ternivka", "encircled"), table(claims)


def test_the_village_alone_still_points_back():
    claims = claims_of("Russian units entered Ternivka on Monday. The village was later encircled, the MoD said.")
    assert on(claims, "Ternivka", "encircled"), table(claims)
