"""HTML briefs opened offline in headless Chromium: the inline map draws, keeps to its box and
stays interactive, the tables show, and report text shows as text and runs nothing.  Skips
without Chromium, except on CI."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from frontmap.briefs.write import write_brief
from frontmap.ledger.store import Ledger
from support import D2, EVIL, REPO, make_ledger, offline_chromium

pytestmark = pytest.mark.browser
WIDTH, HEIGHT = 1280, 900


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with offline_chromium(tmp_path_factory.mktemp("profile"), WIDTH, HEIGHT) as driver:
        yield driver


def open_brief(driver, path: Path) -> list[dict]:
    """Load a brief; return the console messages.  The inline map is drawn while the page is
    parsed: by the time get() returns, its markers are there (checked, not waited for)."""
    driver.get_log("browser")
    driver.get(path.resolve().as_uri())
    assert driver.execute_script("return document.querySelectorAll('.frontmap-inline .leaflet-marker-icon').length") > 0
    return driver.get_log("browser")


def severe(logs):
    return [e["message"] for e in logs if e["level"] == "SEVERE"]


def check_offline(driver) -> None:
    requested = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert [u for u in requested if not u.startswith(("data:", "file:", "about:", "blob:"))] == []


def test_seed_brief_shows_its_map_and_tables_offline(browser, tmp_path, extractor):
    from selenium.webdriver.common.by import By
    with Ledger(tmp_path / "seeds.db") as ledger:
        ledger.ingest(extractor.extract_paths([REPO / "seeds"]))
        date = max(ledger.dates(), key=lambda d: len(ledger.claims(d)))
        n_claims = len(ledger.claims(date))
        [page] = write_brief(ledger, date, tmp_path / "seeds.html")
    assert severe(open_brief(browser, page)) == []
    frame = browser.find_element(By.CSS_SELECTOR, ".frontmap-inline")
    assert frame.is_displayed() and frame.size["height"] >= 600 and frame.size["width"] > 1000
    drawn = browser.execute_script("return [document.querySelectorAll('.leaflet-marker-icon').length,"
                              " !!document.querySelector('.leaflet-container'),"
                              " (function (l) { if (!l) return false; var r = l.getBoundingClientRect();"
                              "   return r.width > 50 && r.height > 50; })(document.querySelector('[id*=legend i], [class*=legend i]'))]")
    markers, has_map, legend_shown = drawn
    assert has_map and markers >= 5 and legend_shown
    tables = browser.find_elements(By.TAG_NAME, "table")
    assert len(tables) >= 4 and all(t.is_displayed() for t in tables)
    group_rows = browser.execute_script(
        "var n = 0; document.querySelectorAll('h2').forEach(function (h) {"
        "  if (h.textContent !== 'Claims by claimant group') return;"
        "  for (var e = h.nextElementSibling; e && e.tagName !== 'H2'; e = e.nextElementSibling)"
        "    if (e.tagName === 'TABLE') n += e.tBodies[0].rows.length; }); return n;")
    assert group_rows == n_claims
    check_offline(browser)


def test_report_text_in_a_brief_shows_as_text_and_runs_nothing(browser, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    with Ledger(make_ledger(tmp_path / "l.db")) as ledger:
        [page] = write_brief(ledger, D2, tmp_path / "evil.html", attribution="Places: test")
    assert severe(open_brief(browser, page)) == []
    body = browser.find_element(By.TAG_NAME, "body").text
    assert f"Staff denied it {EVIL} at Alphaville." in body
    assert f"General Staff ({EVIL}-{D2}.txt)" in body
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0
    assert browser.execute_script("return window.__alerts") == []
    # open every popup in the map, so any markup in the report text would have had its chance
    browser.execute_script("document.querySelectorAll('.leaflet-marker-icon').forEach("
                           "function (m) { m.click(); });")
    time.sleep(0.3)
    assert browser.execute_script("return [window.__alerts, document.querySelectorAll('img[src=x]').length]") == [[], 0]
    assert severe(browser.get_log("browser")) == []
    with pytest.raises(NoAlertPresentException):
        _ = browser.switch_to.alert.text
    check_offline(browser)


BOXES = """return (function () {
  var w = document.querySelector('.frontmap-inline').getBoundingClientRect();
  return Array.prototype.map.call(document.querySelectorAll('.frontmap-inline .fm-box, .frontmap-inline .leaflet-control'),
    function (e) { var r = e.getBoundingClientRect();
      return r.width < 1 ? null : [e.className.split(' ')[0], r.left >= w.left - 1 && r.right <= w.right + 1 &&
                                   r.top >= w.top - 1 && r.bottom <= w.bottom + 1, Math.round(r.top - w.top)]; })
    .filter(function (b) { return b; }); })()"""


def test_an_inline_map_keeps_to_its_box_and_the_brief_keeps_its_own_style(browser, tmp_path):
    """The map's boxes (fixed to the window on a map page) stay inside the map's box and scroll
    with it; the brief's rules do not restyle the map, nor the map's the brief; the map pans."""
    with Ledger(make_ledger(tmp_path / "l.db")) as ledger:
        [page] = write_brief(ledger, D2, tmp_path / "b.html", attribution="Places: test", height=700)
    assert severe(open_brief(browser, page)) == []
    boxes = browser.execute_script(BOXES)
    assert len(boxes) >= 4 and all(inside for _, inside, _ in boxes), boxes
    browser.execute_script("window.scrollTo(0, 300)")
    assert browser.execute_script(BOXES) == boxes                     # they move with the map
    style = browser.execute_script("""
      var s = function (q) { return getComputedStyle(document.querySelector(q)); };
      return [s('.frontmap-inline').height, s('body').marginTop !== '0px', s('body > h2').borderBottomStyle,
              s('.frontmap-legend h2').borderBottomStyle, s('.frontmap-title h1').fontSize, s('.fm-totals').fontSize,
              s('body > table td').fontSize, s('html').height === s('body').height];""")
    assert style == ["700px", True, "solid", "none", "16px", "13px", "13px", False]
    centre = browser.execute_script("return window.frontmap.map.getCenter().lng")
    browser.execute_script("window.frontmap.map.panBy([200, 0], {animate: false})")
    assert browser.execute_script("return window.frontmap.map.getCenter().lng") > centre
    check_offline(browser)
