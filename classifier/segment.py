"""Documents into ordered blocks: a line of a text file, a text block of an HTML page.

The HTML walk is iterative (``lxml.etree.iterwalk``) so a page nested 100,000 tags deep cannot
overflow the stack.  Invisible parts (scripts, styles, hidden nodes) never become blocks.  A block
is the text between two block-level boundaries; two or more ``<br>`` in a row are a boundary too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from .document import Block, ClassifierError, Document, Metadata
from .metadata import html_metadata, text_metadata

#: Elements whose text a reader never sees.
SKIP_TAGS = frozenset(
    "script style noscript template svg math iframe object embed canvas head title select "
    "datalist option audio video source track map area param".split()
)
#: Elements that start a new block.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html legend li "
    "main menu nav ol p pre section summary table tbody thead tfoot tr td th caption ul".split()
)
#: How many ancestor tags a block's path keeps (nearest last).
PATH_DEPTH = 6
#: How many class/id words of the ancestors a block keeps (nearest first).
MAX_ATTR_WORDS = 24

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: A class/id word: letters up to a camelCase hump ("navBar" -> "nav", "Bar"; "HTMLParser" stays one).
_ATTR_WORD = re.compile(r"[A-Z]+[a-z]*|[a-z]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace (including non-breaking spaces) to one space, strip the ends.

    ``str.split()`` splits at exactly the characters ``\\s`` and ``str.strip()`` know, and is
    several times faster than a regular expression.
    """
    return " ".join(text.split())


def segment_text(text: str) -> tuple[list[Block], Metadata]:
    """One block per non-blank line, numbered by its line in the file.

    Lines end at ``\\n``, ``\\r\\n`` or ``\\r`` only, as editors and the labels/ files count them
    (``str.splitlines`` also breaks at form feeds and Unicode separators, shifting later lines).

    >>> blocks, meta = segment_text("Title\\n20211118\\n\\nFirst paragraph.\\n")
    >>> [b.text for b in blocks], meta.date
    (['Title', '20211118', 'First paragraph.'], '2021-11-18')
    """
    blocks = []
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        clean = normalize_space(line)
        if clean:
            blocks.append(Block(text=clean, line=number))
    return blocks, text_metadata(blocks)


def parse_html(text: str):
    """Parse a page with lxml's forgiving HTML parser; an unparseable page is a ClassifierError.

    libxml2 silently drops everything below its depth limit (256 levels, 2048 with
    ``huge_tree``), so a page nested deeper is refused rather than cleaned half-way.

    The page goes in as UTF-8 bytes, which libxml2 reads about 15% faster than a str (and which need
    no special case for an XML encoding declaration, which lxml refuses in a str); only a str
    that UTF-8 cannot hold (lone surrogates) goes in as it is.
    """
    try:
        data, encoding = text.encode("utf-8"), "utf-8"
    except UnicodeEncodeError:
        data, encoding = text, None
    parser = _parser(encoding)
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ClassifierError(f"unparseable HTML ({exc})") from None
    if root is None:
        raise ClassifierError("unparseable HTML (the document is empty)")
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            raise ClassifierError(f"HTML nested too deeply to parse whole ({error.message.split(',')[0]})")
    return root


def _parser(encoding: str | None):
    # lxml.etree's parser, not lxml.html's: plain elements skip a Python class lookup per node.
    # No ID table (collect_ids): nothing here looks elements up by id.
    return etree.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, huge_tree=True, collect_ids=False,
        encoding=encoding,
    )


@lru_cache(maxsize=16384)
def _attr_words(class_: str | None, id_: str | None) -> tuple[str, ...]:
    """The words of a class and id, lower-cased: split at non-letters and camelCase humps.

    Cached across pages: a site repeats its class names on every page it serves.
    """
    words = [w for w in _ATTR_WORD.findall(f"{class_ or ''} {id_ or ''}") if len(w) > 1]
    return tuple(" ".join(words).lower().split())


def _merge_words(own: tuple[str, ...], inherited: tuple[str, ...]) -> tuple[str, ...]:
    """``own`` then ``inherited`` words, each once, at most MAX_ATTR_WORDS."""
    if not own:
        return inherited
    return tuple(dict.fromkeys(own + inherited))[:MAX_ATTR_WORDS]


def _stack_words(stack: list[list], memo: dict) -> tuple[str, ...]:
    """Class/id words of the open elements, nearest first, each once, at most MAX_ATTR_WORDS.

    Each element's merged words are computed once, when a block first needs them, and kept, so
    deep pages stay linear.  ``memo`` maps (class, id, inherited words) to the merged words: a
    page repeats the same classes under the same parents on thousands of elements.
    """
    pending = []
    i = len(stack) - 1
    while i >= 0 and stack[i][2] is None:
        pending.append(stack[i])
        i -= 1
    inherited = stack[i][2] if i >= 0 else ()
    for entry in reversed(pending):
        element = entry[1]
        class_, id_ = element.get("class"), element.get("id")
        if class_ or id_:
            key = (class_, id_, inherited)
            merged = memo.get(key)
            if merged is None:
                merged = memo[key] = _merge_words(_attr_words(class_, id_), inherited)
            inherited = merged
        entry[2] = inherited
    return inherited


def _is_hidden(element) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


class _BlockBuilder:
    """Accumulates inline text until a block boundary, then emits a Block with its DOM context.

    ``parts`` only ever starts with visible text (leading whitespace would be stripped anyway),
    so "is there a block to emit" is ``bool(parts)``, without normalising whitespace-only runs.
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.line = 0
        self.brs = 0
        self.words: dict = {}  # the memo of _stack_words

    def add(self, text: str, in_link: bool, element) -> None:
        """Append a non-empty text or tail of ``element`` (which gives the block its source line)."""
        if text.isspace():
            if self.parts:
                self.parts.append(text)
            return
        self.brs = 0
        if not self.line:
            self.line = element.sourceline or 0
        self.parts.append(text)
        if in_link:
            self.link_chars += len(text.strip())

    def flush(self, stack: list[list]) -> None:
        """Emit the pending text as a block under the open elements ``stack`` (see segment_html).

        The walk calls it only when ``parts`` holds text: a count of ``<br>`` left over with
        nothing pending changes nothing, since the next text resets it.
        """
        self.brs = 0
        text = normalize_space("".join(self.parts))
        density = min(1.0, self.link_chars / max(1, len(text) - text.count(" ")))
        self.blocks.append(
            Block(
                text=text,
                path=">".join([entry[0] for entry in stack[-PATH_DEPTH:]]),
                attrs=" ".join(_stack_words(stack, self.words)),
                link_density=round(density, 3),
                line=self.line,
            )
        )
        self.parts.clear()  # in place: segment_html holds the list
        self.link_chars, self.line = 0, 0


def segment_html(text: str) -> tuple[list[Block], Metadata]:
    """Split a page into its visible text blocks, in document order, plus its <meta> metadata."""
    root = parse_html(text)
    metadata = html_metadata(root)
    builder = _BlockBuilder()
    add, flush, parts = builder.add, builder.flush, builder.parts
    # Stack of the open block-level elements: [tag, the element, the merged class/id words of it
    # and its ancestors (filled in by _stack_words when a block first needs them)].
    stack: list[list] = []
    link_depth = 0
    # After skip_subtree() the next event is the skipped element's own "end".
    skipping = False
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag
        if not isinstance(tag, str):  # comments, entities, processing instructions
            if event == "end" and (tail := element.tail):
                add(tail, link_depth > 0, element)
            continue
        tag = tag.lower()
        if event == "start":
            if tag in SKIP_TAGS or _is_hidden(element):
                walker.skip_subtree()
                skipping = True
                continue
            if tag in BLOCK_TAGS:
                if parts:
                    flush(stack)
                stack.append([tag, element, None])
            elif tag == "br":
                builder.brs += 1
                if builder.brs >= 2:
                    if parts:
                        flush(stack)
                else:
                    add(" ", False, element)
            elif tag == "a":
                link_depth += 1
            if text := element.text:
                add(text, link_depth > 0, element)
        else:
            if skipping:
                skipping = False
            elif tag in BLOCK_TAGS:
                if parts:
                    flush(stack)
                if stack:
                    stack.pop()
            elif tag == "a":
                link_depth = max(0, link_depth - 1)
            elif tag in _INLINE_SPACED:
                add(" ", False, element)
            if tail := element.tail:
                add(tail, link_depth > 0, element)
    if parts:
        flush(stack)
    return builder.blocks, metadata


#: Inline elements that browsers render with visible separation from their neighbours.
_INLINE_SPACED = frozenset({"img", "input", "button", "label"})


def segment(text: str, kind: str) -> tuple[list[Block], Metadata]:
    """Dispatch on the input kind."""
    return segment_html(text) if kind == "html" else segment_text(text)


#: Blocks one document may have.  The model holds about 7 kB per block while it labels a document
#: (its context features span the whole document), so 2 million one-word lines (a 6 MB file)
#: took 12 GB; 49,000 lines peak at 560 MB, 25,000 at about 400 MB.  No article comes near: the
#: corpus pages have 1,747 at most.
MAX_BLOCKS = 25_000


def make_document(text: str, kind: str, path: str | None = None, encoding: str | None = None) -> Document:
    """Segment decoded text into a Document; more than :data:`MAX_BLOCKS` blocks is a ClassifierError."""
    blocks, metadata = segment(text, kind)
    if len(blocks) > MAX_BLOCKS:
        unit = "lines" if kind == "text" else "text blocks"
        raise ClassifierError(f"too many {unit} to label as one document ({len(blocks):,} > {MAX_BLOCKS:,}); split the file")
    return Document(blocks=blocks, kind=kind, metadata=metadata, path=path, encoding=encoding)
