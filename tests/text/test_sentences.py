"""Sentence splitting, paragraphs and section headings (own example texts)."""
from frontmap.text.sentences import Sentence, axis_phrase, paragraphs, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_offsets_point_into_the_text():
    text = "  First line here.  Second one follows!\n\nA third, in a new paragraph?  "
    for s in split_sentences(text):
        assert isinstance(s, Sentence)
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip()


def test_abbreviations_initials_and_decimals_do_not_end_sentences():
    text = ("Lt. Gen. J.D. Harlow met Col. Mirenko at 9 a.m. on Friday. The convoy carried 2.5 tonnes "
            "of aid. Mr. Ostrov said No. 7 brigade had left.")
    assert texts(text) == ["Lt. Gen. J.D. Harlow met Col. Mirenko at 9 a.m. on Friday.",
                           "The convoy carried 2.5 tonnes of aid.",
                           "Mr. Ostrov said No. 7 brigade had left."]


def test_us_ends_a_sentence_only_before_a_sentence_starter():
    assert texts("Aid came from the U.S. The rest came later.") == ["Aid came from the U.S.", "The rest came later."]
    assert len(texts("The U.S. Army sent more trucks.")) == 1


def test_closing_quote_stays_with_its_sentence():
    text = "He said: “The bridge is gone.” Then he left. “We held,” she added."
    assert texts(text) == ["He said: “The bridge is gone.”", "Then he left.", "“We held,” she added."]


def test_lowercase_after_a_period_is_not_a_new_sentence():
    assert len(texts("They took the industrial area. zone by zone, slowly.")) == 1


def test_every_line_is_a_paragraph_unless_the_text_is_hard_wrapped():
    text = "Line one is a paragraph.\nLine two is another.\n\nLine three."
    assert len(paragraphs(text)) == 3
    wrapped = ("This prose is wrapped at a fixed width so that the sentence runs\n"
               "over two lines before it reaches its final full stop here.\n\n"
               "Then another paragraph starts and also runs on past the end of\n"
               "the line before it stops.")
    spans = paragraphs(wrapped)
    assert len(spans) == 2
    assert [s.paragraph for s in split_sentences(wrapped)] == [0, 1]


def test_short_line_without_period_is_a_heading_for_what_follows():
    text = "Fighting near the river\nThe brigade held its line. Shelling went on.\nNew section title\nQuiet day."
    sents = split_sentences(text)
    assert sents[0].heading == "Fighting near the river"
    assert sents[1].heading == sents[2].heading == "Fighting near the river"
    assert sents[-1].heading == "New section title"


def test_axis_phrase_opens_a_section():
    text = ("Intro without a heading comes first here.\n"
            "In the direction of Ternivka, the assaults went on. More news.\n"
            "On the Pivdenne front, it was calm.\n"
            "Toward Marivka. The flag went up.")
    heads = [s.heading for s in split_sentences(text)]
    assert heads[0] is None
    assert heads[1] == heads[2] == "In the direction of Ternivka"
    assert heads[3] == "On the Pivdenne front"
    assert heads[4].startswith("Toward Marivka") and heads[5] == heads[4]


def test_axis_phrase_detection():
    assert axis_phrase("In the direction of Ternivka, the assaults went on.") == "In the direction of Ternivka"
    assert axis_phrase("On the Pivdenne front, it was calm.") == "On the Pivdenne front"
    assert axis_phrase("The brigade held.") is None


def test_markdown_heading_and_bullets():
    text = "# Daily update\n\n- First point about the front.\n- Second point follows."
    sents = split_sentences(text)
    assert sents[0].heading == "Daily update"
    assert sents[1].text == "First point about the front."
    assert sents[2].heading == "Daily update"


def test_empty_text_has_no_sentences():
    assert split_sentences("") == []
    assert split_sentences("\n\n  \n") == []
