"""PNGs of maps in headless Chromium (frontmap.render.snapshot).

Without Chromium, chromedriver, selenium or Pillow the picture tests skip, except on CI
(CI=true), where that is a failure.  Install: apt-get install -y chromium chromium-driver.
"""
from __future__ import annotations

import pytest

from frontmap.errors import SnapshotError
from frontmap.render.snapshot import Snapshotter, check_size, find_chromium, map_png
from support import D2, assert_not_blank, browser_or_skip, make_ledger

# a page shaped like a map for the waiting and legend rules, without Leaflet
FAKE_MAP = ('<!DOCTYPE html><html><body style="margin:0"><div class="leaflet-container" '
            'style="width:100%;height:100vh;background:#abc"><div class="leaflet-pane"></div></div>{legend}</body></html>')


@pytest.fixture(scope="module")
def shots():
    browser_or_skip()
    with Snapshotter(timeout=20) as s:
        yield s


@pytest.fixture(scope="module")
def small_map_html(tmp_path_factory):
    from frontmap.ledger.store import Ledger
    from frontmap.render.map import render_map
    with Ledger(make_ledger(tmp_path_factory.mktemp("snap") / "l.db")) as ledger:
        return render_map(D2, ledger.claims(D2), attribution="Places: test gazetteer")


@pytest.mark.browser
@pytest.mark.parametrize("width,height", [(1280, 800), (640, 480)])
def test_a_map_picture_has_its_size_markers_and_its_legend_on_screen(shots, small_map_html, width, height):
    png = shots.png(small_map_html, width=width, height=height)
    image, rgb = assert_not_blank(png, (width, height))
    left, top, right, bottom = (int(v) for v in shots.legend_box)
    assert 0 <= left < right <= width and 0 <= top < bottom <= height
    box = rgb[top:bottom, left:right]
    assert (box.sum(axis=2) < 300).mean() > 0.01, "the legend box has no text in it"
    assert (box.sum(axis=2) > 700).mean() > 0.3, "the legend box is not a light box"
    # the claims' markers: red (Russia gains) somewhere outside the legend
    red = (rgb[..., 0] > 180) & (rgb[..., 1] < 90) & (rgb[..., 2] < 90)
    red[top:bottom, left:right] = False
    assert red.sum() > 20


@pytest.mark.browser
def test_a_legend_off_screen_or_missing_is_refused(shots):
    below = '<div class="legend" style="position:absolute;top:3000px;height:50px;width:50px">Legend</div>'
    with pytest.raises(SnapshotError, match=r"legend is only 0% on screen: pass a larger --width/--height"):
        shots.png(FAKE_MAP.format(legend=below), width=400, height=300)
    with pytest.raises(SnapshotError, match="has no legend"):
        shots.png(FAKE_MAP.format(legend=""), width=400, height=300)
    shown = '<details class="legend" style="position:fixed;top:10px;left:10px"><summary>Legend</summary>x</details>'
    assert shots.png(FAKE_MAP.format(legend=shown), width=400, height=300).startswith(b"\x89PNG")


@pytest.mark.browser
def test_a_page_that_never_draws_a_map_times_out(shots):
    shots.timeout, before = 1.0, shots.timeout
    try:
        with pytest.raises(SnapshotError, match="did not draw within 1 s"):
            shots.png("<p>no map here</p>", width=400, height=300)
    finally:
        shots.timeout = before


def test_missing_chromium_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("FRONTMAP_CHROMIUM", raising=False)
    monkeypatch.delenv("FRONTMAP_CHROMEDRIVER", raising=False)
    with pytest.raises(SnapshotError, match=r"Chromium and chromedriver.*apt-get install -y chromium chromium-driver"):
        find_chromium()
    with pytest.raises(SnapshotError, match="apt-get install"):
        map_png("<p>x</p>")
    monkeypatch.setenv("FRONTMAP_CHROMIUM", str(tmp_path / "nope"))
    monkeypatch.setenv("FRONTMAP_CHROMEDRIVER", str(tmp_path / "nope"))
    with pytest.raises(SnapshotError, match="'.*nope' is not an executable"):
        find_chromium()


def test_sizes_are_checked():
    check_size(320, 240)
    for w, h in ((100, 800), (1280, 10), (5000, 800)):
        with pytest.raises(SnapshotError, match=f"{w}x{h}"):
            check_size(w, h)


PLACE_LABELS_JS = """
return Array.prototype.filter.call(document.querySelectorAll('.fm-plabel-text'), function (e) {
  return getComputedStyle(e).visibility === 'visible';
}).map(function (e) { var b = e.getBoundingClientRect(); return [e.textContent, b.left, b.top, b.right, b.bottom]; });
"""


def overlapping(labels):
    return [(a[0], b[0]) for i, a in enumerate(labels) for b in labels[i + 1:]
            if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]


@pytest.mark.browser
def test_a_picture_is_taken_in_print_mode(shots, small_map_html):
    shots.png(small_map_html, width=1280, height=800)
    d = shots.driver                      # the page as it was at the shot
    count = lambda sel: d.execute_script("return document.querySelectorAll(arguments[0]).length", sel)  # noqa: E731
    assert count(".leaflet-control-zoom") == 0 and count(".leaflet-control-layers") == 0
    assert count(".leaflet-control-measure") == 0 and count(".leaflet-control-zoom-fullscreen") == 0
    assert count(".leaflet-control-search") == 0 and count(".leaflet-control-minimap") == 0   # no search, no overview
    assert count(".leaflet-container") == 1
    shown = lambda sel: d.execute_script(  # noqa: E731
        "var e = document.querySelector(arguments[0]); return !!e && e.getBoundingClientRect().height > 0 "
        "&& getComputedStyle(e).display !== 'none'", sel)
    assert shown("#fm-key") and not shown("#fm-legend") and not shown(".fm-nav") and not shown("#fm-filters")
    assert "click to spread" not in d.execute_script("return document.body.innerText")
    title = d.execute_script("return document.getElementById('fm-title').innerText")
    assert D2 in title and "Claims reported on" in title
    labels = d.execute_script(PLACE_LABELS_JS)
    assert labels and overlapping(labels) == []
