"""Choosing among homonyms with the report's own context. Sentences written for these tests."""
import pytest
from frontmap.places.calibration import RESOLVED_PROBABILITY


def place(extraction, text):
    found = [p for p in extraction.places if p.text == text]
    assert found, f"{text!r} not found among {[p.text for p in extraction.places]}"
    return found[0]


def test_unique_name_resolves_with_high_confidence(extract):
    p = place(extract("Russian units shelled Kupyansk again."), "Kupyansk")
    assert p.status == "resolved" and p.name == "Kupiansk" and p.oblast == "Kharkiv"
    assert p.lat == pytest.approx(49.71, abs=0.05) and p.lon == pytest.approx(37.62, abs=0.05)
    assert p.confidence >= 0.9


def test_oblast_named_in_the_sentence_picks_the_homonym(extract):
    p = place(extract("They claim to have taken the village of Radisne in Dnipropetrovsk Oblast."), "Radisne")
    assert p.oblast == "Dnipropetrovsk"
    assert p.lat == pytest.approx(47.83, abs=0.05) and p.lon == pytest.approx(36.20, abs=0.05)


def test_other_oblast_picks_the_other_homonym(extract):
    p = place(extract("Locals said Radisne in Zaporizhzhia Oblast was quiet."), "Radisne")
    assert p.oblast == "Zaporizhzhia"


def test_heading_names_the_area(extract):
    text = "Toward Lyman.\n\nFlags were raised over Novoselivka after a week of assaults."
    p = place(extract(text), "Novoselivka")
    assert p.oblast == "Donetsk"
    assert p.lat == pytest.approx(49.07, abs=0.05) and p.lon == pytest.approx(37.70, abs=0.05)


def test_neighbours_decide_the_homonym(extract):
    text = "Fighting goes on in Stepnohirsk and Kamianske, and near Mala Tokmachka."
    p = place(extract(text), "Kamianske")
    assert p.oblast == "Zaporizhzhia" and p.kind == "settlement"


def test_region_phrase_resolves_to_the_oblast(extract):
    p = place(extract("Strikes hit the Kharkiv region overnight."), "Kharkiv region")
    assert p.kind == "region" and p.oblast == "Kharkiv" and p.name == "Kharkiv Oblast"


def test_misspelt_name_is_never_resolved_silently(extract):
    e = extract("Assault groups entered the village of Kupyamsk.")
    p = place(e, "Kupyamsk")
    assert p.status != "resolved" and p.confidence < RESOLVED_PROBABILITY
    assert any(a.name == "Kupiansk" for a in p.alternatives)
    assert "not in the gazetteer" in p.reason
    assert p in e.unresolved


def test_name_unlike_any_place_is_unresolved(extract):
    e = extract("Assault groups entered the village of Xqzwvbb.")
    p = place(e, "Xqzwvbb")
    assert p.status == "unresolved" and p.lat is None and p.name is None


def test_lone_homonym_without_context_is_ambiguous_with_candidates(extract):
    e = extract("A convoy passed through Novoselivka.")
    p = place(e, "Novoselivka")
    assert p.status == "ambiguous"
    assert len(p.alternatives) >= 3
    assert p in e.unresolved


def test_axis_name_decides_a_homonym(extract):
    text = "On the Pokrovsk direction, Russian units entered Novoselivka."
    p = place(extract(text), "Novoselivka")
    assert p.oblast == "Donetsk"


def test_distance_phrase_anchors_and_lowers_precision(extract):
    e = extract("Assault units attacked 8 kilometers east of Kupiansk and took Kovalivka.")
    kovalivka = place(e, "Kovalivka")
    # the Kovalivka near Kupiansk leads; a homonym chosen by nearness alone is not 95% sure
    assert (kovalivka.oblast, kovalivka.alternatives[0].raion) == ("Kharkiv", "Kupiansk")
    assert kovalivka.status != "unresolved"
    assert "km from Kupiansk" in kovalivka.reason
    assert place(e, "Kupiansk").precision == 2
    assert kovalivka.precision == 1


def test_precision_codes(extract):
    e = extract("Troops fought near Kupiansk, in Lyman, and across the Kharkiv region.")
    assert place(e, "Kupiansk").precision == 2
    assert place(e, "Lyman").precision == 1
    assert place(e, "Kharkiv region").precision == 3


def test_nearness_to_the_war_decides_among_homonyms_in_one_oblast(extract):
    from frontmap.gazetteer.store import default_gazetteer
    from frontmap.distance import distance_km
    p = place(extract("Troops entered Dachne in Dnipropetrovsk Oblast."), "Dachne")
    assert p.oblast == "Dnipropetrovsk"
    donetsk = default_gazetteer().oblast("Donetsk")
    others = [a for a in p.alternatives if a.oblast == "Dnipropetrovsk"]
    from frontmap.model import Entry
    chosen = Entry(p.id, p.name, "", "settlement", p.oblast, None, None, p.lat, p.lon)
    for a in others:
        other = Entry(a.id, a.name, "", "settlement", a.oblast, None, None, a.lat, a.lon)
        assert distance_km(chosen, donetsk) <= distance_km(other, donetsk) + 1


def test_former_city_name_alone_means_its_oblast(extract):
    p = place(extract("Russian troops are close to the border with Dnipropetrovsk."), "Dnipropetrovsk")
    assert p.kind == "region" and p.name == "Dnipropetrovsk Oblast"


def test_a_far_town_among_front_villages_yields_to_a_close_spelling(extract):
    text = "Troops withdrew from Berdychiv, Semenivka and Novomykhailivka near Avdiivka."
    p = place(extract(text), "Berdychiv")
    assert p.oblast == "Donetsk" and p.name == "Berdychi"
    assert p.status == "ambiguous"  # a spelling guess is never a silent answer


def test_reason_names_the_evidence(extract):
    e = extract("They claim to have taken the village of Radisne in Dnipropetrovsk Oblast.")
    assert "Dnipropetrovsk Oblast is named in the sentence" in place(e, "Radisne").reason
    assert place(e, "Dnipropetrovsk Oblast").reason == "the only place of this name"


def test_big_city_wins_over_hamlets_without_context(extract):
    p = place(extract("Missiles hit Zaporozhye at night."), "Zaporozhye")
    assert p.name == "Zaporizhzhia" and p.oblast == "Zaporizhzhia"
    assert p.lat == pytest.approx(47.85, abs=0.05)


def test_a_town_is_the_best_guess_among_its_namesake_villages(extract):
    p = place(extract("Fighting is ongoing inside Kostyantynivka."), "Kostyantynivka")
    assert p.oblast == "Donetsk" and p.lat == pytest.approx(48.53, abs=0.05)
    assert len(p.alternatives) > 5  # still shown with its namesakes when not pinned down


def test_villages_in_a_report_about_russia_are_not_pinned_to_ukrainian_namesakes(extract):
    text = ("Fighting in Russia's Kursk Oblast continues. Troops reached Goncharovka and the "
            "outskirts of Sudzha, in the Kursk Oblast, the Kursk Oblast governor said.")
    e = extract(text)
    assert place(e, "Sudzha").status == "resolved"
    village = place(e, "Goncharovka")
    assert village.status == "ambiguous" and "Russia" in village.reason


def test_a_places_official_name_beats_another_citys_old_name(extract):
    e = extract("Russian forces took Nikolayevka near Sloviansk.")
    assert place(e, "Sloviansk").name == "Sloviansk" and place(e, "Sloviansk").oblast == "Donetsk"
    nik = place(e, "Nikolayevka")
    assert nik.name == "Mykolaivka" and nik.oblast == "Donetsk"  # the Russian form of Mykolaivka


def test_an_official_village_name_is_not_a_citys_old_alternate(extract):
    e = extract("In the Oleksandrivka sector, defenders repelled attacks near Sosnivka and Ostapivske.")
    p = place(e, "Oleksandrivka")
    assert p.name == "Oleksandrivka"  # one of the villages, not a city carrying the name as an alternate
    assert all(a.name == "Oleksandrivka" for a in p.alternatives)


def test_a_russian_form_still_reaches_its_city(extract):
    p = place(extract("Missiles hit Zaporozhye at night."), "Zaporozhye")
    assert p.name == "Zaporizhzhia" and p.status == "resolved"


def test_a_misspelling_follows_the_oblast_named_beside_it(extract):
    # the closest spelling is a village far from the front; the oblast phrase points elsewhere
    p = place(extract("Russian forces attacked near Syakivka in Kharkiv Oblast on Tuesday."), "Syakivka")
    assert p.oblast == "Kharkiv"
    assert p.status == "ambiguous" and "similar spelling" in p.reason


def test_a_misspelling_follows_the_places_named_beside_it(extract):
    p = place(extract("Moscow claims its troops have taken Syakivka, near Kupiansk."), "Syakivka")
    assert p.name == "Synkivka" and p.oblast == "Kharkiv"
    assert p.status == "ambiguous" and p.confidence < RESOLVED_PROBABILITY
    assert "km from Kupiansk" in p.reason


def test_without_context_the_closest_spelling_leads(extract):
    p = place(extract("Assault groups entered the village of Kupyamsk."), "Kupyamsk")
    assert p.alternatives[0].name == "Kupiansk"


def test_a_spelling_guess_outside_the_oblast_named_beside_it_is_not_made(extract):
    # the gazetteer lacks most Russian villages: a Ukrainian near-namesake is not one of them
    e = extract("Ukrainian forces captured the village of Dvorishchevo in Kursk Oblast, the General Staff said.")
    p = place(e, "Dvorishchevo")
    assert p.status == "unresolved" and p.lat is None
    assert "Kursk Oblast, named in the sentence" in p.reason
    assert p.alternatives  # the near spellings are still shown


def test_a_claim_on_a_place_that_cannot_be_pinned_down_is_kept_unmapped(extract):
    e = extract("Ukrainian forces captured the village of Dvorishchevo in Kursk Oblast, the General Staff said.")
    c = next(c for c in e.claims if c.place.text == "Dvorishchevo")
    assert (c.event, c.claimant_side, c.stance) == ("captured", "UA", "asserted")
    assert c.place.lat is None and c.place in e.unresolved


@pytest.mark.parametrize("text, name", [
    ("Fighting continues near Novoselivka and Ternivka in the Kursk region.", "Novoselivka"),
    ("Fighting continues near Novoselivka and Ternivka in the Kursk region.", "Ternivka"),
    ("Russian sources say Ukrainian troops entered Novoselivka, Kursk Oblast.", "Novoselivka"),
    ("Shelling hit the Kursk Oblast village of Novoselivka.", "Novoselivka"),
    # the region with the country's possessive, a part of it, or who holds it
    ("Ukrainian troops advanced near Novoselivka in Russia's Kursk region, the brigade said.", "Novoselivka"),   # newswire
    ("Fighting continues for Ternivka and Novoselivka in the western Kursk region.", "Ternivka"),           # ISW style
    ("Our units cleared Novoselivka in the Russian border Kursk Oblast.", "Novoselivka"),                    # MT copy
])
def test_a_place_the_text_puts_in_a_region_is_never_pinned_to_a_namesake_outside_it(extract, text, name):
    # the gazetteer knows many Novoselivkas and Ternivkas in Ukraine, none in Kursk Oblast
    p = place(extract(text), name)
    assert p.status == "unresolved" and p.lat is None, p
    assert "Kursk" in p.reason


@pytest.mark.parametrize("text, oblast", [
    ("Pokrovsk, Donetsk Oblast, came under attack.", "Donetsk"),
    ("Shelling hit the Zaporizhzhia Oblast village of Robotyne.", "Zaporizhzhia"),
    ("They took Radisne in Dnipropetrovsk Oblast.", "Dnipropetrovsk"),
])
def test_a_place_the_text_puts_in_its_own_region_resolves_there(extract, text, oblast):
    p = [p for p in extract(text).places if p.kind == "settlement"][0]
    assert p.oblast == oblast and p.status != "unresolved", p


def test_a_list_with_a_region_in_it_does_not_locate_the_places_before_it(extract):
    places = {p.text: p for p in extract("Russian strikes hit Kharkiv, Sumy Oblast and Odesa.").places}
    assert places["Kharkiv"].oblast == "Kharkiv" and places["Kharkiv"].status == "resolved"


def test_a_stated_distance_and_bearing_picks_the_namesake_that_lies_there(extract):
    # of the many Novoselivkas, one lies about 45 km north of Kupiansk
    p = place(extract("Russian forces advanced near Novoselivka, some 45 km north of Kupiansk."), "Novoselivka")
    assert p.status == "resolved" and p.lat == pytest.approx(50.10, abs=0.05)
    assert "north of Kupiansk" in p.reason


def test_a_stated_position_where_no_namesake_lies_leaves_the_place_unresolved(extract):
    p = place(extract("Russian forces advanced near Novoselivka, 8 km west of Kupiansk."), "Novoselivka")
    assert p.status == "unresolved" and p.lat is None and "8 km west of Kupiansk" in p.reason
    assert p.alternatives                   # the namesakes stay as suggestions


def test_a_distance_that_locates_the_event_not_the_place_changes_nothing(extract):
    e = extract("Assault units attacked 8 kilometers east of Kupiansk and took Kovalivka.")
    p = place(e, "Kovalivka")
    assert p.status != "unresolved" and p.lat is not None and "8 km" not in p.reason


@pytest.mark.parametrize("text, name, oblast", [
    ("Russian troops took Novoselivka in Sumy.", "Novoselivka", "Sumy"),
    ("Shelling hit Robotyne, Zaporizhzhia.", "Robotyne", "Zaporizhzhia"),
])
def test_villages_in_an_oblast_capitals_name_are_in_that_oblast(extract, text, name, oblast):
    p = place(extract(text), name)
    assert p.oblast == oblast


def test_no_namesake_in_the_oblast_its_capital_names_leaves_the_village_unresolved(extract):
    # the gazetteer's Ternivkas lie outside Kharkiv Oblast
    p = place(extract("Fighting continues near Novoselivka and Ternivka in Kharkiv."), "Ternivka")
    assert p.status == "unresolved"


def test_a_misspelt_name_whose_close_spellings_all_lie_far_from_the_war_is_unresolved(extract):
    # "Tetkino" (a Kursk village the gazetteer lacks) is spelt like a village in central Ukraine
    p = place(extract("Border guards said the enemy shelled Tetkino."), "Tetkino")
    assert p.status == "unresolved" and p.lat is None and "far from the war" in p.reason


@pytest.mark.parametrize("text, written, name, kind", [
    ("Russian missiles hit Kiev overnight.", "Kiev", "Kyiv", "settlement"),        # an old spelling of the city
    ("Explosions were heard in Kharkov, the mayor said.", "Kharkov", "Kharkiv", "settlement"),
    ("Drones flew towards Kirovograd.", "Kirovograd", "Kirovohrad Oblast", "region"),   # the city is Kropyvnytskyi now
    ("Shelling was reported near Dnipropetrovsk.", "Dnipropetrovsk", "Dnipropetrovsk Oblast", "region"),  # Dnipro now
])
def test_a_former_city_name_is_the_oblast_only_where_the_oblast_still_bears_it(extract, text, written, name, kind):
    p = place(extract(text), written)
    assert (p.name, p.kind) == (name, kind)


def _places_of(resolver, text):
    from frontmap.places.finding import NameFinder
    from frontmap.text.sentences import split_sentences
    finder = NameFinder(resolver.gaz)
    return [(p.text, p.id, p.confidence, p.status) for p in
            resolver.resolve(text, finder.find(text), split_sentences(text))]


def test_what_the_resolver_keeps_across_reports_does_not_change_the_next_report(gazetteer, monkeypatch):
    """Priors and geometry are kept per candidate list across reports (and dropped when too many):
    a report resolves the same whatever came before it."""
    import frontmap.places.resolving as resolving
    first = ("Toward Lyman.\n\nFlags were raised over Novoselivka and Torske after a week of assaults. "
             "Fighting goes on near Kamianske in Zaporizhzhia Oblast.")
    second = ("Fighting goes on in Stepnohirsk and Kamianske, and near Mala Tokmachka. "
              "Novoselivka near Polohy was shelled.")
    alone = _places_of(resolving.Resolver(gazetteer), second)
    warm = resolving.Resolver(gazetteer)
    _places_of(warm, first)
    assert _places_of(warm, second) == alone
    monkeypatch.setattr(resolving, "TABLE_CACHE", 2)
    monkeypatch.setattr(resolving, "GEOMETRY_COLUMNS", 1)
    small = resolving.Resolver(gazetteer)
    _places_of(small, first)
    assert _places_of(small, second) == alone
    assert len(small._tables) <= 2


@pytest.mark.parametrize("text, name", [
    ("Ukrainian troops had entered Krynky on the left bank of the Dnipro.", "Dnipro"),          # milblogger
    ("Russian units hold a foothold on the eastern bank of the Oskil, the General Staff said.", "Oskil"),
    ("Both banks of the Vovcha are under fire.", "Vovcha"),
])
def test_a_name_after_bank_of_is_the_river_not_the_town(extract, text, name):
    p = place(extract(text), name)
    assert p.kind == "river", (p.name, p.kind, p.oblast)


def test_a_town_named_like_a_river_stays_a_town_elsewhere(extract):
    assert place(extract("Russian missiles struck Dnipro overnight."), "Dnipro").kind == "settlement"
