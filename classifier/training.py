"""Training data from ``labels/``: documents, their labels, and plain-text copies of HTML pages.

The same model must work on plain text, where there is no DOM.  Every HTML page of the training
set is therefore also shown to the model as a text file (its blocks without tag path, class
words or links), which is what a scraper's text dump of that page looks like.
"""

from __future__ import annotations

from dataclasses import replace

from .corpus import LabeledDocument
from .document import Block, ClassifierError, Document


def strip_dom(block: Block) -> Block:
    """The block as it would appear in a text file: no tag path, class words or link density."""
    return replace(block, path="", attrs="", link_density=0.0)


def as_document(doc: LabeledDocument, *, text_only: bool = False) -> Document:
    """A labeled document as the model sees it (optionally stripped to plain text)."""
    if text_only or doc.kind == "text":
        return Document(blocks=[strip_dom(b) for b in doc.blocks], kind="text")
    return Document(blocks=list(doc.blocks), kind="html")


def training_set(docs: list[LabeledDocument], *, augment_text: bool = True) -> tuple[list[Document], list[str]]:
    """Documents and the flat list of their block labels, HTML pages twice when augmenting."""
    documents: list[Document] = []
    labels: list[str] = []
    for doc in docs:
        documents.append(as_document(doc))
        labels.extend(label.value for label in doc.labels)
        if augment_text and doc.kind == "html":
            documents.append(as_document(doc, text_only=True))
            labels.extend(label.value for label in doc.labels)
    return documents, labels


def library_versions() -> dict[str, str]:
    import platform

    import joblib
    import lxml.etree
    import numpy
    import scipy
    import sklearn

    return {
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "numpy": numpy.__version__,
        "scipy": scipy.__version__,
        "joblib": joblib.__version__,
        "lxml": ".".join(map(str, lxml.etree.LXML_VERSION)),
    }


def train(corpus, *, variant: str = "stacked", evaluation: dict | None = None):
    """Fit the model on the whole corpus and return a Predictor with its card.

    ``evaluation`` (from :func:`classifier.evaluate.cross_validate`) goes into the card as the
    model's measured quality.
    """
    from collections import Counter

    from . import __version__
    from .features import samples_from_documents
    from .model import RANDOM_STATE, build_model
    from .predictor import Predictor

    if not corpus.documents:
        raise ClassifierError(f"{corpus.root}: no labeled documents to train on")
    documents, labels = training_set(corpus.documents)
    estimator = build_model(variant).fit(samples_from_documents(documents), labels)
    block_counts = Counter(label.value for doc in corpus.documents for label in doc.labels)
    card = {
        "classifier_version": __version__,
        "variant": variant,
        "random_state": RANDOM_STATE,
        "training_data": {
            "sha256": corpus.fingerprint(),
            "documents": len(corpus.documents),
            "real_documents": sum(d.info.authorship == "real" for d in corpus.documents),
            "written_documents": sum(d.info.authorship == "written" for d in corpus.documents),
            "sites": len({d.site for d in corpus.documents}),
            "blocks": sum(block_counts.values()),
            "label_counts": dict(sorted(block_counts.items())),
            "html_pages_also_seen_as_text": True,
        },
        "libraries": library_versions(),
        "metrics": evaluation,
    }
    return Predictor(estimator, card)
