"""Document metadata: the header lines of a text file, the <meta> tags and JSON-LD of a page."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from .dates import parse_date
from .document import Block, Metadata

#: How many leading lines of a text file may hold header fields (headline, date, URL).
HEADER_LINES = 4

_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_DATE_LINE = re.compile(r"^(?:\d{8}|\d{4}-\d\d-\d\d(?:[T ][\d:.+\-Z]+)?)$")


def text_metadata(blocks: list[Block]) -> Metadata:
    """Read a headline / date / URL header such as the seeds'.

    The first line counts as the headline only when a date or URL line follows it, since a
    text file may as well start with a donation appeal.
    """
    meta = Metadata()
    head = blocks[:HEADER_LINES]
    for index, block in enumerate(head):
        text = block.text
        if meta.url is None and _URL_LINE.match(text):
            meta.url = text if "://" in text else "http://" + text
            meta.header_lines["url"] = block.line
        elif meta.date is None and (date := _date_line(text)):
            meta.date = date
            meta.header_lines["date"] = block.line
        elif index == 0 and len(text) < 300:
            following = [b.text for b in head[1:3]]
            if any(_URL_LINE.match(t) or _date_line(t) for t in following):
                meta.title = text
                meta.header_lines["title"] = block.line
    # A "By ..." line among the header's lines is its byline (only in a file with a header: a
    # sentence may as well start "By Tuesday, ...").
    if meta.header_lines:
        byline = next(((b, m) for b in head[1:] if (m := _BYLINE_LINE.match(b.text))), None)
        if byline is not None:
            meta.header_lines["byline"] = byline[0].line
            meta.author = byline[1]["name"]
    return meta


#: "By Jane Doe", "By DYLAN LOVAN and BRUCE SCHREINER Associated Press", "By Jane Doe | Reuters":
#: names (capitalised words, "and", "de"...), no sentence punctuation at the end, a dozen words at most.
_BYLINE_LINE = re.compile(
    r"^By:?\s+(?P<name>(?:[A-Z][\w.'’-]*|and|&|,|\||de|da|van|von|der|del|la|le|bin|al)"
    r"(?:\s*(?:[A-Z][\w.'’-]*|and|&|,|\||de|da|van|von|der|del|la|le|bin|al)){0,11})$")


def _date_line(text: str) -> str | None:
    """The ISO date of a line that holds only a machine date ("20211118", an ISO timestamp).

    Written-out dates ("Saturday, June 3, 2023") stay blocks for the model and the reliability
    view, which quote them as written.
    """
    parsed = parse_date(text) if _DATE_LINE.match(text) else None
    return parsed.isoformat() if parsed else None


def _first(values: dict[str, list[str]], *keys: str) -> str | None:
    """The first non-blank value under the first key that has one (whitespace collapsed)."""
    for key in keys:
        for value in values.get(key, ()):
            value = " ".join(str(value).split())
            if value:
                return value
    return None


_META_KEYS = ("property", "name", "itemprop")


def _page_values(root) -> dict[str, list[str]]:
    """The page's metadata sources in one pass over the tree, in document order.

    ``meta:<name>`` holds the content of <meta> tags by property / name / itemprop (name
    lower-cased), then ``time`` (``time-published`` for a <time itemprop="datePublished">; one marked
    dateModified is left out), ``title``, ``canonical`` and ``content-language``.
    """
    values: dict[str, list[str]] = {}
    for element in root.iter("meta", "time", "title", "link"):
        tag = element.tag
        if tag == "meta":
            content = element.get("content")
            if content is None:
                continue
            keys = {(element.get(a) or "").lower() for a in _META_KEYS} - {""}
            if element.get("itemprop") and _inside_other_item(element):
                keys.discard(element.get("itemprop").lower())  # an embedded video's datePublished
            for key in keys:
                values.setdefault("meta:" + key, []).append(content)
            if element.get("http-equiv") == "content-language":
                values.setdefault("content-language", []).append(content)
        elif tag == "time":
            if (when := element.get("datetime")) is not None:
                # A <time> marked as the modification date is not the publication date.
                prop = (element.get("itemprop") or "").lower()
                if prop != "datemodified" and not (prop and _inside_other_item(element)):
                    values.setdefault("time-published" if prop == "datepublished" else "time", []).append(when)
        elif tag == "title":
            if element.text:
                values.setdefault("title", []).append(element.text)
        elif element.get("rel") == "canonical" and (href := element.get("href")) is not None:
            values.setdefault("canonical", []).append(href)
    if root.tag == "html" and root.get("lang") is not None:
        values["lang"] = [root.get("lang")]
    return values


#: Microdata items whose properties describe something embedded in the page, not the page.
_EMBEDDED_ITEMS = ("VideoObject", "ImageObject", "AudioObject", "MediaObject", "Comment", "Review", "Product")


def _inside_other_item(element) -> bool:
    """Whether a microdata property belongs to an embedded item (a video, a comment) rather
    than to the article: its nearest ``itemscope`` ancestor is typed so."""
    for depth, ancestor in enumerate(element.iterancestors()):
        if depth >= _ITEM_DEPTH:
            break  # a page nested thousands deep is not walked up from every property
        if ancestor.get("itemscope") is not None:
            kind = ancestor.get("itemtype") or ""
            return any(kind.endswith(name) for name in _EMBEDDED_ITEMS)
    return False


#: How far up a microdata property's item is looked for.
_ITEM_DEPTH = 40


def _meta(prop: str) -> str:
    return "meta:" + prop


_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")


def _json_ld(root) -> dict:
    """Flatten the first NewsArticle-like JSON-LD object into the fields we read."""
    for script in root.xpath("//script[@type='application/ld+json']/text()"):
        # Some pages wrap it for old XHTML parsers: "//<![CDATA[ {...} //]]>".
        script = _CDATA.sub("", script)
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue
        if isinstance(data, dict):
            data = data.get("@graph", data)
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and ("datePublished" in item or "headline" in item):
                return item
    return {}


def _name(value, *, people: bool = False) -> str | None:
    """The name(s) of a JSON-LD value; with ``people``, those of persons only (an author typed
    Organization is the publisher: "日本経済新聞社")."""
    if isinstance(value, list):
        names = [n for n in (_name(v, people=people) for v in value) if n]
        return ", ".join(names) if names else None
    if isinstance(value, dict):
        if people and value.get("@type") in ("Organization", "NewsMediaOrganization", "Corporation"):
            return None
        value = value.get("name")
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


#: An absolute web address: scheme (or a protocol-relative "//", or a bare "www.") and a host
#: with a dot in it.
_ABSOLUTE_URL = re.compile(r"^(?:(?:https?:)?//|(?=www\.))[^/\s?#]*[^/\s?#.]\.[^/\s?#]", re.I)


def _absolute_url(values: dict[str, list[str]], *keys: str) -> str | None:
    """The first absolute URL under ``keys``: pages ship relative or broken canonical links
    ("/story/123", "8003098") that name no site, and og:url often holds the real one."""
    for key in keys:
        for value in values.get(key, ()):
            value = value.strip()
            if _ABSOLUTE_URL.match(value):
                return "http:" + value if value.startswith("//") else value if "//" in value[:8] else "http://" + value
    return None


def _author(values: dict[str, list[str]], ld: dict) -> str | None:
    """The first declared author that is not the publisher: sites put their company in
    ``<meta name="author">`` ("Condé Nast", also the copyright holder) and the writer in
    ``article:author`` or the JSON-LD.  When every candidate is the publisher (a blog whose owner
    holds the copyright), the first stands."""
    publishers = [" ".join(v.split()).casefold() for key in (_meta("og:site_name"), _meta("application-name"))
                  for v in values.get(key, ())]
    publishers += [n.casefold() for n in [_name(ld.get("publisher"))] if n]
    holder = " ".join(" ".join(v.split()) for v in values.get(_meta("copyright"), ())).casefold()
    editors = {" ".join(v.split()).casefold() for v in values.get(_meta("editor"), ())}
    candidates = [c for c in (_first(values, _meta("author")), _first(values, _meta("article:author")),
                              _first(values, _meta("byl")), _first(values, _meta("parsely-author")),
                              _name(ld.get("author"), people=True))
                  if c and c.casefold() not in editors]  # a CMS's editor copied into the author field
    writers = [c for c in candidates if c.casefold() not in publishers and c.casefold() not in holder]
    return (writers or candidates or [None])[0]


def _page_url(values: dict[str, list[str]]) -> str | None:
    """The page's own address: the canonical link, unless og:url names another site (a canonical
    pointing at the syndicated original or at the CMS's back-end host, as wiwo.de's points at
    handelsblatt.com and fox13now.com's at localtvkstu.wordpress.com)."""
    canonical = _absolute_url(values, "canonical")
    shared = _absolute_url(values, _meta("og:url"), _meta("twitter:url"))
    if canonical and shared and domain_of(canonical) != domain_of(shared):
        return shared
    return canonical or shared


def domain_of(url: str | None) -> str | None:
    """The host of a URL without ``www.``, lower-cased; None for a host with no dot in it, which
    names no site anyone can look up (a broken canonical link "8003098", "localhost").

    >>> domain_of("https://www.telegraph.co.uk/world-news/2021/11/18/x/")
    'telegraph.co.uk'
    >>> domain_of("8003098") is None
    True
    """
    if not url:
        return None
    if "://" not in url:
        url = "http://" + url
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    host = host.lower().strip(".")
    if host.startswith("www."):
        host = host[4:]
    return host if "." in host else None


def html_metadata(root) -> Metadata:
    """Title, date, URL, author, site and language from a parsed page."""
    ld = _json_ld(root)
    values = _page_values(root)
    date_text = _first(
        values,
        _meta("article:published_time"), _meta("datepublished"), _meta("date"),
        _meta("pubdate"), _meta("dc.date"), _meta("dc.date.issued"), _meta("sailthru.date"), _meta("parsely-pub-date"),
        "time-published", "time",
    ) or (ld.get("datePublished") if isinstance(ld.get("datePublished"), str) else None)
    parsed = parse_date(date_text)
    changed = parse_date(_first(values, _meta("article:modified_time"), _meta("og:updated_time"), _meta("datemodified"))
                         or (ld.get("dateModified") if isinstance(ld.get("dateModified"), str) else None))
    return Metadata(
        title=_first(values, _meta("og:title"), _meta("twitter:title"), "title") or _name(ld.get("headline")),
        date=parsed.isoformat() if parsed else None,
        modified=changed.isoformat() if changed and parsed and changed > parsed else None,
        url=_page_url(values)
        or (ld.get("url") if isinstance(ld.get("url"), str) and _ABSOLUTE_URL.match(ld["url"]) else None),
        author=_author(values, ld),
        site=_first(values, _meta("og:site_name"), _meta("application-name")) or _name(ld.get("publisher")),
        language=_first(values, "lang", "content-language"),
    )
