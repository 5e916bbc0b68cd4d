"""Fuzzing reading, finding, resolving and claims (issue 15) with structured reports: real gazetteer
names and long lists of them, quotes and brackets left open, blank lines, unicode, odd encodings.
200 examples per test from a fixed seed (derandomize), so every run tries the same reports;
benchmarks/fuzz.py runs thousands and times them."""
from hypothesis import HealthCheck, given, settings

from frontmap.errors import FrontmapError
from frontmap.model import CLAIMANT_SIDES, EVENTS, KINDS, STANCES, STATUSES, Report
from strategies import report_bytes, report_texts

FUZZ = settings(max_examples=200, derandomize=True, deadline=None, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


@FUZZ
@given(data=report_bytes())
def test_any_report_file_is_read_or_refused_by_name(data):
    from frontmap.text.reading import read_report_bytes
    try:
        report = read_report_bytes(data, path="fuzz.txt")
    except FrontmapError as exc:
        assert "fuzz.txt" in str(exc)             # a refusal names the report
        return
    assert isinstance(report.text, str) and len(report.date) == 10


@FUZZ
@given(text=report_texts())
def test_found_names_are_spans_of_the_text(extractor, text):
    for m in extractor.finder.find(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text


@FUZZ
@given(text=report_texts())
def test_places_and_claims_of_any_text_keep_the_output_contract(extractor, text):
    report = Report(path="fuzz.txt", date="2025-11-22", text=text)
    e = extractor.extract(report)
    spans = {(p.start, p.end) for p in e.places}
    for p in e.places:
        assert text[p.start:p.end] == p.text
        assert p.status in STATUSES and 0.0 <= p.confidence <= 1.0
        assert p.kind is None or p.kind in KINDS or p.kind == "country"
        if p.lat is not None:
            assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180
        if p.status == "resolved":
            assert p.id and p.lat is not None
    for c in e.claims:
        assert text[c.evidence_start:c.evidence_end] == c.evidence
        assert (c.place.start, c.place.end) in spans
        assert c.event in EVENTS and c.stance in STANCES and c.claimant_side in CLAIMANT_SIDES
        assert c.event_date is None or len(c.event_date) in (4, 7, 10)     # a year, a month or a day
    assert e.unresolved == [p for p in e.places if p.status != "resolved"]


@FUZZ
@given(data=report_bytes())
def test_any_report_file_goes_through_the_pipeline_or_is_refused(extractor, data):
    from frontmap.text.reading import read_report_bytes
    try:
        report = read_report_bytes(data, path="fuzz.txt")
    except FrontmapError:
        return
    e = extractor.extract(report)
    assert all(report.text[p.start:p.end] == p.text for p in e.places)
    e.to_dict()                                    # and it serialises
