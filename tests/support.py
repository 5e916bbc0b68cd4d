"""What the tests share, importable from every folder (pyproject puts tests/ on sys.path):

* where things are: REPO, SHARED (../shared, data only on CI and developer machines), SEEDS, GAZETTEER;
* hand-made places for claim tests (claims_of, facts, on, table): every known name in a text becomes
  a resolved place, so a test checks the claims logic alone (no gazetteer);
* a hand-made two-date ledger for briefs, maps and the CLI (make_ledger, D1, D2, EVIL);
* headless Chromium for the browser tests (offline_chromium, browser_or_skip, assert_not_blank).
  Without Chromium those tests skip, except on CI (CI=true), where a missing browser is a failure.
  Install: apt-get install -y chromium chromium-driver, and pip install selenium pillow.
  Every test that starts Chromium is marked ``@pytest.mark.browser``.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from frontmap.model import Claim, Extraction, Place, Report

# --- where things are ---------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"
GAZETTEER = REPO / "gazetteer"
needs_shared = pytest.mark.skipif(
    not SHARED.exists(), reason="../shared not present (its data is only on CI and developer machines)")


# --- hand-made places for claim tests ----------------------------------------------------

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
    from frontmap.claims.extract import extract_claims
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


def events_at(text: str, name: str) -> list[str]:
    """The events of the claims at ``name`` in ``text`` (places made by hand, see claims_of)."""
    return [c.event for c in on(claims_of(text), name)]


def table(claims) -> list[tuple]:
    """What an assertion message should show: place, event, claimant, side, stance."""
    return [(c.place.name, c.event, c.claimant, c.claimant_side, c.stance) for c in claims]


# --- a hand-made ledger for briefs, maps and the CLI ---------------------------------------

D1, D2 = "2024-05-01", "2024-05-03"
EVIL = "<img src=x onerror=alert(1)>"
PIPE = "one | two\nthree"


def _ledger_place(name, lat=48.2, lon=37.6, status="resolved", alternatives=()):
    located = lat is not None
    return Place(text=name, start=0, end=len(name), name=name if located else None, kind="settlement",
                 oblast="Donetsk" if located else None, lat=lat, lon=lon, id=f"gn:{name}" if located else None,
                 confidence=0.9, status=status, alternatives=list(alternatives))


def _ledger_claim(p, event, beneficiary, side, stance, claimant, evidence):
    return Claim(place=p, event=event, beneficiary=beneficiary, claimant=claimant, claimant_side=side,
                 stance=stance, evidence=evidence)


def make_ledger(db: Path) -> Path:
    """Two dates; the second has a denial, a withdrawal, a contested place, hostile and awkward text."""
    from frontmap.ledger.store import Ledger
    place, claim = _ledger_place, _ledger_claim
    alpha, beta = place("Alphaville", 48.2, 37.6), place("Betatown", 47.6, 36.2)
    twin = place("Twinford", 47.9, 35.4, status="ambiguous",
                 alternatives=[{"name": "Twinford", "oblast": "Kharkiv", "raion": "Izium"}])
    nowhere = place("Nowhereville", None, None, status="unresolved",
                    alternatives=[{"name": "Nowheretown", "oblast": "Sumy", "raion": "Shostka"}])
    first = [claim(alpha, "captured", "RU", "RU", "asserted", "Defence ministry", "Troops took Alphaville."),
             claim(beta, "advance", "UA", "UA", "asserted", "Brigade", "Units moved up near Betatown.")]
    second = [claim(alpha, "captured", "RU", "RU", "asserted", "Defence ministry", "Alphaville is held, they said."),
              claim(alpha, "captured", "RU", "UA", "denied", "General Staff", f"Staff denied it {EVIL} at Alphaville."),
              claim(beta, "withdrawal", "RU", "UA", "asserted", "Brigade", f"The brigade left Betatown: {PIPE}."),
              claim(twin, "strike", None, "third", "asserted", "Monitors", "A strike hit Twinford overnight."),
              claim(nowhere, "fighting", None, "outlet", "reported", EVIL, "Clashes near Nowhereville\x07 went on.")]
    second_text = "Second report. Clashes near Nowhereville went on. Twinford too.\n"
    nowhere.start = second_text.index("Nowhereville")        # where the name is: its sentence is found
    nowhere.end = nowhere.start + len("Nowhereville")
    for date, claims, text in ((D1, first, "First report.\n"), (D2, second, second_text)):
        report = Report(path=f"/in/{EVIL}-{date}.txt", date=date, text=text,
                        sha256=hashlib.sha256(text.encode()).hexdigest())
        places = [c.place for c in claims]
        with Ledger(db) as ledger:
            ledger.ingest([Extraction(report=report, places=places, claims=claims,
                                      unresolved=[p for p in places if p.status != "resolved"])])
    return db


# --- headless Chromium -------------------------------------------------------------------

IN_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
CHROME_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--hide-scrollbars",
                "--host-resolver-rules=MAP * ~NOTFOUND")
# window.alert and friends only record, in every frame: an injected handler that ran leaves a trace
RECORD_ALERTS = ("window.__alerts = [];"
                 "['alert', 'confirm', 'prompt'].forEach(function (f) {"
                 "  window[f] = function (m) { window.__alerts.push(f + ':' + m); }; });")


def missing_browser_parts() -> list[str]:
    missing = [f"{exe} (apt-get install -y chromium chromium-driver)" for exe in ("chromium", "chromedriver")
               if not shutil.which(exe)]
    for module in ("selenium", "PIL"):
        try:
            __import__(module)
        except ImportError:
            missing.append(f"python module {module} (pip install selenium pillow)")
    return missing


def require_browser() -> None:
    """Skip without a browser; on CI, fail."""
    if missing := missing_browser_parts():
        message = "headless browser tests need " + ", ".join(missing)
        if IN_CI:
            pytest.fail(f"{message}; CI must have them")
        pytest.skip(message)


@contextmanager
def offline_chromium(profile_dir, width: int, height: int):
    """A selenium driver with the network switched off, alerts recorded and the console logged."""
    require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = shutil.which("chromium")
    for flag in CHROME_FLAGS + (f"--window-size={width},{height}",):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile_dir}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_ALERTS})
        yield driver
    finally:
        driver.quit()


def browser_or_skip() -> None:
    """Skip map pictures (frontmap.render.snapshot) without Chromium, chromedriver, selenium, Pillow
    or numpy; on CI, fail."""
    missing = [exe for exe in ("chromium", "chromedriver") if not shutil.which(exe)]
    for module in ("selenium", "PIL", "numpy"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        message = f"map pictures need {', '.join(missing)} (apt-get install -y chromium chromium-driver)"
        if IN_CI:
            pytest.fail(f"{message}; CI must have them")
        pytest.skip(message)


def assert_not_blank(png: bytes, size: tuple[int, int]):
    """Decode the PNG; it has the size asked for and a picture in it, not one flat colour."""
    import numpy as np
    from PIL import Image
    image = Image.open(io.BytesIO(png))
    image.load()
    assert image.format == "PNG" and image.size == size
    rgb = np.asarray(image.convert("RGB"), dtype=int)
    assert rgb.std() > 12, "the picture is (nearly) one colour"
    colours = len(np.unique(rgb.reshape(-1, 3), axis=0))
    assert colours > 50, f"only {colours} colours: nothing much was drawn"
    return image, rgb


# --- a PostgreSQL server with PostGIS ----------------------------------------------------
# Tests marked ``@pytest.mark.postgis`` run the ledger on a real server: Debian's postgresql and
# postgresql-15-postgis-3 (apt-get install -y postgresql postgresql-15-postgis-3) and psycopg
# (in the test extra).  The server is made with initdb in a temporary folder and listens on a free
# port of 127.0.0.1 only; as root it runs as 'nobody', since postgres refuses to run as root.
# Without those parts the tests skip, except on CI, where that is a failure.

def _postgres_bindir() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def missing_postgis_parts() -> list[str]:
    missing = []
    bindir = _postgres_bindir()
    if bindir is None or not (bindir / "pg_ctl").exists():
        missing.append("PostgreSQL's server programs (apt-get install -y postgresql)")
    else:
        version = bindir.parts[-2] if bindir.parts[-3] == "postgresql" else ""
        controls = list(Path("/usr/share/postgresql").glob(f"{version or '*'}/extension/postgis.control"))
        controls += list(Path("/usr/local/share/postgresql").glob("extension/postgis.control"))
        if not controls:
            missing.append(f"PostGIS (apt-get install -y postgresql-{version or '15'}-postgis-3)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        missing.append("psycopg (pip install -e '.[test]')")
    if os.geteuid() == 0 and not shutil.which("runuser"):
        missing.append("runuser, to run postgres as a user other than root")
    return missing


def require_postgis() -> None:
    """Skip without a PostgreSQL server and PostGIS; on CI, fail."""
    if missing := missing_postgis_parts():
        message = "PostGIS ledger tests need " + ", ".join(missing)
        if IN_CI:
            pytest.fail(f"{message}; CI must have them")
        pytest.skip(message)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def postgres_server():
    """A new PostgreSQL server for this test session: yields its base URL (no database part)."""
    import pwd
    import subprocess
    import tempfile

    require_postgis()
    bindir = _postgres_bindir()
    folder = Path(tempfile.mkdtemp(prefix="frontmap-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        os.chown(folder, nobody.pw_uid, nobody.pw_gid)
        as_user = ["runuser", "-u", "nobody", "--"]
    data = folder / "data"

    def run(*args: str) -> None:
        done = subprocess.run([*as_user, *args], capture_output=True, text=True, cwd=folder, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{' '.join(args)} failed: {done.stdout}{done.stderr}")

    run(str(bindir / "initdb"), "-D", str(data), "-U", "frontmap", "--auth=trust", "-E", "UTF8",
        "--locale=C.UTF-8", "--no-sync")
    for attempt in range(3):         # a port found free may be taken before the server binds it
        port = _free_port()
        options = (f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=40")
        try:
            run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-w", "-t", "60",
                "-o", options, "start")
            break
        except RuntimeError:
            if attempt == 2:
                raise
    try:
        yield f"postgresql://frontmap@127.0.0.1:{port}"
    finally:
        try:
            run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(folder, ignore_errors=True)


class PostgisDatabases:
    """New, empty databases on one server: ``new()`` gives a URL; each has PostGIS unless ``bare``."""

    def __init__(self, base: str):
        import psycopg

        self.base, self.count = base, 0
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE frontmap_template")
        with psycopg.connect(f"{base}/frontmap_template", autocommit=True) as conn:
            conn.execute("CREATE EXTENSION postgis")

    def new(self, *, bare: bool = False) -> str:
        import psycopg

        self.count += 1
        name = f"ledger_{self.count}"
        with psycopg.connect(f"{self.base}/postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE {'template0' if bare else 'frontmap_template'}")
        return f"{self.base}/{name}"


def run_cli(*args):
    """The CLI's result; a traceback (any exception but SystemExit) fails the test."""
    from click.testing import CliRunner

    from frontmap.cli import cli
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"{type(result.exception).__name__}: {result.exception}"
    assert "Traceback" not in result.output
    return result
