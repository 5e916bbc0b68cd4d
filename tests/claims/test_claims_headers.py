"""A header line (a line ending with a colon) that names a speaker.  Sentences written for these tests."""
import pytest

from frontmap.claims.attribution import DocContext, header_speaker


# ---------------------------------------------------------------- the header lines

@pytest.mark.parametrize("line, speaker, side", [
    ("According to the General Staff of the Armed Forces of Ukraine, over the past day:",
     "the General Staff of the Armed Forces of Ukraine", "UA"),
    ("According to Ukraine's General Staff, as of 08:00 on 21 November:", "Ukraine's General Staff", "UA"),
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
])
def test_a_header_line_names_its_speaker(line, speaker, side):
    sp = header_speaker(line, 0, DocContext(line, []))
    assert sp is not None and (sp.text, sp.side) == (speaker, side)


@pytest.mark.parametrize("line", [
    "Key developments:", "Over the past day:", "Daily report:", "Situation report:", "Ukrainian losses:",
    "Russian forces:", "Kupiansk direction:", "According to preliminary data:", "The latest information:",
    "Situation as of 08:00 on 21 November:", "The enemy attacked the following settlements:",
    "Zelensky said that:", "Main news of the day:",
])
def test_a_header_line_naming_nobody_names_no_speaker(line):
    assert header_speaker(line, 0, DocContext(line, [])) is None
