"""Time and memory of the control ledger and the claimed areas: 1,000 dates x 100 claims.

Synthetic StoredClaims over real gazetteer settlements of the front-line oblasts (a fixed
seed, so every run measures the same claims).  Each step is timed on its own, then run again
under tracemalloc for its peak of Python allocations; shapely's GEOS memory is outside
Python's allocator, so the growth of the process's peak RSS is given too.  The time view of
those 1,000 dates is rendered last, from the areas already made (its time and size).
"""
from __future__ import annotations

import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from frontmap.gazetteer.store import default_gazetteer  # noqa: E402
from frontmap.ledger.areas import claimed_areas  # noqa: E402
from frontmap.ledger.control import control_from_claims  # noqa: E402
from frontmap.ledger.store import StoredClaim  # noqa: E402
from frontmap.model import Claim, Place  # noqa: E402

N_DATES, PER_DATE, N_PLACES = 1_000, 100, 2_000
FRONT = ("Donetsk", "Luhansk", "Kharkiv", "Zaporizhzhia", "Kherson", "Dnipropetrovsk")
# (event, weight): gains and pressure, as a day's reports mix them
EVENTS = (("captured", 20), ("liberated", 6), ("withdrawal", 4), ("advance", 20), ("fighting", 25),
          ("encircled", 3), ("repelled", 12), ("strike", 10))
SIDES = ("RU", "UA", "third", "outlet")
STANCES = (("asserted", 70), ("reported", 20), ("hedged", 6), ("denied", 4))


def synthetic_claims(seed: int = 12) -> list[StoredClaim]:
    rng = random.Random(seed)
    gaz = default_gazetteer()
    pool = sorted((e for e in gaz.entries("settlement") if e.oblast in FRONT), key=lambda e: e.id)
    spots = rng.sample(pool, min(N_PLACES, len(pool)))
    places = [Place(text=e.name, start=0, end=len(e.name), name=e.name, kind="settlement", oblast=e.oblast,
                    lat=e.lat, lon=e.lon, id=e.id, confidence=0.9, status="resolved") for e in spots]
    events, ew = zip(*EVENTS)
    stances, sw = zip(*STANCES)
    out = []
    for d in range(N_DATES):
        date = f"{2023 + d // 360}-{d % 360 // 30 + 1:02d}-{d % 30 + 1:02d}"
        for k in range(PER_DATE):
            event = rng.choices(events, ew)[0]
            side = rng.choice(SIDES)
            beneficiary = "UA" if event == "liberated" else rng.choice(("RU", "UA"))
            claim = Claim(place=rng.choice(places), event=event, beneficiary=beneficiary,
                          claimant=f"Claimant {k % 23}", claimant_side=side, stance=rng.choices(stances, sw)[0],
                          evidence=f"Claim {d}-{k}: the {event} was described by the source in a sentence.")
            out.append(StoredClaim(id=len(out) + 1, claim=claim, report_path=f"/bench/{date}-{k // 20}.txt",
                                   report_date=date, report_sha256=f"{d:064d}"))
    return out


def _measure(step):
    """(result, seconds, tracemalloc peak MB, growth of peak RSS in MB)."""
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    result = step()
    seconds = time.perf_counter() - t0
    rss_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024
    tracemalloc.start()
    step()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return result, seconds, peak, rss_mb


def main() -> None:
    claims = synthetic_claims()
    default_gazetteer()                                  # loaded once, outside every figure
    claimed_areas([])                                    # shapely and pyproj imported likewise
    rows = []
    ledger, s, mb, rss = _measure(lambda: control_from_claims(claims))
    overall = [ch for ch in ledger.changes if ch.view == "all"]
    rows.append(("control ledger", f"{len(claims):,} claims -> {len(ledger.changes):,} changes "
                 f"({len(overall):,} overall)", s, mb, rss))
    last = ledger.dates[-1]
    held, s, mb, rss = _measure(lambda: ledger.on(last))
    rows.append(("status on the last date", f"{len(held):,} places", s, mb, rss))
    moved, s, mb, rss = _measure(lambda: ledger.between(None, last))
    rows.append(("changes, first to last date", f"{len(moved):,} changes", s, mb, rss))
    areas, s, mb, rss = _measure(lambda: claimed_areas(overall))
    rows.append(("claimed areas", f"{len(areas):,} (date, side) areas, "
                 f"{sum(a.km2 for a in areas):,.0f} km²", s, mb, rss))
    from frontmap.render.timeview import render_time_view
    page, s, mb, rss = _measure(lambda: render_time_view(ledger.dates, ledger, attribution="synthetic", areas=areas))
    rows.append(("time view page (areas made)", f"{len(page.encode()) / 1e6:.1f} MB of HTML", s, mb, rss))
    print(f"   {N_DATES:,} dates x {PER_DATE} claims over {N_PLACES:,} gazetteer settlements")
    print(f"   {'step':<28} {'what':<52} {'time s':>7} {'peak MB':>8} {'+RSS MB':>8}")
    for name, what, s, mb, rss in rows:
        print(f"   {name:<28} {what:<52} {s:>7.2f} {mb:>8.1f} {rss:>8.1f}", flush=True)
    print("   (peak MB: tracemalloc, Python allocations in the step; +RSS MB: growth of the process's peak "
          "RSS, which counts GEOS too)")


if __name__ == "__main__":
    main()
