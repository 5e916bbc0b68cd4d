"""The date map's tools in a real browser (issue 13): filters, the place search and the overview map.

Headless Chromium with the network off, as in test_browser.py; without Chromium the tests skip
(on CI they fail).
"""
from __future__ import annotations

import hashlib
import time

import pytest

from frontmap.ledger.store import Ledger
from frontmap.model import Extraction, Geometry, Point, Report
from frontmap.render.map import write_maps
from support import offline_chromium
from test_browser import COUNT_CLAIMS_JS, VISIBLE_LABELS_JS, claim, open_page, place, severe, thousand_claims_map

pytestmark = pytest.mark.browser
WIDTH, HEIGHT = 1280, 800
MARKUP = "Evil<i>ton</i>"


def tools_ledger(path):
    alpha, beta, gamma = place("Alphaville", 48.2, 37.6), place("Betatown", 47.6, 36.2), place("Gammaburg", 47.9, 35.4)
    gamma.confidence = 0.4
    beta_other = place("Betatown", 47.6, 36.2)
    beta_other.text = "Betagorod"                    # the same place as another report spells it
    evil = place(MARKUP, 48.9, 36.6)
    claims = [
        claim(alpha, "captured", "RU", "RU", "asserted", "Defence ministry", "Troops took Alphaville."),
        claim(alpha, "captured", "RU", "UA", "denied", "General Staff", "Staff denied that Alphaville fell."),
        claim(beta, "advance", "UA", "UA", "hedged", "Brigade", "Units may have moved from Betatown east.",
              Geometry(kind="line", points=(Point(47.6, 36.2), Point(47.7, 36.6)), text="from Betatown east")),
        claim(beta_other, "fighting", None, "outlet", "reported", "A paper", "Fighting near Betagorod."),
        claim(gamma, "strike", None, "third", "asserted", "Monitors", "A strike near Gammaburg.",
              Geometry(kind="buffer", points=(Point(47.9, 35.4),), radius_km=6, text="near Gammaburg")),
        claim(evil, "fighting", None, "outlet", "reported", "A paper", "Fighting at the town."),
    ]
    report = Report(path="/in/tools.txt", date="2024-05-01", text="Tools.\n", sha256=hashlib.sha256(b"tools").hexdigest())
    with Ledger(path) as ledger:
        ledger.ingest([Extraction(report=report, places=[c.place for c in claims], claims=claims)])
    return len(claims)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with offline_chromium(tmp_path_factory.mktemp("chromium-profile"), WIDTH, HEIGHT) as driver:
        yield driver


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tools-map")
    tools_ledger(folder / "l.db")
    with Ledger(folder / "l.db") as ledger:
        return write_maps(ledger, folder / "maps", attribution="Places: test gazetteer")[0]


@pytest.fixture
def opened(browser, page):
    assert severe(open_page(browser, page)) == []
    return browser


STATE_JS = """
var m = frontmap.map;
return {markers: document.querySelectorAll('.fm-marker').length,
        shapes: frontmap.shapes.filter(function (s) { return s && m.hasLayer(s); }).length,
        drawn: document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive').length,
        count: document.getElementById('fm-shown').hidden ? '' : document.getElementById('fm-shown').textContent,
        state: document.getElementById('fm-filter-state').textContent};
"""


def labels(driver) -> set[str]:
    return {t for t, *_ in driver.execute_script(VISIBLE_LABELS_JS)}


def checkbox(driver, key: str, value: str):
    from selenium.webdriver.common.by import By
    return driver.find_element(By.CSS_SELECTOR, f'#fm-filters fieldset[data-filter="{key}"] input[data-value="{value}"]')


def test_filters_hide_and_show_markers_labels_and_shapes_and_the_count_follows(opened):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    d = opened
    d.execute_script("frontmap.map.setView([48.2, 36.5], 8, {animate: false})")
    time.sleep(0.3)
    start = d.execute_script(STATE_JS)
    assert start["markers"] == 6 and start["shapes"] == 2 and start["count"] == "" and start["state"] == ""
    assert {"Alphaville", "Betatown", "Gammaburg"} <= labels(d)
    drawn = start["drawn"]
    d.find_element(By.CSS_SELECTOR, "#fm-filters summary").click()
    checkbox(d, "e", "advance").click()                 # the arrow goes with its marker
    now = d.execute_script(STATE_JS)
    assert now["markers"] == 5 and now["shapes"] == 1 and now["drawn"] < drawn
    assert now["count"] == " · showing 5 of 6 on the map" and now["state"] == "(5 of 6 shown)"
    assert "Betatown" in labels(d)                      # its fighting claim still shows
    checkbox(d, "s", "outlet").click()                  # Betatown has nothing left: its name goes too
    assert d.execute_script(STATE_JS)["markers"] == 3
    assert "Betatown" not in labels(d) and "Alphaville" in labels(d)
    Select(d.find_element(By.ID, "fm-min-conf")).select_by_value("0.5")   # Gammaburg is 0.4
    now = d.execute_script(STATE_JS)
    assert now["markers"] == 2 and now["shapes"] == 0 and "Gammaburg" not in labels(d)
    checkbox(d, "t", "denied").click()
    assert d.execute_script(STATE_JS)["count"] == " · showing 1 of 6 on the map"
    checkbox(d, "t", "denied").click()                  # and back
    assert d.execute_script(STATE_JS)["markers"] == 2
    d.find_element(By.ID, "fm-filter-reset").click()
    assert d.execute_script(STATE_JS) == start
    assert {"Alphaville", "Betatown", "Gammaburg"} <= labels(d)


def test_the_claimant_groups_are_filters_not_also_layers(opened):
    d = opened
    boxes = d.execute_script("return Array.prototype.map.call(document.querySelectorAll("
                             "'#fm-filters fieldset[data-filter=s] label'), function (l) { return l.textContent.trim(); })")
    assert boxes == ["Russian officials and sources (1)", "Ukrainian officials and sources (2)",
                     "OSINT and third parties (1)", "outlets (2)"]
    layers = d.execute_script("return document.querySelector('.leaflet-control-layers').textContent")
    assert "Russian officials" not in layers and "outlets" not in layers and "place names" in layers
    events = d.execute_script("return Array.prototype.map.call(document.querySelectorAll("
                              "'#fm-filters fieldset[data-filter=e] input'), function (b) { return b.dataset.value; })")
    assert events == ["advance", "captured", "fighting", "strike"]     # the date's events only


def _search(d, text: str) -> list[str]:
    from selenium.webdriver.common.by import By
    d.execute_script("frontmap.map.closePopup(); frontmap.search.cancel()")   # the plugin's own: empties box and tips
    box = d.find_element(By.CSS_SELECTOR, "#fm-search input")
    box.send_keys(text)
    for _ in range(40):
        tips = d.execute_script("return Array.prototype.map.call(document.querySelectorAll('#fm-search .search-tip'),"
                                " function (t) { return t.textContent; })")
        if tips:
            return tips
        time.sleep(0.05)
    return []


def _popup_heading(d) -> str | None:
    for _ in range(40):
        h = d.execute_script("var h = document.querySelector('.leaflet-popup-content h3'); return h && h.textContent")
        if h:
            return h
        time.sleep(0.05)
    return None


def test_search_finds_a_place_by_any_spelling_and_opens_its_popup(opened):
    from selenium.webdriver.common.by import By
    d = opened
    assert _search(d, "ALPHA") == ["Alphaville"]                            # case-blind
    assert _search(d, "gorod") == ["Betatown as written: Betagorod"]        # a spelling the reports wrote
    d.find_element(By.CSS_SELECTOR, "#fm-search .search-tip").click()
    assert _popup_heading(d) == "Betatown"
    assert d.execute_script("return frontmap.map.getBounds().contains([47.6, 36.2])")
    # a place name is text in the tips, never markup
    assert _search(d, "<i>") == [MARKUP]
    assert d.execute_script("return document.querySelectorAll('#fm-search .search-tip i').length") == 0
    d.find_element(By.CSS_SELECTOR, "#fm-search .search-tip").click()
    assert _popup_heading(d) == MARKUP
    assert d.execute_script("return window.__alerts") == []


def test_search_opens_a_place_the_filters_hide_by_showing_all_again(opened):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    d = opened
    d.find_element(By.CSS_SELECTOR, "#fm-filters summary").click()
    Select(d.find_element(By.ID, "fm-min-conf")).select_by_value("0.5")
    assert d.execute_script(STATE_JS)["markers"] == 5
    assert _search(d, "gamma") == ["Gammaburg"]
    d.find_element(By.CSS_SELECTOR, "#fm-search .search-tip").click()
    assert _popup_heading(d) == "Gammaburg"
    assert d.execute_script(STATE_JS)["markers"] == 6


def test_the_overview_map_draws_the_offline_outlines_and_fetches_nothing(opened):
    d = opened
    mini = d.execute_script("""
      var box = document.querySelector('.leaflet-control-minimap');
      if (!box) return null;
      var paths = Array.prototype.filter.call(box.querySelectorAll('svg path'), function (p) {
        return (p.getAttribute('d') || '').length > 200; });
      var b = box.getBoundingClientRect();
      return {paths: paths.length, w: b.width, h: b.height, right: b.right, bottom: b.bottom,
              toggle: getComputedStyle(box.querySelector('.leaflet-control-minimap-toggle-display')).backgroundImage,
              tiles: box.querySelectorAll('img').length};""")
    assert mini is not None and mini["paths"] >= 2 and mini["tiles"] == 0      # the country and the oblast borders
    assert mini["w"] > 100 and mini["h"] > 100 and mini["right"] <= WIDTH and mini["bottom"] <= HEIGHT
    assert mini["toggle"].startswith('url("data:')
    # the overview follows the main map
    d.execute_script("frontmap.map.setView([46.5, 33], 9, {animate: false})")
    time.sleep(0.3)
    assert d.execute_script("var c = frontmap.minimap._miniMap.getCenter(); return [c.lat, c.lng]") == \
        pytest.approx([46.5, 33], abs=0.05)
    requested = d.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert [u for u in requested if not u.startswith("data:")] == []
    assert severe(d.get_log("browser")) == []


def test_print_mode_shows_none_of_the_tools(browser, page):
    browser.get_log("browser")
    browser.get("about:blank")                     # a new load, not a jump within the page
    browser.get(page.resolve().as_uri() + "#print")
    for _ in range(100):
        if browser.execute_script("return !!(window.frontmap && window.frontmap.readyMs)"):
            break
        time.sleep(0.05)
    shown = browser.execute_script("""
      return ['#fm-filters', '#fm-search', '#fm-shown', '.leaflet-control-search', '.leaflet-control-minimap']
        .filter(function (sel) { var e = document.querySelector(sel);
          return e && e.getBoundingClientRect().height > 0 && getComputedStyle(e).display !== 'none'; });""")
    assert shown == []
    assert browser.execute_script("return [!!frontmap.filters, !!frontmap.search, !!frontmap.minimap]") == \
        [False, False, False]
    assert browser.execute_script("return document.querySelectorAll('.leaflet-container').length") == 1
    assert severe(browser.get_log("browser")) == []


def test_filters_on_a_clustered_map_count_every_claim(browser, tmp_path):
    assert severe(open_page(browser, thousand_claims_map(tmp_path))) == []
    assert browser.execute_script("return frontmap.clustered") is True
    counted = COUNT_CLAIMS_JS
    took = browser.execute_script(
        "var b = document.querySelector('#fm-filters fieldset[data-filter=s] input[data-value=UA]');"
        "var t = performance.now(); b.click(); return performance.now() - t;")
    time.sleep(0.3)
    assert browser.execute_script(counted) == 750
    assert browser.execute_script("return document.getElementById('fm-shown').textContent") == \
        " · showing 750 of 1000 on the map"
    assert took < 1500
    browser.execute_script("document.getElementById('fm-filter-reset').click()")
    time.sleep(0.3)
    assert browser.execute_script(counted) == 1000
