"""Ablation: which feature groups and classifiers earn their keep, measured across seeds.

Run::

    cd /work/main && .venv/bin/python benchmarks/ablation.py [--seeds 0,1,2] [--configs shipped,no-near]

Every feature group is computed once for all labeled documents (each HTML page as HTML and as
its text lines, as ``classifier evaluate`` sees them) and cached in memory; each configuration
then runs the same 5-fold cross-validation grouped by site as ``classifier evaluate`` on the
cached rows, once per seed.  It prints the cleaning F1, content-vs-rest F1 and macro-F1 for real
HTML and text input, as mean and range over the seeds: one SGD run moves by up to a point with
its seed alone, so a difference smaller than the range is no difference.  Numbers, not
pass/fail; a full run of the default configurations takes about 15 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MaxAbsScaler

from classifier.corpus import load_corpus
from classifier.evaluate import CleaningTally, _block_metrics, _keep_mask, cleaning_scores
from classifier.features import HashedText, NeighbourText, ShapeFeatures, samples_from_documents
from classifier.labels import DEFAULT_THRESHOLD
from classifier.model import AveragedSGD
from classifier.training import as_document

LABELS = Path(__file__).resolve().parents[1] / "labels"

#: Feature groups by name: the transformer and its weight in the shipped model.
GROUPS = {
    "words": (lambda: HashedText(field="text", analyzer="word", ngram_range=(1, 2), n_features=2**16), 1.0),
    "chars": (lambda: HashedText(field="text", analyzer="char_wb", ngram_range=(2, 4), n_features=2**16), 0.7),
    "dom": (lambda: HashedText(field="dom", analyzer="word", n_features=2**13), 0.7),
    "near2": (lambda: NeighbourText(window=2, n_features=2**14, weight=1.0), 0.5),
    "near3": (lambda: NeighbourText(window=3, n_features=2**14, weight=1.0), 0.5),
    "shape": (lambda: Pipeline([("values", ShapeFeatures(window=1)), ("scale", MaxAbsScaler())]), 2.0),
}
#: Configurations: feature groups (with optional weight overrides) and the classifier.
CONFIGS = {
    "shipped": ({"words": None, "dom": None, "near3": None, "shape": None}, "averaged"),
    "single-sgd": ({"words": None, "dom": None, "near3": None, "shape": None}, "sgd"),
    "with-chars": ({"words": None, "chars": None, "dom": None, "near3": None, "shape": None}, "averaged"),
    "near2": ({"words": None, "dom": None, "near2": None, "shape": None}, "averaged"),
    "shape-x1": ({"words": None, "dom": None, "near3": None, "shape": 1.0}, "averaged"),
    "no-near": ({"words": None, "dom": None, "shape": None}, "averaged"),
    "no-shape": ({"words": None, "dom": None, "near3": None}, "averaged"),
}


class Views:
    """Every labeled document as the model sees it (HTML pages twice), with cached features."""

    def __init__(self, labels: Path):
        self.docs = load_corpus(labels).documents
        self.views = []  # (document index, input kind, Document)
        for i, doc in enumerate(self.docs):
            if doc.kind == "html":
                self.views.append((i, "html", as_document(doc)))
            self.views.append((i, "text", as_document(doc, text_only=True)))
        self.samples = samples_from_documents([v[2] for v in self.views])
        self.rows, start = [], 0
        for _, _, document in self.views:
            self.rows.append((start, start + len(document.blocks)))
            start += len(document.blocks)
        self.y = np.concatenate([[label.value for label in self.docs[i].labels] for i, _, _ in self.views])
        sites = sorted({d.site for d in self.docs})
        self.groups = np.array([sites.index(d.site) for d in self.docs])
        self.cache: dict[str, sp.csr_matrix] = {}

    def features(self, group: str) -> sp.csr_matrix:
        if group not in self.cache:
            started = time.perf_counter()
            self.cache[group] = sp.csr_matrix(GROUPS[group][0]().fit(self.samples).transform(self.samples))
            print(f"  features {group}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
        return self.cache[group]

    def matrix(self, groups: dict[str, float | None]) -> sp.csr_matrix:
        parts = []
        for name, weight in groups.items():
            weight = GROUPS[name][1] if weight is None else weight
            parts.append(self.features(name) * weight)
        return sp.hstack(parts).tocsr()


def make_classifier(kind: str, seed: int):
    if kind == "averaged":
        return AveragedSGD(random_state=seed * 100)
    return SGDClassifier(loss="log_loss", alpha=1e-5, max_iter=30, tol=1e-4, random_state=seed)


def cross_validate(views: Views, X: sp.csr_matrix, kind: str, seed: int) -> dict[str, dict[str, float]]:
    """Out-of-fold probabilities (folds by site), then the scores per input kind of real documents."""
    proba = np.zeros((X.shape[0], len(np.unique(views.y))))
    classes = None
    for train_docs, _ in GroupKFold(n_splits=5).split(views.docs, groups=views.groups):
        train = set(train_docs.tolist())
        in_train = [np.arange(*views.rows[j]) for j, v in enumerate(views.views) if v[0] in train]
        in_test = [np.arange(*views.rows[j]) for j, v in enumerate(views.views) if v[0] not in train]
        train_rows, test_rows = np.concatenate(in_train), np.concatenate(in_test)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model = make_classifier(kind, seed).fit(X[train_rows], views.y[train_rows])
        classes = model.classes_
        proba[test_rows] = model.predict_proba(X[test_rows])
    true: dict[str, list[str]] = {}
    pred: dict[str, list[str]] = {}
    tallies: dict[str, CleaningTally] = {}
    for j, (i, input_kind, _) in enumerate(views.views):
        doc = views.docs[i]
        if doc.info.authorship != "real":
            continue
        start, end = views.rows[j]
        p = proba[start:end]
        gold_labels = [label.value for label in doc.labels]
        texts = [block.text for block in doc.blocks]
        gold = [t for t, label in zip(texts, gold_labels) if label == "content"]
        keep = _keep_mask(p, classes, frozenset({"content"}), DEFAULT_THRESHOLD)
        true.setdefault(input_kind, []).extend(gold_labels)
        pred.setdefault(input_kind, []).extend(classes[np.argmax(p, axis=1)].tolist())
        tallies.setdefault(input_kind, CleaningTally()).add(*cleaning_scores([t for t, k in zip(texts, keep) if k], gold))
    out = {}
    for input_kind in sorted(true):
        blocks = _block_metrics(true[input_kind], pred[input_kind])
        out[input_kind] = {"clean": tallies[input_kind].summary()["f1"], "content": blocks["content_f1"],
                           "macro": blocks["macro_f1"]}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="0,1,2", help="Comma-separated seeds (default 0,1,2).")
    parser.add_argument("--configs", default=",".join(CONFIGS), help=f"Comma-separated, of: {', '.join(CONFIGS)}.")
    parser.add_argument("--labels", type=Path, default=LABELS)
    args = parser.parse_args(argv)
    seeds = [int(s) for s in args.seeds.split(",")]
    names = args.configs.split(",")
    unknown = [n for n in names if n not in CONFIGS]
    if unknown:
        parser.error(f"unknown configuration(s): {', '.join(unknown)}")
    views = Views(args.labels)
    print(f"{len(views.docs)} documents, {len(views.samples)} blocks (HTML pages counted as HTML and as text); "
          f"seeds {seeds}; threshold {DEFAULT_THRESHOLD}\n")
    header = f"{'configuration':14s}" + "".join(f" {k + ' ' + m:>22s}" for k in ("html", "text") for m in ("clean", "content", "macro"))
    print(header + "   seconds")
    for name in names:
        groups, kind = CONFIGS[name]
        started = time.perf_counter()
        X = views.matrix(groups)
        runs = [cross_validate(views, X, kind, seed) for seed in seeds]
        cells = []
        for input_kind in ("html", "text"):
            for metric in ("clean", "content", "macro"):
                values = [r[input_kind][metric] for r in runs]
                cells.append(f"{np.mean(values):.4f} ({min(values):.3f}-{max(values):.3f})")
        print(f"{name:14s}" + "".join(f" {c:>22s}" for c in cells) + f"   {time.perf_counter() - started:7.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
