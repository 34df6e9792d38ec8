"""Shared fixtures: the shipped model (loaded once per session) and a writable copy of the seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from classifier.batch import _worker_model
from classifier.predictor import default_model_path
from helpers import SEEDS


@pytest.fixture(scope="session")
def model():
    """The shipped model, loaded once.

    It is loaded through the batch module's per-process cache, so ``run_batch`` and the ``clean``
    command reuse this very object instead of reading 13 MB again in every test.
    """
    return _worker_model(str(default_model_path()))


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    """A fresh, writable copy of the five seeds in ``tmp/in``."""
    assert len(SEEDS) == 5, "tests/data/seeds/ must hold the five shared seeds"
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copyfile(seed, folder / seed.name)
    return folder
