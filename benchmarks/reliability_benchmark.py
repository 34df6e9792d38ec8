"""Reliability benchmark: does each signal tell an article from a corrupted copy of it?

Run::

    .venv/bin/python benchmarks/reliability_benchmark.py [--pages DIR] [--limit N]

Takes the real articles of ``/work/shared/corpus/pages/*/`` (``expected.txt`` body + the title,
URL, byline and date of ``meta.json``; a byline only where it names a person, as
``classifier.reliability.provenance.visible_byline`` reads it, not "By CNN Wire" or "By BBC News"), keeps
the English ones with enough text, and builds each
as a text document: headline, date (YYYYMMDD), URL, "By ..." byline, then one paragraph per line
(labeled headline / metadata / content), with the last edit its saved page declares (as a page's
metadata gives it to ``classifier score``: a wiki created in 2001 holds text of 2019).  For every article it makes corrupted copies, one
corruption at a time, and scores original and copy in the same run as the other originals (the
copy stands in for its original, so a copy is never compared with its own original).  It prints,
per corruption kind, how often the original strictly outscores its copy (ties count as misses),
and how far the score moves when only boilerplate is appended.  Numbers, not pass/fail.

Corruptions (each applied only where the article has what it needs):
  drop_url / drop_date / drop_byline   remove that header line (drop_date: the declared last edit too)
  swap_nationality                     "British Prime Minister X" -> another nationality, one mention
  swap_role                            "Senator X" -> another office, one mention
  respell_name                         one occurrence of a person's surname (5+ letters, named twice+)
  shift_date                           the page's dates moved 2-5 years earlier or later
  wire_to_unknown_site                 a wire byline ("... | Associated Press") on an unknown domain
                                       (an original without a URL is compared on that domain too)
  shuffle_sentences                    body sentences in random order, paragraph sizes kept
The swaps are measured twice: in the run of unrelated originals, where only the text itself can
give them away, and "+2 witnesses": with two short reports repeating the original paragraph in the
run, as when several outlets cover one story (what the batch signals are for).  The date shift too:
"+2 reprints" adds two copies of the original text under its own date, as when several outlets
run one wire story (a text with no year in it can only be dated by its copies).
Boilerplate appended (labeled as such): a donation appeal, a comment widget, a newsletter box.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from classifier.clean import read_document
from classifier.labels import Label
from classifier.reliability.context import BatchContext, DocFacts
from classifier.reliability.entities import name_runs, role_mentions
from classifier.dates import find_dates
from classifier.reliability.lexicon import COUNTRIES, OFFICES, WIRE_AGENCIES
from classifier.reliability.score import score_view
from classifier.reliability.provenance import visible_byline
from classifier.reliability.view import ArticleView, split_sentences
from classifier.segment import make_document

PAGES = Path("/work/shared/corpus/pages")
#: Articles shorter than this (words of body) are skipped: too little text to judge.
MIN_WORDS = 150
MIN_PARAGRAPHS = 3
TODAY = date(2026, 11, 23)
UNKNOWN_SITE = "https://daily-world-updates.example/news/"
WIRES = ("Associated Press", "Reuters", "AFP")
NATIONALITIES = ("American", "British", "Russian", "Chinese", "French", "German", "Ukrainian", "Indian", "Canadian")
#: Titles too loose to swap meaningfully ("Communications Minister" reads as "Minister").
GENERIC_TITLES = frozenset({"Minister", "King", "Queen", "President", "Spokesman", "Spokeswoman", "Spokesperson"})
SWAP_OFFICES = ("Foreign Minister", "Prime Minister", "Defense Secretary", "Governor", "Senator", "Mayor", "Ambassador")

DONATION = [
    "Support independent journalism!",
    "Dear readers, we rely on your generosity to keep our reporting free for everyone.",
    "Once", "Monthly", "Annual", "Donate now", "Not ready to support today? Remind me later.",
]
COMMENTS = ["• Comments", "Loading comments...", "LEAVE A REPLY", "Please enter your comment!", "Please enter your name here"]
NEWSLETTER = [
    "Sign up for our free weekly newsletter",
    "Our weekly newsletter contains a hand-picked selection of news, features and analysis. Never miss the latest news!",
    "Subscribers agree to the Privacy Policy",
]
BOILERPLATE = {"donation appeal": (DONATION, Label.DONATION), "comment widget": (COMMENTS, Label.COMMENTS),
               "newsletter box": (NEWSLETTER, Label.SUBSCRIPTION)}


@dataclass
class Article:
    """An article as header fields plus body paragraphs, rebuilt into a labeled text document."""

    name: str
    title: str
    date: date | None
    url: str | None
    byline: str | None
    paragraphs: list[str]
    tail: tuple[list[str], Label] | None = None
    #: The page's declared last edit (a wiki's text is as new as it): a text file has no line for it,
    #: so the view gets it as a page's metadata gives it to ``classifier score``.
    modified: date | None = None

    def lines(self) -> tuple[list[str], list[Label]]:
        lines, labels = [self.title], [Label.HEADLINE]
        if self.date:
            lines.append(self.date.strftime("%Y%m%d"))
            labels.append(Label.METADATA)
        if self.url:
            lines.append(self.url)
            labels.append(Label.METADATA)
        if self.byline:
            lines.append(self.byline)
            labels.append(Label.METADATA)
        lines += self.paragraphs
        labels += [Label.CONTENT] * len(self.paragraphs)
        if self.tail:
            lines += self.tail[0]
            labels += [self.tail[1]] * len(self.tail[0])
        return lines, labels

    def view(self) -> ArticleView:
        lines, labels = self.lines()
        document = make_document("\n".join(lines) + "\n", "text", path=self.name)
        assert len(document.blocks) == len(labels), self.name
        view = ArticleView.build(document, labels)
        view.modified = self.modified
        return view

    def copy(self, **changes) -> "Article":
        fields = {**self.__dict__, "paragraphs": list(self.paragraphs), **changes}
        return Article(**fields)


def _clean(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    value = " ".join(str(value).split())
    return None if value in ("", "None", "[]") else value


def load_articles(pages: Path) -> list[Article]:
    """The English articles with enough body text."""
    out: list[Article] = []
    seen: set[str] = set()
    for folder in sorted(p for p in pages.iterdir() if p.is_dir()):
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            body = (folder / "expected.txt").read_text(encoding="utf-8")
        except (OSError, ValueError):
            continue
        lang = (_clean(meta.get("lang")) or _clean(meta.get("language")) or "en").lower()
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip()]
        words = sum(len(p.split()) for p in paragraphs)
        ascii_share = sum(c.isascii() for c in body) / max(1, len(body))
        title = _clean(meta.get("title"))
        if re.search(r"lorem ipsum|dolor sit amet", body, re.I) or body in seen:
            continue  # synthetic test pages and duplicate fixtures are not real articles
        seen.add(body)
        if not lang.startswith("en") or ascii_share < 0.97 or words < MIN_WORDS or len(paragraphs) < MIN_PARAGRAPHS or not title:
            continue
        published = _clean(meta.get("published")) or _clean(meta.get("publish_date"))
        byline = _clean(meta.get("byline")) or _clean(meta.get("authors"))
        if byline and find_dates(byline):
            byline = None  # the fixture put a date line in the byline field
        if byline and not byline.lower().startswith("by "):
            byline = "By " + byline
        if byline and visible_byline(byline) is None:
            byline = None  # "By CNN Wire", "By BBC News", "By www.facebook.com": the page names no author
        out.append(Article(
            modified=_declared_modified(folder),
            name=folder.name,
            title=title,
            date=date.fromisoformat(published[:10]) if published and re.match(r"\d{4}-\d\d-\d\d", published) else None,
            url=_clean(meta.get("url")),
            byline=byline if byline and len(byline) < 80 else None,
            paragraphs=paragraphs,
        ))
    return out


def _declared_modified(folder: Path) -> date | None:
    """The last edit its saved page declares (``dateModified``, ``article:modified_time``), if any."""
    page = folder / "source.html"
    if not page.exists():
        return None
    modified = read_document(page).metadata.modified
    return date.fromisoformat(modified[:10]) if modified else None


# -- Corruptions: each returns a changed copy, or None where it does not apply -----------------


def drop_url(a: Article, rng: random.Random) -> Article | None:
    return a.copy(url=None) if a.url else None


def drop_date(a: Article, rng: random.Random) -> Article | None:
    return a.copy(date=None, modified=None) if a.date else None


def drop_byline(a: Article, rng: random.Random) -> Article | None:
    return a.copy(byline=None) if a.byline else None


def _replace_in_body(a: Article, line_text: str, old: str, new: str) -> Article | None:
    for i, paragraph in enumerate(a.paragraphs):
        if line_text in paragraph or paragraph in line_text:
            at = paragraph.find(old)
            if at >= 0:
                changed = a.copy()
                changed.paragraphs[i] = paragraph[:at] + new + paragraph[at + len(old):]
                return changed
    return None


def swap_nationality(a: Article, rng: random.Random) -> Article | None:
    mentions = [m for m in role_mentions(a.view()) if m.country in COUNTRIES.values() and not m.qualified
                and m.title != "leader"]  # "who has led Zimbabwe" has no nationality adjective to swap
    if not mentions:
        return None
    m = rng.choice(mentions)
    written = m.text[m.start:m.end]
    affiliation = next((form for form in sorted(COUNTRIES, key=len, reverse=True)
                        if re.match(rf"(?:\w+[\s-]+)?{re.escape(form)}\b", written) and COUNTRIES[form] == m.country), None)
    if affiliation is None:
        return None
    choices = [n for n in NATIONALITIES if COUNTRIES[n] != m.country]
    new = written.replace(affiliation, rng.choice(choices), 1)
    return _replace_in_body(a, m.text, written, new)


def swap_role(a: Article, rng: random.Random) -> Article | None:
    mentions = [m for m in role_mentions(a.view()) if not m.qualified and m.title not in GENERIC_TITLES
                and m.title != "leader"]
    if not mentions:
        return None
    m = rng.choice(mentions)
    written = m.text[m.start:m.end]
    title_at = written.find(m.title)
    if title_at < 0:
        return None
    choices = [t for t in SWAP_OFFICES if OFFICES[t] != m.office]
    new = written[:title_at] + rng.choice(choices) + written[title_at + len(m.title):]
    return _replace_in_body(a, m.text, written, new)


def respell_name(a: Article, rng: random.Random) -> Article | None:
    runs = [r for r in name_runs(a.view()) if r.person and len(r.surname) >= 5]
    counts: dict[str, int] = {}
    for r in runs:
        counts[r.surname] = counts.get(r.surname, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= 2)
    if not names:
        return None
    name = rng.choice(names)
    inner = [i for i in range(1, len(name) - 1) if name[i] in "aeiou"]
    if inner:
        i = rng.choice(inner)
        wrong = name[:i] + rng.choice([v for v in "aeiou" if v != name[i]]) + name[i + 1:]
    else:
        i = rng.randrange(1, len(name) - 2)
        wrong = name[:i] + name[i + 1] + name[i] + name[i + 2:]
    places = [(i, m.start()) for i, p in enumerate(a.paragraphs) for m in re.finditer(rf"\b{re.escape(name)}\b", p)]
    i, at = rng.choice(places)
    changed = a.copy()
    changed.paragraphs[i] = a.paragraphs[i][:at] + wrong + a.paragraphs[i][at + len(name):]
    return changed


def shift_date(a: Article, rng: random.Random) -> Article | None:
    if not a.date:
        return None
    years = rng.choice([-5, -4, -3, -2, 2, 3, 4, 5])
    def moved(d: date | None) -> date | None:
        return d.replace(year=d.year + years, day=min(d.day, 28) if d.month == 2 else d.day) if d else None

    return a.copy(date=moved(a.date), modified=moved(a.modified))  # the page's dates, all of them


def _unknown_site_url(a: Article) -> str:
    return UNKNOWN_SITE + re.sub(r"[^a-z0-9]+", "-", a.title.lower()).strip("-")[:60]


def wire_to_unknown_site(a: Article, rng: random.Random) -> Article | None:
    text = " ".join([a.byline or ""] + a.paragraphs[:1] + a.paragraphs[-1:])
    if re.search(r"(?<![\w-])(?:" + "|".join(re.escape(n) for names, _ in WIRE_AGENCIES.values() for n in names) + r")(?![\w-])", text):
        return None  # already wire copy
    wire = rng.choice(WIRES)
    byline = f"{a.byline[3:]} | {wire}" if a.byline else wire  # a bare credit names no author
    return a.copy(url=_unknown_site_url(a), byline=byline)


def on_unknown_site(a: Article) -> Article:
    """What a wire copy is compared with where the original has no URL: the same article on the
    same unknown site, without the wire credit (a page of unknown origin may be the wire's own,
    so a credit alone proves no republication; and a URL alone would add its own credit)."""
    return a if a.url else a.copy(url=_unknown_site_url(a))


def shuffle_sentences(a: Article, rng: random.Random) -> Article | None:
    split = [split_sentences(p) for p in a.paragraphs]
    sentences = [s for group in split for s in group]
    if len(sentences) < 4:
        return None
    order = list(range(len(sentences)))
    while order == sorted(order):
        rng.shuffle(order)
    shuffled = [sentences[i] for i in order]
    paragraphs, at = [], 0
    for group in split:
        paragraphs.append(" ".join(shuffled[at:at + len(group)]))
        at += len(group)
    return a.copy(paragraphs=paragraphs)


def witnesses(original: Article, copy: Article) -> list[DocFacts]:
    """Two short reports that repeat, unchanged, the paragraphs the copy changed: the run then
    holds other documents naming the same people, as a run of same-story scrapes does.  Each
    adds a line of its own: two copies of one text are one witness."""
    changed = [p for p, q in zip(original.paragraphs, copy.paragraphs) if p != q]
    return [
        DocFacts.of(Article(f"{original.name}-witness-{k}", f"Report {k}", None, None, None,
                            changed + [f"Filed by the desk of outlet {k}."]).view())
        for k in (1, 2)
    ]


def reprints(original: Article, copy: Article) -> list[DocFacts]:
    """Two reprints of the original (the same paragraphs under its own date, no URL or byline), as
    when several outlets run one wire story: the run then holds other dated copies of the text."""
    return [
        DocFacts.of(Article(f"{original.name}-reprint-{k}", original.title, original.date, None, None,
                            original.paragraphs).view())
        for k in (1, 2)
    ]


#: Corruptions compared with a changed original rather than the original itself.
BASELINES = {"wire_to_unknown_site": on_unknown_site}

#: Corruptions also measured with witnesses in the run (the batch signals need other documents).
WITNESSED = {"swap_nationality": witnesses, "swap_role": witnesses, "shift_date": reprints}

CORRUPTIONS = {
    "drop_url": drop_url,
    "drop_date": drop_date,
    "drop_byline": drop_byline,
    "swap_nationality": swap_nationality,
    "swap_role": swap_role,
    "respell_name": respell_name,
    "shift_date": shift_date,
    "wire_to_unknown_site": wire_to_unknown_site,
    "shuffle_sentences": shuffle_sentences,
}


@dataclass
class Outcome:
    """How one corruption kind fared: originals strictly above their copies, ties, copies above."""

    wins: int = 0
    ties: int = 0
    losses: int = 0
    drops: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return self.wins / len(self.drops) if self.drops else None


@dataclass
class Results:
    originals: list  # DocumentScore of each original, in the run of all originals
    outcomes: dict[str, Outcome]  # by kind, "+2 witnesses" / "+2 reprints" rows included
    moves: dict[str, list[float]]  # boilerplate kind -> |score move| per article


def score_in_place(view: ArticleView, facts: list[DocFacts], i: int, extra: Sequence[DocFacts] = ()) -> float:
    """The score of ``view`` standing in for article ``i`` in the run of the others (and ``extra``)."""
    context = BatchContext.from_facts(facts[:i] + [DocFacts.of(view)] + facts[i + 1:] + list(extra))
    return score_view(view, context, today=TODAY).score


def measure(articles: list[Article]) -> Results:
    """Score the originals in one run, then every corrupted copy in the run of the others."""
    views = [a.view() for a in articles]
    facts = [DocFacts.of(v) for v in views]
    context = BatchContext.from_facts(facts)
    scored = [score_view(v, context, today=TODAY) for v in views]
    originals = [s.score for s in scored]
    outcomes: dict[str, Outcome] = {}
    runs = [(kind, corrupt, False) for kind, corrupt in CORRUPTIONS.items()]
    runs += [(kind, CORRUPTIONS[kind], True) for kind in WITNESSED]
    for kind, corrupt, witnessed in runs:
        label = kind + ((" +2 reprints" if WITNESSED[kind] is reprints else " +2 witnesses") if witnessed else "")
        outcome = outcomes[label] = Outcome()
        for i, article in enumerate(articles):
            copy = corrupt(article, random.Random(f"{article.name}:{kind}"))
            if copy is None:
                continue
            view = copy.view()
            extra = WITNESSED[kind](article, copy) if witnessed else []
            original = originals[i]
            if witnessed:
                original = score_view(views[i], BatchContext.from_facts(facts + extra), today=TODAY).score
            elif kind in BASELINES and (base := BASELINES[kind](article)) is not article:
                original = score_in_place(base.view(), facts, i)
            copy_score = score_in_place(view, facts, i, extra)
            drop = original - copy_score
            outcome.drops.append(drop)
            if drop > 0:
                outcome.wins += 1
            else:
                outcome.ties += drop == 0
                outcome.losses += drop < 0
                outcome.misses.append(f"{kind:<22} {article.name} ({original} -> {copy_score})")
    moves: dict[str, list[float]] = {}
    for kind, (lines, label) in BOILERPLATE.items():
        moves[kind] = []
        for i, article in enumerate(articles):
            view = article.copy(tail=(lines, label)).view()
            moves[kind].append(abs(score_in_place(view, facts, i) - originals[i]))
    return Results(scored, outcomes, moves)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--limit", type=int, default=0, help="use the first N articles only")
    parser.add_argument("--show-misses", action="store_true", help="list the copies that were not caught")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    articles = load_articles(args.pages)
    if args.limit:
        articles = articles[: args.limit]
    results = measure(articles)
    print(f"{len(articles)} articles (English, >= {MIN_WORDS} words); mean original score "
          f"{statistics.fmean(s.score for s in results.originals):.1f}, run date {TODAY}")
    # Problem signals on the uncorrupted originals: each one firing here is a false alarm or a
    # real flaw of the page, worth reading (--show-misses lists the pages).
    charged = Counter(s.name for doc in results.originals for s in doc.signals if s.contribution < 0)
    print("problem signals on the originals (documents): "
          + ", ".join(f"{name} {n}" for name, n in sorted(charged.items())))
    print()
    print(f"{'corruption':<30} {'n':>4} {'orig > copy':>11} {'ties':>5} {'copy > orig':>11} {'mean drop':>9}")
    for label, o in results.outcomes.items():
        n = len(o.drops)
        rate = f"{o.rate:.2f}" if n else "-"
        mean = f"{statistics.fmean(o.drops):+.1f}" if n else "-"
        print(f"{label:<30} {n:>4} {rate:>11} {o.ties:>5} {o.losses:>11} {mean:>9}")
    print()
    print(f"{'boilerplate appended':<30} {'n':>4} {'mean |move|':>11} {'max |move|':>11}")
    for kind, moves in results.moves.items():
        print(f"{kind:<30} {len(moves):>4} {statistics.fmean(moves):>11.2f} {max(moves):>11.2f}")
    if args.show_misses:
        print()
        print("\n".join(m for o in results.outcomes.values() for m in o.misses))
        print()
        for article, doc in zip(articles, results.originals):
            for signal in doc.signals:
                if signal.contribution < 0 and signal.name.startswith(("coherence.", "dates.")):
                    print(f"original {signal.name:<30} {article.name} ({signal.contribution:+.1f})")
    print(f"\n{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
