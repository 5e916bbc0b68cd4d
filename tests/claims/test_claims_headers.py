"""A speaker named in a header line (a line ending with a colon) governs the list or paragraphs under it,
until a heading, another header, another speaker or the list's end.  Sentences written for these tests."""
import pytest

from frontmap.claims.attribution import DocContext, header_speaker
from support import claims_of, on, table


def who(claims) -> set[tuple]:
    """(place, claimant, side, stance) of every claim."""
    return {(c.place.name, c.claimant, c.claimant_side, c.stance) for c in claims}


def speaker_of(claims, place: str) -> set[tuple]:
    found = on(claims, place)
    assert found, table(claims)
    return {(c.claimant, c.claimant_side, c.stance) for c in found}


# ---------------------------------------------------------------- the header lines

@pytest.mark.parametrize("line, speaker, side", [
    ("According to the General Staff of the Armed Forces of Ukraine, over the past day:",
     "the General Staff of the Armed Forces of Ukraine", "UA"),
    ("According to Ukraine's General Staff, as of 08:00 on 21 November:", "Ukraine's General Staff", "UA"),
    ("Over the past day, according to the General Staff:", "the General Staff", "UA"),
    ("Situation as of 08:00, citing the Russian MoD:", "Russian MoD", "RU"),
    ("As reported by the Ministry of Defense of the Russian Federation:",
     "the Ministry of Defense of the Russian Federation", "RU"),
    ("The Ukrainian General Staff reports:", "The Ukrainian General Staff", "UA"),
    ("The Kremlin-appointed governor wrote on Telegram:", "The Kremlin-appointed governor", "RU"),
    ("The General Staff said in its morning update:", "The General Staff", "UA"),
    ("Russian milbloggers claim:", "Russian milbloggers", "RU"),
    ("Rybar, front summary for 20 November:", "Rybar", "RU"),
    ("Summary from the Ukrainian General Staff:", "the Ukrainian General Staff", "UA"),
    ("Russian Defence Ministry update:", "Russian Defence Ministry", "RU"),
    ("From the Russian MoD's daily briefing:", "Russian MoD", "RU"),
    ("Latest update from DeepState:", "DeepState", "UA"),
    ("DeepState map update, as of 08:00:", "DeepState", "UA"),
    ("Ukrainian General Staff morning report of 21 November:", "Ukrainian General Staff", "UA"),
    ("Statement by the Russian Defence Ministry:", "the Russian Defence Ministry", "RU"),
    ("Rybar:", "Rybar", "RU"),
    ("Rybar — front summary for 20 November:", "Rybar", "RU"),
    ("Ukrainian General Staff, 21 November:", "Ukrainian General Staff", "UA"),
    ("Pushilin on the situation near Kupiansk:", "Pushilin", "RU"),
    ("Military blogger Yuri Podolyaka on the fighting near Kupiansk:", "Yuri Podolyaka", "RU"),
    # machine-translated copy
    ("Summary of the General Staff of the Armed Forces of Ukraine as of 08.00 21.11.2025:",
     "the General Staff of the Armed Forces of Ukraine", "UA"),
    ("Report of the Ministry of Defense of Russia on the progress of the special military operation:",
     "the Ministry of Defense of Russia", "RU"),
    ("In the Ministry of Defense of the Russian Federation reported:",
     "the Ministry of Defense of the Russian Federation", "RU"),
    ("The Ministry of Defense of the Russian Federation informs:",
     "The Ministry of Defense of the Russian Federation", "RU"),
])
def test_a_header_line_names_its_speaker(line, speaker, side):
    sp = header_speaker(line, 0, DocContext(line, []))
    assert sp is not None and (sp.text, sp.side) == (speaker, side)


@pytest.mark.parametrize("line", [
    "Key developments:", "Over the past day:", "Daily report:", "Situation report:", "Ukrainian losses:",
    "Russian forces:", "Kupiansk direction:", "According to preliminary data:", "The latest information:",
    "Situation as of 08:00 on 21 November:", "The enemy attacked the following settlements:",
    "Zelensky said that:", "Main news of the day:", "Summary of the day:", "Update on the situation:",
    "Russian forces on the offensive near Kupiansk:", "Ukrainian troops on the Kupiansk front:",
    "Ukrainian General Staff, Marivka:",
])
def test_these_colon_lines_give_no_speaker(line):
    """They name nobody, or something else than a speaker ("Russian forces" as a topic), or say what
    follows ("Zelensky said that:"), or list a place after a speaker."""
    assert header_speaker(line, 0, DocContext(line, [])) is None


# ---------------------------------------------------------------- what comes under a header

def test_ukrainian_general_staff_bullets_after_a_blank_line():
    text = ("According to the General Staff of the Armed Forces of Ukraine, over the past day:\n\n"
            "- The occupiers attacked four times near Ternivka.\n\n"
            "- Ukrainian defenders repelled two assaults near Marivka.\n\n"
            "- The enemy shelled Sadove with artillery.")
    claims = claims_of(text)
    gs = ("the General Staff of the Armed Forces of Ukraine", "UA", "asserted")
    assert who(claims) == {(p, *gs) for p in ("Ternivka", "Marivka", "Sadove")}, table(claims)


def test_a_header_line_with_an_event_of_its_own_gives_it_to_the_speaker_too():
    text = ("The enemy attacked 12 times near Ternivka, according to the General Staff:\n"
            "- Ukrainian defenders repelled two assaults near Marivka.")
    claims = claims_of(text)
    assert who(claims) == {("Ternivka", "the General Staff", "UA", "asserted"),
                           ("Marivka", "the General Staff", "UA", "asserted")}, table(claims)


def test_russian_mod_paragraphs():
    text = ("Russian Defence Ministry update:\n\n"
            "Units of the Tsentr group liberated the settlement of Novoselivka.\n\n"
            "Units of the Dnepr group repelled three attacks by AFU assault groups near Robotyne.")
    claims = claims_of(text)
    assert who(claims) == {("Novoselivka", "Russian Defence Ministry", "RU", "asserted"),
                           ("Robotyne", "Russian Defence Ministry", "RU", "asserted")}, table(claims)


def test_russian_mod_briefing_with_emoji_items():
    text = ("From the Russian MoD's daily briefing:\n\n"
            "▪️ Units of the Battlegroup Tsentr liberated the settlement of Novoselivka.\n\n"
            "▪️ Dnepr group units repelled two counterattacks near Robotyne.")
    claims = claims_of(text)
    assert who(claims) == {("Novoselivka", "Russian MoD", "RU", "asserted"),
                           ("Robotyne", "Russian MoD", "RU", "asserted")}, table(claims)


def test_milblogger_digest_with_headline_items():
    text = ("Rybar, front summary for 20 November:\n\n"
            "Novoselivka liberated\n\n"
            "Russian assault groups advanced on the outskirts of Ternivka.")
    claims = claims_of(text)
    assert {c.place.name: (c.claimant, c.claimant_side, c.stance) for c in claims} == {
        "Novoselivka": ("Rybar", "RU", "asserted"), "Ternivka": ("Rybar", "RU", "asserted")}, table(claims)


def test_milblogger_digest_with_emoji_items_and_axis_topics():
    text = ("Rybar, front summary for 20 November:\n\n"
            "🔻 Kupiansk direction: Russian assault groups advanced in the centre of Kupiansk.\n\n"
            "🔻 Lyman direction: fighting continues on the outskirts of Zelenivka.\n\n"
            "Meanwhile, DeepState reported that Russian forces had advanced near Ozerne.")
    claims = claims_of(text)
    assert speaker_of(claims, "Kupiansk") == {("Rybar", "RU", "asserted")}, table(claims)
    assert speaker_of(claims, "Zelenivka") == {("Rybar", "RU", "asserted")}, table(claims)
    assert speaker_of(claims, "Ozerne") == {("DeepState", "UA", "asserted")}, table(claims)


def test_a_markdown_header_in_bold():
    text = ("**Russian Defence Ministry update:**\n\n"
            "- Units of the Tsentr group liberated Novoselivka.\n\n"
            "*Kupiansk direction:*\n\n"
            "- Units of the Zapad group advanced near Ternivka.")
    claims = claims_of(text)
    assert who(claims) == {("Novoselivka", "Russian Defence Ministry", "RU", "asserted"),
                           ("Ternivka", "Russian Defence Ministry", "RU", "asserted")}, table(claims)


def test_machine_translated_statement_header():
    text = ("The press service of the Tsentr group informs:\n\n"
            "- assault units knocked the enemy out of Novoselivka;\n"
            "- the AFU lost up to 30 servicemen near Ozerne.")
    claims = claims_of(text)
    assert speaker_of(claims, "Novoselivka") == {("The press service of the Tsentr group", "RU", "asserted")}


def test_machine_translated_general_staff_summary():
    text = ("Summary of the General Staff of the Armed Forces of Ukraine as of 08.00 21.11.2025:\n\n"
            "In the Kupiansk direction, the enemy 5 times tried to advance in the area of Ternivka.\n\n"
            "In the Pokrovsk direction, the defense forces stopped 12 attacks of the aggressor near Marivka.")
    claims = claims_of(text)
    gs = ("the General Staff of the Armed Forces of Ukraine", "UA", "asserted")
    assert speaker_of(claims, "Ternivka") == {gs} and speaker_of(claims, "Marivka") == {gs}, table(claims)


def test_newswire_quote_under_a_telegram_header_then_the_outlet_again():
    text = ("KYIV, Nov 21 (Reuters) - Russian officials reported new drone attacks on the border area.\n\n"
            "Russian-installed governor Vladimir Saldo wrote on Telegram:\n\n"
            "“Ukrainian drones struck Hrushivka overnight, two houses were damaged.”\n\n"
            "Russian troops advanced near Ternivka, according to open-source maps.")
    claims = claims_of(text)
    assert speaker_of(claims, "Hrushivka") == {("Vladimir Saldo", "RU", "asserted")}, table(claims)
    assert all(c.claimant != "Vladimir Saldo" for c in on(claims, "Ternivka")), table(claims)


def test_a_quotation_under_a_header_ends_with_it():
    text = ("The Kremlin-appointed governor wrote on Telegram:\n\n"
            "“Ukrainian drones struck Glushkovo overnight, two houses were damaged.”\n\n"
            "Russian troops advanced near Ternivka.")
    claims = claims_of(text)
    assert speaker_of(claims, "Ternivka") == {("the outlet", "outlet", "reported")}


def test_a_statement_header_over_paragraphs():
    text = ("The Ukrainian General Staff reports:\n\n"
            "In the Kramatorsk direction, the occupiers attacked four times near Ternivka.\n\n"
            "Near Marivka, our defenders repelled two assaults.")
    claims = claims_of(text)
    assert {(c.place.name, c.claimant_side, c.stance) for c in claims} == {
        ("Ternivka", "UA", "asserted"), ("Marivka", "UA", "asserted")}, table(claims)


def test_a_denial_verb_in_the_header_denies_the_items():
    text = ("The Ukrainian General Staff denied Moscow's claims:\n\n"
            "- that Russian forces had captured Ternivka;\n"
            "- that Marivka had fallen.")
    claims = claims_of(text)
    assert {(c.place.name, c.event, c.beneficiary, c.claimant_side, c.stance) for c in claims} == {
        ("Ternivka", "captured", "RU", "UA", "denied"), ("Marivka", "captured", "RU", "UA", "denied")}, table(claims)


@pytest.mark.parametrize("head", ["It is reported:", "According to unconfirmed reports:"])
def test_a_header_naming_only_reports_hedges_the_items_for_the_outlet(head):
    claims = claims_of(f"{head}\n\n- Russian troops entered Ternivka.\n- Russian forces advanced near Marivka.")
    assert {(c.claimant_side, c.stance) for c in claims} == {("outlet", "hedged")}, table(claims)


# ---------------------------------------------------------------- where the block ends

def test_an_explicit_speaker_in_an_item_wins_for_that_item_only():
    text = ("According to the General Staff, over the past day:\n\n"
            "- The enemy attacked near Ternivka.\n"
            "- Russian shelling hit Sadove, Governor Oleh Syniehubov said.\n"
            "- Ukrainian defenders repelled two assaults near Marivka.")
    claims = claims_of(text)
    assert speaker_of(claims, "Sadove") == {("Oleh Syniehubov", "UA", "asserted")}, table(claims)
    for place in ("Ternivka", "Marivka"):
        assert speaker_of(claims, place) == {("the General Staff", "UA", "asserted")}, table(claims)


def test_a_list_ends_at_the_first_line_that_is_no_item():
    text = ("According to the General Staff, over the past day:\n"
            "- The enemy attacked near Ternivka.\n"
            "- The occupiers shelled Marivka.\n\n"
            "Fighting also continued near Sadove.")
    claims = claims_of(text)
    assert speaker_of(claims, "Marivka") == {("the General Staff", "UA", "asserted")}
    assert speaker_of(claims, "Sadove") == {("the outlet", "outlet", "reported")}


def test_an_indented_line_goes_on_with_the_item_above_it():
    text = ("According to the General Staff, over the past day:\n"
            "- The occupiers shelled Ternivka overnight;\n"
            "  fighting went on near Marivka.\n"
            "- The enemy attacked near Sadove.\n\n"
            "Fighting also continued near Robotyne.")
    claims = claims_of(text)
    for place in ("Ternivka", "Marivka", "Sadove"):
        assert speaker_of(claims, place) == {("the General Staff", "UA", "asserted")}, table(claims)
    assert speaker_of(claims, "Robotyne") == {("the outlet", "outlet", "reported")}


def test_an_html_list_under_a_header_ends_at_the_blank_line_after_it():
    from frontmap.text.reading import read_report_bytes
    page = (b"<html><body><p>Kyiv, 21 November.</p>"
            b"<p><strong>According to the General Staff, over the past day:</strong></p>"
            b"<ul><li>The enemy attacked near Ternivka.</li><li>The occupiers shelled Marivka.</li></ul>"
            b"<p>Fighting also continued near Sadove, the outlet understands.</p></body></html>")
    claims = claims_of(read_report_bytes(page, path="report.html", date="2025-11-21").text)
    for place in ("Ternivka", "Marivka"):
        assert speaker_of(claims, place) == {("the General Staff", "UA", "asserted")}, table(claims)
    assert speaker_of(claims, "Sadove") == {("the outlet", "outlet", "reported")}


def test_lines_right_below_a_header_end_at_a_blank_line_paragraphs_do_not():
    lines = ("Russian Defence Ministry update:\n"
             "Units of the Tsentr group liberated Novoselivka.\n"
             "Units of the Dnepr group repelled three attacks near Robotyne.\n\n"
             "Fighting also continued near Sadove.")
    claims = claims_of(lines)
    assert speaker_of(claims, "Robotyne") == {("Russian Defence Ministry", "RU", "asserted")}
    assert speaker_of(claims, "Sadove") == {("the outlet", "outlet", "reported")}
    paragraphs = ("Russian Defence Ministry update:\n"
                  "Units of the Tsentr group liberated Novoselivka.\n\n"
                  "Units of the Dnepr group repelled three attacks near Robotyne.")
    claims = claims_of(paragraphs)
    assert speaker_of(claims, "Robotyne") == {("Russian Defence Ministry", "RU", "asserted")}


def test_a_new_heading_ends_the_block():
    text = ("Summary from the Ukrainian General Staff:\n"
            "- The enemy attacked near Ternivka.\n\n"
            "# What it means\n\n"
            "Russian troops advanced near Marivka.")
    claims = claims_of(text)
    assert speaker_of(claims, "Ternivka") == {("the Ukrainian General Staff", "UA", "asserted")}
    assert speaker_of(claims, "Marivka") == {("the outlet", "outlet", "reported")}


def test_an_axis_heading_does_not_end_the_block_but_another_heading_does():
    text = ("Summary from the Ukrainian General Staff:\n"
            "- The enemy attacked near Ternivka.\n\n"
            "Kupiansk direction\n\n"
            "- The occupiers stormed positions near Marivka.\n\n"
            "What comes next\n\n"
            "Russian troops advanced near Sadove.")
    claims = claims_of(text)
    assert speaker_of(claims, "Marivka") == {("the Ukrainian General Staff", "UA", "asserted")}, table(claims)
    assert speaker_of(claims, "Sadove") == {("the outlet", "outlet", "reported")}


def test_a_new_header_line_takes_over():
    text = ("Russian MoD update:\n"
            "- Units of the Tsentr group liberated Novoselivka.\n\n"
            "Ukrainian General Staff:\n"
            "- Our defenders repelled assaults near Marivka.")
    claims = claims_of(text)
    assert speaker_of(claims, "Novoselivka") == {("Russian MoD", "RU", "asserted")}
    assert speaker_of(claims, "Marivka") == {("Ukrainian General Staff", "UA", "asserted")}


def test_a_header_line_naming_nobody_inside_a_block_changes_nothing():
    text = ("According to the General Staff, over the past day:\n\n"
            "Kupiansk direction:\n"
            "- The enemy attacked near Ternivka.\n\n"
            "Key developments:\n"
            "- The occupiers shelled Marivka.")
    claims = claims_of(text)
    assert who(claims) == {("Ternivka", "the General Staff", "UA", "asserted"),
                           ("Marivka", "the General Staff", "UA", "asserted")}, table(claims)


def test_a_paragraph_naming_another_speaker_ends_a_block_of_paragraphs():
    text = ("Rybar, front summary for 20 November:\n\n"
            "Russian troops advanced near Ternivka.\n\n"
            "The Ukrainian General Staff said its forces repelled attacks near Marivka.\n\n"
            "Fighting continued near Sadove.")
    claims = claims_of(text)
    assert speaker_of(claims, "Ternivka") == {("Rybar", "RU", "asserted")}
    assert speaker_of(claims, "Marivka") == {("The Ukrainian General Staff", "UA", "asserted")}
    assert speaker_of(claims, "Sadove") == {("the outlet", "outlet", "reported")}


def test_this_was_stated_by_another_speaker_ends_a_block_of_paragraphs():
    text = ("Rybar, front summary for 20 November:\n\n"
            "Russian troops advanced near Ternivka.\n\n"
            "Russian forces took Marivka. This was stated by the Ukrainian General Staff.\n\n"
            "Fighting continued near Sadove.")
    claims = claims_of(text)
    assert speaker_of(claims, "Marivka") == {("the Ukrainian General Staff", "UA", "asserted")}
    assert speaker_of(claims, "Sadove") == {("the outlet", "outlet", "reported")}


def test_the_same_speaker_named_again_goes_on():
    text = ("Russian Defence Ministry update:\n\n"
            "Units of the Tsentr group liberated Novoselivka.\n\n"
            "The ministry said its forces also repelled attacks near Robotyne.\n\n"
            "Dnepr group units struck AFU positions near Sadove.")
    claims = claims_of(text)
    for place in ("Novoselivka", "Robotyne", "Sadove"):
        assert speaker_of(claims, place) == {("Russian Defence Ministry", "RU", "asserted")}, table(claims)


def test_the_outlets_own_words_end_a_block_of_paragraphs():
    text = ("Rybar, front summary for 20 November:\n\n"
            "Russian troops advanced near Ternivka.\n\n"
            "Meanwhile, fighting continued near Marivka.")
    claims = claims_of(text)
    assert speaker_of(claims, "Ternivka") == {("Rybar", "RU", "asserted")}
    assert speaker_of(claims, "Marivka") == {("the outlet", "outlet", "reported")}


def test_background_ends_the_block():
    text = ("Russian Defence Ministry update:\n\n"
            "Units of the Tsentr group liberated Novoselivka.\n\n"
            "Background:\n\n"
            "Russian troops advanced near Ternivka.")
    claims = claims_of(text)
    assert speaker_of(claims, "Novoselivka") == {("Russian Defence Ministry", "RU", "asserted")}
    assert speaker_of(claims, "Ternivka") == {("the outlet", "outlet", "reported")}


def test_the_source_line_of_the_report_comes_back_after_the_block():
    text = ("Russian forces keep up their pressure in the east.\n\n"
            "Source: DeepState\n\n"
            "Russian troops advanced near Ternivka.\n\n"
            "Summary from the Ukrainian General Staff:\n"
            "- The enemy attacked near Marivka.\n\n"
            "Fighting also continued near Sadove.")
    claims = claims_of(text)
    assert speaker_of(claims, "Marivka") == {("the Ukrainian General Staff", "UA", "asserted")}
    assert speaker_of(claims, "Sadove") == {("DeepState", "UA", "asserted")}, table(claims)


# ---------------------------------------------------------------- what is no header

@pytest.mark.parametrize("head", ["Key developments:", "Over the past day:", "Daily report:", "Kupiansk direction:",
                                  "Kupiansk direction update:", "Situation near Ternivka:", "Marivka:",
                                  "Russian forces on the offensive near Kupiansk:"])
def test_a_header_naming_nobody_leaves_the_items_to_the_outlet(head):
    text = f"{head}\n\n- Russian troops advanced near Ternivka.\n- The enemy shelled Marivka."
    claims = claims_of(text)
    assert {(c.claimant_side, c.stance) for c in claims} == {("outlet", "reported")}, table(claims)


def test_a_speaker_with_a_colon_inside_the_line_covers_that_line_only():
    text = "Rybar: Russian troops advanced near Ternivka.\n\nFighting continued near Marivka."
    claims = claims_of(text)
    assert speaker_of(claims, "Ternivka") == {("Rybar", "RU", "asserted")}
    assert speaker_of(claims, "Marivka") == {("the outlet", "outlet", "reported")}


def test_a_colon_line_in_the_middle_of_a_sentence_is_no_header():
    text = ("The ministry listed what it called successes: Novoselivka and Ozerne.\n\n"
            "Russian troops advanced near Ternivka.")
    claims = claims_of(text)
    assert all(c.claimant_side == "outlet" for c in on(claims, "Ternivka")), table(claims)


@pytest.mark.parametrize("title", ["Ukraine war: latest update", "Russia-Ukraine war: daily briefing",
                                   "Ukraine war: Russian troops claim gains"])
def test_a_topic_before_a_colon_is_not_a_speaker(title):
    rows = table(claims_of(title + "\n\nRussian troops took Ternivka, the ministry said."))
    assert [(r[2], r[3]) for r in rows if r[0] == "Ternivka"] == [("the ministry", "RU")], rows


def test_a_title_naming_a_source_and_its_digest_makes_the_report_that_sources():
    text = ("General Staff of the Armed Forces of Ukraine: operational information as of 08:00 on 20.11.2025\n\n"
            "In the Kupiansk direction, the enemy attacked our positions 8 times near Hrushivka.\n\n"
            "Our defenders repelled all attacks near Sadove.")
    rows = table(claims_of(text))
    assert rows and all(r[3] == "UA" and r[4] == "asserted" for r in rows), rows


@pytest.mark.parametrize("title", [
    "Rybar: situation on the Kupiansk front as of 20 November",                  # milblogger digest
    "Rybar, situation on the Kupiansk front as of 20 November:",
    "Two Majors: chronicle of the special military operation for 20 November",   # MT copy
])
def test_a_source_and_its_situation_digest_own_the_items_below(title):
    text = title + "\n\n- Russian assault groups entered Ternivka from the north;\n- fighting continues near Marivka."
    rows = table(claims_of(text))
    assert rows and all(r[3] == "RU" and r[4] == "asserted" for r in rows), rows


def test_a_topic_and_the_situation_is_still_no_speaker():
    rows = table(claims_of("Ukraine war: the situation on the front\n\nRussian troops entered Ternivka."))
    assert [r[3] for r in rows] == ["outlet"], rows


@pytest.mark.parametrize("title, side", [
    ("Summary of the Ministry of Defence of the Russian Federation on the progress of the special military operation",
     "RU"),                                                                                   # RU official, MT copy
    ("Daily briefing by the General Staff of the Armed Forces of Ukraine for 20 November", "UA"),   # UA official
])
def test_a_title_naming_its_source_after_the_digest_makes_the_report_that_sources(title, side):
    text = (title + "\n\nUnits of the group liberated the settlement of Ternivka.\n\n"
            "The enemy lost up to 220 servicemen near Marivka.")
    rows = table(claims_of(text))
    assert rows and all(r[3] == side and r[4] == "asserted" for r in rows), rows


def test_a_digest_title_naming_no_source_belongs_to_the_source_its_first_paragraph_names():
    text = ("Operational information as of 08:00 on 20 November regarding the Russian invasion\n\n"
            "The General Staff of the Armed Forces of Ukraine reports that over the past day, 142 combat clashes took place.\n\n"
            "In the Kupiansk direction, the enemy attacked 9 times near Ternivka and towards Marivka.\n\n"
            "In the Lyman direction, the invaders tried to advance near Sadove.")
    rows = table(claims_of(text))
    assert {r[0] for r in rows} >= {"Ternivka", "Marivka", "Sadove"}, rows
    assert all(r[3] == "UA" and r[4] == "asserted" for r in rows), rows


def test_a_digest_title_does_not_hand_the_report_to_a_speaker_named_later():
    text = ("Daily update\n\nRussian troops advanced near Ternivka.\n\n"
            "The General Staff said the enemy attacked near Marivka.\n\nFighting continued near Sadove.")
    rows = table(claims_of(text))
    assert speaker_of(claims_of(text), "Sadove") == {("the outlet", "outlet", "reported")}, rows


@pytest.mark.parametrize("text", [
    # milblogger digest
    "Kupiansk direction: the enemy counterattacked near Marivka but was repulsed.",
    # Ukrainian official English, with a comma before the second predicate
    "Kupiansk direction: the occupiers attacked near Marivka, but were driven back.",
])
def test_a_direction_label_is_not_the_subject_a_second_predicate_goes_on_with(text):
    claims = claims_of(text)
    assert [c.place.name for c in claims if c.event == "repelled"] == ["Marivka"], table(claims)


@pytest.mark.parametrize("text", [
    # wire headline with its source, then the body naming the source by its head noun
    "Russian forces capture Marivka – Russian Defence Ministry\n\nThe ministry said its troops had completed "
    "the liberation of the village.",
    # Ukrainian official English
    "Ukrainian forces liberate Robotyne – General Staff\n\nThe Staff said the village was fully liberated.",
])
def test_a_source_named_again_by_its_head_noun_makes_one_claim(text):
    claims = claims_of(text)
    assert len(claims) == 1, table(claims)


def test_the_same_head_noun_of_another_side_is_another_claim():
    text = ("Russia says it took Marivka – Russian Defence Ministry\n\nUkraine's ministry said Marivka "
            "had not been taken.")
    assert sorted(c.claimant_side for c in on(claims_of(text), "Marivka")) == ["RU", "UA"], table(claims_of(text))
