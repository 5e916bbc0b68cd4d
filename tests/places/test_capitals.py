"""An oblast capital named as where settlements lie names the oblast (places/capitals.py).
Sentences written for these tests."""
import pytest


def _place(extraction, text):
    return next(p for p in extraction.places if p.text == text)


@pytest.mark.parametrize("text, capital, oblast", [
    ("Fighting continues near Pokrovsk and Myrnohrad in Donetsk, the General Staff said.", "Donetsk", "Donetsk"),
    ("Russian drones attacked Balakliia, Kharkiv, overnight.", "Kharkiv", "Kharkiv"),     # "A, <capital>"
])
def test_a_capital_that_locates_settlements_outside_it_is_the_oblast(extract, text, capital, oblast):
    found = extract(text)
    p = _place(found, capital)
    assert (p.kind, p.oblast, p.name) == ("region", oblast, f"{oblast} Oblast"), p
    assert "names the oblast" in p.reason
    assert not [c for c in found.claims if c.place.text == capital], found.claims


@pytest.mark.parametrize("text", [
    "Russian forces attacked Kharkiv and Sumy overnight.",                  # a list of cities
    "Shelling hit Kharkiv, the regional governor said.",
])
def test_a_capital_that_locates_nothing_stays_the_city(extract, text):
    p = _place(extract(text), "Kharkiv")
    assert (p.kind, p.name) == ("settlement", "Kharkiv"), p
