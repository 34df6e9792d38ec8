"""Who published a document, when, and under whose name: its URL, publication date, byline, site
name, the outlet's name as its own boilerplate writes it, and the wire agencies it credits.

Read from the page's metadata first (canonical link, <meta> tags, JSON-LD), then from the blocks
of the article's header, the few blocks around its headline and the start of its body, which on
a web page sit below menus and section labels.  A value is taken only when it reads as what it
claims to be: a byline that names a person, not a section label, a brand or a wire credit; a
date that is the publication's, not an "Updated:" stamp.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from ..dates import MONTHS, header_date, month_day, parse_date, url_date
from ..document import Document, Metadata
from ..metadata import domain_of
from ..labels import Label
from .lexicon import NOT_NAMES, WIRE_AGENCIES
from .lines import Fact, Line

if TYPE_CHECKING:
    from .view import ArticleView

#: How many leading blocks form the header area where a date or byline may stand; as many above
#: the headline (gizmodo prints "Andrew Tarantola 8/17/13 11:04am" five blocks above it, menus
#: between), half as many below the start of the body.
HEADER_AREA = 8
_URL = re.compile(r"(?:https?://|www\.)[^\s\"'<>]+", re.I)
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


def read_provenance(view: ArticleView, document: Document, order: list[Line]) -> None:
    """Fill in the view's URL, date, byline, site name, outlet and wire credits: from the page's
    metadata first, then from the header blocks (``order``: every block in document order)."""
    meta = document.metadata
    lines = meta.header_lines
    area = header_area(order)
    header = [l for l in area if l.label in (Label.METADATA, Label.HEADLINE)]
    if meta.url:
        view.url = Fact(meta.url, lines.get("url", 0), meta.url)
    else:
        for l in view.meta_lines:
            match = _URL.match(l.text)
            if match and len(l.text) < len(match.group()) + 20:
                view.url = Fact(match.group(), l.line, l.text)
                break
    view.date = _publication_date(view, meta, header)
    view.modified = parse_date(meta.modified) if meta.modified else None
    seen = {id(l) for l in header}
    view.byline = _find_byline(header, header + [l for l in view.meta_lines[:HEADER_AREA] if id(l) not in seen],
                               meta.author, lines.get("byline", 0))
    if meta.site:
        view.site = Fact(site_name(meta.site), 0, meta.site)
    else:
        view.site = _publisher_name(view.publisher_lines)
    view.wire_credits = _wire_credits(view, meta.author)
    view.outlet = outlet_name([l for l in order if l.label in _OUTLET_LABELS])


def _publication_date(view: ArticleView, meta: Metadata, header: list[Line]) -> Fact | None:
    """The page's publication date: a date printed in its header (unless it is an update), which
    beats a later declared one; else the declared date; else a dateline opening the body; else a
    header date printed without its year that the URL's date completes."""
    parsed = parse_date(meta.date) if meta.date else None
    for l in header:
        if _URL.match(l.text) or _UPDATED.match(l.text):
            continue  # a URL's date is checked against the page date; an update date is not it
        found = header_date(l.text, day_first=view.language not in ("en", None))
        if found and (l.label == Label.METADATA or len(l.text) < 60):
            # A declared date later than the one printed under the headline is a republication or
            # an update ("Oct 15, 2015" printed, 2015-12-11 declared): readers see the first.
            if parsed is None or (l.label == Label.METADATA and found < parsed - timedelta(days=1)):
                return Fact(found.isoformat(), l.line, l.text)
            break
    if parsed:
        return Fact(parsed.isoformat(), meta.header_lines.get("date", 0), meta.date or "")
    if view.content:
        # A dateline opening the body: "Feb. 23, 2015 -- Life-threatening...", "NEW YORK, March 3, 2015 —".
        first = view.content[0]
        lead = _DATELINE.match(first.text)
        found = header_date(lead["lead"]) if lead else None
        if found:
            return Fact(found.isoformat(), first.line, lead.group())
    in_url = url_date(view.url.value if view.url else None)
    if in_url:
        # "March 18 at 3:57 PM" under a URL of /2015/03/18/: the page prints the day, the URL the year.
        return next((Fact(in_url.isoformat(), l.line, l.text) for l in header
                     if l.label == Label.METADATA and not _UPDATED.match(l.text)
                     and month_day(l.text) == (in_url.month, in_url.day)), None)
    return None


def site_name(declared: str) -> str:
    """A declared site name without its tagline, so that one outlet is one source.

    >>> site_name("Yahoo News - Latest News & Headlines"), site_name("The Moscow Times")
    ('Yahoo News', 'The Moscow Times')
    """
    return re.split(r"\s+[-|–—:]\s+", declared.strip(), maxsplit=1)[0].strip() or declared.strip()


#: Where an author's name ends in a byline the page glued together: a date ("March 25", "Tuesday",
#: a digit), a comment count, a separator, or the words that announce a date.
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
#: Month names written out in full, which a page may glue to the name before them ("FinanceOctober").
_FULL_MONTHS = "|".join(m.capitalize() for m in sorted(MONTHS, key=len, reverse=True) if len(m) > 4 or m in ("may", "june", "july"))
_NAME_END = re.compile(
    rf"\b(?i:{_MONTH})\.?\s*\d|\b(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
    rf"|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b(?=[,.]?\s*(?:\d|(?i:{_MONTH})\b))|\d|\s[|•·–—-]\s|[|•·]|\s\((?=[a-z])|"
    rf"(?<=[a-z])(?:{_FULL_MONTHS})\b|"
    r"\b(?:[Uu]pdated|[Pp]ublished|[Pp]osted|[Oo]n)\b|(?<=\w )The\b")


def author_name(text: str) -> str:
    """The name a byline gives, without what the page glued to it (an address is kept whole).

    >>> author_name("Lucas Nolan22 Dec 2016651"), author_name("Jane Doe | Updated 5 May")
    ('Lucas Nolan', 'Jane Doe')
    >>> author_name("Bryan Walsh Tuesday, Aug. 17, 2010"), author_name("April Ryan March 3, 2015")
    ('Bryan Walsh', 'April Ryan')
    """
    text = " ".join(text.split())
    if re.match(r"(?:https?:|www\.)", text, re.I):
        return text  # a profile URL names the author in its own way
    match = _NAME_END.search(text)
    return (text[:match.start()] if match else text).strip(" ,|") or ""


def header_area(order: list[Line]) -> list[Line]:
    """The blocks where a byline or a dateline may stand, nearest the article first: from
    :data:`HEADER_AREA` blocks above its headline to half as many below the start of its body,
    then the document's first :data:`HEADER_AREA` blocks (a text file's header; on a web page,
    mostly menus)."""
    content = [i for i, l in enumerate(order) if l.label == Label.CONTENT]
    # The body starts where content blocks follow each other, not at a stray teaser in a menu.
    body = next((i for k, i in enumerate(content) if len(content) > k + 2 and content[k + 2] - i <= 6),
                content[0] if content else len(order))
    top = next((i for i in range(body - 1, max(-1, body - 40), -1) if order[i].label == Label.HEADLINE), body)
    area = order[max(0, top - HEADER_AREA): body + HEADER_AREA // 2]
    seen = {id(l) for l in area}
    return area + [l for l in order[:HEADER_AREA] if id(l) not in seen]


_BY = re.compile(r"(?:^|(?<=\s))(?:(?:posted|written|story|words|reporting|text)\s+)?(?:(?:by|par|por|von|door):?|author:)\s+(?P<name>\S.{2,120})$", re.I)
#: Words of an organisation, a desk or a credit, not of a person's name.
_ORG_WORDS = frozenset(
    "inc ltd llc corp company media group organization organisation foundation ediciones editions verlag "
    "press publishing publications news network wire staff desk team editors editorial newsroom contributors "
    "magazine zeitung agency service services writers correspondents bureau online digital university college "
    "institute school report show podcast blog radio tv gazette tribune herald weekly monthly insider "
    "finance sports entertainment health politics business technology tech science culture travel lifestyle "
    "opinion world".split())
#: Job titles that follow a name in a byline ("Andrea Stone Senior Washington Correspondent").
_TITLE_WORDS = frozenset(
    "senior junior chief correspondent editor reporter writer columnist contributor technologist producer "
    "analyst associate assistant managing contributing special international political economics "
    "envoyé envoyée envoyés redacteur rédacteur rédactrice redaktion autor autorin edited photos photography "
    "illustrations translated engineer developer designer manager professor researcher scientist founder ceo "
    "cto president intern student software".split())
_NAME_JOINERS = frozenset("and & de van von der den da del della di du le la y e bin al".split())
#: Capitalised words that are never part of a person's name, months aside ("Laura June Topolsky").
_NOT_NAME_WORDS = NOT_NAMES - {"And", "January", "February", "March", "April", "May", "June", "July", "August",
                               "September", "October", "November", "December"}


def _person_like(name: str) -> bool:
    """Whether a byline's name reads as one or more people: two to twelve words, each capitalised
    (or an initial, or a joiner such as "de", "and"), none an organisation's or a place's word."""
    words = [w.strip(",;") for w in name.split()]
    words = [w for w in words if w]
    if not 2 <= len(words) <= 12 or any(c.isdigit() for c in name) or "/" in name or "@" in name:
        return False
    for w in words:
        if w.lower() in _ORG_WORDS or w in _NOT_NAME_WORDS:
            return False
        if w.lower() in _NAME_JOINERS:
            continue
        if not (w[:1].isupper() or w[:1] in "\"“(‘'"):
            return False
    return True


#: A brand's mixed-case word (WebMD, iPhone, YouTube), not a name's (McDonald, DeShawn, LeBron, O'Neil).
_BRAND = re.compile(r"(?!(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|O['’])[A-Z])[A-Za-z]*[a-z][A-Z][A-Za-z]*|[a-z]+[A-Z][A-Za-z]*")


def _trim_credit(name: str) -> str:
    """The names of a byline without the job title or outlet credit after them: "Ed Hornick, CNN",
    "Patti Domm CNBC Executive News Editor", "Brenda Goodman, MA WebMD Health News".

    >>> _trim_credit("Patti Domm CNBC Executive News Editor"), _trim_credit("LAURE BRETTON Envoyés spéciaux")
    ('Patti Domm', 'LAURE BRETTON')
    """
    words = name.split()
    shouting = bool(words) and words[0].strip(",").isupper()
    kept: list[str] = []
    for word in words:
        bare = word.strip(",;")
        if bare.lower() in _ORG_WORDS or bare.lower() in _TITLE_WORDS or bare in _NOT_NAME_WORDS or bare in _WIRE_NAMES:
            break
        if kept and (_BRAND.fullmatch(bare) or re.fullmatch(r"[A-Za-z][\w-]*\.[a-z]{2,}", bare)):
            break  # "Kelli Miller WebMD Health", "Jemele Hill ESPN.com Archive"
        if kept and bare.lower() not in _NAME_JOINERS and len(bare) > 1 and bare.isalpha() \
                and (bare.isupper() != shouting or not bare[:1].isupper()):
            break  # "Patti Domm CNBC", "LAURE BRETTON Envoyés", "Jane Doe staff writer"
        kept.append(word)
    return " ".join(kept).strip(" ,;&") or ""


def visible_byline(text: str) -> str | None:
    """The person a header line signs with: "By Jane Doe", "Posted by Alon Zakai.", "Par Martin
    Untersinger", "on March 10, 2015 by Nikhil Marathe", "Jane Doe | AP", or a name followed by
    its date ("Andrew Tarantola 8/17/13 11:04am", "Dan Goodin - Apr 16, 2015"), its handle or its
    place ("Devindra Hardawar, @devindra", "Ángeles Escrivá | Madrid")."""
    text = " ".join(text.split()).replace(" ,", ",")
    if len(text) > 160:
        return None
    match = _BY.search(text)
    before = text[:match.start()] if match else ""
    if match and (not before.strip() or header_date(before) or re.search(r"\b(?:posted|written|published)\b|[|•·–—]\s*$", before, re.I)):
        name = re.sub(r"^(?:(?:written|posted|story|words|reporting)\s+)?by:?\s+", "", match["name"], flags=re.I)
        name = _trim_credit(author_name(name).rstrip(". "))
        return name if _person_like(name) else None
    match = _BYLINE_WIRE.match(text)
    if match:
        name = author_name(match["name"])
        return name if _person_like(name) else None
    handle = _HANDLE.match(text)
    if handle:
        name = author_name(handle["name"])
        return name if _person_like(name) else None
    raw = author_name(text)
    name = _trim_credit(raw)
    rest = text[len(name):] if text.startswith(name) else ""
    cut = raw[len(name):].split()
    if cut and cut[0].lower() in _ORG_WORDS:
        return None  # "Marketplace Tech Report 04/19/13": a programme's name, not a person's
    if name and (header_date(rest) or _AGO.search(rest) or _PLACE.match(rest)) and _person_like(name):
        return name
    return None


def _job_title(rest: str) -> bool:
    """Whether what follows a name is its job title alone: "Senior Washington Correspondent"."""
    words = rest.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() for w in words) and any(w.lower() in _TITLE_WORDS for w in words)


#: The dateline that opens a body, up to its dash.
_DATELINE = re.compile(r"^(?P<lead>[^!?]{4,60}?)\s+(?:--|—|–)\s")
#: A name and the writer's handle: "Devindra Hardawar, @devindra".
_HANDLE = re.compile(r"^(?P<name>[^@|,]+?),?\s+@\w+$")
#: A place of writing after a name: "Ángeles Escrivá | Madrid".
_PLACE = re.compile(r"^\s*\|\s*[A-ZÀ-Ý][\w’'-]+(?:\s[A-ZÀ-Ý][\w’'-]+)?\s*$")
#: A relative date after a name: "• 8h", "1 day ago", "3 hours ago".
_AGO = re.compile(r"\b\d+\s*(?:h|hrs?|hours?|m|mins?|minutes?|d|days?|w|weeks?)\b(?:\s+ago)?|\bago\b", re.I)


def declared_author(author: str) -> str | None:
    """The page's declared author when it names a person: not a URL without a name in it, a
    handle, a wire credit, the site itself ("elmundo.es", "LinkNaija", "Ediciones El País") or an
    organisation ("Organization for Transformative Works").

    >>> declared_author("https://www.liberation.fr/auteur/5631-alexandre-hervaud"), declared_author("AP")
    ('Alexandre Hervaud', None)
    """
    text = " ".join(author.split())
    if "/" in text or "?" in text:
        slug = re.split(r"[/=]", text.rstrip("/"))[-1]
        words = [w for w in re.split(r"[-_+.]", slug) if w.isalpha()]
        return " ".join(w.capitalize() for w in words) if len(words) >= 2 else None
    name = _trim_credit(author_name(re.sub(r"^(?:by|par|por|von):?\s+", "", text, flags=re.I)))
    if not name or _WIRE_ONLY.match(name) or re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", name):
        return None
    if len(name.split()) < 2 and not re.search(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", name):
        return None  # one word is a handle or a brand ("devindra", "Wirtschaftswoche"), not a person's name
    if any(w.lower().strip(",.") in _ORG_WORDS for w in name.split()):
        return None
    if "_" in name or re.search(r"\([a-z0-9_.]+\)$", name):
        return None  # a blog's name with its handle: "史蒂文的家_藍天 (stevenhgm)"
    return name


def _find_byline(header: list[Line], candidates: list[Line], author: str | None, author_line: int) -> Fact | None:
    """The article's author: the page's declared author when it names a person, or a byline
    printed in the header area or among the first metadata lines (a "By" line, a wire byline, a
    name with its date), else a name alone (or with its job title) on its line just after the
    headline or beside the dateline ("Alexia Tsotsis" / "posted on Saturday, August 13th, 2011").

    When the page declares one author and prints another's byline, the printed one is what its
    readers see: a declared "Douglas Wood" named nowhere on a page signed "By Jeremy Herb".
    """
    declared = declared_author(author) if author else None
    printed = next((Fact(name, l.line, l.text) for l in candidates
                    if l.label == Label.METADATA and (name := visible_byline(l.text))), None)
    if printed is None:
        # "by" and the name in blocks of their own: "Super Supportive" / "by" / "Sleyca".
        printed = next((Fact(name, b.line, f"{a.text} {b.text}") for a, b in zip(header, header[1:])
                        if _BY_ALONE.match(a.text) and b.label == Label.METADATA
                        and (name := visible_byline(f"By {b.text}"))), None)
    shown = {w.lower() for l in candidates for w in re.findall(r"\w{4,}", l.text)}
    if declared and not (printed and not any(w.lower() in shown for w in re.findall(r"\w{4,}", declared))):
        return Fact(declared, author_line, author or declared)
    if printed:
        return printed
    for i, l in enumerate(header):
        name = l.text.strip(" .,")
        trimmed = _trim_credit(name)
        if trimmed != name:
            if not _job_title(name[len(trimmed):]):
                continue  # a credit or a date glued on, not a job title
            name = trimmed  # "Andrea Stone Senior Washington Correspondent"
        if l.label != Label.METADATA or len(name.split()) > 4 or not _person_like(name):
            continue
        before, after = header[i - 1] if i else None, header[i + 1] if i + 1 < len(header) else None
        if (before is not None and before.label == Label.HEADLINE) or any(
                b is not None and b.label == Label.METADATA and header_date(b.text) for b in (before, after)):
            return Fact(name, l.line, l.text)  # under the headline, or beside the dateline; not a kicker above it
    return None


#: A block that holds only the word before a byline's name.
_BY_ALONE = re.compile(r"^\s*(?:by|par|por|von|door|author)\s*:?\s*$", re.I)
#: A dateline that gives when the page was changed, not when it was published.
_UPDATED = re.compile(r"^\W*(?:last\s+)?(?:updated|modified|edited|mis à jour|actualizado|aktualisiert)\b", re.I)


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
#: A company's legal form after its name: the outlet is "Bloomberg", not "Bloomberg L" (of "L.P.").
_CORPORATE = frozenset("Inc Ltd LLC LLP PLC Co Corp Corporation Company AG GmbH SA SAS BV NV KG".split())
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
                while len(words) > 1 and (words[-1] in _NOT_OUTLET or words[-1] in ("of", "and", "&")
                                          or words[-1] in _CORPORATE or len(words[-1]) == 1):
                    words.pop()  # "The Moscow Times All Rights Reserved", "Bloomberg L.P.", "Dow Jones & Co."
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


#: A picture's credit line ("Foto: Reuters", "Photo: AP", "Image credit: AFP"), wherever the model put it.
_PHOTO_CREDIT = re.compile(r"\b(?:foto|photo(?:graph)?s?|image|picture|bild|video|illustration|crédit photo|credit)\b\s*(?:credit)?\s*[:/|©]", re.I)


def _wire_credits(view: ArticleView, author: str | None) -> list[tuple[str, Fact]]:
    """Wire agencies credited in the byline, the dateline or a closing credit line.

    Photo credits in captions do not count: any outlet may buy a wire photo.
    """
    places: list[tuple[int, str]] = []
    if author:
        places.append((0, author))  # line 0: the page's metadata (shown as "author: ...")
    places += [(l.line, l.text) for l in view.meta_lines[:HEADER_AREA] if len(l.text) < 120 and not _PHOTO_CREDIT.search(l.text)]
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
            found.append((agency, Fact(agency, line, f"author: {text}" if line == 0 else text)))
            break
    return found


def wire_domains(agency: str) -> tuple[str, ...]:
    return WIRE_AGENCIES[agency][1]
