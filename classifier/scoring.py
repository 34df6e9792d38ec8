"""Reliability scores for files: read and label them as ``clean`` does, then score the run.

The documents of one call are one run: the cross-document signals (who holds which office,
how a name is spelled) compare each document with the others.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date

from .batch import iter_files
from .clean import read_document
from .document import ClassifierError
from .io import DEFAULT_MAX_BYTES
from .predictor import Predictor, load_model
from .reliability import DocumentScore, SourceScore, score_documents, score_sources


def score_files(paths: Iterable[str], predictor: Predictor | None = None, *, today: date | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[DocumentScore], list[tuple[str, str]]]:
    """Score every readable file; return the scores and the ``(path, reason)`` of failures.

    Files are read and labeled one at a time as the scorer asks for them: only each document's
    signals and small batch facts are kept, never every document at once.
    """
    predictor = predictor or load_model()
    failures: list[tuple[str, str]] = []

    def documents():
        for file, _, error in iter_files(paths):
            if error:
                failures.append((file, error))
                continue
            if file == "-":
                failures.append((file, "standard input is not supported by score"))
                continue
            try:
                document = read_document(file, max_bytes=max_bytes)
            except ClassifierError as exc:
                failures.append((file, str(exc)))
                continue
            yield document, [record.label for record in predictor.label_document(document)]

    scores = score_documents(documents(), today=today)
    return scores, failures


def _signal_summary(signals, limit: int = 3) -> str:
    return "; ".join(f"{s.name} {s.contribution:+.1f}" for s in signals[:limit])


def format_scores(scores: list[DocumentScore] | list[SourceScore], fmt: str, explain: int = 3) -> str:
    """JSON lines or CSV for programs.  A document's CSV row names its ``explain`` strongest
    signals with their contributions, and their explanations (JSON lines hold everything)."""
    if fmt == "jsonl":
        return "".join(json.dumps(s.to_dict(), ensure_ascii=False) + "\n" for s in scores)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if scores and isinstance(scores[0], SourceScore):
        writer.writerow(["source", "score", "band", "documents", "recurring_signals"])
        for s in scores:
            writer.writerow([s.source, s.score, s.band, s.documents, "; ".join(s.recurring)])
    else:
        writer.writerow(["path", "source", "score", "band", "top_signals", "explanations"])
        for s in scores:
            writer.writerow([s.path, s.source, s.score, s.band, _signal_summary(s.signals, explain),
                             " | ".join(f"{sig.name}: {sig.explanation}" for sig in s.signals[:explain])])
    return buffer.getvalue()


__all__ = ["format_scores", "score_files", "score_sources"]
