"""What the signals read of a document: its text blocks, sentences and provenance, built once.

Only ``content``, ``headline``, ``metadata`` and ``caption`` blocks are read as text: boilerplate
(donation appeals, comment widgets, menus) says little about how reliable the article is, and
reading it would let a donation box move the score.  ``publisher`` blocks are kept apart and read
for one thing only: how the outlet describes itself (and its name).  ``publisher``, ``donation``,
``subscription`` and ``legal`` blocks also give the outlet's name as it writes it ("Support The
Moscow Times!"), used only to group documents by source.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from urllib.parse import urlsplit

from ..dates import find_dates, parse_date
from ..document import ClassifierError, Document
from ..labels import Label
from . import weights as W
from .lexicon import FUNCTION_WORDS, WIRE_AGENCIES

#: Labels whose blocks are read as the article's text.
TEXT_LABELS: frozenset[Label] = frozenset({Label.CONTENT, Label.HEADLINE, Label.METADATA, Label.CAPTION})
#: How many leading blocks form the header area where a date or byline may stand.
HEADER_AREA = 8
#: Longest snippet kept as evidence.
SNIPPET = 120

_ABBREVIATIONS = (
    "Mr Mrs Ms Dr St Sen Rep Gov Gen Lt Col Sgt Capt Cmdr Adm Prof Jan Feb Mar Apr Jun Jul Aug "
    "Sep Sept Oct Nov Dec No vs Inc Corp Co Ltd Jr Sr Mt Ft Ave Blvd Dept Univ approx est"
).split()
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]»“]*\s+(?=[\"“‘'(\[«„]?\s?[A-Z0-9À-ÖØ-Þ])")
#: Soft hyphens and zero-width characters: invisible on the page, but they cut "Vladi\xadmir" in two.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_WORD = re.compile(r"[^\W_][\w'’.-]*", re.UNICODE)
_URL = re.compile(r"(?:https?://|www\.)[^\s\"'<>]+", re.I)
_BYLINE_BY = re.compile(r"^(?:by|written by|author:?|words by|reporting by)\s+(?P<name>.{3,80})$", re.I)
_NAME_LIKE = re.compile(r"^(?:[A-Z][\w'’-]+|[A-Z]\.)(?:\s+(?:[A-Z][\w'’-]+|[A-Z]\.|de|van|von|da|del|bin|al)){1,3}$")
_WIRE_ONLY = re.compile(r"^(?:the\s+)?(?:" + "|".join(
    re.escape(n) for names, _ in WIRE_AGENCIES.values() for n in names) + r")$", re.I)
#: Publisher-block lines that are links or notices, not the outlet's name.
_NOT_A_NAME = re.compile(
    r"\b(?:contact|about|follow|e-?mail|subscribe|advertis\w*|privacy|terms|careers|jobs|copyright|rights|"
    r"reserved|policy|newsletter|login|sign|help|faq|masthead|sitemap|feedback)\b|©", re.I)
_CLOSING_CREDIT = re.compile(r"reporting by|©|copyright", re.I)
#: "The Associated Press contributed to this report", "Additional reporting by Reuters": the outlet's
#: own story, written with some wire material, which the outlet signs and corrects: not a copy.
_CONTRIBUTION = re.compile(r"\bcontribut(?:ed|ing|ions?)\b|\badditional reporting\b|\bwith (?:files|reporting) from\b", re.I)
_WIRE_NAMES = sorted((n for names, _ in WIRE_AGENCIES.values() for n in names), key=len, reverse=True)
_BYLINE_WIRE = re.compile(
    r"^(?P<name>[^|,/]{3,60}?)\s*(?:[|,/–—]|\s-\s)\s*(?:the\s+)?(?P<wire>" + "|".join(map(re.escape, _WIRE_NAMES)) + r")\s*$",
    re.I,
)


def snippet(text: str, start: int = 0, end: int | None = None) -> str:
    """A short piece of ``text`` around ``start:end`` for evidence."""
    end = len(text) if end is None else end
    if end - start >= SNIPPET or len(text) <= SNIPPET:
        piece = text[start:end] if end - start < len(text) else text
        return piece if len(piece) <= SNIPPET else piece[: SNIPPET - 1] + "…"
    pad = (SNIPPET - (end - start)) // 2
    left, right = max(0, start - pad), min(len(text), end + pad)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping "Mr. Smith" and "U.S. officials" whole.

    >>> split_sentences('He said so. Mr. Smith left the U.S. on Monday. "Yes," she said.')
    ['He said so.', 'Mr. Smith left the U.S. on Monday.', '"Yes," she said.']
    """
    pieces = _SENTENCE_END.split(text.strip())
    out: list[str] = []
    for piece in pieces:
        if out and _ends_with_abbreviation(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return [s for s in out if s]


def _ends_with_abbreviation(sentence: str) -> bool:
    last = sentence.rsplit(None, 1)[-1].rstrip(".\"”’')]")
    if last in _ABBREVIATIONS or (len(last) == 1 and last.isupper()):
        return True
    # Initialisms such as "U.S." or "D.C." usually run on ("the U.S. on Monday").
    return bool(re.fullmatch(r"(?:[A-Z]\.){2,}", sentence.rsplit(None, 1)[-1].rstrip("\"”’')]")))


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


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


@dataclass(frozen=True)
class Line:
    """One block the signals read, with its 1-based source line (or block number + 1)."""

    line: int
    text: str
    label: Label


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article body; ``index`` is its position among all body sentences."""

    text: str
    line: int
    index: int


@dataclass(frozen=True)
class Fact:
    """A provenance fact and where it was found (line 0 = document metadata)."""

    value: str
    line: int
    text: str


@dataclass
class ArticleView:
    """A document as the signals see it: text blocks by role, body sentences, provenance."""

    path: str | None
    headlines: list[Line]
    meta_lines: list[Line]
    content: list[Line]
    captions: list[Line]
    publisher_lines: list[Line]
    sentences: list[Sentence]
    words: int
    url: Fact | None = None
    date: Fact | None = None
    byline: Fact | None = None
    site: Fact | None = None
    #: The outlet as its own boilerplate names it ("Support The Moscow Times!", "© 2023 The Moscow
    #: Times"): groups documents by source when there is no URL or site name; earns no points.
    outlet: Fact | None = None
    wire_credits: list[tuple[str, Fact]] = field(default_factory=list)

    @property
    def domain(self) -> str | None:
        return domain_of(self.url.value) if self.url else None

    @property
    def page_date(self) -> date | None:
        return date.fromisoformat(self.date.value) if self.date else None

    @cached_property
    def language(self) -> str | None:
        """The language the body is written in, of those the signals read (keys of
        :data:`~.lexicon.FUNCTION_WORDS`): the one whose function words make up the largest share
        of its words, if that share is at least :data:`~.weights.LANGUAGE_MIN_SHARE` and they are
        :data:`~.weights.LANGUAGE_MIN_DISTINCT`+ different words (lorem ipsum repeats "et" and "est");
        None for any other language.  A text too short to tell counts as English.  Computed once per view."""
        counts = Counter(w.lower() for line in self.content for w in _WORD.findall(line.text))
        total = sum(counts.values())
        if total < W.LANGUAGE_MIN_WORDS:
            return "en"
        hits = {lang: sum(counts[w] for w in vocabulary) for lang, vocabulary in FUNCTION_WORDS.items()}
        best = max(hits, key=lambda lang: (hits[lang], lang == "en"))
        distinct = sum(1 for w in FUNCTION_WORDS[best] if counts[w])
        return best if hits[best] >= W.LANGUAGE_MIN_SHARE * total and distinct >= W.LANGUAGE_MIN_DISTINCT else None

    @property
    def english(self) -> bool:
        """Whether the body reads as English (:attr:`language`): the signals that read English
        wording ("he said", English stems) judge only English text."""
        return self.language == "en"

    @property
    def headline(self) -> Line | None:
        return self.headlines[0] if self.headlines else None

    @property
    def text_lines(self) -> list[Line]:
        """Headline, metadata, caption and content blocks in document order."""
        return sorted(self.headlines + self.meta_lines + self.captions + self.content, key=lambda l: l.line)

    @classmethod
    def build(cls, document: Document, labels: list[Label] | tuple[Label, ...]) -> "ArticleView":
        """Split a labeled document into the parts the signals read."""
        if len(labels) != len(document.blocks):
            raise ClassifierError(
                f"{document.path or 'document'}: {len(labels)} labels for {len(document.blocks)} blocks"
            )
        by_label: dict[Label, list[Line]] = {}
        order: list[Line] = []
        for number, (block, label) in enumerate(zip(document.blocks, labels)):
            line = Line(block.line or number + 1, _INVISIBLE.sub("", block.text), Label(label))
            by_label.setdefault(line.label, []).append(line)
            order.append(line)
        content = by_label.get(Label.CONTENT, [])
        sentences: list[Sentence] = []
        for item in content:
            for text in split_sentences(item.text):
                sentences.append(Sentence(text, item.line, len(sentences)))
        view = cls(
            path=document.path,
            headlines=by_label.get(Label.HEADLINE, []),
            meta_lines=by_label.get(Label.METADATA, []),
            content=content,
            captions=by_label.get(Label.CAPTION, []),
            publisher_lines=by_label.get(Label.PUBLISHER, []),
            sentences=sentences,
            words=sum(count_words(item.text) for item in content),
        )
        _read_provenance(view, document, order)
        view.outlet = outlet_name([l for l in order if l.label in _OUTLET_LABELS])
        return view


def _read_provenance(view: ArticleView, document: Document, order: list[Line]) -> None:
    """URL, date, byline, site name and wire credits from metadata, then from the header blocks."""
    meta = document.metadata
    lines = meta.header_lines
    header = [l for l in order[:HEADER_AREA] if l.label in (Label.METADATA, Label.HEADLINE)]
    if meta.url:
        view.url = Fact(meta.url, lines.get("url", 0), meta.url)
    else:
        for l in view.meta_lines:
            match = _URL.match(l.text)
            if match and len(l.text) < len(match.group()) + 20:
                view.url = Fact(match.group(), l.line, l.text)
                break
    parsed = parse_date(meta.date) if meta.date else None
    if parsed:
        view.date = Fact(parsed.isoformat(), lines.get("date", 0), meta.date or "")
    else:
        for l in header:
            if _URL.match(l.text):
                continue  # a URL's date is checked against the page date, not taken for it
            found = find_dates(l.text)
            if found and (l.label == Label.METADATA or len(l.text) < 60):
                view.date = Fact(found[0][0].isoformat(), l.line, l.text)
                break
    if meta.author and author_name(meta.author):
        view.byline = Fact(author_name(meta.author), lines.get("author", 0), meta.author)
    else:
        for l in view.meta_lines[:HEADER_AREA]:
            name = _byline_name(l.text)
            if name:
                view.byline = Fact(name, l.line, l.text)
                break
    if meta.site:
        view.site = Fact(site_name(meta.site), 0, meta.site)
    else:
        view.site = _publisher_name(view.publisher_lines)
    view.wire_credits = _wire_credits(view, meta.author)


def site_name(declared: str) -> str:
    """A declared site name without its tagline, so that one outlet is one source.

    >>> site_name("Yahoo News - Latest News & Headlines"), site_name("The Moscow Times")
    ('Yahoo News', 'The Moscow Times')
    """
    return re.split(r"\s+[-|–—:]\s+", declared.strip(), maxsplit=1)[0].strip() or declared.strip()


#: Where an author's name ends in a byline the page glued together: a date ("March 25", "Tuesday",
#: a digit), a comment count, a separator, or the words that announce a date.
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_NAME_END = re.compile(
    rf"\b{_MONTH}\.?\s*\d|\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b|\d|\s[|•·–—-]\s|[|•·]|"
    r"\b(?:[Uu]pdated|[Pp]ublished|[Pp]osted|[Oo]n)\b")


def author_name(text: str) -> str:
    """The name a byline gives, without what the page glued to it (an address is kept whole).

    >>> author_name("Lucas Nolan22 Dec 2016651"), author_name("Jane Doe | Updated 5 May")
    ('Lucas Nolan', 'Jane Doe')
    >>> author_name("Bryan Walsh Tuesday, Aug. 17, 2010"), author_name("April Ryan March 3, 2015")
    ('Bryan Walsh', 'April Ryan')
    """
    text = " ".join(text.split())
    if "/" in text:
        return text  # a profile URL names the author in its own way
    match = _NAME_END.search(text)
    return (text[:match.start()] if match else text).strip(" ,|") or ""


def _byline_name(text: str) -> str | None:
    """The person a byline line names: "By Jane Doe", "Jane Doe | AP", or a bare "Jane Doe"."""
    text = text.strip()
    if find_dates(text) and not _BYLINE_BY.match(text):
        return None
    for pattern in (_BYLINE_BY, _BYLINE_WIRE):
        match = pattern.match(text)
        if match:
            return author_name(match.group("name")) or None
    if _NAME_LIKE.match(text) and len(text) <= 60 and not _WIRE_ONLY.match(text):
        return text
    return None


#: Boilerplate blocks read for one thing only: the outlet's name.
_OUTLET_LABELS: frozenset[Label] = frozenset({Label.PUBLISHER, Label.DONATION, Label.SUBSCRIPTION, Label.LEGAL})
_OUTLET = r"(?P<name>(?:The\s+)?[A-Z][\w&'’-]*(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\w&'’-]*){0,4})"
#: "© 2023 The Moscow Times", "Copyright 2021 Daily Planet Ltd."
_OUTLET_COPYRIGHT = re.compile(r"(?:©|\(c\)|\bCopyright)\s*(?:(?:©|\(c\)|Copyright)\s*)?(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?,?\s*)?" + _OUTLET)
#: "Support The Moscow Times!", "A Message from The Moscow Times", "more from The Moscow Times".
_OUTLET_APPEAL = re.compile(
    r"\b(?:[Ss]upport(?:ing)?|[Dd]onate to|[Ss]ubscribe to|[Mm]essage from|[Mm]ore from|[Jj]ournalists (?:of|at)|"
    r"[Rr]eaders of|[Ff]riends of|[Mm]embers? of)\s+" + _OUTLET
)
#: Words that make a capitalised phrase a slogan, not a name ("Support Independent Journalism").
_NOT_OUTLET = frozenset(
    "All Rights Reserved Privacy Policy Terms Us Our Independent Journalism Quality Free Local Today Now Here "
    "This Newsletter Donate Subscribe".split())


def outlet_name(lines: list[Line]) -> Fact | None:
    """The outlet's name as its own boilerplate writes it: a copyright line, or a name that two
    appeals repeat ("Support The Moscow Times!" ... "A Message from The Moscow Times").

    >>> outlet_name([Line(1, "Support The Moscow Times!", Label.DONATION),
    ...              Line(9, "A Message from The Moscow Times:", Label.DONATION)]).value
    'The Moscow Times'
    """
    found: dict[str, list[Line]] = {}
    copyright_: dict[str, Line] = {}
    for line in lines:
        for pattern in (_OUTLET_COPYRIGHT, _OUTLET_APPEAL):
            for match in pattern.finditer(line.text):
                words = match.group("name").split()
                while words and (words[-1] in _NOT_OUTLET or words[-1] in ("of", "and", "&")):
                    words.pop()  # "The Moscow Times All Rights Reserved"
                if not words or all(w in _NOT_OUTLET or w == "The" for w in words):
                    continue
                if any(w in _NOT_OUTLET for w in words) or (len(words) == 1 and words[0] in NOT_NAMES_OUTLET):
                    continue
                name = " ".join(words).rstrip(".,")
                found.setdefault(name, []).append(line)
                if pattern is _OUTLET_COPYRIGHT:
                    copyright_.setdefault(name, line)
    if copyright_:
        name, line = next(iter(copyright_.items()))
        return Fact(name, line.line, line.text)
    ranked = sorted(((len({l.line for l in ls}), name) for name, ls in found.items()), key=lambda x: (-x[0], x[1]))
    if ranked and ranked[0][0] >= 2:
        name = ranked[0][1]
        line = found[name][0]
        return Fact(name, line.line, line.text)
    return None


#: Single words that are never an outlet's whole name.
NOT_NAMES_OUTLET = frozenset("The A An It We You Them".split())


def _publisher_name(lines: list[Line]) -> Fact | None:
    """The outlet's name from its own publisher blocks: a URL's domain, else a short name line."""
    for l in lines:
        match = _URL.search(l.text)
        if match:
            host = domain_of(match.group())
            if host:
                return Fact(host, l.line, l.text)
    for l in lines:
        if _looks_like_outlet(l.text):
            name = re.sub(r"\s+(?:Desk|Staff|Team|Editors?|Newsroom)$", "", l.text).strip()
            return Fact(name, l.line, l.text)
    return None


#: Sentence marks, first-person words and e-mail addresses: a greeting or a note, not a name.
_NOT_NAME_LINE = re.compile(r"[,;:!?@]|\b(?:I|I'm|I’m|me|my|we|our)\b|(?<!\bInc|\b.Co|\bLtd|\bLLC)\.$")


def _looks_like_outlet(text: str) -> bool:
    """A publisher block that reads as a name: 1-6 words, no sentence marks, and every word of four
    letters or more capitalised ("The Moscow Times", "WebMD"; not "Hi, I'm Nicolas." or the
    link "Quiénes somos")."""
    words = text.split()
    if not 1 <= len(words) <= 6 or not text[:1].isupper() or _NOT_A_NAME.search(text) or _NOT_NAME_LINE.search(text):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or len(w) < 4 for w in words)


def _wire_pattern(names: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # Short all-caps credits (AP, AFP, dpa) must stand alone, not inside "APPLE" or "ap."-words.
    return re.compile(rf"(?<![\w.-])(?:{alternatives})(?![\w-])")


def _wire_credits(view: ArticleView, author: str | None) -> list[tuple[str, Fact]]:
    """Wire agencies credited in the byline, the dateline or a closing credit line.

    Photo credits in captions do not count: any outlet may buy a wire photo.
    """
    places: list[tuple[int, str]] = []
    if author:
        places.append((0, author))
    places += [(l.line, l.text) for l in view.meta_lines[:HEADER_AREA] if len(l.text) < 120]
    if view.content:
        first = view.content[0]
        places.append((first.line, first.text[:80]))  # dateline: "MOSCOW (AP) —"
        last = view.content[-1]
        if len(view.content) > 1 and len(last.text) < 200:
            places.append((last.line, last.text))  # "© 2024 The Associated Press", "Copyright Reuters"
    found: list[tuple[str, Fact]] = []
    for agency, (names, _) in WIRE_AGENCIES.items():
        pattern = _wire_pattern(names)
        for line, text in places:
            match = pattern.search(text)
            if not match:
                continue
            if _CONTRIBUTION.search(text):
                continue  # wherever it stands (closing line, or a metadata line): a contribution, not a copy
            if len(view.content) > 1 and line == view.content[-1].line and text == view.content[-1].text:
                if len(text) >= 40 and not _CLOSING_CREDIT.search(text):
                    continue  # "..., Reuters reported" is sourcing, not a credit line
            # In the dateline, a short credit must be bracketed or dashed: "(AP) —", "- Reuters".
            if view.content and line == view.content[0].line and text == view.content[0].text[:80]:
                around = text[max(0, match.start() - 2): match.end() + 2]
                if not re.search(r"[(\[—–-]", around):
                    continue
            found.append((agency, Fact(agency, line, text)))
            break
    return found


def wire_domains(agency: str) -> tuple[str, ...]:
    return WIRE_AGENCIES[agency][1]
