"""The control ledger: who claims to hold what, date by date (frontmap.ledger.control)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontmap.cli import cli
from frontmap.formats import format_changes, format_control
from frontmap.ledger.control import control_from_claims, effect
from frontmap.ledger.diff import diff_claims
from frontmap.ledger.store import StoredClaim
from frontmap.model import Claim, Place

D1, D2, D3, D4 = "2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04"


def place(name):
    return Place(text=name, start=0, end=len(name), name=name, kind="settlement", oblast="Donetsk",
                 lat=48.0, lon=37.5, id=f"gn:{name}", confidence=0.9, status="resolved")


def claim(name, event, beneficiary, side, stance="asserted", claimant="Someone"):
    return Claim(place=place(name), event=event, beneficiary=beneficiary, claimant=claimant,
                 claimant_side=side, stance=stance, evidence=f"{claimant}: {event} at {name}.")


def on(date, *claims):
    return [StoredClaim(id=i, claim=c, report_path=f"/in/{date}-{i}.txt", report_date=date, report_sha256=date)
            for i, c in enumerate(claims)]


def status(ledger, date, name):
    return next((p for p in ledger.on(date) if p.place == name), None)


def test_a_capture_contested_then_reversed_is_a_running_state_with_its_claims():
    ledger = control_from_claims(
        on(D1, claim("Alpha", "captured", "RU", "RU", claimant="MoD"))
        + on(D2, claim("Alpha", "fighting", None, "UA", claimant="General Staff"))
        + on(D3, claim("Alpha", "liberated", "UA", "UA", claimant="Brigade")))
    seen = [(ch.date, ch.before, ch.after, ch.reversal) for ch in ledger.between(None, D3)]
    assert seen == [(D1, "unknown", "RU", False), (D2, "RU", "contested", False), (D3, "contested", "UA", True)]
    assert [s.claim.claimant for s in ledger.between(D2, D3)[0].claims] == ["Brigade"]
    # a place keeps its status on dates with no claim about it
    assert status(ledger, D4, "Alpha").status == "UA" and status(ledger, D4, "Alpha").since == D3
    assert status(ledger, D1, "Alpha").views == {"RU": "RU", "UA": "unknown", "third": "unknown",
                                                 "outlet": "unknown"}
    assert status(ledger, D2, "Alpha").views["UA"] == "contested"


def test_a_denial_contests_overall_and_hands_the_place_back_in_the_deniers_view():
    ledger = control_from_claims(
        on(D1, claim("Beta", "captured", "RU", "RU"))
        + on(D2, claim("Beta", "captured", "RU", "UA", stance="denied", claimant="Spokesman")))
    beta = status(ledger, D2, "Beta")
    assert (beta.status, beta.reversal, beta.views["UA"], beta.views["RU"]) == ("contested", True, "UA", "RU")
    assert [s.claim.stance for s in beta.claims] == ["denied"]


def test_hedged_claims_and_strikes_do_not_move_a_status():
    ledger = control_from_claims(on(D1, claim("Gamma", "captured", "RU", "RU", stance="hedged"),
                                    claim("Delta", "strike", "UA", "UA"),
                                    claim("Delta", "other", "UA", "UA")))
    assert ledger.on(D1) == [] and ledger.changes == []


@pytest.mark.parametrize("claims, expected", [
    ([claim("E", "withdrawal", "RU", "UA")], "RU"),                       # UA pulled out: RU gains
    ([claim("E", "liberated", None, "UA")], "UA"),
    ([claim("E", "encircled", "RU", "RU")], "contested"),
    ([claim("E", "repelled", "UA", "UA")], "contested"),
    ([claim("E", "captured", "RU", "RU"), claim("E", "captured", "UA", "UA")], "contested"),
    # a gain wins over fighting its own side reports, not over the other side's word
    ([claim("E", "captured", "RU", "RU"), claim("E", "fighting", None, "RU")], "RU"),
    ([claim("E", "captured", "RU", "RU"), claim("E", "fighting", None, "UA")], "contested"),
    ([claim("E", "advance", "RU", "RU", stance="denied")], None),        # "no advance" says nothing of control
])
def test_one_dates_claims_at_a_place(claims, expected):
    assert effect(on(D1, *claims))[0] == expected


def test_the_same_status_again_is_no_change_and_a_return_after_contest_is_no_reversal():
    ledger = control_from_claims(on(D1, claim("Zeta", "captured", "RU", "RU"))
                                 + on(D2, claim("Zeta", "captured", "RU", "RU", claimant="Other"))
                                 + on(D3, claim("Zeta", "advance", "UA", "UA"))
                                 + on(D4, claim("Zeta", "captured", "RU", "RU")))
    assert [(ch.date, ch.after, ch.reversal) for ch in ledger.between(None, D4)] == [
        (D1, "RU", False), (D3, "contested", False), (D4, "RU", False)]


def test_formats_escape_nothing_away_and_carry_the_evidence():
    claims = on(D1, claim("Eta", "captured", "RU", "RU", claimant="MoD, Russia"))
    ledger = control_from_claims(claims)
    places = ledger.on(D1)
    data = json.loads(format_control(D1, places, "json"))
    assert data["places"][0]["status"] == "RU" and data["places"][0]["claims"][0]["claimant"] == "MoD, Russia"
    rows = list(csv.DictReader(io.StringIO(format_control(D1, places, "csv"))))
    assert rows[0]["status"] == "RU" and rows[0]["claimants"] == "MoD, Russia (RU, asserted)"
    feature = json.loads(format_control(D1, places, "geojson"))["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [37.5, 48.0]}
    assert "Eta" in format_control(D1, places, "table")
    diff = diff_claims([], claims, before=None, after=D1)
    assert json.loads(format_changes(None, D1, ledger.between(None, D1), diff, "json"))["status_changes"][0][
        "after"] == "RU"
    assert "unknown -> RU" in format_changes(None, D1, ledger.between(None, D1), diff, "table")


# --- end to end: reports we wrote, across three dates, beside the seeds ------------------------

REPORTS = {
    "2025-11-23": "The Russian Defence Ministry said on Friday that its troops had captured Robotyne.\n",
    "2025-11-24": "Fierce fighting is under way in Robotyne, the General Staff of Ukraine said.\n",
    "2025-11-25": "Ukrainian forces have liberated Robotyne, the General Staff said on Sunday.\n",
}
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def three_dates(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    for date, text in REPORTS.items():
        (folder / f"{date}.txt").write_text(f"date {date}\n\n{text}", encoding="utf-8")
    db = str(folder / "ledger.db")
    result = CliRunner().invoke(cli, ["ingest", str(SEEDS), str(folder), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_control_shows_the_place_captured_contested_and_reversed(three_dates):
    statuses = []
    for date in REPORTS:
        data = json.loads(run("control", "--db", three_dates, "--date", date, "--format", "json").stdout)
        here = next(p for p in data["places"] if p["place"] == "Robotyne")
        statuses.append((here["status"], here["since"], here["reversal"], here["claims"][0]["claimant"]))
    assert statuses == [("RU", "2025-11-23", False, "The Russian Defence Ministry"),
                        ("contested", "2025-11-24", False, "the General Staff of Ukraine"),
                        ("UA", "2025-11-25", True, "the General Staff")]


def test_changes_lists_exactly_those_changes(three_dates):
    result = run("changes", "2025-11-22", "2025-11-25", "--db", three_dates, "--format", "json")
    assert result.exit_code == 0, result.output
    moved = json.loads(result.stdout)["status_changes"]
    assert [(c["date"], c["place"], c["before"], c["after"], c["reversal"]) for c in moved] == [
        ("2025-11-23", "Robotyne", "unknown", "RU", False),
        ("2025-11-24", "Robotyne", "RU", "contested", False),
        ("2025-11-25", "Robotyne", "contested", "UA", True)]
    table = run("changes", "2025-11-22", "2025-11-25", "--db", three_dates).stdout
    assert "(reversal)" in table and "Robotyne" in table and "Newly claimed on 2025-11-25" in table
    rows = list(csv.DictReader(io.StringIO(
        run("changes", "2025-11-24", "2025-11-25", "--db", three_dates, "--format", "csv").stdout)))
    assert [(r["place"], r["after"]) for r in rows] == [("Robotyne", "UA")]
    # the old name still works, with the same output
    assert run("diff", "2025-11-22", "2025-11-25", "--db", three_dates, "--format", "json").stdout == result.stdout


def test_bad_dates_are_usage_errors(three_dates):
    result = run("control", "--db", three_dates, "--date", "25-11-2025")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    assert run("changes", "2025-11-25", "2025-11-23", "--db", three_dates).exit_code == 2   # the wrong way round: a usage error
    assert run("changes", "2025-11-23", "tomorrow", "--db", three_dates).exit_code == 2


def _dated(c, event_date):
    from dataclasses import replace
    return replace(c, event_date=event_date)


@pytest.mark.parametrize("event_date, moved_on", [
    ("2022-09", "2022-09-01"),        # "liberated in September 2022": history, on its own date
    ("2022", "2022-01-01"),           # "in 2022"
    ("2024-03-10", "2024-03-10"),     # a day long before the report
    ("2024-04-20", D1),               # eleven days before: the report's news
    ("2024-04", D1),                  # "in April": ends a day before the report
])
def test_a_claim_the_text_dates_long_before_its_report_is_history_not_the_reports_change(event_date, moved_on):
    ledger = control_from_claims(on(D1, _dated(claim("Alpha", "liberated", "UA", "outlet", "reported"), event_date)))
    assert [(ch.date, ch.after) for ch in ledger.changes if ch.view == "all"] == [(moved_on, "UA")]
    assert ledger.dates == [D1]                     # maps stay one per report date
    assert status(ledger, D1, "Alpha").status == "UA"
    assert ledger.between(D1, D1) == [] or moved_on == D1


def test_history_in_a_report_does_not_undo_that_reports_news():
    # "X was liberated in September 2022" beside "Russian forces captured X": the capture is the news
    ledger = control_from_claims(on(D2, _dated(claim("Alpha", "liberated", "UA", "outlet", "reported"), "2022-09"),
                                    claim("Alpha", "captured", "RU", "RU", claimant="MoD")))
    assert status(ledger, D2, "Alpha").status == "RU"
    assert [(ch.date, ch.after) for ch in ledger.changes if ch.view == "all"] == [("2022-09-01", "UA"), (D2, "RU")]
