"""classifier: clean scraped news text and score how reliable each source looks."""

from __future__ import annotations

import logging

__version__ = "0.1.0"

from .document import Block, ClassifierError, Document, Metadata  # noqa: E402
from .labels import Label  # noqa: E402

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["Block", "ClassifierError", "Document", "Label", "Metadata", "__version__"]
