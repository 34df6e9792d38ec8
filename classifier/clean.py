"""Cleaning: a keep policy over the model's block labels -> cleaned text and per-block records.

A block is kept when the probabilities of the labels to keep add up to at least ``threshold``:
raise it to leave less junk, lower it to lose less article.  When no block of a document gets
there, the one with the most (``fallback``) is kept: a scraped page is scraped for its article,
so an empty result is more often a miss than a page without one.  The block's reported label
is the most probable one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np

from .document import ClassifierError, Document, Metadata
from .io import DEFAULT_MAX_BYTES, decode, read_bytes, sniff_kind
from .labels import DEFAULT_KEEP, DEFAULT_THRESHOLD, Label, parse_keep
from .predictor import Predictor, load_model
from .segment import make_document


#: Summed in floating point, probabilities that add up to 1 can fall short of it by an ulp or two.
_ROUNDING = 1e-9


@dataclass(frozen=True)
class CleanConfig:
    """What to keep and how sure the model must be."""

    keep: frozenset[Label] = DEFAULT_KEEP
    threshold: float = DEFAULT_THRESHOLD
    #: Keep the most likely block of a document where no block reaches the threshold.
    fallback: bool = True

    def __post_init__(self) -> None:
        if not 0.0 <= self.threshold <= 1.0:
            raise ClassifierError(f"threshold must be between 0 and 1, got {self.threshold}")
        if not self.keep:
            raise ClassifierError("keep at least one label")
        try:
            # "content,headline" as on the command line, or any iterable of labels or names.
            keep = parse_keep(self.keep) if isinstance(self.keep, str) else frozenset(Label.parse(k) for k in self.keep)
        except ValueError as exc:
            raise ClassifierError(str(exc)) from None
        object.__setattr__(self, "keep", keep)


@dataclass(frozen=True)
class CleanedBlock:
    """One block of a cleaned document: text, most probable label, its probability, kept or not.

    ``keep_probability`` is what the threshold is compared with: the summed probability of the
    kept labels.  It decides ``kept``, not the top label: a block can be kept as "navigation
    0.45" when content holds 0.40 and headline, kept too, 0.15.
    """

    index: int
    line: int
    text: str
    label: Label
    probability: float
    kept: bool
    keep_probability: float

    def to_dict(self) -> dict:
        return {"index": self.index, "line": self.line, "label": self.label.value,
                "probability": round(self.probability, 4), "kept": self.kept,
                "keep_probability": round(self.keep_probability, 4), "text": self.text}


@dataclass
class CleanResult:
    """A cleaned document: its metadata, every block's record, and the kept text."""

    blocks: list[CleanedBlock]
    kind: str
    metadata: Metadata = field(default_factory=Metadata)
    path: str | None = None
    encoding: str | None = None

    @property
    def text(self) -> str:
        """The kept blocks, one per line."""
        return "\n".join(block.text for block in self.blocks if block.kept)

    @property
    def labels(self) -> list[Label]:
        return [block.label for block in self.blocks]

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "kind": self.kind,
            "encoding": self.encoding,
            "metadata": self.metadata.to_dict(),
            "text": self.text,
            "blocks": [block.to_dict() for block in self.blocks],
        }


def clean_document(document: Document, predictor: Predictor | None = None,
                   config: CleanConfig | None = None, *, proba=None) -> CleanResult:
    """Label and filter an already segmented document.

    ``proba``: the predictor's probabilities for the document's blocks, if already computed
    (``predictor.predict_proba`` of several documents at once, as batch cleaning does).
    """
    predictor = predictor or load_model()
    config = config or CleanConfig()
    if proba is None:
        (proba,) = predictor.predict_proba([document])
    keep_columns = [i for i, label in enumerate(predictor.classes) if label in config.keep]
    best = proba.argmax(axis=1)
    top = proba[np.arange(len(best)), best].tolist()
    mass = _kept_mass(proba, keep_columns) if keep_columns else [0.0] * len(proba)
    kept = _flags(mass, config.threshold, config.fallback) if keep_columns else [False] * len(proba)
    classes = predictor.classes
    blocks = [
        CleanedBlock(i, block.line, block.text, classes[k], top[i], kept[i], mass[i])
        for i, (block, k) in enumerate(zip(document.blocks, best.tolist()))
    ]
    return CleanResult(blocks=blocks, kind=document.kind, metadata=document.metadata,
                       path=document.path, encoding=document.encoding)


def keep_flags(proba: np.ndarray, keep_columns: list[int], threshold: float, *, fallback: bool = True) -> list[bool]:
    """Which blocks of one document to keep: those whose probabilities over ``keep_columns`` add
    up to ``threshold``; if none does and ``fallback``, the one with the most (the first of equals).

    >>> keep_flags(np.array([[0.9, 0.1], [0.2, 0.8]]), [1], 0.5)
    [False, True]
    >>> keep_flags(np.array([[0.9, 0.1], [0.7, 0.3]]), [1], 0.5)
    [False, True]
    >>> keep_flags(np.array([[0.9, 0.1], [0.7, 0.3]]), [1], 0.5, fallback=False)
    [False, False]
    """
    if not keep_columns or not len(proba):
        return [False] * len(proba)
    return _flags(_kept_mass(proba, keep_columns), threshold, fallback)


def _flags(mass: list[float], threshold: float, fallback: bool) -> list[bool]:
    """Blocks whose kept-label probability reaches ``threshold``, or the likeliest one (see
    :func:`keep_flags`)."""
    kept = [m >= threshold - _ROUNDING for m in mass]
    if fallback and not any(kept) and mass:
        kept[max(range(len(mass)), key=mass.__getitem__)] = True
    return kept


def _kept_mass(proba: np.ndarray, columns: list[int]) -> list[float]:
    """Each row's probabilities summed over ``columns``, bit for bit as ``row[columns].sum()``.

    numpy adds fewer than 8 numbers left to right whatever the array's shape, so a few columns
    are summed for the whole matrix at once (the per-row calls cost more than labelling does);
    more are summed row by row, since numpy's pairwise order then depends on the shape.
    """
    part = proba[:, columns]
    if len(columns) < 8:
        return part.sum(axis=1).tolist()
    return [float(row.sum()) for row in part]


def read_document(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read, decode and segment a file (text or HTML, optionally gzipped)."""
    name = os.fspath(path)
    data = read_bytes(name, max_bytes=max_bytes)
    text, encoding = decode(data, html=None)
    kind = sniff_kind(name, text)
    return make_document(text, kind, path=name, encoding=encoding)


def clean_text(text: str, predictor: Predictor | None = None, config: CleanConfig | None = None) -> CleanResult:
    """Clean the text of a scraped text file (one paragraph per line).

    >>> result = clean_text("Sign up for our free weekly newsletter\\nBritain has sent defensive weapons to "
    ...     "Ukraine amid mounting worries that Russia could invade its neighbour, officials said.")
    >>> result.text
    'Britain has sent defensive weapons to Ukraine amid mounting worries that Russia could invade its neighbour, officials said.'
    """
    return clean_document(make_document(text, "text"), predictor, config)


def clean_html(html: str, predictor: Predictor | None = None, config: CleanConfig | None = None) -> CleanResult:
    """Clean an HTML page."""
    return clean_document(make_document(html, "html"), predictor, config)


def clean_file(path: str | os.PathLike, predictor: Predictor | None = None, config: CleanConfig | None = None,
               *, max_bytes: int = DEFAULT_MAX_BYTES) -> CleanResult:
    """Clean one file (text or HTML, any common encoding, optionally gzipped)."""
    return clean_document(read_document(path, max_bytes=max_bytes), predictor, config)
