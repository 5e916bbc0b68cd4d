"""HTML briefs opened offline in headless Chromium: the embedded map draws, the tables show,
and report text shows as text and runs nothing.  Skips without Chromium, except on CI."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from frontmap.briefs.write import write_brief
from frontmap.ledger.store import Ledger
from support import D2, EVIL, RECORD_ALERTS, REPO, make_ledger, offline_chromium

pytestmark = pytest.mark.browser
WIDTH, HEIGHT = 1280, 900


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with offline_chromium(tmp_path_factory.mktemp("profile"), WIDTH, HEIGHT) as driver:
        yield driver


def open_brief(driver, path: Path) -> list[dict]:
    """Load a brief, wait until the map in its frame has drawn; return the console messages."""
    from selenium.webdriver.common.by import By
    driver.get_log("browser")
    driver.get(path.resolve().as_uri())
    frame = driver.find_element(By.CSS_SELECTOR, "iframe.frontmap-embed")
    driver.switch_to.frame(frame)
    try:
        for _ in range(200):
            if driver.execute_script("return document.readyState === 'complete' && "
                                     "document.querySelectorAll('.leaflet-marker-icon, .leaflet-interactive').length > 0"):
                break
            time.sleep(0.05)
        time.sleep(0.3)
    finally:
        driver.switch_to.default_content()
    return driver.get_log("browser")


def severe(logs):
    return [e["message"] for e in logs if e["level"] == "SEVERE"]


def in_frame(driver, script: str):
    from selenium.webdriver.common.by import By
    driver.switch_to.frame(driver.find_element(By.CSS_SELECTOR, "iframe.frontmap-embed"))
    try:
        return driver.execute_script(script)
    finally:
        driver.switch_to.default_content()


def check_offline(driver) -> None:
    requested = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert [u for u in requested if not u.startswith(("data:", "file:", "about:"))] == []
    inner = in_frame(driver, "return performance.getEntriesByType('resource').map(e => e.name)")
    assert [u for u in inner if not u.startswith(("data:", "file:", "about:", "blob:"))] == []


def test_seed_brief_shows_its_map_and_tables_offline(browser, tmp_path, extractor):
    from selenium.webdriver.common.by import By
    with Ledger(tmp_path / "seeds.db") as ledger:
        ledger.ingest(extractor.extract_paths([REPO / "seeds"]))
        date = max(ledger.dates(), key=lambda d: len(ledger.claims(d)))
        n_claims = len(ledger.claims(date))
        [page] = write_brief(ledger, date, tmp_path / "seeds.html")
    assert severe(open_brief(browser, page)) == []
    frame = browser.find_element(By.CSS_SELECTOR, "iframe.frontmap-embed")
    assert frame.is_displayed() and frame.size["height"] >= 600 and frame.size["width"] > 1000
    drawn = in_frame(browser, "return [document.querySelectorAll('.leaflet-marker-icon').length,"
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
    assert in_frame(browser, "return document.querySelectorAll('img[src=x]').length") == 0
    # open every popup in the map, so any markup in the report text would have had its chance
    # (the recorder is put into the frame by hand: a srcdoc frame does not get it on load)
    in_frame(browser, RECORD_ALERTS + "document.querySelectorAll('.leaflet-marker-icon').forEach("
                                      "function (m) { m.click(); });")
    time.sleep(0.3)
    assert in_frame(browser, "return [window.__alerts, document.querySelectorAll('img[src=x]').length]") == [[], 0]
    assert severe(browser.get_log("browser")) == []
    with pytest.raises(NoAlertPresentException):
        _ = browser.switch_to.alert.text
    check_offline(browser)
