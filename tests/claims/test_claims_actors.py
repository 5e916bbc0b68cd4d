"""Who acts: a side a verb acts on is not the agent, a clause without a subject takes the one before it,
and unnamed units ("assault detachments") in a side's own report are that side's."""
import pytest

from support import claims_of, events_at, on, table
from frontmap.claims.events import Actor, _governed


def _gain(text: str, name: str, event: str = "advance") -> str | None:
    found = on(claims_of(text), name, event)
    assert len(found) == 1, table(claims_of(text))
    return found[0].beneficiary


# ---------------------------------------------------------------- 1. objects are acted on, not acting

@pytest.mark.parametrize("phrase, kind", [
    ("our units knocked the enemy out of", "patient"),
    ("they drove back Ukrainian troops", "patient"),
    ("its forces attacked Russian units", "patient"),
    ("inflicted losses on Ukrainian formations", "patient"),
    ("achievements of the Russian forces", "pp"),
    ("near Ternivka Russian troops", None),
])
def test_a_side_after_a_verb_or_a_preposition_of_attack_is_acted_on(phrase, kind):
    words = ("the enemy", "Ukrainian troops", "Russian units", "Ukrainian formations", "the Russian forces",
             "Russian troops")
    word = next(w for w in words if w in phrase)
    start = phrase.index(word)
    assert _governed(phrase, 0, Actor(start, start + len(word), "x")) == kind


@pytest.mark.parametrize("text, side", [
    # milblogger
    ("Rybar: our units drove the enemy out of Ternivka and are consolidating on the eastern edge of Marivka.",
     "RU"),
    # Russian MoD
    ("The Russian Defence Ministry said its troops ousted Ukrainian units from Ternivka and advanced near Marivka.",
     "RU"),
    ("The Russian Defence Ministry reported: Our troops hit Ukrainian units near Ternivka and improved their "
     "positions near Marivka.", "RU"),
    # Ukrainian General Staff
    ("Ukraine's General Staff said Ukrainian defenders attacked the occupiers near Ternivka and advanced "
     "800 metres near Marivka.", "UA"),
    # newswire
    ("Ukrainian forces struck Russian troops near Ternivka and advanced near Marivka, the General Staff said.", "UA"),
])
def test_the_side_a_verb_acts_on_is_not_who_advances(text, side):
    assert _gain(text, "Marivka") == side


@pytest.mark.parametrize("text, side", [
    ("Rybar: our units drove the enemy out of Ternivka and are consolidating near Sadove. "
     "Advances were recorded near Marivka.", "RU"),
    ("The Russian Defence Ministry reported: Our troops hit Ukrainian units near Ternivka and improved their "
     "positions near Sadove. Advances were also made near Marivka.", "RU"),
    ("DeepState: Ukrainian forces pushed back the occupiers near Ternivka and advanced near Sadove. "
     "Advances were also recorded near Marivka.", "UA"),
])
def test_a_side_acted_on_does_not_carry_to_the_next_sentence(text, side):
    assert _gain(text, "Marivka") == side


def test_a_side_right_before_the_trigger_still_acts():
    """"enemy attacks", "Russian troops advancing": the side names who does it, whatever governs it."""
    claims = claims_of("Ukrainian forces repelled enemy attacks near Ternivka and Marivka, the General Staff said.")
    assert {(c.place.name, c.event, c.beneficiary) for c in claims} == {("Ternivka", "repelled", "UA"),
                                                                        ("Marivka", "repelled", "UA")}


# ---------------------------------------------------------------- 2. a clause without a subject

@pytest.mark.parametrize("text, side", [
    ("Rybar: knocked the enemy out of Ternivka and advanced near Marivka.", "RU"),
    ("Two Majors: stormtroopers dislodged the enemy from Ternivka, and advanced toward Marivka.", "RU"),
    ("DeepState: Ukrainian forces knocked the occupiers out of Ternivka, and advanced near Marivka.", "UA"),
    ("Rybar: the enemy attacked our positions near Ternivka and advanced 500 metres near Marivka.", "UA"),
])
def test_a_coordinated_clause_takes_the_subject_of_the_clause_before(text, side):
    assert _gain(text, "Marivka") == side


# ---------------------------------------------------------------- 3. unnamed units

@pytest.mark.parametrize("text, side", [
    ("Rybar: our units knocked the enemy out of Ternivka. In the Kupiansk direction, assault detachments "
     "advanced 1.5 km near Marivka.", "RU"),
    ("Rybar: Ukrainian forces attacked near Ternivka. Assault groups advanced near Marivka.", "RU"),
    ("DeepState: the occupiers were knocked out of Ternivka. Assault units advanced near Marivka.", "UA"),
    # no side speaks: the side acting just before goes on
    ("Russian forces attacked near Ternivka. Assault groups advanced near Marivka.", "RU"),
])
def test_unnamed_assault_units_are_the_speakers_side(text, side):
    assert _gain(text, "Marivka") == side


def test_unnamed_units_acted_on_are_not_the_speakers():
    claims = claims_of("Rybar: our units repelled assault groups near Ternivka.")
    assert [(c.event, c.beneficiary) for c in on(claims, "Ternivka")] == [("repelled", "RU")], table(claims)


@pytest.mark.parametrize("text", [
    "The village of Marivka was liberated by the forces of the 'Center' group.",
    "Marivka was taken by fighters of the «Vostok» group.",
    "Marivka was liberated by servicemen of the “Zapad” group of forces.",
    "Marivka was captured by the Center group of forces on Monday.",
])
def test_the_agent_of_a_passive_gain_is_its_side_even_in_quotation_marks(text):
    assert [(c.event, c.beneficiary) for c in on(claims_of(text), "Marivka")] == [("captured", "RU")]


@pytest.mark.parametrize("text, event, side", [
    ("Russia captured Marivka last week.", "captured", "RU"),
    ("Ukraine retook Marivka.", "liberated", "UA"),
    ("Ukraine appears to have regained control of Marivka.", "liberated", "UA"),
])
def test_a_country_can_be_the_actor(text, event, side):
    assert [(c.event, c.beneficiary) for c in on(claims_of(text), "Marivka")] == [(event, side)]


def test_a_countrys_region_is_not_an_actor():
    claims = claims_of("Ukrainian forces entered Russia's Kursk Oblast near Tetkino.")
    assert [(c.event, c.beneficiary) for c in on(claims, "Tetkino")] == [("advance", "UA")]


@pytest.mark.parametrize("text", [
    "The attack on Marivka was repelled, the General Staff of Ukraine said.",
    "Russian attacks on Marivka were successfully repulsed.",
])
def test_an_attack_on_a_place_that_was_repelled_is_repelled_not_a_strike(text):
    assert [(c.event, c.beneficiary) for c in on(claims_of(text), "Marivka")] == [("repelled", "UA")]


def test_a_repelled_drone_attack_stays_a_strike():
    assert events_at("A drone attack on Marivka was repelled by air defence.", "Marivka") \
        == ["strike"]


@pytest.mark.parametrize("text, side", [
    ("The Kiev regime's militants shelled the village again.", "RU"),
    ("The occupiers shelled the village again.", "UA"),
    # both sides' units speak of "our fighters" and "our soldiers": no side from that alone
    ("Our fighters held their positions all night.", None),
    ("Our soldiers repelled two assaults, the commander said.", None),
])
def test_a_texts_point_of_view_comes_only_from_one_sides_words(text, side):
    from frontmap.claims.lexicon import perspective

    assert perspective(text) == side


@pytest.mark.parametrize("text, beneficiary", [
    ("In the Kupiansk direction, units of the 6th Army liberated the settlement of Marivka.", "RU"),  # RU MoD
    ("Assault detachments liberated the settlement of Marivka, the Kiev regime's militants fled.", "RU"),
    ("Our defenders liberated Marivka from the occupiers.", "UA"),                                   # UA official
])
def test_an_unnamed_liberator_is_the_side_whose_words_the_text_uses(text, beneficiary):
    assert {c.beneficiary for c in on(claims_of(text), "Marivka", )} == {beneficiary}


def test_an_unnamed_capturer_is_not_guessed_from_the_texts_words():
    claims = claims_of("Capturing Marivka would allow the invaders to threaten Ternivka.")
    assert [c.beneficiary for c in on(claims, "Marivka")] != ["UA"]
