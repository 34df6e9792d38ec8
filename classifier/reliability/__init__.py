"""Source reliability from transparent heuristic signals.

Give it documents with their block labels; get back a 0-100 score per document with the
signals that moved it (each with the lines that triggered it), and a mean per source::

    from classifier.reliability import score_documents, score_sources
    scores = score_documents([(document, labels), ...], today=date(2024, 1, 1))
    sources = score_sources(scores)

Modules: ``view`` (what the signals read), ``entities`` (people, offices, countries),
``context`` (what the other documents of the run say), ``signals``, ``reference`` (a small dated
list of office holders), ``weights`` (every weight
with its reason), ``lexicon`` (word lists), ``score`` (combining, bands, per-source means).
"""

from __future__ import annotations

from .context import BatchContext
from .records import DocumentScore, Signal, SourceScore
from .score import band, score_documents, score_sources, score_view, source_key
from .view import ArticleView

__all__ = [
    "ArticleView",
    "BatchContext",
    "DocumentScore",
    "Signal",
    "SourceScore",
    "band",
    "score_documents",
    "score_sources",
    "score_view",
    "source_key",
]
