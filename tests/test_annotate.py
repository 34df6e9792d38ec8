"""The labeling tools on a temporary labels folder: add, set, show and realign."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from classifier.annotate import add_document, load_source, preannotate, realign, set_labels, show
from classifier.corpus import DocumentInfo, doc_path, load_corpus, read_blocks, read_index
from classifier.document import ClassifierError
from classifier.labels import Label
from classifier.segment import make_document

from helpers import ARTICLE_HTML, SEEDS

SEED_001 = next(p for p in SEEDS if p.name.startswith("001"))


def info(doc_id: str, kind: str = "text") -> DocumentInfo:
    return DocumentInfo(doc_id, "test", f"{doc_id}.example", "en", kind, "real", "")


@pytest.fixture
def labels(tmp_path: Path) -> Path:
    """A labels folder holding seed 001 as document ``s1``."""
    root = tmp_path / "labels"
    count = add_document(root, info("s1"), SEED_001)
    assert count == 34
    return root


def stored_lines(root: Path, doc_id: str) -> list[str]:
    source = root / next(i for i in read_index(root) if i.id == doc_id).source
    return source.read_text(encoding="utf-8").split("\n")


def write_lines(root: Path, doc_id: str, lines: list[str]) -> None:
    source = root / next(i for i in read_index(root) if i.id == doc_id).source
    source.write_text("\n".join(lines), encoding="utf-8")


# --------------------------------------------------------------------------- add


def test_add_document_stores_the_source_and_preannotates(labels: Path):
    (row,) = read_index(labels)
    assert row.source == "sources/s1.txt" and row.kind == "text"
    assert (labels / row.source).read_bytes() == SEED_001.read_bytes()
    blocks, guesses = read_blocks(doc_path(labels, "s1"))
    texts = [b.text for b in blocks]
    assert texts[0] == "Support The Moscow Times!" and blocks[0].line == 1
    assert guesses[0] == Label.DONATION
    assert guesses[texts.index("Sign up for our free weekly newsletter")] == Label.SUBSCRIPTION
    assert guesses[texts.index("Read more")] == Label.NAVIGATION
    assert load_corpus(labels).documents[0].id == "s1"


def test_add_an_html_page_with_expected_text(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    expected = ("The harbour reopened on Saturday after a week of repairs to the sea wall that was damaged when "
                "the storm struck the coast, the port authority said.")
    root = tmp_path / "labels"
    add_document(root, info("p1", "html"), page, expected=expected)
    (row,) = read_index(root)
    assert row.source == "sources/p1.html.gz"
    assert gzip.decompress((root / row.source).read_bytes()) == page.read_bytes()
    blocks, guesses = read_blocks(doc_path(root, "p1"))
    by_text = dict(zip((b.text for b in blocks), guesses))
    assert by_text[expected] == Label.CONTENT
    assert by_text["Harbour reopens after storm"] == Label.HEADLINE
    assert by_text["Home"] == Label.NAVIGATION
    assert by_text["Sign up for our free weekly newsletter"] == Label.SUBSCRIPTION
    assert by_text["\u00a9 2023 Coastal Times. All rights reserved."] == Label.LEGAL
    assert blocks[0].path.endswith("li") and blocks[0].link_density == 1.0


def test_the_index_records_the_kind_the_segmenter_used(tmp_path: Path):
    page = tmp_path / "page.txt"  # an HTML page saved with the wrong extension
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    root = tmp_path / "labels"
    add_document(root, info("p1", kind="text"), page)
    (row,) = read_index(root)
    assert row.kind == load_source(root / row.source).kind == "html"


def test_a_gzipped_text_source_is_stored_as_plain_text(tmp_path: Path):
    source = tmp_path / "seed.txt.gz"
    source.write_bytes(gzip.compress(SEED_001.read_bytes()))
    root = tmp_path / "labels"
    add_document(root, info("g1"), source)
    (row,) = read_index(root)
    assert (root / row.source).read_bytes() == SEED_001.read_bytes()


def test_add_refuses_a_duplicate_unless_overwriting(labels: Path):
    with pytest.raises(ClassifierError, match="'s1' is already in"):
        add_document(labels, info("s1"), SEED_001)
    other = next(p for p in SEEDS if p.name.startswith("000"))
    assert add_document(labels, info("s1"), other, overwrite=True) == 17
    assert [i.id for i in read_index(labels)] == ["s1"]
    assert read_blocks(doc_path(labels, "s1"))[0][0].text.startswith("Ukraine requests")


def test_re_adding_a_document_from_its_own_stored_source(labels: Path):
    assert add_document(labels, info("s1"), labels / "sources" / "s1.txt", overwrite=True) == 34
    assert (labels / "sources" / "s1.txt").read_bytes() == SEED_001.read_bytes()


def test_add_a_second_document_keeps_the_first(labels: Path):
    add_document(labels, info("s0"), SEEDS[0])
    assert [i.id for i in read_index(labels)] == ["s1", "s0"]
    assert len(load_corpus(labels)) == 2


@pytest.mark.parametrize(
    "row, message",
    [
        (DocumentInfo("../escape", "test", "x.example", "en", "", "real", ""), "bad document id '../escape'"),
        (DocumentInfo("has space", "test", "x.example", "en", "", "real", ""), "bad document id"),
        (DocumentInfo("ok", "test", "x.example", "en", "", "invented", ""), "authorship must be one of"),
        (DocumentInfo("ok", "test", "", "en", "", "real", ""), "empty site"),
    ],
)
def test_add_refuses_a_bad_index_row_and_writes_nothing(tmp_path: Path, row: DocumentInfo, message: str):
    root = tmp_path / "labels"
    with pytest.raises(ClassifierError, match=message):
        add_document(root, row, SEED_001)
    assert not root.exists()


def test_add_refuses_a_source_without_text(tmp_path: Path):
    page = tmp_path / "empty.html"
    page.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    with pytest.raises(ClassifierError, match="no text blocks"):
        add_document(tmp_path / "labels", info("e", "html"), page)


# --------------------------------------------------------------------------- set and show


def test_set_labels(labels: Path):
    before = read_blocks(doc_path(labels, "s1"))[1]
    changed = set_labels(labels, "s1", ["1=headline", "2-3=caption", "33=navigation"])
    after = read_blocks(doc_path(labels, "s1"))[1]
    assert after[1] == Label.HEADLINE and after[2:4] == [Label.CAPTION, Label.CAPTION]
    assert after[33] == Label.NAVIGATION
    assert changed == sum(a != b for a, b in zip(before, after))
    assert set_labels(labels, "s1", ["1=headline"]) == 0
    assert set_labels(labels, "s1", ["1= Content "]) == 1  # names are forgiving about case and space


@pytest.mark.parametrize(
    "spec, message",
    [
        ("5", "bad edit '5'"),
        ("a=content", "bad edit"),
        ("3-1=content", "blocks 0-33"),
        ("34=content", "blocks 0-33"),
        ("-1=content", "bad edit"),
        ("1=boilerplate", "unknown label 'boilerplate'"),
    ],
)
def test_set_labels_refuses_bad_edits(labels: Path, spec: str, message: str):
    before = doc_path(labels, "s1").read_bytes()
    with pytest.raises(ClassifierError, match=message):
        set_labels(labels, "s1", ["0=other", spec])
    assert doc_path(labels, "s1").read_bytes() == before  # nothing half-applied


def test_show(labels: Path):
    listing = show(labels, "s1").splitlines()
    assert len(listing) == 34
    assert listing[0] == "   0 donation     - ld=0 [] | Support The Moscow Times!"
    part = show(labels, "s1", start=2, end=3, width=10).splitlines()
    assert [line.split()[0] for line in part] == ["2", "3"]
    assert part[0].endswith("| A Ukrainia")


def test_show_an_html_document_gives_tag_and_class_words(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    add_document(tmp_path / "labels", info("p1", "html"), page)
    first = show(tmp_path / "labels", "p1").splitlines()[0]
    assert "li ld=1 [main menu] | Home" in first


def test_unknown_document(labels: Path):
    for call in (lambda: show(labels, "nope"), lambda: set_labels(labels, "nope", ["0=content"])):
        with pytest.raises(ClassifierError, match="nope.tsv: block file missing"):
            call()
    with pytest.raises(ClassifierError, match="no document 'nope'"):
        realign(labels, "nope")


# --------------------------------------------------------------------------- realign


def test_realign_without_changes_keeps_every_label(labels: Path):
    set_labels(labels, "s1", ["1=headline", "3-15=content"])
    before = doc_path(labels, "s1").read_bytes()
    assert realign(labels, "s1") == (34, 0)
    assert doc_path(labels, "s1").read_bytes() == before


def test_realign_carries_labels_over_an_edited_source(labels: Path):
    set_labels(labels, "s1", ["0=donation", "1=headline", "2=caption", "3-15=content", "16-18=subscription", "19-32=donation", "33=navigation"])
    old_blocks, old_labels = read_blocks(doc_path(labels, "s1"))
    lines = stored_lines(labels, "s1")
    # Edit the source, bottom up so that line numbers hold: a brand new paragraph in the middle,
    # one paragraph split in two, one reworded slightly, one line removed, a new line at the top.
    lines.insert(old_blocks[10].line - 1, "A completely new paragraph nobody has labeled yet.")
    first, second = old_blocks[5].text.split("; ", 1)
    lines[old_blocks[5].line - 1:old_blocks[5].line] = [first + ";", second]
    lines[old_blocks[4].line - 1] = old_blocks[4].text.replace("Parliament", "the House of Commons")
    del lines[old_blocks[2].line - 1]
    lines.insert(0, "BREAKING: an inserted banner line")
    write_lines(labels, "s1", lines)

    count, unmatched = realign(labels, "s1")
    blocks, new_labels = read_blocks(doc_path(labels, "s1"))
    assert count == len(blocks) == 34 + 1 - 1 + 1 + 1
    assert unmatched == 2  # the banner and the new paragraph
    by_text = dict(zip((b.text for b in blocks), new_labels))
    old = dict(zip((b.text for b in old_blocks), old_labels))
    for text, label in old.items():
        if text in by_text:
            assert by_text[text] == label, text
    assert by_text[old_blocks[4].text.replace("Parliament", "the House of Commons")] == Label.CONTENT
    assert by_text[first + ";"] == Label.CONTENT and by_text[second] == Label.CONTENT
    assert blocks[0].line == 1 and blocks[1].text == "Support The Moscow Times!" and blocks[1].line == 2
    assert old_blocks[2].text not in by_text


def test_realign_an_html_page_after_the_source_changes(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    root = tmp_path / "labels"
    add_document(root, info("p1", "html"), page)
    blocks, _ = read_blocks(doc_path(root, "p1"))
    set_labels(root, "p1", [f"0-{len(blocks) - 1}=other", "3=headline", "5-7=content"])
    stored = root / "sources" / "p1.html.gz"
    html = gzip.decompress(stored.read_bytes()).decode("utf-8")
    html = html.replace("<p>Fishermen", "<p>Some fishermen").replace("<footer>", "<p>Related: more stories</p><footer>")
    stored.write_bytes(gzip.compress(html.encode("utf-8")))
    count, unmatched = realign(root, "p1")
    blocks, labels = read_blocks(doc_path(root, "p1"))
    assert count == len(blocks) == 12 and unmatched == 1
    by_text = dict(zip((b.text for b in blocks), labels))
    assert by_text["Harbour reopens after storm"] == Label.HEADLINE
    assert next(label for b, label in zip(blocks, labels) if b.text.startswith("Some fishermen")) == Label.CONTENT
    assert by_text["Home"] == Label.OTHER


def test_realign_names_a_missing_source(labels: Path):
    (labels / "sources" / "s1.txt").unlink()
    with pytest.raises(ClassifierError, match="s1.txt"):
        realign(labels, "s1")


def test_preannotate_uses_expected_text_and_title():
    document = make_document("My Title\n20211118\n" + "This sentence is the article body and it is long enough.\n"
                             + "Advertisement\n\u00a9 2024 Someone\n.", "text")
    guesses = preannotate(document, expected="This sentence is the article body and it is long enough.")
    assert guesses == [Label.HEADLINE, Label.OTHER, Label.CONTENT, Label.ADVERTISING, Label.LEGAL, Label.OTHER]


def test_load_source_of_a_copied_seed(tmp_path: Path):
    copy = tmp_path / "seed.txt"
    shutil.copyfile(SEED_001, copy)
    document = load_source(copy)
    assert document.kind == "text" and document.encoding == "utf-8" and len(document.blocks) == 34


# --------------------------------------------------------------------------- the real corpus


def _real_documents():
    from helpers import LABELS

    return [pytest.param(LABELS, info, id=info.id) for info in read_index(LABELS)]


@pytest.mark.parametrize("root, row", _real_documents())
def test_stored_sources_still_segment_into_their_labeled_blocks(root: Path, row: DocumentInfo):
    # The segmenter and the labels must agree block for block; otherwise run `classifier labels realign`.
    blocks, _ = read_blocks(doc_path(root, row.id))
    document = load_source(root / row.source)
    assert document.kind == row.kind
    assert document.blocks == blocks
