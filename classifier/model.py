"""The block classifier: features, a linear model, and a second stage that reads it in context.

The ``linear`` model scores each block from its own words, shape and DOM, from its neighbours'
words and shape, and from where it sits relative to the document's body text.  The default,
``stacked``, adds a second model that re-decides content vs the rest, and headline and metadata,
from the linear model's probabilities of the block, of its neighbours and of the whole document
(:class:`StackedContext`).
The ``sequence`` variant instead smooths with forward-backward over label transitions
(boilerplate comes in runs), its strength and temperature fitted for calibrated probabilities.
"""

from __future__ import annotations

import itertools
import warnings
from functools import lru_cache

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import SGDClassifier
from sklearn.preprocessing import MaxAbsScaler
from sklearn.model_selection import GroupKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.utils.validation import check_is_fitted, validate_data
from threadpoolctl import ThreadpoolController

from .features import (
    BlockSample,
    HashedText,
    NeighbourText,
    ShapeFeatures,
    _check_samples,
    windows,
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


def build_model(variant: str = "stacked"):
    """The default model, or a named variant for comparison in ``classifier evaluate``."""
    if variant == "linear":
        return build_linear()
    if variant == "sequence":
        return SequenceSmoother(base=build_linear())
    if variant == "stacked":
        return StackedContext(base=build_linear())
    raise ValueError(f"unknown model variant {variant!r} (linear, sequence, stacked)")


def _check_fit_input(estimator, X, y):
    """The samples and labels of a second-stage ``fit``, checked, and its base estimator present."""
    X = _check_samples(X)
    y = np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} samples but y has {len(y)}")
    if estimator.base is None:
        raise ValueError(f"{type(estimator).__name__} needs a base estimator")
    return X, y


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
        X, y = _check_fit_input(self, X, y)
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


def _page_groups(samples) -> np.ndarray:
    """One group per page: documents with the same block texts (an HTML page and its text copy)."""
    ids: dict[tuple, int] = {}
    groups = np.empty(len(samples), dtype=np.int64)
    start = 0
    for end in _document_ends(samples):
        key = tuple(s.block.text for s in samples[start:end])
        groups[start:end] = ids.setdefault(key, len(ids))
        start = end
    return groups


def _window_means(values: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Means of ``values`` (n, ...) over the ``width`` rows before and after each row (0 if none)."""
    n = len(values)
    sums = np.concatenate([np.zeros((1,) + values.shape[1:]), np.cumsum(values, axis=0)])
    idx = np.arange(n)
    lo = np.maximum(idx - width, 0)
    hi = np.minimum(idx + width + 1, n)
    shape = (-1,) + (1,) * (values.ndim - 1)
    before = (sums[idx] - sums[lo]) / np.maximum(idx - lo, 1).reshape(shape)
    after = (sums[hi] - sums[idx + 1]) / np.maximum(hi - idx - 1, 1).reshape(shape)
    return before, after


def _document_context(proba: np.ndarray, lengths: np.ndarray, content: int, *, window: int,
                      high: float) -> np.ndarray:
    """Context features of one document's blocks from their first-stage probabilities.

    Per block: its log-probabilities and those of the ``window`` blocks on each side (zero, with an
    "outside the document" flag, past the ends); the mean P(content) over 2, 4, 8 and 16 blocks
    before and after; the mean probabilities of the 3 blocks before and after; its position; its
    distance in blocks and characters to the nearest likely-content block before and after;
    whether it lies between the first and last of them; the document's share of content; its
    length.
    """
    n, k = proba.shape
    logp = np.log(np.clip(proba, 1e-4, 1.0))
    columns = [logp]
    padded = np.vstack([np.zeros((window, k)), logp, np.zeros((window, k))])
    inside = np.concatenate([np.zeros(window), np.ones(n), np.zeros(window)])
    for offset in [*range(-window, 0), *range(1, window + 1)]:
        columns += [padded[window + offset:window + offset + n], inside[window + offset:window + offset + n, None]]
    p_content = proba[:, content]
    for width in (2, 4, 8, 16):
        before, after = _window_means(p_content, width)
        columns += [before[:, None], after[:, None]]
    columns += list(_window_means(proba, 3))
    idx = np.arange(n)
    chars = np.concatenate([[0.0], np.cumsum(lengths)])
    likely = np.flatnonzero(p_content >= high)
    if len(likely):
        before_pos = np.searchsorted(likely, idx)  # first likely block at or after idx
        prev = np.where(before_pos > 0, likely[np.maximum(before_pos - 1, 0)], -1)
        after_pos = np.searchsorted(likely, idx, side="right")
        nxt = np.where(after_pos < len(likely), likely[np.minimum(after_pos, len(likely) - 1)], -1)
        first, last = likely[0], likely[-1]
    else:
        prev = nxt = np.full(n, -1)
        first, last = n, -1
    has_prev, has_next = prev >= 0, nxt >= 0
    blocks_prev = np.where(has_prev, idx - prev, n + 1)
    blocks_next = np.where(has_next, nxt - idx, n + 1)
    chars_prev = np.where(has_prev, chars[idx] - chars[np.maximum(prev, 0) + 1], chars[-1])
    chars_next = np.where(has_next, chars[np.maximum(nxt, 0)] - chars[idx + 1], chars[-1])
    weighted = p_content * lengths
    content_chars = np.cumsum(weighted)
    columns.append(np.column_stack([
        idx / max(n - 1, 1), np.log1p(idx), np.log1p(n - 1 - idx), np.full(n, np.log1p(n)),
        np.log1p(blocks_prev), np.log1p(blocks_next), np.log1p(chars_prev), np.log1p(chars_next),
        has_prev, has_next, (idx >= first) & (idx <= last),
        np.full(n, p_content.mean()), np.full(n, np.mean(proba.argmax(axis=1) == content)),
        np.full(n, weighted.sum() / max(lengths.sum(), 1.0)),
        (content_chars - weighted) / max(content_chars[-1], 1e-9),
        np.log1p(lengths), lengths / max(lengths.max(), 1.0),
    ]))
    return np.hstack(columns)


#: Labels the second stage re-decides with trees of their own (besides content): the ones whose
#: place in the page says more than their words.  benchmarks/second_stage.py measured others.
RELABEL = ("headline", "metadata")


class StackedContext(ClassifierMixin, BaseEstimator):
    """Re-decide content (and headline, metadata) from the base model's probabilities in their context.

    The base model scores each block mostly from its own words and near neighbours.  A second,
    small model (gradient-boosted trees on ~170 dense features, see :func:`_document_context`)
    reads those probabilities for the block, its ``window`` neighbours on each side and the whole
    document -- where the body text lies, how far the block is from it, how much of the page is
    content -- and gives a new P(content).  The other labels keep the base model's proportions
    of what is left.  In 5-fold cross-validation by site (``classifier evaluate --variant
    stacked``, real pages) the cleaning F1 went from 0.958 to 0.966 on HTML and from 0.931 to
    0.951 on text, and macro-F1 rose by about a point; labelling costs about 30% more per block.

    Each label of ``relabel`` gets its own one-vs-rest trees on the same features, a new
    P(label) (scaled down where it and P(content) would add up to more than 1); the labels left
    keep the base model's proportions of the rest.  A headline or a byline is easy to place
    from its context (short, just before the body text) but hard from its words alone, above
    all in text files without a DOM: in the same cross-validation, headline F1 on text went
    from 0.20 to 0.45 and metadata from 0.33 to 0.51 (macro-F1 on text 0.504 -> 0.540, on
    HTML 0.626 -> 0.633), and the cleaning scores are unchanged, since P(content) is.  Labels of
    ``relabel`` absent from the training labels are skipped (``relabel_`` lists those used).
    Blocks to which the base model gives each of these labels less than ``relabel_min`` keep
    the base proportions for them: that is 88% of the blocks (menus, body text), and skipping
    them changed no score in the nested cross-validation by more than 0.001 while the trees
    run on an eighth of the rows.

    The second model is trained on out-of-fold base probabilities (``n_splits`` folds by page,
    or by ``groups`` given to ``fit``), never on the base model's in-sample ones, which are
    overconfident; the base model is then refitted on everything.

    Documents of fewer than ``min_blocks`` blocks have no layout to read.  They go to a third
    model, ``short_``: a clone of the base model fitted on crops of the training documents (at
    every size from 1 to ``min_blocks - 1`` blocks: the first blocks of each document and
    ``short_crops`` windows drawn at random), so that a two-line snippet is judged as two-line
    snippets are, not as a page whose every line sits "inside the body".  The base model, fitted
    on whole documents, kept almost everything in such snippets: on crops of 1-4 blocks of
    held-out sites (3 folds) its content F1 was 0.50 on HTML and 0.42 on text, 0.84 and 0.78 for
    the crop-fitted model; whole documents are not touched.  (Training the trees on such crops
    too, instead, taught them that a short document is boilerplate and cost 1.3 to 2.5 points of
    cleaning F1 on whole pages.)  With ``short_crops=0`` short documents keep the base model's
    probabilities.
    """

    def __init__(self, *, base=None, n_splits: int = 5, window: int = 4, high: float = 0.5, max_iter: int = 200,
                 learning_rate: float = 0.05, max_leaf_nodes: int = 15, min_samples_leaf: int = 100,
                 l2_regularization: float = 1.0, min_blocks: int = 5, relabel: tuple = RELABEL,
                 relabel_min: float = 0.01, short_crops: int = 12, random_state: int = RANDOM_STATE):
        self.base = base
        self.short_crops = short_crops
        self.relabel = relabel
        self.relabel_min = relabel_min
        self.min_blocks = min_blocks
        self.n_splits = n_splits
        self.window = window
        self.high = high
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.min_samples_leaf = min_samples_leaf
        self.l2_regularization = l2_regularization
        self.random_state = random_state

    def fit(self, X, y, groups=None):
        X, y = _check_fit_input(self, X, y)
        if (self.n_splits < 2 or self.window < 0 or not 0 < self.high < 1 or self.min_blocks < 0
                or not 0 <= self.relabel_min < 1 or self.short_crops < 0):
            raise ValueError("n_splits must be >= 2, window >= 0, high in (0, 1), min_blocks >= 0, "
                             "relabel_min in [0, 1) and short_crops >= 0")
        self.classes_ = np.unique(y)
        if "content" not in set(self.classes_):
            raise ValueError("StackedContext needs blocks labeled 'content'")
        self.content_index_ = int(np.flatnonzero(self.classes_ == "content")[0])
        relabel = [] if isinstance(self.relabel, str) else list(self.relabel)
        if (isinstance(self.relabel, str) or not all(isinstance(label, str) for label in relabel)
                or "content" in relabel or len(set(relabel)) != len(relabel)):
            raise ValueError(f"relabel must name distinct labels other than 'content', got {self.relabel!r}")
        self.relabel_ = tuple(label for label in relabel if label in set(self.classes_))
        self.relabel_index_ = np.array([int(np.flatnonzero(self.classes_ == label)[0]) for label in self.relabel_],
                                       dtype=np.int64)
        groups = _page_groups(X) if groups is None else np.asarray(groups)
        if len(groups) != len(X):
            raise ValueError(f"groups has {len(groups)} entries but X has {len(X)} samples")
        n_splits = min(self.n_splits, len(np.unique(groups)))
        if n_splits < 2:
            raise ValueError("StackedContext needs at least two pages (or groups) to train its second stage")
        with warnings.catch_warnings():
            # A fold may miss a rare label; its out-of-fold probability is then 0, which is right.
            warnings.filterwarnings("ignore", message="Number of classes in training fold", category=RuntimeWarning)
            oof = cross_val_predict(clone(self.base), X, y, groups=groups, cv=GroupKFold(n_splits=n_splits),
                                    method="predict_proba")
        self._fit_trees(X, y, oof)
        self.base_ = clone(self.base).fit(X, y)
        if list(self.base_.classes_) != list(self.classes_):
            raise ValueError("the base estimator must see every class")
        crops, crop_labels = self._crops(X, y)
        self.short_ = clone(self.base).fit(crops, crop_labels) if len(set(crop_labels)) > 1 else None
        return self

    def _fit_trees(self, X, y: np.ndarray, oof: np.ndarray) -> None:
        """Fit the content trees and those of ``relabel_`` on the context of out-of-fold base
        probabilities ``oof`` (also what benchmarks/stage2_cached.py calls on cached folds)."""
        context = self._context(X, oof, _document_ends(X))
        self.stage2_ = self._trees().fit(context, y == "content")
        self.relabel_stages_ = [self._trees().fit(context, y == label) for label in self.relabel_]

    def _crops(self, X, y) -> tuple[list[BlockSample], list]:
        """Windows of 1 to ``min_blocks - 1`` blocks of every document, each a document of its own:
        at each size the first window and ``short_crops`` drawn at random (fixed seed)."""
        if not self.short_crops:
            return [], []
        rng = np.random.default_rng(self.random_state)
        crops, labels = [], []
        ids = itertools.count()
        start = 0
        for end in _document_ends(X):
            for first, last in windows(end - start, range(1, self.min_blocks), self.short_crops, rng):
                doc = next(ids)
                for i, at in enumerate(range(start + first, start + last)):
                    crops.append(BlockSample(X[at].block, doc, i, last - first, X[at].kind))
                    labels.append(y[at])
            start = end
        return crops, labels

    def _trees(self) -> HistGradientBoostingClassifier:
        return HistGradientBoostingClassifier(
            max_iter=self.max_iter, learning_rate=self.learning_rate, max_leaf_nodes=self.max_leaf_nodes,
            min_samples_leaf=self.min_samples_leaf, l2_regularization=self.l2_regularization, early_stopping=False,
            random_state=self.random_state,
        )

    def _context(self, X, proba: np.ndarray, ends: list[int]) -> np.ndarray:
        lengths = np.fromiter((len(s.block.text) for s in X), dtype=float, count=len(X))
        parts = []
        start = 0
        for end in ends:
            part = _document_context(proba[start:end], lengths[start:end], self.content_index_, window=self.window,
                                     high=self.high)
            html = np.full((end - start, 1), float(X[start].kind == "html"))
            parts.append(np.hstack([part, html]))
            start = end
        # Column-major: each tree reads a few columns for every row, so the trees predict about
        # 3x faster than on rows of ~170 values each (which stream the whole matrix per tree).
        return np.asfortranarray(np.vstack(parts))

    def predict_proba(self, X) -> np.ndarray:
        check_is_fitted(self, "stage2_")
        X = _check_samples(X)
        if not X:
            return np.zeros((0, len(self.classes_)))
        ends = _document_ends(X)
        sizes = np.diff(ends, prepend=0)
        short = np.repeat(sizes < self.min_blocks, sizes)  # per sample: is its document short?
        if not short.any():
            return self._stacked_proba(X, ends)
        # Each document is labeled on its own, so the short and the other ones can part.
        out = np.empty((len(X), len(self.classes_)))
        out[short] = self._short_proba([x for x, s in zip(X, short) if s])
        if not short.all():
            rest = [x for x, s in zip(X, short) if not s]
            out[~short] = self._stacked_proba(rest, _document_ends(rest))
        return out

    def _stacked_proba(self, X, ends: list[int], proba: np.ndarray | None = None) -> np.ndarray:
        """The base model's probabilities (``proba``, if already computed) re-decided by the trees
        (documents of ``min_blocks``+ blocks)."""
        if proba is None:
            proba = self.base_.predict_proba(X)
        context = self._context(X, proba, ends)
        # A model saved before ``relabel`` existed re-decides content only.
        stages = getattr(self, "relabel_stages_", [])
        chosen_index = getattr(self, "relabel_index_", np.zeros(0, dtype=np.int64))
        need = (proba[:, chosen_index].max(axis=1) >= getattr(self, "relabel_min", 0.0) if stages
                else np.zeros(len(X), dtype=bool))
        with _openmp_threads().limit(limits=1, user_api="openmp"):
            content = _true_proba(self.stage2_, context)
            if need.any():
                rows = np.asfortranarray(context[need])
                chosen = np.column_stack([_true_proba(trees, rows) for trees in stages])
        # Every label but content keeps the base proportions of what P(content) leaves ...
        stacked = _relabelled(proba, content, np.zeros((len(X), 0)), self.content_index_, np.zeros(0, dtype=np.int64))
        if need.any():  # ... except the re-decided ones, where their trees ran
            stacked[need] = _relabelled(proba[need], content[need], chosen, self.content_index_, chosen_index)
        return stacked

    def _short_proba(self, X) -> np.ndarray:
        """Probabilities for the blocks of short documents: from ``short_`` (its classes placed in
        ``classes_``: a rare label may be missing from the crops), else from the base model."""
        model = getattr(self, "short_", None)  # a model saved before short_ existed has none
        if model is None:
            return self.base_.predict_proba(X)
        out = np.zeros((len(X), len(self.classes_)))
        out[:, np.searchsorted(self.classes_, model.classes_)] = model.predict_proba(X)
        return out

    def predict(self, X) -> np.ndarray:
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)] if len(proba) else np.array([], dtype=object)


def _relabelled(proba: np.ndarray, content: np.ndarray, chosen: np.ndarray, content_index: int,
                chosen_index: np.ndarray) -> np.ndarray:
    """Probabilities with P(content) and the re-decided labels' P(label) (``chosen``) set; those
    are scaled down where they would not fit beside P(content), and the labels left share what
    remains in the base model's proportions."""
    room = (1.0 - content)[:, None]  # what P(content) leaves for every other label
    others = np.setdiff1d(np.arange(proba.shape[1]), np.append(chosen_index, content_index))
    total = chosen.sum(axis=1, keepdims=True)
    # Scaled down where they would not fit beside P(content); scaled up when no label is left.
    scale = total > room if len(others) else np.ones_like(total, dtype=bool)
    chosen = np.where(scale, chosen * room / np.maximum(total, 1e-12), chosen)
    out = np.empty_like(proba)
    out[:, content_index] = content
    out[:, chosen_index] = chosen
    # np.delete, not proba[:, others]: the same values, summed bit for bit as before.
    rest = np.delete(proba, np.append(chosen_index, content_index), axis=1) + 1e-12  # base sure of content: uniform
    rest /= rest.sum(axis=1, keepdims=True)
    out[:, others] = rest * (room - chosen.sum(axis=1, keepdims=True))
    return out


def _true_proba(trees: HistGradientBoostingClassifier, X: np.ndarray) -> np.ndarray:
    """P(True) from binary trees."""
    return trees.predict_proba(X)[:, list(trees.classes_).index(True)]


@lru_cache(maxsize=None)
def _openmp_threads() -> ThreadpoolController:
    """The process's thread pools, found once.  The trees predict on one OpenMP thread: a worker
    forked after its parent ran a multi-threaded OpenMP region (a prediction, a fit) hangs in its
    own first one (libgomp is not fork-safe), and ``--jobs`` workers already use every core."""
    return ThreadpoolController()
