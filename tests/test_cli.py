"""The command line, through click's CliRunner. Reports here are written for the tests."""
import json

import pytest
from click.testing import CliRunner

from frontmap.cli import cli

REPORT = """date 2025-11-22

Toward Lyman.
The Russian Defence Ministry said its troops captured Novoselivka.
Ukraine's General Staff denied that Russian forces had taken Kupiansk.
"""


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "r1.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_resolve_finds_one_place_under_every_spelling(runner):
    ids = set()
    for spelling in ("Kupyansk", "Куп'янськ", "Kup'yans'k", "Kupiansk", "KUPJANSK"):
        result = runner.invoke(cli, ["resolve", spelling, "--format", "json"])
        assert result.exit_code == 0, result.output
        rows = json.loads(result.output)
        ids.add(rows[0]["id"])
        assert rows[0]["oblast"] == "Kharkiv"
    assert len(ids) == 1


def test_resolve_lists_homonyms_with_oblast_and_raion(runner):
    result = runner.invoke(cli, ["resolve", "Novoselivka", "--format", "json", "--limit", "100"])
    rows = json.loads(result.output)
    assert len(rows) > 20
    assert all(r["oblast"] for r in rows)
    assert any(r["oblast"] == "Donetsk" and r["raion"] == "Kramatorsk" for r in rows)


def test_resolve_table_is_readable(runner):
    result = runner.invoke(cli, ["resolve", "Novoselivka"])
    assert result.exit_code == 0 and "Donetsk" in result.output and "Kramatorsk" in result.output


def test_resolve_unknown_name_fails_with_advice(runner):
    result = runner.invoke(cli, ["resolve", "Qqqqxxzz"])
    assert result.exit_code == 1
    assert "Qqqqxxzz" in result.output


def test_extract_json_follows_the_contract(runner, report):
    result = runner.invoke(cli, ["extract", str(report), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    (rep,) = doc["reports"]
    assert rep["date"] == "2025-11-22"
    for p in rep["places"]:
        assert {"text", "start", "end", "name", "kind", "oblast", "lat", "lon", "id",
                "confidence", "status"} <= set(p)
    for c in rep["claims"]:
        assert {"place", "event", "beneficiary", "claimant", "claimant_side", "stance", "evidence"} <= set(c)
    kupiansk = [c for c in rep["claims"] if c["place"]["name"] == "Kupiansk"]
    assert kupiansk and kupiansk[0]["stance"] == "denied" and kupiansk[0]["claimant_side"] == "UA"


def test_extract_other_formats(runner, report):
    geo = json.loads(runner.invoke(cli, ["extract", str(report), "--format", "geojson"]).output)
    assert geo["type"] == "FeatureCollection" and geo["features"]
    csv_out = runner.invoke(cli, ["extract", str(report), "--format", "csv"]).output
    assert csv_out.splitlines()[0].startswith("place,place_text,")


def test_report_without_date_is_an_error_that_says_what_to_do(runner, tmp_path):
    path = tmp_path / "nodate.txt"
    path.write_text("Fighting continues near Kupiansk.", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 1
    assert "--date" in result.output
    ok = runner.invoke(cli, ["extract", str(path), "--date", "2025-11-21", "--format", "json"])
    assert ok.exit_code == 0 and '"2025-11-21"' in ok.output


def test_unresolved_lists_names_with_sentence_and_says_when_nothing_is_left(runner, tmp_path):
    path = tmp_path / "u.txt"
    path.write_text("date 2025-11-22\n\nAssault groups entered the village of Kupyamsk.\n", encoding="utf-8")
    out = runner.invoke(cli, ["unresolved", str(path), "--format", "json"]).output
    rows = json.loads(out)
    assert rows[0]["text"] == "Kupyamsk" and "Kupiansk" in rows[0]["suggestions"]
    assert "entered the village" in rows[0]["sentence"]
    clean = tmp_path / "c.txt"
    clean.write_text("date 2025-11-22\n\nShelling hit Kupiansk.\n", encoding="utf-8")
    result = runner.invoke(cli, ["unresolved", str(clean)])
    assert result.exit_code == 0 and "Nothing left unresolved" in result.output


def test_ingest_twice_adds_nothing_and_map_writes_one_file_per_date(runner, report, tmp_path):
    db = tmp_path / "l.db"
    other = tmp_path / "r2.txt"
    other.write_text("date 2025-11-23\n\nRussian troops shelled Kupiansk.\n", encoding="utf-8")
    first = runner.invoke(cli, ["ingest", str(report), str(other), "--db", str(db)])
    assert first.exit_code == 0, first.output
    from frontmap.ledger.store import Ledger
    with Ledger(db) as ledger:
        before = len(ledger.claims())
    again = runner.invoke(cli, ["ingest", str(report), "--db", str(db)])
    assert again.exit_code == 0
    with Ledger(db) as ledger:
        assert len(ledger.claims()) == before
    out = tmp_path / "maps"
    result = runner.invoke(cli, ["map", "--db", str(db), "--out", str(out), "--mkdir"])
    assert result.exit_code == 0, result.output
    assert (out / "2025-11-22.html").exists() and (out / "2025-11-23.html").exists()
    assert "2025-11-22.html" in (out / "index.html").read_text(encoding="utf-8")


def test_ingest_skips_unreadable_files_and_keeps_the_rest(runner, report, tmp_path):
    db = tmp_path / "l.db"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(cli, ["ingest", str(report), str(empty), "--db", str(db)])
    assert result.exit_code == 1
    from frontmap.ledger.store import Ledger
    with Ledger(db) as ledger:
        assert ledger.dates() == ["2025-11-22"]


def test_script_tags_in_a_report_show_as_text_on_the_map(runner, tmp_path):
    path = tmp_path / "evil.html"
    path.write_text(
        "<html><head><meta name='date' content='2025-11-22'></head><body>"
        "<p>Russian troops captured Kupiansk &lt;script&gt;alert(1)&lt;/script&gt; "
        "&lt;img src=x onerror=alert(1)&gt; after heavy fighting.</p></body></html>", encoding="utf-8")
    db = tmp_path / "l.db"
    assert runner.invoke(cli, ["ingest", str(path), "--db", str(db)]).exit_code == 0
    out = tmp_path / "maps"
    assert runner.invoke(cli, ["map", "--db", str(db), "--out", str(out), "--mkdir"]).exit_code == 0
    html = (out / "2025-11-22.html").read_text(encoding="utf-8")
    assert "Kupiansk" in html
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "alert(1)" in html  # shown, as escaped text


def test_map_without_ledger_says_how_to_make_one(runner, tmp_path):
    result = runner.invoke(cli, ["map", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "frontmap ingest" in result.output


def test_every_command_is_documented(runner):
    for name, command in cli.commands.items():
        assert command.help, f"command {name} has no help"
        assert runner.invoke(cli, [name, "--help"]).exit_code == 0


def test_an_empty_folder_is_an_error_and_leaves_no_new_ledger(tmp_path):
    (tmp_path / "empty").mkdir()
    db = tmp_path / "new.db"
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "empty"), "--db", str(db)])
    assert result.exit_code == 1 and "no report files" in result.output
    assert not db.exists()


@pytest.mark.parametrize("args", [
    ["ingest", "x.txt", "--date", "2025-11-31"],
    ["extract", "x.txt", "--date", "21.11.2025"],
    ["unresolved", "x.txt", "--date", "yesterday"],
    ["map", "--date", "2025-1-5"],
    ["brief", "--date", "2025-11", "--out", "b.html"],
    ["control", "--date", "20251121"],
])
def test_a_malformed_date_is_a_usage_error_that_shows_the_form(args):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_ingest_commits_in_batches_so_a_run_stopped_half_way_keeps_what_came_before(tmp_path, monkeypatch):
    import frontmap

    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(5):
        (folder / f"r{i}.txt").write_text(f"date 2025-11-2{i}\n\nRussian forces shelled Kupiansk {i} times.\n",
                                          encoding="utf-8")
    db = str(tmp_path / "l.db")
    real, calls = frontmap.Ledger.ingest, []

    def dying(self, extractions):
        calls.append(len(extractions))
        if len(calls) == 2:
            raise KeyboardInterrupt            # killed while storing the second batch
        return real(self, extractions)

    monkeypatch.setattr(frontmap.Ledger, "ingest", dying)
    stopped = CliRunner().invoke(cli, ["ingest", str(folder), "--db", db, "--batch", "2"])
    assert stopped.exit_code != 0
    monkeypatch.setattr(frontmap.Ledger, "ingest", real)
    with frontmap.Ledger(db) as ledger:
        assert len(ledger.reports()) == 2      # the first batch, whole
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", db, "--batch", "2"])
    assert result.exit_code == 0 and "5 report(s): 3 added, 2 already in the ledger, 0 skipped" in result.output
