"""Blocks into feature matrices: text, shape, DOM, position and neighbour context.

Every transformer takes ``X`` as a list of :class:`BlockSample` in document order (the blocks of
one document are contiguous, as :func:`samples_from_documents` makes them), so the context
features can look at the neighbouring blocks of the same document.  They follow scikit-learn's
rules: ``__init__`` only stores keyword arguments, ``fit`` validates and returns ``self``, fitted
attributes end in ``_``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin, clone
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from .document import Document
from .shape import DOC_CONTEXT_SIZE, SHAPE_SIZE, doc_context, shape_matrix


@dataclass(frozen=True)
class BlockSample:
    """A block with its place in its document: what every feature sees."""

    block: Block
    doc: int  # index of the document within this call, to keep neighbours apart
    index: int  # position of the block in its document
    count: int  # number of blocks in the document
    kind: str  # "text" or "html"


def samples_from_documents(documents: list[Document]) -> list[BlockSample]:
    """Flatten documents into samples, keeping each document's blocks contiguous and in order."""
    return [
        BlockSample(block, d, i, len(doc.blocks), doc.kind)
        for d, doc in enumerate(documents)
        for i, block in enumerate(doc.blocks)
    ]


def neighbour_index(samples: list[BlockSample], offset: int) -> np.ndarray:
    """For each sample, the index of its neighbour at ``offset`` in the same document, or -1."""
    n = len(samples)
    docs = np.fromiter((s.doc for s in samples), dtype=np.int64, count=n)
    idx = np.arange(n) + offset
    valid = (idx >= 0) & (idx < n)
    out = np.full(n, -1, dtype=np.int64)
    out[valid] = idx[valid]
    same = np.zeros(n, dtype=bool)
    same[valid] = docs[idx[valid]] == docs[valid]
    out[~same] = -1
    return out


def _check_samples(X) -> list[BlockSample]:
    if not isinstance(X, (list, tuple)) or (len(X) and not isinstance(X[0], BlockSample)):
        raise TypeError("expected a list of BlockSample (see classifier.features.samples_from_documents)")
    return list(X)


def _text(sample: BlockSample) -> str:
    return sample.block.text


def _dom(sample: BlockSample) -> str:
    block = sample.block
    if not block.path:
        return "nodom"
    tags = block.path.split(">")
    parts = [f"t_{t}" for t in tags] + [f"last_{tags[-1]}"] + [f"a_{w}" for w in block.attrs.split()]
    return " ".join(parts)


_FIELDS = {"text": _text, "dom": _dom}


class HashedText(TransformerMixin, BaseEstimator):
    """Hashed word or character n-grams of a block field (``text`` or ``dom``).

    Hashing keeps the model small and its loading fast: there is no vocabulary to store.
    """

    def __init__(self, *, field: str = "text", analyzer: str = "word", ngram_range: tuple = (1, 2),
                 n_features: int = 2**16, weight: float = 1.0):
        self.field = field
        self.analyzer = analyzer
        self.ngram_range = ngram_range
        self.n_features = n_features
        self.weight = weight

    def _vectorizer(self) -> HashingVectorizer:
        return HashingVectorizer(
            analyzer=self.analyzer, ngram_range=tuple(self.ngram_range), n_features=self.n_features,
            alternate_sign=False, norm="l2", lowercase=True,
            token_pattern=r"(?u)\b\w+\b" if self.analyzer == "word" else None,
        )

    def fit(self, X, y=None):
        _check_samples(X)
        if self.field not in _FIELDS:
            raise ValueError(f"field must be one of {sorted(_FIELDS)}, got {self.field!r}")
        if self.analyzer not in ("word", "char", "char_wb"):
            raise ValueError(f"analyzer must be word, char or char_wb, got {self.analyzer!r}")
        self.vectorizer_ = self._vectorizer()
        return self

    def transform(self, X):
        check_is_fitted(self, "vectorizer_")
        samples = _check_samples(X)
        get = _FIELDS[self.field]
        # Pages repeat themselves ("Reply", "Share", one DOM context for a whole list): each
        # distinct value is hashed once.
        distinct: dict[str, int] = {}
        rows = np.fromiter((distinct.setdefault(get(s), len(distinct)) for s in samples), dtype=np.int64,
                           count=len(samples))
        matrix = self.vectorizer_.transform(list(distinct))[rows]
        return matrix * self.weight if self.weight != 1.0 else matrix


class NeighbourText(TransformerMixin, BaseEstimator):
    """Hashed words of the neighbouring blocks (``-window..+window``), tagged by side.

    Boilerplate comes in runs: "Once", "Monthly", "Annual" mean nothing alone but a lot after
    "Support The Moscow Times!".
    """

    def __init__(self, *, window: int = 2, n_features: int = 2**15, weight: float = 0.5):
        self.window = window
        self.n_features = n_features
        self.weight = weight

    def fit(self, X, y=None):
        _check_samples(X)
        if self.window < 1:
            raise ValueError(f"window must be >= 1, got {self.window}")
        self.vectorizer_ = HashingVectorizer(
            analyzer="word", n_features=self.n_features, alternate_sign=False, norm="l2",
            token_pattern=r"\S+", lowercase=False,
        )
        return self

    def transform(self, X):
        check_is_fitted(self, "vectorizer_")
        samples = _check_samples(X)
        # Hashing is linear: a block's neighbour vector is the sum of its neighbours' own word
        # counts (hashed once per block and side) plus the edge and tag markers, normalised.
        as_previous, as_next = [], []
        for s in samples:
            words = _WORD_TOKENS.findall(s.block.text.lower())[:40]
            as_previous.append(" ".join(["p_" + w for w in words]))
            as_next.append(" ".join(["n_" + w for w in words]))
        counter = clone(self.vectorizer_).set_params(norm=None)
        own = {"p": counter.transform(as_previous), "n": counter.transform(as_next)}
        tags = [s.block.tag if s.block.path else "" for s in samples]
        n = len(samples)
        markers = [[] for _ in samples]
        total = sp.csr_matrix((n, self.n_features))
        for offset in range(-self.window, self.window + 1):
            if offset == 0:
                continue
            side = "p" if offset < 0 else "n"
            edge = f"{side}{'1' if abs(offset) == 1 else '2'}_EDGE"
            index = neighbour_index(samples, offset)
            present = np.flatnonzero(index >= 0)
            pick = sp.csr_matrix((np.ones(len(present)), (present, index[present])), shape=(n, n))
            total = total + pick @ own[side]
            for i in np.flatnonzero(index < 0).tolist():
                markers[i].append(edge)
            if abs(offset) == 1:
                for i in present.tolist():
                    if tags[index[i]]:
                        markers[i].append(f"{side}_tag_{tags[index[i]]}")
        matrix = normalize(total + counter.transform([" ".join(m) for m in markers]))
        return matrix * self.weight if self.weight != 1.0 else matrix


_WORD_TOKENS = re.compile(r"\w+", re.UNICODE)


def _doc_slices(samples: list[BlockSample]):
    """Yield (start, end) of each document's run of samples."""
    start = 0
    for i in range(1, len(samples) + 1):
        if i == len(samples) or samples[i].doc != samples[start].doc:
            yield start, i
            start = i


class ShapeFeatures(TransformerMixin, BaseEstimator):
    """Shape, cue, DOM-tag and position features of each block and of its neighbours, plus
    where it sits relative to the document's body text (:func:`doc_context`)."""

    def __init__(self, *, window: int = 1):
        self.window = window

    def fit(self, X, y=None):
        _check_samples(X)
        if self.window < 0:
            raise ValueError(f"window must be >= 0, got {self.window}")
        self.n_features_out_ = SHAPE_SIZE * (1 + 2 * self.window) + 2 * self.window + DOC_CONTEXT_SIZE
        return self

    def transform(self, X):
        check_is_fitted(self, "n_features_out_")
        samples = _check_samples(X)
        n = len(samples)
        blocks = [s.block for s in samples]
        texts = [b.text for b in blocks]
        density = np.fromiter((b.link_density for b in blocks), dtype=np.float64, count=n)
        own, words = shape_matrix(
            texts, [b.path for b in blocks], density,
            np.fromiter((s.kind == "html" for s in samples), dtype=np.float64, count=n),
            np.fromiter((s.index for s in samples), dtype=np.float64, count=n),
            np.fromiter((s.count for s in samples), dtype=np.float64, count=n),
        )
        columns = [own]
        for offset in range(-self.window, self.window + 1):
            if offset == 0:
                continue
            idx = neighbour_index(samples, offset)
            present = (idx >= 0)[:, None]
            columns.append(np.where(present, own[np.maximum(idx, 0)], 0.0))
            columns.append((~present).astype(np.float64))
        context = np.zeros((n, DOC_CONTEXT_SIZE))
        chars = np.fromiter((len(t) for t in texts), dtype=np.float64, count=n)
        for start, end in _doc_slices(samples):
            keys = [b.path + "|" + b.attrs for b in blocks[start:end]]
            context[start:end] = doc_context(chars[start:end], words[start:end], density[start:end], keys,
                                             has_dom=bool(blocks[start].path))
        columns.append(context)
        return sp.csr_matrix(np.hstack(columns))
