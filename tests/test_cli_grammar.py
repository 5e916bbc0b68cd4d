"""One grammar for every command (issue 13): the same --format set, malformed values are usage
errors that quote them, empty input says what was looked for, output folders are not made unless
--mkdir (for --out, a new --db ledger and --fit-calibration alike), and an ingest's counts agree.  The commands are found by walking the CLI, so a new
command is covered (or fails until it is listed below)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest

from frontmap.cli import DATA_FORMATS, DEFAULT_FORMAT, GEO_FORMATS, cli
from support import run_cli as run, D1, D2, make_ledger

REPORT = "date 2025-11-22\n\nRussian forces captured Kupiansk.\n"


def commands(group=cli, prefix=()):
    """(name words, click command) of every command, sub-commands included, aliases too."""
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            yield from commands(cmd, prefix + (name,))
        else:
            yield prefix + (name,), cmd


def option(cmd, name):
    return next((p for p in cmd.params if isinstance(p, click.Option) and name in p.opts), None)


ALL = dict(commands())
WITH_FORMAT = {words: cmd for words, cmd in ALL.items() if option(cmd, "--format")}
# the commands that print data, and those whose rows have a place (so geojson)
DATA_COMMANDS = {("extract",), ("unresolved",), ("resolve",), ("control",), ("changes",), ("diff",), ("eval",)}
GEO_COMMANDS = {("extract",), ("control",), ("changes",), ("diff",)}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A ledger of two dates, a report, a gold folder, an empty folder, an empty ledger."""
    root = tmp_path_factory.mktemp("grammar")
    db = make_ledger(root / "l.db")
    report = root / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    gold = root / "gold"
    (gold / "texts").mkdir(parents=True)
    (gold / "gold").mkdir()
    (gold / "texts" / "t01.txt").write_text(REPORT, encoding="utf-8")
    (gold / "gold" / "t01.json").write_text(json.dumps({
        "id": "t01", "date": "2025-11-22",
        "places": [{"as_written": "Kupiansk", "canonical": "Kupiansk", "kind": "settlement", "oblast": "Kharkiv",
                    "in_theatre": True, "lat": 49.7106, "lon": 37.6156}],
        "claims": [{"place": "Kupiansk", "claimant": "the outlet", "claimant_side": "outlet", "event": "captured",
                    "beneficiary_side": "RU", "stance": "reported", "evidence": "Russian forces captured Kupiansk"}]}),
        encoding="utf-8")
    (root / "empty").mkdir()
    from frontmap.ledger.store import Ledger
    with Ledger(root / "empty.db"):
        pass
    return {"root": root, "db": db, "report": report, "gold": gold, "empty": root / "empty",
            "empty_db": root / "empty.db"}


def data_args(words, w):
    """The arguments that make ``words`` print data from the world."""
    return {("extract",): [w["report"]], ("unresolved",): [w["report"]], ("resolve",): ["Kupiansk"],
            ("control",): ["--db", w["db"]], ("changes",): [D1, D2, "--db", w["db"]],
            ("diff",): [D1, D2, "--db", w["db"]], ("eval",): [w["gold"]]}[words]


def test_every_command_with_a_format_is_a_data_command_and_every_data_command_has_one():
    assert set(WITH_FORMAT) == DATA_COMMANDS


@pytest.mark.parametrize("words", sorted(DATA_COMMANDS))
def test_every_data_command_takes_the_same_formats_any_case_with_the_same_default(words):
    fmt = option(ALL[words], "--format")
    want = GEO_FORMATS if words in GEO_COMMANDS else DATA_FORMATS
    assert tuple(fmt.type.choices) == want
    assert fmt.type.case_sensitive is False and fmt.default == DEFAULT_FORMAT == "table"


@pytest.mark.parametrize("words", sorted(DATA_COMMANDS))
def test_every_format_of_every_data_command_prints_in_upper_case_too(words, world):
    fmt = option(ALL[words], "--format")
    outputs = {}
    for name in fmt.type.choices:
        result = run(*words, *data_args(words, world), "--format", name.upper())
        assert result.exit_code == 0, (words, name, result.output)
        outputs[name] = result.stdout
    for name in ("json", "geojson"):
        if name in outputs:
            json.loads(outputs[name])
    header = next(csv.reader(io.StringIO(outputs["csv"])))
    assert header and all(header)
    assert "|---" not in outputs["table"] and "| ---" not in outputs["table"]   # no Markdown table
    default = run(*words, *data_args(words, world))
    assert default.stdout == outputs["table"]


@pytest.mark.parametrize("words", sorted(DATA_COMMANDS))
def test_an_unknown_format_is_a_usage_error_quoting_it(words, world):
    result = run(*words, *data_args(words, world), "--format", "xlsx")
    assert result.exit_code == 2 and "'xlsx'" in result.output


def _required(words, w):
    """Enough arguments for a command to get past its required ones (values not checked here)."""
    if words in DATA_COMMANDS:
        return data_args(words, w)
    return {("batch",): [w["report"], "--out", w["root"] / "b.parquet"], ("brief",): ["--out", w["root"] / "b.html"],
            ("export",): ["--out", w["root"] / "x.geojson"], ("ingest",): [w["report"], "--db", w["root"] / "i.db"],
            ("ledger", "backup"): [w["db"]], ("ledger", "check"): [w["db"]], ("ledger", "recover"): [w["db"]],
            ("ledger", "vacuum"): [w["db"]], ("map",): ["--db", w["db"], "--embed"]}[words]


DATE_OPTIONS = [(words, opt) for words, cmd in ALL.items() for p in cmd.params if isinstance(p, click.Option)
                for opt in p.opts if opt in ("--date", "--from", "--to")]


@pytest.mark.parametrize("words,opt", DATE_OPTIONS)
@pytest.mark.parametrize("bad", ["2025-11-31", "22.11.2025", "yesterday"])
def test_a_malformed_date_is_a_usage_error_quoting_it(words, opt, bad, world):
    result = run(*words, *_required(words, world), opt, bad)
    assert result.exit_code == 2 and f"'{bad}'" in result.output and "YYYY-MM-DD" in result.output


NUMBER_OPTIONS = [(words, p.opts[0]) for words, cmd in ALL.items() for p in cmd.params
                  if isinstance(p, click.Option) and isinstance(p.type, (click.IntRange, click.FloatRange))]


def test_every_number_option_has_a_range():
    loose = [(words, p.opts[0]) for words, cmd in ALL.items() for p in cmd.params
             if isinstance(p, click.Option) and p.type in (click.INT, click.FLOAT)]
    assert not loose


@pytest.mark.parametrize("words,opt", NUMBER_OPTIONS)
def test_a_number_out_of_range_is_a_usage_error_quoting_it(words, opt, world):
    low = "0" if ALL[words].params and _min(ALL[words], opt) > 0 else "-1"
    result = run(*words, *_required(words, world), opt, low)
    assert result.exit_code == 2 and low in result.output and opt in result.output


def _min(cmd, opt):
    return option(cmd, opt).type.min or 0


def test_limit_0_is_a_usage_error():
    result = run("resolve", "Kupiansk", "--limit", "0")
    assert result.exit_code == 2 and "0" in result.output and "--limit" in result.output


# --- empty input -----------------------------------------------------------------------------

EMPTY_RUNS = [(("ingest",), None), (("batch",), None)] + [
    (words, fmt) for words in (("extract",), ("unresolved",)) for fmt in option(ALL[words], "--format").type.choices]


@pytest.mark.parametrize("words,fmt", EMPTY_RUNS)
def test_a_folder_with_no_reports_is_exit_1_naming_it_and_prints_nothing(words, fmt, world):
    extra = {("ingest",): ["--db", world["root"] / "from-empty.db"],
             ("batch",): ["--out", world["root"] / "from-empty.parquet"]}.get(words, [])
    result = run(*words, world["empty"], *extra, *(["--format", fmt] if fmt else []))
    assert result.exit_code == 1 and "no report files" in result.stderr and str(world["empty"]) in result.stderr
    assert result.stdout == ""                               # no empty document, not even a newline
    assert not (world["root"] / "from-empty.db").exists() and not (world["root"] / "from-empty.parquet").exists()


@pytest.mark.parametrize("fmt", GEO_FORMATS)
def test_a_missing_report_path_stops_extract_before_it_prints_anything(fmt, world):
    result = run("extract", world["report"], world["root"] / "missing.txt", "--format", fmt)
    assert result.exit_code == 1 and "missing.txt" in result.stderr and result.stdout == ""


def test_every_command_that_reads_report_paths_is_checked_for_an_empty_folder():
    readers = {words for words, cmd in ALL.items()
               if any(isinstance(p, click.Argument) and p.name == "paths" for p in cmd.params)}
    assert readers == {("ingest",), ("extract",), ("unresolved",), ("batch",)}


LEDGER_READERS = {("map",): [], ("map", "--embed"): [], ("control",): [], ("changes",): [D1, D2],
                  ("diff",): [D1, D2], ("brief",): ["--out", "{root}/e.html"],
                  ("export",): ["--out", "{root}/e.geojson"]}


def test_every_command_that_reads_the_ledger_is_checked_for_an_empty_one():
    readers = {words for words, cmd in ALL.items() if option(cmd, "--db") and words not in {("ingest",)}}
    assert readers == {w[:1] for w in LEDGER_READERS}


@pytest.mark.parametrize("words", sorted(LEDGER_READERS))
def test_an_empty_ledger_is_exit_1_saying_what_was_looked_for(words, world):
    args = [str(a).format(root=world["root"]) for a in LEDGER_READERS[words]]
    result = run(*words, *args, "--db", world["empty_db"])
    assert result.exit_code == 1 and "holds no reports" in result.stderr and "frontmap ingest" in result.stderr
    assert result.stdout == "" and not list(world["root"].glob("e.*"))


# --- output folders --------------------------------------------------------------------------

def out_args(words, w, folder):
    """A run of ``words`` writing into ``folder``, which does not exist."""
    return {("map",): ["--db", w["db"], "--out", folder],
            ("brief",): ["--db", w["db"], "--date", D2, "--out", folder / "b.html"],
            ("export",): ["--db", w["db"], "--out", folder / "x.geojson"],
            ("ledger", "backup"): [w["db"], "--out", folder / "copy.db"],
            ("ledger", "recover"): [w["db"], "--out", folder / "saved.db"],
            ("batch",): [w["report"], "--out", folder / "b.parquet"]}[words]


WRITERS = sorted(words for words, cmd in ALL.items() if option(cmd, "--out"))


def test_every_command_with_an_out_option_takes_mkdir():
    assert WRITERS and all(option(ALL[w], "--mkdir") for w in WRITERS)


@pytest.mark.parametrize("words", WRITERS)
def test_an_output_folder_that_does_not_exist_is_an_error_naming_the_fix(words, world):
    folder = world["root"] / "nowhere" / "_".join(words)
    result = run(*words, *out_args(words, world, folder))
    assert result.exit_code == 1 and "--mkdir" in result.stderr and "nowhere" in result.stderr
    assert not folder.exists() and not folder.parent.exists()


@pytest.mark.parametrize("words", [w for w in WRITERS if w != ("batch",)])    # batch: test_batch (needs dask)
def test_mkdir_makes_the_output_folder(words, world):
    folder = world["root"] / "made" / "_".join(words)
    result = run(*words, *out_args(words, world, folder), "--mkdir")
    assert result.exit_code == 0, result.output
    assert folder.is_dir() and any(folder.iterdir())


def file_args(words, w, folder):
    """A run of ``words`` writing a file, not through --out, into ``folder``, which does not exist."""
    return {("ingest",): [w["report"], "--db", folder / "new.db"],
            ("eval",): [w["gold"], "--fit-calibration", folder / "calibration.json"]}[words]


FILE_WRITERS = sorted(words for words, cmd in ALL.items() if option(cmd, "--mkdir") and words not in WRITERS)


def test_every_command_that_takes_mkdir_is_checked_here():
    assert FILE_WRITERS == [("eval",), ("ingest",)]


@pytest.mark.parametrize("words", FILE_WRITERS)
def test_a_file_into_a_folder_that_does_not_exist_is_an_error_naming_it_and_the_fix(words, world):
    """ingest --db (a new ledger) and eval --fit-calibration obey --out's rule: exit 1, the folder
    and --mkdir named, nothing made, and nothing read or scored first."""
    folder = world["root"] / "nowhere" / "_".join(words)
    result = run(*words, *file_args(words, world, folder))
    assert result.exit_code == 1 and result.stdout == ""
    assert f"'{folder}'" in result.stderr and "--mkdir" in result.stderr
    assert not folder.exists() and not folder.parent.exists()
    made = world["root"] / "made" / "_".join(words)
    result = run(*words, *file_args(words, world, made), "--mkdir")
    assert result.exit_code == 0, result.output
    assert made.is_dir() and any(made.iterdir())



# --- counts ----------------------------------------------------------------------------------

def test_the_counts_of_an_ingest_agree_on_success_and_failure(world, tmp_path):
    db = tmp_path / "c.db"
    other = tmp_path / "other.txt"
    other.write_text("date 2025-11-23\n\nUkrainian forces liberated Kupiansk.\n", encoding="utf-8")
    assert run("ingest", world["report"], "--db", db).exit_code == 0
    result = run("ingest", world["report"], other, tmp_path / "missing.txt", "--db", db)
    assert result.exit_code == 1
    assert "3 report(s): 1 added, 1 already in the ledger, 1 skipped;" in result.stderr
    assert "1 report(s) skipped; fix them" in result.stderr
    again = run("ingest", world["report"], other, "--db", db)
    assert again.exit_code == 0 and "2 report(s): 0 added, 2 already in the ledger, 0 skipped;" in again.stderr
