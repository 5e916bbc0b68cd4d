"""Speakers in passive and relative shapes: the agent after "by" speaks, "which X denied" denies.

Sentences written for these tests, in several styles.
"""
import pytest

from support import claims_of, table


@pytest.mark.parametrize("text, denier, side", [
    ("Russian officials claimed the capture of Marivka, which Ukraine's General Staff denied.",
     "Ukraine's General Staff", "UA"),
    ("Moscow said its forces took Marivka – a claim the Ukrainian military flatly rejected.",
     "the Ukrainian military", "UA"),
    ("Kyiv reported that Ukrainian troops had liberated Marivka, which the Russian Defence Ministry "
     "later dismissed.", "the Russian Defence Ministry", "RU"),
])
def test_a_relative_clause_denial_adds_the_deniers_claim(text, denier, side):
    rows = table(claims_of(text))
    asserted = [r for r in rows if r[4] == "asserted"]
    assert len(asserted) == 1 and asserted[0][0] == "Marivka"
    assert (denier, side, "denied") in [(r[2], r[3], r[4]) for r in rows]


def test_a_relative_clause_that_is_not_a_denial_changes_nothing():
    rows = table(claims_of("The Russian army took Marivka, which lies on a river, the ministry said."))
    assert [r[4] for r in rows] == ["asserted"]


def test_a_claim_denied_by_someone_keeps_the_claimants_assertion():
    rows = table(claims_of("The Russian Defence Ministry said it took Kupiansk, a claim denied by Kyiv."))
    assert ("Kupiansk", "captured", "The Russian Defence Ministry", "RU", "asserted") in rows
    assert any(r[2] == "Kyiv" and r[4] == "denied" for r in rows)


@pytest.mark.parametrize("text, speaker, side, stance", [
    ("The capture of Robotyne was confirmed by the Russian Defence Ministry.",
     "the Russian Defence Ministry", "RU", "asserted"),
    ("Reports that Robotyne had fallen were denied by Ukraine's General Staff.",
     "Ukraine's General Staff", "UA", "denied"),
    ("Claims that Robotyne was encircled have been dismissed by the Ukrainian military as propaganda.",
     "the Ukrainian military", "UA", "denied"),
    ("Fighting near Robotyne was reported by Ukraine's General Staff on Monday.",
     "Ukraine's General Staff", "UA", "asserted"),
    ("Russian forces took Robotyne, it was reported by the Russian Defence Ministry.",
     "the Russian Defence Ministry", "RU", "asserted"),
])
def test_the_agent_of_a_passive_reporting_verb_is_the_speaker(text, speaker, side, stance):
    rows = [r for r in table(claims_of(text)) if r[0] == "Robotyne"]
    assert [(r[2], r[3], r[4]) for r in rows] == [(speaker, side, stance)]


def test_an_attack_by_a_side_is_not_a_speaker():
    rows = table(claims_of("Robotyne was attacked by Russian troops."))
    assert [(r[1], r[3]) for r in rows] == [("fighting", "outlet")]


@pytest.mark.parametrize("text", [
    "Ternivka remains firmly in Ukrainian hands, the spokesman stressed.",
    "The General Staff underscored that fighting continues in Ternivka.",
    "Fighting continues in Ternivka, the brigade reiterated, refuting Moscow's claims.",
])
def test_more_reporting_verbs_name_the_speaker(text):
    rows = table(claims_of(text))
    assert rows and all(r[3] != "outlet" for r in rows), rows
    assert not any("refuting" in r[2] or "Moscow" in r[2] for r in rows), rows


@pytest.mark.parametrize("text, speaker", [
    ("Putin was told by Gerasimov that Russian forces had taken Ternivka.", "Gerasimov"),     # newswire
    ("It was reported by TASS that Russian forces took Ternivka.", "TASS"),                 # MT copy
])
def test_the_agent_of_a_passive_reporting_verb_speaks_the_that_clause_after_it(text, speaker):
    (c,) = [c for c in claims_of(text) if c.place.name == "Ternivka"]
    assert (c.claimant, c.claimant_side, c.stance) == (speaker, "RU", "asserted")


@pytest.mark.parametrize("text, denier, asserter", [
    # newswire: a sentence-final denial, active
    ("Russian forces have captured Marivka, Kyiv denied.", "Kyiv", None),
    ("Russian troops took Marivka on Monday, Ukraine's General Staff denied on Tuesday.",
     "Ukraine's General Staff", None),
    # a passive denial after the claim's own participle with its agent
    ("The capture of Marivka, announced by Moscow on Friday, was denied by Kyiv.", "Kyiv", "Moscow"),
    ("The capture of Marivka, claimed by the Russian Defence Ministry, was denied by Ukraine's General Staff.",
     "Ukraine's General Staff", "the Russian Defence Ministry"),
])
def test_a_denial_at_the_end_of_a_sentence_denies_its_claim(text, denier, asserter):
    claims = [c for c in claims_of(text) if c.place.name == "Marivka"]
    denied = [(c.claimant, c.event, c.beneficiary) for c in claims if c.stance == "denied"]
    assert denied == [(denier, "captured", "RU")], table(claims)
    if asserter:
        assert [c.claimant for c in claims if c.stance == "asserted"] == [asserter], table(claims)


def test_a_party_after_a_report_noun_hedges_in_its_own_name():
    claims = claims_of("Moscow says its forces have captured Marivka, a claim Kyiv has not confirmed.")
    assert [(c.claimant, c.stance) for c in claims] == [("Moscow", "asserted"), ("Kyiv", "hedged")], table(claims)
