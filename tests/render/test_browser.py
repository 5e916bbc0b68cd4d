"""Maps in a real browser: headless Chromium (Debian's chromium + chromium-driver) driven by selenium.

The page is opened from file:// with the network switched off.  Without Chromium the
tests skip, except on CI (CI=true), where a missing browser is a failure.
Install: apt-get install -y chromium chromium-driver, and pip install selenium pillow.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest

from frontmap.ledger.store import Ledger
from frontmap.model import Claim, Extraction, Geometry, Place, Point, Report
from frontmap.render.map import write_maps
from support import REPO, offline_chromium

pytestmark = pytest.mark.browser
EVIL_TAG = "<img src=x onerror=alert(1)>"
WIDTH, HEIGHT = 1280, 800


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with offline_chromium(tmp_path_factory.mktemp("chromium-profile"), WIDTH, HEIGHT) as driver:
        yield driver


def open_page(driver, path: Path) -> list[dict]:
    """Load a page, wait for the map script; return the console messages of the load."""
    driver.get_log("browser")                     # drop messages of earlier pages
    driver.get(path.resolve().as_uri())
    for _ in range(100):
        if driver.execute_script("return !!(window.frontmap && window.frontmap.map)"):
            break
        time.sleep(0.05)
    time.sleep(0.4)                               # let Leaflet settle (fit, clusters, labels)
    return driver.get_log("browser")


def severe(logs: list[dict]) -> list[str]:
    return [e["message"] for e in logs if e["level"] == "SEVERE"]


# --- a small hand-made ledger -------------------------------------------------------------

def place(name, lat, lon, status="resolved"):
    return Place(text=name, start=0, end=len(name), name=name if lat is not None else None, kind="settlement",
                 oblast="Donetsk", lat=lat, lon=lon, id=f"gn:{name}" if lat is not None else None,
                 confidence=0.9, status=status,
                 alternatives=[{"name": name, "oblast": "Kharkiv", "raion": "Izium"}] if status == "ambiguous" else [])


def claim(p, event, beneficiary, side, stance, claimant, evidence, geometry=None):
    return Claim(place=p, event=event, beneficiary=beneficiary, claimant=claimant, claimant_side=side,
                 stance=stance, evidence=evidence, geometry=geometry)


def build_ledger(path: Path) -> int:
    alpha, beta = place("Alphaville", 48.2, 37.6), place("Betatown", 47.6, 36.2)
    evil = place("Eviltown", 48.9, 36.6)
    evil.text = "Eviltown</script>"
    claims = [
        claim(alpha, "captured", "RU", "RU", "asserted", "Defence ministry", "Troops took Alphaville, the ministry said."),
        claim(alpha, "captured", "RU", "UA", "denied", "General Staff", "Staff denied that Alphaville fell."),
        claim(beta, "advance", "UA", "UA", "hedged", "Brigade spokesman", "Units may have moved from Betatown east.",
              Geometry(kind="line", points=(Point(47.6, 36.2), Point(47.7, 36.6)), text="from Betatown east")),
        claim(evil, "fighting", None, "outlet", "reported", EVIL_TAG,
              f"Reporters wrote {EVIL_TAG} and </script> about Eviltown."),
        claim(place("Twinford", 47.9, 35.4, status="ambiguous"), "strike", None, "third", "asserted",
              "Monitors", "A strike hit Twinford overnight."),
        claim(place("Nowhere", None, None, status="unresolved"), "fighting", None, "UA", "reported",
              "General Staff", "Clashes near Nowhere."),
    ]
    report = Report(path=f"/in/</script>{EVIL_TAG}.txt", date="2024-05-01", text="Test report.\n",
                    sha256=hashlib.sha256(b"browser").hexdigest())
    with Ledger(path) as ledger:
        ledger.ingest([Extraction(report=report, places=[c.place for c in claims], claims=claims)])
    return sum(1 for c in claims if c.place.lat is not None)


@pytest.fixture(scope="module")
def small_map(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser-map")
    n_located = build_ledger(folder / "l.db")
    with Ledger(folder / "l.db") as ledger:
        written = write_maps(ledger, folder / "maps", attribution="Places: test gazetteer")
    return written[0], n_located


@pytest.fixture(scope="module")
def loaded(browser, small_map):
    page, n_located = small_map
    logs = open_page(browser, page)
    return browser, logs, n_located


# --- the checks the issue asks for --------------------------------------------------------

def test_legend_and_title_are_shown(loaded):
    from selenium.webdriver.common.by import By
    driver, _, _ = loaded
    legend = driver.find_element(By.ID, "fm-legend")
    assert legend.is_displayed() and "captured / liberated" in legend.text and "hedged" in legend.text
    assert driver.find_element(By.ID, "fm-title").text.startswith("Claims reported on 2024-05-01")
    layers = driver.find_element(By.CSS_SELECTOR, ".leaflet-control-layers").text
    assert "contested places (1)" in layers
    # the claimant groups are the title box's filters (collapsed at first), not layers
    filters = driver.execute_script("return document.getElementById('fm-filters').textContent")
    for name in ("Russian officials and sources (1)", "Ukrainian officials and sources (2)",
                 "OSINT and third parties (1)", "outlets (1)"):
        assert name in filters and name not in layers


def test_every_located_claim_has_a_marker(loaded):
    driver, _, n_located = loaded
    assert driver.execute_script("return frontmap.clustered") is False
    assert driver.execute_script("return document.querySelectorAll('.fm-marker').length") == n_located == 5
    # ...on the map folium made: its element, and the very object its page script declared
    assert driver.execute_script("var box = frontmap.map.getContainer();"
                                 "return box.classList.contains('folium-map') && window[box.id] === frontmap.map")
    # the basemap and the advance arrow are drawn too
    assert driver.execute_script("return document.querySelectorAll('.fm-label').length") > 100
    assert driver.execute_script("return document.querySelectorAll('path.leaflet-interactive').length") >= 2


def _click_marker(driver, index: int, place_name: str):
    """Click claim ``index``'s marker like a user; return the popup that opens."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    element = driver.execute_script("var m = frontmap.markers[arguments[0]]; frontmap.map.closePopup(); "
                                    "frontmap.map.setView(m.getLatLng(), 9, {animate: false}); "
                                    "return m.getElement();", index)
    from selenium.common.exceptions import ElementClickInterceptedException
    for attempt in range(5):
        try:
            element.click()
            break
        except ElementClickInterceptedException:
            # the closing popup or the view change may still lie over the marker on a busy machine
            if attempt == 4:
                raise
            time.sleep(0.2)

    from selenium.common.exceptions import StaleElementReferenceException
    seen = []

    def opened(d):
        # Leaflet may replace the popup's content while it settles (autopan re-renders it),
        # so an element found once can go stale: take it only when found the same twice in a row.
        found = d.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content")
        if not (found and found[0].text.startswith(place_name)):
            seen.clear()
            return False
        if seen and seen[-1] == found[0]:
            return found[0]
        seen[:] = [found[0]]
        return False
    return WebDriverWait(driver, 5, poll_frequency=0.1,
                         ignored_exceptions=(StaleElementReferenceException,)).until(opened)


def test_a_popup_opens_and_lists_every_claim_at_the_place(loaded):
    driver, _, _ = loaded
    popup = _click_marker(driver, 1, "Alphaville")           # the denial
    text = popup.text
    assert text.startswith("Alphaville") and "2 claims here" in text
    assert "Staff denied that Alphaville fell." in text and "Troops took Alphaville" in text
    assert "Contested: captured claimed and denied" in text
    assert text.index("General Staff") < text.index("Defence ministry")   # the clicked one first
    assert driver.execute_script("return document.querySelector('.fm-claim mark').textContent") == "Alphaville"


def test_report_text_shows_as_text_and_runs_nothing(loaded):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    driver, _, _ = loaded
    popup = _click_marker(driver, 3, "Eviltown")
    text = popup.text
    assert f"Reporters wrote {EVIL_TAG} and </script> about Eviltown." in text.replace("“", "").replace("”", "")
    assert f"claimed by {EVIL_TAG}" in text and f"script>{EVIL_TAG}.txt" in text
    assert popup.find_elements(By.TAG_NAME, "img") == []
    assert driver.execute_script("return document.querySelectorAll('img').length") == 0
    assert driver.execute_script("return window.__alerts") == []
    with pytest.raises(NoAlertPresentException):
        _ = driver.switch_to.alert.text


def test_no_console_errors_and_no_network(loaded):
    driver, logs, _ = loaded
    assert severe(logs + driver.get_log("browser")) == []
    requested = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert [u for u in requested if not u.startswith(("data:", "file:"))] == []


# the claims a clustered page shows: single markers plus every cluster's count
COUNT_CLAIMS_JS = ("var n = document.querySelectorAll('.fm-marker').length;"
                   "document.querySelectorAll('.fm-cluster span').forEach(function (s) { n += Number(s.textContent); });"
                   "return n;")


def thousand_claims_map(folder: Path) -> Path:
    """A date's map of 1,000 fighting claims at 250 spots, a quarter per claimant group: clustered."""
    base = [(47.0 + (k % 40) * 0.07, 35.0 + (k // 40) * 0.1) for k in range(250)]
    claims = [claim(place(f"Spot{k % 250}", *base[k % 250]), "fighting", None, ("RU", "UA", "third", "outlet")[k % 4],
                    "reported", "Someone", f"Fighting at Spot{k % 250}, report {k}.") for k in range(1000)]
    report = Report(path="/in/many.txt", date="2024-05-02", text="Many.\n", sha256="c" * 64)
    with Ledger(folder / "l.db") as ledger:
        ledger.ingest([Extraction(report=report, places=[], claims=claims)])
        return write_maps(ledger, folder / "maps", attribution="test")[0]


def test_a_thousand_claims_cluster_and_all_are_counted(browser, tmp_path):
    assert severe(open_page(browser, thousand_claims_map(tmp_path))) == []
    assert browser.execute_script("return frontmap.clustered") is True
    assert browser.execute_script(COUNT_CLAIMS_JS) == 1000


# --- how the seeds' maps look ------------------------------------------------------------------

def _pixels_where(image, box, test) -> float:
    """Share of pixels in box (left, top, right, bottom) that pass test(r, g, b) (numpy arrays)."""
    import numpy as np
    rgb = np.asarray(image.crop(tuple(int(v) for v in box)), dtype=int)[..., :3]
    return float(test(rgb[..., 0], rgb[..., 1], rgb[..., 2]).mean()) if rgb.size else 0.0


def test_seed_maps_screenshot_reads_well(browser, tmp_path, extractor):
    from PIL import Image
    with Ledger(tmp_path / "seeds.db") as ledger:
        ledger.ingest(extractor.extract_paths([REPO / "seeds"]))
        written = write_maps(ledger, tmp_path / "maps", attribution="Places: gazetteer")
    keep = os.environ.get("FRONTMAP_SCREENSHOTS")   # a folder to keep the PNGs in, to look at them
    busiest = None
    for page in [p for p in written if p.stem[:1].isdigit()]:   # the dates' maps (not the index, time view)
        assert severe(open_page(browser, page)) == []
        png = tmp_path / f"{page.stem}.png"
        browser.save_screenshot(str(png))
        if keep:
            shutil.copy(png, Path(keep) / png.name)
        image = Image.open(png).convert("RGB")
        assert image.size == (WIDTH, HEIGHT)
        rects = browser.execute_script(
            "function r(id) { var b = document.getElementById(id).getBoundingClientRect();"
            " return [b.left, b.top, b.right, b.bottom]; } return [r('fm-title'), r('fm-legend')];")
        for rect in rects:   # title and legend: boxes with text in them, on screen
            assert 0 <= rect[0] < rect[2] <= WIDTH and 0 <= rect[1] < rect[3] <= HEIGHT
            assert 0.01 < _pixels_where(image, rect, lambda r, g, b: r + g + b < 300) < 0.5
        # the basemap is drawn: a good part of the screen is the country's light fill
        assert _pixels_where(image, (0, 0, WIDTH, HEIGHT), lambda r, g, b: (r == 251) & (g == 250) & (b == 245)) > 0.1
        n = browser.execute_script("return frontmap.claims")
        if busiest is None or n > busiest[1]:
            busiest = (image, n, rects)
    image, n, (title, legend) = busiest
    assert n >= 10, "the seeds should give a map with claims"
    # markers show in the map area (right of the legend, below the title): red for claimed Russian gains
    area = (legend[2], title[3], WIDTH, HEIGHT - 40)     # right of the legend (bottom left)
    assert _pixels_where(image, area, lambda r, g, b: (r > 180) & (g < 90) & (b < 90)) > 0.0005


VISIBLE_LABELS_JS = """
return Array.prototype.filter.call(document.querySelectorAll('.fm-plabel-text'), function (e) {
  var b = e.getBoundingClientRect();   // visible, and laid out (display: none leaves visibility alone)
  return getComputedStyle(e).visibility === 'visible' && b.width > 0 && b.height > 0;
}).map(function (e) { var b = e.getBoundingClientRect(); return [e.textContent, b.left, b.top, b.right, b.bottom]; });
"""


def test_seed_map_names_its_places_and_no_two_names_overlap(browser, tmp_path, extractor):
    with Ledger(tmp_path / "seeds.db") as ledger:
        ledger.ingest(extractor.extract_paths([REPO / "seeds"]))
        written = write_maps(ledger, tmp_path / "maps", attribution="Places: gazetteer")
    busiest = max((p for p in written if p.stem[:1].isdigit()), key=lambda p: p.stat().st_size)
    assert severe(open_page(browser, busiest)) == []
    names = set(browser.execute_script("return JSON.parse(document.getElementById('frontmap-data')"
                                       ".textContent).places.map(function (p) { return p.n; })"))
    cities = browser.execute_script("return Array.prototype.map.call(document.querySelectorAll('.fm-city'),"
                                    " function (e) { return e.textContent; })")
    assert len(cities) >= 5 and not set(cities) & names     # a claimed city is named by its claims' label
    first = browser.execute_script("return frontmap.map.getZoom()")
    assert first >= 7          # the first view of the seed map is close enough for names
    for zoom in (first, 8, 9, 10):
        browser.execute_script("frontmap.map.setZoom(arguments[0], {animate: false})", zoom)
        time.sleep(0.3)
        labels = browser.execute_script(VISIBLE_LABELS_JS)
        assert len(labels) >= (5 if zoom <= 8 else 0) and {t for t, *_ in labels} <= names
        clash = [(a[0], b[0]) for i, a in enumerate(labels) for b in labels[i + 1:]
                 if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]
        assert clash == []
    browser.execute_script("frontmap.map.setZoom(6, {animate: false})")
    time.sleep(0.3)
    assert browser.execute_script(VISIBLE_LABELS_JS) == []      # below the labels' zoom: none
    # a place name from a report is text, never markup
    assert browser.execute_script("return document.querySelectorAll('.fm-plabel-text *').length") == 0


NAMES_ON_SYMBOLS_JS = """
var symbols = Array.prototype.map.call(document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon'),
  function (e) { return e.getBoundingClientRect(); });
return Array.prototype.filter.call(document.querySelectorAll('.fm-plabel-text'), function (e) {
  var b = e.getBoundingClientRect();
  if (getComputedStyle(e).visibility !== 'visible' || !b.width || !b.height) return false;
  return symbols.some(function (q) { return b.left < q.right && q.left < b.right && b.top < q.bottom && q.top < b.bottom; });
}).map(function (e) { return e.textContent; });
"""


def test_seed_map_names_sit_clear_of_the_symbols_where_they_can(browser, tmp_path, extractor):
    """A name is put beside its place on the first side that is clear of other names, the boxes
    and every symbol; only where no side is clear of the symbols does it cover one.  In print mode
    (every picture) the names show: a placed name's class is its own, not the filter counter's
    (.fm-shown, hidden in print), which once hid every name in the pictures."""
    with Ledger(tmp_path / "seeds.db") as ledger:
        ledger.ingest(extractor.extract_paths([REPO / "seeds"]))
        written = write_maps(ledger, tmp_path / "maps", attribution="Places: gazetteer")
    busiest = max((p for p in written if p.stem[:1].isdigit()), key=lambda p: p.stat().st_size)
    # (with only the four sides and no regard for symbols, 4 of the names on screen and 3 in print
    # covered a symbol on this map)
    for address, most in ((busiest.as_uri(), 3), (busiest.as_uri() + "#print", 2)):
        browser.get("about:blank")
        browser.get(address)
        time.sleep(0.4)
        assert len(browser.execute_script(VISIBLE_LABELS_JS)) >= 10
        assert len(browser.execute_script(NAMES_ON_SYMBOLS_JS)) <= most, address
        style = browser.execute_script("var s = getComputedStyle(document.querySelector('.fm-plabel-text.fm-placed'));"
                                       "return [s.color, s.fontWeight];")
        assert style == ["rgb(27, 27, 27)", "600"]              # map.css's name style, no other rule's


def test_place_names_are_text(browser, small_map):
    driver = browser
    assert severe(open_page(driver, small_map[0])) == []
    driver.execute_script("frontmap.map.setZoom(9, {animate: false})")
    time.sleep(0.3)
    texts = driver.execute_script("return Array.prototype.map.call(document.querySelectorAll('.fm-plabel-text'),"
                                  " function (e) { return e.textContent; })")
    assert "Eviltown" in texts and "Alphaville" in texts
    assert driver.execute_script("return document.querySelectorAll('.fm-plabel-text *').length") == 0


def test_seed_map_first_view_keeps_the_legend_off_the_claims(browser, tmp_path, extractor):
    with Ledger(tmp_path / "seeds.db") as ledger:
        ledger.ingest(extractor.extract_paths([REPO / "seeds"]))
        written = write_maps(ledger, tmp_path / "maps", attribution="Places: gazetteer")
    for page in [p for p in written if p.stem[:1].isdigit()]:
        assert severe(open_page(browser, page)) == []
        # the claims' bounding box on screen (settlement claims: what the first view fits)
        claims = browser.execute_script(
            "var o = frontmap.map.getContainer().getBoundingClientRect();"
            "return frontmap.markers.map(function (m) { var b = m.getElement().getBoundingClientRect();"
            " return [b.left, b.top, b.right, b.bottom]; });")
        data = browser.execute_script("return JSON.parse(document.getElementById('frontmap-data').textContent)")
        if data["bounds"] is None:          # a date with no located claim: nothing to keep clear
            continue
        lats = [c["lat"] for c in data["claims"]]
        box = browser.execute_script(
            "var b = arguments[0], p = frontmap.map.latLngToContainerPoint([b[0][0], b[0][1]]),"
            " q = frontmap.map.latLngToContainerPoint([b[1][0], b[1][1]]);"
            "return [Math.min(p.x, q.x), Math.min(p.y, q.y), Math.max(p.x, q.x), Math.max(p.y, q.y)];",
            data["bounds"])
        assert claims and lats
        for sel in ("#fm-legend", "#fm-title"):
            r = browser.execute_script("var b = document.querySelector(arguments[0]).getBoundingClientRect();"
                                       "return [b.left, b.top, b.right, b.bottom];", sel)
            assert not (r[0] < box[2] and box[0] < r[2] and r[1] < box[3] and box[1] < r[3]), (sel, r, box)
        legend = browser.execute_script("return document.getElementById('fm-legend').getBoundingClientRect().right")
        assert legend < WIDTH / 2          # west of the front: the left half of the screen
        assert browser.execute_script("return document.getElementById('fm-legend').tagName") == "DETAILS"


def test_fullscreen_and_measure_controls_work_offline(browser, small_map):
    assert severe(open_page(browser, small_map[0])) == []
    count = lambda sel: browser.execute_script("return document.querySelectorAll(arguments[0]).length", sel)  # noqa: E731
    assert count(".leaflet-control-zoom-fullscreen") == 1 and count(".leaflet-control-measure") == 1
    requested = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert [u for u in requested if not u.startswith("data:")] == []
