"""Quality floors: grouped cross-validation on the real labeled corpus must not regress.

The floors sit safely below what ``classifier evaluate`` measures (see models/default.card.json
and the README), so noise does not fail CI but a real regression does.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from classifier.corpus import load_corpus
from classifier.evaluate import cross_validate
from classifier.model import build_model

LABELS = Path(__file__).resolve().parents[1] / "labels"

FLOORS = {
    "real/html": {"cleaning_f1": 0.92, "content_f1": 0.88, "macro_f1": 0.55},
    "real/text": {"cleaning_f1": 0.88, "content_f1": 0.83, "macro_f1": 0.45},
}


@pytest.fixture(scope="module")
def report():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return cross_validate(load_corpus(LABELS), build_model, n_splits=5).to_dict()


@pytest.mark.parametrize("group", sorted(FLOORS))
def test_quality_floors(report, group):
    floors = FLOORS[group]
    cleaning = report["cleaning"]["model"][group]["f1"]
    blocks = report["blocks"][group]
    assert cleaning >= floors["cleaning_f1"], f"{group} cleaning F1 {cleaning:.3f}"
    assert blocks["content_f1"] >= floors["content_f1"], f"{group} content F1 {blocks['content_f1']:.3f}"
    assert blocks["macro_f1"] >= floors["macro_f1"], f"{group} macro F1 {blocks['macro_f1']:.3f}"


@pytest.mark.parametrize("group", sorted(FLOORS))
def test_model_beats_the_baselines_on_the_same_folds(report, group):
    model = report["cleaning"]["model"][group]["f1"]
    assert model >= report["cleaning"]["c4"][group]["f1"] + 0.05
    assert model >= report["cleaning"]["keep_all"][group]["f1"] + 0.05
