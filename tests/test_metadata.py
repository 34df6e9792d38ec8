"""Metadata: the header lines of a text file and the <meta> tags / JSON-LD of a page."""

from __future__ import annotations

import pytest

from classifier.document import Block
from classifier.metadata import html_metadata, text_metadata
from classifier.segment import parse_html, segment_html, segment_text

from helpers import ARTICLE_HTML, SEEDS


def seed(prefix: str):
    path = next(p for p in SEEDS if p.name.startswith(prefix))
    return segment_text(path.read_text(encoding="utf-8"))[1]


def lines(*texts: str) -> list[Block]:
    return [Block(text=t, line=n) for n, t in enumerate(texts, start=1)]


# --------------------------------------------------------------------------- text headers


def test_seed_000_header():
    meta = seed("000")
    assert meta.title == "Ukraine requests more military aid from West amid concerns of Russian buildup on borders"
    assert meta.date == "2021-11-18"
    assert meta.url.startswith("https://www.telegraph.co.uk/world-news/2021/11/18/")
    assert meta.header_lines == {"title": 1, "date": 2, "url": 3}


def test_seed_004_header():
    meta = seed("004")
    assert meta.date == "2022-01-12"
    assert meta.url.startswith("https://www.newsweek.com/")
    assert meta.title.startswith("Russia Tells US To Not Arm Ukraine")


@pytest.mark.parametrize("prefix", ["001", "002", "003"])
def test_seeds_without_a_machine_header(prefix: str):
    meta = seed(prefix)  # 003 opens with "Saturday, June 3, 2023", a written-out date
    assert (meta.title, meta.date, meta.url) == (None, None, None)
    assert meta.header_lines == {}


@pytest.mark.parametrize(
    "line, date",
    [
        ("20211118", "2021-11-18"),
        ("2021-11-18", "2021-11-18"),
        ("2021-11-18T10:30:00+02:00", "2021-11-18"),
        ("2021-11-18 10:30:00Z", "2021-11-18"),
        ("Saturday, June 3, 2023", None),  # written out: left to the model and the reliability view
        ("20211399", None),  # not a date
        ("2021-11-18 UPDATED", None),  # a date, but not only a date
        ("The war began on June 3, 2023", None),
    ],
)
def test_date_lines(line: str, date):
    meta = text_metadata(lines("A headline", line, "Body text."))
    assert meta.date == date
    assert (meta.title == "A headline") == (date is not None)


def test_url_line_and_www_prefix():
    meta = text_metadata(lines("Headline here", "www.example.com/news/1", "Body."))
    assert meta.url == "http://www.example.com/news/1"
    assert meta.title == "Headline here"
    assert meta.header_lines == {"title": 1, "url": 2}


@pytest.mark.parametrize("line, byline", [
    ("By Jane Doe", True), ("By DYLAN LOVAN and BRUCE SCHREINER Associated Press", True),
    ("By: Maria de la Cruz | Reuters", True), ("By Tuesday, the council had voted.", False),
    ("By the time the vote came, nobody was left", False)])
def test_a_by_line_in_a_header_is_its_byline(line: str, byline: bool):
    meta = text_metadata(lines("A headline", "20211118", line, "Body text."))
    assert (meta.header_lines.get("byline") == 3) == byline
    # The name goes in the author field, as a page's declared author does.
    assert meta.author == ({"By Jane Doe": "Jane Doe", "By: Maria de la Cruz | Reuters": "Maria de la Cruz | Reuters",
                            "By DYLAN LOVAN and BRUCE SCHREINER Associated Press":
                            "DYLAN LOVAN and BRUCE SCHREINER Associated Press"}.get(line) if byline else None)
    # Without a header, a first line is no byline: the file may start anywhere.
    assert "byline" not in text_metadata(lines("Body text.", line, "More.")).header_lines


def test_header_fields_only_in_the_first_lines():
    meta = text_metadata(lines("a", "b", "c", "d", "20211118", "https://example.com/x"))
    assert (meta.date, meta.url, meta.title) == (None, None, None)


def test_first_line_is_a_title_only_when_a_header_field_follows():
    assert text_metadata(lines("Support us!", "Body text that goes on.")).title is None
    assert text_metadata(lines("x" * 300, "20211118")).title is None  # too long for a title


def test_text_metadata_of_nothing():
    meta = text_metadata([])
    assert meta.to_dict() == {}


# --------------------------------------------------------------------------- pages


def test_article_page_metadata():
    meta = html_metadata(parse_html(ARTICLE_HTML))
    assert meta.title == "Harbour reopens after storm"
    assert meta.date == "2023-06-03"
    assert meta.url == "https://coastal.example/news/harbour-reopens"
    assert meta.author == "Jane Doe"
    assert meta.site == "Coastal Times"
    assert meta.language == "en"
    assert meta.to_dict() == {"title": "Harbour reopens after storm", "date": "2023-06-03",
                              "url": "https://coastal.example/news/harbour-reopens", "author": "Jane Doe",
                              "site": "Coastal Times", "language": "en"}


def test_meta_names_are_case_insensitive_and_title_falls_back():
    page = """<html><head><title>  Plain   title </title>
    <meta NAME="Author" content="A. Writer"><meta Property="OG:SITE_NAME" content="Site">
    <meta name="pubdate" content="20200102"></head><body><p>x</p></body></html>"""
    meta = html_metadata(parse_html(page))
    assert (meta.title, meta.author, meta.site, meta.date) == ("Plain title", "A. Writer", "Site", "2020-01-02")
    assert meta.url is None and meta.language is None


@pytest.mark.parametrize(("links", "url"), [
    # A broken or relative canonical link names no site: the og:url does.
    ('<link rel="canonical" href="8003098"><meta property="og:url" content="http://www.cleveland.com/a/b.html">',
     "http://www.cleveland.com/a/b.html"),
    ('<link rel="canonical" href="/shows/x"><meta property="og:url" content="www.example.es/x.html">',
     "http://www.example.es/x.html"),
    ('<link rel="canonical" href="//us.example.com/news/">', "http://us.example.com/news/"),
    ('<link rel="canonical" href="/only/a/path">', None),
])
def test_page_url_is_the_first_absolute_one(links: str, url):
    meta = html_metadata(parse_html(f"<html><head>{links}</head><body><p>x</p></body></html>"))
    assert meta.url == url


def test_a_time_marked_modified_is_not_the_publication_date():
    page = ('<html><body><time itemprop="dateModified" datetime="2013-04-06T10:00">6 avril</time>'
            '<time itemprop="datePublished" datetime="2013-04-05T17:08">5 avril</time></body></html>')
    assert html_metadata(parse_html(page)).date == "2013-04-05"


def test_time_element_date():
    meta = html_metadata(parse_html('<html><body><time datetime="2019-05-06T08:00">May 6</time></body></html>'))
    assert meta.date == "2019-05-06"


@pytest.mark.parametrize(
    "ld",
    [
        '{"@type": "NewsArticle", "headline": "LD headline", "datePublished": "2022-02-03", '
        '"author": [{"@type": "Person", "name": "Ann"}, {"name": "Bob"}], "publisher": {"name": "LD Site"}}',
        '[{"@type": "WebSite"}, {"@type": "NewsArticle", "headline": "LD headline", "datePublished": "2022-02-03", '
        '"author": [{"name": "Ann"}, "Bob"], "publisher": {"name": "LD Site"}}]',
        '{"@graph": [{"@type": "Organization"}, {"headline": "LD headline", "datePublished": "2022-02-03T09:00:00Z", '
        '"author": {"name": "Ann, Bob"}, "publisher": {"name": "LD Site"}}]}',
    ],
)
def test_json_ld(ld: str):
    page = f'<html><head><script type="application/ld+json">{ld}</script></head><body><p>x</p></body></html>'
    meta = html_metadata(parse_html(page))
    assert (meta.title, meta.date, meta.author, meta.site) == ("LD headline", "2022-02-03", "Ann, Bob", "LD Site")


@pytest.mark.parametrize("ld", ["{not json", "42", '"text"', "[1, 2]", '{"@graph": 5}', "[" * 5000 + "]" * 5000, "null"])
def test_broken_json_ld_is_ignored(ld: str):
    page = f'<html><head><title>T</title><script type="application/ld+json">{ld}</script></head><body><p>x</p></body></html>'
    meta = html_metadata(parse_html(page))
    assert meta.title == "T" and meta.date is None


def test_segment_html_returns_the_page_metadata():
    _, meta = segment_html(ARTICLE_HTML)
    assert meta.site == "Coastal Times" and meta.header_lines == {}


@pytest.mark.parametrize("head, author", [
    # The company in <meta name="author">, the writer in article:author (wired.com).
    ('<meta name="author" content="Condé Nast"><meta name="copyright" content="Copyright (c) Condé Nast 2023">'
     '<meta property="article:author" content="Tom Bennett">', "Tom Bennett"),
    ('<meta name="author" content="Coastal Times"><meta property="og:site_name" content="Coastal Times">'
     '<script type="application/ld+json">{"headline": "H", "author": {"@type": "Person", "name": "Ann Lee"}}</script>',
     "Ann Lee"),
    # A blog whose owner holds the copyright: the only declared author stands.
    ('<meta name="author" content="John Smith"><meta name="copyright" content="© 2015 John Smith">', "John Smith"),
])
def test_declared_author_is_not_the_publisher(head: str, author: str):
    assert html_metadata(parse_html(f"<html><head>{head}</head><body><p>x</p></body></html>")).author == author


def test_json_ld_in_cdata_organisation_authors_editors_and_parsely_tags():
    def meta(head: str):
        return html_metadata(parse_html(f"<html><head>{head}</head><body><p>x</p></body></html>"))

    cdata = meta('<script type="application/ld+json">//<![CDATA[\n{"headline": "H", "datePublished": "2020-07-10",'
                 ' "author": {"@type": "Person", "name": "Bruno Rodrigues"}}\n//]]></script>')
    assert (cdata.date, cdata.author) == ("2020-07-10", "Bruno Rodrigues")
    company = meta('<script type="application/ld+json">{"headline": "H", "author": {"@type": "Organization",'
                   ' "name": "Nikkei Inc."}}</script>')
    assert company.author is None
    editor = meta('<meta name="author" content="严玉洁"><meta name="editor" content="严玉洁">')
    assert editor.author is None
    wiki = meta('<script type="application/ld+json">{"headline": "H", "datePublished": "2001-10-29T00:00:00Z",'
                ' "dateModified": "2024-04-02T10:00:00Z"}</script>')
    assert (wiki.date, wiki.modified) == ("2001-10-29", "2024-04-02")
    parsely = meta('<meta name="parsely-author" content="Jane Doe"><meta name="parsely-pub-date" content="2024-04-20T04:20:00Z">')
    assert (parsely.author, parsely.date) == ("Jane Doe", "2024-04-20")


def test_og_url_wins_over_a_canonical_link_to_another_site():
    def url(head: str):
        return html_metadata(parse_html(f"<html><head>{head}</head><body><p>x</p></body></html>")).url

    assert url('<link rel="canonical" href="https://www.handelsblatt.com/a/1.html">'
               '<meta property="og:url" content="https://www.wiwo.de/a/1.html">') == "https://www.wiwo.de/a/1.html"
    assert url('<link rel="canonical" href="https://www.wiwo.de/a/1.html">'
               '<meta property="og:url" content="http://wiwo.de/a/1.html?utm=x">') == "https://www.wiwo.de/a/1.html"


def test_an_embedded_videos_microdata_date_is_not_the_articles():
    page = ('<html><body><div itemscope itemtype="https://schema.org/VideoObject">'
            '<meta itemprop="datePublished" content="2015-03-12T13:11:07Z"></div>'
            '<article itemscope itemtype="https://schema.org/NewsArticle">'
            '<meta itemprop="datePublished" content="2015-03-11T19:46:14Z"><p>Text.</p></article></body></html>')
    assert html_metadata(parse_html(page)).date == "2015-03-11"
