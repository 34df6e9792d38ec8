"""Second-stage variants: which labels get their own trees, and per-label offsets for macro-F1.

Run::

    cd /work/main && .venv/bin/python benchmarks/second_stage.py                       # shipped: headline,metadata
    cd /work/main && .venv/bin/python benchmarks/second_stage.py --relabel headline,metadata,comments,subscription,advertising
    cd /work/main && .venv/bin/python benchmarks/second_stage.py --offsets             # + offsets fitted on the other folds

The same 5-fold cross-validation grouped by site as ``classifier evaluate`` (each HTML page as
HTML and as its text lines), with ``StackedContext(relabel=...)``.  It prints, for real HTML,
real text and written text input: cleaning F1, content-vs-rest F1, macro-F1 and per-label F1.
With ``--offsets`` it also fits one additive offset per label on the log-probabilities (for each
input kind, coordinate ascent on macro-F1) on the out-of-fold predictions of the *other* folds,
and scores each fold with the offsets fitted without it.  About 20 minutes per run on 2 cores.
Numbers, not pass/fail: the README (model section) quotes the last runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

from classifier.corpus import load_corpus
from classifier.evaluate import cleaning_scores
from classifier.features import samples_from_documents
from classifier.labels import DEFAULT_THRESHOLD
from classifier.model import StackedContext, build_linear
from classifier.training import as_document, training_set

LABELS = Path(__file__).resolve().parents[1] / "labels"
GROUPS = (("real", "html"), ("real", "text"), ("written", "text"))
OFFSET_GRID = np.arange(-3.0, 3.01, 0.25)


def out_of_fold(labels: Path, relabel: tuple[str, ...], folds: int) -> tuple[list[str], list[dict]]:
    """Per held-out document and input kind: fold, authorship, gold labels, texts, probabilities."""
    docs = load_corpus(labels).documents
    sites = sorted({d.site for d in docs})
    groups = np.array([sites.index(d.site) for d in docs])
    rows: list[dict] = []
    classes: list[str] = []
    for fold, (train, test) in enumerate(GroupKFold(n_splits=folds).split(docs, groups=groups)):
        documents, labels_ = training_set([docs[i] for i in train])
        model = StackedContext(base=build_linear(), relabel=relabel).fit(samples_from_documents(documents), labels_)
        classes = list(model.classes_)
        for i in test:
            doc = docs[i]
            views = [("html", as_document(doc))] if doc.kind == "html" else []
            views.append(("text", as_document(doc, text_only=True)))
            for kind, document in views:
                rows.append({"fold": fold, "auth": doc.info.authorship, "kind": kind,
                             "gold": [label.value for label in doc.labels], "texts": [b.text for b in doc.blocks],
                             "proba": model.predict_proba(samples_from_documents([document]))})
        print(f"fold {fold + 1}/{folds} done", file=sys.stderr, flush=True)
    return classes, rows


def macro_f1(y: np.ndarray, pred: np.ndarray, n: int) -> float:
    """Macro-F1 over the labels present in ``y`` (label indices), from one confusion count."""
    confusion = np.bincount(y * n + pred, minlength=n * n).reshape(n, n)
    tp = np.diag(confusion).astype(float)
    denominator = 2 * tp + (confusion.sum(0) - tp) + (confusion.sum(1) - tp)
    f1 = np.divide(2 * tp, denominator, out=np.zeros(n), where=denominator > 0)
    return float(f1[np.unique(y)].mean())


def fit_offsets(log_proba: np.ndarray, y: np.ndarray, rounds: int = 3) -> np.ndarray:
    """Per-label offsets on the log-probabilities that maximise macro-F1 (coordinate ascent)."""
    n = log_proba.shape[1]
    offsets = np.zeros(n)
    best = macro_f1(y, np.argmax(log_proba, 1), n)
    for _ in range(rounds):
        for label in range(n):
            for value in OFFSET_GRID:
                trial = offsets.copy()
                trial[label] = value
                score = macro_f1(y, np.argmax(log_proba + trial, 1), n)
                if score > best + 1e-9:
                    best, offsets = score, trial
    return offsets


def report(classes: list[str], rows: list[dict], offsets: bool) -> None:
    index = {c: i for i, c in enumerate(classes)}
    content = index["content"]
    fitted: dict[tuple[int, str], np.ndarray] = {}
    if offsets:  # each row's labels decided with offsets fitted on the other folds, per input kind
        for row in rows:
            key = (row["fold"], row["kind"])
            if key not in fitted:
                others = [r for r in rows if r["fold"] != row["fold"] and r["kind"] == row["kind"]]
                log_proba = np.log(np.vstack([r["proba"] for r in others]) + 1e-9)
                fitted[key] = fit_offsets(log_proba, np.array([index[g] for r in others for g in r["gold"]]))
            row["pred"] = np.argmax(np.log(row["proba"] + 1e-9) + fitted[key], 1)
    for auth, kind in GROUPS:
        chosen = [r for r in rows if r["auth"] == auth and r["kind"] == kind]
        if not chosen:
            continue
        precision, recall, y_true, y_pred = [], [], [], []
        for r in chosen:
            keep = r["proba"][:, content] >= DEFAULT_THRESHOLD
            gold = [t for t, g in zip(r["texts"], r["gold"]) if g == "content"]
            p, rc = cleaning_scores([t for t, k in zip(r["texts"], keep) if k], gold)
            precision.append(p)
            recall.append(rc)
            y_true += r["gold"]
            y_pred += [classes[i] for i in (r["pred"] if offsets else np.argmax(r["proba"], 1))]
        p, rc = float(np.mean(precision)), float(np.mean(recall))
        present = sorted(set(y_true))
        per_label = f1_score(y_true, y_pred, labels=present, average=None, zero_division=0)
        content_f1 = f1_score([y == "content" for y in y_true], [y == "content" for y in y_pred])
        print(f"{auth}/{kind}: cleaning F1 {2 * p * rc / (p + rc):.3f}  content F1 {content_f1:.3f}  "
              f"macro-F1 {per_label.mean():.3f}")
        print("   " + "  ".join(f"{label} {f:.2f}" for label, f in zip(present, per_label)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--relabel", default="headline,metadata", help="Labels re-decided by their own trees.")
    parser.add_argument("--offsets", action="store_true", help="Also score with per-label offsets (cross-fitted).")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--labels", type=Path, default=LABELS)
    args = parser.parse_args(argv)
    relabel = tuple(label for label in args.relabel.split(",") if label)
    classes, rows = out_of_fold(args.labels, relabel, args.folds)
    print(f"relabel: {', '.join(relabel) or '(none)'}; {args.folds}-fold CV by site")
    report(classes, rows, offsets=False)
    if args.offsets:
        print("with per-label offsets fitted on the other folds:")
        report(classes, rows, offsets=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
