"""Choosing among homonyms with the report's own context. Sentences written for these tests."""
import pytest


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


def test_unknown_name_is_unresolved_with_suggestions(extract):
    e = extract("Assault groups entered the village of Kupyamsk.")
    p = place(e, "Kupyamsk")
    assert p.status == "unresolved" and p.lat is None
    assert any(a["name"] == "Kupiansk" for a in p.alternatives)
    assert p in e.unresolved


def test_lone_homonym_without_context_is_ambiguous_with_candidates(extract):
    e = extract("A convoy passed through Novoselivka.")
    p = place(e, "Novoselivka")
    assert p.status == "ambiguous"
    assert len(p.alternatives) >= 3
    assert p in e.unresolved
