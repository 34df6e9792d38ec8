"""A trained block classifier: label documents, lines or pages; save and load it safely.

Models are stored with skops, which never runs code from the file: loading checks every type
in the file against an explicit list of trusted types and refuses anything else.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import types
import warnings
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from .document import ClassifierError, Document
from .features import samples_from_documents
from .labels import Label
from .segment import make_document

logger = logging.getLogger(__name__)

#: Bumped when the stored layout changes incompatibly.
FORMAT_VERSION = 1
#: Where the shipped model lives (the top-level ``models/`` folder, packaged as ``classifier.models``).
DEFAULT_MODEL_NAME = "default.skops"
#: Environment variable that points ``load_model()`` at another model file.
MODEL_ENV = "CLASSIFIER_MODEL"

#: The project's own types and the library types a model file may contain; nothing else loads.
TRUSTED_TYPES = [
    "classifier.features.HashedText",
    "classifier.features.NeighbourText",
    "classifier.features.ShapeFeatures",
    "classifier.model.SequenceSmoother",
    "classifier.model.StackedContext",
    "classifier.model.AveragedSGD",
    "sklearn.feature_extraction.text.HashingVectorizer",
    "sklearn.linear_model._stochastic_gradient.SGDClassifier",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "sklearn.pipeline.FeatureUnion",
    "sklearn.pipeline.Pipeline",
    "sklearn.preprocessing._data.MaxAbsScaler",
    "sklearn.preprocessing._data.StandardScaler",
    "sklearn.linear_model._sgd_fast.Hinge",
    "sklearn.linear_model._sgd_fast.Log",
    "sklearn._loss._loss.CyHalfMultinomialLoss",
    "sklearn._loss.loss.HalfMultinomialLoss",
    "sklearn._loss.link.MultinomialLogit",
    "sklearn._loss.link.Interval",
    "builtins.tuple",
    "numpy.dtype",
    "numpy.float64",
    "numpy.int64",
    "numpy.ndarray",
]
# Never "builtins.getattr" (or any function): a file could reach any attribute with it, exec too.


@dataclass(frozen=True)
class BlockLabel:
    """What the model says about one block: its text, label and the label's probability."""

    index: int
    text: str
    label: Label
    probability: float
    line: int = 0

    def to_dict(self) -> dict:
        return {"index": self.index, "line": self.line, "label": self.label.value,
                "probability": round(self.probability, 4), "text": self.text}


class Predictor:
    """A fitted estimator with its model card.

    >>> model = load_model()
    >>> [(b.text, b.label.value) for b in model.label_lines(["Support The Moscow Times!",
    ...     "Britain has sent defensive weapons to Ukraine amid mounting worries that Russia could invade.",
    ...     "Sign up for our free weekly newsletter"])][2]
    ('Sign up for our free weekly newsletter', 'subscription')
    """

    def __init__(self, estimator, card: dict | None = None):
        self.estimator = estimator
        self.card = card or {}
        self.classes = [Label(c) for c in estimator.classes_]

    def predict_proba(self, documents: list[Document]) -> list[np.ndarray]:
        """Per document, a (blocks x labels) probability matrix, columns in ``self.classes`` order."""
        samples = samples_from_documents(documents)
        if not samples:
            return [np.zeros((0, len(self.classes))) for _ in documents]
        proba = self.estimator.predict_proba(samples)
        out, start = [], 0
        for doc in documents:
            out.append(_header_rule(doc, proba[start:start + len(doc.blocks)], self.classes))
            start += len(doc.blocks)
        return out

    def label_document(self, document: Document) -> list[BlockLabel]:
        """Label every block of a segmented document."""
        (proba,) = self.predict_proba([document])
        return self._records(document, proba)

    def _records(self, document: Document, proba: np.ndarray) -> list[BlockLabel]:
        best = np.argmax(proba, axis=1) if len(proba) else []
        return [
            BlockLabel(i, block.text, self.classes[k], float(proba[i, k]), block.line)
            for i, (block, k) in enumerate(zip(document.blocks, best))
        ]

    def label_lines(self, lines: list[str]) -> list[BlockLabel]:
        """Label the lines of a text file (blank lines are skipped, as in a file)."""
        return self.label_document(make_document("\n".join(lines), "text"))

    def label_html(self, html: str) -> list[BlockLabel]:
        """Label the text blocks of an HTML page."""
        return self.label_document(make_document(html, "html"))

    def save(self, path: str | os.PathLike) -> None:
        """Write the model (skops) and its card (JSON, beside it)."""
        import sklearn
        import skops.io as sio

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"format": FORMAT_VERSION, "sklearn": sklearn.__version__, "estimator": self.estimator}
        tmp = path.with_name(path.name + ".part")
        sio.dump(payload, tmp, compression=zipfile.ZIP_DEFLATED)
        os.replace(tmp, path)
        card_path(path).write_text(json.dumps(self.card, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | os.PathLike) -> "Predictor":
        """Load a model file, trusting only :data:`TRUSTED_TYPES`; errors are ClassifierError."""
        import sklearn
        import skops.io as sio

        path = Path(path)
        if not path.is_file():
            raise ClassifierError(f"{path}: no model file (train one with `classifier train`)")
        from skops.io.exceptions import UntrustedTypesFoundException

        # skops checks every type of the file against TRUSTED_TYPES before it builds anything
        # (reading the file once: a separate get_untrusted_types() call read it twice).
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                payload = sio.load(path, trusted=TRUSTED_TYPES)
        except UntrustedTypesFoundException:
            unknown = sorted(set(sio.get_untrusted_types(file=path)) - set(TRUSTED_TYPES))
            raise ClassifierError(f"{path}: refusing to load a model with untrusted types: {', '.join(unknown)}") from None
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:  # not a skops file at all
            raise ClassifierError(f"{path}: not a classifier model file ({type(exc).__name__}: {exc})") from None
        except Exception as exc:
            raise ClassifierError(f"{path}: cannot load model ({type(exc).__name__}: {exc}); run `classifier train`") from None
        if not isinstance(payload, dict) or payload.get("format") != FORMAT_VERSION or "estimator" not in payload:
            raise ClassifierError(f"{path}: not a classifier model file of format {FORMAT_VERSION}; run `classifier train`")
        if payload.get("sklearn") != sklearn.__version__:
            warnings.warn(
                f"{path} was made with scikit-learn {payload.get('sklearn')}, this is {sklearn.__version__}: "
                "predictions may differ; run `classifier train` to rebuild it",
                UserWarning, stacklevel=2,
            )
        _check_estimator(path, payload["estimator"])
        card = {}
        if card_path(path).is_file():
            try:
                card = json.loads(card_path(path).read_text(encoding="utf-8"))
            except ValueError:
                logger.warning("%s: unreadable model card", card_path(path))
        return cls(payload["estimator"], card)


def _check_estimator(path: Path, estimator) -> None:
    """Refuse a loaded object that is not a fitted classifier of our labels, or that holds a
    function anywhere (a vectorizer's tokenizer set to a function runs it on every text)."""
    classes = getattr(estimator, "classes_", None)
    if not hasattr(estimator, "predict_proba") or classes is None:
        raise ClassifierError(f"{path}: holds no trained classifier; run `classifier train`")
    unknown = sorted({str(c) for c in classes} - {label.value for label in Label})
    if unknown:
        raise ClassifierError(f"{path}: its classes are not this project's labels ({', '.join(unknown[:5])}); "
                              "run `classifier train`")
    seen: set[int] = set()
    checked_trees: set[int] = set()
    stack = [estimator]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, (str, bytes, int, float, bool, type(None), np.ndarray, np.generic, type)):
            continue
        seen.add(id(obj))
        if hasattr(obj, "_predictors") and hasattr(obj, "n_features_in_"):
            for tree in (t for trees in obj._predictors for t in trees):
                _check_tree(path, tree, obj.n_features_in_)
                checked_trees.add(id(tree))
        elif type(obj).__name__ == "TreePredictor" and id(obj) not in checked_trees:
            raise ClassifierError(f"{path}: refusing a model with a tree outside a gradient-boosting model")
        if callable(obj) and not hasattr(obj, "__dict__") or isinstance(obj, (types.FunctionType, types.MethodType,
                                                                              functools.partial)):
            raise ClassifierError(f"{path}: refusing a model that holds a function ({obj!r:.60})")
        if isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, (list, tuple, set, frozenset)):
            stack.extend(obj)
        elif hasattr(obj, "__dict__"):
            stack.extend(vars(obj).values())


def _check_tree(path: Path, tree, n_features: int) -> None:
    """A tree's node indices are used without bounds checks (a crafted file could read memory
    out of bounds): every split must point at nodes of the tree and features of the input."""
    nodes = getattr(tree, "nodes", None)
    fields = ("left", "right", "feature_idx", "is_leaf", "is_categorical", "bitset_idx")
    if not isinstance(nodes, np.ndarray) or nodes.dtype.names is None or not set(fields) <= set(nodes.dtype.names):
        raise ClassifierError(f"{path}: refusing a model with a malformed tree")
    split = nodes["is_leaf"] == 0
    n = len(nodes)
    bad = ((nodes["left"][split] <= 0) | (nodes["left"][split] >= n) | (nodes["right"][split] <= 0)
           | (nodes["right"][split] >= n) | (nodes["feature_idx"][split] < 0)
           | (nodes["feature_idx"][split] >= n_features)).any()
    categorical = split & (nodes["is_categorical"] != 0)
    bitsets = getattr(tree, "raw_left_cat_bitsets", np.empty((0,)))
    if bad or (categorical.any() and (nodes["bitset_idx"][categorical] >= len(bitsets)).any()):
        raise ClassifierError(f"{path}: refusing a model whose tree points outside itself or its input")


def _header_rule(document: Document, proba: np.ndarray, classes: list[Label]) -> np.ndarray:
    """The URL, date and byline lines of a text file's header (read by :func:`.metadata.text_metadata`:
    a bare URL, a machine date such as 20211118, a "By ..." line) are metadata, whatever the model
    says of them.  ``classifier evaluate`` measures the model alone, without this rule."""
    lines = [document.metadata.header_lines[k] for k in ("url", "date", "byline") if k in document.metadata.header_lines]
    if document.kind != "text" or not lines or Label.METADATA not in classes:
        return proba
    rows = [i for i, block in enumerate(document.blocks) if block.line in lines]
    proba = proba.copy()
    proba[rows] = 0.0
    proba[rows, classes.index(Label.METADATA)] = 1.0
    return proba


def card_path(model_path: Path) -> Path:
    return model_path.with_suffix(".card.json")


def default_model_path() -> Path:
    """``$CLASSIFIER_MODEL`` if set, else the shipped model."""
    if os.environ.get(MODEL_ENV):
        return Path(os.environ[MODEL_ENV])
    return Path(str(resources.files("classifier.models").joinpath(DEFAULT_MODEL_NAME)))


def load_model(path: str | os.PathLike | None = None) -> Predictor:
    """Load a trained model: the shipped default when ``path`` is None."""
    return Predictor.load(path if path is not None else default_model_path())
