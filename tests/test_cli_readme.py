"""The README's command table and every command's --help agree (issue 13): each command and option the
table names exists in that command's --help, and each command's options are named in its row(s) of
the table or in the paragraphs of *Commands* that hold for every command."""
from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from frontmap.cli import cli
from support import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
SECTION = README.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
ROWS = [line for line in SECTION.splitlines() if line.startswith("| `frontmap ")]
GENERAL = "\n".join(line for line in SECTION.splitlines() if not line.startswith("|"))
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")


def visible(group=cli, prefix=()):
    """(words, command) of every command --help lists, sub-commands included (aliases are hidden)."""
    for name, cmd in sorted(group.commands.items()):
        if cmd.hidden:
            continue
        if isinstance(cmd, click.Group):
            yield from visible(cmd, prefix + (name,))
        else:
            yield prefix + (name,), cmd


COMMANDS = dict(visible())


def row_commands(row: str) -> list[tuple[str, ...]]:
    """The commands a row is about: `frontmap ledger check|vacuum FILE` -> (ledger, check), (ledger, vacuum)."""
    head = []
    for word in row.split("`")[1].replace("\\|", "|").split()[1:]:
        if not re.fullmatch(r"[a-z|]+", word):
            break
        head.append(word)
    if len(head) > 1:
        return [(head[0], sub) for sub in head[1].split("|")]
    return [(head[0],)]


def named_options(row: str) -> dict[tuple[str, ...] | None, set[str]]:
    """Options a row names, by the command they belong to: a code span that begins with another
    command's name (`ingest --no-memory`, `frontmap ingest --from-parquet DIR`) names that one's."""
    out: dict = {None: set()}
    for i, piece in enumerate(row.split("`")):
        if i % 2 == 0:
            out[None] |= set(OPTION.findall(piece))
            continue
        words = piece.split()
        if words and words[0] == "frontmap":
            words = words[1:]
        other = (words[0],) if words and (words[0],) in COMMANDS else None
        out.setdefault(other, set()).update(OPTION.findall(piece))
    return out


def help_text(words) -> str:
    result = CliRunner().invoke(cli, [*words, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_table_names_every_command_and_only_commands():
    named = {words for row in ROWS for words in row_commands(row)}
    assert named == set(COMMANDS)
    listed = help_text(())
    assert all(words[0] in listed for words in named)


@pytest.mark.parametrize("row", ROWS, ids=[r.split("`")[1] for r in ROWS])
def test_every_option_a_row_names_is_in_its_commands_help(row):
    mine = row_commands(row)
    helps = {words: help_text(words) for words in mine}
    for owner, options in named_options(row).items():
        for opt in options:
            if owner is None or owner == mine[0][:1]:
                assert any(re.search(re.escape(opt) + r"(?![\w-])", h) for h in helps.values()), (mine, opt)
            else:
                assert re.search(re.escape(opt) + r"(?![\w-])", help_text(owner)), (owner, opt)


@pytest.mark.parametrize("words", sorted(COMMANDS), ids=" ".join)
def test_every_option_of_a_command_is_in_the_readme(words):
    rows = [r for r in ROWS if words in row_commands(r)]
    text = "\n".join(rows) + "\n" + GENERAL
    options = {o for p in COMMANDS[words].params if isinstance(p, click.Option) for o in p.opts
               if o.startswith("--") and o != "--help"}
    missing = sorted(o for o in options if not re.search(re.escape(o) + r"(?![\w-])", text))
    assert not missing, f"{' '.join(words)}: {missing} not in its README row"
