"""The records the reliability score returns: signals, document scores, source scores."""

from __future__ import annotations

from dataclasses import dataclass, field

#: (line number, text snippet) that made a signal fire; line 0 means the document's metadata.
Evidence = tuple[int, str]


@dataclass(frozen=True)
class Signal:
    """One observation about a document and what it does to the score.

    ``value`` is what was measured (1.0 for "present", a count of problems, a saturating rate);
    ``weight`` is the points one unit of value is worth (negative lowers the score); their
    product is the signal's ``contribution``.
    """

    name: str
    value: float
    weight: float
    evidence: tuple[Evidence, ...] = ()
    explanation: str = ""

    @property
    def contribution(self) -> float:
        return round(self.value * self.weight, 2)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "value": round(self.value, 3),
            "weight": self.weight,
            "contribution": self.contribution,
            "explanation": self.explanation,
            "evidence": [{"line": line, "text": text} for line, text in self.evidence],
        }


@dataclass(frozen=True)
class DocumentScore:
    """A document's score (0-100), its band and the signals that moved it, strongest first."""

    path: str | None
    source: str
    score: float
    band: str
    signals: tuple[Signal, ...] = ()

    def explain(self, limit: int = 5) -> str:
        """One line per strongest signal: '-9.0 roles.contradiction: ...'."""
        return "\n".join(f"{s.contribution:+.1f} {s.name}: {s.explanation}" for s in self.signals[:limit])

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "source": self.source,
            "score": self.score,
            "band": self.band,
            "signals": [s.to_dict() for s in self.signals],
        }


@dataclass(frozen=True)
class SourceScore:
    """A source's mean score over its documents and the signals that recur among them."""

    source: str
    score: float
    band: str
    documents: int
    paths: tuple[str, ...] = ()
    #: Signal name -> number of the source's documents it moved, most frequent first (among
    #: equals, the one that moved the scores most).
    signals: dict[str, int] = field(default_factory=dict)
    #: Signals that moved at least two documents (or the only one) of the source.
    recurring: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "score": self.score,
            "band": self.band,
            "documents": self.documents,
            "paths": list(self.paths),
            "signals": dict(self.signals),
            "recurring": list(self.recurring),
        }
