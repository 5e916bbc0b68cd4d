"""Reading reports: encodings, dates, HTML/Markdown, and bad input."""
from __future__ import annotations

import codecs
import os

import pytest

from frontmap.errors import ReportError
from frontmap.text.reading import iter_report_paths, read_report, read_report_bytes
from support import SEEDS, SHARED, needs_shared

UK = "Бої тривають поблизу Покровська, повідомив Генштаб. Ворог зазнав втрат."
RU = "В районе Купянска идут бои. Противник понёс потери, заявили в штабе."


# --- encodings ----------------------------------------------------------------

@pytest.mark.parametrize("text", [UK, RU])
def test_cp1251_cyrillic_comes_back_right(text):
    r = read_report_bytes(f"date 2024-05-01\n\n{text}\n".encode("cp1251"))
    assert r.text == text + "\n"
    assert r.encoding == "cp1251"


def test_koi8_cyrillic_is_not_mistaken_for_cp1251():
    r = read_report_bytes(f"date 2024-05-01\n{RU}".encode("koi8_r"))
    assert r.text == RU
    assert r.encoding.startswith("koi8")


def test_utf8_with_bom():
    data = codecs.BOM_UTF8 + f"date 2024-05-01\n\n{UK}".encode()
    r = read_report_bytes(data)
    assert r.text == UK and r.date == "2024-05-01"
    assert not r.text.startswith("\ufeff")
    assert r.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    raw = f"date 2024-05-01\n\n{RU}"
    data = raw.encode(codec)
    if codec != "utf-16":  # the -le/-be codecs write no BOM: add it as editors do
        data = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + data
    assert read_report_bytes(data).text == RU


def test_latin1_western_text():
    text = "Le café du maire, naïve façade, à Kupiansk."
    assert read_report_bytes(f"date 2024-05-01\n{text}".encode("latin-1")).text == text


def test_sha256_is_of_the_raw_bytes():
    import hashlib
    data = f"date 2024-05-01\n\n{UK}".encode("cp1251")
    assert read_report_bytes(data).sha256 == hashlib.sha256(data).hexdigest()


# --- dates --------------------------------------------------------------------

def test_date_line_removed_and_following_blank_line_too():
    r = read_report_bytes(b"date 2024-05-01\n\nTroops advanced near the river.\n")
    assert r.date == "2024-05-01"
    assert r.text == "Troops advanced near the river.\n"


def test_date_line_that_continues_with_body_text_keeps_the_text():
    r = read_report_bytes(b"\xef\xbb\xbf date 2025-11-20 The envoy met officials.\n\nMore.\n")
    assert r.date == "2025-11-20"
    assert r.text == "The envoy met officials.\n\nMore.\n"


@pytest.mark.skipif(not SEEDS.exists(), reason="seeds/ not present")
def test_seeds_read_with_their_dates():
    for path in sorted(SEEDS.glob("*.txt")):
        r = read_report(path)
        first = path.read_text(encoding="utf-8").lstrip("\ufeff").split()
        assert first[0] == "date" and r.date == first[1]
        assert not r.text.lstrip().startswith("date")
        assert r.text.startswith(first[2])  # body text on the date line is kept


def test_argument_date_used_when_report_has_none():
    r = read_report_bytes(b"Shelling was reported overnight.", date="2024-02-29")
    assert r.date == "2024-02-29" and r.warnings == []


def test_argument_date_wins_over_report_date_with_warning():
    r = read_report_bytes(b"date 2024-05-01\nShelling.", date="2024-05-02")
    assert r.date == "2024-05-02"
    assert any("2024-05-01" in w and "2024-05-02" in w for w in r.warnings)


@pytest.mark.parametrize("bad", [b"date 2024-02-30\nText.", b"date 2023-13-01\nText."])
def test_impossible_calendar_date_rejected(bad):
    with pytest.raises(ReportError, match="not a real calendar date"):
        read_report_bytes(bad, path="r.txt")


def test_malformed_date_line_rejected_with_the_expected_form():
    with pytest.raises(ReportError, match="YYYY-MM-DD"):
        read_report_bytes(b"date 01/05/2024\nText.", path="r.txt")


def test_bad_date_argument_rejected():
    with pytest.raises(ReportError, match="'yesterday'"):
        read_report_bytes(b"Text.", date="yesterday")


def test_no_date_at_all_says_what_to_do():
    with pytest.raises(ReportError) as err:
        read_report_bytes(b"Fighting continues near the town.", path="nodate.txt")
    assert "nodate.txt" in str(err.value)
    assert "date YYYY-MM-DD" in str(err.value) and "--date" in str(err.value)


def test_markdown_front_matter_date_and_title():
    data = b"---\ntitle: Morning update\ndate: 2024-03-07\n---\n# Front line\n\nBody text.\n"
    r = read_report_bytes(data, path="u.md")
    assert r.date == "2024-03-07" and r.title == "Morning update"
    assert r.text == "# Front line\n\nBody text.\n"


def test_markdown_first_heading_is_title():
    r = read_report_bytes(b"date 2024-03-07\n\n## Evening summary\nAll quiet.\n", path="u.md")
    assert r.title == "Evening summary"
    assert r.text.splitlines()[0] == "## Evening summary"


# --- HTML ---------------------------------------------------------------------

PAGE = b"""<!DOCTYPE html><html><head><title>Front &amp; rear</title>
<meta property="article:published_time" content="2024-03-05T10:00:00+02:00">
<style>p { color: red }</style><script>var s = "<p>hidden</p>";</script></head>
<body><h2>Heading here</h2><p>First &laquo;quoted&raquo; part with <b>bold</b>   words.<br>Next line.</p>
<ul><li>one</li><li>two</li></ul><p>Tail &amp;lt;kept&amp;gt;</p></body></html>"""


def test_html_converted_to_readable_text():
    r = read_report_bytes(PAGE, path="page.html")
    assert r.date == "2024-03-05"
    assert r.title == "Front & rear"
    assert "hidden" not in r.text and "color" not in r.text
    lines = r.text.splitlines()
    assert "Heading here" in lines                         # heading on its own line
    assert "First «quoted» part with bold words." in lines  # entities, inline tags, spaces
    assert "Next line." in lines and "one" in lines and "two" in lines
    assert "Tail &lt;kept&gt;" in lines                     # unescaped once, not twice


def test_html_sniffed_without_suffix_and_meta_name_date():
    page = b'<html><head><meta name="date" content="2023-09-01"></head><body><p>Hi.</p></body></html>'
    r = read_report_bytes(page, path="<bytes>")
    assert r.date == "2023-09-01" and r.text == "Hi.\n"


def test_html_date_line_in_first_paragraph():
    r = read_report_bytes(b"<html><body><p>date 2024-01-09</p><p>Body.</p></body></html>",
                          path="p.htm")
    assert r.date == "2024-01-09" and r.text == "Body.\n"


@pytest.mark.parametrize("page", [
    b"<html><head><title>x</title><body><p>Kept text<div>more</span></p><script>never closed",
    b"<html><body><p>a <b>b <i>c</p></b></i> d</body></html><<<>>>&&&;",
    b"<html><body><p attr='unterminated>Text</p><!-- open comment",
])
def test_malformed_html_does_not_crash(page):
    r = read_report_bytes(page, path="bad.html", date="2024-01-01")
    assert r.text.strip()
    assert isinstance(r.warnings, list)


def test_malformed_html_is_warned_about():
    r = read_report_bytes(b"<html><body><p>Kept text</span></p><script>x", path="b.html",
                          date="2024-01-01")
    assert "Kept text" in r.text
    assert any("malformed HTML" in w for w in r.warnings)


# --- oddities and bad input -----------------------------------------------------

def test_mixed_line_endings_normalised_with_warning():
    r = read_report_bytes(b"date 2024-01-01\r\nLine one.\r\nLine two.\nLine three.\rEnd.")
    assert r.text == "Line one.\nLine two.\nLine three.\nEnd."
    assert any("line endings" in w for w in r.warnings)


def test_control_characters_stripped_with_warning():
    r = read_report_bytes(b"date 2024-01-01\nAn\x07 odd\x1b report.")
    assert r.text == "An odd report."
    assert any("control" in w for w in r.warnings)


@pytest.mark.parametrize("data", [b"", b"   \n\n  "])
def test_empty_file_rejected(data):
    with pytest.raises(ReportError, match="'e.txt' is empty"):
        read_report_bytes(data, path="e.txt")


def test_date_but_no_text_rejected():
    with pytest.raises(ReportError, match="no text"):
        read_report_bytes(b"date 2024-01-01\n\n", path="d.txt")


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(256)) * 4,
                                  bytes(range(256)) * 4 + b"\x00" * 64])
def test_binary_file_rejected(data):
    with pytest.raises(ReportError, match="binary"):
        read_report_bytes(data, path="img.txt")


def test_oversized_file_rejected_naming_the_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"date 2024-01-01\n" + b"x" * 2000)
    with pytest.raises(ReportError) as err:
        read_report(big, max_bytes=1000)
    msg = str(err.value)
    assert "big.txt" in msg and "1,000" in msg and "max" in msg
    assert read_report(big, max_bytes=5000).date == "2024-01-01"


def test_missing_file_and_folder_errors(tmp_path):
    with pytest.raises(ReportError, match="does not exist"):
        read_report(tmp_path / "nope.txt")
    with pytest.raises(ReportError, match="folder"):
        read_report(tmp_path)


def test_iter_report_paths_walks_folders_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ["b/2.md", "a.txt", "b/1.html", "skip.json", "c.HTM"]:
        (tmp_path / name).write_text("date 2024-01-01\nx")
    explicit = tmp_path / "skip.json"  # files given by name are taken as they are
    got = iter_report_paths([tmp_path, explicit])
    rel = [p.relative_to(tmp_path).as_posix() for p in got]
    assert rel == ["a.txt", "b/1.html", "b/2.md", "c.HTM", "skip.json"]
    with pytest.raises(ReportError, match="missing-dir"):
        iter_report_paths([tmp_path / "missing-dir"])


@needs_shared
def test_dev_texts_read_as_the_passage_after_the_date_line():
    texts = sorted((SHARED / "eval" / "dev" / "texts").glob("d*.txt"))
    assert texts
    for path in texts:
        raw = path.read_text(encoding="utf-8")
        r = read_report(path)
        assert r.date == raw.split()[1]
        assert r.text == raw.split("\n", 2)[2]
        assert r.warnings == []


def test_utf8_with_a_stray_byte_stays_utf8_with_warning():
    text = "Бої тривають поблизу Покровська — повідомив Генштаб, «ворог» зазнав втрат."
    data = f"date 2024-05-01\n{text}\n".encode() + b"stray \xff byte\n"
    r = read_report_bytes(data)
    assert r.encoding == "utf-8"
    assert r.text.startswith(text) and "stray \ufffd byte" in r.text
    assert any("not UTF-8" in w for w in r.warnings)


def test_prose_between_horizontal_rules_is_not_front_matter():
    data = b"date 2024-05-01\n---\nUpdate: troops advanced overnight, officials said.\n---\nMore.\n"
    r = read_report_bytes(data, path="u.md")
    assert "Update: troops advanced overnight" in r.text


def test_unclosed_html_elements_are_read_with_a_warning():
    from frontmap.text.reading import read_report_bytes
    html = (b"<html><head><meta name='date' content='2025-11-21'></head><body>"
            b"<p>Troops entered <b>the town<div>and the village</body></html>")
    report = read_report_bytes(html, path="broken.html")
    assert "Troops entered the town" in report.text and "and the village" in report.text
    assert any("never closed" in w and "<b>" in w and "<div>" in w for w in report.warnings)
    clean = read_report_bytes(b"<html><body><p>One<p>Two</body></html>", path="ok.html", date="2025-11-21")
    assert not any("never closed" in w for w in clean.warnings)


BOMLESS = "date 2024-01-01\nno BOM: Russian forces entered Кип’янськ — «so they said».\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_byte_order_mark_are_read_not_called_binary(codec):
    r = read_report_bytes(BOMLESS.encode(codec), path="u.txt")
    assert r.text == BOMLESS.split("\n", 1)[1] and r.date == "2024-01-01"
    assert r.encoding == codec
    assert any("byte-order mark" in w for w in r.warnings)


def test_utf16_that_cannot_be_read_is_named_as_such_not_binary():
    data = "date 2024-01-01\nsome text here\n".encode("utf-16-le") + b"\x00\xd8" + b"a\x00" * 40   # lone surrogate
    with pytest.raises(ReportError, match="UTF-16") as err:
        read_report_bytes(data, path="u.txt")
    assert "binary" not in str(err.value) and "UTF-8" in str(err.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_a_device_and_a_link_loop_are_named_for_what_they_are(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "gone.txt")
    for read in (read_report, lambda p: iter_report_paths([p])):
        for path, words in ((fifo, "not a regular file (a FIFO"), (os.devnull, "not a regular file (a character device"),
                            (loop, "symbolic link that leads back to itself"),
                            (dangling, "symbolic link to a file that does not exist")):
            with pytest.raises(ReportError) as err:
                read(path)               # a FIFO with no writer would block a read for ever
            assert words in str(err.value) and str(path) in str(err.value)
    assert iter_report_paths([tmp_path]) == []              # a folder's odd entries are passed over


@pytest.mark.parametrize("name, data, url", [
    ("a.txt", b"date 2025-11-20\nsource: https://example.org/news/1\n\nTroops took Kupiansk.", "https://example.org/news/1"),
    ("b.txt", b"Source: https://example.org/x\ndate 2025-11-20\n\nTroops took Kupiansk.", "https://example.org/x"),
    ("c.md", b"---\ntitle: T\ndate: 2025-11-20\nurl: https://example.org/md\n---\nTroops took Kupiansk.",
     "https://example.org/md"),
    ("d.html", b"<html><head><link rel='canonical' href='https://example.org/c'>"
               b"<meta property='og:url' content='https://example.org/og'><meta name='date' content='2025-11-20'>"
               b"</head><body><p>Troops took Kupiansk.</p></body></html>", "https://example.org/c"),
    ("e.html", b"<html><head><meta property='og:url' content='https://example.org/og'>"
               b"<meta name='date' content='2025-11-20'></head><body><p>Troops took Kupiansk.</p></body></html>",
     "https://example.org/og"),
])
def test_a_reports_source_link_is_read_from_its_own_place_and_kept_out_of_the_text(name, data, url):
    r = read_report_bytes(data, path=name)
    assert r.source_url == url and "http" not in r.text and r.text.strip().startswith("Troops")


@pytest.mark.parametrize("name, data", [
    ("f.md", b"---\ntitle: T\ndate: 2025-11-20\nurl: javascript:alert(1)\n---\nText."),
    ("g.html", b"<html><head><link rel='canonical' href='javascript:alert(1)'><meta name='date' content='2025-11-20'>"
               b"</head><body><p>Text.</p></body></html>"),
])
def test_a_link_that_is_not_http_is_dropped_with_a_warning(name, data):
    r = read_report_bytes(data, path=name)
    assert r.source_url is None and any("not an http(s) address" in w for w in r.warnings)


def test_a_source_line_that_names_an_outlet_stays_in_the_text():
    r = read_report_bytes(b"date 2025-11-20\nSource: Reuters\n\nTroops took Kupiansk.", path="h.txt")
    assert r.source_url is None and r.text.startswith("Source: Reuters")


@pytest.mark.parametrize("title, date", [
    ("Russian Offensive Campaign Assessment, June 3, 2025", "2025-06-03"),     # ISW style
    ("# Ukraine war latest: 3 June 2025", "2025-06-03"),                        # a Markdown heading
    ("Зведення 03.06.2025", "2025-06-03"),                                     # a digest's day
])
def test_a_title_with_one_full_date_dates_an_undated_report_with_a_warning(title, date):
    r = read_report_bytes(f"{title}\n\nRussian forces attacked near Kupiansk.".encode(), path="t.txt")
    assert r.date == date
    assert any("title" in w and date in w for w in r.warnings), r.warnings


@pytest.mark.parametrize("title", [
    "Fighting on 1 June 2025 and 2 June 2025",      # two dates: which one?
    "June 2025 overview",                           # no day
    "February 30, 2025 summary",                    # no such day
])
def test_a_title_without_one_real_date_still_needs_a_date_line(title):
    with pytest.raises(ReportError, match="has no date"):
        read_report_bytes(f"{title}\n\nRussian forces attacked near Kupiansk.".encode(), path="t.txt")


def test_a_date_line_wins_over_the_title():
    r = read_report_bytes(b"date 2025-06-04\nAssessment, June 3, 2025\n\nFighting near Kupiansk.", path="t.txt")
    assert r.date == "2025-06-04" and not any("title" in w for w in r.warnings)
