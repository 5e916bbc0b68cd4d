"""One sense across reports (frontmap.places.memory). Sentences written for these tests.

"Novoselivka" names 84 places; one report pins it down with its raion, a later one says only
the name.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from frontmap.cli import cli
from frontmap.model import Alternative, Place
from frontmap.places.memory import APART_KM, INHERITED, Memory
from frontmap.text.reading import read_report_bytes

PINNED = "Russian forces shelled Novoselivka in Izium raion of Kharkiv Oblast."
BARE = "Fighting continues near Novoselivka."
IZIUM_RAION = "gn:810514"


@pytest.fixture(scope="module")
def extractor():
    from frontmap.pipeline import Extractor

    return Extractor()


def report(text, date, path):
    return read_report_bytes(f"date {date}\n\n{text}".encode(), path=path)


def novoselivka(extraction):
    return next(p for p in extraction.places if p.text == "Novoselivka")


def test_a_name_left_ambiguous_takes_the_referent_an_earlier_report_resolved(extractor):
    alone = novoselivka(extractor.extract(report(BARE, "2025-11-21", "b.txt")))
    assert alone.status == "ambiguous" and alone.id != IZIUM_RAION
    memory = Memory()
    first = novoselivka(extractor.extract(report(PINNED, "2025-11-20", "a.txt"), memory=memory))
    assert (first.status, first.id) == ("resolved", IZIUM_RAION)
    later = extractor.extract(report(BARE, "2025-11-21", "b.txt"), memory=memory)
    p = novoselivka(later)
    assert (p.id, p.oblast, p.status, p.confidence) == (IZIUM_RAION, "Kharkiv", "ambiguous", INHERITED)
    assert "a.txt of 2025-11-20" in p.reason and "does not decide" in p.reason
    # the claims follow the place
    assert [c.place.id for c in later.claims] == [IZIUM_RAION]


def test_what_a_report_resolves_itself_is_kept(extractor):
    memory = Memory()
    extractor.extract(report(PINNED, "2025-11-20", "a.txt"), memory=memory)
    other = report("Russian troops shelled Novoselivka in Bakhmut raion of Donetsk Oblast.", "2025-11-21", "c.txt")
    p = novoselivka(extractor.extract(other, memory=memory))
    assert p.id != IZIUM_RAION and p.status == "resolved"


def place(pid, lat, lon, status="resolved", alternatives=()):
    return Place(text="Novoselivka", start=0, end=11, name="Novoselivka", kind="settlement", oblast="X",
                 lat=lat, lon=lon, id=pid, confidence=0.97 if status == "resolved" else 0.3, status=status,
                 alternatives=list(alternatives))


ALTS = [Alternative(id="a", name="Novoselivka", kind="settlement", oblast="X", lat=48.0, lon=37.0, score=2.0),
        Alternative(id="b", name="Novoselivka", kind="settlement", oblast="Y", lat=48.1, lon=37.1, score=1.0),
        Alternative(id="far", name="Novoselivka", kind="settlement", oblast="Z", lat=50.0, lon=31.0, score=0.5)]


def test_referents_far_apart_are_homonyms_and_nothing_is_inherited():
    memory = Memory()
    memory.learn([place("b", 48.1, 37.1)], "2025-11-01", "one.txt")
    memory.learn([place("far", 50.0, 31.0)], "2025-11-02", "two.txt")
    ambiguous = place("a", 48.0, 37.0, status="ambiguous", alternatives=ALTS)
    assert memory.apply([ambiguous], "2025-11-03") == [ambiguous]
    assert APART_KM < 500


def test_two_reports_of_one_date_resolving_a_name_far_apart_give_a_warning():
    memory = Memory()
    memory.learn([place("b", 48.1, 37.1)], "2025-11-01", "one.txt")
    assert memory.conflicts([place("b", 48.1, 37.1), place("c", 48.2, 37.3)], "2025-11-01", "two.txt") == []
    [warning] = memory.conflicts([place("far", 50.0, 31.0)], "2025-11-01", "two.txt")
    assert "one.txt" in warning and "same date" in warning and "km away" in warning
    assert memory.conflicts([place("far", 50.0, 31.0)], "2025-11-02", "two.txt") == []


def test_only_reports_within_the_window_before_the_date_count():
    memory = Memory(window_days=30)
    memory.learn([place("b", 48.1, 37.1)], "2025-11-01", "one.txt")
    ambiguous = place("a", 48.0, 37.0, status="ambiguous", alternatives=ALTS)
    assert memory.apply([ambiguous], "2025-11-20")[0].id == "b"
    assert memory.apply([ambiguous], "2025-12-15")[0].id == "a"       # too long ago: the front has moved
    assert memory.apply([ambiguous], "2025-10-20")[0].id == "a"       # a later report cannot decide an earlier one


def test_a_referent_the_candidates_lack_is_not_forced_and_counts_are_per_report():
    memory = Memory()
    for path in ("one.txt", "one.txt", "two.txt"):
        memory.learn([place("b", 48.1, 37.1)], "2025-11-01", path)
    assert [r.count for r in memory.recall("Novoselivka", "2025-11-02")] == [2]
    lacking = place("a", 48.0, 37.0, status="ambiguous", alternatives=ALTS[:1])
    assert memory.apply([lacking], "2025-11-02") == [lacking]
    assert "2 earlier reports" in memory.apply([place("a", 48.0, 37.0, "ambiguous", ALTS)], "2025-11-02")[0].reason


def test_ingest_remembers_the_ledger_and_no_memory_turns_it_off(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(f"date 2025-11-20\n\n{PINNED}\n", encoding="utf-8")
    b.write_text(f"date 2025-11-21\n\n{BARE}\n", encoding="utf-8")
    run = CliRunner().invoke
    for flags, expected in (((), IZIUM_RAION), (("--no-memory",), None)):
        db = str(tmp_path / f"l{len(flags)}.db")
        assert run(cli, ["ingest", str(a), "--db", db]).exit_code == 0
        assert run(cli, ["ingest", str(b), "--db", db, *flags]).exit_code == 0
        out = json.loads(run(cli, ["control", "--db", db, "--date", "2025-11-21", "--format", "json"]).stdout)
        ids = {p["place_id"] for p in out["places"]}
        assert (ids == {IZIUM_RAION}) if expected else (IZIUM_RAION not in ids)
    data = json.loads(run(cli, ["extract", str(a), str(b), "--format", "json"]).stdout)["reports"]
    second = next(p for p in data[1]["places"] if p["text"] == "Novoselivka")
    assert second["id"] == IZIUM_RAION and "earlier report" in second["reason"]
