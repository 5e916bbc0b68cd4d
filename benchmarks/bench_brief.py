"""Time to brief one date with 500 claims, in each format (synthetic ledger in a temp folder).

The ledger has the date briefed (500 claims in 10 reports, a tenth of the places unresolved or
ambiguous) and an earlier date (300 claims) for the "new since" diff.  Each format is timed end
to end, as `frontmap brief` runs it (ledger read, diff, map page, PNG, document), best of
three runs after a warm-up; .md and .docx include starting headless Chromium for the PNG.
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
from frontmap.model import Claim, Extraction, Place, Report  # noqa: E402

BEFORE, DATE = "2025-11-20", "2025-11-22"
N_CLAIMS, N_BEFORE, PER_REPORT = 500, 300, 50
EVENTS = ("captured", "advance", "fighting", "repelled", "strike", "encircled", "withdrawal", "liberated")
SIDES = ("RU", "UA", "third", "outlet")
STANCES = ("asserted", "reported", "hedged", "denied")


def synthetic_extractions(date: str, n_claims: int, *, seed: int) -> list[Extraction]:
    rng = random.Random(seed)
    spots = [(f"Place{i:04d}", 46.5 + rng.random() * 4.0, 34.5 + rng.random() * 5.0) for i in range(150)]
    out = []
    for r in range(0, n_claims, PER_REPORT):
        sentences = []
        claims = []
        for k in range(r, min(r + PER_REPORT, n_claims)):
            name, lat, lon = spots[rng.randrange(len(spots))]
            sentence = f"Claim {k}: the fighting at {name} was described by the source, with units and times. "
            start = sum(len(s) for s in sentences) + sentence.index(name)
            sentences.append(sentence)
            status = "unresolved" if k % 20 == 0 else "ambiguous" if k % 20 == 1 else "resolved"
            located = status != "unresolved"
            place = Place(text=name, start=start, end=start + len(name), name=name if located else None,
                          kind="settlement", oblast="Donetsk" if located else None,
                          lat=lat if located else None, lon=lon if located else None,
                          id=f"gn:{name}" if located else None, confidence=rng.choice((0.4, 0.7, 0.95)),
                          status=status, alternatives=[{"name": name, "oblast": "Kharkiv", "raion": "Izium"}]
                          if status != "resolved" else [])
            event = rng.choice(EVENTS)
            claims.append(Claim(place=place, event=event, beneficiary=rng.choice(("RU", "UA", None)),
                                claimant=f"Claimant {k % 37}", claimant_side=rng.choice(SIDES),
                                stance=rng.choice(STANCES), evidence=sentence.strip()))
        text = "".join(sentences) + "\n"
        report = Report(path=f"/bench/{date}-{r:04d}.txt", date=date, text=text,
                        sha256=hashlib.sha256(f"{date}-{r}".encode()).hexdigest())
        out.append(Extraction(report=report, places=[c.place for c in claims], claims=claims,
                              unresolved=[c.place for c in claims if c.place.status != "resolved"]))
    return out


def main() -> None:
    from frontmap.briefs.write import write_brief
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        with Ledger(db) as ledger:
            ledger.ingest(synthetic_extractions(BEFORE, N_BEFORE, seed=3) + synthetic_extractions(DATE, N_CLAIMS, seed=7))
            write_brief(ledger, DATE, Path(tmp) / "warm.html")          # loads Leaflet, the gazetteer words
            print(f"brief of {DATE}: {len(ledger.claims(DATE))} claims in {len(ledger.reports(DATE))} reports, "
                  f"diff against {len(ledger.claims(BEFORE))} claims of {BEFORE}")
            for suffix in (".html", ".md", ".docx"):
                times = []
                for _ in range(3):
                    t0 = time.perf_counter()
                    written = write_brief(ledger, DATE, Path(tmp) / f"brief{suffix}")
                    times.append(time.perf_counter() - t0)
                size = sum(p.stat().st_size for p in written) / 1e6
                print(f"  {suffix:6s} {min(times):6.2f} s (best of 3; runs {', '.join(f'{t:.2f}' for t in times)})"
                      f"  {size:.1f} MB written")
            from frontmap.briefs.collect import collect_brief
            from frontmap.render.snapshot import map_png
            page = collect_brief(ledger, DATE).map_html
            t0 = time.perf_counter()
            map_png(page)
            print(f"  of which the map PNG alone (Chromium start included): {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()
