"""Finding and normalising dates in text: header lines, bylines, and the years events happen in."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+"
_PATTERNS = [
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<month>0[1-9]|1[0-2])(?P<day>0[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-/.](?P<month>0?[1-9]|1[0-2])[-/.](?P<day>0?[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(rf"(?:{_WEEKDAY})?{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(rf"(?:{_WEEKDAY})?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
]
_YEAR = re.compile(r"(?<![\d$£€.,/-])(?:19[5-9]\d|20\d\d)(?![\d%])")


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """All full dates in ``text`` as ``(date, start, end)``, in order, without overlaps.

    >>> [d.isoformat() for d, _, _ in find_dates("Saturday, June 3, 2023 and 20211118")]
    ['2023-06-03', '2021-11-18']
    """
    found: list[tuple[date, int, int]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            value = _to_date(match)
            if value is not None:
                found.append((value, start, end))
                taken.append((start, end))
    return sorted(found, key=lambda item: item[1])


def _to_date(match: re.Match) -> date | None:
    month = match.group("month")
    month_number = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."))
    try:
        return date(int(match.group("year")), month_number, int(match.group("day")))
    except (TypeError, ValueError):
        return None


#: A numeric date as US pages print it in a byline or dateline ("8/17/13 11:04am", "11/18/2011"):
#: read only in a header line (:func:`header_date`), as month/day unless the first number cannot be a month.
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(?P<a>[0-3]?\d)\s?[/-]\s?(?P<b>[0-3]?\d)[/-](?P<year>(?:19|20)?\d\d)(?![\d/.-])")


#: Month names of the other languages the signals read, for datelines ("1 de diciembre de 2017",
#: "5 avril 2015", "3. März 2020").
_FOREIGN_MONTHS = {
    name: number for number, names in enumerate([
        "enero janvier januar gennaio janeiro", "febrero février fevrier februar febbraio fevereiro",
        "marzo mars märz maerz março marco", "abril avril april aprile", "mayo mai maggio maio",
        "junio juin juni giugno junho", "julio juillet juli luglio julho", "agosto août aout august",
        "septiembre setiembre septembre september settembre setembro", "octubre octobre oktober ottobre outubro",
        "noviembre novembre november", "diciembre décembre decembre dezember dicembre dezembro",
    ], start=1) for name in names.split()
}
#: Arabic month names, Levantine and Egyptian, often written together ("04 آب/اغسطس 2013").
_FOREIGN_MONTHS.update({
    name: number for number, names in enumerate([
        "كانون الثاني|يناير", "شباط|فبراير", "آذار|مارس", "نيسان|أبريل|ابريل", "أيار|مايو", "حزيران|يونيو",
        "تموز|يوليو", "آب|أغسطس|اغسطس", "أيلول|سبتمبر", "تشرين الأول|أكتوبر|اكتوبر", "تشرين الثاني|نوفمبر",
        "كانون الأول|ديسمبر",
    ], start=1) for name in names.split("|")
})
_FOREIGN_DATE = re.compile(
    r"(?<!\d)(?P<day>[0-3]?\d)(?:er|º|\.)?\s+(?:de\s+)?(?P<month>" + "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True))
    + r")(?:/\w+)?\s+(?:de\s+)?(?P<year>(?:19|20)\d\d)\b", re.I)
#: A blog platform's header date with the weekday between day and year: "Dec 28 Sat 2013 00:28".
_WEEKDAY_INSIDE = re.compile(rf"(?<![\w-]){_MONTH}\s+(?P<day>[0-3]?\d)\s+{_WEEKDAY}(?P<year>(?:19|20)\d\d)\b", re.I)
_CJK_DATE = re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*日")


def header_date(text: str, day_first: bool = False) -> date | None:
    """The first date of a header line: a written or ISO date (English, the other languages the
    signals read, 2018年6月18日, or "Dec 28 Sat 2013"), else a numeric one, read month first
    ("8/17/13") unless ``day_first`` (a page in another language than English) or the first
    number cannot be a month."""
    found = find_dates(text)
    if found:
        return found[0][0]
    for pattern in (_FOREIGN_DATE, _CJK_DATE):
        for m in pattern.finditer(text):
            month = m["month"]
            number = int(month) if month.isdigit() else _FOREIGN_MONTHS[month.lower()]
            try:
                return date(int(m["year"]), number, int(m["day"]))
            except ValueError:
                continue
    for m in _WEEKDAY_INSIDE.finditer(text):
        try:
            return date(int(m["year"]), MONTHS[m["month"].lower().rstrip(".")], int(m["day"]))
        except ValueError:
            continue
    for m in _NUMERIC_DATE.finditer(text):
        a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
        year += 2000 if year < 100 else 0
        month, day = (b, a) if a > 12 or (day_first and b <= 12) else (a, b)
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None


#: A date printed without its year, as pages do for this year's stories ("March 18 at 3:57 PM",
#: "Mar. 18, 3:57 PM", "18 March"): read only in a header line whose year comes from elsewhere.
_MONTH_DAY = re.compile(
    rf"(?<![\w-])(?:{_WEEKDAY})?{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\s*,?\s*(?:19|20)\d\d)(?![\d:])"
    rf"|(?<![\w-])(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>" + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\b\.?(?!\s*,?\s*(?:19|20)\d\d)", re.I)


def month_day(text: str) -> tuple[int, int] | None:
    """(month, day) of the first date printed without a year.

    >>> month_day("By Erin Cunningham March 18 at 3:57 PM"), month_day("March 18, 2015")
    ((3, 18), None)
    """
    for m in _MONTH_DAY.finditer(text):
        month = MONTHS[(m["month"] or m["month2"]).lower().rstrip(".")]
        day = int(m["day"] or m["day2"])
        if 1 <= day <= 31:
            return month, day
    return None


def parse_date(text: str | None) -> date | None:
    """The first full date in a string (ISO timestamps included), or None."""
    if not text:
        return None
    dates = find_dates(text)
    return dates[0][0] if dates else None


def find_years(text: str) -> list[tuple[int, int]]:
    """Plausible four-digit years mentioned in text, as ``(year, offset)``.

    >>> find_years("since 2014, and $2022 or 2,021 troops in 2022")
    [(2014, 6), (2022, 41)]
    """
    return [(int(m.group()), m.start()) for m in _YEAR.finditer(text)]


#: A date in a URL path: ``/2021/11/18/``, ``20131023``, or a timestamp ``YYYYMMDDhhmmss`` that an
#: article number may follow (Yonhap's ``AEN20190820002300325``).  A longer digit run is an id.
_URL_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?!\d)"
    r"|(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])([012]\d|3[01])(?:(?:[01]\d|2[0-3])[0-5]\d[0-5]\d\d*)?(?!\d)")


def url_date(url: str | None) -> date | None:
    """The date a URL path spells, as news sites do (``/2021/11/18/``, ``20131023``, a timestamp).

    >>> url_date("https://www.telegraph.co.uk/world-news/2021/11/18/ukraine/")
    datetime.date(2021, 11, 18)
    """
    if not url:
        return None
    for m in _URL_DATE.finditer(url):
        parts = [int(x) for x in (m.groups()[:3] if m.group(1) else m.groups()[3:])]
        try:
            return date(*parts)
        except ValueError:
            continue
    return None
