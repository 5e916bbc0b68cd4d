"""Source labels after a dash or in closing brackets (frontmap/claims/labels.py).  Sentences written for these tests."""
import json

import pytest
from support import claims_of

from frontmap.claims import labels
from frontmap.errors import DataError


@pytest.mark.parametrize("text, side", [
    ("In the Pokrovsk direction, the enemy attacked near Sadove and Ozerne 12 times — General Staff.", "UA"),
    ("Russian troops liberated Zelenivka – Russian MoD", "RU"),                         # headline
    ("Ukrainian forces repelled an attack near Ozerne - the Khortytsia group.", "UA"),  # hyphen for a dash
    ("Russian assault units entered Sadove – reports Rybar", "RU"),                     # milblogger digest
    ("Ukrainian drones hit a depot near Tetkino — a source in the Ukrainian military.", "UA"),
    # or in closing brackets
    ("- Zelenivka liberated (Rybar)", "RU"),                                            # milblogger digest
    ("Russian forces liberated Zelenivka (Russian MoD).", "RU"),                        # wire summary
    ("Ukrainian forces repelled an attack near Ozerne (General Staff).", "UA"),         # UA official
    ("Russian troops attacked near Sadove (Ukrainian military sources)", "UA"),
])
def test_a_dash_or_brackets_and_a_source_at_the_end_name_the_claimant(text, side):
    claims = claims_of(text)
    assert claims and all(c.claimant_side == side and c.stance == "asserted" for c in claims)


@pytest.mark.parametrize("text", [
    "Fighting goes on near Sadove – and the town is burning.",       # prose after the dash
    "Kupiansk – a town on the Oskil – is under attack, locals say.",  # a dash pair inside the sentence
    "Russian troops attacked Ozerne – twice in one night.",
    "Huliaipole — Russian advance",                                   # a digest line: what happened there
    "Sadove — partially under Russian control",
])
def test_a_dash_before_prose_is_no_label(text):
    assert labels.source_label(text) is None


@pytest.mark.parametrize("text", [
    "Ukrainian drones struck a depot near Tetkino (Russia).",                 # a country locates the place
    "Ukrainian drones struck a depot near Tetkino (Russian Federation).",
    "Russian forces advanced near Sadove (Donetsk region).",
    "Russian troops captured Zelenivka (video).",
    "Russian troops entered Sadove (the Russian side says otherwise, see below).",   # prose, not a name
    "Russian forces attacked near Sadove the positions of the AFU (Armed Forces of Ukraine).",  # a gloss
])
def test_brackets_that_name_no_source_are_no_label(text):
    assert labels.source_label(text) is None


def test_a_label_never_overrides_a_named_speaker():
    text = "The Ukrainian General Staff said Russian troops attacked Sadove – Russian MoD"
    (claim,) = [c for c in claims_of(text) if c.place.name == "Sadove"]
    assert claim.claimant_side == "UA"


def test_malformed_label_data_is_a_data_error(monkeypatch):
    monkeypatch.setattr(labels, "load_json", lambda name: {"label": "(", "lead": "", "max_words": 3})
    labels._data.cache_clear()
    try:
        with pytest.raises(DataError, match=r"labels\.json"):
            labels.source_label("x – y")
    finally:
        labels._data.cache_clear()
    json.dumps(labels.load_json(labels.FILE))      # the shipped file loads


@pytest.mark.parametrize("text, side", [
    ("Russian troops liberate Ternivka in DPR — Defense Ministry\n\nMore to follow.", "RU"),    # wire headline
    ("Ukrainian forces repel 12 attacks near Ternivka — General Staff\n\nMore to follow.", "UA"),
])
def test_a_label_naming_a_body_with_no_side_takes_the_side_that_gains(text, side):
    (c,) = [c for c in claims_of(text) if c.place.name == "Ternivka"]
    assert (c.claimant_side, c.stance) == (side, "asserted") and c.claimant in ("Defense Ministry", "General Staff")


def test_a_label_with_no_side_on_a_claim_of_no_gain_leaves_it_to_the_outlet():
    (c,) = claims_of("Shelling near Ternivka continues — Defense Ministry\n\nMore to follow.")
    assert c.claimant_side == "outlet"


def test_a_headline_label_and_the_bodys_fuller_name_are_one_claim():
    text = ("Russian troops liberate Ternivka — Defense Ministry\n\n"
            "Units of the Yug battlegroup liberated the community of Ternivka, the Russian Defense Ministry reported.")
    rows = [(c.claimant, c.event) for c in claims_of(text) if c.place.name == "Ternivka"]
    assert rows == [("the Russian Defense Ministry", "captured")], rows
