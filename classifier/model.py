"""The block classifier: a scikit-learn pipeline of features, a linear model and a context stacker.

Stage 1 (``features`` + ``linear``) scores each block from its own text, shape and DOM and from
its neighbours' words.  Stage 2 (:class:`ContextStacker`) re-labels each block from the stage-1
probabilities of the blocks around it and of its whole document, learned on out-of-fold
probabilities so it sees the errors stage 1 makes on unseen pages.  Boilerplate comes in runs;
stage 2 is what turns that into accuracy.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.preprocessing import MaxAbsScaler, StandardScaler
from sklearn.model_selection import GroupKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.utils.validation import check_is_fitted

from .features import (
    HashedText,
    NeighbourText,
    ShapeFeatures,
    _check_samples,
    neighbour_index,
)

#: Fixed seed for everything random in training.
RANDOM_STATE = 0


def build_features() -> FeatureUnion:
    """The feature union (named steps, so ``features__words__n_features`` works in a search)."""
    return FeatureUnion(
        [
            ("words", HashedText(field="text", analyzer="word", ngram_range=(1, 2), n_features=2**16)),
            ("chars", HashedText(field="text", analyzer="char_wb", ngram_range=(2, 4), n_features=2**16, weight=0.7)),
            ("dom", HashedText(field="dom", analyzer="word", ngram_range=(1, 1), n_features=2**13, weight=0.7)),
            ("near_words", NeighbourText(window=2, n_features=2**14, weight=0.5)),
            ("shape", Pipeline([("values", ShapeFeatures(window=1)), ("scale", MaxAbsScaler())])),
        ]
    )


def build_linear(alpha: float = 1e-5) -> Pipeline:
    """Features and a linear model trained with log loss (so it has probabilities)."""
    return Pipeline(
        [
            ("features", build_features()),
            ("linear", SGDClassifier(loss="log_loss", alpha=alpha, max_iter=30, tol=1e-4, random_state=RANDOM_STATE)),
        ]
    )


def build_model(variant: str = "linear"):
    """The default model, or a named variant for comparison in ``classifier evaluate``."""
    if variant == "linear":
        return build_linear()
    if variant == "stacked":
        return ContextStacker(
            base=build_linear(),
            final=Pipeline([("scale", StandardScaler()), ("linear", LogisticRegression(C=1.0, max_iter=500))]),
            window=3,
            n_splits=3,
        )
    raise ValueError(f"unknown model variant {variant!r} (linear, stacked)")


class ContextStacker(ClassifierMixin, BaseEstimator):
    """Relabel each block from the base model's probabilities of its neighbours and document.

    ``X`` is a list of :class:`~classifier.features.BlockSample` with each document contiguous.
    """

    def __init__(self, *, base=None, final=None, window: int = 3, n_splits: int = 4):
        self.base = base
        self.final = final
        self.window = window
        self.n_splits = n_splits

    def _stack(self, X, proba: np.ndarray) -> np.ndarray:
        samples = X
        columns = [proba]
        for offset in range(-self.window, self.window + 1):
            if offset == 0:
                continue
            idx = neighbour_index(samples, offset)
            present = idx >= 0
            near = np.where(present[:, None], proba[np.maximum(idx, 0)], 0.0)
            columns.append(near)
            columns.append((~present).astype(float)[:, None])
        docs = np.fromiter((s.doc for s in samples), dtype=np.int64, count=len(samples))
        _, inverse = np.unique(docs, return_inverse=True)
        sums = np.zeros((inverse.max() + 1 if len(inverse) else 0, proba.shape[1]))
        np.add.at(sums, inverse, proba)
        counts = np.bincount(inverse).astype(float)[:, None]
        columns.append(sums[inverse] / counts[inverse])
        columns.append(self.shape_.transform(samples).toarray())
        return np.hstack(columns)

    def fit(self, X, y):
        X = _check_samples(X)
        y = np.asarray(y)
        if len(X) != len(y):
            raise ValueError(f"X has {len(X)} samples but y has {len(y)}")
        if self.base is None or self.final is None:
            raise ValueError("ContextStacker needs a base and a final estimator")
        if self.window < 0 or self.n_splits < 2:
            raise ValueError("window must be >= 0 and n_splits >= 2")
        groups = np.fromiter((s.doc for s in X), dtype=np.int64, count=len(X))
        self.classes_ = np.unique(y)
        n_groups = len(np.unique(groups))
        cv = GroupKFold(n_splits=min(self.n_splits, n_groups))
        oof = cross_val_predict(clone(self.base), X, y, groups=groups, cv=cv, method="predict_proba")
        self.base_ = clone(self.base).fit(X, y)
        self.shape_ = ShapeFeatures(window=1).fit(X)
        self.final_ = clone(self.final).fit(self._stack(X, oof), y)
        return self

    def predict_proba(self, X) -> np.ndarray:
        check_is_fitted(self, "final_")
        X = _check_samples(X)
        if not X:
            return np.zeros((0, len(self.classes_)))
        proba = self.base_.predict_proba(X)
        return self.final_.predict_proba(self._stack(X, proba))

    def predict(self, X) -> np.ndarray:
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)] if len(proba) else np.array([], dtype=object)
