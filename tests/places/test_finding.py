"""Finding names: shapes, frames and what is not a place. Sentences written for these tests."""
import pytest

from frontmap.places.finding import find_names


def names(text, gazetteer):
    return [m.text for m in find_names(text, gazetteer)]


def test_hyphenated_compound_is_one_place(gazetteer):
    assert names("Troops were seen near Kupyansk-Vuzlovyi on Monday.", gazetteer) == ["Kupyansk-Vuzlovyi"]


def test_highway_between_two_towns_names_both(gazetteer):
    found = names("Shelling closed the Kramatorsk-Sloviansk highway overnight.", gazetteer)
    assert found == ["Kramatorsk", "Sloviansk"]


def test_offsets_point_into_the_text(gazetteer):
    text = "Heavy battles went on in Kupiansk and Lyman."
    for m in find_names(text, gazetteer):
        assert text[m.start:m.end] == m.text


def test_possessive_is_not_part_of_the_name(gazetteer):
    assert names("The bridge at Kupiansk's edge was hit.", gazetteer) == ["Kupiansk"]


def test_capital_as_government_is_not_a_place(gazetteer):
    assert names("Kyiv denied the claim, and Moscow's envoy said nothing.", gazetteer) == []


def test_outlets_and_units_are_not_places(gazetteer):
    text = "The Kyiv Independent said the Dnipro group of forces moved."
    assert names(text, gazetteer) == []


@pytest.mark.parametrize("text", [
    "Fighting continues in the Hirnyk microdistrict of Pokrovsk.",         # a quarter named after another town
    "Russian troops entered the Hirnyk neighbourhood of Pokrovsk.",
    "Russian infantry was spotted in the Hirnyk neighborhood of Pokrovsk.",
])
def test_a_city_quarter_named_after_a_town_is_not_that_town(gazetteer, text):
    assert names(text, gazetteer) == ["Pokrovsk"]


def test_adjective_compound_is_not_a_place(gazetteer):
    assert names("Kharkiv-based volunteers drove east.", gazetteer) == []


def test_country_is_not_a_place(gazetteer):
    assert names("Ukraine and Russia exchanged prisoners.", gazetteer) == []


def test_region_phrase_keeps_its_words(gazetteer):
    found = find_names("Drones hit targets in the Kharkiv region at night.", gazetteer)
    assert [m.text for m in found] == ["Kharkiv region"]
    assert any(c.entry.kind == "region" for c in found[0].candidates)


def test_coordinated_regions_are_each_a_region(gazetteer):
    found = find_names("Drones struck the Belgorod and Kursk regions.", gazetteer)
    assert [m.text for m in found] == ["Belgorod", "Kursk"]
    assert all(m.kind_hint == "oblast" for m in found)
    assert all(c.entry.kind == "region" for m in found for c in m.candidates)


def test_russian_adjective_direction_names_the_settlement(gazetteer):
    found = find_names("Clashes continued on the Kupyansky direction.", gazetteer)
    assert len(found) == 1 and found[0].kind_hint == "direction"
    assert any(c.entry.name == "Kupiansk" for c in found[0].candidates)


def test_unknown_name_in_a_place_frame_is_kept_without_candidates(gazetteer):
    found = find_names("The army entered the village of Zzyzxovka at dawn.", gazetteer)
    assert [(m.text, m.candidates) for m in found] == [("Zzyzxovka", [])]


def test_person_name_before_surname_is_not_a_place(gazetteer):
    # a surname that is also a village name, after a given name
    assert names("Commander Oleksandr Syrskyi spoke to reporters.", gazetteer) == []


def test_words_of_the_next_sentence_do_not_hide_a_place(gazetteer):
    text = "Officers said troops had taken Kupyansk. Group commanders were promoted."
    assert names(text, gazetteer) == ["Kupyansk"]


def test_capitals_for_governments_are_not_places_but_locations_are(gazetteer):
    assert names("The town was seized by Moscow in 2014.", gazetteer) == []
    assert names("Moscow's forces pressed on.", gazetteer) == []
    assert names("Kiev troops pulled back.", gazetteer) == []
    assert names("Drones were shot down near Kyiv overnight.", gazetteer) == ["Kyiv"]


def test_dateline_capital_is_a_place(gazetteer):
    assert names("MOSCOW, Oct 5 (Agency) - Troops advanced.", gazetteer) == ["MOSCOW"]


def test_outlet_with_number_and_tv_channel_are_not_places(gazetteer):
    assert names("He told Kyiv 24 and the Lviv NTA TV channel that all was calm.", gazetteer) == []


def test_ship_named_after_a_town_is_not_a_place(gazetteer):
    assert names("Missiles hit the landing ship Novocherkassk in port.", gazetteer) == []


def test_unit_of_a_peoples_republic_is_not_a_place(gazetteer):
    assert names("Soldiers of the 2nd Army Corps of the Luhansk People's Republic fought.", gazetteer) == []


def test_russian_endings_find_the_ukrainian_name(gazetteer):
    found = find_names("The ministry said units took Stelmakhovka.", gazetteer)
    assert [m.text for m in found] == ["Stelmakhovka"]
    assert any(c.entry.name == "Stelmakhivka" for c in found[0].candidates)
    found = find_names("Attacks were repelled near Alekseevka.", gazetteer)
    assert any(c.entry.name == "Oleksiivka" for c in found[0].candidates)


def test_unknown_name_listed_with_places_is_kept(gazetteer):
    found = find_names("Assaults were reported near Kurakhove, Zzyxiv and Ocheretyne.", gazetteer)
    assert [m.text for m in found] == ["Kurakhove", "Zzyxiv", "Ocheretyne"]
    assert found[1].candidates == [] and found[1].looks_like_place


@pytest.mark.parametrize("text", [
    "Russian forces are within 2 km of Kurakhove, Zzyxstate said on Monday.",            # newswire
    "Fighting continues near Kurakhove and Ocheretyne, Zzyxbar reports.",                # milblogger digest
    "The enemy advanced near Kurakhove, Zzyxmonitor wrote in its evening update.",
])
def test_a_source_after_a_listed_place_is_not_a_place(gazetteer, text):
    assert "Zzyx" not in " ".join(names(text, gazetteer))


def test_nationality_words_in_lists_are_not_places(gazetteer):
    found = names("Troops near Kurakhove, Russian and Ukrainian sources agree.", gazetteer)
    assert found == ["Kurakhove"]


def test_cyrillic_case_forms_are_found(gazetteer):
    found = find_names("Бои продолжаются в Покровске и у Купянска.", gazetteer)
    assert [m.text for m in found] == ["Покровске", "Купянска"]
    assert any(c.entry.name == "Pokrovsk" for c in found[0].candidates)
    assert any(c.entry.name == "Kupiansk" for c in found[1].candidates)


def test_two_names_side_by_side_are_one_unknown_name(gazetteer):
    found = find_names("Fighting continues near Zeleny Shlyakh, officials said.", gazetteer)
    assert [(m.text, m.candidates) for m in found] == [("Zeleny Shlyakh", [])]


def test_a_number_that_counts_or_measures_does_not_make_a_place_a_channel(gazetteer):
    # General Staff digests: "attacked near X 12 times"; and distances after a name.
    assert names("The enemy attacked near Vovchansk 12 times over the day.", gazetteer) == ["Vovchansk"]
    assert names("Assault groups were stopped near Pokrovsk 3 km from the railway.", gazetteer) == ["Pokrovsk"]
    assert names("Kyiv 24 reported explosions.", gazetteer) == []                 # a channel still is one
    assert names("The Kharkiv Times said the strike hit Lozova.", gazetteer) == ["Lozova"]


def test_capital_struck_or_attacked_is_a_place(gazetteer):
    assert names("Overnight, Russian drones attacked Kyiv again.", gazetteer) == ["Kyiv"]
    assert names("Missiles struck Kiev and its suburbs before dawn.", gazetteer) == ["Kiev"]
    assert names("The enemy shelled Kyiv, officials said.", gazetteer) == ["Kyiv"]
    # the capital as its government, after the same verbs
    assert names("Lavrov attacked Kyiv's position at the talks.", gazetteer) == []


def test_villages_joined_by_a_hyphen_are_one_name_the_gazetteer_lacks(gazetteer):
    assert names("Russian troops took Nikolskoye-Vyselki overnight.", gazetteer) == ["Nikolskoye-Vyselki"]


def test_towns_joined_by_a_hyphen_are_two_places(gazetteer):
    assert names("Fighting raged in the Pokrovsk-Myrnohrad agglomeration.", gazetteer) == ["Pokrovsk", "Myrnohrad"]
    assert names("Drones hit the Kurakhove-Velyka Novosilka road.", gazetteer)[0] == "Kurakhove"


def test_a_struck_capital_keeps_its_claim(gazetteer):
    from frontmap.pipeline import extract
    claims = extract("Russian missiles struck Kyiv overnight, killing five people.", date="2025-11-20").claims
    assert [(c.place.name, c.event, c.beneficiary) for c in claims] == [("Kyiv", "strike", "RU")]


def test_an_unknown_name_a_strike_verb_frames_is_a_place(gazetteer):
    assert names("Overnight the enemy shelled Zzyzxovka again.", gazetteer) == ["Zzyzxovka"]
    assert names("Russian drones struck Zzyzxino before dawn.", gazetteer) == ["Zzyzxino"]


def test_a_two_word_name_in_its_russian_form_finds_the_ukrainian_name(gazetteer):
    found = find_names("Units of the West group hit manpower near Stepovaya Novoselovka.", gazetteer)
    assert [m.text for m in found] == ["Stepovaya Novoselovka"]
    assert any(c.entry.name == "Stepova Novoselivka" and c.source == "russian-form" for c in found[0].candidates)


def test_words_with_russian_endings_that_name_nothing_stay_unfound(gazetteer):
    assert names("The Zzyxovaya Zzyxovka group said nothing.", gazetteer) == []


@pytest.mark.parametrize("text", [
    "Advance groups reached the outskirts. [The village of] Zaoleshenka was also encircled.",   # an editor's brackets
    "Our assault units cleared (the settlement of) Zaoleshenka, the brigade wrote.",
    "Troops entered the village of Zaoleshenka.",                                               # unbracketed, as before
])
def test_a_bracketed_place_frame_still_frames_an_unknown_name(gazetteer, text):
    assert names(text, gazetteer) == ["Zaoleshenka"]


def test_a_bracket_alone_frames_nothing(gazetteer):
    assert names("Advance groups reached the outskirts. [Zaoleshenka] was also encircled.", gazetteer) == []
