"""Claims in the styles frontmap meets: wire copy, official statements of both sides in English,
machine-translated aggregator text, ISW-style summaries and milblogger digests.

Every sentence was written for these tests; places are made by hand (no gazetteer), so each test
checks the claims logic alone.
"""
import re

import pytest

from frontmap.claims.extract import extract_claims
from frontmap.model import Place, Report

RUSSIAN = {"Glushkovo", "Tetkino"}
REGIONS = {"Donetsk region": "Donetsk", "Zaporizhzhia region": "Zaporizhzhia",
           "Donetsk People's Republic": "Donetsk", "Kursk region": "Kursk (Russia)"}
# made-up but plausible coordinates, far enough apart for lines
COORDS = {"Ternivka": (48.10, 37.20), "Marivka": (48.20, 37.40), "Bilohirka": (47.60, 35.90),
          "Zelenivka": (48.00, 37.00), "Novoselivka": (48.30, 37.60), "Robotyne": (47.45, 35.85),
          "Kupiansk": (49.71, 37.62), "Glushkovo": (51.34, 34.64), "Tetkino": (51.28, 34.30)}


def _place(name: str, start: int, text: str) -> Place:
    kind = "region" if name in REGIONS else "settlement"
    oblast = REGIONS.get(name, "Kursk (Russia)" if name in RUSSIAN else "Donetsk")
    lat, lon = COORDS.get(name, (48.5, 37.5))
    return Place(text=text, start=start, end=start + len(text), name=name, kind=kind, oblast=oblast,
                 lat=lat, lon=lon, id=f"test:{name}", confidence=0.9, status="resolved")


def claims_of(text: str, date: str = "2025-11-21"):
    """Claims of text; every known name (and the spellings in SPELLINGS) is a place."""
    names = list(COORDS) + list(REGIONS)
    places = []
    for n in sorted(names, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(n)}(?!\w)", text):
            if not any(p.start <= m.start() < p.end for p in places):
                places.append(_place(n, m.start(), n))
    return extract_claims(Report(path="t.txt", date=date, text=text), sorted(places, key=lambda p: p.start))


def one(claims, name: str, event: str | None = None, side: str | None = None):
    found = [c for c in claims if c.place.name == name and (event is None or c.event == event)
             and (side is None or c.claimant_side == side)]
    assert found, f"no {event or ''} claim on {name}: {[(c.place.name, c.event, c.claimant_side) for c in claims]}"
    return found[0]


def facts(c) -> tuple:
    return c.event, c.beneficiary, c.claimant_side, c.stance


# ---------------------------------------------------------------- attribution: who says it

def test_wire_sentence_final_ministry_with_weekday():
    c = one(claims_of("Russian forces have taken control of Zelenivka in eastern Ukraine, "
                      "Russia's Defence Ministry said on Thursday."), "Zelenivka")
    assert facts(c) == ("captured", "RU", "RU", "asserted")
    assert "Defence Ministry" in c.claimant
    assert c.event_date == "2025-11-20"          # 21 November 2025 is a Friday


def test_wire_said_that_with_possessive_subject():
    c = one(claims_of("Ukraine's General Staff said on Sunday that its troops had repelled "
                      "14 Russian assaults near Marivka."), "Marivka")
    assert facts(c) == ("repelled", "UA", "UA", "asserted")


def test_according_to_opens_the_sentence():
    c = one(claims_of("According to the Ukrainian military, Russian troops shelled Bilohirka overnight."), "Bilohirka")
    assert facts(c) == ("strike", "RU", "UA", "asserted")


def test_according_to_closes_the_sentence():
    c = one(claims_of("Russian units advanced near Zelenivka, according to the DeepState monitoring project."),
            "Zelenivka")
    assert facts(c) == ("advance", "RU", "UA", "asserted")
    assert "DeepState" in c.claimant


def test_colon_with_guillemets_from_a_ukrainian_command():
    c = one(claims_of("Khortytsia group spokesman: «The occupiers were driven out of Marivka this morning.»"),
            "Marivka")
    assert facts(c) == ("liberated", "UA", "UA", "asserted")


def test_milblogger_digest_colon_line():
    c = one(claims_of("Rybar: Russian assault groups have entered Novoselivka from the north."), "Novoselivka")
    assert facts(c) == ("advance", "RU", "RU", "asserted")
    assert c.claimant == "Rybar"


def test_quote_continued_by_he_added():
    text = ("“The enemy tried to storm Ternivka three times on Monday,” Ukrainian brigade spokesman "
            "Ivan Koval said. “Our soldiers also recaptured Marivka,” he added.")
    claims = claims_of(text)
    c = one(claims, "Marivka")
    assert facts(c) == ("liberated", "UA", "UA", "asserted")
    assert c.claimant == "Ivan Koval"


def test_speaker_carried_on_to_the_next_quotation():
    text = ("“We hit the enemy's fuel depot in Ternivka,” drone unit commander Oleh Marchenko of the Ukrainian "
            "National Guard told reporters. “Russian infantry are still trying to break into Marivka.”")
    c = one(claims_of(text), "Marivka")
    assert (c.event, c.claimant, c.claimant_side) == ("fighting", "Oleh Marchenko", "UA")


def test_nested_report_is_the_reporters_claim_and_the_wire_hedge_is_the_outlets():
    text = ("Gerasimov reported to Putin that the Vostok group had liberated Zelenivka. "
            "Reuters could not independently verify the claim.")
    claims = claims_of(text)
    assert facts(one(claims, "Zelenivka", side="RU")) == ("captured", "RU", "RU", "asserted")
    assert one(claims, "Zelenivka", side="RU").claimant == "Gerasimov"
    assert facts(one(claims, "Zelenivka", side="outlet")) == ("captured", "RU", "outlet", "hedged")


def test_told_state_television_that():
    c = one(claims_of("Pushilin told Russian state television that Ukrainian forces had withdrawn from Marivka."),
            "Marivka")
    assert facts(c) == ("withdrawal", "RU", "RU", "asserted")


def test_machine_translated_aggregator_sentence():
    c = one(claims_of("The head of the DPR Denis Pushilin informed that the fighters of the Russian army "
                      "liberated the settlement Marivka."), "Marivka")
    assert facts(c) == ("captured", "RU", "RU", "asserted")


def test_speaker_goes_on_in_the_next_sentence_of_reported_speech():
    text = ("Syrskyi said that Russian forces had attacked Ternivka with armour. "
            "He said they were also storming Marivka.")
    c = one(claims_of(text), "Marivka")
    assert (c.event, c.claimant_side) == ("fighting", "UA")


# ---------------------------------------------------------------- claimant registry and unknown speakers

@pytest.mark.parametrize("sentence, side", [
    ("The Zapad group of forces said its units had improved their positions near Ternivka.", "RU"),
    ("Battlegroup Tsentr said its troops had captured Ternivka.", "RU"),
    ("The Dnepr group of forces said it had repelled an attack near Ternivka.", "RU"),
    ("The Khortytsia operational-tactical group reported fighting near Ternivka.", "UA"),
    ("Ukraine's Ground Forces said the enemy had attacked Ternivka.", "UA"),
    ("The Institute for the Study of War assessed that Russian forces recently advanced near Ternivka.", "third"),
    ("Russian milbloggers claimed that Russian forces had seized Ternivka.", "RU"),
    ("Pro-Kremlin war correspondents said Russian troops had reached the outskirts of Ternivka.", "RU"),
    ("A Ukrainian drone operator told the newspaper that Russian troops were attacking Ternivka.", "UA"),
    ("Analysts at the Finnish Black Bird Group said Russian forces had advanced near Ternivka.", "third"),
    ("Kharkiv regional governor Oleh Syniehubov said Russian forces shelled Ternivka.", "UA"),
    ("Vladimir Rogov, a Russian-installed official, said Ukrainian troops attacked Ternivka.", "RU"),
])
def test_claimant_side_of_registry_entries_and_described_speakers(sentence, side):
    c = one(claims_of(sentence), "Ternivka")
    assert c.claimant_side == side, (c.claimant, c.claimant_side)


@pytest.mark.parametrize("text, side", [
    ("The occupiers shelled Marivka again overnight. A brigade spokesman said the invaders had also "
     "attacked Ternivka.", "UA"),
    ("The Kiev regime's militants shelled Marivka. A military source said Ukrainian formations also "
     "attacked Ternivka.", "RU"),
])
def test_unnamed_speaker_takes_its_side_from_the_wording_around_it(text, side):
    c = one(claims_of(text), "Ternivka")
    assert c.claimant.startswith("A ") and c.claimant_side == side


def test_unknown_speaker_keeps_its_words():
    c = one(claims_of("Russian war correspondents said Russian troops had entered Ternivka."), "Ternivka")
    assert c.claimant == "Russian war correspondents" and c.claimant_side == "RU"


# ---------------------------------------------------------------- stance

def test_untrue_is_a_denial():
    text = "The Ukrainian General Staff said reports that Marivka had been captured were untrue."
    c = one(claims_of(text), "Marivka")
    assert facts(c) == ("captured", "RU", "UA", "denied")


def test_denied_that_its_troops_retreated():
    c = one(claims_of("The Ukrainian military denied that its troops had retreated from Ternivka."), "Ternivka")
    assert facts(c) == ("withdrawal", "RU", "UA", "denied")


def test_remains_under_the_control_of():
    c = one(claims_of("Marivka remains under the control of the Ukrainian Armed Forces, "
                      "a spokesman for the Khortytsia group said."), "Marivka")
    assert facts(c) == ("captured", "RU", "UA", "denied")


def test_if_this_is_true_hedges_the_previous_claim():
    text = ("Russian milbloggers claim that Russian troops have encircled Ternivka. "
            "If this is true, the last road into the town is cut.")
    claims = claims_of(text)
    assert facts(one(claims, "Ternivka", side="outlet")) == ("encircled", "RU", "outlet", "hedged")


def test_could_not_be_independently_verified():
    text = ("The Russian Defence Ministry said its forces had captured Bilohirka. "
            "The claim could not be independently verified.")
    assert facts(one(claims_of(text), "Bilohirka", side="outlet")) == ("captured", "RU", "outlet", "hedged")


def test_reportedly_in_the_outlets_voice():
    c = one(claims_of("Russian troops have reportedly entered Bilohirka."), "Bilohirka")
    assert facts(c) == ("advance", "RU", "outlet", "hedged")


def test_claims_in_the_outlets_voice_are_hedged():
    c = one(claims_of("The town was shelled again on Tuesday amid claims that Russian forces had entered Zelenivka."),
            "Zelenivka")
    assert facts(c) == ("advance", "RU", "outlet", "hedged")


def test_a_named_claimant_who_claims_asserts():
    c = one(claims_of("Russia claims to have captured Novoselivka."), "Novoselivka")
    assert facts(c) == ("captured", "RU", "RU", "asserted")


def test_isw_style_may_have_is_hedged():
    c = one(claims_of("ISW assesses that Russian forces may have advanced near Ternivka."), "Ternivka")
    assert facts(c) == ("advance", "RU", "third", "hedged")


def test_prediction_is_hedged():
    c = one(claims_of("Ukrainian forces would likely retreat from Ternivka soon, the analyst Petro Hrin said."),
            "Ternivka")
    assert (c.event, c.beneficiary, c.stance) == ("withdrawal", "RU", "hedged")


# ---------------------------------------------------------------- events and the side that gains

@pytest.mark.parametrize("sentence, event, gains", [
    ("Russian drones struck energy facilities in Bilohirka overnight, the regional governor said.", "strike", "RU"),
    ("Ukrainian troops have cut the main supply route to Ternivka, the brigade said.", "encircled", "UA"),
    ("The Russians pulled back from the village of Marivka after heavy losses, the General Staff said.",
     "withdrawal", "UA"),
    ("Ukrainian forces retook Zelenivka in a counterattack, Syrskyi said.", "liberated", "UA"),
    ("Fierce fighting is under way for Novoselivka, the Ukrainian military said.", "fighting", None),
    ("Russian forces gained a foothold on the outskirts of Bilohirka, DeepState said.", "advance", "RU"),
    ("Units of the Vostok group liberated Ternivka, the ministry said.", "captured", "RU"),
    ("The Ukrainian army repulsed an enemy assault on Robotyne, the Tavria group said.", "repelled", "UA"),
])
def test_event_and_beneficiary(sentence, event, gains):
    place = next(n for n in COORDS if n in sentence)
    c = one(claims_of(sentence), place)
    assert (c.event, c.beneficiary) == (event, gains)


def test_region_that_only_locates_is_not_claimed():
    claims = claims_of("Units of the Vostok group liberated Ternivka in the Donetsk People's Republic, "
                       "the ministry said.")
    assert {c.place.name for c in claims} == {"Ternivka"}


# ---------------------------------------------------------------- event dates beside the report date

@pytest.mark.parametrize("sentence, when", [
    ("Russian troops shelled Ternivka on Nov. 20, the governor said.", "2025-11-20"),
    ("Russian troops shelled Ternivka on 18 November, the governor said.", "2025-11-18"),
    ("Russian troops shelled Ternivka yesterday, the governor said.", "2025-11-20"),
    ("Russian troops shelled Ternivka last night, the governor said.", "2025-11-20"),
    ("On Monday, Russian troops shelled Ternivka, the governor said.", "2025-11-17"),
    ("Russian troops shelled Ternivka on December 3, the governor said.", "2024-12-03"),
    ("Russian troops shelled Ternivka, the governor said.", None),
])
def test_event_date_is_recorded_and_never_after_the_report(sentence, when):
    c = one(claims_of(sentence, date="2025-11-21"), "Ternivka")
    assert c.event_date == when


# ---------------------------------------------------------------- geometry of claims about areas and directions

def test_offset_from_a_place():
    c = one(claims_of("Russian forces advanced 8 km west of Ternivka, the ministry said."), "Ternivka")
    assert c.geometry.kind == "offset"
    p = c.geometry.points[0]
    assert p.lon < COORDS["Ternivka"][1] and abs(p.lat - COORDS["Ternivka"][0]) < 0.01


def test_area_around_a_place_is_a_buffer():
    c = one(claims_of("Heavy fighting continues in the Marivka area, the General Staff said."), "Marivka")
    assert c.geometry.kind == "buffer" and c.geometry.radius_km > 0


def test_road_toward_a_place_is_a_line():
    c = one(claims_of("Russian troops advanced along the Marivka road toward Ternivka, DeepState said."), "Ternivka")
    assert c.geometry.kind == "line"
    assert [(p.lat, p.lon) for p in c.geometry.points] == [COORDS["Marivka"], COORDS["Ternivka"]]


def test_stated_area_is_recorded():
    c = one(claims_of("Ukrainian forces liberated an area of more than 30 square kilometres around Zelenivka, "
                      "Syrskyi said."), "Zelenivka")
    assert c.geometry.kind == "area" and c.geometry.area_km2 == 30


def test_a_plain_capture_has_no_geometry():
    assert one(claims_of("Russian forces captured Ternivka, the ministry said."), "Ternivka").geometry is None


# ---------------------------------------------------------------- more stance and event wording

def test_holding_a_place_is_a_holding_claim_for_the_speakers_side():
    c = one(claims_of("Our fighters continue to hold Marivka, the Khortytsia group said."), "Marivka")
    assert facts(c) == ("other", "UA", "UA", "asserted")


def test_is_ours_in_a_short_quotation():
    c = one(claims_of("“Ternivka is ours!” Apti Alaudinov wrote on Telegram."), "Ternivka")
    assert facts(c) == ("captured", "RU", "RU", "asserted")
    assert c.claimant == "Apti Alaudinov"


def test_denying_a_loss_denies_the_other_sides_capture():
    text = "Zelensky said Ukrainian troops were holding Ternivka. He denied that Marivka had been lost."
    assert facts(one(claims_of(text), "Marivka")) == ("captured", "RU", "UA", "denied")


def test_a_side_that_lost_a_place():
    c = one(claims_of("Ukraine lost Ternivka last week, DeepState said."), "Ternivka")
    assert (c.event, c.beneficiary) == ("captured", "RU")
    assert claims_of("The brigade lost 30 soldiers near Ternivka.") == []


def test_rejecting_the_claim_of_the_sentence_before():
    text = "Moscow said its forces had captured Ternivka. Ukrainian officials rejected the claim as propaganda."
    claims = claims_of(text)
    assert facts(one(claims, "Ternivka", side="RU")) == ("captured", "RU", "RU", "asserted")
    assert facts(one(claims, "Ternivka", side="UA")) == ("captured", "RU", "UA", "denied")


def test_rejecting_a_claim_named_in_the_same_sentence():
    c = one(claims_of("Ukrainian officials rejected Moscow's claim that Ternivka had been captured."), "Ternivka")
    assert facts(c) == ("captured", "RU", "UA", "denied")
    assert c.claimant == "Ukrainian officials"


def test_such_reports_are_not_true():
    text = ("Russian bloggers reported the encirclement of Marivka. "
            "Such reports are not true, the spokesman for the Khortytsia group said.")
    assert facts(one(claims_of(text), "Marivka", side="UA")) == ("encircled", "RU", "UA", "denied")


def test_no_evidence_that_is_a_denial():
    c = one(claims_of("There is no evidence that Russian troops have entered Marivka, the General Staff said."),
            "Marivka")
    assert facts(c) == ("advance", "RU", "UA", "denied")


def test_called_the_claims_untrue():
    c = one(claims_of("The General Staff called Russian claims about the capture of Marivka untrue."), "Marivka")
    assert facts(c) == ("captured", "RU", "UA", "denied")


def test_driven_out_in_the_passive_benefits_the_other_side():
    c = one(claims_of("Russian troops were driven out of Marivka, the brigade said."), "Marivka")
    assert (c.event, c.beneficiary) == ("liberated", "UA")


def test_retaking_positions_near_a_place_is_an_advance():
    c = one(claims_of("Ukrainian forces recently recaptured positions near Marivka."), "Marivka")
    assert (c.event, c.beneficiary) == ("advance", "UA")


def test_warning_goes_on_with_the_same_speaker_and_is_hedged():
    text = ("Russian forces are advancing on Ternivka, Ukrainian officials said on Wednesday, "
            "warning that the town could be encircled within weeks.")
    c = one(claims_of(text), "Ternivka", "encircled")
    assert (c.claimant, c.claimant_side, c.stance) == ("Ukrainian officials", "UA", "hedged")


def test_each_speaker_claims_for_its_own_side_when_no_side_acts():
    text = ("Ukraine's military said its forces were fighting to hold Ternivka, "
            "while Russian bloggers said the village had fallen.")
    c = one(claims_of(text), "Ternivka", "captured")
    assert (c.beneficiary, c.claimant_side) == ("RU", "RU")


def test_places_under_occupation_with_no_side_named():
    c = one(claims_of("Eleven villages in the Donetsk region remain under occupation, the regional governor said."),
            "Donetsk region")
    assert (c.event, c.beneficiary, c.claimant_side) == ("advance", "RU", "UA")


def test_a_person_named_in_an_organisations_phrase_is_the_claimant():
    c = one(claims_of("Pentagon spokesman John Kirby said Russian forces had advanced near Ternivka."), "Ternivka")
    assert (c.claimant, c.claimant_side) == ("John Kirby", "third")


def test_wire_dateline_is_not_a_speaker():
    c = one(claims_of("KYIV (Reuters) - Russian forces shelled Ternivka overnight, the governor said."), "Ternivka")
    assert (c.claimant, c.event) == ("the governor", "strike")


# ---------------------------------------------------------------- statements, digests and translated text

def test_statement_header_gives_the_speaker_of_the_paragraphs_below():
    text = ("The Ukrainian General Staff reports:\n\n"
            "In the Kramatorsk direction, the occupiers attacked four times near Ternivka.\n\n"
            "Near Marivka, our defenders repelled two assaults.")
    claims = claims_of(text)
    assert {(c.place.name, c.claimant_side) for c in claims} == {("Ternivka", "UA"), ("Marivka", "UA")}
    assert one(claims, "Marivka").event == "repelled"


def test_subject_wins_over_a_side_named_in_an_object():
    text = ("Units of the Battlegroup Tsentr pushed deep into the enemy's defences and liberated "
            "the settlement of Novoselivka.")
    c = one(claims_of(text), "Novoselivka")
    assert (c.event, c.beneficiary) == ("captured", "RU")


def test_failure_cue_belongs_to_the_fighting_next_to_it():
    text = ("Kupiansk direction: fighting goes on in the Ternivka area, and the AFU counterattacked "
            "near Marivka without success.")
    claims = claims_of(text)
    assert one(claims, "Ternivka").event == "fighting"
    assert (one(claims, "Marivka").event, one(claims, "Marivka").beneficiary) == ("repelled", "RU")


def test_present_tense_refutation_of_the_sentence_before():
    text = ("Military blogger Yuri Podolyaka writes that the Russian army took control over Novoselivka. "
            "The Ukrainian side refutes this information.")
    c = one(claims_of(text), "Novoselivka", side="UA")
    assert (c.event, c.beneficiary, c.stance) == ("captured", "RU", "denied")


def test_trying_for_weeks_to_break_through_is_fighting():
    c = one(claims_of("Russian troops have been trying for weeks to break through near Ternivka, "
                      "Ukrainian analysts said."), "Ternivka")
    assert c.event == "fighting"


def test_quote_speaker_with_an_appositive_between_commas():
    text = ("“The situation near Marivka remains extremely tense,” Petro Savchuk, spokesman for the "
            "Ukrainian brigade in the area, told television. He added that Ukrainian forces had "
            "pushed Russian troops out of part of Ternivka.")
    claims = claims_of(text)
    assert one(claims, "Marivka").claimant == "Petro Savchuk"
    c = one(claims, "Ternivka")
    assert (c.claimant, c.event, c.beneficiary) == ("Petro Savchuk", "advance", "UA")


def test_an_event_named_as_a_noun_echoes_the_claim_before():
    text = ("Russia's defence minister said his troops had seized Marivka.\n\n"
            "Putin later praised the capture as a great success.")
    claims = claims_of(text)
    assert {(cl.claimant, cl.claimant_side, cl.event) for cl in claims if cl.place.name == "Marivka"} == {
        ("Russia's defence minister", "RU", "captured"), ("Putin", "RU", "captured")}
    last = claims_of("Russian troops captured Ternivka. The capture of the bridge mattered.")[-1]
    assert last.place.name == "Ternivka"


def test_a_part_of_the_town_named_before_is_an_advance():
    text = ("Fighting was underway in the town of Ternivka. "
            "According to the Wagner commander, Russian units took control of the industrial area.")
    c = one(claims_of(text), "Ternivka", "advance")
    assert (c.beneficiary, c.claimant_side) == ("RU", "RU")


@pytest.mark.parametrize("sentence, event", [
    ("The Kremlin said its forces were 'mopping up' Ternivka.", "advance"),                 # newswire scare quotes
    ("Moscow says its troops have “taken control of” Ternivka.", "captured"),             # a quoted phrase
    ("The occupiers are \"clearing\" the village of Ternivka, the brigade wrote.", "advance"),
])
def test_a_quoted_trigger_still_governs_the_place_after_it(sentence, event):
    from support import claims_of, events_at, table
    assert events_at(sentence, "Ternivka") == [event], table(claims_of(sentence))
