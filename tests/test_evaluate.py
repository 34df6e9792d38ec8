"""Evaluation metrics and the grouped cross-validation on a small corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from classifier.annotate import add_document, set_labels
from classifier.corpus import Corpus, DocumentInfo, load_corpus
from classifier.document import ClassifierError
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
    """A strongly regularised model is never 99% sure: no block reaches the threshold and only the
    fallback keeps anything, one block per document, so the cleaning recall is above 0 with it
    and 0 without it."""
    corpus = _small_corpus(tmp_path)
    unsure = lambda: build_linear(alpha=1.0)  # noqa: E731
    with_fallback = cross_validate(corpus, unsure, n_splits=3, threshold=0.99).to_dict()
    without = cross_validate(corpus, unsure, n_splits=3, threshold=0.99, fallback=False).to_dict()
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
    with pytest.raises(ClassifierError, match="at least 2 sites \\(found 1\\)"):
        cross_validate(load_corpus(root), build_linear, n_splits=2)


@pytest.mark.parametrize("option, message", [({"n_splits": 1}, "at least 2 folds"),
                                             ({"threshold": 5.0}, "between 0 and 1"),
                                             ({"threshold": float("nan")}, "between 0 and 1")])
def test_cross_validation_refuses_bad_settings_before_any_work(tmp_path, option, message):
    with pytest.raises(ClassifierError, match=message):
        cross_validate(_small_corpus(tmp_path), build_linear, **option)


def test_evaluate_and_train_cli_give_one_line_errors_before_any_work(tmp_path):
    from typer.testing import CliRunner

    from classifier.cli import app

    labels = _small_corpus(tmp_path).root
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    folder = tmp_path / "folder.skops"
    folder.mkdir()
    for args, message in ((["evaluate", "--labels", labels, "--folds", "1"], "at least 2 folds"),
                          (["evaluate", "--labels", labels, "--variant", "bogus"], "unknown model variant"),
                          (["evaluate", "--labels", labels, "--threshold", "nan"], "between 0 and 1"),
                          (["evaluate", "--labels", labels, "--json", blocker / "r.json"], "cannot make its folder"),
                          (["train", "--labels", labels, "--model", folder], "is a folder"),
                          (["train", "--labels", labels, "--model", blocker / "m.skops"], "cannot make its folder")):
        result = CliRunner().invoke(app, [str(a) for a in args])
        assert result.exit_code == 2, (args, result.output)  # a usage error, as in clean and score
        assert message in result.stderr and "Traceback" not in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not list(tmp_path.glob("**/*.part"))
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "docs").mkdir()
    (empty / "index.tsv").write_text((labels / "index.tsv").read_text().splitlines()[0] + "\n")
    result = CliRunner().invoke(app, ["train", "--labels", str(empty), "--no-evaluate", "--model", str(tmp_path / "m.skops")])
    assert result.exit_code == 1 and "no labeled documents" in result.stderr, result.stderr


def test_evaluate_cli_prints_cleaning_scores_only_for_whole_documents(tmp_path):
    """Snippets get per-block scores, never a cleaning score: the cleaning table has no column of
    dashes for them."""
    from typer.testing import CliRunner

    from classifier.cli import app

    labels = _small_corpus(tmp_path).root
    result = CliRunner().invoke(app, ["evaluate", "--labels", str(labels), "--variant", "linear", "--folds", "3"],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    per_block, cleaning = result.output.split("Cleaning score per document")
    assert "real/text snippets" in per_block
    cleaning = cleaning.split("Confusion matrix")[0]
    assert "real/text" in cleaning and "snippets" not in cleaning
    rows = [line for line in cleaning.splitlines() if line.lstrip("│ ").startswith(("model", "keep_all", "c4"))]
    assert len(rows) == 3 and not any(" - " in row for row in rows), cleaning
