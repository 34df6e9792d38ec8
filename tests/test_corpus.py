"""The labels/ corpus: file format, loader validation (errors name file and line), statistics."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classifier.corpus import (
    BLOCK_COLUMNS,
    INDEX_COLUMNS,
    DocumentInfo,
    doc_path,
    format_blocks,
    format_index,
    load_corpus,
    read_blocks,
    read_index,
    statistics,
)
from classifier.document import Block, ClassifierError
from classifier.labels import LABEL_NAMES, Label
from classifier.segment import normalize_space

from helpers import LABELS

HEADER = "\t".join(BLOCK_COLUMNS)
GOOD_ROWS = [
    "0\theadline\tA headline\t\t\t0\t1",
    "1\tcontent\tSome body text.\t\t\t0\t3",
    "2\tnavigation\tRead more\thtml>body>nav\tmenu main\t1\t4",
]


def make_corpus(root: Path, docs: dict[str, list[str]] | None = None, index_rows: list[str] | None = None) -> Path:
    """A small labels folder: ``docs`` maps an id to its block rows (header added)."""
    docs = docs if docs is not None else {"doc-a": GOOD_ROWS, "doc-b": GOOD_ROWS[:2]}
    if index_rows is None:
        index_rows = [f"{doc_id}\ttest\t{doc_id}.example\ten\ttext\treal\tsources/{doc_id}.txt" for doc_id in docs]
    (root / "docs").mkdir(parents=True)
    (root / "index.tsv").write_text("\n".join(["\t".join(INDEX_COLUMNS), *index_rows]) + "\n", encoding="utf-8")
    for doc_id, rows in docs.items():
        (root / "docs" / f"{doc_id}.tsv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return root


def test_load_a_good_corpus(tmp_path: Path):
    corpus = load_corpus(make_corpus(tmp_path))
    assert [d.id for d in corpus.documents] == ["doc-a", "doc-b"]
    doc = corpus.documents[0]
    assert doc.labels == [Label.HEADLINE, Label.CONTENT, Label.NAVIGATION]
    assert doc.blocks[2] == Block(text="Read more", path="html>body>nav", attrs="menu main", link_density=1.0, line=4)
    assert doc.kind == "text" and doc.site == "doc-a.example"


# --------------------------------------------------------------------------- block file validation


@pytest.mark.parametrize(
    "row, line, message",
    [
        ("1\tboilerplate\tSome body text.\t\t\t0\t3", 3, "unknown label 'boilerplate'"),
        ("1\tContent\tSome body text.\t\t\t0\t3", 3, "unknown label 'Content'"),
        ("1\tcontent\t\t\t\t0\t3", 3, "empty block text"),
        ("1\tcontent\t   \t\t\t0\t3", 3, "empty block text"),
        ("1\tcontent\ttwo  spaces\t\t\t0\t3", 3, "not whitespace-normalised"),
        ("2\tcontent\tSome body text.\t\t\t0\t3", 3, "block number '2' out of order (expected 1)"),
        ("x\tcontent\tSome body text.\t\t\t0\t3", 3, "out of order"),
        ("1\tcontent\tSome body text.\t\t\t0", 3, "expected 7 tab-separated columns, got 6"),
        ("1\tcontent\tSome\tbody text.\t\t\t0\t3", 3, "expected 7 tab-separated columns, got 8"),
        ("", 3, "expected 7 tab-separated columns, got 0"),
        ("1\tcontent\tSome body text.\t\t\tmany\t3", 3, "bad number in links"),
        ("1\tcontent\tSome body text.\t\t\t0\tthird", 3, "bad number"),
        ("1\tcontent\tSome body text.\t\t\t1.5\t3", 3, "link density 1.5 outside 0..1"),
    ],
)
def test_block_file_errors_name_the_file_and_line(tmp_path: Path, row: str, line: int, message: str):
    root = make_corpus(tmp_path, {"doc-a": GOOD_ROWS, "doc-b": [GOOD_ROWS[0], row]})
    path = doc_path(root, "doc-b")
    with pytest.raises(ClassifierError) as caught:
        load_corpus(root)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert message in str(caught.value)


def test_unknown_label_message_lists_the_valid_ones(tmp_path: Path):
    root = make_corpus(tmp_path, {"doc-a": ["0\tjunk\tText\t\t\t0\t1"]})
    with pytest.raises(ClassifierError, match="valid: " + ", ".join(LABEL_NAMES)):
        load_corpus(root)


@pytest.mark.parametrize(
    "content, message",
    [
        ("", ":1: header must be"),
        ("n\tlabel\ttext\n0\tcontent\tx\t\t\t0\t1\n", ":1: header must be"),
        (HEADER + "\n", ": no blocks"),
    ],
)
def test_broken_block_files(tmp_path: Path, content: str, message: str):
    path = tmp_path / "doc.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ClassifierError) as caught:
        read_blocks(path)
    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value)


def test_block_file_not_utf8_or_missing(tmp_path: Path):
    path = tmp_path / "doc.tsv"
    path.write_bytes((HEADER + "\n0\tcontent\tcaf\xe9\t\t\t0\t1\n").encode("latin-1"))
    with pytest.raises(ClassifierError, match=re.escape(f"{path}: not UTF-8")):
        read_blocks(path)
    with pytest.raises(ClassifierError, match=re.escape(f"{tmp_path / 'gone.tsv'}: block file missing")):
        read_blocks(tmp_path / "gone.tsv")


# --------------------------------------------------------------------------- index validation


@pytest.mark.parametrize(
    "rows, line, message",
    [
        (["doc-a\tt\ta.example\ten\ttext\treal\ts", "doc-a\tt\ta.example\ten\ttext\treal\ts"], 3,
         "duplicate document id 'doc-a' (first on line 2)"),
        (["doc-a\tt\ta.example\ten\ttext\treal"], 2, "expected 7 columns, got 6"),
        (["doc-a\tt\ta.example\ten\ttext\treal\ts\textra"], 2, "expected 7 columns, got 8"),
        (["doc-a\tt\ta.example\ten\tpdf\treal\ts"], 2, "kind must be one of"),
        (["doc-a\tt\ta.example\ten\ttext\tfake\ts"], 2, "authorship must be one of"),
        (["doc-a\tt\t\ten\ttext\treal\ts"], 2, "empty site for 'doc-a'"),
        (["../doc-a\tt\ta.example\ten\ttext\treal\ts"], 2, "bad document id '../doc-a'"),
    ],
)
def test_index_errors_name_the_file_and_line(tmp_path: Path, rows: list[str], line: int, message: str):
    root = make_corpus(tmp_path, {"doc-a": GOOD_ROWS}, index_rows=rows)
    with pytest.raises(ClassifierError) as caught:
        load_corpus(root)
    assert str(caught.value).startswith(f"{root / 'index.tsv'}:{line}: ")
    assert message in str(caught.value)


def test_index_header_and_presence(tmp_path: Path):
    with pytest.raises(ClassifierError, match="no document index"):
        read_index(tmp_path)
    (tmp_path / "index.tsv").write_text("id\tsite\n", encoding="utf-8")
    with pytest.raises(ClassifierError, match=r"index.tsv:1: header must be"):
        read_index(tmp_path)
    (tmp_path / "index.tsv").write_bytes(b"id\tsite\xe9\n")
    with pytest.raises(ClassifierError, match=r"index.tsv: not UTF-8"):
        read_index(tmp_path)


def test_index_and_block_files_must_match(tmp_path: Path):
    root = make_corpus(tmp_path, {"doc-a": GOOD_ROWS, "stray": GOOD_ROWS},
                       index_rows=["doc-a\tt\ta.example\ten\ttext\treal\ts"])
    with pytest.raises(ClassifierError, match="block files with no index row: stray"):
        load_corpus(root)
    (root / "docs" / "doc-a.tsv").unlink()
    with pytest.raises(ClassifierError, match=re.escape(f"{doc_path(root, 'doc-a')}: block file missing")):
        load_corpus(root)


def test_blank_index_rows_are_skipped(tmp_path: Path):
    root = make_corpus(tmp_path, {"doc-a": GOOD_ROWS}, index_rows=["", "doc-a\tt\ta.example\ten\ttext\treal\ts", ""])
    assert len(load_corpus(root)) == 1


# --------------------------------------------------------------------------- writing


def test_format_index_round_trips(tmp_path: Path):
    infos = [DocumentInfo("a", "o", "a.example", "en", "html", "written", "sources/a.html.gz"),
             DocumentInfo("b", "o/x", "b.example", "fr", "text", "real", "sources/b.txt")]
    (tmp_path / "index.tsv").write_text(format_index(infos), encoding="utf-8")
    assert read_index(tmp_path) == infos


def test_format_blocks_writes_link_density_compactly(tmp_path: Path):
    blocks = [Block("a", link_density=0.0), Block("b", link_density=0.5), Block("c", link_density=1.0),
              Block("d", link_density=0.123)]
    text = format_blocks(blocks, ["content", Label.NAVIGATION, "navigation", "other"])
    assert [line.split("\t")[5] for line in text.splitlines()[1:]] == ["0", "0.5", "1", "0.123"]
    assert [line.split("\t")[1] for line in text.splitlines()[1:]] == ["content", "navigation", "navigation", "other"]


_FIELD = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60).map(normalize_space)
_CONTEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20).map(normalize_space)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            _FIELD.filter(bool),
            _CONTEXT,
            _CONTEXT,
            st.integers(0, 1000).map(lambda n: n / 1000),
            st.integers(0, 10**6),
            st.sampled_from(list(Label)),
        ),
        min_size=1,
        max_size=15,
    )
)
def test_format_then_read_blocks_round_trips(tmp_path_factory, rows):
    blocks = [Block(text=t, path=p, attrs=a, link_density=d, line=n) for t, p, a, d, n, _ in rows]
    labels = [label for *_, label in rows]
    path = tmp_path_factory.mktemp("rt") / "doc.tsv"
    path.write_text(format_blocks(blocks, labels), encoding="utf-8")
    assert read_blocks(path) == (blocks, labels)


def test_a_very_long_block_round_trips(tmp_path: Path):
    # A whole article on one line of a text file: longer than the csv module's 128 KiB field limit.
    blocks = [Block("Short."), Block("word " * 60_000 + "end."), Block('Quotes " and \\ stay as they are.')]
    path = tmp_path / "doc.tsv"
    path.write_text(format_blocks(blocks, ["headline", "content", "content"]), encoding="utf-8")
    assert read_blocks(path)[0] == blocks


# --------------------------------------------------------------------------- the real corpus


@pytest.fixture(scope="module")
def real_corpus():
    return load_corpus(LABELS)


def test_the_real_labels_corpus_loads(real_corpus):
    assert len(real_corpus) >= 200
    assert len(real_corpus) == len(read_index(LABELS))
    ids = [d.id for d in real_corpus.documents]
    assert len(set(ids)) == len(ids)
    seeds = {d.id for d in real_corpus.documents if d.id.startswith("seed-")}
    assert len(seeds) == 5
    for doc in real_corpus.documents:
        assert doc.blocks and len(doc.blocks) == len(doc.labels)
        assert doc.kind in ("text", "html")
        assert (LABELS / doc.info.source).is_file(), doc.info.source


def test_the_real_corpus_uses_every_label(real_corpus):
    stats = statistics(real_corpus)
    assert set(stats["labels"]) == set(LABEL_NAMES)
    assert stats["blocks"] == sum(len(d.blocks) for d in real_corpus.documents)
    assert stats["documents"] == len(real_corpus)
    assert sum(stats["label_documents"].values()) >= len(real_corpus)
    for group in ("kind:text", "kind:html", "authorship:real"):
        assert group in stats["by_group"]
    assert sum(g["documents"] for k, g in stats["by_group"].items() if k.startswith("kind:")) == len(real_corpus)


def test_seed_000_labels_match_the_taxonomy_examples(real_corpus):
    doc = next(d for d in real_corpus.documents if d.id == "seed-000_9d4e089db467dc15")
    assert doc.labels[:3] == [Label.HEADLINE, Label.METADATA, Label.METADATA]
    assert doc.blocks[1].text == "20211118"
    assert set(doc.labels[3:]) == {Label.CONTENT}


def test_statistics_groups(tmp_path: Path):
    root = make_corpus(tmp_path)
    stats = statistics(load_corpus(root))
    assert stats["documents"] == 2 and stats["blocks"] == 5
    assert stats["labels"] == {"headline": 2, "content": 2, "navigation": 1}
    assert stats["label_documents"] == {"headline": 2, "content": 2, "navigation": 1}
    assert stats["by_group"]["origin:test"]["blocks"] == 5


def test_fingerprint_follows_the_files(tmp_path: Path):
    root = make_corpus(tmp_path)
    first = load_corpus(root).fingerprint()
    assert first == load_corpus(root).fingerprint()
    path = doc_path(root, "doc-b")
    path.write_text(path.read_text().replace("\tcontent\t", "\tother\t"), encoding="utf-8")
    assert load_corpus(root).fingerprint() != first
