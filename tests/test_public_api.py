"""The public face: `import frontmap` is cheap, and every public name works."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import frontmap

HEAVY = ("folium", "branca", "docx", "selenium", "rich", "click", "rapidfuzz", "shapely", "pyproj", "spacy", "thinc")


def test_import_frontmap_loads_no_heavy_package_and_no_gazetteer():
    code = ("import json, sys, frontmap; "
            "print(json.dumps(sorted(m for m in sys.modules)))")
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                       text=True).stdout)
    heavy = [m for m in loaded if m.split(".")[0] in HEAVY]
    ours = [m for m in loaded if m.startswith("frontmap.")]
    assert heavy == []
    assert ours == ["frontmap.errors", "frontmap.model"]   # no gazetteer store, no data read


@pytest.mark.parametrize("name", sorted(set(frontmap.__all__) - {"__version__"}))
def test_every_public_name_resolves(name):
    assert getattr(frontmap, name) is not None
    assert name in dir(frontmap)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        frontmap.nonexistent  # noqa: B018


def test_extract_a_text_through_the_public_api(gazetteer):
    text = "date 2024-05-01\nThe General Staff said Ukrainian forces liberated Kupiansk."
    extraction = frontmap.extract(text, gazetteer=gazetteer)
    assert extraction.report.date == "2024-05-01"
    (claim,) = [c for c in extraction.claims if c.place.name == "Kupiansk"]
    assert (claim.event, claim.beneficiary, claim.stance) == ("liberated", "UA", "asserted")
    assert isinstance(claim, frontmap.Claim)


def test_extract_a_text_with_no_date_is_refused_unless_given_one(gazetteer):
    with pytest.raises(frontmap.ReportError, match="has no date"):
        frontmap.extract("Fighting continues near Kupiansk.", gazetteer=gazetteer)
    extraction = frontmap.extract("Fighting continues near Kupiansk.", date="2024-05-02", gazetteer=gazetteer)
    assert extraction.report.date == "2024-05-02"


def test_extract_file_reads_a_report(tmp_path, gazetteer):
    path = tmp_path / "r.md"
    path.write_text("---\ndate: 2024-05-03\n---\n# Kharkiv region\nRussian troops shelled Kupiansk.\n",
                    encoding="utf-8")
    extraction = frontmap.extract_file(path, gazetteer=gazetteer)
    assert extraction.report.date == "2024-05-03"
    assert any(p.name == "Kupiansk" for p in extraction.places)


def test_alternatives_are_value_objects_and_serialise_as_before():
    place = frontmap.Place(text="Twin", start=0, end=4, name="Twin", kind="settlement", oblast="Sumy",
                           lat=50.0, lon=34.0, id="gn:1", confidence=0.4, status="ambiguous",
                           alternatives=[{"id": "gn:2", "name": "Twin", "oblast": "Kharkiv", "raion": "Izium",
                                          "kind": "settlement", "lat": 49.2, "lon": 37.3, "score": 0.4}])
    (alt,) = place.alternatives
    assert isinstance(alt, frontmap.Alternative) and alt.oblast == "Kharkiv"
    assert place.to_dict()["alternatives"] == [{"id": "gn:2", "name": "Twin", "kind": "settlement",
                                                "oblast": "Kharkiv", "raion": "Izium", "lat": 49.2,
                                                "lon": 37.3, "score": 0.4}]


def test_all_lists_every_lazy_name():
    assert set(frontmap._LAZY) <= set(frontmap.__all__)
