"""Facilities named after a settlement ("the Sudzha checkpoint", "the Kursk NPP"): a place of its
own, kind other, shown at its namesake with precision 2.  Sentences written for these tests."""
import pytest

from frontmap.model import Report
from frontmap.places.facilities import facility_after


@pytest.mark.parametrize("text, facility, kind", [
    # newswire
    ("Russian forces shelled the Zaporizhzhia nuclear power plant again on Sunday, the IAEA said.",
     "Zaporizhzhia nuclear power plant", "other"),
    # Ukrainian official English, an abbreviation
    ("The enemy attacked the Kursk NPP area with drones, the State Border Guard Service reports.",
     "Kursk nuclear power plant", "other"),
    # milblogger digest
    ("- Sudzha checkpoint: two enemy platoons encircled;", "Sudzha checkpoint", "other"),
    # ISW style
    ("Geolocated footage published on June 3 shows Russian forces near the Avdiivka coke plant.",
     "Avdiivka coke plant", "other"),
    # machine-translated copy, an upper-case facility word
    ("The Kharkiv Airport was subjected to a missile strike by the occupiers.", "Kharkiv airport", "other"),
])
def test_a_facility_named_after_a_settlement_is_a_place_of_its_own(extractor, text, facility, kind):
    e = extractor.extract(Report(path="t.txt", date="2025-06-04", text=text))
    (place,) = [p for p in e.places if p.name == facility]
    assert place.kind == kind and place.precision == 2 and place.id.startswith("facility:")
    assert text[place.start:place.end] == place.text and place.lat is not None
    assert "named after" in place.reason and "no point of its own" in place.reason
    assert not [p for p in e.places if p.kind == "settlement" and p.start == place.start]


def test_a_claim_about_a_facility_is_not_a_claim_about_the_town(extractor):
    text = "Ukrainian border guards said two Russian platoons were encircled at the Sudzha checkpoint."
    e = extractor.extract(Report(path="t.txt", date="2024-08-09", text=text))
    assert [(c.place.name, c.event) for c in e.claims] == [("Sudzha checkpoint", "encircled")]


def test_a_town_followed_by_other_words_stays_the_town(extractor):
    for text in ("Russian forces captured Pokrovsk, the MoD said.",
                 "Fighting continues in Kupiansk station district, the brigade said.",
                 "Drones hit Odesa overnight; the port authority said nothing."):
        e = extractor.extract(Report(path="t.txt", date="2025-06-04", text=text))
        assert all(p.kind != "other" for p in e.places), [(p.text, p.kind) for p in e.places]


def test_facility_words_are_read_whole_and_longest_first():
    text = "the Kursk nuclear power station and the Kursk plantation"
    end, kind = facility_after(text, len("the Kursk"))
    assert text[:end].endswith("station") and kind == "nuclear power plant"
    assert facility_after(text, text.rindex("Kursk") + len("Kursk")) is None     # "plantation" is no plant
    assert facility_after("Kursk,\nport", len("Kursk")) is None                  # across a comma or line: no
