"""Evaluation metrics and the grouped cross-validation on a small corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from classifier.annotate import add_document, set_labels
from classifier.corpus import Corpus, DocumentInfo, load_corpus
from classifier.evaluate import SNIPPET_SIZES, c4_keep, cleaning_scores, cross_validate, shingles
from classifier.features import windows
from classifier.model import build_linear


def test_shingles_are_word_4grams_and_short_texts_count_once():
    assert shingles(["One two three four five"]) == {("one", "two", "three", "four"), ("two", "three", "four", "five")}
    assert shingles(["Read more"]) == {("read", "more")}


def test_cleaning_scores_edges():
    assert cleaning_scores([], ["some article text here"]) == (1.0, 0.0)
    assert cleaning_scores(["menu item"], []) == (0.0, 1.0)
    assert cleaning_scores([], []) == (1.0, 1.0)
    p, r = cleaning_scores(["a b c d", "junk junk junk junk"], ["a b c d"])
    assert (p, r) == (0.5, 1.0)


def test_c4_filter():
    assert c4_keep("This sentence has more than five words.")
    assert not c4_keep("Too short.")
    assert not c4_keep("This line has many words but no final punctuation")


def _write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _small_corpus(tmp_path: Path, n_docs: int = 6):
    root = tmp_path / "labels"
    body = "The council voted on Tuesday to approve the new budget, officials said after the meeting."
    for n in range(n_docs):
        site = f"site{n % 3}"
        source = _write(tmp_path, f"d{n}.txt", ["Home", "World news", body, body.replace("Tuesday", "Monday"),
                                                 "Sign up for our newsletter", "© 2024 All rights reserved"])
        add_document(root, DocumentInfo(f"d{n}", "test", site, "en", "text", "real", ""), source)
        set_labels(root, f"d{n}", ["0-1=navigation", "2-3=content", "4=subscription", "5=legal"])
    return load_corpus(root)


def test_cross_validation_groups_by_site_and_reports_baselines(tmp_path):
    corpus = _small_corpus(tmp_path)
    seen = []
    report = cross_validate(corpus, build_linear, n_splits=3,
                            on_prediction=lambda fold, doc, kind, proba, classes: seen.append((fold, doc.info.id, kind, proba.shape, list(classes))))
    report = report.to_dict()
    # Every held-out document once, whole, with a probability per block and label.
    assert sorted(doc_id for _, doc_id, _, _, _ in seen) == [f"d{n}" for n in range(6)]
    assert {fold for fold, *_ in seen} == {0, 1, 2} and {kind for _, _, kind, _, _ in seen} == {"text"}
    assert all(shape == (6, len(classes)) for *_, shape, classes in seen)
    assert report["folds"] == 3
    assert set(report["cleaning"]) == {"model", "keep_all", "c4"}
    keep_all = report["cleaning"]["keep_all"]["real/text"]
    assert keep_all["recall"] == 1.0 and keep_all["precision"] < 1.0
    assert report["blocks"]["real/text"]["blocks"] == 36
    assert 0.0 <= report["blocks"]["real/text"]["content_f1"] <= 1.0
    assert len(report["blocks"]["real/text"]["confusion"]) == len(report["blocks"]["real/text"]["labels"])
    # Snippets of each held-out document, scored per block, with no cleaning score of their own.
    # (per document: at least the first window of each size, at most every window of 6 blocks)
    most = sum(size * (6 - size + 1) for size in SNIPPET_SIZES)
    assert 6 * sum(SNIPPET_SIZES) <= report["blocks"]["real/text snippets"]["blocks"] <= 6 * most
    assert "real/text snippets" not in report["cleaning"]["model"]


def test_the_cleaning_score_keeps_what_clean_keeps(tmp_path):
    """Above 1 no block reaches the threshold and only the fallback keeps anything: one block per
    document, so the cleaning recall is above 0 with it and 0 without it."""
    corpus = _small_corpus(tmp_path)
    with_fallback = cross_validate(corpus, build_linear, n_splits=3, threshold=1.01).to_dict()
    without = cross_validate(corpus, build_linear, n_splits=3, threshold=1.01, fallback=False).to_dict()
    assert with_fallback["fallback"] is True and without["fallback"] is False
    assert with_fallback["cleaning"]["model"]["real/text"]["recall"] > 0.0
    assert without["cleaning"]["model"]["real/text"]["recall"] == 0.0


def test_train_only_documents_join_every_training_set_and_keep_the_folds(tmp_path):
    corpus = _small_corpus(tmp_path, n_docs=7)  # d6 is a fourth document of site0
    added = frozenset({"d6"})
    without = Corpus(corpus.root, [d for d in corpus.documents if d.id not in added])
    trained_on: list[int] = []

    def build():
        model = build_linear()
        fit = model.fit
        model.fit = lambda X, y: (trained_on.append(len(X)), fit(X, y))[1]
        return model

    def held_out(corpus, **kwargs):
        seen = []
        cross_validate(corpus, build, n_splits=3,
                       on_prediction=lambda fold, doc, *_: seen.append((fold, doc.id)), **kwargs)
        return seen

    plain = held_out(without)
    plain_sizes, trained_on[:] = list(trained_on), []
    assert held_out(corpus, train_only=added) == plain  # d6 never held out; the same folds
    # Each fold's training set has d6's 6 blocks more.
    assert trained_on == [size + 6 for size in plain_sizes]


def test_windows_of_every_size_start_with_the_first():
    import numpy as np

    cuts = windows(6, SNIPPET_SIZES, 10, np.random.default_rng(0))
    assert cuts == windows(6, SNIPPET_SIZES, 10, np.random.default_rng(0))
    assert {b - a for a, b in cuts} == set(SNIPPET_SIZES)
    assert all(0 <= a < b <= 6 for a, b in cuts) and len(set(cuts)) == len(cuts)
    assert {(0, size) for size in SNIPPET_SIZES} <= set(cuts)
    assert windows(6, (1,), 0, np.random.default_rng(0)) == [(0, 1)]


def test_cross_validation_needs_two_sites(tmp_path):
    root = tmp_path / "labels"
    source = _write(tmp_path, "a.txt", ["Home", "A sentence that is long enough to be content here."])
    add_document(root, DocumentInfo("a", "test", "one", "en", "text", "real", ""), source)
    with pytest.raises(ValueError):
        cross_validate(load_corpus(root), build_linear, n_splits=2)
