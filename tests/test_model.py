"""The model's estimators follow scikit-learn's rules; training is deterministic; files load safely."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils import estimator_checks as checks

from classifier import ClassifierError
from classifier.document import Block, Document
from classifier.features import HashedText, NeighbourText, ShapeFeatures, samples_from_documents
from classifier.labels import Label
from classifier.corpus import load_corpus
from classifier.model import (
    RELABEL,
    AveragedSGD,
    SequenceSmoother,
    StackedContext,
    _document_context,
    _page_groups,
    build_linear,
    build_model,
)
from classifier.predictor import Predictor, load_model

LABELS = Path(__file__).resolve().parents[1] / "labels"

ESTIMATORS = [HashedText(), NeighbourText(), ShapeFeatures(), SequenceSmoother(base=build_linear()),
              StackedContext(base=build_linear())]
# The checks that apply to text-input estimators (check_estimator skips them as a whole).
CONSTRUCTION_CHECKS = [
    "check_no_attributes_set_in_init",
    "check_get_params_invariance",
    "check_set_params",
    "check_estimator_repr",
    "check_estimator_cloneable",
    "check_do_not_raise_errors_in_init_or_set_params",
]


def _docs():
    para = "Officials said on Tuesday that the new rules would take effect next year, according to the ministry."
    a = Document(blocks=[Block("Home"), Block("World"), Block(para), Block(para + " More."), Block("© 2024 Example News")], kind="text")
    b = Document(blocks=[Block("Sign up for our newsletter", path="div>form", attrs="newsletter", link_density=0.0),
                         Block(para, path="article>p"), Block("Share on Facebook", path="ul>li", attrs="share", link_density=1.0)],
                 kind="html")
    samples = samples_from_documents([a, b, a, b])
    labels = ["navigation", "navigation", "content", "content", "legal", "subscription", "content", "navigation"] * 2
    return samples, labels


def _docs_with_headlines():
    """Two pages (each twice) with a headline and a byline before the body text."""
    para = "Officials said on Tuesday that the new rules would take effect next year, according to the ministry."
    a = Document(blocks=[Block("Home"), Block("World"), Block("Talks to resume in Geneva next week"),
                         Block("By Jane Doe | 3 May 2024"), Block(para), Block(para + " More."),
                         Block("© 2024 Example News")], kind="text")
    b = Document(blocks=[Block("Sign up for our newsletter", path="div>form", attrs="newsletter"),
                         Block("Rules take effect next year", path="article>h1"),
                         Block("Reuters, 4 May 2024", path="article>div", attrs="byline"),
                         Block(para, path="article>p"), Block(para + " Also.", path="article>p"),
                         Block("Share on Facebook", path="ul>li", attrs="share", link_density=1.0)],
                 kind="html")
    samples = samples_from_documents([a, b, a, b])
    labels = ["navigation", "navigation", "headline", "metadata", "content", "content", "legal",
              "subscription", "headline", "metadata", "content", "content", "navigation"] * 2
    return samples, labels


@pytest.mark.parametrize("check", CONSTRUCTION_CHECKS)
@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_sklearn_estimator_checks(estimator, check):
    getattr(checks, check)(type(estimator).__name__, estimator)


def test_averaged_sgd_passes_every_sklearn_estimator_check():
    # It takes numeric (sparse) input, so scikit-learn's whole battery applies to it.
    results = checks.check_estimator(AveragedSGD(n_seeds=2), on_fail=None)
    failed = [(r["check_name"], str(r["exception"])[:200]) for r in results if r["status"] == "failed"]
    assert len(results) > 40 and not failed


def test_averaged_sgd_is_the_mean_of_its_seeds():
    samples, labels = _docs()
    X = build_linear().named_steps["features"].fit_transform(samples)
    model = AveragedSGD(n_seeds=3, random_state=7).fit(X, labels)
    from sklearn.linear_model import SGDClassifier

    runs = [SGDClassifier(loss="log_loss", alpha=1e-5, max_iter=30, tol=1e-4, random_state=s).fit(X, labels)
            for s in (7, 8, 9)]
    np.testing.assert_allclose(model.linear_.coef_, np.mean([r.coef_ for r in runs], axis=0))
    assert not np.allclose(runs[0].coef_, runs[1].coef_)  # the seeds do differ


@pytest.mark.parametrize("estimator", ESTIMATORS[:3], ids=lambda e: type(e).__name__)
def test_transformers_fit_returns_self_and_set_trailing_underscore_attributes(estimator):
    samples, _ = _docs()
    fresh = clone(estimator)
    with pytest.raises(NotFittedError):
        fresh.transform(samples)
    before = set(vars(fresh))
    assert fresh.fit(samples) is fresh
    added = set(vars(fresh)) - before
    assert added and all(name.endswith("_") for name in added)
    assert fresh.transform(samples).shape[0] == len(samples)


def test_validation_happens_in_fit_not_init():
    samples, _ = _docs()
    bad = HashedText(field="nope")  # no error yet
    with pytest.raises(ValueError, match="field"):
        bad.fit(samples)
    with pytest.raises(TypeError, match="BlockSample"):
        HashedText().fit(["plain strings"])


def test_pipeline_params_are_addressable_by_step_name():
    model = build_linear()
    model.set_params(features__words__n_features=2**10, linear__alpha=1e-4)
    assert model.get_params()["features__words__n_features"] == 2**10


def test_neighbour_features_do_not_cross_documents():
    a = Document(blocks=[Block("alpha")], kind="text")
    b = Document(blocks=[Block("beta")], kind="text")
    samples = samples_from_documents([a, b])
    near = NeighbourText(window=1).fit(samples).transform(samples)
    alone = NeighbourText(window=1).fit(samples[:1]).transform(samples[:1])
    assert (near[0] != alone[0]).nnz == 0


@pytest.mark.parametrize("variant", ["linear", "sequence", "stacked"])
def test_training_twice_gives_the_same_predictions(variant):
    samples, labels = _docs()
    first = build_model(variant).fit(samples, labels).predict_proba(samples)
    second = build_model(variant).fit(samples, labels).predict_proba(samples)
    np.testing.assert_array_equal(first, second)
    assert np.allclose(first.sum(axis=1), 1.0)


def test_sequence_smoother_probabilities_use_the_neighbours():
    samples, labels = _docs()
    model = SequenceSmoother(base=build_linear(), n_splits=2).fit(samples, labels)
    assert model.transition_weight_ in model.transition_weights
    proba = model.predict_proba(samples)
    assert proba.shape == (len(samples), len(model.classes_))


def test_stacked_context_features_locate_the_body_text():
    # Two classes (content first); P(content) high for blocks 0 and 3 only.
    proba = np.array([[0.9, 0.1], [0.1, 0.9], [0.2, 0.8], [0.8, 0.2], [0.1, 0.9]])
    lengths = np.array([10.0, 20.0, 30.0, 40.0, 50.0])
    features = _document_context(proba, lengths, 0, window=1, high=0.5)
    assert features.shape[0] == 5
    np.testing.assert_allclose(features[:, :2], np.log(proba))
    # Neighbour at -1: log-probabilities of the previous block, flag 0 before the first block.
    np.testing.assert_allclose(features[1:, 2:4], np.log(proba[:-1]))
    assert features[0, 4] == 0 and features[0, 2:4].tolist() == [0, 0] and all(features[1:, 4] == 1)
    extra = features[:, -17:]
    np.testing.assert_allclose(extra[:, 0], [0, 0.25, 0.5, 0.75, 1])  # relative position
    np.testing.assert_allclose(np.expm1(extra[:, 4]), [6, 1, 2, 3, 1])  # blocks back to likely content (6: none)
    np.testing.assert_allclose(np.expm1(extra[:, 5]), [3, 2, 1, 6, 6])  # blocks on to likely content
    np.testing.assert_allclose(np.expm1(extra[:, 6]), [150, 0, 20, 50, 0])  # characters in between
    np.testing.assert_allclose(np.expm1(extra[:, 7]), [50, 30, 0, 150, 150])
    assert extra[:, 10].tolist() == [1, 1, 1, 1, 0]  # between the first and last likely-content block
    np.testing.assert_allclose(extra[:, 11], proba[:, 0].mean())


def test_page_groups_pair_a_page_with_its_text_copy():
    para = "A paragraph of body text."
    html = Document(blocks=[Block("Menu", path="nav>a"), Block(para, path="article>p")], kind="html")
    text = Document(blocks=[Block("Menu"), Block(para)], kind="text")
    other = Document(blocks=[Block(para)], kind="text")
    groups = _page_groups(samples_from_documents([html, text, other]))
    assert groups.tolist() == [0, 0, 0, 0, 1]


def test_stacked_context_rescores_content_and_keeps_the_other_labels_proportions():
    samples, labels = _docs()
    model = StackedContext(base=build_linear(), n_splits=2, min_samples_leaf=1, max_iter=20, min_blocks=0).fit(samples, labels)
    proba = model.predict_proba(samples)
    assert proba.shape == (len(samples), len(model.classes_)) and np.allclose(proba.sum(axis=1), 1.0)
    base = model.base_.predict_proba(samples)
    c = model.content_index_
    assert model.classes_[c] == "content"
    assert not np.allclose(proba[:, c], base[:, c])  # the second stage does rescore content
    others = [i for i in range(len(model.classes_)) if i != c]
    unsure = base[:, others].sum(axis=1) > 1e-6  # where the base model leaves the other labels some mass
    assert unsure.sum() >= len(samples) // 2
    np.testing.assert_allclose(proba[unsure][:, others] / proba[unsure][:, others].sum(axis=1, keepdims=True),
                               base[unsure][:, others] / base[unsure][:, others].sum(axis=1, keepdims=True), atol=1e-6)
    is_content = np.array(labels) == "content"
    assert proba[is_content, c].min() > proba[~is_content, c].max()
    assert model.predict(samples).tolist() == labels
    assert model.relabel_ == () and model.relabel_stages_ == []  # no headline or metadata to learn here


def _stacked(**params):
    return StackedContext(base=build_linear(), n_splits=2, min_samples_leaf=1, max_iter=20, min_blocks=0, **params)


def test_stacked_context_rescores_headline_and_metadata_and_leaves_content_alone():
    samples, labels = _docs_with_headlines()
    model = _stacked().fit(samples, labels)
    content_only = _stacked(relabel=()).fit(samples, labels)
    assert model.relabel_ == ("headline", "metadata") and len(model.relabel_stages_) == 2
    proba, plain = model.predict_proba(samples), content_only.predict_proba(samples)
    base = model.base_.predict_proba(samples)
    assert np.allclose(proba.sum(axis=1), 1.0) and proba.min() >= 0
    c = model.content_index_
    np.testing.assert_array_equal(proba[:, c], plain[:, c])  # P(content), hence the cleaning, is unchanged
    chosen = list(model.relabel_index_)
    assert [model.classes_[i] for i in chosen] == ["headline", "metadata"]
    assert not np.allclose(proba[:, chosen], plain[:, chosen], atol=1e-3)  # their own trees decide them
    others = [i for i in range(len(model.classes_)) if i != c and i not in chosen]
    unsure = base[:, others].sum(axis=1) > 1e-6  # the labels left keep the base model's proportions
    assert unsure.sum() >= 6
    np.testing.assert_allclose(proba[unsure][:, others] / proba[unsure][:, others].sum(axis=1, keepdims=True),
                               base[unsure][:, others] / base[unsure][:, others].sum(axis=1, keepdims=True), atol=1e-6)
    y = np.array(labels)
    for label, i in zip(model.relabel_, chosen):
        assert proba[y == label, i].min() > proba[y != label, i].max()
    assert model.predict(samples).tolist() == labels


def test_stacked_context_relabelled_probabilities_fit_beside_content():
    samples, labels = _docs_with_headlines()
    model = _stacked(relabel=("headline", "metadata", "navigation", "legal", "subscription")).fit(samples, labels)
    assert model.relabel_ == ("headline", "metadata", "navigation", "legal", "subscription")
    proba = model.predict_proba(samples)  # every label has its own trees: they share what content leaves
    assert np.allclose(proba.sum(axis=1), 1.0) and proba.min() >= 0


def test_stacked_context_relabels_only_blocks_the_base_model_finds_possible():
    samples, labels = _docs_with_headlines()
    model = _stacked(relabel_min=0.0).fit(samples, labels)
    every = model.predict_proba(samples)
    plain = _stacked(relabel=()).fit(samples, labels).predict_proba(samples)
    possible = model.base_.predict_proba(samples)[:, model.relabel_index_].max(axis=1)
    tau = float(np.median(possible))
    model.set_params(relabel_min=tau)  # a predict-time setting
    some = model.predict_proba(samples)
    below = possible < tau
    assert below.any() and (~below).any()
    np.testing.assert_allclose(some[below], plain[below])  # as if there were no relabel trees
    np.testing.assert_allclose(some[~below], every[~below])
    assert not np.allclose(some, every)


def test_stacked_context_saved_before_relabel_rescores_content_only():
    samples, labels = _docs_with_headlines()
    model = _stacked().fit(samples, labels)
    plain = _stacked(relabel=()).fit(samples, labels).predict_proba(samples)
    del model.relabel_stages_, model.relabel_index_  # what a model file of the previous version holds
    np.testing.assert_allclose(model.predict_proba(samples), plain)


def test_stacked_context_labels_short_documents_with_a_model_fitted_on_crops():
    samples, labels = _docs()  # documents of 5 and 3 blocks
    model = StackedContext(base=build_linear(), n_splits=2, min_samples_leaf=1, max_iter=20, min_blocks=4).fit(samples, labels)
    proba = model.predict_proba(samples)
    short = np.array([False] * 5 + [True] * 3 + [False] * 5 + [True] * 3)
    assert list(model.short_.classes_) == list(model.classes_)
    np.testing.assert_allclose(proba[short], model.short_.predict_proba([s for s, k in zip(samples, short) if k]))
    long_only = [s for s, k in zip(samples, short) if not k]
    np.testing.assert_allclose(proba[~short], model.predict_proba(long_only))  # a document's neighbours in the batch do not matter
    assert not np.allclose(proba[~short], model.base_.predict_proba(long_only))
    model.set_params(min_blocks=6)  # a predict-time setting: now both documents are short
    np.testing.assert_allclose(model.predict_proba(samples), model.short_.predict_proba(samples))
    plain = StackedContext(base=build_linear(), n_splits=2, min_samples_leaf=1, max_iter=20, min_blocks=4,
                           short_crops=0).fit(samples, labels)
    assert plain.short_ is None
    np.testing.assert_array_equal(plain.predict_proba(samples)[short], plain.base_.predict_proba(samples)[short])


def test_stacked_context_crops_are_windows_of_one_document_with_their_labels():
    samples, labels = _docs()
    model = StackedContext(base=build_linear(), min_blocks=4, short_crops=3)
    crops, crop_labels = model._crops(samples, labels)
    assert (crops, crop_labels) == model._crops(samples, labels)  # fixed seed
    windows: dict[int, list] = {}
    for crop, label in zip(crops, crop_labels):
        windows.setdefault(crop.doc, []).append((crop, label))

    def source(window) -> int | None:
        """Where in ``samples`` the window's blocks stand, consecutive in one document."""
        for at in range(len(samples) - len(window) + 1):
            run = samples[at:at + len(window)]
            if len({s.doc for s in run}) == 1 and all(s.block is c.block for s, (c, _) in zip(run, window)):
                return at
        return None

    sizes, firsts = set(), set()
    for window in windows.values():
        at = source(window)
        assert at is not None
        assert [crop.index for crop, _ in window] == list(range(len(window)))
        assert all(crop.count == len(window) for crop, _ in window)
        assert [label for _, label in window] == labels[at:at + len(window)]
        sizes.add(len(window))
        firsts.add(samples[at].index)
    assert sizes == {1, 2, 3}
    assert 0 in firsts  # the first blocks of a document are among the crops


def test_stacked_context_validates_in_fit():
    samples, labels = _docs()
    with pytest.raises(ValueError, match="base"):
        StackedContext().fit(samples, labels)
    with pytest.raises(ValueError, match="n_splits"):
        StackedContext(base=build_linear(), n_splits=1).fit(samples, labels)
    with pytest.raises(ValueError, match="min_blocks"):
        StackedContext(base=build_linear(), min_blocks=-1).fit(samples, labels)
    with pytest.raises(ValueError, match="short_crops"):
        StackedContext(base=build_linear(), short_crops=-1).fit(samples, labels)
    with pytest.raises(ValueError, match="relabel_min"):
        StackedContext(base=build_linear(), relabel_min=1.0).fit(samples, labels)
    for relabel in (("content",), ("legal", "legal"), "headline", (3,)):
        with pytest.raises(ValueError, match="relabel"):
            StackedContext(base=build_linear(), relabel=relabel).fit(samples, labels)
    with pytest.raises(ValueError, match="two pages"):
        StackedContext(base=build_linear()).fit(samples, labels, groups=np.zeros(len(samples)))
    with pytest.raises(ValueError, match="content"):
        StackedContext(base=build_linear()).fit(samples, ["legal" if v == "content" else v for v in labels])
    with pytest.raises(NotFittedError):
        StackedContext(base=build_linear()).predict_proba(samples)


def test_stacked_model_saves_and_loads(tmp_path):
    samples, labels = _docs_with_headlines()
    predictor = Predictor(StackedContext(base=build_linear(), n_splits=2).fit(samples, labels), {"note": "stacked"})
    assert len(predictor.estimator.relabel_stages_) == 2
    path = tmp_path / "stacked.skops"
    predictor.save(path)
    np.testing.assert_array_equal(Predictor.load(path).estimator.predict_proba(samples),
                                  predictor.estimator.predict_proba(samples))


def test_a_model_whose_trees_point_outside_themselves_is_refused(tmp_path):
    # skops loads a tree's node indices as they are, and prediction follows them unchecked.
    from classifier.predictor import _check_estimator

    from sklearn.ensemble import HistGradientBoostingClassifier

    X = np.random.default_rng(0).normal(size=(200, 3))
    model = HistGradientBoostingClassifier(max_iter=3).fit(X, np.where(X[:, 0] > 0, "content", "navigation"))
    _check_estimator(Path("ok.skops"), model)
    tree = model._predictors[0][0]
    split = np.flatnonzero(tree.nodes["is_leaf"] == 0)[0]
    for field, value in (("left", len(tree.nodes) + 5), ("feature_idx", model.n_features_in_)):
        saved = tree.nodes[field][split]
        tree.nodes[field][split] = value
        with pytest.raises(ClassifierError, match="points outside"):
            _check_estimator(Path("m.skops"), model)
        tree.nodes[field][split] = saved
    _check_estimator(Path("ok.skops"), model)


def test_save_and_load_round_trip(tmp_path):
    samples, labels = _docs()
    predictor = Predictor(build_linear().fit(samples, labels), {"note": "test"})
    path = tmp_path / "m.skops"
    predictor.save(path)
    loaded = Predictor.load(path)
    assert loaded.card == {"note": "test"}
    np.testing.assert_array_equal(loaded.estimator.predict_proba(samples), predictor.estimator.predict_proba(samples))
    assert not list(tmp_path.glob("*.part"))


def test_corrupt_foreign_and_missing_model_files_give_clear_errors(tmp_path):
    corrupt = tmp_path / "corrupt.skops"
    corrupt.write_bytes(b"this is not a zip file")
    with pytest.raises(ClassifierError, match="not a classifier model file"):
        Predictor.load(corrupt)
    foreign = tmp_path / "foreign.skops"
    with zipfile.ZipFile(foreign, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ClassifierError, match="foreign.skops"):
        Predictor.load(foreign)
    with pytest.raises(ClassifierError, match="classifier train"):
        Predictor.load(tmp_path / "missing.skops")


class Stranger:
    """A type the project never ships, standing in for anything unexpected in a model file."""

    def __init__(self):
        self.payload = "x"


def test_untrusted_types_are_refused(tmp_path):
    import skops.io as sio

    path = tmp_path / "evil.skops"
    sio.dump({"format": 1, "sklearn": "x", "estimator": Stranger()}, path)
    with pytest.raises(ClassifierError, match=r"untrusted types: (tests\.)?test_model\.Stranger"):
        Predictor.load(path)


def test_a_model_file_reaching_for_getattr_is_refused(tmp_path):
    # getattr would let a file walk from any trusted object to exec: no function is trusted.
    import json

    import skops.io as sio

    samples, labels = _docs()
    plain = tmp_path / "plain.skops"
    sio.dump({"format": 1, "sklearn": "x", "estimator": build_linear().fit(samples, labels)}, plain)
    with zipfile.ZipFile(plain) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    schema = json.loads(files["schema.json"])
    schema["content"]["sklearn"] = {
        "__class__": "getattr", "__module__": "builtins", "__loader__": "ConstructorFromReduceNode",
        "content": {"__class__": "tuple", "__module__": "builtins", "__loader__": "TupleNode", "content": [
            {"__class__": "getattr", "__module__": "builtins", "__loader__": "FunctionNode"},
            {"__class__": "str", "__module__": "builtins", "__loader__": "JsonNode", "content": '"__self__"',
             "is_json": True}]}}
    files["schema.json"] = json.dumps(schema).encode()
    evil = tmp_path / "evil.skops"
    with zipfile.ZipFile(evil, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    with pytest.raises(ClassifierError, match="untrusted types: builtins.getattr"):
        Predictor.load(evil)


def test_a_model_that_holds_a_function_or_no_fitted_classifier_of_our_labels_is_refused(tmp_path):
    import skops.io as sio
    from sklearn.linear_model import LogisticRegression

    from classifier.predictor import _check_estimator

    samples, labels = _docs()
    model = build_linear().fit(samples, labels)
    _check_estimator(Path("ok.skops"), model)
    model.named_steps["features"].transformer_list[0][1].vectorizer_.tokenizer = str.split
    with pytest.raises(ClassifierError, match="holds a function"):
        _check_estimator(Path("m.skops"), model)
    unfitted = tmp_path / "unfitted.skops"
    sio.dump({"format": 1, "sklearn": "x", "estimator": LogisticRegression()}, unfitted)
    with pytest.raises(ClassifierError, match="no trained classifier"):
        Predictor.load(unfitted)
    cats = tmp_path / "cats.skops"
    sio.dump({"format": 1, "sklearn": "x",
              "estimator": LogisticRegression().fit([[0.0], [1.0]], ["cat", "dog"])}, cats)
    with pytest.raises(ClassifierError, match="not this project's labels"):
        Predictor.load(cats)


def test_other_sklearn_version_warns(tmp_path, monkeypatch):
    import sklearn
    import skops.io as sio

    samples, labels = _docs()
    path = tmp_path / "old.skops"
    sio.dump({"format": 1, "sklearn": "0.0.1", "estimator": build_linear().fit(samples, labels)}, path)
    with pytest.warns(UserWarning, match="classifier train"):
        Predictor.load(path)
    assert sklearn.__version__ != "0.0.1"


def test_shipped_model_loads_is_small_and_has_a_card():
    from classifier.predictor import default_model_path

    path = default_model_path()
    assert path.stat().st_size < 20 * 2**20
    model = load_model()
    card = model.card
    assert card["training_data"]["sha256"] and card["training_data"]["label_counts"]["content"] > 0
    assert card["libraries"]["scikit-learn"]
    assert set(model.classes) == set(Label)


def test_shipped_model_is_what_train_builds_from_the_labels():
    """A change to the model's defaults or to labels/ must come with a retrained model."""
    model = load_model()
    built = build_model()
    assert type(model.estimator) is type(built)
    params = {k: v for k, v in built.get_params(deep=False).items() if k != "base"}
    assert {k: model.estimator.get_params(deep=False)[k] for k in params} == params
    assert model.estimator.relabel_ == RELABEL
    assert model.card["training_data"]["sha256"] == load_corpus(LABELS).fingerprint()


def test_shipped_model_labels_seed_boilerplate():
    model = load_model()
    records = model.label_lines([
        "Support The Moscow Times!",
        "Britain has sent defensive weapons to Ukraine amid mounting worries that Russia could invade its ex-Soviet neighbor, which is asking for Western military aid.",
        "British Defense Secretary Ben Wallace told Parliament that London delivered to Ukraine on Monday a small number of anti-armor defensive weapon systems.",
        "Sign up for our free weekly newsletter",
        "Subscribers agree to the Privacy Policy",
        "LEAVE A REPLY",
        "Please enter your comment!",
        "Please enter your name here",
    ])
    labels = [r.label.value for r in records]
    assert labels[1] == labels[2] == "content"
    assert labels[3] == "subscription"
    assert labels[5] == labels[7] == "comments"
    assert all(0.0 <= r.probability <= 1.0 for r in records)


def test_shipped_model_judges_snippets_of_a_few_lines_by_what_they_say():
    """Inputs under 5 lines go to the model fitted on crops: whole-page habits (every line of a
    2-line input lies "inside the body") do not make them article."""
    model = load_model()
    sentence = "The minister said on Tuesday that the talks would resume next week in Geneva."
    assert [r.label.value for r in model.label_lines([sentence])] == ["content"]
    assert [r.label.value for r in model.label_lines(["Sign up for our free weekly newsletter", sentence])] == [
        "subscription", "content"]
    appeal = [r.label.value for r in model.label_lines(["Support The Moscow Times!", "Once", "Monthly", "Annual"])]
    assert "content" not in appeal and appeal[0] == "donation"
    assert [r.label.value for r in model.label_lines(["LEAVE A REPLY", "Please enter your comment!"])] == [
        "comments", "comments"]
    assert [r.label.value for r in model.label_lines(["© 2024 Example News. All rights reserved."])] == ["legal"]
