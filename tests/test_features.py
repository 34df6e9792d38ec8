"""Feature transformers: the fast paths give exactly what the plain scikit-learn definitions give."""

from __future__ import annotations

import re

import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize

from classifier.document import Block, Document
from classifier.features import (_FIELDS, HashedText, NeighbourText, _csr, _hash_columns, neighbour_index,
                                 samples_from_documents)
from classifier.segment import segment_html

from helpers import ARTICLE_HTML, SEEDS


def _same(a: sp.csr_matrix, b: sp.csr_matrix) -> bool:
    """Same values stored in the same order (the order decides a dot product's last bits)."""
    return (a.shape == b.shape and np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
            and np.array_equal(a.data, b.data))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1,
                        max_size=12), min_size=1, max_size=30))
def test_hash_columns_agree_with_the_hashing_vectorizer(tokens):
    vectorizer = HashingVectorizer(token_pattern=r"\S+", lowercase=False, norm=None, alternate_sign=False,
                                   n_features=2**14)
    tokens = [t for t in tokens if re.fullmatch(r"\S+", t)]
    expected = [vectorizer.transform([t]).indices[0] for t in tokens]
    assert _hash_columns(tokens, 2**14).tolist() == expected


def _reference_neighbour_text(model: NeighbourText, samples) -> sp.csr_matrix:
    """NeighbourText.transform as first written: every block's words hashed by the vectorizer."""
    as_previous, as_next = [], []
    for s in samples:
        words = re.findall(r"\w+", s.block.text.lower())[:40]
        as_previous.append(" ".join(["p_" + w for w in words]))
        as_next.append(" ".join(["n_" + w for w in words]))
    counter = clone(model.vectorizer_).set_params(norm=None)
    own = {"p": counter.transform(as_previous), "n": counter.transform(as_next)}
    tags = [s.block.tag if s.block.path else "" for s in samples]
    n = len(samples)
    markers = [[] for _ in samples]
    total = sp.csr_matrix((n, model.n_features))
    for offset in range(-model.window, model.window + 1):
        if offset == 0:
            continue
        side = "p" if offset < 0 else "n"
        edge = f"{side}{'1' if abs(offset) == 1 else '2'}_EDGE"
        index = neighbour_index(samples, offset)
        present = np.flatnonzero(index >= 0)
        pick = sp.csr_matrix((np.ones(len(present)), (present, index[present])), shape=(n, n))
        total = total + pick @ own[side]
        for i in np.flatnonzero(index < 0).tolist():
            markers[i].append(edge)
        if abs(offset) == 1:
            for i in present.tolist():
                if tags[index[i]]:
                    markers[i].append(f"{side}_tag_{tags[index[i]]}")
    matrix = normalize(total + counter.transform([" ".join(m) for m in markers]))
    return matrix * model.weight


def test_neighbour_text_matches_its_plain_definition_bit_for_bit():
    page = Document(blocks=segment_html(ARTICLE_HTML)[0], kind="html")
    seed = Document(blocks=[Block(line) for line in SEEDS[0].read_text(encoding="utf-8").splitlines() if line.strip()])
    tiny = Document(blocks=[Block("Reply")], kind="text")
    samples = samples_from_documents([page, seed, tiny, page, tiny])
    for window in (1, 3):
        model = NeighbourText(window=window, n_features=2**14).fit(samples)
        assert _same(model.transform(samples), _reference_neighbour_text(model, samples))


def test_hashed_words_match_the_hashing_vectorizer_bit_for_bit():
    page = Document(blocks=segment_html(ARTICLE_HTML)[0], kind="html")
    seed = Document(blocks=[Block(line) for line in SEEDS[3].read_text(encoding="utf-8").splitlines() if line.strip()])
    odd = Document(blocks=[Block(t) for t in ("Reply", "Straße STRASSE straße", "東京 the the the", "—", "İstanbul ǅ",
                                               "a b c d e f", "x")], kind="text")
    samples = samples_from_documents([page, seed, odd, page])
    for field, ngrams in (("text", (1, 1)), ("text", (1, 2)), ("text", (2, 3)), ("text", (1, 3)), ("dom", (1, 1))):
        model = HashedText(field=field, ngram_range=ngrams, n_features=2**12, weight=0.7).fit(samples)
        got = model.transform(samples)
        key, value = _FIELDS[field]
        values = [key(s) if value is None else value(key(s)) for s in samples]
        assert _same(got, model.vectorizer_.transform(values) * 0.7), (field, ngrams)


def test_csr_is_scipys_conversion():
    dense = np.array([[0.0, -0.0, 1.5, np.nan], [0.0, 0.0, 0.0, 0.0], [2.0, 0.0, -3.0, 0.0]])
    got, expected = _csr(dense), sp.csr_matrix(dense)
    assert np.array_equal(got.indptr, expected.indptr) and np.array_equal(got.indices, expected.indices)
    np.testing.assert_array_equal(got.data, expected.data)
    assert _csr(np.zeros((0, 4))).shape == (0, 4)
