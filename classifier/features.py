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
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize
from sklearn.utils import murmurhash3_32
from sklearn.utils.validation import check_is_fitted

from .document import Block, Document
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


def windows(n: int, sizes, per_size: int, rng: np.random.Generator) -> list[tuple[int, int]]:
    """(start, end) of windows of a document of ``n`` blocks: at every size of ``sizes`` up to
    ``n``, the first window and ``per_size`` drawn at random (a window drawn twice counts once).

    >>> windows(2, (1, 2, 3), 4, np.random.default_rng(0))
    [(0, 1), (1, 2), (0, 2)]
    """
    out = []
    for size in sizes:
        if size <= n:
            firsts = np.unique(np.append(rng.integers(0, n - size + 1, per_size), 0))
            out += [(first, first + size) for first in firsts.tolist()]
    return out


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


def _text_key(sample: BlockSample) -> str:
    return sample.block.text


def _dom_key(sample: BlockSample) -> tuple[str, str]:
    return sample.block.path, sample.block.attrs


def _dom(key: tuple[str, str]) -> str:
    path, attrs = key
    if not path:
        return "nodom"
    tags = path.split(">")
    parts = [f"t_{t}" for t in tags] + [f"last_{tags[-1]}"] + [f"a_{w}" for w in attrs.split()]
    return " ".join(parts)


#: Per field: what identifies a block's value (blocks with one key share one row), and how to
#: make the value from the key (None: the key is the value).
_FIELDS = {"text": (_text_key, None), "dom": (_dom_key, _dom)}


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
        key, value = _FIELDS[self.field]
        # Pages repeat themselves ("Reply", "Share", one DOM context for a whole list): each
        # distinct value is made and hashed once.
        distinct: dict = {}
        rows = np.fromiter((distinct.setdefault(key(s), len(distinct)) for s in samples), dtype=np.int64,
                           count=len(samples))
        values = list(distinct) if value is None else [value(k) for k in distinct]
        if self.analyzer == "word":
            # What the vectorizer computes, with each distinct n-gram hashed once (pinned bit for
            # bit against it in tests/test_features.py).
            low, high = self.ngram_range
            tokens = _TokenLists([_word_ngrams(_HASHED_WORDS.findall(v.lower()), low, high) for v in values])
            matrix = normalize(tokens.counts(self.n_features))[rows]
        else:
            matrix = self.vectorizer_.transform(values)[rows]
        return matrix * self.weight if self.weight != 1.0 else matrix


#: HashedText's word tokens (the vectorizer's ``token_pattern``).
_HASHED_WORDS = re.compile(r"(?u)\b\w+\b")


def _word_ngrams(tokens: list[str], low: int, high: int) -> list[str]:
    """The n-grams (``low`` to ``high`` words, joined by a space) scikit-learn's word analyzer
    makes of ``tokens``, in its order: the unigrams, then the bigrams, and so on."""
    if high == 1:
        return tokens
    out = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high, len(tokens)) + 1):
        # zip of the shifted lists gives each window without slicing per n-gram (2.5x faster)
        out.extend(map(" ".join, zip(*[tokens[i:] for i in range(n)])))
    return out


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
        n = len(samples)
        # Hashing is linear: a block's neighbour vector is the sum of its neighbours' own word
        # counts (one row per distinct text and side) plus the edge and tag markers, normalised.
        distinct: dict[str, int] = {}
        rows = np.fromiter((distinct.setdefault(s.block.text, len(distinct)) for s in samples), dtype=np.int64,
                           count=n)
        n_features = self.vectorizer_.n_features
        words = _TokenLists([_WORD_TOKENS.findall(text.lower())[:40] for text in distinct])
        own = {side: words.counts(n_features, side + "_") for side in ("p", "n")}
        offsets = [o for o in range(-self.window, self.window + 1) if o != 0]
        index = {o: neighbour_index(samples, o) for o in offsets}
        total = sp.csr_matrix((n, n_features))
        for offset in offsets:
            present = np.flatnonzero(index[offset] >= 0)
            pick = sp.csr_matrix((np.ones(len(present)), (present, rows[index[offset][present]])),
                                 shape=(n, len(distinct)))
            total = total + pick @ own["p" if offset < 0 else "n"]
        matrix = normalize(total + _markers(samples, index, n_features))
        return matrix * self.weight if self.weight != 1.0 else matrix


def _markers(samples: list[BlockSample], index: dict[int, np.ndarray], n_features: int) -> sp.csr_matrix:
    """Hashed counts of each block's markers: ``p1_EDGE``/``p2_EDGE`` (and ``n..``) for each
    neighbour slot past the document's edge, ``p_tag_<tag>``/``n_tag_<tag>`` for the DOM tag of
    the adjacent blocks."""
    tags: dict[str, int] = {}  # innermost tag -> id, in order of first use
    tag_of_path: dict[str, int] = {}
    tag_ids = np.fromiter((_tag_id(s.block.path, tag_of_path, tags) for s in samples), dtype=np.int64,
                          count=len(samples))
    tokens: dict[str, int] = {}
    rows, ids = [], []
    for offset, neighbours in index.items():
        side = "p" if offset < 0 else "n"
        absent = np.flatnonzero(neighbours < 0)
        edge = f"{side}{'1' if abs(offset) == 1 else '2'}_EDGE"
        rows.append(absent)
        ids.append(np.full(len(absent), tokens.setdefault(edge, len(tokens))))
        if abs(offset) == 1:
            present = np.flatnonzero(neighbours >= 0)
            tag = tag_ids[neighbours[present]]
            tagged = tag >= 0
            side_tags = np.array([tokens.setdefault(f"{side}_tag_{t}", len(tokens)) for t in tags], dtype=np.int64)
            rows.append(present[tagged])
            ids.append(side_tags[tag[tagged]])
    ids = np.concatenate(ids)
    columns = _hash_columns(tokens, n_features)
    markers = sp.csr_matrix((np.ones(len(ids)), (np.concatenate(rows), columns[ids])), shape=(len(samples), n_features))
    markers.sum_duplicates()
    return markers


def _tag_id(path: str, tag_of_path: dict[str, int], tags: dict[str, int]) -> int:
    """The id of the innermost tag of ``path`` (-1 for none: plain text), memoised per path."""
    tag = tag_of_path.get(path)
    if tag is None:
        name = path.rsplit(">", 1)[-1]
        tag = tag_of_path[path] = tags.setdefault(name, len(tags)) if name else -1
    return tag


def _hash_columns(tokens, n_features: int) -> np.ndarray:
    """The column a HashingVectorizer (``alternate_sign=False``) gives each token.

    That is FeatureHasher's rule: the absolute value of the signed 32-bit MurmurHash3 (seed 0)
    of the token's UTF-8 bytes, modulo ``n_features`` (tests/test_features.py checks they agree).
    Called once per distinct token, it is ten times faster than the hasher's per-document loop.
    """
    return np.fromiter((abs(murmurhash3_32(t, 0)) % n_features for t in tokens), dtype=np.int64, count=len(tokens))


class _TokenLists:
    """Documents as lists of tokens, each distinct token kept once for hashing."""

    def __init__(self, token_lists: list[list[str]]):
        flat = [t for tokens in token_lists for t in tokens]
        self.vocabulary = list(dict.fromkeys(flat))
        index = dict(zip(self.vocabulary, range(len(self.vocabulary))))
        self.ids = np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=len(flat))
        self.indptr = np.concatenate(([0], np.cumsum([len(t) for t in token_lists], dtype=np.int64)))

    def counts(self, n_features: int, prefix: str = "") -> sp.csr_matrix:
        """The hashed counts of ``prefix + token`` in each document: what a HashingVectorizer
        (``alternate_sign=False, norm=None``) gives for documents it analyses into these tokens."""
        vocabulary = [prefix + t for t in self.vocabulary] if prefix else self.vocabulary
        columns = _hash_columns(vocabulary, n_features)
        # As FeatureHasher builds it: entries in token order, then duplicates summed (and sorted).
        counts = sp.csr_matrix((np.ones(len(self.ids)), columns[self.ids], self.indptr),
                               shape=(len(self.indptr) - 1, n_features))
        counts.sum_duplicates()
        return counts


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
        return _csr(np.hstack(columns))


def _csr(dense: np.ndarray) -> sp.csr_matrix:
    """``sp.csr_matrix(dense)`` (same arrays), built from the non-zero mask in one pass instead
    of through scipy's COO conversion: twice as fast on the wide shape matrix."""
    mask = dense != 0
    indptr = np.concatenate(([0], np.cumsum(mask.sum(axis=1))))
    return sp.csr_matrix((dense[mask], np.nonzero(mask)[1], indptr), shape=dense.shape)
