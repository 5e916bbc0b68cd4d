"""The suite never reads the developer's home: overrides in ~/.config/frontmap/overrides.tsv or in
$FRONTMAP_OVERRIDES reach neither the `gazetteer` fixture nor the CLI (see conftest.py)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontmap.cli import cli
from frontmap.gazetteer.store import default_overrides
from support import REPO

# nonsense names that resolve (to Kupiansk) only through the overrides files planted below
HOME_ALIAS, ENV_ALIAS = "Qqzzyxhome", "Qqzzyxenv"
INNER = "FRONTMAP_TEST_ISOLATION_INNER"   # set when this test runs again inside a planted home


def plant(where: Path, alias: str, target: str) -> Path:
    where.parent.mkdir(parents=True, exist_ok=True)
    where.write_text(f"# planted by {Path(__file__).name}\nalias\t{alias}\t{target}\n", encoding="utf-8")
    return where


@pytest.mark.slow
def test_a_developers_overrides_reach_neither_the_fixture_gazetteer_nor_the_cli(gazetteer, no_developer_home,
                                                                                  tmp_path, request):
    import frontmap
    assert Path(os.environ["HOME"]) == no_developer_home and "FRONTMAP_OVERRIDES" not in os.environ
    assert default_overrides() is None
    assert gazetteer.overrides is None and frontmap.default_gazetteer().overrides is None
    for alias in (HOME_ALIAS, ENV_ALIAS):
        assert gazetteer.lookup(alias) == []
        result = CliRunner().invoke(cli, ["resolve", alias])
        assert result.exit_code == 1, result.output
    if os.environ.get(INNER):
        return

    # A developer's machine: overrides in the home and in $FRONTMAP_OVERRIDES ...
    kupiansk = gazetteer.lookup("Kupiansk", kinds=("settlement",))[0].entry.id
    home = tmp_path / "developer"
    plant(home / ".config" / "frontmap" / "overrides.tsv", HOME_ALIAS, kupiansk)
    env = {**os.environ, "HOME": str(home)}
    env.pop("FRONTMAP_OVERRIDES", None)
    # ... which frontmap itself, run there, does read,
    for alias, extra in ((HOME_ALIAS, {}),
                         (ENV_ALIAS, {"FRONTMAP_OVERRIDES": str(plant(tmp_path / "env.tsv", ENV_ALIAS, kupiansk))})):
        env.update(extra)
        out = subprocess.run([sys.executable, "-m", "frontmap", "resolve", alias, "--format", "json"],
                             cwd=REPO, env=env, capture_output=True, text=True)
        assert out.returncode == 0 and "Kupiansk" in out.stdout, out.stderr
    # ... while this test, run there by a fresh pytest, sees neither (the checks above, with INNER set)
    inner = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                            request.node.nodeid],
                           cwd=REPO, env={**env, INNER: "1"}, capture_output=True, text=True)
    assert inner.returncode == 0 and "1 passed" in inner.stdout, inner.stdout + inner.stderr
