"""What do some labeled documents add?  Cross-validation without them, then with them, same folds.

Run::

    cd /work/main && .venv/bin/python benchmarks/added_documents.py --added 'written-2[5-9]-*,written-3[0-2]-*'

Adding documents of new sites reshuffles ``GroupKFold``'s folds, so the figures of two
``classifier evaluate`` runs move with the folds as much as with the data.  Here the first run
is the grouped cross-validation of the corpus without the chosen documents; in the second they
join every fold's training set and are never held out (``cross_validate(train_only=...)``), so
the other documents are scored on the same folds.  Two cross-validation runs, about 40 minutes
in all on 2 cores with the stacked model.  Prints the cleaning F1, content-vs-rest
F1 and macro-F1 per group of both runs; numbers, not pass/fail.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
import time

from classifier.cli import _quiet_convergence
from classifier.corpus import Corpus, load_corpus
from classifier.evaluate import cross_validate
from classifier.model import build_model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", default="labels")
    parser.add_argument("--added", required=True, help="comma-separated document ids or shell patterns")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--variant", default="stacked")
    args = parser.parse_args(argv)
    _quiet_convergence()
    corpus = load_corpus(args.labels)
    patterns = args.added.split(",")
    added = frozenset(d.id for d in corpus.documents if any(fnmatch.fnmatchcase(d.id, p) for p in patterns))
    if not added:
        parser.error(f"no document id matches {args.added!r}")
    print(f"{len(added)} added documents: {', '.join(sorted(added))}", flush=True)
    without = Corpus(corpus.root, [d for d in corpus.documents if d.id not in added])
    rows = {}
    for name, kwargs in (("without", {"corpus": without}), ("with", {"corpus": corpus, "train_only": added})):
        started = time.perf_counter()
        report = cross_validate(build=lambda: build_model(args.variant), n_splits=args.folds, **kwargs).to_dict()
        rows[name] = report
        print(f"{name}: {time.perf_counter() - started:.0f} s", flush=True)
    print(f"\n{'group':<16} {'run':<8} {'cleaning F1':>11} {'content F1':>10} {'macro-F1':>8}")
    for group in sorted(rows["without"]["cleaning"]["model"]):
        for name, report in rows.items():
            cleaning = report["cleaning"]["model"][group]["f1"]
            blocks = report["blocks"][group]
            print(f"{group:<16} {name:<8} {cleaning:>11.4f} {blocks['content_f1']:>10.4f} {blocks['macro_f1']:>8.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
