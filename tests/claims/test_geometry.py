"""Shapes of claims about areas and directions (frontmap.claims.geometry), on sentences written for these tests."""
import math
import re

import pytest

from frontmap.claims.geometry import geometry_for, offset_point
from frontmap.model import Place, Point

COORDS = {"Ternivka": (48.10, 37.20), "Marivka": (48.20, 37.40), "Zelenivka": (48.00, 37.00),
          "Donetsk region": (48.0, 37.8)}


def places_of(text: str) -> list[Place]:
    out = []
    for name, (lat, lon) in COORDS.items():
        for m in re.finditer(re.escape(name), text):
            kind = "region" if name.endswith("region") else "settlement"
            out.append(Place(text=name, start=m.start(), end=m.end(), name=name, kind=kind, oblast="Donetsk",
                             lat=lat, lon=lon, id=None, confidence=1.0, status="resolved"))
    return sorted(out, key=lambda p: p.start)


def shape(text: str, name: str = "Ternivka"):
    places = places_of(text)
    return geometry_for(text, next(p for p in places if p.name == name), places)


def km(a: Point, lat: float, lon: float) -> float:
    dlat = math.radians(a.lat - lat)
    dlon = math.radians(a.lon - lon) * math.cos(math.radians(lat))
    return 6371.0 * math.hypot(dlat, dlon)


# ---------------------------------------------------------------- offsets

@pytest.mark.parametrize("phrase, dist, dlat_sign, dlon_sign", [
    ("8 km west of Ternivka", 8.0, 0, -1),
    ("5 kilometres south-east of Ternivka", 5.0, -1, 1),
    ("3 miles north of Ternivka", 3 * 1.609344, 1, 0),
    ("500 metres east of the village of Ternivka", 0.5, 0, 1),
    ("two kilometers to the southwest of Ternivka", 2.0, -1, -1),
    ("4-6 km northeast of Ternivka", 5.0, 1, 1),
])
def test_offset_point_at_the_stated_distance_and_bearing(phrase, dist, dlat_sign, dlon_sign):
    g = shape(f"Russian troops advanced {phrase} on Tuesday.")
    assert g.kind == "offset" and len(g.points) == 1 and g.text.endswith("Ternivka")
    p, (lat, lon) = g.points[0], COORDS["Ternivka"]
    assert km(p, lat, lon) == pytest.approx(dist, rel=0.02)
    for delta, sign in ((p.lat - lat, dlat_sign), (p.lon - lon, dlon_sign)):
        assert (abs(delta) < 1e-3) if sign == 0 else (delta * sign > 0)


def test_offset_without_a_number_uses_a_short_default():
    g = shape("Fighting continued just west of Ternivka.")
    assert g.kind == "offset" and 1.0 < km(g.points[0], *COORDS["Ternivka"]) < 6.0


def test_offset_point_is_geodesic():
    p = offset_point(Point(lat=48.0, lon=37.0), 90.0, 10.0)
    assert p.lat == pytest.approx(48.0, abs=0.01) and km(p, 48.0, 37.0) == pytest.approx(10.0, rel=0.01)


# ---------------------------------------------------------------- buffers

@pytest.mark.parametrize("sentence", [
    "Clashes were reported near Ternivka.",
    "Heavy fighting continues in the Ternivka area.",
    "Russian units attacked around Ternivka.",
    "The enemy gathered on the outskirts of Ternivka.",
    "Fighting raged in the vicinity of the town of Ternivka.",
    "Artillery duels went on within 4 km of Ternivka.",
])
def test_buffer_around_the_place(sentence):
    g = shape(sentence)
    assert g.kind == "buffer" and g.points[0] == Point(*COORDS["Ternivka"]) and 0 < g.radius_km <= 10


def test_near_covers_every_place_of_its_list():
    text = "Russian forces attacked near Zelenivka, Marivka and Ternivka."
    assert {shape(text, n).kind for n in ("Zelenivka", "Marivka", "Ternivka")} == {"buffer"}


def test_direction_is_a_wide_buffer():
    g = shape("The enemy was most active in the Ternivka direction.")
    assert g.kind == "buffer" and g.radius_km >= 10


def test_stated_radius_wins():
    assert shape("Artillery duels went on within 4 km of Ternivka.").radius_km == pytest.approx(4.0)


# ---------------------------------------------------------------- lines

@pytest.mark.parametrize("sentence", [
    "Russian troops advanced along the Marivka road toward Ternivka.",
    "The Marivka–Ternivka highway is under fire control.",
    "The Marivka-Ternivka road was cut.",
    "Ukrainian units pushed from Marivka to Ternivka.",
    "The assault toward Ternivka from Marivka stalled.",
    "Fighting continues between Marivka and Ternivka.",
])
def test_line_from_first_to_second_place(sentence):
    for name in ("Marivka", "Ternivka"):
        g = shape(sentence, name)
        assert g.kind == "line"
        assert [(p.lat, p.lon) for p in g.points] == [COORDS["Marivka"], COORDS["Ternivka"]]


def test_two_places_in_a_plain_list_are_no_line():
    assert shape("Russian forces captured Marivka and Ternivka.", "Ternivka") is None


# ---------------------------------------------------------------- areas

@pytest.mark.parametrize("phrase, km2", [
    ("an area of more than 30 square kilometres", 30.0),
    ("about 12 sq km", 12.0),
    ("some 4 square miles", 4 * 2.589988),
    ("1,500 hectares", 15.0),
    ("2.5 km²", 2.5),
])
def test_stated_area_is_recorded_in_km2_around_the_place(phrase, km2):
    g = shape(f"Ukrainian forces liberated {phrase} near Ternivka.")
    assert g.kind == "area" and g.area_km2 == pytest.approx(km2, rel=1e-3)
    assert g.points == (Point(*COORDS["Ternivka"]),) and phrase.split()[-1] in g.text


def test_area_in_a_region_is_recorded_without_a_buffer():
    g = shape("Russian troops took an area of 40 square kilometres in the Donetsk region.", "Donetsk region")
    assert g.kind == "area" and g.area_km2 == 40
    assert shape("Fighting continued near the Donetsk region.", "Donetsk region") is None


# ---------------------------------------------------------------- no shape, or no coordinates

def test_no_shape_without_a_phrase():
    assert shape("Russian forces captured Ternivka.") is None


def test_no_shape_without_coordinates():
    text = "Fighting near Ternivka."
    p = Place(text="Ternivka", start=14, end=22, name="Ternivka", kind="settlement", oblast=None, lat=None,
              lon=None, id=None, confidence=0.2, status="ambiguous")
    assert geometry_for(text, p, [p]) is None


def test_a_word_standing_for_the_place_carries_the_phrase():
    text = "Russian troops reached Ternivka. They are now fighting 3 km north of the village."
    places = places_of(text)
    at = (text.index("the village"), text.index("the village") + len("the village"))
    g = geometry_for(text, places[0], places, span=(text.index("They"), len(text)), at=at)
    assert g.kind == "offset" and g.points[0].lat > COORDS["Ternivka"][0]
