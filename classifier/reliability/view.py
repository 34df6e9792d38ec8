"""What the signals read of a document: its text blocks, sentences and provenance, built once
(the provenance itself is read by :mod:`.provenance`).

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

from ..document import ClassifierError, Document
from ..labels import Label
from ..metadata import domain_of
from . import weights as W
from .lexicon import FAIR_USE, FUNCTION_WORDS
from .lines import Fact, Line, Sentence
from .provenance import read_provenance

#: Labels whose blocks are read as the article's text.
TEXT_LABELS: frozenset[Label] = frozenset({Label.CONTENT, Label.HEADLINE, Label.METADATA, Label.CAPTION})
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


def snippet(text: str, start: int = 0, end: int | None = None) -> str:
    """A short piece of ``text`` around ``start:end`` for evidence."""
    end = len(text) if end is None else end
    if end - start >= SNIPPET or len(text) <= SNIPPET:
        piece = text[start:end] if end - start < len(text) else text
        return piece if len(piece) <= SNIPPET else piece[: SNIPPET - 1] + "…"
    pad = (SNIPPET - (end - start)) // 2
    left, right = max(0, start - pad), min(len(text), end + pad)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def snippet_around(text: str, start: int, end: int, width: int = 50) -> str:
    """Evidence for a match that means nothing alone (a "!", a quotation mark, a year, "said"):
    the whole text when it is short, else the match with ``width`` characters either side.

    >>> snippet_around("Thanks for your support!", 23, 24)
    'Thanks for your support!'
    """
    if len(text) <= SNIPPET:
        return text
    return snippet(text, max(0, start - width), min(len(text), end + width))


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping "Mr. Smith" and "U.S. officials" whole.

    >>> split_sentences('He said so. Mr. Smith left the U.S. on Monday. "Yes," she said.')
    ['He said so.', 'Mr. Smith left the U.S. on Monday.', '"Yes," she said.']
    >>> split_sentences("It lifted off at 8:51 p.m. (1451 GMT) from Baikonur. It docked at 3 a.m. Crews cheered.")
    ['It lifted off at 8:51 p.m. (1451 GMT) from Baikonur.', 'It docked at 3 a.m.', 'Crews cheered.']
    """
    pieces = _SENTENCE_END.split(text.strip())
    out: list[str] = []
    for piece in pieces:
        # "at 8:51 p.m. (1451 GMT) from" runs on; "at 5 p.m. The mayor" is a new sentence.
        if out and (_ends_with_abbreviation(out[-1]) or (_CLOCK.search(out[-1]) and piece[:1] in "(0123456789")):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return [s for s in out if s]


_CLOCK = re.compile(r"\b[ap]\.m\.[\"”’')\]]*$", re.I)


def _ends_with_abbreviation(sentence: str) -> bool:
    last = sentence.rsplit(None, 1)[-1].rstrip(".\"”’')]")
    if last in _ABBREVIATIONS or (len(last) == 1 and last.isupper()):
        return True
    # Initialisms such as "U.S." or "D.C." usually run on ("the U.S. on Monday").
    return bool(re.fullmatch(r"(?:[A-Z]\.){2,}", sentence.rsplit(None, 1)[-1].rstrip("\"”’')]")))


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


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
    #: Lines of blocks inside a <blockquote>: someone else's words (a quoted tweet, a letter) that
    #: the tone signals do not hold against the outlet.
    quoted_lines: frozenset[int] = frozenset()
    #: A "fair use" notice in the page's furniture (:data:`~.lexicon.FAIR_USE`), read outside the
    #: article's own text so that an article about copyright law does not trip it.
    fair_use: Fact | None = None
    #: When the page says it was last changed: its text may report events up to then.
    modified: date | None = None

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
            quoted_lines=frozenset(line.line for line, block in zip(order, document.blocks)
                                   if "blockquote" in block.path.split(">")),
        )
        read_provenance(view, document, order)
        view.fair_use = next((Fact(m.group(), l.line, l.text) for l in order
                              if l.label not in TEXT_LABELS and (m := FAIR_USE.search(l.text))), None)
        return view
