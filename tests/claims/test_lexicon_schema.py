"""The claims data files are checked against a schema when they load."""
from __future__ import annotations

import json

import pytest

from frontmap.claims.lexicon import check_lexicon
from frontmap.errors import DataError
from frontmap.resources import load_json

FILES = ("cues.json", "events.json", "sides.json", "claimants.json", "geometry.json")


def fresh(name: str) -> dict:
    return json.loads(json.dumps(load_json(f"claims/{name}")))


@pytest.mark.parametrize("name", FILES)
def test_the_shipped_files_pass(name):
    data = fresh(name)
    assert check_lexicon(name, data) is data


def test_a_missing_key_is_named():
    data = fresh("cues.json")
    data.pop("reporting_verbs")
    with pytest.raises(DataError, match=r"cues\.json.*'reporting_verbs'"):
        check_lexicon("cues.json", data)


def test_a_broken_regex_is_named():
    data = fresh("events.json")
    data["triggers"][0]["re"] = "(unclosed"
    with pytest.raises(DataError, match=r"events\.json.*not a valid regex"):
        check_lexicon("events.json", data)


def test_a_wrong_type_is_named():
    data = fresh("sides.json")
    data["actors"] = "RU"
    with pytest.raises(DataError, match=r"sides\.json.*'actors' must be"):
        check_lexicon("sides.json", data)
