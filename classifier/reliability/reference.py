"""A small, dated reference list of long-serving, widely reported office holders.

Within-text and within-run consistency come first; this list is the fallback for the one kind
of error a single text cannot give away by itself: a household name given the wrong country or
an office that person never held ("French President Vladimir Putin", "Mayor Benjamin
Netanyahu").  It is deliberately short (heads of state and government, foreign ministers and
alliance chiefs that news copy names most often) and **frozen as of** :data:`AS_OF`: people who
took office later are simply absent, so the list can miss errors but never invents one for a
person it does not know.  Every signal it triggers names this list in its explanation.

Each entry: full name -> (country or institution, the offices the person has held, with the
years).  Only the offices of :data:`~.lexicon.OFFICES` are listed ("head of state", "head of
government", "foreign minister", ...); an office outside the list (deputy, party leader,
"minister" in general) is never called wrong.
"""

from __future__ import annotations

#: The date this list was last checked; holders after it are not known to it.
AS_OF = "2024-06"

#: Full name -> (country, {office: ((first year, last year or None while serving), ...)}).
OFFICE_HOLDERS: dict[str, tuple[str, dict[str, tuple[tuple[int, int | None], ...]]]] = {
    "Vladimir Putin": ("Russia", {"head of state": ((2000, 2008), (2012, None)), "head of government": ((1999, 2000), (2008, 2012))}),
    "Dmitry Medvedev": ("Russia", {"head of state": ((2008, 2012),), "head of government": ((2012, 2020),)}),
    "Sergei Lavrov": ("Russia", {"foreign minister": ((2004, None),), "ambassador": ((1994, 2004),)}),
    "Sergei Shoigu": ("Russia", {"defence minister": ((2012, 2024),)}),
    "Volodymyr Zelensky": ("Ukraine", {"head of state": ((2019, None),)}),
    "Volodymyr Zelenskyy": ("Ukraine", {"head of state": ((2019, None),)}),
    "Dmytro Kuleba": ("Ukraine", {"foreign minister": ((2020, None),)}),
    "Petro Poroshenko": ("Ukraine", {"head of state": ((2014, 2019),), "foreign minister": ((2009, 2010),)}),
    "Alexander Lukashenko": ("Belarus", {"head of state": ((1994, None),)}),
    "Xi Jinping": ("China", {"head of state": ((2013, None),)}),
    "Hu Jintao": ("China", {"head of state": ((2003, 2013),)}),
    "Wang Yi": ("China", {"foreign minister": ((2013, 2022), (2023, None))}),
    "Kim Jong Un": ("North Korea", {"head of state": ((2011, None),)}),
    "Benjamin Netanyahu": ("Israel", {"head of government": ((1996, 1999), (2009, 2021), (2022, None)),
                                      "finance minister": ((2003, 2005),), "foreign minister": ((2002, 2003), (2012, 2013), (2015, 2019)),
                                      "ambassador": ((1984, 1988),)}),
    "Recep Tayyip Erdogan": ("Turkey", {"head of government": ((2003, 2014),), "head of state": ((2014, None),), "mayor": ((1994, 1998),)}),
    "Narendra Modi": ("India", {"head of government": ((2014, None),)}),
    "Angela Merkel": ("Germany", {"head of government": ((2005, 2021),)}),
    "Olaf Scholz": ("Germany", {"head of government": ((2021, None),), "finance minister": ((2018, 2021),), "mayor": ((2011, 2018),)}),
    "Annalena Baerbock": ("Germany", {"foreign minister": ((2021, None),)}),
    "Emmanuel Macron": ("France", {"head of state": ((2017, None),), "finance minister": ((2014, 2016),)}),
    "Nicolas Sarkozy": ("France", {"head of state": ((2007, 2012),), "interior minister": ((2002, 2004), (2005, 2007)),
                                   "finance minister": ((2004, 2004),), "mayor": ((1983, 2002),)}),
    "Boris Johnson": ("United Kingdom", {"head of government": ((2019, 2022),), "foreign minister": ((2016, 2018),), "mayor": ((2008, 2016),)}),
    "Theresa May": ("United Kingdom", {"head of government": ((2016, 2019),), "interior minister": ((2010, 2016),)}),
    "David Cameron": ("United Kingdom", {"head of government": ((2010, 2016),), "foreign minister": ((2023, 2024),)}),
    "Rishi Sunak": ("United Kingdom", {"head of government": ((2022, 2024),), "finance minister": ((2020, 2022),)}),
    "Ben Wallace": ("United Kingdom", {"defence minister": ((2019, 2023),)}),
    "Justin Trudeau": ("Canada", {"head of government": ((2015, None),)}),
    "Shinzo Abe": ("Japan", {"head of government": ((2006, 2007), (2012, 2020))}),
    "Jair Bolsonaro": ("Brazil", {"head of state": ((2019, 2022),)}),
    "Robert Mugabe": ("Zimbabwe", {"head of government": ((1980, 1987),), "head of state": ((1987, 2017),)}),
    "Jacob Zuma": ("South Africa", {"head of state": ((2009, 2018),)}),
    "Bashar al-Assad": ("Syria", {"head of state": ((2000, 2024),)}),
    "Barack Obama": ("United States", {"head of state": ((2009, 2017),), "senator": ((2005, 2008),)}),
    "Donald Trump": ("United States", {"head of state": ((2017, 2021),)}),
    "Joe Biden": ("United States", {"head of state": ((2021, None),), "senator": ((1973, 2009),)}),
    "George W. Bush": ("United States", {"head of state": ((2001, 2009),), "governor": ((1995, 2000),)}),
    "Hillary Clinton": ("United States", {"foreign minister": ((2009, 2013),), "senator": ((2001, 2009),)}),
    "John Kerry": ("United States", {"foreign minister": ((2013, 2017),), "senator": ((1985, 2013),)}),
    "Mike Pompeo": ("United States", {"foreign minister": ((2018, 2021),)}),
    "Antony Blinken": ("United States", {"foreign minister": ((2021, None),)}),
    "Lloyd Austin": ("United States", {"defence minister": ((2021, None),)}),
    "Jens Stoltenberg": ("NATO", {"secretary-general": ((2014, None),), "head of government": ((2000, 2001), (2005, 2013)),
                                  "finance minister": ((1996, 1997),)}),
    "Antonio Guterres": ("United Nations", {"secretary-general": ((2017, None),), "head of government": ((1995, 2002),)}),
    "Ban Ki-moon": ("United Nations", {"secretary-general": ((2007, 2016),), "foreign minister": ((2004, 2006),)}),
}

#: Where an institution's chief comes from a member country, both are right for them.
_ALSO = {"Jens Stoltenberg": "Norway", "Antonio Guterres": "Portugal", "Ban Ki-moon": "South Korea"}


def reference_entry(first: str | None, surname: str) -> tuple[str, str, frozenset[str], dict] | None:
    """The entry for a person named with this first name (or only this surname, if unique).

    Returns ``(full name, country, countries that fit, offices)`` or None.
    """
    matches = [
        name for name in OFFICE_HOLDERS
        if name.split()[-1] == surname and (first is None or name.split()[0] == first)
    ]
    if len(matches) != 1:
        return None
    name = matches[0]
    country, offices = OFFICE_HOLDERS[name]
    fits = frozenset({country, *([_ALSO[name]] if name in _ALSO else [])})
    return name, country, fits, offices
