"""Bounded work per report (issue 15): windows over long texts, the capped resolver context, the
time budget. Sentences written for these tests."""
from pathlib import Path

import pytest

from frontmap import budget
from frontmap.errors import BudgetError, FrontmapError
from frontmap.model import Report
from frontmap.pipeline import Extractor, windows

PARAGRAPHS = [
    "Toward Lyman.",
    "Flags were raised over Novoselivka after a week of assaults.",
    "Fighting goes on in Stepnohirsk and Kamianske, and near Mala Tokmachka.",
    "Russian forces claimed to have captured Radisne in Dnipropetrovsk Oblast, the ministry said.",
    "Ukrainian troops repelled attacks near Kupiansk and Kurylivka.",
]


def test_windows_cover_the_text_in_order_each_within_the_size():
    text = "\n\n".join(PARAGRAPHS * 20)
    spans = windows(text, 300)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(0 < e - s <= 300 for s, e in spans)
    # each cut falls after a paragraph break when the window holds one
    assert all(text[e - 2:e] == "\n\n" for _, e in spans[:-1])


def test_a_text_with_no_break_is_cut_at_the_size():
    spans = windows("x" * 1050, 100)
    assert [e - s for s, e in spans] == [100] * 10 + [50]


def test_a_text_within_the_size_is_one_window():
    assert windows("Fighting near Kupiansk.", 100) == [(0, 23)]


def test_a_windowed_report_keeps_offsets_into_the_whole_text(gazetteer, monkeypatch):
    from frontmap import pipeline
    text = "\n\n".join(PARAGRAPHS * 6)
    whole = Extractor(gazetteer).extract(Report(path="w.txt", date="2025-11-22", text=text))
    monkeypatch.setattr(pipeline, "WINDOW_CHARS", 400)
    cut = Extractor(gazetteer).extract(Report(path="w.txt", date="2025-11-22", text=text))
    assert len(windows(text, 400)) > 3
    assert cut.report.text == text
    for p in cut.places:
        assert text[p.start:p.end] == p.text
    for c in cut.claims:
        assert text[c.evidence_start:c.evidence_end] == c.evidence
        assert text[c.place.start:c.place.end] == c.place.text
    # each paragraph is read alike whole or in windows: the same names in the same places
    assert [(p.start, p.text) for p in cut.places] == [(p.start, p.text) for p in whole.places]
    assert {c.place.start for c in cut.claims} == {c.place.start for c in whole.claims}
    assert cut.unresolved == [p for p in cut.places if p.status != "resolved"]


def test_the_capped_context_sees_what_the_exact_one_sees_when_it_may_look_at_every_anchor(gazetteer):
    """Past context_anchors_exact anchors the resolver looks at the nearest ones and those of the
    sentence, heading and paragraph; allowed to look at all, it must choose exactly as the exact score."""
    text = "\n\n".join(PARAGRAPHS * 3)
    exact = Extractor(gazetteer, budget_s=None)
    capped = Extractor(gazetteer, budget_s=None)
    capped.resolver.w = dict(capped.resolver.w, context_anchors_exact=0, context_anchors_nearest=10_000)
    a = exact.extract(Report(path="a.txt", date="2025-11-22", text=text))
    b = capped.extract(Report(path="b.txt", date="2025-11-22", text=text))
    assert [(p.id, p.status) for p in a.places] == [(p.id, p.status) for p in b.places]
    assert [p.confidence for p in a.places] == pytest.approx([p.confidence for p in b.places], abs=1e-6)


def test_the_capped_context_counts_the_sentence_and_heading_even_when_far(gazetteer):
    """With one nearest anchor only, a homonym is still decided by the places of its own sentence."""
    text = "Fighting goes on in Stepnohirsk and Kamianske, and near Mala Tokmachka."
    capped = Extractor(gazetteer, budget_s=None)
    capped.resolver.w = dict(capped.resolver.w, context_anchors_exact=0, context_anchors_nearest=1,
                             context_anchors_paragraph=0)
    p = [p for p in capped.extract(Report(path="c.txt", date="2025-11-22", text=text)).places
         if p.text == "Kamianske"][0]
    assert p.oblast == "Zaporizhzhia" and p.kind == "settlement"


class _Clock:
    """A CPU clock the test moves by hand."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_a_spent_budget_stops_the_work_with_a_budget_error(monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(budget.time, "thread_time", clock)
    with budget.within(2.0, "report 'r.txt'"):
        budget.check()                        # within budget: nothing
        clock.now = 2.5
        with pytest.raises(BudgetError) as err:
            budget.check()
    msg = str(err.value)
    assert "'r.txt'" in msg and "2 s" in msg and "--budget" in msg
    assert isinstance(err.value, FrontmapError)
    budget.check()                            # outside a budget: nothing, whatever the clock


def test_no_budget_never_stops(monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(budget.time, "thread_time", clock)
    for seconds in (None, 0):
        with budget.within(seconds, "r"):
            clock.now += 1e6
            budget.check()


def test_a_report_over_its_budget_is_stopped_and_the_extractor_goes_on(gazetteer, monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(budget.time, "thread_time", clock)
    ex = Extractor(gazetteer, budget_s=5.0)
    real_find = ex.finder.find

    def slow_find(text):
        clock.now += 10.0                     # finding takes "10 s" of CPU
        return real_find(text)
    ex.finder.find = slow_find
    with pytest.raises(BudgetError, match="slow.txt"):
        ex.extract(Report(path="slow.txt", date="2025-11-22", text=PARAGRAPHS[2]))
    ex.finder.find = real_find
    e = ex.extract(Report(path="next.txt", date="2025-11-22", text=PARAGRAPHS[2]))
    assert any(p.text == "Kamianske" for p in e.places)
    assert ex.extract(Report(path="x.txt", date="2025-11-22", text=PARAGRAPHS[2]), budget_s=None).places


def _slow_when(monkeypatch, marker: str) -> None:
    """Finding names in a text holding ``marker`` takes "60 s" of CPU (a hand-moved clock)."""
    from frontmap.places.finding import NameFinder
    clock = _Clock()
    monkeypatch.setattr(budget.time, "thread_time", clock)
    real = NameFinder.find

    def find(self, text):
        clock.now += 60.0 if marker in text else 0.001
        return real(self, text)
    monkeypatch.setattr(NameFinder, "find", find)


def _run(*args):
    from click.testing import CliRunner
    from frontmap.cli import cli
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def _reports(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("date 2025-11-22\n\nRussian forces captured Kupiansk.\n", "utf-8")
    (folder / "b.txt").write_text("date 2025-11-22\n\nSLOW Ukrainian troops liberated Kurylivka.\n", "utf-8")
    (folder / "c.txt").write_text("date 2025-11-22\n\nFighting continues near Lyman.\n", "utf-8")
    return folder


def test_ingest_skips_a_report_over_its_budget_with_a_warning_and_stores_the_rest(tmp_path, monkeypatch):
    import sqlite3
    _slow_when(monkeypatch, "SLOW")
    db = tmp_path / "l.db"
    result = _run("ingest", _reports(tmp_path), "--db", db, "--budget", "5")
    assert result.exit_code == 1
    assert "b.txt" in result.output and "time budget of 5 s" in result.output and "--budget" in result.output
    with sqlite3.connect(db) as con:
        stored = {row[0] for row in con.execute("SELECT path FROM reports")}
    assert {Path(p).name for p in stored} == {"a.txt", "c.txt"}


def test_extract_prints_the_reports_within_budget_and_exits_1_for_the_one_stopped(tmp_path, monkeypatch):
    import json
    _slow_when(monkeypatch, "SLOW")
    result = _run("extract", _reports(tmp_path), "--budget", "5", "--format", "json")
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert [Path(r["path"]).name for r in out["reports"]] == ["a.txt", "c.txt"]
    assert "b.txt" in result.stderr and "stopped by the time budget" in result.stderr


def test_budget_0_lets_a_slow_report_finish(tmp_path, monkeypatch):
    _slow_when(monkeypatch, "SLOW")
    result = _run("unresolved", _reports(tmp_path), "--budget", "0", "--format", "json")
    assert result.exit_code == 0


def test_a_negative_budget_is_a_usage_error(tmp_path):
    result = _run("extract", _reports(tmp_path), "--budget", "-1")
    assert result.exit_code == 2 and "-1" in result.output


def test_a_report_larger_than_the_limit_is_refused_naming_the_limit_and_the_flag(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("date 2025-11-22\n" + "Fighting continues near Lyman. " * 100, "utf-8")
    result = _run("extract", big, "--max-bytes", "1000")
    assert result.exit_code == 1
    assert "big.txt" in result.output and "1000" in result.output.replace(",", "") and "--max-bytes" in result.output


@pytest.mark.slow
def test_a_long_one_line_report_is_read_to_its_end(extractor):
    """A report past WINDOW_CHARS with no line break at all is cut at spaces and read whole."""
    from frontmap import pipeline
    text = " ".join(f"Fighting continues near {name}." for name in ["Lyman", "Kupiansk", "Kurylivka"] * 1200)
    assert len(text) > pipeline.WINDOW_CHARS and "\n" not in text
    e = extractor.extract(Report(path="one-line.txt", date="2025-11-22", text=text), budget_s=None)
    assert len(e.places) == 3600
    assert max(p.start for p in e.places) > len(text) - 20


# Defect 1 (exponential regex time) and defect 2 (quadratic resolver), from the description.

@pytest.mark.parametrize("pattern", [r"(?:\w+\s*)*x", r"(a+)+b", r"(?:(?:then|now)\s+)*has", r"(?:[a-z]+,?)+$",
                                     r"(?:\s*(?:a|b)\s*)*"])
def test_a_repeat_holding_an_unbounded_repeat_is_found(pattern):
    from frontmap.resources import nested_quantifier
    assert nested_quantifier(pattern)


@pytest.mark.parametrize("pattern", [r"(?>\w+\s*)*x", r"(?:ab)*", r"(?:\w{1,5}\s?)*",
                                     r"(?:\w+\s*){0,3}", r"\w+\s+\w+", r"(?:(?:then|now)\s++)*has"])
def test_bounded_possessive_or_atomic_repeats_pass(pattern):
    from frontmap.resources import nested_quantifier
    assert nested_quantifier(pattern) is None


def test_a_packaged_regex_that_can_backtrack_exponentially_is_refused_naming_file_and_key():
    from frontmap.errors import DataError
    from frontmap.resources import check_pattern
    with pytest.raises(DataError) as err:
        check_pattern("claims/cues.json", "elided_subject", r"(?:(?:then|now)\s+)*has")
    assert "claims/cues.json" in str(err.value) and "'elided_subject'" in str(err.value)
    assert "possessive" in str(err.value)


@pytest.mark.parametrize("quote", ["“", "\"", "«", "”"])
def test_a_quote_left_open_before_blank_lines_is_read_and_the_names_after_it_found(extractor, quote):
    """An unclosed opening quote followed by blank lines (13.6 s at 386 bytes, tripling with each
    further 10 blank lines): the report is read, and what follows the blank lines is found."""
    text = f"The General Staff said: {quote}Russian forces captured Kupiansk" + "\n\n" * 150 \
        + "Fighting continues near Lyman, the ministry said."
    e = extractor.extract(Report(path="q.txt", date="2025-11-22", text=text))
    assert {p.text for p in e.places} >= {"Kupiansk", "Lyman"}
    assert any(c.place.text == "Lyman" for c in e.claims)


def test_a_closing_quote_before_blank_lines_keeps_its_speaker_search_short(extractor):
    text = "“Russian forces captured Kupiansk,”" + "\n\n" * 150 + "the ministry said. Fighting continues near Lyman."
    e = extractor.extract(Report(path="q.txt", date="2025-11-22", text=text))
    assert {p.text for p in e.places} >= {"Kupiansk", "Lyman"}


def test_a_sentence_longer_than_the_cap_is_cut_into_windows_at_list_commas():
    from frontmap.text.sentences import split_sentences
    from strategies import gazetteer_names
    names = [n for n in gazetteer_names() if n.isalpha()][:200]
    text = "Russian forces captured " + ", ".join(names) + "."
    sentences = split_sentences(text)
    assert len(sentences) > 1 and all(len(s.text) <= 1000 for s in sentences)
    assert all(text[s.start:s.end] == s.text for s in sentences)
    # the windows cover the sentence, cut between list items: only a comma and a space fall between
    assert sentences[0].start == 0 and sentences[-1].end == len(text)
    assert all(text[a.end:b.start].strip(", ") == "" for a, b in zip(sentences, sentences[1:]))


def test_a_thousand_names_in_one_list_are_each_found_and_resolved_once(extractor, gazetteer):
    """250, 500, 1,000 names took 1, 3, 15 s (all pairs): a list of 1,000 theatre settlements is read,
    each name found where it stands."""
    from frontmap.gazetteer.schema import theatre
    oblasts = set(theatre()["theatre_oblasts"])
    names = sorted({e.name for e in gazetteer.entries("settlement")
                    if e.oblast in oblasts and e.name.isalpha() and e.population >= 2000})
    listed = [names[i % len(names)] for i in range(1000)]
    text = "Russian forces captured " + ", ".join(listed) + "."
    e = extractor.extract(Report(path="l.txt", date="2025-11-22", text=text), budget_s=None)
    assert len(e.places) >= 990
    assert all(text[p.start:p.end] == p.text for p in e.places)
    by_name: dict[str, set] = {}
    for p in e.places:
        by_name.setdefault(p.text, set()).add(p.id)
    assert sum(len(ids) == 1 for ids in by_name.values()) >= 0.9 * len(by_name)   # one name, one place
