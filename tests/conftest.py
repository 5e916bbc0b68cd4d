from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
needs_shared = pytest.mark.skipif(
    not SHARED.exists(), reason="../shared not present (its data is only on CI and developer machines)")


@pytest.fixture(scope="session")
def gazetteer():
    from frontmap.gazetteer.store import default_gazetteer
    return default_gazetteer()


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
