"""Fixtures for every test folder; shared helpers and paths are in support.py (tests/ is on sys.path).

The suite never reads the developer's home: for the whole session HOME is a fresh temporary folder
and $FRONTMAP_OVERRIDES is unset ($FRONTMAP_CACHE a fresh folder too), so no ~/.config/frontmap/overrides.tsv reaches a gazetteer, the
extractor or the CLI; the `gazetteer` fixture also loads with no overrides at all
(test_suite_isolation.py proves both)."""
import pytest


@pytest.fixture(scope="session", autouse=True)
def no_developer_home(tmp_path_factory):
    """HOME is an empty temporary folder and $FRONTMAP_OVERRIDES unset, for the whole session."""
    from frontmap.gazetteer.store import default_overrides
    with pytest.MonkeyPatch.context() as mp:
        home = tmp_path_factory.mktemp("home")
        mp.setenv("HOME", str(home))
        mp.delenv("FRONTMAP_OVERRIDES", raising=False)
        mp.setenv("FRONTMAP_CACHE", str(tmp_path_factory.mktemp("cache")))   # the gazetteer's, not the user's
        assert default_overrides() is None
        yield home


@pytest.fixture(scope="session")
def gazetteer():
    from frontmap.gazetteer.store import Gazetteer
    return Gazetteer.load(overrides=False)


@pytest.fixture(scope="session")
def extractor(gazetteer):
    from frontmap.pipeline import Extractor
    return Extractor(gazetteer)


@pytest.fixture
def extract(extractor):
    from frontmap.model import Report

    def run(text, date="2025-11-22"):
        return extractor.extract(Report(path="test.txt", date=date, text=text))
    return run


@pytest.fixture(scope="session")
def postgis():
    """A PostgreSQL server with PostGIS for the session (support.postgres_server): ``postgis.new()``
    is the URL of a new, empty database on it."""
    from support import PostgisDatabases, postgres_server

    with postgres_server() as base:
        yield PostgisDatabases(base)


@pytest.fixture(params=["sqlite", pytest.param("postgis", marks=pytest.mark.postgis)])
def ledger_db(request, tmp_path):
    """Where a ledger test's ledger lives: a new SQLite file, or a new database on the PostGIS server."""
    if request.param == "sqlite":
        return str(tmp_path / "l.db")
    return request.getfixturevalue("postgis").new()
