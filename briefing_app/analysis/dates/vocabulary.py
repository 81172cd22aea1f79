"""Word lists, regular-expression building blocks and cue words of the date grammar.

Month, weekday, season, number and ordinal words; named-group
templates the rules instantiate with :func:`_g`; the cue words that tell a
year from a quantity; and the parts of a year, decade or century ("early",
"the first half of", "Q3").
"""

from __future__ import annotations

import re

_MONTHS = {
    "January": 1, "Jan": 1, "February": 2, "Feb": 2, "March": 3, "Mar": 3, "April": 4, "Apr": 4,
    "May": 5, "June": 6, "Jun": 6, "July": 7, "Jul": 7, "August": 8, "Aug": 8,
    "September": 9, "Sept": 9, "Sep": 9, "October": 10, "Oct": 10, "November": 11, "Nov": 11,
    "December": 12, "Dec": 12,
}  # fmt: skip
_WEEKDAYS = {"Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5, "Sunday": 6}
# Northern-hemisphere meteorological seasons: (first month, months long); winter spans the new year.
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "fifty": 50, "a couple of": 2,
}  # fmt: skip
_VAGUE_NUMBERS = {"several": 3, "a few": 3, "few": 3, "some": 3}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21,
}  # fmt: skip

# Month names are matched case-sensitively (capitalised): "may" and "march" are verbs.
_MONTH = r"(?P<{g}>" + "|".join(sorted((re.escape(k) for k in _MONTHS), key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<{g}>" + "|".join(_WEEKDAYS) + r")"
_SEASON = r"(?P<{g}>(?i:spring|summer|autumn|fall|winter))"
_DAY = r"(?P<{g}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>1\d{{3}}|20\d\d)"
_NUM = r"(?P<{g}>\d{{1,2}}|(?i:a couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty))"
_DASH = r"\s*(?:-|–|—|to|through|until|till)\s*"


def _g(pattern: str, name: str) -> str:
    """Instantiate a named-group template with a group name."""
    return pattern.format(g=name)


_END_WORD = r"(?![\w-])"
_NOT_IN_NUMBER = r"(?<![\w$€£¥#.,/-])"
_NOT_BEFORE_NUMBER = r"(?![.,/]?\d)"

# Words that make a following bare year read as a date.
_YEAR_CUE = re.compile(
    r"(?i:\b(?:in|since|until|till|by|of|from|to|through|during|before|after|between|around|circa|c\.|"
    r"throughout|year|early|late|mid|as of|and|or|the|'s|its|summer|winter|spring|autumn|fall)\s*-?\s*)$"
)
# Words that make a following number a quantity, not a year ("nearly 2022 missiles").
_QUANTITY_BEFORE = re.compile(
    r"(?i:\b(?:nearly|almost|approximately|roughly|about|some|over|than|least|up to|just|only|"
    r"total of|estimated|another|all|those|these)\s+)$"
)
_UNIT_AFTER = re.compile(
    r"\s*(?:%|percent|per cent|km\b|kilomet|miles?\b|tons?\b|tonnes?\b|troops|people|soldiers|yen\b|won\b|"
    r"dollars|euros|million|billion|trillion|thousand|hundred|times\b|members|units|kg\b|metres|meters|feet|workers|victims|missiles|cases)"
)
# A following plural noun suggests a count ("2022 ballistic missiles"), unless a preposition
# already made the number a year ("in 2019 tensions rose").
_PLURAL_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?[a-z]+(?<!ha)(?<!wa)(?<!i)(?<!a)(?<!u)(?<!s)s\b")
_PREPOSITION_BEFORE = re.compile(
    r"(?i:\b(?:in|since|until|till|by|from|to|through|during|before|after|between|throughout|as of|of)\s+)$"
)

# Parts of a year as (first month, last month), keyed by _part_key() of the matched words.
_YEAR_PARTS = {
    "early": (1, 4), "mid": (5, 8), "late": (9, 12), "beginning": (1, 3), "start": (1, 3),
    "middle": (5, 8), "end": (10, 12), "close": (10, 12), "first half": (1, 6), "second half": (7, 12),
    "first quarter": (1, 3), "second quarter": (4, 6), "third quarter": (7, 9), "fourth quarter": (10, 12),
    "q1": (1, 3), "q2": (4, 6), "q3": (7, 9), "q4": (10, 12), "spring": (3, 5), "summer": (6, 8),
    "autumn": (9, 11), "fall": (9, 11), "first months": (1, 3), "last months": (10, 12),
}  # fmt: skip
_PART = (
    r"(?P<part>early|mid|late|(?:the\s+)?(?:very\s+)?(?:beginning|start|middle|end|close|first half|second half|"
    r"first quarter|second quarter|third quarter|fourth quarter|first months|last months)\s+of(?:\s+the)?)"
)


def _part_key(part: str) -> str:
    p = re.sub(r"\s+", " ", part.lower())
    p = re.sub(r"^the |very |\s*of( the)?$", "", p).strip()
    return p.replace("the ", "")

