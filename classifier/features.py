"""Blocks into feature matrices: text, shape, DOM, position and neighbour context.

Every transformer takes ``X`` as a list of :class:`BlockSample` in document order (the blocks of
one document are contiguous, as :func:`samples_from_documents` makes them), so the context
features can look at the neighbouring blocks of the same document.  They follow scikit-learn's
rules: ``__init__`` only stores keyword arguments, ``fit`` validates and returns ``self``, fitted
attributes end in ``_``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils.validation import check_is_fitted

from .document import Block, Document


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


# Words that often mark one kind of boilerplate (several languages); a cue, not a rule.
BOILERPLATE_CUES: dict[str, str] = {
    "donation": r"donat|support (us|our|independent|the)|contribut|become a (member|supporter|patron)|membership|chip in|fundrais|spende|don(ner|ez)|apoya|doa[çc]",
    "subscription": r"newsletter|subscri|sign (up|in)|log ?in|register|inbox|e-?mail address|download (the|our) app|paywall|free articles?|abonn|suscr|anmelden|inscr",
    "comments": r"comment|repl(y|ies)|discussion|conversation|disqus|posted by|kommentar|comentar|commentaire",
    "legal": r"©|\(c\)|copyright|all rights reserved|cookie|privacy|terms (of|and)|disclaimer|gdpr|datenschutz|impressum|mentions l[ée]gales|aviso legal",
    "advertising": r"^(ad|ads)$|advert|sponsor|promot|affiliate|partner content|paid (post|content)|anzeige|publicit|werbung|anuncio",
    "navigation": r"^(home|menu|search|next|previous|prev|back|more|share|tweet|email|print|close|skip)\b|read more|related|see also|most (popular|read|viewed)|trending|latest|tags?:|follow us|share (on|this)|top stories|recommended|you may also like",
    "caption": r"photo(graph)?:|image:|credit:|\(photo|getty images|shutterstock|reuters/|afp/|ap photo|/ ?(afp|ap|reuters|getty)\b|file photo|pictured",
    "metadata": r"^by\s|published|updated|posted|min(ute)?s? read|\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(a\.m\.|p\.m\.|am|pm|gmt|utc|est|edt)\b|staff writer|correspondent",
    "publisher": r"about us|contact us|our mission|is a (reporter|writer|journalist|correspondent|editor)|follow (him|her) on|covers? |digital news|news (portal|desk)|editorial team",
}
_CUES = [re.compile(pattern, re.I) for pattern in BOILERPLATE_CUES.values()]
_URL = re.compile(r"https?://|www\.|\.com\b|\.org\b", re.I)
_DATEISH = re.compile(r"\b(19|20)\d\d\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{8}\b")
_TIME = re.compile(r"\b\d{1,2}:\d\d\b")
_TERMINAL = frozenset('.!?"”’\')»。！？')
_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "td", "th", "figcaption", "blockquote", "div", "dd", "dt", "pre", "span", "caption", "legend")
_CONTAINERS = ("article", "main", "nav", "header", "footer", "aside", "form", "figure", "ul", "ol", "table", "section", "blockquote")


def shape_vector(sample: BlockSample) -> list[float]:
    """Dense description of one block: length, case, punctuation, cues, DOM tags, position."""
    block = sample.block
    text = block.text
    n_chars = len(text)
    words = text.split()
    n_words = len(words)
    letters = sum(ch.isalpha() for ch in text) or 1
    upper = sum(ch.isupper() for ch in text)
    digits = sum(ch.isdigit() for ch in text)
    punct = sum((not ch.isalnum()) and not ch.isspace() for ch in text)
    last = text.rstrip()[-1:] if text else ""
    capitalised = sum(w[:1].isupper() for w in words) / max(1, n_words)
    tags = block.path.split(">") if block.path else []
    tag = tags[-1] if tags else ""
    has_dom = 1.0 if block.path else 0.0
    features = [
        math.log1p(n_chars),
        math.log1p(n_words),
        n_chars / max(1, n_words) / 10.0,
        upper / letters,
        digits / max(1, n_chars),
        punct / max(1, n_chars),
        1.0 if letters > 3 and upper / letters > 0.8 else 0.0,
        1.0 if text[:1].isupper() else 0.0,
        1.0 if text[:1].isdigit() else 0.0,
        1.0 if last in _TERMINAL else 0.0,
        1.0 if last in ":;,|-–—" else 0.0,
        1.0 if last.isalnum() else 0.0,
        min(10, len(re.findall(r"[.!?。！？][\"”’)]?\s", text + " "))) / 5.0,
        capitalised,
        1.0 if _URL.search(text) else 0.0,
        1.0 if "|" in text or "•" in text or "·" in text else 0.0,
        1.0 if _DATEISH.search(text) else 0.0,
        1.0 if _TIME.search(text) else 0.0,
        1.0 if not any(ch.isalnum() for ch in text) else 0.0,
        1.0 if ("\u201c" in text or '"' in text) else 0.0,
        *[1.0 if cue.search(text) else 0.0 for cue in _CUES],
        block.link_density,
        has_dom,
        *[1.0 if tag == t else 0.0 for t in _TAGS],
        *[1.0 if c in tags else 0.0 for c in _CONTAINERS],
        1.0 if sample.kind == "html" else 0.0,
        sample.index / max(1, sample.count - 1),
        math.log1p(sample.index),
        math.log1p(sample.count - 1 - sample.index),
        math.log1p(sample.count),
    ]
    return features


SHAPE_SIZE = len(shape_vector(BlockSample(Block("x"), 0, 0, 1, "text")))


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
        matrix = self.vectorizer_.transform([get(s) for s in samples])
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
        tokens = _WORD_TOKENS
        docs = [[] for _ in samples]
        for offset in range(-self.window, self.window + 1):
            if offset == 0:
                continue
            side = "p" if offset < 0 else "n"
            near = "1" if abs(offset) == 1 else "2"
            for i, j in enumerate(neighbour_index(samples, offset)):
                if j < 0:
                    docs[i].append(f"{side}{near}_EDGE")
                    continue
                words = tokens.findall(samples[j].block.text.lower())[:40]
                docs[i].extend(f"{side}_{w}" for w in words)
                if abs(offset) == 1 and samples[j].block.path:
                    docs[i].append(f"{side}_tag_{samples[j].block.tag}")
        matrix = self.vectorizer_.transform([" ".join(d) for d in docs])
        return matrix * self.weight if self.weight != 1.0 else matrix


_WORD_TOKENS = re.compile(r"\w+", re.UNICODE)


def _doc_slices(samples: list[BlockSample]):
    """Yield (start, end) of each document's run of samples."""
    start = 0
    for i in range(1, len(samples) + 1):
        if i == len(samples) or samples[i].doc != samples[start].doc:
            yield start, i
            start = i


#: A "long" block: the kind of paragraph an article body is made of.
LONG_WORDS = 12
DOC_CONTEXT_SIZE = 12


def doc_context(samples: list[BlockSample]) -> np.ndarray:
    """Where each block sits relative to the document's body text.

    Boilerplate surrounds the body: these features say whether a block lies between the first
    and last long paragraph, how far the nearest long paragraph is, and (for HTML) how much of
    the document's text its container (same tag path and class words) holds, which is how
    readability-style extractors find the body, learned here rather than hard-coded.
    """
    out = np.zeros((len(samples), DOC_CONTEXT_SIZE))
    for start, end in _doc_slices(samples):
        blocks = [s.block for s in samples[start:end]]
        chars = np.array([len(b.text) for b in blocks], dtype=float)
        words = np.array([len(b.text.split()) for b in blocks], dtype=float)
        density = np.array([b.link_density for b in blocks])
        long = (words >= LONG_WORDS) & (density < 0.3)
        n = end - start
        positions = np.arange(n)
        long_idx = positions[long]
        if len(long_idx):
            first, last = long_idx[0], long_idx[-1]
            prev_long = np.full(n, np.inf)
            next_long = np.full(n, np.inf)
            last_seen = -np.inf
            for i in range(n):
                prev_long[i] = i - last_seen
                if long[i]:
                    last_seen = i
            upcoming = np.inf
            for i in range(n - 1, -1, -1):
                next_long[i] = upcoming - i
                if long[i]:
                    upcoming = i
            in_span = (positions >= first) & (positions <= last)
        else:
            prev_long = next_long = np.full(n, np.inf)
            in_span = np.zeros(n, dtype=bool)
        body_chars = float(chars[density < 0.5].sum()) or 1.0
        keys = [b.path + "|" + b.attrs for b in blocks]
        group_chars: dict[str, float] = {}
        group_count: dict[str, int] = {}
        group_density: dict[str, float] = {}
        for key, c, d in zip(keys, chars, density):
            group_chars[key] = group_chars.get(key, 0.0) + (c if d < 0.5 else 0.0)
            group_count[key] = group_count.get(key, 0) + 1
            group_density[key] = group_density.get(key, 0.0) + d
        top = max(group_chars.values()) if group_chars else 0.0
        has_dom = bool(blocks and blocks[0].path)
        window = np.convolve(long.astype(float), np.ones(7), mode="same") / 7.0
        for i, key in enumerate(keys):
            row = out[start + i]
            row[0] = 1.0 if in_span[i] else 0.0
            row[1] = min(prev_long[i], 50) / 50.0
            row[2] = min(next_long[i], 50) / 50.0
            row[3] = window[i]
            row[4] = long.mean() if n else 0.0
            row[5] = chars[i] / (chars.sum() or 1.0)
            if has_dom:
                row[6] = group_chars[key] / body_chars
                row[7] = 1.0 if group_chars[key] == top and top > 0 else 0.0
                row[8] = math.log1p(group_count[key]) / 5.0
                row[9] = group_density[key] / group_count[key]
            row[10] = 1.0 if not len(long_idx) else 0.0
            row[11] = 1.0 if len(long_idx) and i < long_idx[0] else (-1.0 if len(long_idx) and i > long_idx[-1] else 0.0)
    return out


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
        own = np.array([shape_vector(s) for s in samples], dtype=np.float64).reshape(len(samples), SHAPE_SIZE)
        columns = [own]
        for offset in range(-self.window, self.window + 1):
            if offset == 0:
                continue
            idx = neighbour_index(samples, offset)
            present = (idx >= 0)[:, None]
            columns.append(np.where(present, own[np.maximum(idx, 0)], 0.0))
            columns.append((~present).astype(np.float64))
        columns.append(doc_context(samples))
        return sp.csr_matrix(np.hstack(columns))
