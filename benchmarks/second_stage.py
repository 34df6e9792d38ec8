"""Second-stage variants: which labels get their own trees, and per-label offsets for macro-F1.

Run::

    cd /work/main && .venv/bin/python benchmarks/second_stage.py                       # shipped: model.RELABEL
    cd /work/main && .venv/bin/python benchmarks/second_stage.py --relabel headline,metadata,comments,subscription,advertising
    cd /work/main && .venv/bin/python benchmarks/second_stage.py --offsets             # + offsets fitted on the other folds

``classifier evaluate``'s 5-fold cross-validation grouped by site (:func:`classifier.evaluate.
cross_validate`: each HTML page as HTML and as its text lines), of ``StackedContext(relabel=...)``.
It prints, for real HTML, real text and written text input: cleaning F1, content-vs-rest F1,
macro-F1 and per-label F1.
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

from classifier.corpus import load_corpus
from classifier.evaluate import _block_metrics, cross_validate
from classifier.model import RELABEL, StackedContext, build_linear

LABELS = Path(__file__).resolve().parents[1] / "labels"
GROUPS = ("real/html", "real/text", "written/text")
OFFSET_GRID = np.arange(-3.0, 3.01, 0.25)


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


def with_offsets(rows: list[dict], classes: list[str]) -> dict[str, dict]:
    """Block metrics per group, each row's labels decided with offsets fitted (per input kind) on
    the out-of-fold predictions of the other folds."""
    index = {c: i for i, c in enumerate(classes)}
    fitted: dict[tuple[int, str], np.ndarray] = {}
    true: dict[str, list[str]] = {}
    pred: dict[str, list[str]] = {}
    for row in rows:
        key = (row["fold"], row["kind"])
        if key not in fitted:
            others = [r for r in rows if r["fold"] != row["fold"] and r["kind"] == row["kind"]]
            log_proba = np.log(np.vstack([r["proba"] for r in others]) + 1e-9)
            fitted[key] = fit_offsets(log_proba, np.array([index[g] for r in others for g in r["gold"]]))
        chosen = np.argmax(np.log(row["proba"] + 1e-9) + fitted[key], 1)
        true.setdefault(row["group"], []).extend(row["gold"])
        pred.setdefault(row["group"], []).extend(classes[i] for i in chosen)
    return {group: _block_metrics(true[group], pred[group]) for group in true}


def show(blocks: dict[str, dict], cleaning: dict[str, dict]) -> None:
    for group in GROUPS:
        if group not in blocks:
            continue
        metrics = blocks[group]
        print(f"{group}: cleaning F1 {cleaning[group]['f1']:.3f}  content F1 {metrics['content_f1']:.3f}  "
              f"macro-F1 {metrics['macro_f1']:.3f}")
        print("   " + "  ".join(f"{label} {m['f1']:.2f}" for label, m in metrics["per_label"].items()
                                if m["support"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--relabel", default=",".join(RELABEL), help="Labels re-decided by their own trees.")
    parser.add_argument("--offsets", action="store_true", help="Also score with per-label offsets (cross-fitted).")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--labels", type=Path, default=LABELS)
    args = parser.parse_args(argv)
    relabel = tuple(label for label in args.relabel.split(",") if label)
    rows: list[dict] = []
    classes: list[str] = []

    def keep(fold, doc, kind, proba, model_classes):
        classes[:] = list(model_classes)
        rows.append({"fold": fold, "kind": kind, "group": f"{doc.info.authorship}/{kind}",
                     "gold": [label.value for label in doc.labels], "proba": proba})

    report = cross_validate(load_corpus(args.labels), lambda: StackedContext(base=build_linear(), relabel=relabel),
                            n_splits=args.folds, on_prediction=keep if args.offsets else None,
                            progress=lambda done, total: print(f"fold {done}/{total} done", file=sys.stderr, flush=True))
    print(f"relabel: {', '.join(relabel) or '(none)'}; {report.folds}-fold CV by site")
    show(report.blocks, report.cleaning["model"])
    if args.offsets:
        print("with per-label offsets fitted on the other folds (cleaning F1 does not change):")
        show(with_offsets(rows, classes), report.cleaning["model"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
