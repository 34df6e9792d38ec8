"""The reliability benchmark on twelve real articles: floors safely below what it measures.

``benchmarks/reliability_benchmark.py`` on these articles (tests/data/articles) measured, on
2026-11-24: drop_url / drop_date / drop_byline / wire_to_unknown_site / shuffle_sentences 1.00,
respell_name 0.89, shift_date 0.80, shift_date with two reprints in the run 1.00, and boilerplate
moving no score at all.  The full benchmark (87 articles) is in benchmarks/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import reliability_benchmark as rb  # noqa: E402

ARTICLES = ROOT / "tests" / "data" / "articles"


@pytest.fixture(scope="module")
def results() -> rb.Results:
    articles = rb.load_articles(ARTICLES)
    assert len(articles) == 12
    return rb.measure(articles)


@pytest.mark.parametrize(("kind", "floor"), [
    ("drop_url", 0.8), ("drop_date", 0.8), ("drop_byline", 0.8), ("wire_to_unknown_site", 0.8),
    ("respell_name", 0.7), ("shift_date", 0.6), ("shuffle_sentences", 0.75), ("shift_date +2 reprints", 0.9),
])
def test_the_original_outscores_its_corrupted_copy(results: rb.Results, kind: str, floor: float):
    outcome = results.outcomes[kind]
    assert len(outcome.drops) >= 5 and outcome.rate >= floor, outcome.misses


def test_appended_boilerplate_barely_moves_the_score(results: rb.Results):
    for kind, moves in results.moves.items():
        assert len(moves) == 12 and max(moves) < 2.0, kind
