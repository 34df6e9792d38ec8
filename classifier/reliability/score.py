"""Scores: signals -> a 0-100 score and a band per document, then a mean per source.

``score = BASE_SCORE + sum(signal.value * signal.weight)``, clipped to 0-100.  Nothing is learnt
from data: every point can be traced to a signal, its weight in :mod:`.weights` and the lines
that triggered it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from ..document import Document
from ..labels import Label
from . import weights as W
from .context import BatchContext
from .records import DocumentScore, Signal, SourceScore
from .signals import all_signals
from .view import ArticleView


def band(score: float) -> str:
    """The band a score falls in.

    >>> band(75), band(74.9), band(40), band(39.9)
    ('high', 'credible with exceptions', 'caution', 'low')
    """
    return next(name for floor, name in W.BANDS if score >= floor)


def source_key(view: ArticleView) -> str:
    """Domain from the URL, else the publisher's name, else the file path."""
    if view.domain:
        return view.domain
    if view.site and view.site.value.strip():
        return view.site.value.strip()
    return view.path or "unknown"


def combine(signals: Iterable[Signal]) -> tuple[float, tuple[Signal, ...]]:
    """The score of a list of signals and the ones that moved it, strongest first."""
    moved = tuple(sorted((s for s in signals if s.contribution), key=lambda s: (-abs(s.contribution), s.name)))
    total = W.BASE_SCORE + sum(s.contribution for s in moved)
    return round(min(100.0, max(0.0, total)), 1), moved


def score_view(view: ArticleView, context: BatchContext | None = None, *, today: date) -> DocumentScore:
    """Score one prepared document; ``context`` must be built from a batch that contains it."""
    value, moved = combine(all_signals(view, context, today))
    return DocumentScore(path=view.path, source=source_key(view), score=value, band=band(value), signals=moved)


def score_documents(
    items: Iterable[tuple[Document, Sequence[Label]]],
    *,
    today: date | None = None,
    batch: bool = True,
) -> list[DocumentScore]:
    """Score documents with their block labels, in input order.

    The documents are one run: signals that compare a document with the others (role,
    nationality and name spellings) use all of them.  ``today`` is the run date that
    publication dates must not exceed (default: the current date).  ``batch=False`` scores
    each document on its own.
    """
    views = [ArticleView.build(document, list(labels)) for document, labels in items]
    context = BatchContext.build(views) if batch and len(views) > 1 else None
    run_date = today or date.today()
    return [score_view(view, context, today=run_date) for view in views]


def score_sources(scores: Iterable[DocumentScore]) -> list[SourceScore]:
    """Group document scores by source: mean score, count, signals that recur; lowest mean first."""
    groups: dict[str, list[DocumentScore]] = {}
    for item in scores:
        groups.setdefault(item.source, []).append(item)
    out: list[SourceScore] = []
    for source, items in groups.items():
        mean = round(math.fsum(i.score for i in items) / len(items), 1)
        counts = Counter(s.name for i in items for s in i.signals)
        ordered = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        needed = 1 if len(items) == 1 else 2
        out.append(SourceScore(
            source=source,
            score=mean,
            band=band(mean),
            documents=len(items),
            paths=tuple(i.path or "" for i in items),
            signals=ordered,
            recurring=tuple(name for name, n in ordered.items() if n >= needed),
        ))
    return sorted(out, key=lambda s: (s.score, s.source))
