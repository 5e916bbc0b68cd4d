"""Confidence as a probability (frontmap.places.calibration) and the rules that decide a place
outright: the raion the text names, the district of a city.  Sentences written for these tests."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from frontmap.cli import cli
from frontmap.evaluation import Sample, cross_validated
from frontmap.places.calibration import RESOLVED_PROBABILITY, calibrated, fit, resolves, table

BASE = {"resolved_probability": 0.95, "never_resolved": ["spelling"], "prior_sd": 1.0,
        "min_probability": 0.01, "max_probability": 0.99, "fitted_on": [], "classes": {}}


def test_evidence_always_right_moves_up_but_a_few_places_move_it_only_part_of_the_way():
    fitted = fit([("context", 0.6, True)] * 4, base=BASE)
    p = calibrated("context", 0.6, fitted)
    assert 0.6 < p < 0.95
    more = fit([("context", 0.6, True)] * 40, base=BASE)
    assert calibrated("context", 0.6, more) > p            # more evidence, less shrinking
    assert calibrated("context", 0.9, fitted) > p          # the order of scores is kept


def test_evidence_often_wrong_moves_down_and_evidence_never_seen_stays_as_scored():
    fitted = fit([("context", 0.9, False)] * 3 + [("context", 0.9, True)], base=BASE)
    assert calibrated("context", 0.9, fitted) < 0.9
    assert calibrated("offset", 0.7, fitted) == 0.7           # no place had that evidence
    assert calibrated("context", 0.9, fit([("context", 0.9, True)] * 500, base=BASE)) == 0.99


def test_a_spelling_guess_is_never_resolved_however_likely():
    assert resolves("context", RESOLVED_PROBABILITY) and not resolves("context", RESOLVED_PROBABILITY - 0.01)
    assert not resolves("spelling", 0.99)


def test_leave_one_document_out_scores_each_document_with_a_table_fitted_on_the_others():
    # document a: its places all wrong; b and c: all right.  Fitted on all three, a's places
    # would look middling; left out, a is judged by b and c alone, so its places look sure.
    samples = [Sample(0.6, doc == "b" or doc == "c", "ambiguous", doc, "context", 0.6)
               for doc in "abc" for _ in range(5)]
    pools = {"settlements": samples, "decidable": samples}
    shipped = fit(((s.evidence, s.raw, s.right) for s in samples), base=BASE, fitted_on="abc")
    inside = calibrated("context", 0.6, shipped)
    checked = cross_validated(pools, shipped)["decidable"]
    a = [s.confidence for s in checked if s.doc == "a"]
    b = [s.confidence for s in checked if s.doc == "b"]
    assert min(a) > inside > max(b)            # a judged by b and c; b judged by a and c
    # a document the table was not fitted on keeps its confidence
    other = [Sample(0.6, True, "ambiguous", "z", "context", 0.6)]
    assert cross_validated({"settlements": other, "decidable": other}, shipped)["decidable"] == other


@pytest.fixture(scope="module")
def extract():
    from frontmap.pipeline import extract as run

    return lambda text: run(text, date="2025-11-20")


def named(e, text):
    return next(p for p in e.places if p.text == text)


@pytest.mark.parametrize("text", [
    "Russian forces shelled Novoselivka in Bakhmut raion of Donetsk Oblast.",
    "Artillery struck the village of Novoselivka (Bakhmut district, Donetsk region) on Tuesday.",
    "Novoselivka, Bakhmut raion, came under fire overnight.",
])
def test_a_raion_that_holds_one_namesake_decides_it(extract, text):
    p = named(extract(text), "Novoselivka")
    assert (p.oblast, p.status, p.evidence) == ("Donetsk", "resolved", "located")
    assert "Bakhmut Raion" in p.reason


def test_a_raion_that_holds_several_namesakes_decides_nothing(extract):
    p = named(extract("Fighting continues near Novoselivka in Kramatorsk raion of Donetsk Oblast."), "Novoselivka")
    assert p.evidence != "located" and p.oblast == "Donetsk"


def test_every_place_carries_its_evidence_and_raw_score_and_status_follows_the_probability(extract):
    e = extract("Russian forces shelled Novoselivka in Bakhmut raion. They also attacked near Kupyamsk and Kovalivka.")
    for p in e.places:
        if p.status == "unresolved":
            continue
        assert p.evidence and p.raw_confidence is not None
        assert (p.status == "resolved") == resolves(p.evidence, p.confidence)
    assert named(e, "Kupyamsk").evidence == "spelling" and named(e, "Kupyamsk").status == "ambiguous"


@pytest.mark.parametrize("text, name", [
    ("Strikes damaged buildings in the Kyivskyi, Slobidskyi and Industrialnyi districts, the governor said.",
     "Kyivskyi"),
    ("Shelling hit the Shevchenkivskyi district overnight, the city's mayor said.", "Shevchenkivskyi district"),
])
def test_a_district_that_is_no_raion_and_lies_in_no_city_named_is_left_unresolved(extract, text, name):
    p = named(extract(text), name)
    assert p.status == "unresolved" and "district" in p.reason


def test_the_district_of_a_city_the_text_names_is_that_city_quarter(extract):
    p = named(extract("Debris fell in the Shevchenkivskyi district of Kyiv after the attack."), "Shevchenkivskyi district")
    assert p.oblast == "Kyiv (city)" and p.kind == "settlement"


@pytest.mark.parametrize("text, raions", [
    ("Two people were hurt in the Synelnykove district, the governor said.", {"Synelnykove Raion"}),
    ("Russian troops shelled the Pokrovsk and Kramatorsk districts.", {"Pokrovsk Raion", "Kramatorsk Raion"}),
])
def test_a_district_named_after_its_centre_is_the_raion(extract, text, raions):
    assert raions <= {p.name for p in extract(text).places}


def test_eval_fits_a_calibration_on_the_documents_it_scores(tmp_path):
    from test_evaluation import write_gold

    root = write_gold(tmp_path / "gold")
    out = tmp_path / "calibration.json"
    result = CliRunner().invoke(cli, ["eval", str(root), "--format", "json", "--fit-calibration", str(out)])
    assert result.exit_code == 0, result.output
    fitted = json.loads(out.read_text(encoding="utf-8"))
    assert fitted["fitted_on"] == ["t01"] and fitted["classes"]
    assert fitted["resolved_probability"] == table()["resolved_probability"]
    assert "fitted on 1 documents" in result.stderr
