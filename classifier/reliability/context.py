"""What the other documents of a run say: built once from all documents, read by batch signals.

A batch signal compares a document with the rest of the run: the context holds counts over all
documents, and the document's own facts are subtracted before comparing, so a document is never
its own witness.  Who holds an office changes with time, so office counts are kept per year of
publication and a dated document only hears witnesses dated within
:data:`~.weights.BATCH_YEARS` of it (undated witnesses always count: a run is usually one scrape).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from . import weights as W
from .entities import RoleMention, full_names, initials_of, name_runs, person_key, role_mentions
from .lexicon import COUNTRIES, GENERIC_OFFICES, UNIQUE_OFFICES
from .view import ArticleView

_REAL_COUNTRIES = frozenset(COUNTRIES.values())
_WORD = re.compile(r"\w+")


def passage_key(text: str, min_words: int = W.PASSAGE_MIN_WORDS) -> int | None:
    """A stable 64-bit fingerprint of a paragraph's words (case and punctuation aside), or None
    for a paragraph under ``min_words`` words: short lines ("Read more", a dateline) recur
    across unrelated pages.  Stable across processes, unlike ``hash()``.

    >>> passage_key("Too short to repeat by chance.") is None
    True
    >>> passage_key("Twenty words " * 10) == passage_key("twenty WORDS, " * 10)
    True
    """
    words = _WORD.findall(text.lower())
    if len(words) < min_words:
        return None
    return int.from_bytes(hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest(), "big")


@dataclass
class DocFacts:
    """Who a document says holds which office for which country, and how it spells names."""

    countries: dict[str, dict[str, RoleMention]] = field(default_factory=dict)
    offices: dict[str, dict[str, RoleMention]] = field(default_factory=dict)  # specific offices only
    spellings: dict[str, int] = field(default_factory=dict)  # "First Last" -> line
    names: dict[str, str] = field(default_factory=dict)  # person key -> name as first written in full
    date: int | None = None  # the page date as an ordinal (date.toordinal)
    #: Fingerprint of each long content paragraph -> its line; kept for dated documents only.
    passages: dict[int, int] = field(default_factory=dict)
    #: Fingerprint of the whole content (None: no content): copies of one text are one witness.
    text_key: int | None = None

    @classmethod
    def of(cls, view: ArticleView) -> "DocFacts":
        runs = name_runs(view)
        mentions = role_mentions(view)
        initials = initials_of(runs, mentions)
        page = view.page_date
        facts = cls(date=page.toordinal() if page else None,
                    text_key=passage_key(" ".join(line.text for line in view.content), min_words=1))
        if page:
            for line in view.content:
                key = passage_key(line.text)
                if key is not None:
                    facts.passages.setdefault(key, line.line)
        for m in mentions:
            key = person_key(m.first, m.surname, initials)
            if m.first:
                facts.names.setdefault(key, m.name)
            if m.country in _REAL_COUNTRIES:
                facts.countries.setdefault(key, {}).setdefault(m.country, m)
            if m.office not in GENERIC_OFFICES and not m.qualified:
                facts.offices.setdefault(key, {}).setdefault(m.office, m)
        for spelling, run in full_names(runs).items():
            facts.spellings.setdefault(spelling, run.line)
        for m in mentions:
            if m.first:
                facts.spellings.setdefault(m.name, m.line)
        return facts

    @property
    def year(self) -> int | None:
        """The year of the page date."""
        return date.fromordinal(self.date).year if self.date is not None else None

    def holders(self, resolve=lambda key: key) -> dict[str, set[str]]:
        """"Country|office" -> the people this document names as its holder."""
        out: dict[str, set[str]] = {}
        for key, by_office in self.offices.items():
            for office, m in by_office.items():
                if office not in UNIQUE_OFFICES:
                    continue
                for country, cm in self.countries.get(key, {}).items():
                    if cm is m:
                        out.setdefault(f"{country}|{office}", set()).add(resolve(key))
        return out


@dataclass(frozen=True)
class BatchContext:
    """Counts over all documents of a run: per person, the documents giving each country/office."""

    documents: int = 0
    countries: dict[str, Counter] = field(default_factory=dict)
    #: Person key -> documents per (office, year): who the run says holds what, and when.
    offices: dict[str, Counter] = field(default_factory=dict)
    spellings: Counter = field(default_factory=Counter)
    #: "Country|office" -> documents per (person key, year) naming them as its holder.
    holders: dict[str, Counter] = field(default_factory=dict)
    #: Person key -> a name to show for it ("S. Lavrov" -> "Sergei Lavrov").
    names: dict[str, str] = field(default_factory=dict)
    #: Surname -> the one first-name initial the run gives it (to resolve "?. Blinken").
    initials: dict[str, str] = field(default_factory=dict)
    #: Long paragraph fingerprint -> the page dates (ordinals) of the dated documents holding it.
    passages: dict[int, list[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, views: list[ArticleView]) -> "BatchContext":
        """The context of a run: every document that will be scored against it must be in it."""
        return cls.from_facts([DocFacts.of(view) for view in views])

    @classmethod
    def from_facts(cls, all_facts: list[DocFacts]) -> "BatchContext":
        """Build from facts already extracted (cheap: lets a caller swap one document out)."""
        initials: dict[str, set[str]] = {}
        for facts in all_facts:
            for key in list(facts.countries) + list(facts.offices):
                initial, surname = key.split(". ", 1)
                if initial != "?":
                    initials.setdefault(surname, set()).add(initial)
        unique = {s: next(iter(i)) for s, i in initials.items() if len(i) == 1}
        context = cls(documents=len(all_facts), initials=unique)
        seen: set[int] = set()
        for facts in all_facts:
            for key in facts.passages:  # reprints of one text under other dates are the point here
                context.passages.setdefault(key, []).append(facts.date)
            # A second copy of the same text (a scrape that saved a page twice, a syndicated
            # story) says nothing the first did not: it is not a second witness.
            if facts.text_key is not None:
                if facts.text_key in seen:
                    continue
                seen.add(facts.text_key)
            for key, by_country in facts.countries.items():
                context.countries.setdefault(context.resolve(key), Counter()).update(set(by_country))
            for key, by_office in facts.offices.items():
                context.offices.setdefault(context.resolve(key), Counter()).update((o, facts.year) for o in by_office)
            context.spellings.update(set(facts.spellings))
            for key, name in facts.names.items():
                context.names.setdefault(context.resolve(key), name)
            for slot, keys in facts.holders(context.resolve).items():
                context.holders.setdefault(slot, Counter()).update((k, facts.year) for k in keys)
        return context

    def resolve(self, key: str) -> str:
        """Give "?. Surname" the first initial the rest of the run uses, if it uses exactly one."""
        initial, _, surname = key.partition(". ")
        if initial == "?" and surname in self.initials:
            return f"{self.initials[surname]}. {surname}"
        return key

    def others(self, table: dict[str, Counter], key: str, own: set[str]) -> Counter:
        """The counts of ``table[key]`` without this document's own contribution."""
        counts = Counter(table.get(self.resolve(key), Counter()))
        counts.subtract(own)
        return +counts

    def others_in_time(self, table: dict[str, Counter], key: str, own: set[str], year: int | None) -> Counter:
        """Like :meth:`others` for a table counted per (value, year): only witnesses of the same time."""
        counts: Counter = Counter()
        for (value, when), n in table.get(self.resolve(key), Counter()).items():
            if year is None or when is None or abs(when - year) <= W.BATCH_YEARS:
                counts[value] += n
        counts.subtract(own)
        return +counts

    def other_dates(self, key: int, own: int) -> list[int]:
        """The page dates of the other dated documents holding passage ``key``."""
        dates = list(self.passages.get(key, ()))
        if own in dates:
            dates.remove(own)
        return dates

    def other_spellings(self, own: set[str]) -> Counter:
        counts = Counter(self.spellings)
        counts.subtract(own)
        return +counts
