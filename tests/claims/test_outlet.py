"""The unnamed outlet takes the name its report's link gives (claims/outlet.py). Reports written here."""
from __future__ import annotations

import pytest

import frontmap
from frontmap.claims.outlet import outlet_name

BODY = "Russian forces captured Kupiansk. The General Staff said Ukrainian troops repelled an attack near Lyman."


def _claimants(report_text: str, path: str = "r.txt") -> dict[str, str]:
    report = frontmap.read_report_bytes(report_text.encode(), path=path)
    return {c.place.text: c.claimant for c in frontmap.extract(report).claims}


@pytest.mark.parametrize("url, name", [
    ("https://www.example-news.com/war/2025/11/20/story", "example-news.com"),
    ("http://m.agency.example/en/a/1", "agency.example"),
    ("https://t.me/somefrontchannel/4512", "t.me/somefrontchannel"),
    ("https://x.com/@analyst_account/status/1", "x.com/analyst_account"),
    ("https://en.ministry.example.ua/news", "ministry.example.ua"),
    (None, None), ("", None), ("mailto:desk@example.org", None), ("http://localhost/x", None),
])
def test_a_link_names_its_publisher(url, name):
    assert outlet_name(url) == name


def test_a_source_line_names_the_outlet_of_unattributed_claims_only():
    got = _claimants(f"date 2025-11-20\nsource: https://www.example-news.com/story/1\n\n{BODY}\n")
    assert got["Kupiansk"] == "example-news.com"
    assert got["Lyman"] == "The General Staff"          # a named speaker keeps its name


def test_an_html_canonical_link_and_front_matter_name_it_too():
    html = ('<html><head><link rel="canonical" href="https://www.wire.example/a/b">'
            '<meta name="date" content="2025-11-20"></head><body><p>' + BODY + "</p></body></html>")
    assert _claimants(html, "r.html")["Kupiansk"] == "wire.example"
    md = "---\ndate: 2025-11-20\nurl: https://t.me/digestchannel/77\n---\n\n" + BODY + "\n"
    assert _claimants(md, "r.md")["Kupiansk"] == "t.me/digestchannel"


def test_without_a_link_it_stays_the_outlet():
    got = _claimants(f"date 2025-11-20\n\n{BODY}\n")
    assert got["Kupiansk"] == "the outlet"
