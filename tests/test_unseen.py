"""Cleaning floors on files outside the labeled corpus (``benchmarks/unseen``, never trained on).

``benchmarks/unseen_benchmark.py`` measured the shipped model (2026-11-25) on the first 14 files
at block F1 0.879 (precision 0.891, recall 0.867) and character F1 0.947; on the 12 files of
``targeted/`` (lists, sub-headings, captions and prose-like junk in plain text, what it did worst
on the first 14) at block F1 0.688 (precision 0.847, recall 0.579) and character F1 0.841.  The
floors sit safely below, so a model that generalises worse to new sites fails CI even when its
cross-validation holds.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import unseen_benchmark  # noqa: E402

#: Per set: article blocks, files, floors of block F1 and character F1.
SETS = {"first": (188, 14, 0.82, 0.90), "targeted": (335, 12, 0.60, 0.76)}


def test_the_markers_leave_the_segmentation_alone_and_every_file_has_an_article():
    files = unseen_benchmark.unseen_files()
    assert len(files) == sum(n for _, n, _, _ in SETS.values())
    for path in files:
        document, gold = unseen_benchmark.gold_and_document(path)
        assert len(gold) == len(document.blocks) and 0 < sum(gold) < len(gold), path.name
        assert not any(unseen_benchmark.MARK in b.text for b in document.blocks), path.name


def test_cleaning_floors_on_unseen_files(model):
    rows, _ = unseen_benchmark.measure(model)
    totals = unseen_benchmark.set_totals(rows)
    assert list(totals) == list(SETS)
    for name, (gold, files, block_floor, char_floor) in SETS.items():
        total = totals[name]
        assert total["gold"] == gold and sum(unseen_benchmark.set_of(n) == name for n in rows) == files, name
        assert unseen_benchmark.scores(total["tp"], total["fp"], total["fn"])[2] >= block_floor, name
        assert unseen_benchmark.scores(total["ctp"], total["cfp"], total["cfn"])[2] >= char_floor, name
    # No file of the first set loses most of its article.
    assert all(row["tp"] / row["gold"] >= 0.4 for n, row in rows.items() if unseen_benchmark.set_of(n) == "first"), rows
