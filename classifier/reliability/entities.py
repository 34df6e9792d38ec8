"""People in a text: name runs, who holds which office for which country, spelling variants.

Plain patterns, no model: a person is a run of capitalised words introduced by a title ("German
Foreign Minister Annalena Baerbock"), followed by a speech verb ("Lavrov said") or referred to
by a surname already seen that way.  That finds fewer people than a tagger but every find can be
shown to a reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import COUNTRIES, INSTITUTIONS, NOT_NAMES, OFFICE_QUALIFIERS, OFFICES
from .lines import Sentence
from .view import ArticleView

_UP = "A-ZÀ-ÖØ-Þ"
_LO = "a-zß-öø-ÿ"
#: One capitalised name word: "Blinken", "McDonald", "O'Brien", "Roberts-Grey" (not "Biden's").
NAME_WORD = rf"[{_UP}][{_LO}]+(?:[{_UP}][{_LO}]+)?(?:[-'’](?!s\b)[{_UP}]?[{_LO}]+)?"
_RUN = re.compile(rf"{NAME_WORD}(?:\s+(?:[{_UP}]\.\s+)?{NAME_WORD})*")
_SPEECH = r"(?:said|says|told|tells|added|adds|stressed|warned|noted|insisted|explained|wrote|argued|announced|confirmed|acknowledged|replied|asked|testified)"
_AFTER_SPEECH = re.compile(rf"^(?:['’]s\s+\w+\s+)?,?\s*(?:also\s+|later\s+|previously\s+)?{_SPEECH}\b|^,\s+(?:who|whose)\b")
_BEFORE_TITLE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Sir|Dame|Prof|Sen|Rep|Gov|Gen)\.?|" + "|".join(
    re.escape(t) for t in sorted(OFFICES, key=len, reverse=True)) + r")\s+$")
_SAID_BEFORE = re.compile(rf"\b(?:{_SPEECH}|according to)\s+$")

_COUNTRY_ALT = "|".join(re.escape(c) for c in sorted(COUNTRIES, key=len, reverse=True))
_AFF_ALT = "|".join(re.escape(c) for c in sorted(list(COUNTRIES) + list(INSTITUTIONS), key=len, reverse=True))
_OFFICE_ALT = "|".join(re.escape(t) for t in sorted(OFFICES, key=len, reverse=True))
_QUAL_ALT = "|".join(sorted(OFFICE_QUALIFIERS, key=len, reverse=True))
_NAME_GROUP = rf"(?P<name>{NAME_WORD}(?:\s+(?:[{_UP}]\.\s+)?{NAME_WORD}){{0,2}})"
#: "[former] [Ukrainian|Ukraine's] [Deputy] Foreign Minister [of Russia] Dmytro Kuleba"
_TITLED = re.compile(
    rf"(?:(?P<qual1>(?i:{_QUAL_ALT}))[\s-]+)?"
    rf"(?:(?P<aff>{_AFF_ALT})(?:['’]s?)?\s+)?"
    rf"(?:(?P<qual2>(?i:{_QUAL_ALT}))[\s-]+)?"
    rf"(?P<title>{_OFFICE_ALT})(?!\s+(?:for|of\s+the)\b)(?![\w-])"
    rf"(?:\s+of\s+(?P<aff2>{_COUNTRY_ALT}))?"
    rf",?\s+{_NAME_GROUP}"
)
#: "Dmytro Kuleba, Ukraine's foreign minister"
_APPOSITIVE = re.compile(
    rf"{_NAME_GROUP},\s+(?:the\s+|a\s+)?(?:(?P<qual1>{_QUAL_ALT})[\s-]+)?"
    rf"(?P<aff>{_AFF_ALT})(?:['’]s?)?\s+(?:(?P<qual2>{_QUAL_ALT})[\s-]+)?"
    rf"(?P<title>{'|'.join(re.escape(t.lower()) for t in sorted(OFFICES, key=len, reverse=True))})\b"
)
#: "Robert Mugabe, who has led Zimbabwe since 1980", "Russia's leader Vladimir Putin": a person
#: tied to a country without an office title (recorded as the loose office "leader").
_LEADS = re.compile(
    rf"{_NAME_GROUP},\s+who\s+(?:has\s+|had\s+)?(?:led|ruled|governed|leads|rules|governs)\s+(?P<aff>{_COUNTRY_ALT})\b"
    rf"|(?P<aff2>{_COUNTRY_ALT})['’]s?\s+(?:long-time\s+|longtime\s+)?(?P<title>leader|ruler|strongman),?\s+"
    rf"(?P<name2>{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})"
)
_NON_NAME = NOT_NAMES | frozenset(COUNTRIES) | frozenset(w for i in INSTITUTIONS for w in i.split())


@dataclass(frozen=True)
class NameRun:
    """A run of capitalised name words in a body sentence."""

    words: tuple[str, ...]
    sentence: int
    line: int
    start: int
    end: int
    person: bool  # introduced by a title, or the subject/object of a speech verb
    titled: bool = False  # introduced by a title or honorific
    spoken: bool = False  # next to a speech verb ("Lavrov said", "said Lavrov"), person or not

    @property
    def surname(self) -> str:
        return self.words[-1]


@dataclass(frozen=True)
class RoleMention:
    """A person named with an office and, maybe, a country or institution."""

    first: str | None
    surname: str
    country: str | None  # a country, or an institution such as NATO
    office: str
    title: str  # as written, for evidence and the title checks
    qualified: bool  # "former", "deputy", "acting"...: not the office itself
    line: int
    text: str  # the sentence it stands in
    start: int
    end: int

    @property
    def name(self) -> str:
        return f"{self.first} {self.surname}" if self.first else self.surname


def _clean_name(words: list[str]) -> list[str]:
    """Cut a run at the first word that is not a name ("Blinken Wednesday" -> "Blinken")."""
    out: list[str] = []
    for word in words:
        if word in _NON_NAME or word.rstrip(".") in _NON_NAME:
            break
        out.append(word)
    return out


def name_runs(view: ArticleView) -> list[NameRun]:
    """Every run of name words in the body, in order, marked when it is clearly a person."""
    runs: list[NameRun] = []
    for sentence in view.sentences:
        runs.extend(_runs_in(sentence))
    # A lone word next to "said" is a person only if the text also gives it a first name:
    # "Moscow said" and "Kyiv says" are places speaking for governments.
    multi = {r.surname for r in runs if len(r.words) >= 2}
    runs = [
        r if not r.person or len(r.words) >= 2 or r.titled or r.surname in multi
        else NameRun(r.words, r.sentence, r.line, r.start, r.end, False, False, r.spoken)
        for r in runs
    ]
    people = {r.surname for r in runs if r.person}
    return [
        r if r.person or r.surname not in people
        else NameRun(r.words, r.sentence, r.line, r.start, r.end, True, r.titled, r.spoken)
        for r in runs
    ]


def _runs_in(sentence: Sentence) -> list[NameRun]:
    text = sentence.text
    found: list[NameRun] = []
    for match in _RUN.finditer(text):
        # Split the run at non-name words ("The Kremlin", "President Joe Biden").
        words = re.findall(rf"{NAME_WORD}|[{_UP}]\.", match.group())
        position = match.start()
        group: list[str] = []
        group_start = position
        for word in words + [""]:
            index = text.find(word, position) if word else len(text)
            if word and word not in _NON_NAME and not re.fullmatch(rf"[{_UP}]\.", word):
                if not group:
                    group_start = index
                group.append(word)
            elif word and re.fullmatch(rf"[{_UP}]\.", word) and group:
                pass  # a middle initial: "Dana A. Ford"
            else:
                if group:
                    end = text.find(group[-1], group_start) + len(group[-1])
                    found.append(_make_run(sentence, tuple(group), group_start, end))
                group = []
            if word:
                position = index + len(word)
    return found


def _make_run(sentence: Sentence, words: tuple[str, ...], start: int, end: int) -> NameRun:
    text = sentence.text
    before, after = text[max(0, start - 40):start], text[end:end + 40]
    titled = bool(_BEFORE_TITLE.search(before))
    spoken = bool(_AFTER_SPEECH.search(after) or _SAID_BEFORE.search(before))
    person = titled or spoken
    if start == 0 and len(words) == 1 and not _AFTER_SPEECH.search(after):
        person = False  # a capitalised first word of a sentence is no evidence
    return NameRun(words, sentence.index, sentence.line, start, end, person, titled, spoken)


def role_mentions(view: ArticleView) -> list[RoleMention]:
    """People named with an office, from titles before names and appositives after them."""
    mentions: list[RoleMention] = []
    for sentence in view.sentences:
        text = sentence.text
        for pattern in (_TITLED, _APPOSITIVE):
            for match in pattern.finditer(text):
                words = _clean_name(match.group("name").split())
                words = [w for w in words if not re.fullmatch(rf"[{_UP}]\.", w)]
                if not words:
                    continue
                title = match.group("title")
                canonical = next((t for t in OFFICES if t.lower() == title.lower()), title)
                affiliation = match.group("aff") or (match.groupdict().get("aff2"))
                country = None
                if affiliation:
                    country = COUNTRIES.get(affiliation) or INSTITUTIONS.get(affiliation)
                qualified = bool(match.group("qual1") or match.group("qual2"))
                mentions.append(
                    RoleMention(
                        first=words[0] if len(words) > 1 else None,
                        surname=words[-1],
                        country=country,
                        office=OFFICES[canonical],
                        title=canonical,
                        qualified=qualified,
                        line=sentence.line,
                        text=text,
                        start=match.start(),
                        end=match.end(),
                    )
                )
        for match in _LEADS.finditer(text):
            words = (match.group("name") or match.group("name2")).split()
            while words and (words[0] in _NON_NAME or words[0].rstrip(".") in _NON_NAME):
                words.pop(0)  # "Mr Mugabe, who has led Zimbabwe"
            words = _clean_name(words)
            if not words:
                continue
            affiliation = match.group("aff") or match.group("aff2")
            mentions.append(RoleMention(
                first=words[0] if len(words) > 1 else None, surname=words[-1], country=COUNTRIES[affiliation],
                office="leader", title="leader", qualified=False, line=sentence.line, text=text,
                start=match.start(), end=match.end(),
            ))
    return mentions


def person_key(first: str | None, surname: str, initials: dict[str, set[str]]) -> str:
    """A key that joins "Antony Blinken", "Anthony Blinken" and "Blinken" but not two Johnsons.

    ``initials`` maps a surname to the first-name initials the text gives it.
    """
    if first:
        return f"{first[0]}. {surname}"
    known = initials.get(surname, set())
    return f"{next(iter(known))}. {surname}" if len(known) == 1 else f"?. {surname}"


def initials_of(runs: list[NameRun], mentions: list[RoleMention]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for run in runs:
        if run.person and len(run.words) >= 2:
            out.setdefault(run.surname, set()).add(run.words[0][0])
    for m in mentions:
        if m.first:
            out.setdefault(m.surname, set()).add(m.first[0])
    return out


def full_names(runs: list[NameRun]) -> dict[str, NameRun]:
    """Person names written with at least a first name and a surname: spelling -> first run."""
    out: dict[str, NameRun] = {}
    for run in runs:
        if run.person and 2 <= len(run.words) <= 3:
            out.setdefault(" ".join(run.words), run)
    return out


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, cut off above ``limit``.

    >>> edit_distance("Berbock", "Burbock"), edit_distance("Antony", "Anthony")
    (1, 1)
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def is_spelling_variant(a: str, b: str) -> bool:
    """Two name words that are one word misspelt, not two names or two forms of one word.

    >>> is_spelling_variant("Berbock", "Burbock"), is_spelling_variant("Russia", "Russian")
    (True, False)
    """
    if a == b or a.lower() == b.lower() or min(len(a), len(b)) < 5:
        return False
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short):  # Russia / Russian, Obama / Obamas
        return False
    if a in COUNTRIES or b in COUNTRIES:
        return False
    limit = 2 if min(len(a), len(b)) >= 9 else 1
    return edit_distance(a, b, limit) <= limit


def is_garbled(word: str, name: str) -> bool:
    """``word`` keeps the tail of ``name`` behind a different head ("Guldoltenberg", "Stoltenberg").

    >>> is_garbled("Guldoltenberg", "Stoltenberg"), is_garbled("Goldenberg", "Rosenberg")
    (True, False)
    """
    low_word, low_name = word.lower(), name.lower()
    if low_word == low_name or low_word.endswith(low_name) or low_name.endswith(low_word) or low_word[0] == low_name[0]:
        return False
    common = 0
    for x, y in zip(reversed(word), reversed(name)):
        if x != y:
            break
        common += 1
    return common >= max(7, round(0.7 * len(name))) and len(word) >= 7
