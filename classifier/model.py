"""The block classifier: features, a linear model, and an optional sequence smoother.

The default (``linear``) scores each block from its own words, characters, shape and DOM, from
its neighbours' words and shape, and from where it sits relative to the document's body text.
The ``sequence`` variant adds forward-backward smoothing over label transitions (boilerplate
comes in runs), with its strength and temperature fitted for calibrated probabilities.
"""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import SGDClassifier
from sklearn.preprocessing import MaxAbsScaler
from sklearn.model_selection import GroupKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.utils.validation import check_is_fitted, validate_data

from .features import (
    HashedText,
    NeighbourText,
    ShapeFeatures,
    _check_samples,
)

#: Fixed seed for everything random in training.
RANDOM_STATE = 0


def build_features() -> FeatureUnion:
    """The feature union (named steps, so ``features__words__n_features`` works in a search).

    No character n-grams: in grouped cross-validation they added nothing to the cleaning score
    (within the spread between random seeds) and cost 40% of the labelling time.  The shape
    and context features carry twice the weight of one hashed-text group: they are what
    generalises across sites.
    """
    return FeatureUnion(
        [
            ("words", HashedText(field="text", analyzer="word", ngram_range=(1, 2), n_features=2**16)),
            ("dom", HashedText(field="dom", analyzer="word", ngram_range=(1, 1), n_features=2**13, weight=0.7)),
            ("near_words", NeighbourText(window=3, n_features=2**14, weight=0.5)),
            ("shape", Pipeline([("values", ShapeFeatures(window=1)), ("scale", MaxAbsScaler())])),
        ],
        transformer_weights={"shape": 2.0},
    )


class AveragedSGD(ClassifierMixin, BaseEstimator):
    """Logistic regression by SGD, averaged over several random seeds.

    One SGD run's cleaning score moves by about a point with its seed; the mean of the weights
    of ``n_seeds`` runs (itself one linear model, so predicting costs the same) is steadier and
    a little better.  Deterministic: the seeds are ``random_state .. random_state + n_seeds - 1``.
    """

    def __init__(self, *, alpha: float = 1e-5, max_iter: int = 30, tol: float = 1e-4, n_seeds: int = 5,
                 random_state: int = RANDOM_STATE):
        self.alpha = alpha
        self.max_iter = max_iter
        self.tol = tol
        self.n_seeds = n_seeds
        self.random_state = random_state

    def fit(self, X, y):
        X, y = validate_data(self, X, y, accept_sparse="csr")
        if self.n_seeds < 1:
            raise ValueError(f"n_seeds must be >= 1, got {self.n_seeds}")
        runs = []
        with warnings.catch_warnings():
            # A capped number of passes is the regularisation chosen here, not a failure.
            warnings.simplefilter("ignore", ConvergenceWarning)
            for seed in range(self.random_state, self.random_state + self.n_seeds):
                runs.append(SGDClassifier(loss="log_loss", alpha=self.alpha, max_iter=self.max_iter, tol=self.tol,
                                          random_state=seed).fit(X, y))
        self.linear_ = runs[0]
        self.linear_.coef_ = np.mean([r.coef_ for r in runs], axis=0)
        self.linear_.intercept_ = np.mean([r.intercept_ for r in runs], axis=0)
        self.classes_ = self.linear_.classes_
        self.n_iter_ = max(r.n_iter_ for r in runs)
        return self

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags

    def decision_function(self, X):
        check_is_fitted(self, "linear_")
        return self.linear_.decision_function(validate_data(self, X, accept_sparse="csr", reset=False))

    def predict_proba(self, X):
        check_is_fitted(self, "linear_")
        return self.linear_.predict_proba(validate_data(self, X, accept_sparse="csr", reset=False))

    def predict(self, X):
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]


def build_linear(alpha: float = 1e-5) -> Pipeline:
    """Features and a linear model trained with log loss (so it has probabilities)."""
    return Pipeline([("features", build_features()), ("linear", AveragedSGD(alpha=alpha))])


def build_model(variant: str = "linear"):
    """The default model, or a named variant for comparison in ``classifier evaluate``."""
    if variant == "linear":
        return build_linear()
    if variant == "sequence":
        return SequenceSmoother(base=build_linear())
    raise ValueError(f"unknown model variant {variant!r} (linear, sequence)")


def _logsumexp(a: np.ndarray, axis: int) -> np.ndarray:
    peak = a.max(axis=axis, keepdims=True)
    return (peak + np.log(np.exp(a - peak).sum(axis=axis, keepdims=True))).squeeze(axis)


class SequenceSmoother(ClassifierMixin, BaseEstimator):
    """Smooth the base model's block probabilities along the document with label transitions.

    A hybrid HMM: the base model's (tempered) probabilities act as emission scores, and
    transition probabilities between consecutive labels (counted in the labeled documents) tie
    each block to its neighbours.  Forward-backward gives every block a posterior that uses the
    whole document: "Monthly" after "Support The Moscow Times!" is a donation choice, the same
    word inside a run of paragraphs is not.

    The transition weight and the temperature are chosen in ``fit`` to minimise the log loss of
    the smoothed posteriors on out-of-fold base probabilities (folds by document), so the
    probabilities are calibrated and a threshold means what it says.
    """

    def __init__(self, *, base=None, transition_weights: tuple = (0.3, 0.5, 0.8),
                 temperatures: tuple = (0.6, 0.8, 1.0, 1.3), n_splits: int = 3, smoothing: float = 1.0):
        self.base = base
        self.transition_weights = transition_weights
        self.temperatures = temperatures
        self.n_splits = n_splits
        self.smoothing = smoothing

    def fit(self, X, y):
        X = _check_samples(X)
        y = np.asarray(y)
        if len(X) != len(y):
            raise ValueError(f"X has {len(X)} samples but y has {len(y)}")
        if self.base is None:
            raise ValueError("SequenceSmoother needs a base estimator")
        if self.smoothing <= 0 or not self.transition_weights or not self.temperatures:
            raise ValueError("smoothing must be > 0 and the weight and temperature grids non-empty")
        if min(self.temperatures) <= 0 or min(self.transition_weights) < 0 or self.n_splits < 2:
            raise ValueError("temperatures must be > 0, transition weights >= 0, n_splits >= 2")
        self.classes_ = np.unique(y)
        index = {c: i for i, c in enumerate(self.classes_)}
        k = len(self.classes_)
        transitions = np.full((k, k), float(self.smoothing))
        starts = np.full(k, float(self.smoothing))
        for i, sample in enumerate(X):
            if i == 0 or X[i - 1].doc != sample.doc:
                starts[index[y[i]]] += 1
            else:
                transitions[index[y[i - 1]], index[y[i]]] += 1
        self.log_transitions_ = np.log(transitions / transitions.sum(axis=1, keepdims=True))
        self.log_starts_ = np.log(starts / starts.sum())
        groups = np.fromiter((s.doc for s in X), dtype=np.int64, count=len(X))
        n_splits = min(self.n_splits, len(np.unique(groups)))
        if n_splits >= 2:
            oof = cross_val_predict(clone(self.base), X, y, groups=groups, cv=GroupKFold(n_splits=n_splits),
                                    method="predict_proba")
            target = np.array([index[v] for v in y])
            best = None
            for weight in self.transition_weights:
                for temperature in self.temperatures:
                    posterior = self._smooth(X, oof, weight, temperature)
                    loss = -np.mean(np.log(np.clip(posterior[np.arange(len(y)), target], 1e-12, 1.0)))
                    if best is None or loss < best[0] - 1e-12:
                        best = (loss, weight, temperature)
            _, self.transition_weight_, self.temperature_ = best
        else:
            self.transition_weight_, self.temperature_ = self.transition_weights[0], 1.0
        self.base_ = clone(self.base).fit(X, y)
        if list(self.base_.classes_) != list(self.classes_):
            raise ValueError("the base estimator must see every class")
        return self

    def _smooth(self, X, proba: np.ndarray, weight: float, temperature: float) -> np.ndarray:
        emissions = np.log(np.clip(proba, 1e-9, 1.0)) / temperature
        trans = weight * self.log_transitions_
        starts = weight * self.log_starts_
        out = np.empty_like(proba)
        start = 0
        for end in _document_ends(X):
            out[start:end] = _forward_backward(emissions[start:end], trans, starts)
            start = end
        return out

    def predict_proba(self, X) -> np.ndarray:
        check_is_fitted(self, "base_")
        X = _check_samples(X)
        if not X:
            return np.zeros((0, len(self.classes_)))
        return self._smooth(X, self.base_.predict_proba(X), self.transition_weight_, self.temperature_)

    def predict(self, X) -> np.ndarray:
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)] if len(proba) else np.array([], dtype=object)


def _forward_backward(emissions: np.ndarray, trans: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Posterior label marginals of one document (log-space forward-backward)."""
    n, k = emissions.shape
    alpha = np.empty((n, k))
    beta = np.zeros((n, k))
    alpha[0] = starts + emissions[0]
    for t in range(1, n):
        alpha[t] = emissions[t] + _logsumexp(alpha[t - 1][:, None] + trans, axis=0)
    for t in range(n - 2, -1, -1):
        beta[t] = _logsumexp(trans + (emissions[t + 1] + beta[t + 1])[None, :], axis=1)
    log_post = alpha + beta
    log_post -= _logsumexp(log_post, axis=1)[:, None]
    return np.exp(log_post)


def _document_ends(samples) -> list[int]:
    ends = [i for i in range(1, len(samples)) if samples[i].doc != samples[i - 1].doc]
    return ends + [len(samples)]
