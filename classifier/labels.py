"""The twelve block labels: the contract shared by labels/, the model, the CLI and the output."""

from __future__ import annotations

from enum import Enum


class Label(str, Enum):
    """One kind of block: the article's own text or one kind of boilerplate."""

    CONTENT = "content"
    HEADLINE = "headline"
    METADATA = "metadata"
    CAPTION = "caption"
    DONATION = "donation"
    SUBSCRIPTION = "subscription"
    COMMENTS = "comments"
    NAVIGATION = "navigation"
    ADVERTISING = "advertising"
    LEGAL = "legal"
    PUBLISHER = "publisher"
    OTHER = "other"

    def __str__(self) -> str:  # so f-strings and rich print "content", not "Label.CONTENT"
        return self.value

    @classmethod
    def parse(cls, name: str) -> "Label":
        """Turn a user-written name into a label, with an error that lists the valid names."""
        try:
            return cls(name.strip().lower())
        except ValueError:
            valid = ", ".join(label.value for label in cls)
            raise ValueError(f"unknown label {name!r} (valid labels: {valid})") from None


#: Label names in their canonical order (the order of ../LABELS.md).
LABEL_NAMES: tuple[str, ...] = tuple(label.value for label in Label)

#: Default share of probability a block needs on the kept labels: the operating point where
#: grouped cross-validation balances lost article against kept junk (see models/default.card.json).
DEFAULT_THRESHOLD = 0.35

#: What cleaning keeps unless told otherwise.
DEFAULT_KEEP: frozenset[Label] = frozenset({Label.CONTENT})


def parse_keep(spec: str | None) -> frozenset[Label]:
    """Parse a comma-separated ``--keep`` value such as ``content,headline,metadata``."""
    if spec is None or not spec.strip():
        return DEFAULT_KEEP
    return frozenset(Label.parse(part) for part in spec.split(",") if part.strip())
