"""PNG pictures of map pages, taken in headless Chromium (Debian's chromium + chromium-driver).

The page is opened from a temporary file with the network switched off, in its print mode
(``#print``: no zoom buttons or layer control, place names on, the legend as a compact key), at a
fixed viewport
(``width`` x ``height`` CSS pixels, scale 1, so the PNG has exactly that size).  Before the
picture is taken the map must have drawn, and its legend (a box on the page) must be open and
on screen: a picture whose reader cannot tell what the symbols mean is refused.

Chromium and its driver are found on PATH (``chromium``, ``chromedriver``), or at
``$FRONTMAP_CHROMIUM`` and ``$FRONTMAP_CHROMEDRIVER``.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from frontmap.errors import SnapshotError
from frontmap.files import write_atomic

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
DRIVERS = ("chromedriver",)
INSTALL = "apt-get install -y chromium chromium-driver (Debian, Ubuntu)"
PRINT_MODE = "#print"   # a map page's print mode: no controls, names on, a compact key (map.js)
MIN_SIZE, MAX_SIZE = (320, 240), (4096, 4096)
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--hide-scrollbars",
         "--disable-extensions", "--mute-audio", "--host-resolver-rules=MAP * ~NOTFOUND")
# the legend, whatever the renderer names it: frontmap's box, or a folium/branca legend
LEGEND_SELECTOR = '#fm-legend, .frontmap-legend, [id*="legend" i], [class*="legend" i]'
_LEGEND_JS = """
var sel = arguments[0], w = window.innerWidth, h = window.innerHeight, best = null;
document.querySelectorAll(sel).forEach(function (e) {
  if (e.parentElement && e.parentElement.closest(sel)) return;   // the outermost box only
  if (e.tagName === 'DETAILS') e.open = true;
  var r = e.getBoundingClientRect(), s = getComputedStyle(e);
  if (r.width < 1 || r.height < 1 || s.visibility === 'hidden' || s.display === 'none') return;
  var shown = Math.max(0, Math.min(r.right, w) - Math.max(r.left, 0)) *
              Math.max(0, Math.min(r.bottom, h) - Math.max(r.top, 0)) / (r.width * r.height);
  if (!best || shown > best.shown) best = {shown: shown, box: [r.left, r.top, r.right, r.bottom]};
});
return best;
"""


def find_chromium() -> tuple[str, str]:
    """(browser, driver) executables, or a SnapshotError saying how to install them."""
    browser = os.environ.get("FRONTMAP_CHROMIUM") or next(filter(None, map(shutil.which, BROWSERS)), None)
    driver = os.environ.get("FRONTMAP_CHROMEDRIVER") or next(filter(None, map(shutil.which, DRIVERS)), None)
    missing = [what for what, path in (("Chromium", browser), ("chromedriver", driver)) if not path]
    if missing:
        raise SnapshotError(f"a PNG of a map needs headless {' and '.join(missing)}, not found on PATH: "
                            f"install them with `{INSTALL}`, or set FRONTMAP_CHROMIUM and "
                            "FRONTMAP_CHROMEDRIVER to their paths (or write an .html brief, which needs neither)")
    for path in (browser, driver):
        if not os.access(path, os.X_OK):
            raise SnapshotError(f"{path!r} is not an executable file: fix FRONTMAP_CHROMIUM / "
                                f"FRONTMAP_CHROMEDRIVER, or install with `{INSTALL}`")
    return browser, driver


def check_size(width: int, height: int) -> None:
    if not (MIN_SIZE[0] <= width <= MAX_SIZE[0] and MIN_SIZE[1] <= height <= MAX_SIZE[1]):
        raise SnapshotError(f"picture size {width}x{height} is out of range: pass a width from "
                            f"{MIN_SIZE[0]} to {MAX_SIZE[0]} and a height from {MIN_SIZE[1]} to {MAX_SIZE[1]}")


class Snapshotter:
    """One headless Chromium, reused for every picture; use as a context manager."""

    def __init__(self, *, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self.legend_box: tuple[float, float, float, float] | None = None
        browser, driver = find_chromium()
        try:
            from selenium import webdriver
            from selenium.common.exceptions import WebDriverException
            from selenium.webdriver.chrome.options import Options
            from selenium.webdriver.chrome.service import Service
        except ImportError:
            raise SnapshotError("a PNG of a map needs the python package selenium, which is not "
                                "installed: pip install selenium") from None
        try:
            self._tmp = tempfile.TemporaryDirectory(prefix="frontmap-snapshot-")
        except OSError as exc:
            raise SnapshotError(f"cannot make a temporary folder for Chromium: {exc.strerror or exc}; "
                                "free some space in the temporary folder ($TMPDIR)") from None
        options = Options()
        options.binary_location = browser
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={Path(self._tmp.name) / 'profile'}")
        try:
            self._driver = webdriver.Chrome(service=Service(driver), options=options)
        except BaseException as exc:
            self._tmp.cleanup()
            if not isinstance(exc, WebDriverException):
                raise
            first = (exc.msg or str(exc)).strip().splitlines()[0] if (exc.msg or str(exc)).strip() else "no message"
            raise SnapshotError(f"headless Chromium ({browser}) would not start with {driver}: {first}; "
                                f"check that the two versions match (`{INSTALL}` installs a pair)") from None
        self._driver.set_page_load_timeout(timeout)
        self._driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)

    @property
    def driver(self):
        """The selenium driver: the last picture's page stays loaded, to be read after the shot."""
        return self._driver

    def __enter__(self) -> Snapshotter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self._driver.quit()
        finally:
            self._tmp.cleanup()

    def _page(self, name: str, page_html: str, what: str) -> Path:
        """page_html written to the snapshotter's folder for Chromium to open."""
        page = Path(self._tmp.name) / name
        try:
            page.write_text(page_html, encoding="utf-8", errors="backslashreplace")
        except OSError as exc:
            raise SnapshotError(f"cannot write {what} for Chromium to {str(page)!r}: {exc.strerror or exc}; "
                                "free some space in the temporary folder ($TMPDIR)") from None
        return page

    def png(self, page_html: str, *, width: int, height: int) -> bytes:
        """A ``width`` x ``height`` PNG of a whole HTML page (a map), legend on screen."""
        check_size(width, height)
        d = self._driver
        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                          {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        page = self._page("map.html", page_html, "the map")
        d.get("about:blank")
        d.get(page.as_uri() + PRINT_MODE)
        self._wait_for_map()
        legend = d.execute_script(_LEGEND_JS, LEGEND_SELECTOR)
        if not legend or legend["shown"] < 0.99:
            where = "has no legend" if not legend else f"legend is only {legend['shown']:.0%} on screen"
            raise SnapshotError(f"at {width}x{height} the map's {where}: pass a larger --width/--height")
        self.legend_box = tuple(legend["box"])     # (left, top, right, bottom) of the last picture's legend
        time.sleep(0.15)       # one more paint after opening the legend
        return d.get_screenshot_as_png()

    def pdf(self, page_html: str) -> bytes:
        """A PDF of a whole static HTML page (a brief whose map is a picture), through Chromium's
        print-to-PDF: A4 landscape, backgrounds printed, the page's own @page size if it sets one."""
        import base64

        page = self._page("page.html", page_html, "the page")
        self._driver.get("about:blank")
        self._driver.get(page.as_uri())        # returns once the page (and its data: pictures) has loaded
        printed = self._driver.execute_cdp_cmd("Page.printToPDF", {
            # A4 landscape: the paper's size says so (Chromium's "landscape" would turn this paper
            # back to portrait)
            "printBackground": True, "paperWidth": 11.69, "paperHeight": 8.27,
            "marginTop": 0.4, "marginBottom": 0.4, "marginLeft": 0.4, "marginRight": 0.4,
            "preferCSSPageSize": True})
        return base64.b64decode(printed["data"])

    def _wait_for_map(self) -> None:
        """Until the page has loaded, Leaflet has drawn, and two frames have been painted."""
        deadline = time.monotonic() + self.timeout
        ready = ("return document.readyState === 'complete' && "
                 "!!document.querySelector('.leaflet-container .leaflet-pane')")
        while not self._driver.execute_script(ready):
            if time.monotonic() > deadline:
                raise SnapshotError(f"the map did not draw within {self.timeout:.0f} s: open the HTML "
                                    "map in a browser to see why")
            time.sleep(0.05)
        self._driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "requestAnimationFrame(function () { requestAnimationFrame(function () { done(); }); });")
        time.sleep(0.35)       # Leaflet's fit and marker layout settle after the first frames


def map_png(page_html: str, *, width: int = 1280, height: int = 800) -> bytes:
    """A PNG of one map page (starts and stops a Chromium: use :class:`Snapshotter` for many)."""
    check_size(width, height)
    with Snapshotter() as shots:
        return shots.png(page_html, width=width, height=height)


def page_pdf(page_html: str) -> bytes:
    """A PDF of one static HTML page (starts and stops a Chromium)."""
    with Snapshotter() as shots:
        return shots.pdf(page_html)


def map_pngs(pages: Iterable[tuple[str, str]], *, width: int, height: int) -> Iterator[tuple[str, bytes]]:
    """(name, PNG) for each (name, page HTML), with one Chromium."""
    check_size(width, height)
    with Snapshotter() as shots:
        for name, page in pages:
            yield name, shots.png(page, width=width, height=height)


def write_map_pngs(ledger, out_dir: str | Path, *, date: str | None = None, width: int = 1280,
                   height: int = 800, attribution: str | None = None,
                   reference=None, warn: Callable[[str], None] | None = None) -> list[Path]:
    """Write ``<date>.png`` of each report date's map (or just ``date``'s) into ``out_dir``
    (``reference``: what ``render_map`` takes; each date takes its own)."""
    from frontmap.ledger.control import control_ledger
    from frontmap.render.control import reference_for, references_of, warn_once
    from frontmap.render.map import render_map
    check_size(width, height)
    dates = ledger.dates()
    if date is not None:
        ledger.require_date(date)
    days = [date] if date else dates
    references = references_of(reference)
    seen: set[str] = set()
    for day in days:   # every reference read before Chromium starts: a bad file writes nothing
        warn_once(warn, seen, reference_for(references, day).warning)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SnapshotError(f"cannot create folder {str(out)!r}: {exc.strerror or exc}; pass another --out") from None
    control = control_ledger(ledger)
    pages = ((day, render_map(day, ledger.claims(day), attribution=attribution, reference=references,
                              n_reports=len(ledger.reports(day)), control=control, warn=lambda _: None))
             for day in days)
    written = []
    for day, png in map_pngs(pages, width=width, height=height):
        written.append(write_atomic(out / f"{day}.png", png, error=SnapshotError))
    return written
