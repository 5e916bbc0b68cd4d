"""The ledger diff between two dates, and contested places (frontmap.ledger.diff)."""
from __future__ import annotations

import hashlib
import json

import pytest

from frontmap.errors import FrontmapError, LedgerError
from frontmap.ledger.store import Ledger, StoredClaim
from frontmap.formats import format_diff
from frontmap.ledger.diff import (contested_places, contested_reason, diff_claims, diff_dates,
                                  place_key, previous_date)
from frontmap.model import Claim, Extraction, Place, Report

D1, D2 = "2024-05-01", "2024-05-03"


def place(name, *, pid=True, status="resolved", oblast="Donetsk"):
    return Place(text=name, start=0, end=len(name), name=name if pid else None, kind="settlement", oblast=oblast,
                 lat=48.0 if pid else None, lon=37.0 if pid else None, id=f"gn:{name}" if pid else None,
                 confidence=0.9, status=status)


def claim(p, event, beneficiary, side, stance, claimant="Someone", evidence=None):
    return Claim(place=p, event=event, beneficiary=beneficiary, claimant=claimant, claimant_side=side,
                 stance=stance, evidence=evidence or f"{claimant} on {p.text}: {event}.")


def stored(c, date=D2, n=0):
    return StoredClaim(id=n, claim=c, report_path=f"/in/{date}.txt", report_date=date, report_sha256=date)


def ingest(db, date, claims, text="A report.\n"):
    report = Report(path=f"/in/report-{date}.txt", date=date, text=text,
                    sha256=hashlib.sha256(f"{date}{text}".encode()).hexdigest())
    with Ledger(db) as ledger:
        ledger.ingest([Extraction(report=report, places=[c.place for c in claims], claims=claims)])


@pytest.fixture
def two_dates(ledger_db):
    db = ledger_db
    a, b, g, d, e = (place(n) for n in ("Alphaville", "Betatown", "Gammaburg", "Deltaville", "Epsilon"))
    ingest(db, D1, [claim(a, "captured", "RU", "RU", "asserted"),
                    claim(b, "advance", "UA", "UA", "asserted"),
                    claim(g, "fighting", None, "outlet", "reported"),
                    claim(d, "captured", "RU", "RU", "asserted"),
                    claim(e, "advance", "RU", "RU", "asserted")])
    ingest(db, D2, [claim(a, "captured", "RU", "UA", "denied", "General Staff"),
                    claim(b, "withdrawal", "RU", "UA", "asserted", "Brigade"),     # UA withdrew: undoes UA's advance
                    claim(g, "withdrawal", "RU", "UA", "asserted"),                # fighting gave nobody a gain
                    claim(d, "withdrawal", "RU", "UA", "asserted"),                # UA withdrew where RU claimed: agrees
                    claim(e, "advance", "RU", "RU", "hedged"),                     # claimed before: not new
                    claim(place("Zetatown"), "strike", "UA", "outlet", "reported"),
                    claim(place("Nowhereville", pid=False, status="unresolved"), "fighting", None, "UA", "reported")])
    return db


def test_newly_claimed_and_withdrawn_or_denied_follow_the_rules(two_dates):
    with Ledger(two_dates) as ledger:
        diff = diff_dates(ledger, D1, D2)
    new = {(c.place, c.event) for c in diff.newly_claimed}
    assert new == {("Betatown", "withdrawal"), ("Gammaburg", "withdrawal"), ("Deltaville", "withdrawal"),
                   ("Zetatown", "strike"), ("Nowhereville", "fighting")}
    undone = {(c.place, c.event, c.kind) for c in diff.withdrawn_or_denied}
    assert undone == {("Alphaville", "captured", "denied"), ("Betatown", "advance", "withdrawal")}
    denied = next(c for c in diff.withdrawn_or_denied if c.kind == "denied")
    assert [s.claim.claimant for s in denied.after] == ["General Staff"]
    assert [s.report_date for s in denied.before] == [D1]


def test_a_denial_for_the_other_side_or_another_event_undoes_nothing():
    x = place("Xtown")
    old = [stored(claim(x, "captured", "RU", "RU", "asserted"), D1)]
    for later in (claim(x, "captured", "UA", "UA", "denied"),      # denies a Ukrainian capture
                  claim(x, "advance", "RU", "UA", "denied"),       # another event
                  claim(place("Ytown"), "captured", "RU", "UA", "denied")):
        diff = diff_claims(old, [stored(later)], before=D1, after=D2)
        assert diff.withdrawn_or_denied == [] and diff.newly_claimed == []
    # a withdrawal by an unknown side undoes the claimed gain
    diff = diff_claims(old, [stored(claim(x, "withdrawal", None, "outlet", "reported"))], before=D1, after=D2)
    assert [(c.kind, c.event) for c in diff.withdrawn_or_denied] == [("withdrawal", "captured")]


def test_places_are_matched_by_gazetteer_id_then_by_name_case_blind():
    assert place_key(place("Alphaville")) == "gn:Alphaville"
    loose = place("nowhereville", pid=False)
    assert place_key(loose) == place_key(place("NOWHEREVILLE", pid=False)) != place_key(place("Nowhereville"))
    old = [stored(claim(place("Nowhereville", pid=False), "fighting", None, "UA", "reported"), D1)]
    new = [stored(claim(loose, "fighting", None, "UA", "reported"))]
    assert diff_claims(old, new, before=D1, after=D2).newly_claimed == []


def test_first_date_and_previous_date(two_dates):
    with Ledger(two_dates) as ledger:
        assert previous_date(ledger, D2) == D1 and previous_date(ledger, D1) is None
        assert previous_date(ledger, "2024-05-02") == D1
        first = diff_dates(ledger, None, D1)
    assert first.before is None and len(first.newly_claimed) == 5 and first.withdrawn_or_denied == []


def test_bad_dates_are_refused_with_the_dates_known(two_dates):
    with Ledger(two_dates) as ledger:
        with pytest.raises(LedgerError, match=r"'2024-06-01'.*2024-05-01, 2024-05-03"):
            diff_dates(ledger, D1, "2024-06-01")
        with pytest.raises(FrontmapError, match="swap them"):
            diff_dates(ledger, D2, D1)


def test_formats(two_dates):
    with Ledger(two_dates) as ledger:
        diff = diff_dates(ledger, D1, D2)
    data = json.loads(format_diff(diff, "json"))
    assert (data["before"], data["after"]) == (D1, D2)
    row = next(r for r in data["withdrawn_or_denied"] if r["change"] == "withdrawal")
    assert row["place"] == "Betatown" and row["after"][0]["claimant"] == "Brigade"
    assert row["after"][0]["report"].endswith(f"report-{D2}.txt")
    table = format_diff(diff, "table")
    assert f"Newly claimed on {D2} since {D1}" in table and "Zetatown" in table and "Brigade" in table
    with pytest.raises(FrontmapError, match="'xml'"):
        format_diff(diff, "xml")
    empty = format_diff(diff_claims([], [], before=D1, after=D2), "table")
    assert "Newly claimed" in empty and ": none" in empty


def test_contested_rules():
    x = place("Xtown")
    assert contested_reason([claim(x, "captured", "RU", "RU", "asserted"),
                             claim(x, "captured", "RU", "UA", "denied")]).startswith("captured claimed and denied")
    assert "both sides claim gains" in contested_reason([claim(x, "advance", "RU", "RU", "asserted"),
                                                        claim(x, "advance", "UA", "UA", "asserted")])
    assert "RU sources claim captured, UA sources say otherwise" == contested_reason(
        [claim(x, "captured", "RU", "RU", "asserted"), claim(x, "fighting", None, "UA", "asserted")])
    assert contested_reason([claim(x, "captured", "RU", "RU", "asserted"),
                             claim(x, "captured", "RU", "outlet", "reported")]) == ""
    found = contested_places([stored(claim(x, "captured", "RU", "RU", "asserted")),
                              stored(claim(x, "captured", "RU", "UA", "denied")),
                              stored(claim(place("Ytown"), "advance", "RU", "RU", "asserted"))])
    assert [(c.place, len(c.claims)) for c in found] == [("Xtown", 2)]
