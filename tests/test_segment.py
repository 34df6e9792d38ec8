"""Segmentation: a line of a text file, a visible text block of a page, with its DOM context."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classifier.document import ClassifierError
from classifier.segment import (
    _attr_words, make_document, normalize_space, parse_html, segment, segment_html, segment_text,
)

from helpers import ARTICLE_HTML, SEEDS


def texts(html: str) -> list[str]:
    return [block.text for block in segment_html(html)[0]]


# --------------------------------------------------------------------------- text files


def test_normalize_space():
    assert normalize_space("  a \t b\u00a0\u00a0c \n") == "a b c"
    assert normalize_space("\u2003\u2028 ") == ""


def test_text_lines_keep_their_line_numbers():
    blocks, _ = segment_text("First line\n\n   \n  Second   line  \r\nThird\n")
    assert [(b.text, b.line) for b in blocks] == [("First line", 1), ("Second line", 4), ("Third", 5)]
    assert all(b.path == "" and b.attrs == "" and b.link_density == 0 for b in blocks)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_every_non_blank_seed_line_is_a_block(seed):
    text = seed.read_text(encoding="utf-8")
    blocks, _ = segment_text(text)
    lines = text.split("\n")
    expected = [(normalize_space(line), n) for n, line in enumerate(lines, start=1) if line.strip()]
    assert [(b.text, b.line) for b in blocks] == expected


def test_seed_001_blocks():
    text = next(p for p in SEEDS if p.name.startswith("001")).read_text(encoding="utf-8")
    blocks, meta = segment_text(text)
    assert blocks[0].text == "Support The Moscow Times!" and blocks[0].line == 1
    assert blocks[1].text == "Ukraine Receives Defensive Military Aid from U.K." and blocks[1].line == 3
    assert blocks[-1].text == "Read more"
    assert meta.title is None  # a donation appeal, not a headline, opens this file


@pytest.mark.parametrize("separator", ["\u2028", "\x0c", "\x1c", "\x85", "\x0b"])
def test_line_numbers_count_only_real_line_breaks(separator):
    # Editors, `wc -l` and the labels/ files count \n (and \r\n, \r): a form feed or a Unicode
    # line separator inside a paragraph must not shift the numbers of the lines that follow.
    text = f"one{separator}still one\ntwo\r\nthree\rfour\n"
    blocks, _ = segment_text(text)
    assert [(b.text, b.line) for b in blocks] == [("one still one", 1), ("two", 2), ("three", 3), ("four", 4)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40), max_size=30))
def test_segment_text_never_loses_a_non_blank_line(lines: list[str]):
    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    blocks, _ = segment_text("\n".join(lines))
    expected = [(normalize_space(line), n) for n, line in enumerate(lines, start=1) if normalize_space(line)]
    assert [(b.text, b.line) for b in blocks] == expected


# --------------------------------------------------------------------------- HTML


def test_article_page_blocks_in_document_order():
    blocks, _ = segment_html(ARTICLE_HTML)
    got = [b.text for b in blocks]
    assert got[:3] == ["Home", "News", "Sport"]
    assert got[3] == "Harbour reopens after storm"
    assert got[-1] == "\u00a9 2023 Coastal Times. All rights reserved."
    assert "Boats return to the harbour on Saturday. Photo: John Smith" in got
    assert not any("tracking" in t or "color" in t or "Coastal Times</title>" in t for t in got)
    headline = blocks[3]
    assert headline.path == "html>body>article>h1" and headline.tag == "h1"
    assert headline.attrs == "story"
    assert headline.line == 17  # the page's line where the block starts
    nav = blocks[0]
    assert nav.link_density == 1.0 and "menu" in nav.attrs.split()
    assert blocks[9].attrs == "newsletter signup"


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<p>one<br>two</p>", ["one two"]),
        ("<p>one<br><br>two</p>", ["one", "two"]),
        ("<p>one<br> <br>two</p>", ["one", "two"]),
        ("<div>a<p>b</p>c</div>", ["a", "b", "c"]),
        ("<ul><li>one</li><li>two</li></ul>", ["one", "two"]),
        ("<table><tr><td>a</td><td>b</td></tr></table>", ["a", "b"]),
        ("<p>a<img alt=x>b</p>", ["a b"]),
        ("<p>bold<b>er</b> text</p>", ["bolder text"]),
        ("<p>before<!-- comment -->after</p>", ["beforeafter"]),
        ("<p>A&nbsp;&nbsp;B &amp; C</p>", ["A B & C"]),
        ("<p>x<span hidden>secret</span> y <span style='display: none'>s2</span>z</p>", ["x y z"]),
        ("<div aria-hidden='true'>aria</div><p>vis</p>", ["vis"]),
        ("<p>x<template>t</template>y<script>s()</script><style>.a{}</style></p>", ["xy"]),
        ("<p>visible <noscript>enable js</noscript>text</p>", ["visible text"]),
        ("<p>a\x0cb</p><p>c\x1fd</p>", ["a b", "c d"]),
        ("<form><select><option>Choose</option></select><label>Name</label></form>", ["Name"]),
        ("", None),
        ("<!-- only a comment -->", None),
        ("<html><body>   <br>  </body></html>", []),
    ],
)
def test_html_blocks(html: str, expected):
    if expected is None:
        with pytest.raises(ClassifierError, match="unparseable HTML"):
            segment_html(html)
    else:
        assert texts(html) == expected


def test_link_density():
    (block,) = segment_html("<p><a href=#>link</a> text words here</p>")[0]
    assert block.link_density == pytest.approx(4 / 17, abs=1e-3)
    (block,) = segment_html("<p><a href=#>all <b>linked</b></a></p>")[0]
    assert block.link_density == 1.0


def test_class_and_id_words_nearest_first():
    html = '<div class="sidebar"><div class="articleBody main-text" id="story"><p class="x">t</p></div></div>'
    (block,) = segment_html(html)[0]
    assert block.attrs.split() == ["article", "body", "main", "text", "story", "sidebar"]
    assert block.path == "html>body>div>div>p"


def test_xml_declaration_in_a_str_page():
    page = '<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>caf\u00e9</p></body></html>'
    assert texts(page) == ["caf\u00e9"]


def test_page_nested_100000_tags_deep_is_cleaned_or_refused_clearly():
    depth = 100_000
    page = "<html><body><p>before</p>" + "<div>" * depth + "deep text" + "</div>" * depth + "<p>after</p></body></html>"
    start = time.perf_counter()
    try:
        got = texts(page)
    except ClassifierError as exc:
        assert "deep" in str(exc)
    else:  # never a silently truncated page
        assert got == ["before", "deep text", "after"]
    assert time.perf_counter() - start < 5


def test_moderately_deep_page_is_kept_whole():
    depth = 1000  # badly formed pages with hundreds of unclosed tags exist in the wild
    page = "<html><body>" + "<span>" * depth + "<p>deep text</p>" + "</span>" * depth + "<p>after</p></body></html>"
    assert texts(page) == ["deep text", "after"]


def test_parse_html_of_garbage_does_not_crash():
    root = parse_html("<<<>>> </p></div> & <b")
    assert root is not None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["<p>", "</p>", "<div class='a b'>", "</div>", "<br>", "<a href=x>", "</a>", "<script>",
                         "</script>", "<!--", "-->", "<b>", "</b>", "&amp;", "&nbsp;", "<li>", "<table>", "<td>",
                         "<?xml version='1.0' encoding='utf-8'?>", "<span hidden>", "</span>"])
        | st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
        max_size=40,
    )
)
def test_segment_html_raises_nothing_but_classifier_error(parts: list[str]):
    try:
        blocks, _ = segment_html("".join(parts))
    except ClassifierError:
        return
    for block in blocks:
        assert block.text and block.text == normalize_space(block.text)
        assert 0.0 <= block.link_density <= 1.0


def test_segment_dispatch_and_make_document():
    assert segment("<p>x</p>", "text")[0][0].text == "<p>x</p>"
    assert segment("<p>x</p>", "html")[0][0].text == "x"
    document = make_document("Title\n20211118\nBody text.", "text", path="a.txt", encoding="utf-8")
    assert document.kind == "text" and document.path == "a.txt" and document.encoding == "utf-8"
    assert document.texts == ["Title", "20211118", "Body text."]
    assert document.metadata.date == "2021-11-18"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAbBzZ09-_ \u00e9\u00c9\u0130\u212a.:\t", max_size=16), st.one_of(st.none(), st.text(max_size=8)))
def test_attr_words_split_at_non_letters_and_camelcase_humps(class_, id_):
    # The definition: split at runs of non-ASCII-letters and between a lower and an upper case letter.
    raw = f"{class_ or ''} {id_ or ''}"
    expected = tuple(w.lower() for w in re.split(r"[^A-Za-z]+|(?<=[a-z])(?=[A-Z])", raw) if len(w) > 1)
    assert _attr_words(class_, id_) == expected


def test_a_str_utf8_cannot_hold_is_parsed_as_a_str():
    # Pages are parsed as UTF-8 bytes; lone surrogates (only possible in a str built by hand) are not.
    assert [b.text for b in segment_html("<p>one</p><p>two \ud800</p>")[0]][0] == "one"


def test_a_document_of_too_many_blocks_is_refused_clearly(monkeypatch):
    # Labelling holds a few kB per block of a document: 2 million short lines took 12 GB.
    import classifier.segment as segment

    monkeypatch.setattr(segment, "MAX_BLOCKS", 3)
    assert len(segment.make_document("a\nb\nc\n", "text").blocks) == 3
    with pytest.raises(ClassifierError, match=r"too many lines to label as one document \(4 > 3\)"):
        segment.make_document("a\nb\nc\nd\n", "text")
    with pytest.raises(ClassifierError, match="too many text blocks"):
        segment.make_document("<p>a</p><p>b</p><p>c</p><p>d</p>", "html")
