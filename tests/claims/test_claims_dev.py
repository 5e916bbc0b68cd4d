"""The issue's bar for claims, over the whole development set, through the full pipeline."""
import pytest

from support import SHARED

DEV = SHARED / "eval" / "dev"


@pytest.mark.skipif(not DEV.exists(), reason="../shared/eval/dev not present (data only on CI and dev machines)")
def test_dev_claims_recall_side_and_stance(extractor):
    from frontmap.evaluation import evaluate
    overall = evaluate(DEV, extractor.extract_path).overall
    recall, side, stance = (overall[k] for k in ("claim_recall", "claimant_side_accuracy", "stance_accuracy"))
    assert recall["value"] >= 0.85, f"claim recall {recall['num']}/{recall['den']}"
    assert side["value"] >= 0.90, f"claimant side {side['num']}/{side['den']}"
    assert stance["value"] >= 0.90, f"stance {stance['num']}/{stance['den']}"
