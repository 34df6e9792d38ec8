"""classifier: clean scraped news text and score how reliable each source looks.

>>> from classifier import load_model, clean_text
>>> model = load_model()
>>> clean_text("Sign up for our free weekly newsletter\\n"
...            "The minister said on Tuesday that the talks would resume next week in Geneva.", model).text
'The minister said on Tuesday that the talks would resume next week in Geneva.'
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

from .document import Block, ClassifierError, Document, Metadata  # noqa: E402
from .labels import Label  # noqa: E402

# The rest of the API imports scikit-learn; load it on first use so `classifier --version`
# and `import classifier` stay fast.
_LAZY = {
    "run_batch": "batch",
    "CleanConfig": "clean", "CleanResult": "clean", "clean_document": "clean", "clean_file": "clean",
    "clean_html": "clean", "clean_text": "clean", "read_document": "clean",
    "BlockLabel": "predictor", "Predictor": "predictor", "load_model": "predictor",
    "score_files": "scoring",
}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
