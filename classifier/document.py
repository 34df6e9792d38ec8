"""The objects that flow between the steps: a document, its metadata and its ordered blocks."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

InputKind = Literal["text", "html"]


class ClassifierError(Exception):
    """The one domain error: bad input, a bad model or a bad labels file, with a readable message."""


@dataclass(frozen=True)
class Block:
    """One unit the model labels: a line of a text file or a text block of an HTML page.

    ``path`` (ancestor tags, outermost first), ``attrs`` (class and id words of the ancestors,
    nearest first) and ``link_density`` (share of characters inside links) describe the DOM
    context; they are empty for plain text, where there is no DOM.  ``line`` is the 1-based line
    of the source file where the block starts (0 when unknown).
    """

    text: str
    path: str = ""
    attrs: str = ""
    link_density: float = 0.0
    line: int = 0

    @property
    def tag(self) -> str:
        """The innermost block-level tag ('' for plain text)."""
        return self.path.rsplit(">", 1)[-1] if self.path else ""


@dataclass
class Metadata:
    """What the file says about itself: header lines of a text file, <meta> tags of a page."""

    title: str | None = None
    date: str | None = None
    #: When the page says it was last changed (pages only): a wiki's text is as new as its last edit.
    modified: str | None = None
    url: str | None = None
    author: str | None = None
    site: str | None = None
    language: str | None = None
    # 1-based line numbers of the header lines a text file spent on metadata, for evidence.
    header_lines: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v not in (None, {}, "")}


@dataclass
class Document:
    """A decoded, segmented input file."""

    blocks: list[Block]
    kind: InputKind = "text"
    metadata: Metadata = field(default_factory=Metadata)
    path: str | None = None
    encoding: str | None = None

    @property
    def texts(self) -> list[str]:
        return [block.text for block in self.blocks]
