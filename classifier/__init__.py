"""classifier: clean scraped news text and score how reliable each source looks.

>>> from classifier import load_model, clean_text
>>> model = load_model()
>>> clean_text("Sign up for our free weekly newsletter\\nThe minister said on Tuesday that the "
...            "talks would resume next week in Geneva, officials confirmed.", model).text
'The minister said on Tuesday that the talks would resume next week in Geneva, officials confirmed.'
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

from .batch import run_batch  # noqa: E402
from .clean import CleanConfig, CleanResult, clean_document, clean_file, clean_html, clean_text, read_document  # noqa: E402
from .document import Block, ClassifierError, Document, Metadata  # noqa: E402
from .labels import Label  # noqa: E402
from .predictor import BlockLabel, Predictor, load_model  # noqa: E402
from .scoring import score_files  # noqa: E402

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Block",
    "BlockLabel",
    "ClassifierError",
    "CleanConfig",
    "CleanResult",
    "Document",
    "Label",
    "Metadata",
    "Predictor",
    "__version__",
    "clean_document",
    "clean_file",
    "clean_html",
    "clean_text",
    "load_model",
    "read_document",
    "run_batch",
    "score_files",
]
