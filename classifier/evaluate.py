"""Grouped cross-validation of the block classifier, with baselines on the same folds.

No site is ever on both sides of a split (``GroupKFold`` on the site of each document).  Every
number is reported for real and written documents apart, and for HTML input and text input
apart (text input = the real text files, plus every HTML page stripped to its text lines).

Snippets are scored too: windows of 1 to 4 consecutive blocks cut from each held-out document
(its first blocks and :data:`SNIPPETS_PER_SIZE` windows at random, fixed seed), each labeled as
a document of its own, as when a user passes a few lines.  Their block scores are reported under
the group name with ``" snippets"`` appended.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support
from sklearn.model_selection import GroupKFold

from .clean import DEFAULT_THRESHOLD, keep_flags
from .corpus import Corpus
from .document import ClassifierError, Document
from .features import samples_from_documents, windows
from .labels import LABEL_NAMES, Label
from .shingles import shingles as word_shingles
from .training import as_document, training_set

_C4_END = re.compile(r"[.!?\"”’'。！？]$")
SHINGLE = 4
#: Snippet sizes (blocks) and random windows per size and document view.
SNIPPET_SIZES = (1, 2, 3, 4)
SNIPPETS_PER_SIZE = 10


def shingles(texts: list[str], n: int = SHINGLE) -> set[tuple[str, ...]]:
    """Word 4-gram shingles of each text, the unit of the cleaning score."""
    return word_shingles(texts, n)


def cleaning_scores(kept: list[str], gold: list[str]) -> tuple[float, float]:
    """Precision and recall of the kept text against the gold content, on word shingles.

    Keeping nothing has precision 1; a document without content has recall 1.

    >>> cleaning_scores(["a b c d e"], ["a b c d e", "f g h i"])
    (1.0, 0.6666666666666666)
    """
    k, g = shingles(kept), shingles(gold)
    common = len(k & g)
    precision = common / len(k) if k else 1.0
    recall = common / len(g) if g else 1.0
    return precision, recall


def c4_keep(text: str) -> bool:
    """The C4-style line filter: keep lines that end in terminal punctuation and have >= 5 words."""
    return len(text.split()) >= 5 and bool(_C4_END.search(text.strip()))


@dataclass
class CleaningTally:
    """Per-document cleaning precision and recall, averaged."""

    precisions: list[float] = field(default_factory=list)
    recalls: list[float] = field(default_factory=list)

    def add(self, precision: float, recall: float) -> None:
        self.precisions.append(precision)
        self.recalls.append(recall)

    def summary(self) -> dict:
        if not self.precisions:
            return {"documents": 0}
        p, r = float(np.mean(self.precisions)), float(np.mean(self.recalls))
        return {"documents": len(self.precisions), "precision": p, "recall": r,
                "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _keep_mask(proba: np.ndarray, classes: np.ndarray, keep: frozenset[str], threshold: float,
               fallback: bool = True) -> np.ndarray:
    """The blocks ``classifier clean`` keeps (:func:`classifier.clean.keep_flags`)."""
    columns = [i for i, c in enumerate(classes) if c in keep]
    return np.array(keep_flags(proba, columns, threshold, fallback=fallback), dtype=bool)


@dataclass
class Evaluation:
    """Everything ``classifier evaluate`` prints."""

    folds: int
    threshold: float
    blocks: dict  # input kind -> per-label metrics, macro F1, content-vs-rest F1, confusion
    cleaning: dict  # "model"/"keep_all"/"c4" -> group -> summary
    fallback: bool = True  # whether a document where no block reached the threshold kept its likeliest

    def to_dict(self) -> dict:
        return {"folds": self.folds, "threshold": self.threshold, "fallback": self.fallback, "blocks": self.blocks,
                "cleaning": self.cleaning}


def _block_metrics(y_true: list[str], y_pred: list[str]) -> dict:
    labels = [name for name in LABEL_NAMES if name in set(y_true) | set(y_pred)]
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    present = [name for name in labels if name in set(y_true)]
    return {
        "blocks": len(y_true),
        "per_label": {name: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
                      for i, name in enumerate(labels)},
        "macro_f1": float(f1_score(y_true, y_pred, labels=present, average="macro", zero_division=0)),
        "content_f1": float(f1_score([y == "content" for y in y_true], [y == "content" for y in y_pred], zero_division=0)),
        "labels": labels,
        "confusion": confusion_matrix(y_true, y_pred, labels=labels).tolist(),
    }


def check_cv_options(n_splits: int | None = None, threshold: float | None = None) -> None:
    """Refuse fewer than 2 folds or a threshold outside 0..1 (nan too); ``None`` is not checked."""
    if n_splits is not None and n_splits < 2:
        raise ClassifierError(f"cross-validation needs at least 2 folds (got {n_splits})")
    if threshold is not None and not 0.0 <= threshold <= 1.0:  # also refuses nan
        raise ClassifierError(f"threshold must be between 0 and 1 (got {threshold})")


def cross_validate(corpus: Corpus, build: Callable, *, n_splits: int = 5, threshold: float = DEFAULT_THRESHOLD,
                   keep: frozenset[str] = frozenset({Label.CONTENT.value}), progress: Callable | None = None,
                   on_prediction: Callable | None = None, train_only: frozenset[str] = frozenset(),
                   fallback: bool = True) -> Evaluation:
    """Grouped-by-site cross-validation of ``build()`` with the keep-all and C4 baselines.

    ``on_prediction(fold, doc, input_kind, proba, classes)``, if given, sees every held-out
    document's probabilities (whole documents, not snippets): for experiments on top of them.
    Documents whose id is in ``train_only`` are never held out: the folds are those of the
    corpus without them, and they join every fold's training set (what do they add?).
    The cleaning score keeps what ``classifier clean`` keeps, ``fallback`` included."""
    check_cv_options(n_splits, threshold)
    docs = [d for d in corpus.documents if d.id not in train_only]
    extra = [d for d in corpus.documents if d.id in train_only]
    sites = sorted({d.site for d in docs})
    if len(sites) < 2:
        raise ClassifierError(f"cross-validation grouped by site needs documents from at least 2 sites "
                              f"(found {len(sites)}); add labeled pages of other sites, or train with --no-evaluate")
    groups = np.array([sites.index(d.site) for d in docs])
    splitter = GroupKFold(n_splits=min(n_splits, len(sites)))
    true: dict[str, list[str]] = {}
    pred: dict[str, list[str]] = {}
    cleaning: dict[str, dict[str, CleaningTally]] = {m: {} for m in ("model", "keep_all", "c4")}

    def tally(method: str, group: str) -> CleaningTally:
        return cleaning[method].setdefault(group, CleaningTally())

    rng = np.random.default_rng(0)
    for fold, (train_idx, test_idx) in enumerate(splitter.split(docs, groups=groups)):
        documents, labels = training_set([docs[i] for i in train_idx] + extra)
        model = build().fit(samples_from_documents(documents), labels)
        for i in test_idx:
            doc = docs[i]
            views = [("html", as_document(doc))] if doc.kind == "html" else []
            views.append(("text", as_document(doc, text_only=True)))
            gold_labels = [label.value for label in doc.labels]
            gold = [b.text for b, label in zip(doc.blocks, gold_labels) if label in keep]
            for input_kind, document in views:
                proba = model.predict_proba(samples_from_documents([document]))
                if on_prediction:
                    on_prediction(fold, doc, input_kind, proba, model.classes_)
                predicted = model.classes_[np.argmax(proba, axis=1)]
                group = f"{doc.info.authorship}/{input_kind}"
                true.setdefault(group, []).extend(gold_labels)
                pred.setdefault(group, []).extend(predicted.tolist())
                kept_mask = _keep_mask(proba, model.classes_, keep, threshold, fallback)
                texts = [b.text for b in doc.blocks]
                tally("model", group).add(*cleaning_scores([t for t, k in zip(texts, kept_mask) if k], gold))
                tally("keep_all", group).add(*cleaning_scores(texts, gold))
                tally("c4", group).add(*cleaning_scores([t for t in texts if c4_keep(t)], gold))
                cuts = windows(len(document.blocks), SNIPPET_SIZES, SNIPPETS_PER_SIZE, rng)
                snippet_docs = [Document(blocks=document.blocks[a:b], kind=document.kind) for a, b in cuts]
                proba = model.predict_proba(samples_from_documents(snippet_docs))
                true.setdefault(f"{group} snippets", []).extend(label for a, b in cuts for label in gold_labels[a:b])
                pred.setdefault(f"{group} snippets", []).extend(model.classes_[np.argmax(proba, axis=1)].tolist())
        if progress:
            progress(fold + 1, splitter.get_n_splits())
    blocks = {group: _block_metrics(true[group], pred[group]) for group in sorted(true)}
    summaries = {method: {group: t.summary() for group, t in sorted(groups_.items())} for method, groups_ in cleaning.items()}
    return Evaluation(folds=splitter.get_n_splits(), threshold=threshold, blocks=blocks, cleaning=summaries,
                      fallback=fallback)
