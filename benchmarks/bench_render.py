"""Time and size of one date's map for 1,000 and 10,000 claims (synthetic ledger in a temp folder).

Targets on the project machine: 10,000 claims in under 5 s and under 15 MB of HTML.
The ledger read is timed apart from the page render; the first render also pays
for loading Leaflet from folium-offline, so a warm-up render runs first.
"""
from __future__ import annotations

import hashlib
import random
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from frontmap.ledger.store import Ledger  # noqa: E402
from frontmap.model import Claim, Extraction, Geometry, Place, Point, Report  # noqa: E402
from frontmap.render.map import render_map  # noqa: E402

DATE = "2025-11-22"
EVENTS = ("captured", "advance", "fighting", "repelled", "strike", "encircled", "withdrawal", "liberated")
SIDES = ("RU", "UA", "third", "outlet")
STANCES = ("asserted", "reported", "hedged", "denied")


def synthetic_extractions(n_claims: int, *, per_report: int = 50, seed: int = 7) -> list[Extraction]:
    """Reports of ``per_report`` claims each, over ~n/4 places in the east, a tenth with a shape."""
    rng = random.Random(seed)
    n_places = max(1, n_claims // 4)
    spots = [(f"Place{i:05d}", 46.5 + rng.random() * 4.0, 34.5 + rng.random() * 5.0) for i in range(n_places)]
    out = []
    for r in range(0, n_claims, per_report):
        text = f"Synthetic report {r}.\n"
        report = Report(path=f"/bench/report-{r:06d}.txt", date=DATE, text=text,
                        sha256=hashlib.sha256(f"{n_claims}-{r}".encode()).hexdigest())
        claims = []
        for k in range(r, min(r + per_report, n_claims)):
            name, lat, lon = spots[rng.randrange(n_places)]
            place = Place(text=name, start=0, end=len(name), name=name, kind="settlement", oblast="Donetsk",
                          lat=lat, lon=lon, id=f"gn:{name}", confidence=rng.choice((0.4, 0.7, 0.95)),
                          status="resolved")
            event = rng.choice(EVENTS)
            geometry = None
            if k % 10 == 0:
                geometry = Geometry(kind="line", points=(Point(lat, lon), Point(lat + 0.05, lon + 0.08)),
                                    text=f"from {name} toward the next village")
            elif k % 10 == 5:
                geometry = Geometry(kind="buffer", points=(Point(lat, lon),), radius_km=5.0, text=f"near {name}")
            claims.append(Claim(
                place=place, event=event, beneficiary=rng.choice(("RU", "UA", None)),
                claimant=f"Claimant {k % 37}", claimant_side=rng.choice(SIDES), stance=rng.choice(STANCES),
                evidence=(f"Claim number {k}: the {event} at {name} was described in some detail by the "
                          "source, with units, directions and the time of day, as evidence usually is."),
                geometry=geometry))
        out.append(Extraction(report=report, places=[c.place for c in claims], claims=claims))
    return out


def measure(n_claims: int, folder: Path) -> dict[str, float]:
    with Ledger(folder / f"bench-{n_claims}.db") as ledger:
        ledger.ingest(synthetic_extractions(n_claims))
        t0 = time.perf_counter()
        claims = ledger.claims(DATE)
        t1 = time.perf_counter()
        page = render_map(DATE, claims, attribution="synthetic")
        t2 = time.perf_counter()
    return {"claims": len(claims), "read_s": t1 - t0, "render_s": t2 - t1,
            "mb": len(page.encode("utf-8")) / 1e6}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        render_map(DATE, [], attribution="warm-up")
        for n in (1_000, 10_000):
            m = measure(n, Path(tmp))
            total = m["read_s"] + m["render_s"]
            print(f"   {m['claims']:>6} claims: ledger read {m['read_s']:.2f} s + render {m['render_s']:.2f} s "
                  f"= {total:.2f} s, HTML {m['mb']:.2f} MB"
                  + ("" if n < 10_000 else f"  (targets: < 5 s, < 15 MB: "
                     f"{'met' if total < 5 and m['mb'] < 15 else 'MISSED'})"), flush=True)


if __name__ == "__main__":
    main()
