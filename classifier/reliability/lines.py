"""The pieces of a document the reliability signals read: a labelled line, a body sentence, and a
provenance fact with the line it was found on."""

from __future__ import annotations

from dataclasses import dataclass

from ..labels import Label


@dataclass(frozen=True)
class Line:
    """One block the signals read, with its 1-based source line (or block number + 1)."""

    line: int
    text: str
    label: Label


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article body; ``index`` is its position among all body sentences."""

    text: str
    line: int
    index: int


@dataclass(frozen=True)
class Fact:
    """A provenance fact and where it was found (line 0 = document metadata)."""

    value: str
    line: int
    text: str
