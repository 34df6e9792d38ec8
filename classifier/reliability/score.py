"""Scores: signals -> a 0-100 score and a band per document, then a mean per source.

``score = BASE_SCORE + sum(signal.value * signal.weight)``, clipped to 0-100.  Nothing is learnt
from data: every point can be traced to a signal, its weight in :mod:`.weights` and the lines
that triggered it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from ..document import Document
from ..labels import Label
from . import weights as W
from .context import BatchContext, DocFacts
from .records import DocumentScore, Signal, SourceScore
from .signals import all_signals, batch_signals, local_signals
from .view import ArticleView


def band(score: float) -> str:
    """The band a score falls in.

    >>> band(75), band(74.9), band(40), band(39.9)
    ('high', 'credible with exceptions', 'caution', 'low')
    """
    return next(name for floor, name in W.BANDS if score >= floor)


def source_key(view: ArticleView) -> str:
    """Domain from the URL, else the publisher's name (its site name, else the name its own
    boilerplate gives it: "Support The Moscow Times!"), else the file path."""
    if view.domain:
        return view.domain
    if view.site and view.site.value.strip():
        return view.site.value.strip()
    if view.outlet:
        return view.outlet.value
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

    ``items`` is read once, one document at a time: what is kept of each is its own signals and
    its small :class:`~.context.DocFacts` (who holds which office, how names are spelled); the
    batch signals are added from those once the whole run has been seen.  A generator of
    documents is therefore never held in memory all at once.
    """
    run_date = today or date.today()
    pending: list[tuple[str | None, str, list[Signal], DocFacts]] = []
    for document, labels in items:
        view = ArticleView.build(document, list(labels))
        pending.append((view.path, source_key(view), local_signals(view, run_date), DocFacts.of(view)))
        del view
    context = BatchContext.from_facts([facts for *_, facts in pending]) if batch and len(pending) > 1 else None
    out: list[DocumentScore] = []
    for path, source, signals, facts in pending:
        if context is not None:
            signals = signals + batch_signals(facts, context, signals)
        value, moved = combine(signals)
        out.append(DocumentScore(path=path, source=source, score=value, band=band(value), signals=moved))
    return out


#: Second-level labels under a country code: "bbc" is the name in "bbc.co.uk".
_SECOND_LEVEL = frozenset("co com org net gov ac edu".split())
_FILE_SUFFIXES = frozenset("txt text htm html xhtml gz json jsonl xml md csv".split())


def domain_name(source: str) -> str | None:
    """The name part of a domain ("bbc" of "www.bbc.co.uk", "themoscowtimes" of
    "themoscowtimes.com"); None for a source that is not a domain (a name, a file path).

    >>> domain_name("www.bbc.co.uk"), domain_name("edition.cnn.com"), domain_name("The Moscow Times")
    ('bbc', 'cnn', None)
    """
    if not re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", source):
        return None
    labels = source.lower().split(".")
    if labels[-1] in _FILE_SUFFIXES:  # a file named by its path: "doc.txt"
        return None
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return labels[-3]
    return labels[-2]


def _source_aliases(sources: set[str]) -> dict[str, str]:
    """A publisher's name -> the domain of the run whose name it spells ("BBC" -> "bbc.com",
    "The Moscow Times" -> "themoscowtimes.com"), so one outlet is one source.  A name two domains
    could claim stays as it is."""
    by_name: dict[str, set[str]] = {}
    for source in sources:
        name = domain_name(source)
        if name:
            by_name.setdefault(name, set()).add(source)
    aliases = {}
    for source in sources:
        if domain_name(source) is None and "/" not in source and "\\" not in source:
            domains = by_name.get(re.sub(r"[^a-z0-9]", "", source.lower()), set())
            if len(domains) == 1:
                aliases[source] = next(iter(domains))
    return aliases


def score_sources(scores: Iterable[DocumentScore]) -> list[SourceScore]:
    """Group document scores by source: mean score, count, signals that recur; lowest mean first.

    A document known only by its publisher's name joins the run's domain of that name.
    """
    scores = list(scores)
    aliases = _source_aliases({item.source for item in scores})
    groups: dict[str, list[DocumentScore]] = {}
    for item in scores:
        groups.setdefault(aliases.get(item.source, item.source), []).append(item)
    out: list[SourceScore] = []
    for source, items in groups.items():
        mean = round(math.fsum(i.score for i in items) / len(items), 1)
        # Most frequent first; among equals (every signal of a one-page source) the strongest.
        counts: Counter = Counter()
        strength: Counter = Counter()
        for i in items:
            for s in i.signals:
                counts[s.name] += 1
                strength[s.name] += abs(s.contribution)
        ordered = dict(sorted(counts.items(), key=lambda kv: (-kv[1], -strength[kv[0]], kv[0])))
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
