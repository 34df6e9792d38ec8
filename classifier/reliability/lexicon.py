"""Word lists the signals read: wire agencies, countries and nationalities, offices, clickbait.

They ship as Python constants (no download, no data file) and are deliberately short: a signal
must be explainable by pointing at a phrase in the text and a line of this module.
"""

from __future__ import annotations

import re

#: Wire agencies: the names and credit forms they appear under -> the domains they publish on.
WIRE_AGENCIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Associated Press": (("Associated Press", "AP"), ("apnews.com", "ap.org")),
    "Reuters": (("Reuters", "Thomson Reuters"), ("reuters.com",)),
    "AFP": (("Agence France-Presse", "Agence France Presse", "AFP"), ("afp.com",)),
    "dpa": (("Deutsche Presse-Agentur", "dpa", "DPA"), ("dpa.com",)),
    "Bloomberg": (("Bloomberg News", "Bloomberg"), ("bloomberg.com",)),
    "UPI": (("United Press International", "UPI"), ("upi.com",)),
    "ANSA": (("ANSA",), ("ansa.it",)),
    "EFE": (("Agencia EFE", "EFE"), ("efe.com",)),
    "Kyodo": (("Kyodo News", "Kyodo"), ("kyodonews.net",)),
    "Xinhua": (("Xinhua News Agency", "Xinhua"), ("xinhuanet.com", "news.cn")),
    "TASS": (("TASS",), ("tass.com", "tass.ru")),
    "PTI": (("Press Trust of India", "PTI"), ("ptinews.com",)),
    "CNN Wire": (("CNN Wire",), ("cnn.com",)),
}

#: Nationality adjectives and country names -> the country they point at.
COUNTRIES: dict[str, str] = {}
_COUNTRY_FORMS = {
    "United States": "American|U.S.|US|USA|U.S.A.|United States|America|Washington's",
    "United Kingdom": "British|UK|U.K.|Britain|United Kingdom|English|Scottish|Welsh",
    "Russia": "Russian|Russia|Russian Federation",
    "Ukraine": "Ukrainian|Ukraine",
    "Germany": "German|Germany",
    "France": "French|France",
    "China": "Chinese|China",
    "Japan": "Japanese|Japan",
    "India": "Indian|India",
    "Pakistan": "Pakistani|Pakistan",
    "Canada": "Canadian|Canada",
    "Australia": "Australian|Australia",
    "Italy": "Italian|Italy",
    "Spain": "Spanish|Spain",
    "Portugal": "Portuguese|Portugal",
    "Poland": "Polish|Poland",
    "Belarus": "Belarusian|Belarus",
    "Turkey": "Turkish|Turkey|Türkiye",
    "Iran": "Iranian|Iran",
    "Iraq": "Iraqi|Iraq",
    "Israel": "Israeli|Israel",
    "Syria": "Syrian|Syria",
    "Egypt": "Egyptian|Egypt",
    "Saudi Arabia": "Saudi|Saudi Arabia",
    "North Korea": "North Korean|North Korea",
    "South Korea": "South Korean|South Korea",
    "Mexico": "Mexican|Mexico",
    "Brazil": "Brazilian|Brazil",
    "Argentina": "Argentine|Argentinian|Argentina",
    "Netherlands": "Dutch|Netherlands",
    "Belgium": "Belgian|Belgium",
    "Sweden": "Swedish|Sweden",
    "Norway": "Norwegian|Norway",
    "Denmark": "Danish|Denmark",
    "Finland": "Finnish|Finland",
    "Austria": "Austrian|Austria",
    "Switzerland": "Swiss|Switzerland",
    "Greece": "Greek|Greece",
    "Hungary": "Hungarian|Hungary",
    "Romania": "Romanian|Romania",
    "Czech Republic": "Czech|Czech Republic",
    "Ireland": "Irish|Ireland",
    "Nigeria": "Nigerian|Nigeria",
    "South Africa": "South African|South Africa",
    "Kenya": "Kenyan|Kenya",
    "Afghanistan": "Afghan|Afghanistan",
    "Venezuela": "Venezuelan|Venezuela",
    "Cuba": "Cuban|Cuba",
    "Georgia": "Georgian",
    "Lithuania": "Lithuanian|Lithuania",
    "Latvia": "Latvian|Latvia",
    "Estonia": "Estonian|Estonia",
    "Sudan": "Sudanese|Sudan",
    "Libya": "Libyan|Libya",
    "Tunisia": "Tunisian|Tunisia",
    "Lebanon": "Lebanese|Lebanon",
    "Jordan": "Jordanian",
    "Qatar": "Qatari|Qatar",
    "Indonesia": "Indonesian|Indonesia",
    "Philippines": "Filipino|Philippine|Philippines",
    "Vietnam": "Vietnamese|Vietnam",
    "Thailand": "Thai|Thailand",
    "Zimbabwe": "Zimbabwean|Zimbabwe",
    "New Zealand": "New Zealand",
    "Serbia": "Serbian|Serbia",
    "Croatia": "Croatian|Croatia",
}
for _country, _forms in _COUNTRY_FORMS.items():
    for _form in _forms.split("|"):
        COUNTRIES[_form] = _country

#: Institutions named instead of a country ("White House spokeswoman", "Kremlin spokesman").
INSTITUTIONS: dict[str, str] = {
    "White House": "United States",
    "Pentagon": "United States",
    "State Department": "United States",
    "Kremlin": "Russia",
    "Downing Street": "United Kingdom",
    "Whitehall": "United Kingdom",
    "Elysee": "France",
    "Élysée": "France",
    "NATO": "NATO",
    "EU": "European Union",
    "European Union": "European Union",
    "UN": "United Nations",
    "U.N.": "United Nations",
    "United Nations": "United Nations",
}

#: Office titles (as written before a name) -> the office they denote.  Longest match wins.
OFFICES: dict[str, str] = {
    "Secretary of State": "foreign minister",
    "Foreign Minister": "foreign minister",
    "Foreign Secretary": "foreign minister",
    "Foreign Affairs Minister": "foreign minister",
    "Minister of Foreign Affairs": "foreign minister",
    "Defense Minister": "defence minister",
    "Defence Minister": "defence minister",
    "Defense Secretary": "defence minister",
    "Defence Secretary": "defence minister",
    "Secretary of Defense": "defence minister",
    "Minister of Defense": "defence minister",
    "Minister of Defence": "defence minister",
    "Prime Minister": "head of government",
    "Premier": "head of government",
    "Chancellor": "head of government",
    "President": "head of state",
    "King": "head of state",
    "Queen": "head of state",
    "Home Secretary": "interior minister",
    "Interior Minister": "interior minister",
    "Finance Minister": "finance minister",
    "Treasury Secretary": "finance minister",
    "Chancellor of the Exchequer": "finance minister",
    "Secretary-General": "secretary-general",
    "Secretary General": "secretary-general",
    "Press Secretary": "press secretary",
    "Ambassador": "ambassador",
    "Senator": "senator",
    "Sen.": "senator",
    "Governor": "governor",
    "Gov.": "governor",
    "Mayor": "mayor",
    "Spokesman": "spokesperson",
    "Spokeswoman": "spokesperson",
    "Spokesperson": "spokesperson",
    "Minister": "minister",
}

#: Offices one country fills with one person at a time: two names for one of them is a contradiction.
UNIQUE_OFFICES: frozenset[str] = frozenset(
    {"foreign minister", "defence minister", "head of government", "head of state",
     "interior minister", "finance minister"}
)

#: Offices too loose to contradict another ("Minister" fits any minister; spokespeople change hats;
#: "leader" is how a text ties a person to a country without a title: "who has led Zimbabwe").
GENERIC_OFFICES: frozenset[str] = frozenset({"minister", "spokesperson", "leader"})

#: Titles only some countries use, as written -> the countries that use them.
COUNTRY_SPECIFIC_TITLES: dict[str, frozenset[str]] = {
    "Secretary of State": frozenset({"United States"}),
    "Chancellor": frozenset({"Germany", "Austria"}),
    "Foreign Secretary": frozenset({"United Kingdom", "India"}),
    "Home Secretary": frozenset({"United Kingdom", "India"}),
    "Chancellor of the Exchequer": frozenset({"United Kingdom"}),
    "Senator": frozenset({"United States", "Australia", "Canada", "Philippines", "Mexico", "Brazil", "Italy", "France", "Ireland", "Nigeria"}),
}
#: Titles a country does not have ("US Prime Minister").
ABSENT_TITLES: dict[str, frozenset[str]] = {
    "Prime Minister": frozenset({"United States", "Mexico", "Brazil", "Argentina", "Germany", "Austria"}),
    "Chancellor": frozenset(),
    "King": frozenset({"United States", "Russia", "Germany", "France", "China", "Ukraine", "India"}),
    "Queen": frozenset({"United States", "Russia", "Germany", "France", "China", "Ukraine", "India"}),
}

#: Words before a title that make two holders of one office compatible ("former President").
OFFICE_QUALIFIERS: frozenset[str] = frozenset(
    "former ex then late deputy vice acting incoming outgoing first future previous interim "
    "shadow assistant junior under second third past".split()
)

#: Verbs that attribute a statement to someone.
ATTRIBUTION_VERBS: tuple[str, ...] = (
    "said", "says", "told", "tells", "added", "adds", "stated", "states", "explained",
    "noted", "wrote", "writes", "announced", "confirmed", "according to", "warned",
    "stressed", "insisted", "argued", "acknowledged", "testified", "reported", "tweeted", "explains",
)
#: The same in the other languages the sourcing signals read (see :data:`FUNCTION_WORDS`): news
#: copy's common reporting verbs and "according to".  "secondo" / "segundo" also mean "second",
#: so they count only before an article.
ATTRIBUTION_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": ATTRIBUTION_VERBS,
    "fr": ("a dit", "a-t-il dit", "a-t-elle dit", "déclaré", "affirmé", "indiqué", "expliqué", "précisé", "souligné",
           "assuré", "annoncé", "confirmé", "ajouté", "déclare", "affirme", "explique", "indique", "précise", "souligne",
           "selon", "d'après", "d’après", "a rapporté", "rapporte", "a raconté", "raconte", "a rappelé", "rappelle",
           "a estimé", "a lancé", "a confié", "confie"),
    "es": ("dijo", "dice", "afirmó", "aseguró", "declaró", "explicó", "indicó", "señaló", "añadió", "anunció",
           "confirmó", "advirtió", "ha dicho", "ha afirmado", "ha asegurado", "ha explicado", "ha señalado",
           "ha declarado", "ha indicado", "afirma", "asegura", "explica", "señala", "según", "informó", "comentó",
           "agregó", "sostuvo", "manifestó", "relató", "afirmaron", "aseguraron", "explicaron", "señalaron",
           "de acuerdo con"),
    "de": ("sagte", "sagt", "sagten", "erklärte", "erklärt", "betonte", "berichtete", "bestätigte", "warnte",
           "kündigte", "teilte", "mitteilte", "mitgeteilt", "berichtet", "erklärten", "laut", "zufolge",
           "nach Angaben", "heißt es"),
    "pt": ("disse", "diz", "afirmou", "declarou", "explicou", "informou", "anunciou", "confirmou", "destacou",
           "ressaltou", "afirma", "segundo o", "segundo a", "segundo os", "segundo as", "segundo ele", "segundo ela",
           "de acordo com", "disseram", "afirmaram", "contou", "relatou", "acrescentou"),
    "it": ("ha detto", "ha dichiarato", "ha affermato", "ha spiegato", "ha annunciato", "ha sottolineato",
           "ha aggiunto", "ha confermato", "dichiara", "afferma", "spiega", "secondo il", "secondo la", "secondo i",
           "secondo le", "secondo gli", "secondo quanto", "stando a", "ha raccontato", "ha ricordato", "ha riferito",
           "riferisce", "racconta"),
}
#: Phrases that attribute to nobody in particular.
ANONYMOUS_SOURCES: tuple[str, ...] = (
    "sources said", "sources say", "a source said", "sources told", "some say", "many people are saying", "people are saying",
    "it is said", "insiders say", "insiders said", "insiders claim", "insiders claimed",
    # A rumour as the source of a claim, not a story about a rumour ("if the rumors are true").
    "rumors say", "rumours say", "rumors suggest", "rumours suggest", "rumor has it", "rumour has it",
    "rumors abound", "rumours abound", "rumored to", "rumoured to", "rumors are swirling", "rumours are swirling",
)

#: Nouns for sources nobody names: a claim's source only when a statement is tied to them
#: ("according to anonymous sources", "unnamed sources told"), not in a text about them ("how
#: anonymous sources are treated").
ANONYMOUS_NOUNS: tuple[str, ...] = (
    "unnamed sources", "anonymous sources", "unnamed officials", "anonymous officials", "unnamed source",
    "anonymous source", "insiders", "an insider", "a source close to", "sources close to",
)

#: Function words of the languages whose wording the signals read: the language with the
#: largest share of a text's words tells which one it is written in.  Each list keeps to words
#: that are rare or absent as words in the others (and in Czech, Dutch...).
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to is was that with for it this are be have has had which from by were not but "
        "they their there been would will his her she he what who said".split()
    ),
    "fr": frozenset("le les des est une dans pour qui sur pas avec au aux ce cette il elle ont été sont du et".split()),
    "es": frozenset("el los las una por con para del es su al fue como más pero sus y está".split()),
    "de": frozenset("der die das und ist nicht mit sich auf für ein eine dem den zu von im auch wird wurde".split()),
    "pt": frozenset("o os um uma não com para do da dos das no na foi são mais pelo pela ao e".split()),
    "it": frozenset("il lo gli per che non della delle dei nel nella è sono alla anche più e".split()),
}

#: Phrases of headlines written to be clicked rather than to inform.
CLICKBAIT_PHRASES: tuple[str, ...] = (
    "you won't believe", "you will not believe", "won't believe", "what happened next",
    "what happens next", "will shock you", "shocking", "jaw-dropping", "mind-blowing",
    "this one trick", "one weird trick", "doctors hate", "the truth about", "they don't want you to know",
    "don't want you to know", "goes viral", "breaks the internet", "you need to see",
    "must see", "must-see", "can't stop", "here's why", "here is why", "this is why",
    "the reason why will", "number \\d+ will", "will blow your mind", "bombshell",
    "unbelievable", "miracle cure", "secret they", "won't tell you", "will not tell you", "doesn't want you to",
    "before it gets deleted", "before it's deleted", "before they delete",
)

#: Words of contempt, outrage and conspiracy that newsrooms keep out of their own voice (in a
#: quotation they are the speaker's): sensational verbs ("slams", "destroys"), insults, and the
#: vocabulary of partisan and conspiracy sites.  Only unambiguous forms: "sick", "evil" or "scam"
#: are everyday words in straight reporting.
LOADED_WORDS: tuple[str, ...] = (
    "shocking", "outrageous", "disgusting", "despicable", "horrifying", "insane", "bombshell",
    "jaw-dropping", "mind-blowing", "unbelievable", "slams", "blasts", "rips into", "destroys",
    "obliterates", "eviscerates", "humiliates", "meltdown", "freaks out", "goes ballistic",
    "deep state", "globalist", "globalists", "sheeple", "plandemic", "scamdemic", "false flag",
    "lamestream", "mainstream media", "fake news", "new world order", "tyranny", "tyrannical",
    "traitor", "traitors", "treasonous", "libtard", "libtards", "leftists", "radical left",
    "commies", "snowflakes", "big pharma", "truth bomb", "red-pilled", "brainwashed", "pathetic",
    "idiot", "idiots", "moron", "morons",
)

#: Phrases of a publisher describing itself as an aggregator of everything ("content farm").
CONTENT_FARM_PHRASES: tuple[str, ...] = (
    "news portal", "breaking news updates", "latest breaking news", "latest news updates",
    "top stories", "and much more", "entertainment, sports", "sports, technology",
    "effective and efficient", "all the latest", "trending news", "viral news",
    "news from all over the world", "provides important and latest", "to our audience",
    "digital news", "news website", "news updates",
)

#: The notice of a site that runs other outlets' copyrighted articles unlicensed, claiming "fair
#: use": its title, its legal citation, or its standard wording.
FAIR_USE = re.compile(
    r"\bfair use notice\b|\btitle 17,? u\.?\s?s\.?\s?c\.?,?\s+(?:section|sec\.?|§)\s*107\b|"
    r"\bcopyrighted material,? the use of which has not (?:always )?been (?:specifically )?authori[sz]ed\b",
    re.I)

#: Verbs of narration: bodies and voices of characters ("nodded", "sighed", "muttered"), which
#: stories use and news copy almost never does.  Not the ones a profile or an interview uses too
#: ("smiled", "laughed", "replied", "stared", "snapped").
NARRATIVE_VERBS: tuple[str, ...] = (
    "nodded", "shrugged", "sighed", "grinned", "frowned", "smirked", "blinked", "glanced", "winced",
    "muttered", "whispered", "murmured", "stammered", "chuckled", "giggled", "gasped", "scowled",
    "hissed", "groaned", "exclaimed", "retorted",
)

#: Role nouns a text refers back to with "the ..." once their holder has been introduced.
ROLE_NOUNS: tuple[str, ...] = (
    "minister", "president", "senator", "governor", "secretary", "chancellor", "mayor",
    "ambassador", "spokesman", "spokeswoman", "spokesperson", "premier", "prosecutor",
    "judge", "general", "chief executive", "ceo", "chairman", "chairwoman", "commissioner",
    "lawmaker", "congressman", "congresswoman", "coach", "director", "professor",
)

#: Words that open a sentence which cannot open an article: they point back to something.
DANGLING_OPENERS: tuple[str, ...] = (
    "But", "However", "And", "Also", "Meanwhile", "Still", "Moreover", "Furthermore",
    "Nevertheless", "Instead", "He", "She", "They", "His", "Her", "Their", "These", "Those",
)

#: Capitalised words that open a sentence before a name and are never part of it: conjunctions,
#: sentence adverbs, prepositions and interjections ("Though Pompeo said", "But Moscow said",
#: "Ah Bartleby!").
SENTENCE_OPENERS: frozenset[str] = frozenset(
    """And But Or If In On At For From To By With As After Before During Since Until When While Where
    Then There Here Now Though Although Because Unless Once Despite Unlike Yet However Meanwhile Also
    Still Instead Moreover Furthermore Nevertheless Nonetheless Otherwise Indeed Perhaps Following
    Asked Speaking Under Over Among Against Between Within Across Through Throughout Whether Whereas
    Thus Hence Therefore Besides Every Each Both Neither Either Nor Via Into Upon About Above Below
    Around Toward Towards Ah Oh Hey Hi Wow Okay Dear Thanks Please""".split()
)
#: Capitalised words that are never (part of) a person's name.
NOT_NAMES: frozenset[str] = frozenset(
    """The A An And But Or If In On At Of For From To By With Without As Is Are Was Were Be
    This That These Those It Its He She They We You I His Her Their Our Your Mr Mrs Ms Dr
    Sir Lord Lady Mr. Mrs. Ms. Dr. Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Minister President Secretary State
    Foreign Defense Defence Prime Chancellor General Deputy Vice Senator Governor Mayor
    Ambassador Spokesman Spokeswoman Press Affairs Chief Executive Officer Director Head
    Department Ministry Office Council Committee Union Party Army Forces Force Navy Group
    Alliance Agency News Times Post Daily Journal Press Media Network Embassy House White
    Street Square Republic Kingdom Federation National International Western Eastern
    Northern Southern West East North South Central Middle Far Near New Old Great Little
    After Before During Since Until When While Where What Who Why How Not No Yes All Some
    Many More Most Other Such Than Then There Here Now Today Yesterday Tomorrow Last Next
    First Second Third One Two Three Four Five Six Seven Eight Nine Ten Read Sign Share
    Latest Related Comments Comment Support Subscribe Click Photo Image Video Getty Images
    Reuters AFP AP Associated Bloomberg United States Secretary-General Vice-President
    Deputy-Minister Premier Queen King Prince Princess Pope Senate Congress Parliament
    Government Administration Court Supreme Police Mr. According Updated Posted""".split()
) | SENTENCE_OPENERS
