"""The batch shape features equal their plain one-block-at-a-time definition.

``classifier.shape`` computes the columns for many blocks at once (code-point arrays, one regex
pass over the joined text).  The reference below is the readable definition the model was
trained with; any difference between the two is a bug in the fast path.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classifier.corpus import load_corpus
from classifier.document import Block, Document
from classifier.features import ShapeFeatures, samples_from_documents
from classifier.shape import (
    BOILERPLATE_CUES, CONTAINERS, CONTINUING, COLUMNS, DATE_PATTERN, DOC_CONTEXT_SIZE, LONG_WORDS, SENTENCE_END_PATTERN,
    SHAPE_SIZE, TAGS, TERMINAL, TIME_PATTERN, URL_PATTERN, doc_context, shape_matrix,
)

from helpers import LABELS

CUES = [re.compile(p, re.I) for p in BOILERPLATE_CUES.values()]


def reference_row(text: str, path: str = "", link_density: float = 0.0, kind: str = "text", index: int = 0,
                  count: int = 1) -> list[float]:
    """One block's columns, computed the obvious way."""
    words = text.split()
    n_chars, n_words = len(text), len(words)
    letters = sum(ch.isalpha() for ch in text) or 1
    upper = sum(ch.isupper() for ch in text)
    last = text.rstrip()[-1:]
    tags = path.split(">") if path else []
    tag = tags[-1] if tags else ""
    return [
        math.log1p(n_chars), math.log1p(n_words), n_chars / max(1, n_words) / 10.0,
        upper / letters, sum(ch.isdigit() for ch in text) / max(1, n_chars),
        sum((not ch.isalnum()) and not ch.isspace() for ch in text) / max(1, n_chars),
        float(letters > 3 and upper / letters > 0.8), float(text[:1].isupper()), float(text[:1].isdigit()),
        float(last in TERMINAL), float(last in CONTINUING), float(last.isalnum()),
        min(10, len(re.findall(SENTENCE_END_PATTERN, text + " "))) / 5.0,
        sum(w[:1].isupper() for w in words) / max(1, n_words),
        float(bool(re.search(URL_PATTERN, text, re.I))), float("|" in text or "•" in text or "·" in text),
        float(bool(re.search(DATE_PATTERN, text))), float(bool(re.search(TIME_PATTERN, text))),
        float(not any(ch.isalnum() for ch in text)), float("\u201c" in text or '"' in text),
        *[float(bool(cue.search(text))) for cue in CUES],
        link_density, float(bool(path)),
        *[float(tag == t) for t in TAGS], *[float(c in tags) for c in CONTAINERS],
        float(kind == "html"), index / max(1, count - 1), math.log1p(index), math.log1p(count - 1 - index),
        math.log1p(count),
    ]


def reference_context(blocks: list[Block]) -> np.ndarray:
    """Each block's place relative to the body (long paragraphs) and its container's share."""
    n = len(blocks)
    out = np.zeros((n, DOC_CONTEXT_SIZE))
    chars = [len(b.text) for b in blocks]
    long = [len(b.text.split()) >= LONG_WORDS and b.link_density < 0.3 for b in blocks]
    long_idx = [i for i in range(n) if long[i]]
    keys = [b.path + "|" + b.attrs for b in blocks]
    body = sum(c for c, b in zip(chars, blocks) if b.link_density < 0.5) or 1.0
    group_chars = {k: sum(c for c, b, kk in zip(chars, blocks, keys) if kk == k and b.link_density < 0.5) for k in keys}
    top = max(group_chars.values())
    window = np.convolve(np.array(long, dtype=float), np.ones(7), mode="same") / 7.0
    for i in range(n):
        before = [j for j in long_idx if j < i]
        after = [j for j in long_idx if j > i]
        row = out[i]
        row[0] = float(bool(long_idx) and long_idx[0] <= i <= long_idx[-1])
        row[1] = min(i - before[-1] if before else math.inf, 50) / 50.0
        row[2] = min(after[0] - i if after else math.inf, 50) / 50.0
        row[3] = window[i]
        row[4] = sum(long) / n
        row[5] = chars[i] / (sum(chars) or 1.0)
        if blocks[0].path:
            members = [j for j in range(n) if keys[j] == keys[i]]
            row[6] = group_chars[keys[i]] / body
            row[7] = float(group_chars[keys[i]] == top and top > 0)
            row[8] = math.log1p(len(members)) / 5.0
            row[9] = sum(blocks[j].link_density for j in members) / len(members)
        row[10] = float(not long_idx)
        row[11] = 1.0 if long_idx and i < long_idx[0] else (-1.0 if long_idx and i > long_idx[-1] else 0.0)
    return out


TRICKY = [
    "", " ", "by", "By Jane Doe", "ad", "ADS", "Home", "Support The Moscow Times!", "LEAVE A REPLY",
    "He said: “We will.” Then left.", "Émile ÉTÉ à Zürich — 12:30 GMT", "© 2024 Example News. All rights reserved.",
    "İstanbul’da ISTANBUL", "ﬁnance Straße", "😀 emoji 𝐁𝐨𝐥𝐝 text.", "tab\tseparated\x1ftext", "line\nbreak\nby me",
    "trailing spaces .  ", "Photo: Getty Images", "20211118", "www.example.com/news", "3/4/2021 and 2021",
    "Read more | Share • Tweet · Email", "\u2028sep\u2029", "x" * 300, "The last block ends a sentence.",
]


def test_shape_features_do_not_depend_on_the_batch():
    # A block's features are the same whether it is labelled alone or with other documents.
    docs = [Document(blocks=[Block(t) for t in TRICKY[i:i + 3]], kind="text") for i in range(0, len(TRICKY), 3)]
    together = ShapeFeatures().fit(samples_from_documents(docs)).transform(samples_from_documents(docs)).toarray()
    alone = np.vstack([ShapeFeatures().fit(samples_from_documents([d])).transform(samples_from_documents([d])).toarray()
                       for d in docs])
    np.testing.assert_array_equal(together, alone)


def test_shape_matrix_matches_reference_on_tricky_blocks():
    n = len(TRICKY)
    got, words = shape_matrix(TRICKY, [""] * n, np.zeros(n), np.zeros(n), np.arange(n, dtype=float), np.full(n, float(n)))
    expected = np.array([reference_row(t, index=i, count=n) for i, t in enumerate(TRICKY)])
    assert got.shape == (n, SHAPE_SIZE) == expected.shape
    for column, name in enumerate(COLUMNS):
        np.testing.assert_allclose(got[:, column], expected[:, column], atol=1e-12, err_msg=name)
    np.testing.assert_array_equal(words, [len(t.split()) for t in TRICKY])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=60), min_size=1, max_size=8))
def test_shape_matrix_matches_reference_on_any_text(texts):
    n = len(texts)
    got, _ = shape_matrix(texts, [""] * n, np.zeros(n), np.zeros(n), np.zeros(n), np.ones(n))
    expected = np.array([reference_row(t) for t in texts])
    np.testing.assert_allclose(got, expected, atol=1e-12)


#: Pieces of the cue, date and time patterns (and their edges: line starts, word boundaries,
#: case, a capital whose lower case is longer), to build texts that hit every branch of Finder.
CUE_PIECES = [
    "Donate", "support us", "Subscribe", "sign in", "e-mail address", "comment", "replies", "©", "(c)",
    "cookie", "Ad", "ads", "Advertisement", "home", "Menu", "share", "read more", "Tags:", "photo:",
    "Getty Images", "/ AFP", "by", "By ", "published", "min read", "Monday", "fridays", "a.m.", "AM",
    "pm", "spam", "xmonday", "gmt", "about us", "covers ", "http://", "www.", ".com", "2021", "1999", "12/03/2020",
    "20211118", "10:30", "İ", "x", "-", " ", "\n", ".", "!",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(CUE_PIECES), max_size=6).map("".join), min_size=1, max_size=6))
def test_cue_finders_match_the_whole_patterns(texts):
    # Finder scans each alternative on its own (expanded, ^ as \n, \b dropped then confirmed):
    # every block must get exactly what the whole pattern says of it alone.
    n = len(texts)
    got, _ = shape_matrix(texts, [""] * n, np.zeros(n), np.zeros(n), np.zeros(n), np.ones(n))
    expected = np.array([reference_row(t) for t in texts])
    for column, name in enumerate(COLUMNS):
        np.testing.assert_allclose(got[:, column], expected[:, column], atol=1e-12, err_msg=name)


@pytest.fixture(scope="module")
def labeled_documents():
    docs = load_corpus(LABELS).documents
    return [Document(blocks=list(d.blocks), kind=d.kind) for d in docs[::10]]


def test_shape_features_match_reference_on_labeled_pages(labeled_documents):
    samples = samples_from_documents(labeled_documents)
    got = ShapeFeatures(window=0).fit(samples).transform(samples).toarray()
    own = np.array([reference_row(s.block.text, s.block.path, s.block.link_density, s.kind, s.index, s.count)
                    for s in samples])
    context = np.vstack([reference_context(d.blocks) for d in labeled_documents])
    np.testing.assert_allclose(got, np.hstack([own, context]), atol=1e-12)


def test_doc_context_marks_the_body_span():
    texts = ["Menu", "Home", "word " * 20, "Share", "word " * 15, "© Example"]
    blocks = [Block(t.strip()) for t in texts]
    chars = np.array([len(b.text) for b in blocks], dtype=float)
    words = np.array([len(b.text.split()) for b in blocks], dtype=float)
    out = doc_context(chars, words, np.zeros(len(blocks)), ["|"] * len(blocks), has_dom=False)
    assert out[:, 0].tolist() == [0, 0, 1, 1, 1, 0]  # between the first and last long paragraph
    assert out[:, 11].tolist() == [1, 1, 0, 0, 0, -1]  # before / inside / after the body
    np.testing.assert_allclose(out, reference_context(blocks))
