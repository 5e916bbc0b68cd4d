"""Hand-made places for claim tests: every known name in a text becomes a resolved place, so a test
checks the claims logic alone (no gazetteer)."""
import re

from frontmap.claims.extract import extract_claims
from frontmap.model import Place, Report

IN_RUSSIA = {"Tetkino", "Glushkovo"}
REGIONS = {"Donetsk region": "Donetsk", "Kharkiv region": "Kharkiv"}
NAMES = ("Ternivka", "Marivka", "Bilohirka", "Zelenivka", "Novoselivka", "Robotyne", "Kupiansk", "Hrushivka",
         "Sadove", "Ozerne", "Tetkino", "Glushkovo")


def _place(name: str, start: int) -> Place:
    kind = "region" if name in REGIONS else "settlement"
    oblast = REGIONS.get(name, "Kursk (Russia)" if name in IN_RUSSIA else "Donetsk")
    return Place(text=name, start=start, end=start + len(name), name=name, kind=kind, oblast=oblast,
                 lat=48.0 + len(name) / 100, lon=37.0, id=f"test:{name}", confidence=0.9, status="resolved")


def claims_of(text: str, date: str = "2025-11-21"):
    places = []
    for n in sorted(NAMES + tuple(REGIONS), key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(n)}(?!\w)", text):
            if not any(p.start <= m.start() < p.end for p in places):
                places.append(_place(n, m.start()))
    return extract_claims(Report(path="t.txt", date=date, text=text), sorted(places, key=lambda p: p.start))


def facts(c) -> tuple:
    return c.event, c.beneficiary, c.claimant_side, c.stance


def on(claims, name: str, event: str | None = None, side: str | None = None) -> list:
    return [c for c in claims if c.place.name == name and (event is None or c.event == event)
            and (side is None or c.claimant_side == side)]


def table(claims) -> list[tuple]:
    """What an assertion message should show: place, event, claimant, side, stance."""
    return [(c.place.name, c.event, c.claimant, c.claimant_side, c.stance) for c in claims]
