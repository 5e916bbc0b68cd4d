"""Shared by the browser tests: an offline headless Chromium driven by selenium.

Without Chromium the tests skip, except on CI (CI=true), where a missing browser is a failure.
Install: apt-get install -y chromium chromium-driver, and pip install selenium pillow.
"""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

import pytest

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
