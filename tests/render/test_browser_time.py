"""The time view and the control layers in a real browser: headless Chromium, network off.

Without Chromium the tests skip, except on CI (CI=true), where a missing browser is a failure.
Install: apt-get install -y chromium chromium-driver, and pip install selenium pillow.
"""
from __future__ import annotations

import time

import pytest

from frontmap.ledger.store import Ledger
from frontmap.render.map import write_maps
from support import offline_chromium
from test_control_maps import D0, D1, D2, D3, EVIL, three_dates

pytestmark = pytest.mark.browser
WIDTH, HEIGHT = 1280, 800


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with offline_chromium(tmp_path_factory.mktemp("chromium-profile"), WIDTH, HEIGHT) as driver:
        yield driver


@pytest.fixture(scope="module")
def maps(tmp_path_factory):
    folder = tmp_path_factory.mktemp("time-view")
    with Ledger(three_dates(folder / "l.db")) as ledger:
        write_maps(ledger, folder / "maps", attribution="Places: test gazetteer")
    return folder / "maps"


def open_page(driver, path) -> list[dict]:
    driver.get_log("browser")                     # drop messages of earlier pages
    driver.get(path.resolve().as_uri())
    for _ in range(100):
        if driver.execute_script("return !!(window.frontmap && window.frontmap.readyMs)"):
            break
        time.sleep(0.05)
    time.sleep(0.3)
    return driver.get_log("browser")


def severe(logs: list[dict]) -> list[str]:
    return [e["message"] for e in logs if e["level"] == "SEVERE"]


def shown_popup(driver):
    """The open popup once it shows (it fades in: while transparent, selenium reads no text)."""
    from selenium.webdriver.common.by import By
    found = driver.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content")
    return found[0] if found and found[0].text else False


def drawn(driver) -> list[str]:
    """The time view's place markers, as their status classes (fm-t-RU, ..., fm-t-today)."""
    return driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('path.fm-t'), function (p) {"
        " return p.getAttribute('class').split(' ').filter(function (c) { return c.indexOf('fm-t-') === 0; })"
        ".sort().join(' '); }).sort();")


def test_the_time_view_steps_through_the_dates_with_the_slider(browser, maps):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    logs = open_page(browser, maps / "time.html")
    assert browser.execute_script("return frontmap.date") == D3
    assert drawn(browser) == ["fm-t-RU", "fm-t-UA fm-t-today"]        # Beta RU; Alpha back to UA today
    assert browser.execute_script("return document.querySelectorAll('path.fm-t-halo').length") == 1
    slider = browser.find_element(By.ID, "fm-time-slider")
    slider.send_keys(Keys.HOME)                                          # a user moving the slider
    assert browser.execute_script("return frontmap.date") == D0 and drawn(browser) == []
    assert browser.find_element(By.ID, "fm-time-date").text.startswith(D0)
    slider.send_keys(Keys.ARROW_RIGHT)
    assert browser.execute_script("return frontmap.date") == D1
    assert drawn(browser) == ["fm-t-RU fm-t-today"]
    assert browser.find_element(By.ID, "fm-time-map").get_attribute("href").endswith(f"{D1}.html")
    browser.find_element(By.ID, "fm-time-next").click()
    assert browser.execute_script("return frontmap.date") == D2
    assert drawn(browser) == ["fm-t-RU fm-t-today", "fm-t-contested fm-t-today"]
    assert browser.execute_script("return document.querySelectorAll('path.fm-t-halo').length") == 0
    counts = browser.execute_script("return frontmap.counts")
    assert counts == {"RU": 1, "UA": 0, "contested": 1, "changed": 2, "reversals": 0}
    assert severe(logs + browser.get_log("browser")) == []
    requested = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert [u for u in requested if not u.startswith(("data:", "file:"))] == []


def test_a_time_view_popup_gives_the_history_and_the_claims_as_text(browser, maps):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    open_page(browser, maps / "time.html")
    browser.execute_script("frontmap.show(2); frontmap.map.setView([48.3, 37.9], 10, {animate: false});")
    beta = browser.find_element(By.CSS_SELECTOR, "path.fm-t-RU")
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", beta)
    popup = WebDriverWait(browser, 5).until(shown_popup)
    text = popup.text
    assert text.startswith("Beta" + EVIL) and f"{D2}: unknown → claimed by RU" in text
    assert f"{EVIL} (Russian officials and sources): captured, asserted" in text
    assert popup.find_elements(By.TAG_NAME, "img") == []
    link = popup.find_element(By.TAG_NAME, "a")
    assert link.text == f"the evidence: {D2}'s map" and link.get_attribute("href").endswith(f"{D2}.html")
    assert browser.execute_script("return window.__alerts") == []


def test_a_dates_control_ring_opens_the_change_with_its_claims(browser, maps):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    logs = open_page(browser, maps / f"{D3}.html")
    assert browser.execute_script("return [frontmap.changes, frontmap.areas]") == [1, 1]
    ring = browser.execute_script("frontmap.map.setView(frontmap.rings[0].getLatLng(), 11, {animate: false});"
                                  "return frontmap.rings[0].getElement();")
    assert "fm-ctl-reversal" in ring.get_attribute("class")
    ActionChains(browser).move_to_element_with_offset(ring, 14, 0).click().perform()   # its rim, past the symbol
    popup = WebDriverWait(browser, 5).until(shown_popup)
    text = " ".join(popup.text.split())          # the heading's parts are flex items, one a line
    assert text.startswith("Alpha") and "Control: contested → claimed by UA" in text and "reversal" in text
    assert "Moved by 1 claim(s)" in text and "The brigade liberated Alpha." in text
    layers = browser.find_element(By.CSS_SELECTOR, ".leaflet-control-layers").text
    assert "control changes (1)" in layers and "area newly claimed for Ukraine (3.1 km²)" in layers
    assert browser.find_element(By.ID, "fm-prev").get_attribute("href").endswith(f"{D2}.html")
    assert severe(logs + browser.get_log("browser")) == []
