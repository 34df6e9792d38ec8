"""The signals: each a small function of one document (and, where it says so, of the run).

Every function takes the document's :class:`~.view.ArticleView` (plus what it needs) and returns
the signals that fired, each with the lines that made it fire.  A signal that did not fire is
simply absent: the score only lists what moved it.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..dates import MONTHS, find_dates, find_years, url_date
from . import weights as W
from .context import BatchContext, DocFacts
from .entities import NameRun, RoleMention, is_garbled, is_spelling_variant, name_runs, role_mentions
from .lexicon import (
    ABSENT_TITLES, ANONYMOUS_NOUNS, ANONYMOUS_SOURCES, ATTRIBUTION_BY_LANGUAGE, CLICKBAIT_PHRASES, CONTENT_FARM_PHRASES,
    COUNTRIES, COUNTRY_SPECIFIC_TITLES, DANGLING_OPENERS, LOADED_WORDS, NARRATIVE_VERBS, OFFICES, ROLE_NOUNS,
    SENTENCE_OPENERS, UNIQUE_OFFICES,
)
from .records import Evidence, Signal
from .reference import AS_OF, reference_entry
from .lines import Line, Sentence
from .provenance import wire_domains
from .view import ArticleView, count_words, snippet, snippet_around

def _count(n: int, noun: str) -> str:
    """ "1 named source", "3 named sources": explanations read as sentences."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# -- Provenance -------------------------------------------------------------------------------


def provenance(view: ArticleView) -> list[Signal]:
    """URL, publication date, author and publisher: what lets a reader check the page."""
    out: list[Signal] = []
    if view.url:
        out.append(Signal("provenance.url", 1.0, W.URL_PRESENT, ((view.url.line, snippet(view.url.text)),),
                          f"gives its URL ({view.domain or view.url.value})"))
    if view.date:
        out.append(Signal("provenance.date", 1.0, W.DATE_PRESENT, ((view.date.line, snippet(view.date.text)),),
                          f"gives its publication date ({view.date.value})"))
    if view.byline:
        out.append(Signal("provenance.byline", 1.0, W.BYLINE_PRESENT, ((view.byline.line, snippet(view.byline.text)),),
                          f"names its author ({view.byline.value})"))
    publisher = view.domain or (view.site.value if view.site else None)
    if publisher:
        line = view.url.line if view.domain and view.url else (view.site.line if view.site else 0)
        text = view.url.text if view.domain and view.url else (view.site.text if view.site else publisher)
        out.append(Signal("provenance.publisher", 1.0, W.PUBLISHER_KNOWN, ((line, snippet(text)),),
                          f"publisher identifiable ({publisher})"))
    return out


# -- Sourcing ---------------------------------------------------------------------------------

#: Attributions per language: English is always read (English reporting verbs in a text of another
#: language are still attributions), the text's own language besides.
_ATTRIBUTION = {
    lang: re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(v) for v in sorted({*ATTRIBUTION_BY_LANGUAGE["en"], *verbs}, key=len, reverse=True))
                     + r")(?!\w)", re.I)
    for lang, verbs in ATTRIBUTION_BY_LANGUAGE.items()
}
#: Reporting verbs used for something else: idioms ("that said", "all told", "be warned", "tells the
#: story") and "added"/"adds" with an object ("added support for", "adds two numbers").
_NOT_ATTRIBUTION = re.compile(
    r"\b(?:that|this|with that|having|all that)(?: being)? (?:said|stated)\b|\b(?:all|we are|we['’]re|we were|I was|I am|I['’]m) told\b"
    r"|\bbe warned\b|\btells? (?:the |a |an |its |his |her |their |\w+['’]s )(?:[\w'’]+ )?(?:story|tale)\b"
    # Things that "say" ("a dialog that says"; not "a statement which said"),
    # a discipline that "tells us", the text pointing at itself ("as explained above").
    r"|\b(?:that|which) (?:says|tells|reads)\b|\btells us\b"
    r"|\bas (?:\w+ )?(?:explained|noted|mentioned|stated|said|described|discussed) (?:above|below|earlier|before|previously)\b"
    r"|\b[\w-]+ing states\b"
    r"|\b(?:the|these|those|all|both|other|several|many|some|member|\d+|two|three|four|five|ten|fifty) states\b"
    r"|\bwrote (?:a|an|the|about|this|my|his|her|their|our|some|code|it|several|many|books?|songs?)\b"
    r"|\b(?:is|are|was|were|be) said to\b|\bthe said\b|\bto be said\b|\btold-"
    # The writer's own doing ("I reported a few bugs", "we told them"): the author is not a source.
    r"|\b(?-i:I|[Ww]e)\s+(?:\w+ly\s+|also\s+|then\s+)?(?:said|told|wrote|reported|noted|explained|added|stated|argued|"
    r"announced|confirmed|warned|stressed|insisted|acknowledged|testified|tweeted)\b"
    # A passive with nobody behind it ("parts were just announced", "which is explained below").
    r"|\b(?:is|are|was|were|been|be|being)\s+(?:just\s+|also\s+|first\s+|widely\s+|officially\s+|recently\s+)?"
    r"(?:announced|explained|noted|reported|stated|confirmed|acknowledged|tweeted|written|told)\b(?!\s+by\b)"
    r"|\bwrote (?:down|off|up)\b|\b(?:says?|said) (?:very |so )?(?:little|nothing)\b"
    # An appointment, not a statement: "the Senate confirmed Prelogar by a vote of 53-36".
    r"|\bconfirmed\s+(?-i:(?:[A-Z][\w’'-]+\s+){1,3})(?:as|by|to be)\b",
    re.I,
)
#: "added" / "adds" report speech only next to a quotation or a clause: '," he added.', 'added that',
#: 'she added on Monday'; not 'added support for tables', 'adds overhead'.
_ADDED_SPEECH_AFTER = re.compile(r"^\s*(?:[,.;:!?\"“”—–-]|$|that\b|on\b|in a\b|later\b|today\b|yesterday\b|when\b)", re.I)
_ADDED_SPEECH_BEFORE = re.compile(r"[,\"“”]\s*(?:\w+\s+){0,3}$")
#: ... unless an object follows: ", it added a layer of managers", "added 5 points".
_ADDED_OBJECT = re.compile(r"^\s+(?:a|an|the|to|some|more|\d)\b", re.I)


def _attributions(pattern: re.Pattern, text: str) -> list[re.Match]:
    """The reporting verbs of a sentence that attribute: not a capitalised one inside it ("the
    United States"), not one inside an idiom or with an object (:data:`_NOT_ATTRIBUTION`)."""
    idioms = [(m.start(), m.end()) for m in _NOT_ATTRIBUTION.finditer(text)]
    return [m for m in pattern.finditer(text)
            if not (m.start() > 0 and m.group()[:1].isupper())
            and not any(a <= m.start() < b for a, b in idioms)
            and (m.group().lower() not in ("added", "adds") or _ADDED_SPEECH_AFTER.match(text[m.end():])
                 or (_ADDED_SPEECH_BEFORE.search(text[:m.start()]) and not _ADDED_OBJECT.match(text[m.end():])))]


#: A direct quotation: "…" or “…” (English), «…» (French, Spanish, Italian...), „…“ (German, Czech...).
#: Marks pair with the next closing mark whatever lies between, so that a short quoted token
#: ("GET", "needs") keeps its own closing mark and the prose up to the next quoted token is not
#: read as a quotation; the length is checked afterwards (:func:`_is_quotation`).
_QUOTE = re.compile(r"[“\"](?P<en>[^”\"]+)[”\"]|«\s?(?P<guillemets>[^»]+?)\s?»|„(?P<low>[^“”]+)[“”]")
_NOUNS = "|".join(re.escape(p) for p in ANONYMOUS_NOUNS)
#: "sources say", "rumor has it"; or a nameless source tied to a statement: "according to
#: anonymous sources", "citing unnamed officials", "unnamed sources told", "an anonymous source
#: close to the talks said" (not "how anonymous sources are treated").
_ANONYMOUS = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in ANONYMOUS_SOURCES) + r")\b"
    r"|\b(?:according to|citing|cited|quoting|quoted)\s+(?:(?:two|three|several|some|many|an?|the)\s+)?(?:" + _NOUNS + r")\b"
    r"|\b(?:" + _NOUNS + r")\b(?:\s+[\w,'’-]+){0,5}?\s+(?:said|say|says|told|tell|claimed|claim|reported|confirmed|suggested|"
    r"revealed|insisted|added)\b",
    re.I,
)
_NAMED_ACCORDING = re.compile(r"\baccording to (?:(?:the|a|fan|news)\s+)?(?:site\s+|website\s+)?(?-i:[A-Z])", re.I)
_ORG_SOURCE = re.compile(
    r"(?:according to|reported by|citing)\s+(?:the\s+|a\s+)?(?P<a>[A-Z][\w.&'’-]*(?:\s(?:(?:of|for|and|on)(?:\s+the)?\s)?[A-Z][\w.&'’-]*){0,5})"
    r"|(?:^|[,;]\s+|\bthe\s+)(?P<b>(?:[A-Z][\w.&'’-]*\s){1,4})(?:said|says|told|reported|announced|confirmed)\b"
)
#: Sentence-opening words before "said" that name nobody: pronouns, contractions, people in general.
_NOT_A_SOURCE = frozenset(
    "He She It They We I You This That There These Those Who All Some Many Most Both Others Officials Analysts "
    "Experts Researchers Scientists Police Authorities Critics Residents Witnesses Sources Observers Doctors "
    "Investigators Prosecutors Lawyers Economists Activists Protesters Reports Studies Polls West East North "
    "South Historians Teachers Parents Students Fans Users Voters Consumers Citizens Locals Neighbours Neighbors "
    "Workers Employees Members Leaders Officers Commentators Pundits Sceptics Skeptics Supporters Opponents "
    "Journalists Reporters Insiders Diplomats Lawmakers Legislators Regulators Traders Investors Dealers".split())
#: Words whose "'s" is "is" or "has", not a possessive: "It's said", "That's told".
_CONTRACTED = frozenset("It He She That There What Who Where Here Let".split())


def _contracted(word: str) -> bool:
    """A pronoun's contraction ("They're", "It's", "We've"), not a possessive ("Ukraine’s")."""
    m = re.search(r"^(\w+)['’](re|s|m|ve|ll|d)$", word)
    return bool(m) and (m.group(2) != "s" or m.group(1) in _CONTRACTED or m.group(1) in _NOT_A_SOURCE)
#: Words after a person's name and before the verb that make it still the speaker: an appositive
#: ("Lavrov, Russia's foreign minister, said") or a bare adverb ("Smith also said").
_SPEAKER_GAP = re.compile(r"^(?:\s*,[^,]{0,80},)?\s*(?:also\s+|later\s+|previously\s+|then\s+)?$")


def sourcing(view: ArticleView, runs: list[NameRun]) -> list[Signal]:
    """Attributed statements, direct quotes and named sources per 100 words of body."""
    if not view.sentences:
        return []
    attribution = _ATTRIBUTION[view.language or "en"]
    # Not shell output ("added 1 changesets") nor a reference list's entry ('^ "Oshii says ..."').
    prose = [s for s in view.sentences if not _CODE.search(s.text) and not s.text.startswith("^")]
    verbs = {s.index: found for s in prose if (found := _attributions(attribution, s.text))}
    attributed = [s for s in prose if s.index in verbs]
    words = max(view.words, 1)
    out: list[Signal] = []
    rate = 100.0 * len(attributed) / words
    quotes = [(s, m) for s in prose for m in _QUOTE.finditer(s.text) if _is_quotation(m[m.lastgroup])]
    if attributed:
        out.append(Signal(
            "sourcing.attribution", min(1.0, rate / W.ATTRIBUTION_TARGET), W.ATTRIBUTION,
            tuple((s.line, snippet_around(s.text, verbs[s.index][0].start(), verbs[s.index][0].end())) for s in attributed[:3]),
            f"{_count(len(attributed), 'attributed statement')} in {view.words} words ({rate:.1f} per 100)",
        ))
    elif view.words >= W.MIN_WORDS_FOR_SOURCING and view.language and (view.english or not quotes):
        # In a language without a verb list the absence of "said" says nothing: it is not judged.
        # The other languages' lists are short, so there a direct quotation is taken as sourcing
        # they missed (in English, quoted words alone are as often a title or a phrase).
        out.append(Signal("sourcing.unsourced", 1.0, W.UNSOURCED, ((view.sentences[0].line, snippet(view.sentences[0].text)),),
                          f"{view.words} words, not one attributed statement"
                          + (f" (its {_count(len(quotes), 'quotation')} attributed to nobody)" if quotes else " or direct quotation")))
    if quotes:
        quote_rate = 100.0 * len(quotes) / words
        out.append(Signal(
            "sourcing.quotes", min(1.0, quote_rate / W.QUOTES_TARGET), W.QUOTES,
            tuple((s.line, snippet(s.text, m.start(), m.end())) for s, m in quotes[:3]),
            f"{_count(len(quotes), 'direct quotation')} ({quote_rate:.1f} per 100 words)",
        ))
    named: dict[str, Evidence] = {}
    texts = {s.index: s.text for s in prose}
    words_of: dict[str, set[str]] = {}  # each source's name words: "Yoon" is "Yoon Suk Yeol" again
    # Surnames of people named in full: "Emery states," speaks as "David Emery" once did.
    introduced = {r.surname for r in runs if len(r.words) >= 2}
    for run in runs:
        # A full name before an appositive and "said" speaks though nothing else marks it a person.
        if not ((run.person or len(run.words) >= 2 or run.surname in introduced) and run.sentence in verbs
                and _is_speaker(run, texts[run.sentence], verbs[run.sentence])):
            continue
        if any(is_spelling_variant(run.surname, k) or set(run.words) <= ws or ws <= set(run.words) for k, ws in words_of.items()):
            continue
        named[run.surname] = (run.line, _organisation_name(texts[run.sentence], run) or _bare_name(run.words))
        words_of[run.surname] = set(run.words)
    for s in prose:
        for m in _ORG_SOURCE.finditer(s.text):
            name = (m.group("a") or m.group("b") or "").strip()
            words = re.sub(r"^(?:The|A|An)\s+", "", name).rstrip(".,;: ").split()
            # A title before a person's name goes ("Minority Leader John Boehner"); an
            # organisation keeps its first word ("American Petroleum Institute", "National
            # Weather Service"): only a sentence opener goes ("But Moscow").
            name = _bare_name(words) if words and words[-1] in introduced else _unopened(words)
            owner = re.match(r"^([\w.&-]+)['’]s\s+(?=\S)", name)
            if owner and owner.group(1) not in _CONTRACTED and len(name[owner.end():].split()) == 1:
                name = name[owner.end():]  # "according to RedMonk’s Stephens": Stephens speaks
            # ... and "Ukraine’s Defense Ministry said" names the ministry whole; "according to
            # Google's recent parsing" names Google.
            name = re.sub(r"['’]s$", "", name)
            last = name.split()[-1] if name else ""
            first = name.split()[0] if name else ""
            if name and name not in COUNTRIES and first not in _NOT_A_SOURCE and not _contracted(first) \
                    and not any(is_spelling_variant(last, known) for known in named):
                named.setdefault(last, (s.line, name))
    if named:
        out.append(Signal(
            "sourcing.named_sources", min(1.0, len(named) / W.NAMED_SOURCES_TARGET), W.NAMED_SOURCES,
            tuple(list(named.values())[:4]),
            f"{_count(len(named), 'named source')} ({', '.join(text for _, text in list(named.values())[:4])}"
            f"{', ...' if len(named) > 4 else ''})",
        ))
    # "According to fan site MakingStarWars.net, rumors abound that ...": the sentence names its source.
    anonymous = [(s, m) for s in view.sentences for m in _ANONYMOUS.finditer(s.text)
                 if not _NAMED_ACCORDING.search(s.text)]
    if anonymous:
        out.append(Signal(
            "sourcing.anonymous", float(min(len(anonymous), W.ANONYMOUS_CAP)), W.ANONYMOUS_SOURCING,
            tuple((s.line, snippet(s.text, m.start(), m.end())) for s, m in anonymous[:3]),
            f"claims attributed to sources it does not name ({anonymous[0][1].group()!r})",
        ))
    return out


#: Words of a title written before a name ("Minority Leader", "Assistant District Attorney").
_NAME_TITLES = frozenset(w for title in OFFICES for w in title.split()) | frozenset(
    "Minority Majority Leader Chairman Chairwoman Chair Director Assistant District Attorney Chief Judge Justice "
    "Professor Coach Founder Detective Officer Commissioner Superintendent Sheriff Rabbi Reverend Father "
    "Administrator Manager Inspector Sergeant Sgt. Lieutenant Lt. Captain Capt. Deputy Councillor Councilor "
    "Councilman Councilwoman Representative Rep. Dr. Mr. Mrs. Ms. County City Police Fire Health Executive".split())


def _bare_name(words) -> str:
    """A source's name without the title or the sentence opener before it ("Minority Leader John
    Boehner" is John Boehner, "But Moscow" is Moscow)."""
    words = list(words)
    while len(words) > 1 and (words[0] in _NAME_TITLES or words[0] in SENTENCE_OPENERS or words[0] == "of"):
        words.pop(0)
    return " ".join(words)



#: Last words of an organisation's name: "Institute", "Service", "Networks".
_ORGANISATION_WORDS = frozenset(
    "Institute Service Services Network Networks Association Council Agency Department Ministry Office Bureau "
    "Commission Foundation University College Company Corporation Group Party Authority Board Committee "
    "Federation Union Society Center Centre Organization Organisation Administration Fund Bank".split())
_CAPITALISED_BEFORE = re.compile(r"(?:(?<=\s)|^)((?:[A-Z][\w&'’-]*\s+)+)$")


def _organisation_name(text: str, run: NameRun) -> str | None:
    """An organisation's whole name where the name run lost its first words to the adjective
    rule ("American Petroleum Institute", "National Weather Service"), else None."""
    if run.words[-1] not in _ORGANISATION_WORDS:
        return None
    m = _CAPITALISED_BEFORE.search(text[:run.start])
    if not m:
        return None
    lead = [w for w in m.group(1).split() if w not in ("The", "A", "An")]
    return _unopened(lead + list(run.words))


def _unopened(words) -> str:
    """A name without the sentence opener before it ("But Moscow" is Moscow)."""
    words = list(words)
    while len(words) > 1 and (words[0] in SENTENCE_OPENERS or words[0] == "of"):
        words.pop(0)
    return " ".join(words)


def _is_speaker(run: NameRun, text: str, verbs: list[re.Match]) -> bool:
    """Whether a person named in an attributed sentence is the one speaking: the name stands just
    before a reporting verb (or before an appositive and the verb), or just after "said" /
    "according to" ("said Smith"); not a person spoken about or told something ("told Samus")."""
    for verb in verbs:
        if run.end <= verb.start() and _SPEAKER_GAP.match(text[run.end:verb.start()]):
            return True
        if verb.end() <= run.start and _TITLE_GAP.match(text[verb.end():run.start]) \
                and verb.group().lower() not in ("told", "tells") and _AFTER_SPEAKER.match(text[run.end:]):
            return True
    return False


#: Between "said" and the speaker's name, at most a title: "said NOAA head Jane Lubchenco", "said
#: Democratic National Committee Chairman Tim Kaine".
_TITLE_GAP = re.compile(
    r"^\s*(?:(?:(?-i:[A-Z][\w.&'’-]*)|head|chief|spokesman|spokeswoman|spokesperson|director|president|chairman|"
    r"chairwoman|secretary|minister|leader|member|executive|officer|analyst|professor|expert|of|the|for|and)\s+){0,6}$",
    re.I)
#: After a speaker named behind the verb, the sentence ends or an appositive starts ('..., said
#: Smith.', 'said Smith, a lawyer'); "Gates said Tillerson's ties..." names whom the statement is about.
_AFTER_SPEAKER = re.compile(r"^\s*(?:[,.;:!?)\"”’—–-]|$|\(|in a |on |at |to )")


def _is_quotation(quoted: str) -> bool:
    """Quoted words that someone said: three words and 12 characters or more, not a title ("Super
    Mario Run", "THE GIRL WHO LEAPT THROUGH TIME", "The Great Big Lie", "Meet the Press"), where most
    words of three letters or more, short function words aside, are capitalised."""
    words = quoted.split()
    if len(words) < 3 or len(quoted) < 12:
        return False
    long = [w for w in words if sum(c.isalpha() for c in w) >= 3
            and w.strip("\"'“‘(.,!?").lower() not in ("the", "and", "for", "nor", "but", "with", "from", "into")]
    capitalised = sum(w.lstrip("\"'“‘(")[:1].isupper() for w in long)
    return not (len(long) >= 2 and capitalised >= 0.8 * len(long))


# -- Republication ----------------------------------------------------------------------------


def republication(view: ArticleView) -> list[Signal]:
    """Wire copy on a site that is not the wire, a re-cased headline, a fair-use notice, a
    content-farm self-description."""
    out: list[Signal] = []
    domain = view.domain or ""
    site = view.site.value.lower() if view.site else ""
    # Where the page came from is unknown (no URL, no site name), a wire credit may be the wire's
    # own copy: nothing says the site is not the wire.
    foreign = [
        (agency, fact) for agency, fact in view.wire_credits
        if not any(domain == d or domain.endswith("." + d) for d in wire_domains(agency))
        and agency.lower() not in site
    ] if domain or site else []
    if foreign:
        where = view.domain or view.site.value
        agencies = ", ".join(a for a, _ in foreign)
        out.append(Signal(
            "republication.wire_copy", 1.0, W.WIRE_ON_OTHER_SITE,
            tuple((f.line, snippet(f.text)) for _, f in foreign),
            f"wire credit ({agencies}) on a site that is not the wire ({where}): copied copy",
        ))
    heads = view.headlines + view.meta_lines[:3]
    for i, a in enumerate(heads):
        twin = next((b for b in heads[i + 1:] if b.text != a.text and b.text.lower() == a.text.lower()), None)
        if twin and len(a.text) > 15:
            out.append(Signal(
                "republication.recased_headline", 1.0, W.HEADLINE_CASE_REPEAT,
                ((a.line, snippet(a.text)), (twin.line, snippet(twin.text))),
                "the headline is repeated in another letter case: a scraper's re-post",
            ))
            break
    if view.fair_use:
        out.append(Signal(
            "republication.fair_use", 1.0, W.FAIR_USE_NOTICE, ((view.fair_use.line, snippet(view.fair_use.text)),),
            f"the site claims fair use ({view.fair_use.value!r}) for copyrighted material it runs without its "
            f"owners' authorisation: an aggregator of other outlets' articles",
        ))
    farm = _content_farm(view.publisher_lines)
    if farm:
        line, phrases = farm
        out.append(Signal(
            "republication.content_farm", 1.0, W.CONTENT_FARM, ((line.line, snippet(line.text)),),
            f"the publisher describes itself as a catch-all news portal ({', '.join(phrases[:3])})",
        ))
    return out


def _content_farm(lines: list[Line]) -> tuple[Line, list[str]] | None:
    for line in lines:
        low = line.text.lower()
        phrases = [p for p in CONTENT_FARM_PHRASES if p in low]
        if len(phrases) >= 2:
            return line, phrases
    return None


# -- Dates ------------------------------------------------------------------------------------

_FUTURE = re.compile(
    r"\b(?:will|shall|is (?:expected|scheduled|set|due|planned|slated) to|are (?:expected|scheduled|set|due|planned|slated) to|"
    r"(?:is|are) to be|scheduled for|set for|planned for|slated for|upcoming|next (?:week|month|year))\b",
    re.I,
)
#: "by 2050", "until 2030", "population projections: 2016-2068": a horizon, not an event.
_AHEAD = re.compile(
    r"\b(?:by|until|till|through|before|to|for|of|in the|beyond)\s+"
    r"(?:(?:the\s+)?(?:end|start|beginning|middle|summer|spring|autumn|fall|winter)\s+of\s+)?$|"
    r"\b(?:plans?|targets?|goals?|projected|projections?|forecasts?|outlook|scenarios?|estimates?|expected|aims?|vision|"
    r"budget|fiscal|season|class of|model)\b[^.]{0,30}$",
    re.I,
)
_RETROSPECTIVE = re.compile(r"\b(?:ago|since|anniversary|back in|history|historic|former|formerly|once|decades?)\b", re.I)
_RECENT = re.compile(
    r"\b(?:on|last|this|next) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|weekend)\b|"
    r"\b(?:yesterday|today|tonight|earlier this week|this morning|this year|earlier this year|so far this year|"
    r"this month|last month|this season)\b",
    re.I,
)
#: The news sense of the present: a weekday, "this week", "yesterday".  Bare "today" is left out:
#: it is as often "nowadays" ("the way electricity is generated today", "neon signs exist today").
_NEWS_RECENT = re.compile(_RECENT.pattern.replace("yesterday|today|tonight", "yesterday|tonight"), re.I)
#: A year given as the point of comparison, not as the event: "nearly 50 percent more than in 2017",
#: "up from 2019", "compared with 2020".
_COMPARED = re.compile(
    r"\b(?:than|compared (?:with|to)|from|since|versus|vs\.?|relative to|over|above|below)\s+"
    r"(?:(?:in|the|its|their|a|levels? of)\s+)?(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?$",
    re.I,
)
#: A finished event dated by the year that follows: "bought Whole Foods in August 2017", "totaled
#: $726 billion in 2017".  A past-tense verb, then "in [early|late] [Month]" right before the year.
_PAST_EVENT = re.compile(
    r"(?<!\bbe\s)(?<!\bto\s)(?<!\bbeing\s)\b(?:was|were|had|did|bought|sold|took|won|lost|made|began|became|fell|rose|grew|left|met|paid|spent|"
    r"saw|went|came|gave|held|ran|said|told|(?!(?:scheduled|planned|slated|proposed|intended|needed|required|aimed|"
    r"targeted|estimated|predicted|forecasted|budgeted|anticipated|expected|projected|hoped|wanted)\b)[a-z]{3,}ed)\b"
    r"[^.;:!?\"“”]{0,40}\bin\s+(?:(?:early|late|mid-?)\s*)?(?:(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+)?$"
)
#: Characters before a year searched for :data:`_PAST_EVENT`.
PAST_WINDOW = 70
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
#: A weekday tied to a day of a month without a year ("on Sunday, October 29"): it fixes the year.
_WEEKDAY_DATE = re.compile(
    rf"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?:the\s+)?"
    rf"(?:{_MONTH_NAMES}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?|(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_NAMES.replace('month', 'month2')})"
    rf"(?![\d,]*\s*(?:19|20)\d\d)(?!\d)"
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-five": 25, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "seventy-five": 75, "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100,
}
_N = r"(?P<n>\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_Y = r"(?P<year>(?:19|20)\d\d)"
#: A year and its distance from the present side by side: "in 2005, ten years ago", "ten years ago, in
#: 2005", "the 50th anniversary of the 1969 moon landing".  Either fixes the year of writing.
_YEARS_AGO = re.compile(
    rf"\bin {_Y},? {_N} years ago\b|\b{_N.replace('n>', 'n2>')} years ago,? in {_Y.replace('year>', 'year2>')}\b", re.I)
_ANNIVERSARY = re.compile(rf"\b(?P<n>\d{{1,3}})(?:st|nd|rd|th) anniversary of (?:the |his |her |their |its )?{_Y}\b", re.I)
#: "later on Friday", "later Friday": the day of writing, in news style.
_LATER_WEEKDAY = re.compile(r"\blater (?:on |this )?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def _anchored_year(m: re.Match) -> tuple[int, int]:
    """(year named, year of writing it implies) of a :data:`_YEARS_AGO` or :data:`_ANNIVERSARY` match."""
    groups = m.groupdict()
    year = int(groups.get("year") or groups.get("year2"))
    n = (groups.get("n") or groups.get("n2")).lower()
    return year, year + (int(n) if n.isdigit() else _NUMBER_WORDS[n])


def _weekday_fits(m: re.Match, page: date) -> bool:
    """Whether the weekday-and-date is that weekday in the page's year, the year before or after
    (or the date exists in none of them, as February 29 may not)."""
    month = MONTHS[(m.group("month") or m.group("month2")).lower().rstrip(".")]
    day = int(m.group("day") or m.group("day2"))
    wanted = _WEEKDAYS.index(m.group("weekday").lower())
    years = [y for y in (page.year - 1, page.year, page.year + 1) if _valid(y, month, day)]
    return not years or any(date(y, month, day).weekday() == wanted for y in years)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


#: A year as the time of something: "in 2008", "during early 2019", "since March 2015".
_TIME_PHRASE = re.compile(r"\b(?:in|during|since|from|until|through)\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\.?\s+)?$", re.I)
#: Where the clause holding a year ends, reading on from the year.
_CLAUSE_END = re.compile(r"\b(?:that|which|who|where|while|although|but)\b|[;:]")
#: Characters around a year within which "will" / "is expected to" make it an upcoming event.
FUTURE_WINDOW = 50
#: Words a sentence needs to report an event by its year alone (a lone "2012" is a tag or a list item).
REPORT_MIN_WORDS = 4
#: Words that make a year a prospect, not a fact: "in advance of the 2012 elections", "the 2012
#: path could become harder", "projected to rise in 2025".  A later year beside them is not
#: reported as past (they do not make an earlier year upcoming: "he said he would" is past).
#: "may" and "hope" only in lower case: "in May 2017" is a month, "Hope Hicks" a name.
_PROSPECT = re.compile(
    r"\b(?:could|would|(?-i:may)|might|going to|ahead of|in advance of|projected|forecasts?|predicted|likely|potential|(?-i:hopes?)|prospects?)\b",
    re.I)
#: Days a page date may lie from the date in its URL (pages are updated; URLs are not).
URL_DATE_TOLERANCE_DAYS = 62


def date_consistency(view: ArticleView, today: date) -> list[Signal]:
    """The page date against the run date, the URL's date and the years the text's events happen in."""
    page = view.page_date
    if page is None:
        return []
    out: list[Signal] = []
    date_evidence = (view.date.line, snippet(view.date.text)) if view.date else (0, page.isoformat())
    if page > today:
        out.append(Signal("dates.future", 1.0, W.FUTURE_DATE, (date_evidence,),
                          f"dated {page.isoformat()}, after the run date {today.isoformat()}"))
    in_url = url_date(view.url.value if view.url else None)
    if in_url and abs((in_url - page).days) > URL_DATE_TOLERANCE_DAYS:
        out.append(Signal("dates.url_mismatch", 1.0, W.URL_DATE_MISMATCH,
                          (date_evidence, (view.url.line, snippet(view.url.text))),
                          f"dated {page.isoformat()} but its URL says {in_url.isoformat()}"))
    mismatch = _text_date_mismatch(view, page)
    if mismatch:
        value, evidence, why = mismatch
        out.append(Signal("dates.mismatch", value, W.DATE_MISMATCH, (date_evidence, *evidence), why))
    else:
        stale = _stale_date(view, page)
        if stale:
            evidence, why = stale
            out.append(Signal("dates.stale", 1.0, W.STALE_DATE, (date_evidence, *evidence), why))
    return out


def _stale_date(view: ArticleView, page: date) -> tuple[tuple[Evidence, ...], str] | None:
    """A report of its own present ("on Monday", "this week") whose latest year lies years before
    its page date: recirculated old news, or a crawl or update date shown as the publication's."""
    years = [(y, s, o) for s in view.sentences for y, o in find_years(s.text)]
    if len(years) < W.STALE_MIN_MENTIONS:
        return None
    latest, where, at = max(years, key=lambda item: item[0])
    if latest > page.year - W.STALE_YEARS:
        return None
    # One mention of an old year is background ("a 2007 contract", "an uprising in 2003"); a text
    # written then keeps coming back to its own time.
    if sum(latest - y <= 1 for y, _, _ in years) < W.STALE_FRAME_MENTIONS:
        return None
    present = next((s for s in view.sentences if _NEWS_RECENT.search(s.text) and not _RETROSPECTIVE.search(s.text)), None)
    if present is None:
        return None
    m = _NEWS_RECENT.search(present.text)
    return (((where.line, snippet(where.text, at, at + 4)), (present.line, snippet(present.text, m.start(), m.end()))),
            f"dated {page.isoformat()} but the latest of the {len(years)} years its text names is {latest}, "
            f"though it speaks of {m.group()!r}")


def _text_date_mismatch(view: ArticleView, page: date) -> tuple[float, tuple[Evidence, ...], str] | None:
    """Strong: the text treats as upcoming a year before the page's, or reports as past a year
    well after it.  Weak: a report of this week's news whose latest year is long before its date."""
    upcoming, reported, years = [], [], []
    # A page revised since (a wiki's last edit) may report events up to its revision.
    written = max(page.year, view.modified.year) if view.modified else page.year
    # A year the text also reports as past is not upcoming wherever a forecast of it is quoted
    # ("which eMarketer says will break $1 billion in 2010" beside "totaled $70 billion in 2010").
    mentions = [(s, find_years(s.text)) for s in view.sentences]
    past = {y for s, found in mentions for y, o in found if _PAST_EVENT.search(s.text[max(0, o - PAST_WINDOW):o])}
    for s, found in mentions:
        found = found + [(d.year, o) for d, o, _ in find_dates(s.text) if all(o != p for _, p in found)]
        for year, offset in found:
            years.append(year)
            # A year in a phrase of time ("in 2008") ends its clause at a relative or contrasting
            # word: in "a Republican state in 2008 that is expected to add four votes", "expected" is
            # not 2008's; in "the Allied Resolve 2022 exercise, which is expected to", it is.
            after = s.text[offset + 4: offset + 4 + FUTURE_WINDOW]
            if _TIME_PHRASE.search(s.text[max(0, offset - 30):offset]):
                after = _CLAUSE_END.split(after, 1)[0]
            window = s.text[max(0, offset - FUTURE_WINDOW): offset + 4] + after
            future = bool(_FUTURE.search(window)) and year not in past
            if future and year < page.year and not _RETROSPECTIVE.search(s.text) \
                    and not _COMPARED.search(s.text[max(0, offset - 30):offset]):
                upcoming.append((s, year, offset))
            elif not future and year > written + W.DATE_SLACK_YEARS and len(s.text.split()) >= REPORT_MIN_WORDS \
                    and not _AHEAD.search(s.text[max(0, offset - 24):offset]) and not _PROSPECT.search(window):
                reported.append((s, year, offset))
            elif not future and year > written and _PAST_EVENT.search(s.text[max(0, offset - PAST_WINDOW):offset]) \
                    and not _AHEAD.search(s.text[max(0, offset - 24):offset]):
                reported.append((s, year, offset))  # "Amazon bought Whole Foods in August 2017" on a 2016 page
    if upcoming or reported:
        items = upcoming + reported
        s, year, offset = items[0]
        why = (f"dated {page.isoformat()} but the text describes {year} events as upcoming" if upcoming
               else f"dated {page.isoformat()} but the text already reports events of {year}")
        # The year with its clause: a year alone says nothing of the event.
        return (1.0, tuple((x.line, snippet_around(x.text, o, o + 4)) for x, _, o in items[:3]), why)
    for s in view.sentences:
        for m in _WEEKDAY_DATE.finditer(s.text):
            if not _weekday_fits(m, page):
                return (1.0, ((s.line, snippet(s.text, m.start(), m.end())),),
                        f"dated {page.isoformat()} but {m.group().strip()!r} is that weekday in none of "
                        f"{page.year - 1}-{page.year + 1}")
    for s in view.sentences:
        for m in (*_YEARS_AGO.finditer(s.text), *_ANNIVERSARY.finditer(s.text)):
            year, now = _anchored_year(m)
            if abs(now - page.year) > W.DATE_SLACK_YEARS:
                return (1.0, ((s.line, snippet(s.text, m.start(), m.end())),),
                        f"dated {page.isoformat()} but {m.group()!r} puts the writing in {now}")
    office = _office_out_of_term(view, page)
    if office:
        m, full, why = office
        return (1.0, ((m.line, snippet(m.text, m.start, m.end)),),
                f"dated {page.isoformat()} but names {full} as serving {m.office} ({_written(m)!r}), who {why} "
                f"(shipped reference list of office holders, as of {AS_OF})")
    for s in view.sentences:
        for m in _LATER_WEEKDAY.finditer(s.text):
            gap = (page.weekday() - _WEEKDAYS.index(m.group("weekday").lower())) % 7
            if gap not in (0, 1, 6):  # the named day, or a day either side (time zones, late updates)
                return (0.5, ((s.line, snippet(s.text, m.start(), m.end())),),
                        f"dated {page.isoformat()}, a {page.strftime('%A')}, but written on the day it calls "
                        f"{m.group()!r}")
    if years and max(years) < page.year - W.DATE_SLACK_YEARS:
        for s in view.sentences:
            if _NEWS_RECENT.search(s.text) and not _RETROSPECTIVE.search(s.text):
                old = next(((y, o) for y, o in find_years(s.text)
                            if y < page.year - W.DATE_SLACK_YEARS and not _attributive_year(s.text, o)), None)
                if old:
                    year, at = old
                    return (0.5, ((s.line, snippet(s.text, at, at + 4)),),
                            f"dated {page.isoformat()} but reports {year} as this week's news")
    return None


#: A determiner opening the noun phrase a year stands in, up to two words before it: "a restored
#: 1967 Ford Mustang", "her 2012 hit single", "in the 1966 final".
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|his|her|its|their|our|my|your|this|that|these|those|whose)\s+(?:[\w'’-]+\s+){0,2}$", re.I)


def _attributive_year(text: str, at: int) -> bool:
    """A year that describes a thing ("a vintage 1995 robot suit", "2014's most popular searches"),
    not the time of the sentence's event: after a determiner and before a noun, or possessive."""
    after = text[at + 4:at + 7]
    if re.match(r"['’]s\b", after):
        return True
    return bool(re.match(r"\s[A-Za-z]", after)) and bool(_DETERMINER_BEFORE.search(text[max(0, at - 40):at]))


#: A sentence that speaks of the present: a present-tense verb, or "on Monday", "this week"...
_PRESENT = re.compile(
    r"\b(?:says|is|are|has|have|tells|wants|plans|will|continues|remains|visits|meets|urges|warns|calls|"
    r"insists|vows|faces|hopes|seeks)\b", re.I)
#: Words that set a mention in another time: "then-President", "at the time", "when he was".
_ANOTHER_TIME = re.compile(r"\bthen[- ]|\bat the time\b|\bwhen (?:he|she) was\b|\bwhile (?:he|she) was\b|\bex-|\blate\b", re.I)


def _office_out_of_term(view: ArticleView, page: date) -> tuple[RoleMention, str, str] | None:
    """A household name called by an office as of now, on a page dated before they took that
    office or after they left it ("President Volodymyr Zelensky says" on a page dated 2015: he
    took office in 2019).  Read from the shipped reference list (:mod:`.reference`).

    Only unqualified titles ("former", "then", "acting" lift it), in a sentence that speaks of the
    present (a present-tense verb, "on Monday", "this week") and names no other year, nothing
    retrospective ("ago", "history", "at the time"); the person must be named in full there or
    elsewhere in the text ("President Zelensky" after "Volodymyr Zelensky"), so that "President
    Bush" is never taken for the Bush on the list.
    """
    full = {" ".join(r.words) for r in name_runs(view) if len(r.words) >= 2}
    for m in role_mentions(view):
        if m.qualified or m.office not in _REFERENCE_OFFICES:
            continue
        if m.first:
            entry = reference_entry(m.first, m.surname)
        else:
            entry = reference_entry(None, m.surname)
            if entry and entry[0] not in full:
                entry = None
        if entry is None:
            continue
        name, _, fits, offices = entry
        terms = offices.get(m.office)
        if not terms or (m.country and m.country not in fits):
            continue  # an office they never held is the reference contradiction's business
        sentence = m.text
        if not _PRESENT.search(sentence) and not _RECENT.search(sentence):
            continue
        if _RETROSPECTIVE.search(sentence) or _ANOTHER_TIME.search(sentence):
            continue
        if any(y != page.year for y, _ in find_years(sentence)):
            continue
        if any(start <= page.year <= (end if end is not None else page.year) for start, end in terms):
            continue
        first_year = min(start for start, _ in terms)
        if page.year < first_year:
            return m, name, f"took that office in {first_year}"
        spans = ", ".join(f"{start}-{end if end is not None else ''}" for start, end in terms)
        return m, name, f"held it {spans}, not in {page.year}"
    return None


def _batch_dates(facts: DocFacts, context: BatchContext) -> list[Signal]:
    """Copies of this text elsewhere in the run, dated far from this page and alike among themselves.

    The same story run by several outlets (wire copy, syndication, a scrape of mirrors) carries
    its paragraphs word for word; the copies' dates agree within days.  A page sharing at least
    :data:`~.weights.COPY_MIN_PASSAGES` long paragraphs with :data:`~.weights.MIN_WITNESSES`+ dated
    documents whose dates mostly agree, while its own date lies more than
    :data:`~.weights.COPY_DATE_DAYS` from theirs, carries a wrong date or is old news under a new
    one.  One copy against one is a tie: neither is called wrong.
    """
    if facts.date is None:
        return []
    shared = [(line, dates) for key, line in facts.passages.items() if (dates := context.other_dates(key, facts.date))]
    if len(shared) < W.COPY_MIN_PASSAGES:
        return []
    # The passage repeated most often stands for the copies (each copy counts once there).
    line, dates = max(shared, key=lambda item: (len(item[1]), -item[0]))
    middle = sorted(dates)[len(dates) // 2]
    agreeing = [d for d in dates if abs(d - middle) <= W.COPY_DATE_DAYS]
    if len(agreeing) < W.MIN_WITNESSES or len(agreeing) * 2 <= len(dates):
        return []
    if abs(facts.date - middle) <= W.COPY_DATE_DAYS:
        return []
    own, theirs = date.fromordinal(facts.date), date.fromordinal(middle)
    return [Signal(
        "dates.copies_disagree", 1.0, W.COPIES_DATE_MISMATCH,
        ((line, f"paragraph also in {len(dates)} other dated documents of the run"),),
        f"dated {own.isoformat()} but {len(agreeing)} other documents of the run carrying {len(shared)} of "
        f"its paragraphs word for word are dated around {theirs.isoformat()}",
    )]


# -- Names ------------------------------------------------------------------------------------


def name_consistency(view: ArticleView, runs: list[NameRun], context: BatchContext | None = None) -> list[Signal]:
    """A person spelled two ways in the text, a name that looks garbled, a spelling the run contradicts.

    Surnames are compared with surnames (the last word of a name, or a lone name word inside a
    sentence); first names only between two full names with the same surname, so "Maria Lopez"
    and "Marie Curie" are two people, while "Anthony Blinken" and "Antony Blinken" are one.
    """
    surnames: dict[str, NameRun] = {}
    counts: Counter = Counter()
    for run in runs:
        surnames.setdefault(run.surname, run)
        counts.update(run.words)
    lower = {w for s in view.sentences for w in re.findall(r"\b[a-z][a-z'-]+\b", s.text)}
    # A pair needs one name we know is a person's; the other may be any capitalised word, even
    # one opening a sentence.  Words the text also uses in lower case are words, not names; two
    # forms both used more than once are two people (Obama, Osama), not a slip of the keyboard.
    people = {r.surname for r in runs if r.person or r.spoken}
    inside = {r.surname for r in runs if r.start > 0 or r.spoken or len(r.words) >= 2}
    # Words never given a first name: a stray "Hanson" beside ten "Hansen"s is a slip even if
    # it recurs once; "Osama bin Laden" beside "Obama" is another man.
    introduced = {w for r in runs if len(r.words) >= 2 for w in r.words}
    # Given names: the first word of a full name, or of one joined by a particle ("Osama bin
    # Laden").  A word only ever used so is someone's first name, not a misspelt surname:
    # "Osama" beside "Obama" is another man.
    given = {r.words[0] for r in runs if len(r.words) >= 2}
    given |= {m.group(1) for s in view.sentences for m in _BEFORE_PARTICLE.finditer(s.text)}
    given -= {r.surname for r in runs if len(r.words) >= 2}

    # Given names (every word before the surname) of each surname: "Dean Price" and "Gareth
    # Pryce" are two men, whatever their surnames; "Annalena Berbock" and a bare "Burbock" may be
    # one woman, and so may "Forrest Jones" and "Michael Forrest Jonos".
    firsts_of: dict[str, set[str]] = {}
    for run in runs:
        if len(run.words) >= 2:
            firsts_of.setdefault(run.surname, set()).update(run.words[:-1])

    def two_people(a: str, b: str) -> bool:
        fa, fb = firsts_of.get(a, set()), firsts_of.get(b, set())
        return bool(fa and fb) and not any(x == y or is_spelling_variant(x, y) for x in fa for y in fb)

    def rare_slip(a: str, b: str) -> bool:
        rare, common = sorted((a, b), key=lambda w: counts[w])
        return counts[rare] == 1 or (
            counts[rare] <= 2 and counts[common] >= 4 * counts[rare] and rare not in introduced)

    def slip(a: str, b: str) -> bool:
        return (
            (a in people or b in people)
            and (a in given) == (b in given)
            and a.lower() not in lower and b.lower() not in lower
            and rare_slip(a, b)
            and _fold(a) != _fold(b)
            and is_spelling_variant(a, b)
            and not two_people(a, b)
        )

    pairs: list[tuple[str, str, NameRun, NameRun]] = []
    ordered = sorted(surnames)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if slip(a, b):
                pairs.append((a, b, surnames[a], surnames[b]))
    firsts: dict[str, dict[str, NameRun]] = {}
    for run in runs:
        if 2 <= len(run.words) <= 3:
            firsts.setdefault(run.surname, {}).setdefault(run.words[0], run)
    for surname, by_first in sorted(firsts.items()):
        if surname.lower() in lower:
            continue  # "Staten Land" / "Staaten Land" where the text also writes "land": a place, not a person
        names = sorted(by_first)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                if _fold(a) != _fold(b) and min(counts[a], counts[b]) == 1 and is_spelling_variant(a, b) \
                        and a.lower() not in lower and b.lower() not in lower:
                    pairs.append((f"{a} {surname}", f"{b} {surname}", by_first[a], by_first[b]))
    varied = {w for a, b, _, _ in pairs for w in (a, b)}
    garbled: list[tuple[str, str, NameRun]] = []
    for word in ordered:
        if word in varied or word not in inside or word.lower() in lower or counts[word] > 1:
            continue
        for name in sorted(people):
            if is_garbled(word, name):
                garbled.append((word, name, surnames[word]))
                break
    out: list[Signal] = []
    if pairs:
        out.append(Signal(
            "names.variant", float(min(len(pairs), W.NAME_CAP)), W.NAME_VARIANT,
            tuple(ev for _, _, ra, rb in pairs[:3] for ev in (_run_evidence(ra), _run_evidence(rb))),
            "one person spelled two ways: " + "; ".join(f"{a}/{b}" for a, b, _, _ in pairs[:4]),
        ))
    if garbled:
        out.append(Signal(
            "names.garbled", float(min(len(garbled), W.NAME_CAP)), W.GARBLED_NAME,
            tuple(_run_evidence(r) for _, _, r in garbled[:3]),
            "garbled name: " + "; ".join(f"{w} (for {n}?)" for w, n, _ in garbled[:4]),
        ))
    if context is not None:
        out += _batch_spellings(DocFacts.of(view), context, _single_verdicts(out))
    return out


#: A name word followed by a particle and another name: "Osama bin Laden", "Ursula von der Leyen".
_BEFORE_PARTICLE = re.compile(
    r"\b([A-Z][a-z]+)\s+(?:bin|ibn|al|el|de|da|di|du|do|dos|van|von|der|den|del|della|la|le|ben)\s+(?:[a-z]+\s+)?[A-Z]")


def _fold(word: str) -> str:
    """A word without its accents: "Garzón" and "Garzon" are one spelling, transliterated."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def _run_evidence(run: NameRun) -> Evidence:
    return (run.line, " ".join(run.words))


def _batch_spellings(facts: DocFacts, context: BatchContext, charged: set[Evidence] = frozenset()) -> list[Signal]:
    """Full names spelled unlike what MIN_WITNESSES+ other documents agree on; not a name the
    text's own signals already found garbled (``charged``: their evidence)."""
    own = facts.spellings
    shown = {word for _, text in charged for word in text.split()}
    others = context.other_spellings(set(own))
    found: list[tuple[str, str, int, int]] = []
    by_part: dict[str, list[str]] = {}
    for spelling in sorted(others):
        parts = spelling.split()
        by_part.setdefault(parts[0], []).append(spelling)
        by_part.setdefault(parts[-1], []).append(spelling)
    for spelling, line in own.items():
        first, last = spelling.split()[0], spelling.split()[-1]
        for other in by_part.get(last, []) + by_part.get(first, []):
            o_first, o_last = other.split()[0], other.split()[-1]
            close = (o_last == last and is_spelling_variant(first, o_first)) or (
                o_first == first and is_spelling_variant(last, o_last))
            differs = first if o_last == last else last
            if close and others[other] >= W.MIN_WITNESSES and others[other] > others.get(spelling, 0) \
                    and differs not in shown:
                found.append((spelling, other, others[other], line))
                break
    if not found:
        return []
    return [Signal(
        "names.batch_variant", float(min(len(found), W.NAME_CAP)), W.NAME_VARIANT,
        tuple((line, spelling) for spelling, _, _, line in found[:3]),
        "spelled unlike the rest of the run: " + "; ".join(
            f"{s!r} here, {o!r} in {n} other document{'s' if n > 1 else ''}" for s, o, n, _ in found[:3]),
    )]


# -- Roles and nationalities --------------------------------------------------------------------


def role_consistency(view: ArticleView, context: BatchContext | None = None) -> list[Signal]:
    """A person with two countries or offices, two people in one office, a title the country lacks;
    and, with a context, a country or office the rest of the run contradicts."""
    mentions = role_mentions(view)
    facts = DocFacts.of(view)
    problems: list[tuple[str, tuple[Evidence, ...]]] = []
    for key, by_country in facts.countries.items():
        if len(by_country) > 1:
            ms = list(by_country.values())
            problems.append((f"{ms[0].name} is given two countries: {_written(ms[0])!r}, {_written(ms[1])!r}", _evidence(ms[:2])))
    for key, by_office in facts.offices.items():
        if len(by_office) > 1:
            ms = list(by_office.values())
            problems.append((f"{ms[0].name} is given two offices: {_written(ms[0])!r}, {_written(ms[1])!r}", _evidence(ms[:2])))
    holders: dict[tuple[str, str], dict[str, RoleMention]] = {}
    for key, by_office in facts.offices.items():
        for office, m in by_office.items():
            country = next((c for c, cm in facts.countries.get(key, {}).items() if cm is m), m.country)
            if country and office in UNIQUE_OFFICES:
                holders.setdefault((country, office), {}).setdefault(key, m)
    for (country, office), by_key in holders.items():
        if len(by_key) > 1:
            ms = list(by_key.values())
            problems.append((
                f"two people hold {country}'s {office} office: {_written(ms[0])!r} and {_written(ms[1])!r}",
                _evidence(ms[:2]),
            ))
    out: list[Signal] = []
    if problems:
        out.append(Signal(
            "roles.contradiction", float(min(len(problems), W.ROLE_CAP)), W.ROLE_CONTRADICTION,
            tuple(ev for _, evs in problems[:3] for ev in evs), "; ".join(p for p, _ in problems[:3]),
        ))
    impossible = [m for m in mentions if _impossible_title(m)]
    if impossible:
        out.append(Signal(
            "roles.impossible_title", float(min(len(impossible), W.ROLE_CAP)), W.IMPOSSIBLE_TITLE,
            _evidence(impossible[:3]),
            "; ".join(f"{_written(m)!r}: {m.country} has no {m.title}" for m in impossible[:3]),
        ))
    # The reference list only speaks where the text itself has not: one error, one charge.
    cited = {ev for signal in out for ev in signal.evidence}
    out += _reference_roles([m for m in mentions if _evidence([m])[0] not in cited])
    if context is not None:
        out += _batch_roles(facts, context, _single_verdicts(out))
    return out


#: Offices the reference list can call wrong (looser ones, such as "minister", never are).
_REFERENCE_OFFICES = UNIQUE_OFFICES | {"mayor", "senator", "governor", "secretary-general"}
_REAL = frozenset(COUNTRIES.values())


def _reference_roles(mentions: list[RoleMention]) -> list[Signal]:
    """A well-known office holder given a country or an office the shipped reference list
    (:mod:`.reference`, dated) says they never had: "French President Vladimir Putin".

    Only mentions with a first name are looked up: "President Clinton" in a text that also
    names Hillary Clinton may well be Bill.
    """
    found: list[tuple[str, RoleMention]] = []
    seen: set[tuple[str, str]] = set()
    for m in mentions:
        entry = reference_entry(m.first, m.surname) if m.first else None
        if entry is None:
            continue
        name, country, fits, offices = entry
        institution = country not in _REAL
        if m.country and m.country not in fits and (m.country in _REAL or institution) and (name, m.country) not in seen:
            seen.add((name, m.country))
            found.append((f"{_written(m)!r}: {name} is {country}'s, not {m.country}'s", m))
        elif not m.qualified and m.office in _REFERENCE_OFFICES and m.office not in offices and (name, m.office) not in seen:
            seen.add((name, m.office))
            held = ", ".join(offices)
            found.append((f"{_written(m)!r}: {name} has held {held}, never {m.office}", m))
    if not found:
        return []
    return [Signal(
        "roles.reference_contradiction", float(min(len(found), W.ROLE_CAP)), W.REFERENCE_CONTRADICTION,
        _evidence([m for _, m in found[:3]]),
        "; ".join(text for text, _ in found[:3]) + f" (shipped reference list of office holders, as of {AS_OF})",
    )]


def _written(m: RoleMention) -> str:
    """The mention as the text writes it: 'Russian Foreign Minister Dmytro Kuleba'."""
    return m.text[m.start:m.end]


def _evidence(mentions: list[RoleMention]) -> tuple[Evidence, ...]:
    return tuple((m.line, snippet(m.text, m.start, m.end)) for m in mentions)


def _impossible_title(m: RoleMention) -> bool:
    if not m.country or m.qualified:
        return False
    allowed = COUNTRY_SPECIFIC_TITLES.get(m.title)
    if allowed is not None and m.country not in allowed:
        return True
    return m.country in ABSENT_TITLES.get(m.title, frozenset())


def _batch_roles(facts: DocFacts, context: BatchContext, charged: set[Evidence] = frozenset()) -> list[Signal]:
    """A person's country or office, or an office's holder, that the other documents outvote.

    Only an agreeing majority of at least :data:`~.weights.MIN_WITNESSES` other documents
    counts: one document against one is a tie, not a verdict.  One mention is one charge, however
    many of its facts the others contradict ("Russian Secretary of State Antony Blinken": his
    country and who holds Russia's office are one error).
    """
    found: dict[tuple[int, int], tuple[RoleMention, list[str]]] = {}  # (line, start) -> what is wrong
    for table, own_table in ((context.countries, facts.countries), (context.offices, facts.offices)):
        for key, own in own_table.items():
            if table is context.offices:
                others = context.others_in_time(table, key, set(own), facts.year)
            else:  # a nationality does not change with time
                others = context.others(table, key, set(own))
            verdict = _outvoted(others, own)
            for value, (top, count) in verdict.items():
                m = own[value]
                found.setdefault((m.line, m.start), (m, []))[1].append(f"{count} other documents say {top}")
    holders: dict[tuple[str, str], dict[str, RoleMention]] = {}
    for key, by_office in facts.offices.items():
        for office, m in by_office.items():
            country = next((c for c, cm in facts.countries.get(key, {}).items() if cm is m), None)
            if country and office in UNIQUE_OFFICES:
                holders.setdefault((country, office), {})[context.resolve(key)] = m
    for (country, office), by_key in holders.items():
        others = context.others_in_time(context.holders, f"{country}|{office}", set(by_key), facts.year)
        for key, (top, count) in _outvoted(others, by_key).items():
            m = by_key[key]
            holder = context.names.get(top, top)
            found.setdefault((m.line, m.start), (m, []))[1].append(
                f"{count} other documents give {country}'s {office} office to {holder}")
    charges = [(m, why) for m, why in found.values() if _evidence([m])[0] not in charged]
    if not charges:
        return []
    return [Signal(
        "roles.batch_contradiction", float(min(len(charges), W.ROLE_CAP)), W.BATCH_ROLE_CONTRADICTION,
        _evidence([m for m, _ in charges[:3]]), "; ".join(f"{_written(m)!r}: {', and '.join(why)}" for m, why in charges[:3]),
    )]


def _outvoted(others: Counter, own: dict) -> dict[str, tuple[str, int]]:
    """Own values no other document shares, where a clear majority of others agrees on another."""
    total = sum(others.values())
    if not total:
        return {}
    top, count = others.most_common(1)[0]
    if count < W.MIN_WITNESSES or count / total <= 0.5:
        return {}
    return {value: (top, count) for value in own if value not in others}


# -- Form ---------------------------------------------------------------------------------------

_CLICKBAIT = re.compile(r"(?<!\w)(?:" + "|".join(CLICKBAIT_PHRASES) + r")(?!\w)", re.I)
_LOADED = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in LOADED_WORDS) + r")(?![\w-])", re.I)
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]|‘[^’]*’|(?<!\w)'[^']*'(?!\w)")
#: An exclamation mark as punctuation: after a word, before a space, the end or a closing mark.
_EXCLAMATION = re.compile(r"(?<=[^\W_]|[)\]”’\"'])!+(?=$|[\s\"”’')\]?.,])")
#: A capitalised word's "!" followed by a comma or a lower-case word ends no sentence: it is part of
#: a title or a brand ("Attack of the Show!, a variety program", "Yahoo! shares", "Mother! is a film").
_TITLE_BANG = re.compile(r"\b[A-Z][\w'’-]*!(?:,|\s+[a-z])")
#: A line of code or markup: braces, tags, a shell prompt, a call, a statement ending in ";".
_CODE = re.compile(r"[{}]|</?[A-Za-z!][^<>]*>|(?:^|\s)\$ \w|;\s*$|\w\(\)|\b(?:var|const|let|def|function|return)\s+\w+\s*[=(]")


def form(view: ArticleView) -> list[Signal]:
    """Shouting and baiting: a headline in capitals, exclamation marks, loaded words, clickbait phrasing."""
    out: list[Signal] = []
    head = view.headline
    if head:
        letters = [c for c in head.text if c.isalpha()]
        if len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.9 * len(letters):
            out.append(Signal("form.all_caps_headline", 1.0, W.ALL_CAPS_HEADLINE, ((head.line, snippet(head.text)),),
                              "the headline is in capitals"))
    marks: list[Evidence] = []
    for line in view.headlines[:1] + view.content:
        if _CODE.search(line.text) or line.line in view.quoted_lines:
            continue  # "<!DOCTYPE html>", "if (!ok) {", "$ hg push ... abort!": code, not tone; a quoted tweet
        bare = _QUOTED.sub("", line.text)
        titles = {m.start() + m.group().index("!") for m in _TITLE_BANG.finditer(bare)}
        counted = sum(len(m.group()) for m in _EXCLAMATION.finditer(bare) if m.start() not in titles)
        if counted:
            at = _first_bang_outside_quotes(line.text)
            marks += [(line.line, snippet_around(line.text, at, at + 1))] * counted
    if marks:
        out.append(Signal("form.exclamation", float(min(len(marks), W.FORM_CAP)), W.EXCLAMATION,
                          tuple(dict.fromkeys(marks))[:3], f"{_count(len(marks), 'exclamation mark')} outside quotations"))
    loaded = _loaded_language(view)
    if loaded:
        out.append(loaded)
    bait = [(l, m) for l in view.headlines[:2] for m in _CLICKBAIT.finditer(l.text)]
    if bait:
        out.append(Signal("form.clickbait", float(min(len(bait), W.FORM_CAP)), W.CLICKBAIT,
                          tuple((l.line, snippet(l.text)) for l, _ in bait[:3]),
                          "clickbait phrasing: " + ", ".join(repr(m.group()) for _, m in bait[:3])))
    return out


def _loaded_language(view: ArticleView) -> Signal | None:
    """Words of contempt or conspiracy in the text's own voice (quotations, blockquotes and code left out),
    charged when several distinct ones are dense enough not to be a stray word in a long text."""
    found: dict[str, int] = {}  # loaded word -> line
    shown: dict[int, str] = {}  # line -> its first loaded word, in context
    words = 0
    for line in view.content:
        words += count_words(line.text)
        if _CODE.search(line.text) or line.line in view.quoted_lines:
            continue
        # Quotations blanked out, not removed, so that the offsets still point into the line.
        for m in _LOADED.finditer(_QUOTED.sub(lambda q: " " * len(q.group()), line.text)):
            found.setdefault(m.group().lower(), line.line)
            shown.setdefault(line.line, snippet_around(line.text, m.start(), m.end()))  # a line's first
    if len(found) < W.LOADED_MIN_DISTINCT or 100 * len(found) / max(words, 1) < W.LOADED_MIN_RATE:
        return None
    return Signal("form.loaded_language", float(min(len(found), W.FORM_CAP)), W.LOADED_LANGUAGE,
                  tuple(shown.items())[:3],
                  f"{len(found)} loaded words in its own voice: " + ", ".join(repr(w) for w in list(found)[:4]))


# -- Coherence ----------------------------------------------------------------------------------

_ROLE_REFERENCE = re.compile(
    r"\b[Tt]he (?:(?:foreign|defen[cs]e|prime|finance|interior|deputy|vice|top)\s+)?(?P<role>" + "|".join(ROLE_NOUNS) + r")\b"
    r"(?:['’]s)?,?\s+(?:(?:also|later|then)\s+)?(?:said|says|told|added|stressed|warned|noted|insisted|explained)\b"
)
_PRONOUN_SPEECH = re.compile(r"\b(?:[Hh]e|[Ss]he) (?:said|says|told|added|stressed|warned|noted|insisted)\b|\b(?:said|added) (?:he|she)\b")
_DANGLING = re.compile(r"^[\"“‘']?(?:" + "|".join(DANGLING_OPENERS) + r")\b")
_CONTENT_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]+|\d[\d,.]*k?")
_STOP = frozenset(
    "the a an and or but of to in on at for from by with as is are was were be been it its this that these those "
    "has have had will would could should may might can not no into over after before amid about than then their "
    "his her they he she we you our more most some any all new said says".split()
)


def coherence(view: ArticleView, runs: list[NameRun]) -> list[Signal]:
    """References before their referents, a dangling first sentence, a lead buried at the end:
    the marks of text cut up or put back together out of order.

    Read in English text only: the clues are English words ("he said", "But", English stems and
    stop words) and English quotation conventions (German opens with „ and closes with “).
    """
    if not view.english:
        return []
    problems: list[tuple[Evidence, str]] = []
    seen = " ".join(l.text for l in view.headlines).lower()
    first_person = min((r.sentence for r in runs if r.person or len(r.words) >= 2), default=None)
    if view.sentences and _DANGLING.match(view.sentences[0].text) and len(view.sentences) > 2:
        s = view.sentences[0]
        problems.append(((s.line, snippet(s.text)), "the first sentence points back to nothing"))
    for s in view.sentences:
        for m in _ROLE_REFERENCE.finditer(s.text):
            if not re.search(rf"\b{re.escape(m.group('role').lower())}\b", seen + " " + s.text[:m.start()].lower()):
                problems.append(((s.line, snippet(s.text, m.start(), m.end())), f"{m.group()!r} before any {m.group('role')} is named"))
        m = _PRONOUN_SPEECH.search(s.text)
        if m and (first_person is None or first_person > s.index):
            if not any(r.person and r.sentence == s.index and r.start < m.start() for r in runs):
                problems.append(((s.line, snippet(s.text, m.start(), m.end())), f"{m.group()!r} before anyone is named"))
        seen += " " + s.text.lower()
    # A person is introduced in full ("Sergei Lavrov") before being called by surname alone.
    lower = {w for s in view.sentences for w in re.findall(r"\b[a-z]+\b", s.text)}
    full_first: dict[str, int] = {}
    for r in runs:
        if r.person and 2 <= len(r.words) <= 3 and r.surname.lower() not in lower:
            full_first.setdefault(r.surname, r.sentence)
    reported: set[str] = set()
    for r in runs:
        if len(r.words) == 1 and r.surname in full_first and r.sentence < full_first[r.surname] \
                and (r.spoken or r.titled) and r.surname not in reported:
            reported.add(r.surname)
            problems.append(((r.line, r.surname), f"{r.surname!r} before the full name is given"))
    out: list[Signal] = []
    if problems:
        out.append(Signal(
            "coherence.unresolved_reference", float(min(len(problems), W.COHERENCE_CAP)), W.UNRESOLVED_REFERENCE,
            tuple(ev for ev, _ in problems[:3]), "; ".join(why for _, why in problems[:3]),
        ))
    broken = _broken_quotes(view.content)
    if broken:
        out.append(Signal(
            "coherence.broken_quotes", float(min(len(broken), W.COHERENCE_CAP)), W.BROKEN_QUOTE,
            tuple((l.line, _last_mark_snippet(l.text)) for l in broken[:3]),
            (f"{len(broken)} paragraphs open a quotation and never close it (or close one never opened)"
             if len(broken) > 1 else "1 paragraph opens a quotation and never closes it (or closes one never opened)")
            + ": quoted speech cut apart",
        ))
    buried = _buried_lead(view)
    if buried:
        out.append(buried)
    measured = cohesion(view)
    if measured is not None and measured.p > W.COHESION_P_FREE:
        value = min(1.0, (measured.p - W.COHESION_P_FREE) / (W.COHESION_P_FULL - W.COHESION_P_FREE))
        likeness = "no more alike than" if value >= 1.0 else "barely more alike than"
        verdict = "the text reads as shuffled or stitched" if value >= 1.0 else "the order may be shuffled or stitched"
        out.append(Signal(
            "coherence.low_cohesion", round(value, 3), W.LOW_COHESION,
            measured.evidence,
            f"neighbouring sentences are {likeness} in a random order of the same sentences "
            f"({measured.p:.0%} of {measured.orders} random orders of its {measured.sentences} sentences are at "
            f"least as cohesive; edited text sits near 0%): {verdict}",
        ))
    return out


@dataclass(frozen=True)
class Cohesion:
    """How the text's own sentence order compares with random orders of the same sentences."""

    #: Share of random orders whose neighbouring sentences are at least as alike as the text's own
    #: order: about uniform in 0..1 for a shuffled text, near 0 for edited text.
    p: float
    #: Standard score of the text's order against the random orders (about 0 when shuffled).
    z: float
    sentences: int
    orders: int
    #: The neighbouring pair that shares least, as evidence.
    evidence: tuple[Evidence, ...]


#: Weights of a pair of sentences 1, 2 and 3 places apart: a topic runs over a few sentences.
COHESION_SPAN = (1.0, 0.5, 0.25)
#: Words are compared by their first letters: a crude lemma ("govern" for government, governs,
#: governor), enough to see that two sentences talk about the same thing.
COHESION_PREFIX = 5
_SENTENCE_CLOSE = re.compile(r"[.!?…][\"”’')\]]*$")


def prose_sentences(view: ArticleView) -> list[Sentence]:
    """The body's prose: sentences of :data:`~.weights.PROSE_MIN_WORDS`+ words that end with a
    full stop, question or exclamation mark, each once.  Headings, captions, list items, code and
    repeated page furniture ("2 comments on ...") are not prose."""
    seen: set[str] = set()
    out: list[Sentence] = []
    for s in view.sentences:
        text = s.text.strip()
        if len(text.split()) >= W.PROSE_MIN_WORDS and _SENTENCE_CLOSE.search(text) and text not in seen \
                and not _CODE.search(text):
            seen.add(text)
            out.append(s)
    return out


def cohesion(view: ArticleView) -> Cohesion | None:
    """A permutation test of the sentence order: is the text's own order more cohesive than
    random orders of the same sentences?

    Cohesion of an order: the similarity of sentences 1-3 places apart, weighted
    :data:`COHESION_SPAN`.  Similarity is the cosine of word stems weighted by in-document
    rarity, so the story's subject, which every sentence repeats, counts for little.  The text's
    order is compared with :data:`~.weights.COHESION_ORDERS` random orders of the same sentences
    (seeded by the text: the same text always gets the same answer).  Self-calibrating: a text
    whose sentences are all alike, or all unlike, is compared only with itself.

    Order clues beside shared words: a bare surname after the full name ("Lavrov" after "Sergei
    Lavrov"), a sentence opening with "He" or "She" after someone is named.  Both parts count in
    units of their own spread over the random orders.

    Only prose is read (:func:`prose_sentences`): headings, captions, list items, code and
    repeated lines carry no order, so a list-like page (how-to steps, link lists) is judged on its
    prose alone.  Not judged (None) with fewer than :data:`~.weights.COHESION_MIN_SENTENCES` prose
    sentences: too few for an edited order to stand out from chance.  The first
    :data:`~.weights.COHESION_MAX_SENTENCES` are read.
    """
    units = prose_sentences(view)
    if len(units) < W.COHESION_MIN_SENTENCES:
        return None
    units = units[: W.COHESION_MAX_SENTENCES]
    n = len(units)
    stems = [{w[:COHESION_PREFIX] for w in _stems(s.text)} for s in units]
    df: Counter = Counter(w for s in stems for w in s)
    weight = {w: math.log((n + 1) / d) ** 2 for w, d in df.items()}
    norms = [math.sqrt(sum(weight[w] for w in s)) for s in stems]
    sim = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            if norms[i] and norms[j]:
                sim[i][j] = sim[j][i] = sum(weight[w] for w in stems[i] & stems[j]) / (norms[i] * norms[j])

    def cohesion_of(order: list[int]) -> float:
        total = 0.0
        for gap, w in enumerate(COHESION_SPAN, start=1):
            total += w * math.fsum(sim[order[k]][order[k + gap]] for k in range(n - gap))
        return total

    introduce, refer = _introductions(view, units)

    def introduced_of(order: list[int]) -> int:
        """References (a bare surname, an opening "He"/"She") that come after what they point to."""
        position = {unit: k for k, unit in enumerate(order)}
        first = {key: min(position[u] for u in where) for key, where in introduce.items()}
        return sum(1 for key, unit in refer if key in first and position[unit] >= first[key])

    own = (cohesion_of(list(range(n))), introduced_of(list(range(n))))
    seed = hashlib.sha256("\n".join(s.text for s in units).encode("utf-8")).digest()
    rng = random.Random(seed)
    order = list(range(n))
    drawn = []
    for _ in range(W.COHESION_ORDERS):
        rng.shuffle(order)
        drawn.append((cohesion_of(order), introduced_of(order)))
    # Both parts in units of their own spread over random orders, so neither drowns the other.
    spreads = [statistics.pstdev(part) for part in zip(*drawn)]
    if not any(spreads):
        return None  # no order scores differently (no shared words, no references): nothing to test
    spreads = [spread or 1.0 for spread in spreads]
    means = [statistics.fmean(part) for part in zip(*drawn)]

    def combined(pair: tuple[float, float]) -> float:
        return sum((value - mean) / spread for value, mean, spread in zip(pair, means, spreads))

    observed = combined(own)
    scores = [combined(pair) for pair in drawn]
    p = (1 + sum(x >= observed - 1e-9 for x in scores)) / (1 + len(scores))
    spread = statistics.pstdev(scores)
    z = observed / spread if spread else 0.0
    weakest = min(range(n - 1), key=lambda k: (sim[k][k + 1], k))
    evidence = tuple((units[k].line, snippet(units[k].text)) for k in (weakest, weakest + 1))
    return Cohesion(p=round(p, 3), z=round(z, 2), sentences=n, orders=len(scores), evidence=evidence)


_OPENING_PRONOUN = re.compile(
    r"^[\"“‘']?(?:(?:But|And|Yet|So|Still|Now|Then|Instead|However|Also|Later|Earlier),?\s+)?(?:He|She)\b")


def _introductions(view: ArticleView, units: list[Sentence]) -> tuple[dict[str, list[int]], list[tuple[str, int]]]:
    """Where each referent is introduced, and the references that need it first.

    A person's full name ("Sergei Lavrov") introduces the bare surname ("Lavrov"); any named
    person introduces a sentence that opens with "He" or "She".  Units are indices into ``units``.
    """
    at = {s.index: k for k, s in enumerate(units)}
    runs = [r for r in name_runs(view) if r.sentence in at]
    introduce: dict[str, list[int]] = {}
    for r in runs:
        if 2 <= len(r.words) <= 3:
            introduce.setdefault(r.surname, []).append(at[r.sentence])
        if r.person:
            introduce.setdefault("<person>", []).append(at[r.sentence])
    refer = [(r.surname, at[r.sentence]) for r in runs if len(r.words) == 1 and r.surname in introduce]
    refer += [("<person>", k) for k, s in enumerate(units) if _OPENING_PRONOUN.match(s.text)]
    return introduce, refer


#: Double quotation marks of any shape; an opening mark typed twice (`""Tim`, `“”This`) counts
#: once (two marks closing nested quotations, `Met?""`, stay two).
_DOUBLE_MARK = re.compile(r"[\"“”″„](?:[\"“”″„](?=\w))?")


def _opens_with_quote(text: str) -> bool:
    return bool(re.match(r"^[\s•·*–—-]*[\"“„]", text))


def _last_mark_snippet(text: str) -> str:
    """Evidence of an unpaired quotation mark: the text around the paragraph's last one."""
    marks = list(_DOUBLE_MARK.finditer(text))
    return snippet_around(text, marks[-1].start(), marks[-1].end()) if marks else snippet(text)


def _first_bang_outside_quotes(text: str) -> int:
    """Where the first "!" outside a quotation is (0 if none: evidence then starts the line)."""
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    return next((i for i, c in enumerate(text) if c == "!" and not any(a <= i < b for a, b in quoted)), 0)


def _broken_quotes(paragraphs: list[Line]) -> list[Line]:
    """Paragraphs whose double quotation marks do not pair up.

    Marks of any shape pair with each other (pages mix straight and curly marks, or type a
    closing one first), and a mark typed twice counts once.  A quotation running on into the next
    paragraph is left open by convention, and the next paragraph then opens with a quotation mark;
    the paragraph that finally closes it is not counted either.
    """
    broken: list[Line] = []
    running = False  # a quotation left open by the previous paragraph, which this one continues
    for i, paragraph in enumerate(paragraphs):
        text = paragraph.text
        marks = _DOUBLE_MARK.findall(text)
        odd = len(marks) % 2 == 1
        continues = running and _opens_with_quote(text)
        follows = paragraphs[i + 1].text if i + 1 < len(paragraphs) else ""
        # Only a paragraph whose last mark can open a quotation leaves one running on.
        if odd and not marks[-1].endswith("”") and _opens_with_quote(follows) and (not running or continues):
            running = True  # opens (or carries on) a quotation that the next paragraph continues
            continue
        running = False
        if odd and not continues:
            broken.append(paragraph)
    return broken


def _stems(text: str) -> set[str]:
    out = set()
    for word in _CONTENT_WORD.findall(text):
        w = word.lower().replace(".", "").rstrip("'’")
        if w in _STOP or len(w) < 2:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                w = w[: -len(suffix)]
                break
        out.add(w)
    return out


def _buried_lead(view: ArticleView) -> Signal | None:
    """The body sentence sharing most words with the headline sits in the last third, and shares
    clearly more than the opening sentences do.

    Read on prose only (page furniture such as "2 comments on <headline>" repeats the headline),
    and only in article-length texts: in a long feature, manual or story the sentence closest to
    the headline may be anywhere, and has no lead to bury.
    """
    head = view.headline
    sentences = prose_sentences(view)
    if head is None or not 6 <= len(sentences) <= W.BURIED_LEAD_MAX_SENTENCES:
        return None
    title = _stems(head.text)
    if len(title) < 4:
        return None
    overlaps = [len(title & _stems(s.text)) for s in sentences]
    best = max(range(len(overlaps)), key=lambda i: (overlaps[i], -i))
    opening = max(overlaps[:2])
    if best >= 2 * len(overlaps) / 3 and overlaps[best] >= 3 and overlaps[best] >= opening + 2:
        s = sentences[best]
        return Signal(
            "coherence.buried_lead", 1.0, W.BURIED_LEAD, ((s.line, snippet(s.text)),),
            f"the sentence closest to the headline is number {best + 1} of {len(overlaps)}, not the first",
        )
    return None


# -- All of them --------------------------------------------------------------------------------


def all_signals(view: ArticleView, context: BatchContext | None, today: date) -> list[Signal]:
    """Every signal of one document, in a fixed order."""
    signals = local_signals(view, today)
    if context is not None:
        signals += batch_signals(DocFacts.of(view), context, signals)
    return signals


def local_signals(view: ArticleView, today: date) -> list[Signal]:
    """The signals that read the document alone.  A story is not judged as a report: its
    dialogue is not sourcing, and its characters are named as its author pleases."""
    runs = name_runs(view)
    story = fiction(view)
    return [
        *provenance(view),
        *([story] if story else sourcing(view, runs)),
        *republication(view),
        *date_consistency(view, today),
        *name_consistency(view, runs),
        *role_consistency(view),
        *form(view),
        *(s for s in coherence(view, runs) if not (story and s.name == "coherence.unresolved_reference")),
    ]


_NARRATIVE = re.compile(r"\b(?:" + "|".join(NARRATIVE_VERBS) + r")\b", re.I)


def fiction(view: ArticleView) -> Signal | None:
    """A story rather than a report: its characters nod, sigh and mutter (:data:`~.lexicon.NARRATIVE_VERBS`),
    :data:`~.weights.FICTION_MIN_DISTINCT` distinct verbs at :data:`~.weights.FICTION_MIN_RATE` per
    1,000 words.  English only."""
    if not view.english or not view.words:
        return None
    found: dict[str, Evidence] = {}
    total = 0
    for s in view.sentences:
        for m in _NARRATIVE.finditer(s.text):
            total += 1
            found.setdefault(m.group().lower(), (s.line, snippet(s.text, m.start(), m.end())))
    if len(found) < W.FICTION_MIN_DISTINCT or 1000 * total / view.words < W.FICTION_MIN_RATE:
        return None
    return Signal("form.fiction", 1.0, W.FICTION, tuple(found.values())[:3],
                  f"reads as a story, not a report ({total} verbs of narration: {', '.join(list(found)[:4])}): "
                  f"its dialogue is not counted as sourcing")


def batch_signals(facts: DocFacts, context: BatchContext, local: Sequence[Signal] = ()) -> list[Signal]:
    """The signals that compare a document with the rest of the run: they read only its
    :class:`~.context.DocFacts`, so a run can be scored without keeping its documents.

    ``local`` are the document's own signals.  A mention one of them already found wrong by
    itself (:data:`SINGLE_MENTION_VERDICTS`) is not charged again because the run disagrees too:
    one error, one charge.  A conflict between two mentions of the text ("two people hold Russia's
    foreign minister office") does not say which one is wrong; the run's verdict does, and counts.
    """
    charged = _single_verdicts(local)
    return [*_batch_spellings(facts, context, charged), *_batch_roles(facts, context, charged),
            *_batch_dates(facts, context)]


#: Local signals whose every piece of evidence is a mention found wrong on its own.
SINGLE_MENTION_VERDICTS = frozenset({"roles.impossible_title", "roles.reference_contradiction", "names.garbled"})


def _single_verdicts(signals: Sequence[Signal]) -> set[Evidence]:
    """The mentions that :data:`SINGLE_MENTION_VERDICTS` among ``signals`` found wrong."""
    return {ev for signal in signals if signal.name in SINGLE_MENTION_VERDICTS for ev in signal.evidence}
