"""Dense shape, cue, DOM-tag and position features, computed for a whole batch of blocks at once.

Cleaning millions of files means labelling billions of blocks, so nothing here loops over the
characters of a block in Python: the blocks are joined into one string, their characters become
a numpy array of code points (counted per block with cumulative sums), and every regular
expression runs once over the joined string, its matches mapped back to blocks by offset.
``tests/test_shape.py`` keeps a plain one-block-at-a-time definition of every column and checks
that this batch version computes the same numbers.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

# Words that often mark one kind of boilerplate (several languages); a cue, not a rule.
BOILERPLATE_CUES: dict[str, str] = {
    "donation": r"donat|support (us|our|independent|the)|contribut|become a (member|supporter|patron)|membership|chip in|fundrais|spende|don(ner|ez)|apoya|doa[çc]",
    "subscription": r"newsletter|subscri|sign (up|in)|log ?in|register|inbox|e-?mail address|download (the|our) app|paywall|free articles?|abonn|suscr|anmelden|inscr",
    "comments": r"comment|repl(y|ies)|discussion|conversation|disqus|posted by|kommentar|comentar|commentaire",
    "legal": r"©|\(c\)|copyright|all rights reserved|cookie|privacy|terms (of|and)|disclaimer|gdpr|datenschutz|impressum|mentions l[ée]gales|aviso legal",
    "advertising": r"^(ad|ads)$|advert|sponsor|promot|affiliate|partner content|paid (post|content)|anzeige|publicit|werbung|anuncio",
    "navigation": r"^(home|menu|search|next|previous|prev|back|more|share|tweet|email|print|close|skip)\b|read more|related|see also|most (popular|read|viewed)|trending|latest|tags?:|follow us|share (on|this)|top stories|recommended|you may also like",
    "caption": r"photo(graph)?:|image:|credit:|\(photo|getty images|shutterstock|reuters/|afp/|ap photo|/ ?(afp|ap|reuters|getty)\b|file photo|pictured",
    "metadata": r"^by\s|published|updated|posted|min(ute)?s? read|\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(a\.m\.|p\.m\.|am|pm|gmt|utc|est|edt)\b|staff writer|correspondent",
    "publisher": r"about us|contact us|our mission|is a (reporter|writer|journalist|correspondent|editor)|follow (him|her) on|covers? |digital news|news (portal|desk)|editorial team",
}
URL_PATTERN = r"https?://|www\.|\.com\b|\.org\b"
DATE_PATTERN = r"\b(19|20)\d\d\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{8}\b"
TIME_PATTERN = r"\b\d{1,2}:\d\d\b"
#: A sentence end: terminal punctuation, an optional closing quote or bracket, then a space.
SENTENCE_END_PATTERN = r"[.!?。！？][\"”’)]?\s"
TERMINAL = frozenset('.!?"”’\')»。！？')
#: A string, not a set: an empty block counts as continuing ("" is in every string), as trained.
CONTINUING = ":;,|-–—"
TAGS = ("p", "li", "h1", "h2", "h3", "h4", "td", "th", "figcaption", "blockquote", "div", "dd", "dt", "pre", "span", "caption", "legend")
CONTAINERS = ("article", "main", "nav", "header", "footer", "aside", "form", "figure", "ul", "ol", "table", "section", "blockquote")

#: Column names of :func:`shape_matrix`, in order (also the model card's vocabulary for them).
COLUMNS: tuple[str, ...] = (
    "log_chars", "log_words", "chars_per_word", "upper_share", "digit_share", "punct_share",
    "all_caps", "starts_upper", "starts_digit", "ends_terminal", "ends_continuing", "ends_alnum",
    "sentences", "capitalised_words", "has_url", "has_separator", "has_date", "has_time",
    "no_alnum", "has_quote",
    *(f"cue_{name}" for name in BOILERPLATE_CUES),
    "link_density", "has_dom",
    *(f"tag_{t}" for t in TAGS),
    *(f"in_{c}" for c in CONTAINERS),
    "is_html", "relative_position", "log_index", "log_remaining", "log_count",
)
SHAPE_SIZE = len(COLUMNS)


def _joined(pattern: str, flags: int) -> re.Pattern:
    """``pattern`` for the joined string: ``^``/``$`` at block edges, ``\\s`` never the separator."""
    return re.compile(pattern.replace(r"\s", r"[^\S\n]"), flags | re.M)


def top_level_alternatives(pattern: str) -> list[str]:
    """Split ``a|b(c|d)|[|]`` into ``["a", "b(c|d)", "[|]"]``: "any match" of the whole is
    "any match" of one of the parts."""
    parts, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return parts + [pattern[start:]]


def _expanded(part: str) -> list[str]:
    """``(a|b)rest`` as ``["arest", "brest"]`` (a leading group of plain alternatives, not
    repeated), so each starts with a literal; anything else as it is."""
    if not part.startswith("(") or part.startswith("(?"):
        return [part]
    depth, i = 0, 0
    while i < len(part):
        if part[i] == "\\":
            i += 2
            continue
        depth += {"(": 1, ")": -1}.get(part[i], 0)
        if depth == 0:
            break
        i += 1
    inner, rest = part[1:i], part[i + 1:]
    if "(" in inner or "[" in inner or rest[:1] in ("?", "*", "+", "{"):
        return [part]
    return [alternative + rest for alternative in top_level_alternatives(inner)]


class Finder:
    """Which blocks of a joined text contain a match of one pattern, found fast.

    Python's regex engine skips quickly to the places a pattern can start only when it starts
    with a literal; an alternation of literals, a ``^`` or a ``\\b`` makes it try every position,
    and one scan per literal is faster than one scan of them all (the nine cue patterns on the
    corpus pages' 1.9 MB of distinct block text: 270 ms -> 175 ms).  So every top-level alternative is searched on
    its own: a leading group is expanded (``(mon|fri)day`` into ``monday`` and ``friday``), a
    ``^X`` is searched as ``\\nX`` on the text after a ``\\n``, and a leading ``\\b`` is dropped
    (a superset, fast) and confirmed on the few candidate blocks.  ``superset`` can name a
    cheap pattern that every block with a match also matches; its candidate blocks are then
    confirmed one by one.
    """

    def __init__(self, pattern: str, superset: str | None = None):
        searches = []  # (searched part, exact part to confirm a candidate block with, or None)
        if superset is not None:
            searches.append((superset, pattern))
        else:
            for part in top_level_alternatives(pattern):
                confirm = part if part.startswith("\\b") else None
                searches += [(p, confirm) for p in _expanded(part[2:] if confirm else part)]
        # (at a line start?, pattern on the lowered text, on the text itself, exact check of a candidate)
        self.searches = [
            (part.startswith("^"), _joined(_line_start(part), 0), _joined(_line_start(part), re.I),
             re.compile(confirm, re.I) if confirm else None)
            for part, confirm in searches
        ]
        self.whole = re.compile(pattern, re.I)

    def blocks(self, joined: str, lowered: bool, starts: np.ndarray, texts: list[str],
               after_break: str | None = None) -> np.ndarray:
        """Boolean per block: does its text contain a match (``re.I``)?  ``after_break`` is
        ``"\\n" + joined``, for the ``^`` alternatives (made once by the caller)."""
        found = np.zeros(len(texts), dtype=bool)
        for at_start, on_lower, on_text, confirm in self.searches:
            searched = joined
            if at_start:
                searched = after_break if after_break is not None else "\n" + joined
            # A match of "\nX" at i of "\n" + joined is X at i of joined.
            hits = np.unique(_match_blocks(on_lower if lowered else on_text, searched, starts))
            if confirm is not None:
                hits = [i for i in hits.tolist() if not found[i] and confirm.search(texts[i])]
            found[hits] = True
        return found


def _line_start(part: str) -> str:
    """``^X`` as ``\\nX`` (searched on the joined text after a ``\\n``), other parts as they are."""
    return "\n" + part[1:] if part.startswith("^") else part


_CUE_FINDERS = [Finder(p) for p in BOILERPLATE_CUES.values()]
_FLAG_FINDERS = [
    Finder(URL_PATTERN),
    # Every alternative of a date holds two digits in a row; a time holds ":" and two digits.
    Finder(DATE_PATTERN, superset=r"\d\d"),
    Finder(TIME_PATTERN, superset=r":\d\d"),
]
# On the joined text the separator "\n" stands in for the space the one-block definition
# appends after the text.
_SENTENCE = re.compile(SENTENCE_END_PATTERN)


@lru_cache(maxsize=1)
def _bmp_table() -> np.ndarray:
    """Character classes of the 65,536 code points of the basic plane (built once per process)."""
    chars = [chr(code) for code in range(0x10000)]
    return np.stack([np.fromiter(map(test, chars), dtype=bool, count=len(chars))
                     for test in (str.isalpha, str.isupper, str.isdigit, str.isspace, str.isalnum)])


def char_classes(codes: np.ndarray) -> np.ndarray:
    """A (5, n) boolean array: isalpha, isupper, isdigit, isspace, isalnum of each code point."""
    table = _bmp_table()
    astral = codes >= 0x10000
    classes = table[:, np.where(astral, 0, codes)]
    if astral.any():
        for i in np.flatnonzero(astral):
            ch = chr(int(codes[i]))
            classes[:, i] = (ch.isalpha(), ch.isupper(), ch.isdigit(), ch.isspace(), ch.isalnum())
    return classes


def _per_block(values: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Sum of ``values`` over each block's span of the joined string."""
    total = np.concatenate(([0], np.cumsum(values, dtype=np.int64)))
    return total[ends] - total[starts]


def _match_blocks(pattern: re.Pattern, joined: str, starts: np.ndarray) -> np.ndarray:
    """Block index of the start of each match of ``pattern`` in the joined string."""
    positions = [m.start() for m in pattern.finditer(joined)]
    if not positions:
        return np.zeros(0, dtype=np.int64)
    return np.searchsorted(starts, np.asarray(positions), side="right") - 1


@lru_cache(maxsize=4096)
def _dom_columns(path: str) -> tuple[float, ...]:
    tags = path.split(">") if path else []
    tag = tags[-1] if tags else ""
    return (
        1.0 if path else 0.0,
        *[1.0 if tag == t else 0.0 for t in TAGS],
        *[1.0 if c in tags else 0.0 for c in CONTAINERS],
    )


def shape_matrix(texts: list[str], paths: list[str], link_density: np.ndarray, is_html: np.ndarray,
                 index: np.ndarray, count: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The :data:`COLUMNS` of every block, an ``(n, SHAPE_SIZE)`` float array, and its word counts."""
    n = len(texts)
    out = np.zeros((n, SHAPE_SIZE))
    if n == 0:
        return out, np.zeros(0)
    # Pages repeat blocks ("Reply", "Share", a menu on every page): the columns that depend on
    # the text alone are computed once per distinct text.
    distinct: dict[str, int] = {}
    rows = np.fromiter((distinct.setdefault(t, len(distinct)) for t in texts), dtype=np.int64, count=n)
    columns, n_words = _text_columns(list(distinct))
    columns = {name: np.asarray(values)[rows] for name, values in columns.items()}
    columns["link_density"] = link_density
    columns["is_html"] = is_html
    columns["relative_position"] = index / np.maximum(1, count - 1)
    columns["log_index"] = np.log1p(index)
    columns["log_remaining"] = np.log1p(count - 1 - index)
    columns["log_count"] = np.log1p(count)

    dom_start = COLUMNS.index("has_dom")
    dom = np.array([_dom_columns(p) for p in paths])
    out[:, dom_start:dom_start + dom.shape[1]] = dom
    for name, values in columns.items():
        out[:, COLUMNS.index(name)] = values
    return out, n_words[rows]


def _text_columns(texts: list[str]) -> tuple[dict[str, np.ndarray | list], np.ndarray]:
    """The columns of :func:`shape_matrix` that depend on a block's text alone, and its word counts."""
    n = len(texts)
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=n)
    starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
    ends = starts + lengths
    # Every block, the last one too, is followed by the separator (the space the one-block
    # definition appends, so a final "." still ends a sentence).
    joined = "\n".join(texts) + "\n"
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    alpha, upper, digit, space, alnum = char_classes(codes)
    word_start = ~space & np.concatenate(([True], space[:-1]))

    n_chars = lengths.astype(float)
    n_words = _per_block(word_start, starts, ends).astype(float)
    letters = np.maximum(_per_block(alpha, starts, ends), 1).astype(float)
    n_upper = _per_block(upper, starts, ends)
    n_digit = _per_block(digit, starts, ends)
    n_alnum = _per_block(alnum, starts, ends)
    n_punct = lengths - n_alnum - _per_block(space, starts, ends)
    capitals = _per_block(word_start & upper, starts, ends)

    columns = {}
    columns["log_chars"] = np.log1p(n_chars)
    columns["log_words"] = np.log1p(n_words)
    columns["chars_per_word"] = n_chars / np.maximum(1, n_words) / 10.0
    columns["upper_share"] = n_upper / letters
    columns["digit_share"] = n_digit / np.maximum(1, n_chars)
    columns["punct_share"] = n_punct / np.maximum(1, n_chars)
    columns["all_caps"] = (letters > 3) & (n_upper / letters > 0.8)
    firsts = [t[:1] for t in texts]
    lasts = [t.rstrip()[-1:] for t in texts]
    columns["starts_upper"] = [f.isupper() for f in firsts]
    columns["starts_digit"] = [f.isdigit() for f in firsts]
    columns["ends_terminal"] = [c in TERMINAL for c in lasts]
    columns["ends_continuing"] = [c in CONTINUING for c in lasts]
    columns["ends_alnum"] = [c.isalnum() for c in lasts]
    columns["capitalised_words"] = capitals / np.maximum(1, n_words)
    columns["has_separator"] = ["|" in t or "•" in t or "·" in t for t in texts]
    columns["no_alnum"] = n_alnum == 0
    columns["has_quote"] = ["\u201c" in t or '"' in t for t in texts]

    # Blocks with a line break inside would let ^/$ match mid-block: they take the one-block path.
    broken = [i for i, t in enumerate(texts) if "\n" in t]
    sentences = np.bincount(_match_blocks(_SENTENCE, joined, starts), minlength=n)
    # The patterns are lower case: matching them case-sensitively against the lowered text is
    # the same as ignoring case, and four times faster.  (Text whose length changes when lowered
    # would shift the offsets: it is searched as it is, ignoring case.)
    lowered_text = joined.lower()
    lowered = len(lowered_text) == len(joined)
    searched = lowered_text if lowered else joined
    after_break = "\n" + searched
    flags = [f.blocks(searched, lowered, starts, texts, after_break) for f in _FLAG_FINDERS]
    cues = [f.blocks(searched, lowered, starts, texts, after_break) for f in _CUE_FINDERS]
    for i in broken:
        sentences[i] = len(_SENTENCE.findall(texts[i] + " "))
        for values, finder in zip(flags + cues, _FLAG_FINDERS + _CUE_FINDERS):
            values[i] = finder.whole.search(texts[i]) is not None
    columns["sentences"] = np.minimum(10, sentences) / 5.0
    columns["has_url"], columns["has_date"], columns["has_time"] = flags
    for name, values in zip(BOILERPLATE_CUES, cues):
        columns[f"cue_{name}"] = values
    return columns, n_words


#: A "long" block: the kind of paragraph an article body is made of.
LONG_WORDS = 12
DOC_CONTEXT_COLUMNS: tuple[str, ...] = (
    "in_body_span", "since_long", "until_long", "long_nearby", "long_share", "char_share",
    "container_share", "top_container", "container_size", "container_links", "no_long", "before_after_body",
)
DOC_CONTEXT_SIZE = len(DOC_CONTEXT_COLUMNS)


def doc_context(chars: np.ndarray, words: np.ndarray, density: np.ndarray, keys: list[str],
                has_dom: bool) -> np.ndarray:
    """Where each block of one document sits relative to the document's body text.

    Boilerplate surrounds the body: these features say whether a block lies between the first
    and last long paragraph, how far the nearest long paragraph is, and (for HTML) how much of
    the document's text its container (``keys``: same tag path and class words) holds, which is
    how readability-style extractors find the body, learned here rather than hard-coded.
    """
    n = len(chars)
    out = np.zeros((n, DOC_CONTEXT_SIZE))
    if n == 0:
        return out
    long = (words >= LONG_WORDS) & (density < 0.3)
    positions = np.arange(n, dtype=float)
    long_idx = np.flatnonzero(long)
    if len(long_idx):
        seen = np.where(long, positions, -np.inf)
        previous = np.maximum.accumulate(np.concatenate(([-np.inf], seen[:-1])))
        upcoming = np.where(long, positions, np.inf)
        following = np.minimum.accumulate(np.concatenate((upcoming[1:], [np.inf]))[::-1])[::-1]
        since, until = positions - previous, following - positions
        first, last = long_idx[0], long_idx[-1]
        out[:, 0] = (positions >= first) & (positions <= last)
        out[:, 11] = np.where(positions < first, 1.0, np.where(positions > last, -1.0, 0.0))
    else:
        since = until = np.full(n, np.inf)
        out[:, 10] = 1.0
    out[:, 1] = np.minimum(since, 50) / 50.0
    out[:, 2] = np.minimum(until, 50) / 50.0
    # (For documents under 7 blocks "same" returns 7 values, the kernel's length; the first n
    # are used, as the model was trained.)
    out[:, 3] = (np.convolve(long.astype(float), np.ones(7), mode="same") / 7.0)[:n]
    out[:, 4] = long.mean()
    out[:, 5] = chars / (chars.sum() or 1.0)
    if has_dom:
        body = density < 0.5
        body_chars = float(chars[body].sum()) or 1.0
        _, group = np.unique(np.asarray(keys, dtype=object), return_inverse=True)
        group_chars = np.bincount(group, weights=np.where(body, chars, 0.0))
        group_count = np.bincount(group)
        group_density = np.bincount(group, weights=density)
        top = group_chars.max()
        out[:, 6] = group_chars[group] / body_chars
        out[:, 7] = (group_chars[group] == top) & (top > 0)
        out[:, 8] = np.log1p(group_count[group]) / 5.0
        out[:, 9] = group_density[group] / group_count[group]
    return out
