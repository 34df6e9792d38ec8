"""Every weight of the reliability score, in points on a 0-100 scale, with the reason for it.

A document starts at :data:`BASE_SCORE`; each signal adds ``value * weight`` (value in 0..1 for
presence signals, a capped count for problems).  Positive weights reward what a careful
newsroom does (says who, when and where; attributes its claims); negative weights charge for
what careless or deceptive copy shows (contradictions, misdating, garbled names, recycled
copy, clickbait).  The positives sum to at most :data:`MAX_POSITIVE` < 50, so a score never
saturates at 100 and one more problem always costs points.
"""

from __future__ import annotations

#: Where every document starts: no evidence either way.
BASE_SCORE = 50.0

# -- Provenance: can a reader check who published this, when, and where? ---------------------
#: A URL lets a reader go to the page and see who publishes it.
URL_PRESENT = 7.0
#: A publication date lets a reader place the claims in time.
DATE_PRESENT = 7.0
#: A named author is someone accountable for the text.
BYLINE_PRESENT = 6.0
#: A publisher we can name (domain or site name) is an outlet one can look up.
PUBLISHER_KNOWN = 5.0

# -- Sourcing: does the text say where its claims come from? --------------------------------
#: Attributed statements ("said", "according to") per 100 words, saturating at ATTRIBUTION_TARGET.
ATTRIBUTION = 9.0
#: Attributions per 100 words that count as fully sourced copy (wire copy runs about 1.5-3).
ATTRIBUTION_TARGET = 1.2
#: Distinct named people quoted or cited, saturating at NAMED_SOURCES_TARGET.
NAMED_SOURCES = 6.0
NAMED_SOURCES_TARGET = 3
#: Direct quotations per 100 words, saturating at QUOTES_TARGET: words a reader can check.
QUOTES = 4.0
QUOTES_TARGET = 0.8
#: A long text that attributes nothing asks to be taken on faith.
UNSOURCED = -6.0
#: Words of content below which sourcing is not judged (a brief has no room for it).
MIN_WORDS_FOR_SOURCING = 120
#: Share of a text's words that must be function words of one language the signals read (English,
#: French, Spanish, German, Portuguese, Italian: lexicon.FUNCTION_WORDS) before the text counts as
#: written in it.  Signals that read wording ("said", "selon", English stems) judge only text in a
#: language they know: elsewhere the absence of those words says nothing about the text.
LANGUAGE_MIN_SHARE = 0.08
#: ... of at least this many different function words: a language, not one repeated word.
LANGUAGE_MIN_DISTINCT = 3
#: Words below which a text is taken as English (too short to tell, and too short for those signals).
LANGUAGE_MIN_WORDS = 40
#: Claims attributed to nobody in particular ("sources say", "people are saying").
ANONYMOUS_SOURCING = -2.0
ANONYMOUS_CAP = 3

# -- Republication: is this someone else's copy passed off or recycled? ---------------------
#: A wire byline or credit on a site that is not the wire: copied copy, often stripped of corrections.
WIRE_ON_OTHER_SITE = -5.0
#: The headline repeated in another letter case: a scraper re-posting, not an editor.
HEADLINE_CASE_REPEAT = -5.0
#: The publisher calls itself a portal of "latest breaking news ... and much more": a content farm.
CONTENT_FARM = -10.0
#: The page claims "fair use" for copyrighted material it runs without its owners' authorisation
#: (the U.S.C. Title 17 Section 107 notice): an aggregator of other outlets' articles.
FAIR_USE_NOTICE = -5.0

# -- Date consistency ------------------------------------------------------------------------
#: The page date disagrees with the years the text's own events happen in, or with the years a
#: household name held the office the text gives them as serving (reference.py).
DATE_MISMATCH = -14.0
#: The page date is later than the run date: it cannot be right.
FUTURE_DATE = -14.0
#: The page date disagrees with the date in its own URL.
URL_DATE_MISMATCH = -10.0
#: Years between the page date and the latest year of the text that still pass as retrospective.
DATE_SLACK_YEARS = 1
#: A text that speaks of its own present ("this week", "on Monday") yet names no year within
#: STALE_YEARS of its page date, among STALE_MIN_MENTIONS+ years: old copy under a new date
#: (recirculated news) or a date that is not the publication's.  Weaker than a contradiction.
STALE_DATE = -5.0
STALE_YEARS = 3
STALE_MIN_MENTIONS = 3
#: ... of which at least this many fall within a year of the latest: the text's own time, not one
#: background date (a news story names old years in passing: "under a 2007 contract").
STALE_FRAME_MENTIONS = 2
#: Copies of the same text in the run (paragraphs of PASSAGE_MIN_WORDS+ words, word for word) dated
#: more than COPY_DATE_DAYS from what MIN_WITNESSES+ agreeing copies say: a misdated page, or old news
#: recirculated under a new date.  Same weight as a date the text contradicts.
COPIES_DATE_MISMATCH = -12.0
PASSAGE_MIN_WORDS = 20
COPY_MIN_PASSAGES = 2
COPY_DATE_DAYS = 366

# -- Name consistency (per pair, count capped at NAME_CAP) -----------------------------------
#: One person spelled two ways in one text: the copy was not checked.
NAME_VARIANT = -6.0
#: A name that looks like a mangled copy of another one in the text ("Guldoltenberg").
GARBLED_NAME = -6.0
NAME_CAP = 4

# -- Role and nationality consistency (per contradiction, count capped at ROLE_CAP) ----------
#: A person given two countries or two offices in one text, or two people in one country's office.
ROLE_CONTRADICTION = -9.0
#: A title a country does not have ("Russian Secretary of State").
IMPOSSIBLE_TITLE = -7.0
#: A person's country or office contradicts what most other documents of the run say.
BATCH_ROLE_CONTRADICTION = -8.0
#: A household name given a country or office that the shipped, dated reference list of
#: long-serving office holders (reference.py) says they never had: a fact a reader can look up.
REFERENCE_CONTRADICTION = -8.0
ROLE_CAP = 3
#: Other documents that must agree before a batch signal calls a document wrong (1 vs 1 is a tie).
MIN_WITNESSES = 2
#: Years apart within which two dated documents can witness who holds an office.
BATCH_YEARS = 1

# -- Form -------------------------------------------------------------------------------------
#: A headline in capitals shouts; newsrooms do not.
ALL_CAPS_HEADLINE = -8.0
#: Exclamation marks outside quotations (per mark, capped at FORM_CAP).
EXCLAMATION = -2.0
#: Clickbait phrasing in the headline or text (per phrase, capped at FORM_CAP).
CLICKBAIT = -5.0
FORM_CAP = 3
#: Loaded words outside quotations (per distinct word, capped at FORM_CAP): the text argues
#: with contempt or outrage instead of reporting.  Charged only from LOADED_MIN_DISTINCT
#: distinct words at LOADED_MIN_RATE per 100 words, so one stray word in a long text is free.
LOADED_LANGUAGE = -3.0
LOADED_MIN_DISTINCT = 2
LOADED_MIN_RATE = 0.2
#: The text reads as a story, not a report (narration: "he nodded", "she sighed", "Alden
#: muttered"): its dialogue is not sourcing, and a story is no source of news.  Read from
#: FICTION_MIN_DISTINCT distinct narrative verbs at FICTION_MIN_RATE per 1,000 words (on the 198
#: corpus pages: the two web serials 8-10 and Melville 4, at 2.6-3.3 and 0.6; no news page more than 1).
FICTION = -5.0
FICTION_MIN_DISTINCT = 4
FICTION_MIN_RATE = 0.5

# -- Coherence (per problem, capped at COHERENCE_CAP) -----------------------------------------
#: "The minister said" / "he said" / a bare surname before anyone has been introduced:
#: the text was cut up or reassembled out of order.
UNRESOLVED_REFERENCE = -3.0
#: A paragraph whose quotation marks do not pair up: quoted speech cut apart or stitched wrongly.
BROKEN_QUOTE = -2.0
#: The sentence that best summarises the headline sits at the end, not the start.
BURIED_LEAD = -4.0
#: Prose sentences above which a text is no news article with a lead (a feature, a manual, a story).
BURIED_LEAD_MAX_SENTENCES = 60
COHERENCE_CAP = 4
#: The text's own sentence order is no more cohesive than random orders of the same sentences:
#: it reads as shuffled, spun or stitched from fragments.
LOW_COHESION = -6.0
#: Cohesion is a permutation test: p = share of COHESION_ORDERS random orders of the text's own
#: sentences whose neighbours (1-3 apart) are at least as alike as in the text's order (and whose
#: bare surnames and opening "He"/"She" follow who they refer to as often).  A shuffled
#: text draws p uniformly from 0..1; edited text sits near 0.  No charge at p <= COHESION_P_FREE
#: (an order that beats nine random orders in ten), full charge at p >= COHESION_P_FULL (no better
#: than a coin toss), linear between.
COHESION_P_FREE = 0.1
COHESION_P_FULL = 0.5
COHESION_ORDERS = 199
#: Prose sentences (PROSE_MIN_WORDS+ words, closing punctuation) needed before the order is
#: judged: fewer leave the test without the power to tell an order from chance.  On 12-19
#: sentences intact news briefs drew p = 0.19-0.64 and shuffled seeds 0.18-0.38: a coin flip
#: (third audit: every charge on a real page under 20 sentences was a false alarm).
COHESION_MIN_SENTENCES = 20
#: Words a sentence needs to count as prose (shorter ones are headings, captions, list items).
PROSE_MIN_WORDS = 6
#: Only the first sentences are read (cost; a shuffle shows in any stretch of the text).
COHESION_MAX_SENTENCES = 150

#: The most the positive signals can add (kept below 50 so 100 is never reached by saturation).
MAX_POSITIVE = URL_PRESENT + DATE_PRESENT + BYLINE_PRESENT + PUBLISHER_KNOWN + ATTRIBUTION + NAMED_SOURCES + QUOTES

# -- Bands --------------------------------------------------------------------------------------
#: Lower bounds of the bands, highest first.
BANDS: tuple[tuple[float, str], ...] = (
    (75.0, "high"),
    (60.0, "credible with exceptions"),
    (40.0, "caution"),
    (0.0, "low"),
)
