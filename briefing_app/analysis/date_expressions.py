"""Find date expressions in news text and resolve them against a publication date.

A small grammar of regular expressions, because general parsers get the
expressions news is full of wrong: dateparser finds nothing in "last
November", "summer of 2022" or "early 2023", and dateutil's fuzzy parse turns
them into a day in the wrong month. Each result keeps its precision: a month
stays a month, a season or "early 2023" is a range of months, "this week" a
range of days, a decade a range of years.

How it works: atom rules (one date, or one compact range such as "1910–1945")
collect candidate spans; overlaps are settled longest first; then neighbouring
atoms joined by "to", "until", "and" (after "between") or a dash become one
range. Relative expressions ("last month", "on Friday", "two years ago") need
a reference day; without one they are skipped.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, replace
from typing import Callable, Iterator

from briefing_app.model.dates import PartialDate, Precision

__all__ = ["DateMention", "find_dates", "KINDS"]

# What kind of expression a mention is; "range" is two expressions joined.
KINDS = ("absolute", "relative", "season", "part", "decade", "century", "range", "vague")


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text, resolved to a partial date or a range.

    Attributes:
        start: Offset of the first character in the text.
        end: Offset after the last character.
        text: The matched words (``text[start:end]``).
        date: The date, or the first date of a range, at its own precision.
        end_date: The last date of a range (inclusive) or None for a single date.
        kind: One of :data:`KINDS`.
        confidence: 0..1, how sure the resolution is (a weekday without a
            tense cue, a year without a preposition, a vague span score low).
        vague: True for expressions like "recent months" whose bounds are a guess.
    """

    start: int
    end: int
    text: str
    date: PartialDate
    end_date: PartialDate | None
    kind: str
    confidence: float
    vague: bool = False

    @property
    def precision(self) -> Precision:
        """Precision of the (first) date."""
        return self.date.precision

    @property
    def first_day(self) -> _dt.date:
        return self.date.start

    @property
    def last_day(self) -> _dt.date:
        return (self.end_date or self.date).end

    @property
    def is_range(self) -> bool:
        return self.end_date is not None

    def label(self) -> str:
        """Human form: ``Jun 2022 – Aug 2022`` or ``4 Jul 2019``."""
        if self.end_date is None:
            return self.date.label()
        return f"{self.date.label()} – {self.end_date.label()}"

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "date": self.date.iso(),
            "end_date": self.end_date.iso() if self.end_date else None,
            "precision": self.precision.name.lower(),
            "kind": self.kind,
            "confidence": round(self.confidence, 2),
            "vague": self.vague,
        }


# -- vocabulary ----------------------------------------------------------------
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
_FUTURE_CUE = re.compile(
    r"(?i:\b(?:will|'ll|shall|is to|are to|is due|are due|is expected|are expected|scheduled|planned|plans? to|"
    r"set to|going to|upcoming|ahead of|next)\b)"
)


_FUTURE_PREP = re.compile(r"(?i:\b(?:for|until|till|ahead of)\s+(?:the\s+)?)$")
_PAST_CUE = re.compile(
    r"(?i:\b(?:\w{3,}ed|said|was|were|had|met|took|began|began|rose|fell|held|made|gave|went|came|saw|told|"
    r"spoke|wrote|won|lost|left|sent|set up|ago|last)\b)"
)
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014]|\.\s|\s(?:and|but|while|which|who|whereas|after|before|when)\s")


@dataclass
class _Atom:
    start: int
    end: int
    date: PartialDate
    end_date: PartialDate | None
    kind: str
    confidence: float
    vague: bool = False
    # What the expression said itself, for year inheritance in ranges ("from March to May 2022").
    month: int | None = None
    day: int | None = None
    year_explicit: bool = True


class _Context:
    """The text and reference day shared by the rules."""

    def __init__(self, text: str, reference: PartialDate | None) -> None:
        self.text = text
        self.reference = reference
        # A partial reference (a month) is taken at its middle for arithmetic,
        # and relative results are coarsened to its precision afterwards.
        if reference is None:
            self.ref: _dt.date | None = None
        elif reference.precision is Precision.DAY:
            self.ref = reference.start
        elif reference.precision is Precision.MONTH:
            self.ref = reference.start.replace(day=15)
        else:
            self.ref = _dt.date(reference.year, 7, 1)

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """Bounds of the clause around a span (commas, semicolons, "and", "which"... end it)."""
        left = 0
        for m in _CLAUSE_BREAK.finditer(self.text, max(0, start - 160), start):
            left = m.end()
        m = _CLAUSE_BREAK.search(self.text, end)
        return left, (m.start() if m else len(self.text))

    def tense(self, start: int, end: int) -> int:
        """+1 when the clause around a span speaks of the future, -1 of the past, 0 when unsure."""
        left, right = self.clause(start, end)
        before, after = self.text[left:start], self.text[end:right]
        if _FUTURE_CUE.search(before) or _FUTURE_CUE.search(after) or _FUTURE_PREP.search(before):
            return 1
        if _PAST_CUE.search(before) or _PAST_CUE.search(after):
            return -1
        return 0

    def future(self, start: int, end: int) -> bool:
        return self.tense(start, end) > 0


# -- date arithmetic -----------------------------------------------------------
def _month_add(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month(year: int, month: int) -> PartialDate:
    return PartialDate(year, month)


def _day(d: _dt.date) -> PartialDate:
    return PartialDate(d.year, d.month, d.day)


def _safe_day(year: int, month: int, day: int) -> PartialDate | None:
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


def _infer_year(ctx: _Context, month: int, day: int | None, start: int, end: int) -> int | None:
    """Year of a month (and day) given without one.

    The nearest such date to the reference, past or future; the clause's tense
    halves the distance on its side ("called an election for October" in July is
    this October, "rates rose in June" in August is this June).
    """
    if ctx.ref is None:
        return None
    ref = ctx.ref
    tense = ctx.tense(start, end)
    best = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            first = PartialDate(year, month, day) if day else PartialDate(year, month)
        except ValueError:
            continue
        if first.end < ref:
            distance, side = (ref - first.end).days, -1
        elif first.start > ref:
            distance, side = (first.start - ref).days, 1
        else:
            return year
        if tense == side:
            distance /= 2
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None


def _season_range(year: int, season: str) -> tuple[PartialDate, PartialDate]:
    first = _SEASONS[season.lower()]
    y2, m2 = _month_add(year, first, 2)
    return _month(year, first), _month(y2, m2)


# -- rules -----------------------------------------------------------------------
_Rule = Callable[[re.Match, _Context], "_Atom | None"]
_RULES: list[tuple[re.Pattern, _Rule]] = []


def _rule(pattern: str, flags: int = 0) -> Callable[[_Rule], _Rule]:
    def register(fn: _Rule) -> _Rule:
        _RULES.append((re.compile(pattern, flags), fn))
        return fn

    return register


def _atom(m: re.Match, date: PartialDate, end_date: PartialDate | None, kind: str, conf: float, **kw) -> _Atom:
    if end_date is not None and end_date == date:
        end_date = None
    return _Atom(m.start(), m.end(), date, end_date, kind, conf, **kw)


# ISO 8601 day: 2023-08-18
@_rule(_NOT_IN_NUMBER + r"(?P<y>1\d{3}|20\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)" + _NOT_BEFORE_NUMBER)
def _iso(m: re.Match, ctx: _Context) -> _Atom | None:
    d = _safe_day(int(m["y"]), int(m["m"]), int(m["d"]))
    return _atom(m, d, None, "absolute", 0.95) if d else None


# "Friday, August 18, 2023", "Aug. 18, 2023", "August 18"
@_rule(
    r"\b(?:" + _g(_WEEKDAY, "wd") + r",?\s+)?" + _g(_MONTH, "mon") + r"\s+" + _g(_DAY, "d")
    + r"(?:,?\s+" + _g(_YEAR, "y") + r")?" + _END_WORD + _NOT_BEFORE_NUMBER
)  # fmt: skip
def _month_day(m: re.Match, ctx: _Context) -> _Atom | None:
    month, day = _MONTHS[m["mon"]], int(m["d"])
    year = int(m["y"]) if m["y"] else _infer_year(ctx, month, day, m.start(), m.end())
    if year is None:
        return None
    d = _safe_day(year, month, day)
    if d is None:
        return None
    kind, conf = ("absolute", 0.95) if m["y"] else ("relative", 0.8)
    return _atom(m, d, None, kind, conf, month=month, day=day, year_explicit=bool(m["y"]))


# "18 August 2023", "the 18th of August", "Friday 18 August 2023"
@_rule(
    r"\b(?:" + _g(_WEEKDAY, "wd") + r",?\s+)?(?:(?i:the)\s+)?" + _g(_DAY, "d") + r"(?:\s+of)?\s+"
    + _g(_MONTH, "mon") + r"(?:,?\s+" + _g(_YEAR, "y") + r")?" + _END_WORD + _NOT_BEFORE_NUMBER
)  # fmt: skip
def _day_month(m: re.Match, ctx: _Context) -> _Atom | None:
    return _month_day(m, ctx)


# "March 2021", "March of 2021", "Sept. 2019"
@_rule(r"\b" + _g(_MONTH, "mon") + r",?\s+(?:of\s+)?" + _g(_YEAR, "y") + r"\b" + _NOT_BEFORE_NUMBER)
def _month_year(m: re.Match, ctx: _Context) -> _Atom | None:
    month = _MONTHS[m["mon"]]
    return _atom(m, _month(int(m["y"]), month), None, "absolute", 0.95, month=month)


# "in March", "since May", "by December": a month without a year needs a cue word.
@_rule(
    r"(?i:\b(?:in|since|until|till|by|for|during|from|through|to|before|after|between|and|of|late|early|mid|"
    r"end of|beginning of|start of)[- ]\s*)" + _g(_MONTH, "mon") + r"\b(?!\s*\d)"
)
def _bare_month(m: re.Match, ctx: _Context) -> _Atom | None:
    month = _MONTHS[m["mon"]]
    if len(m["mon"]) < 4 and m["mon"] != "May" and not m.group(0).endswith("."):
        return None  # "Mar", "Jun" alone are rarely dates in prose
    year = _infer_year(ctx, month, None, m.start(), m.end())
    if year is None:
        return None
    a = _atom(m, _month(year, month), None, "relative", 0.75, month=month, year_explicit=False)
    a.start = m.start("mon")  # the cue word is not part of the date
    return a


# "early March 2023", "mid-August", "late May"
@_rule(
    r"(?i:\b(?P<part>early|mid|late|the (?:beginning|start|middle|end) of)[- ]\s*)" + _g(_MONTH, "mon")
    + r"(?:,?\s+(?:of\s+)?" + _g(_YEAR, "y") + r")?\b(?!\s*\d)"
)  # fmt: skip
def _part_of_month(m: re.Match, ctx: _Context) -> _Atom | None:
    month = _MONTHS[m["mon"]]
    year = int(m["y"]) if m["y"] else _infer_year(ctx, month, None, m.start(), m.end())
    if year is None:
        return None
    part = m["part"].lower()
    last = _month(year, month).end.day
    if part in ("early", "the beginning of", "the start of"):
        a, b = 1, 10
    elif part in ("mid", "the middle of"):
        a, b = 11, 20
    else:
        a, b = 21, last
    kind = "part" if m["y"] else "relative"
    return _atom(m, PartialDate(year, month, a), PartialDate(year, month, b), kind, 0.8, month=month,
                 year_explicit=bool(m["y"]))  # fmt: skip


# "March 3–5, 2023" and "3-5 March 2023": day ranges inside a month.
@_rule(
    r"\b" + _g(_MONTH, "mon") + r"\s+" + _g(_DAY, "d1") + r"\s*(?:-|–|—|to|and)\s*" + _g(_DAY, "d2")
    + r"(?:,?\s+" + _g(_YEAR, "y") + r")?" + _END_WORD + _NOT_BEFORE_NUMBER
)  # fmt: skip
def _month_day_range(m: re.Match, ctx: _Context) -> _Atom | None:
    month, d1, d2 = _MONTHS[m["mon"]], int(m["d1"]), int(m["d2"])
    year = int(m["y"]) if m["y"] else _infer_year(ctx, month, d1, m.start(), m.end())
    if year is None or d2 <= d1:
        return None
    a, b = _safe_day(year, month, d1), _safe_day(year, month, d2)
    if a is None or b is None:
        return None
    return _atom(m, a, b, "range", 0.9 if m["y"] else 0.75, month=month, day=d1, year_explicit=bool(m["y"]))


@_rule(
    r"\b" + _g(_DAY, "d1") + r"\s*(?:-|–|—|to|and)\s*" + _g(_DAY, "d2") + r"\s+" + _g(_MONTH, "mon")
    + r"(?:,?\s+" + _g(_YEAR, "y") + r")?" + _END_WORD + _NOT_BEFORE_NUMBER
)  # fmt: skip
def _day_range_month(m: re.Match, ctx: _Context) -> _Atom | None:
    return _month_day_range(m, ctx)


# "March–May 2022", "June to August 2021"
@_rule(r"\b" + _g(_MONTH, "m1") + r"\s*(?:-|–|—|to|through|until)\s*" + _g(_MONTH, "m2") + r",?\s+" + _g(_YEAR, "y") + r"\b")
def _month_range(m: re.Match, ctx: _Context) -> _Atom | None:
    m1, m2, year = _MONTHS[m["m1"]], _MONTHS[m["m2"]], int(m["y"])
    first_year = year if m1 <= m2 else year - 1
    return _atom(m, _month(first_year, m1), _month(year, m2), "range", 0.9)


# "1910–1945", "1910-45", "2019-20"
@_rule(_NOT_IN_NUMBER + _g(_YEAR, "y1") + r"\s*(?:-|–|—)\s*(?P<y2>\d{4}|\d{2})" + _NOT_BEFORE_NUMBER + r"\b(?!-)")
def _year_range(m: re.Match, ctx: _Context) -> _Atom | None:
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
    if not y1 < y2 <= y1 + 200:
        return None
    return _atom(m, PartialDate(y1), PartialDate(y2), "range", 0.9)


# A bare year, with care: "in 2019" and "the 2015 agreement" are dates, "nearly 2022 missiles" is not.
@_rule(_NOT_IN_NUMBER + r"\b" + _g(_YEAR, "y") + r"\b" + _NOT_BEFORE_NUMBER + r"(?!-\d)(?!s\b)(?!'s\b)")
def _bare_year(m: re.Match, ctx: _Context) -> _Atom | None:
    year = int(m["y"])
    before = ctx.text[max(0, m.start() - 20) : m.start()]
    after = ctx.text[m.end() : m.end() + 24]
    if _QUANTITY_BEFORE.search(before) or _UNIT_AFTER.match(after):
        return None
    if _PLURAL_AFTER.match(after) and not _PREPOSITION_BEFORE.search(before):
        return None
    cued = bool(_YEAR_CUE.search(before))
    if not cued and not 1800 <= year <= 2099:
        return None
    return _atom(m, PartialDate(year), None, "absolute", 0.9 if cued else 0.7)


# "summer of 2022", "the winter 2021", "late summer 2019"
@_rule(
    r"(?i:\b(?:the\s+)?(?:(?P<part>early|mid|late)[- ]\s*)?)" + _g(_SEASON, "s") + r"(?:\s+of)?,?\s+" + _g(_YEAR, "y") + r"\b"
    + _NOT_BEFORE_NUMBER
)  # fmt: skip
def _season_year(m: re.Match, ctx: _Context) -> _Atom | None:
    a, b = _season_range(int(m["y"]), m["s"])
    return _atom(m, *_season_part(a, b, m["part"]), "season", 0.85)


def _season_part(a: PartialDate, b: PartialDate, part: str | None) -> tuple[PartialDate, PartialDate]:
    """Narrow a three-month season to its early, mid or late month."""
    if not part:
        return a, b
    offset = {"early": 0, "mid": 1, "late": 2}[part.lower()]
    y, mo = _month_add(a.year, a.month or 1, offset)
    return _month(y, mo), _month(y, mo)


# "last summer", "this spring", "next winter", "the past summer"
@_rule(r"(?i:\b(?:the\s+)?(?P<rel>last|this|next|past|previous|coming)\s+)" + _g(_SEASON, "s") + r"\b(?!\s+of\s+\d)")
def _relative_season(m: re.Match, ctx: _Context) -> _Atom | None:
    if ctx.ref is None:
        return None
    ref_index = ctx.ref.year * 12 + ctx.ref.month - 1
    rel = m["rel"].lower()
    # Season instances by starting year; pick by where they end relative to the reference month.
    instances = [_season_range(y, m["s"]) for y in range(ctx.ref.year - 2, ctx.ref.year + 2)]

    def index(p: PartialDate) -> int:
        return p.year * 12 + (p.month or 1) - 1

    if rel in ("last", "past", "previous"):
        ended = [s for s in instances if index(s[1]) < ref_index]
        chosen = ended[-1]
    elif rel in ("next", "coming"):
        chosen = next(s for s in instances if index(s[0]) > ref_index)
    else:  # "this summer": the one overlapping or nearest in the reference's year
        current = [s for s in instances if index(s[0]) <= ref_index <= index(s[1])]
        chosen = current[0] if current else next(s for s in instances if s[0].year == ctx.ref.year)
    return _atom(m, chosen[0], chosen[1], "season", 0.8)


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


# "early 2023", "mid-2021", "late 2019", "the end of 2019", "the first half of 2022", "Q3 2022"
@_rule(r"(?i:\b" + _PART + r"[- ]\s*|\b(?P<q>Q[1-4])\s+)" + _g(_YEAR, "y") + r"\b" + _NOT_BEFORE_NUMBER + r"(?!s\b)")
def _part_of_year(m: re.Match, ctx: _Context) -> _Atom | None:
    year = int(m["y"])
    a, b = _YEAR_PARTS[_part_key(m["part"] or m["q"])]
    return _atom(m, _month(year, a), _month(year, b), "part", 0.85)


# "early this year", "the end of last year", "late next month", "earlier this year", "later this month"
@_rule(
    r"(?i:\b(?:(?P<part>early|mid|late|earlier|later|(?:the\s+)?(?:beginning|start|middle|end|close|first half|second half)\s+of)"
    r"[- ]\s*)(?P<rel>this|last|next|the past|the previous|the coming)\s+(?P<unit>year|month|week)\b)"
)  # fmt: skip
def _part_of_relative(m: re.Match, ctx: _Context) -> _Atom | None:
    if ctx.ref is None:
        return None
    ref = ctx.ref
    rel = m["rel"].lower().replace("the ", "")
    delta = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[rel]
    part = _part_key(m["part"])
    unit = m["unit"].lower()
    if unit == "year":
        year = ref.year + delta
        if part == "earlier":
            return _atom(m, _month(year, 1), _month(ref.year, ref.month), "relative", 0.75)
        if part == "later":
            return _atom(m, _month(ref.year, ref.month), _month(year, 12), "relative", 0.75)
        a, b = _YEAR_PARTS[part]
        return _atom(m, _month(year, a), _month(year, b), "relative", 0.8)
    if unit == "month":
        y, mo = _month_add(ref.year, ref.month, delta)
        last = _month(y, mo).end.day
        if part == "earlier":
            return _atom(m, PartialDate(y, mo, 1), _day(ref), "relative", 0.75)
        if part == "later":
            return _atom(m, _day(ref), PartialDate(y, mo, last), "relative", 0.75)
        a, b = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20), "middle": (11, 20)}.get(
            part, (21, last)
        )
        return _atom(m, PartialDate(y, mo, a), PartialDate(y, mo, b), "relative", 0.75)
    monday = ref - _dt.timedelta(days=ref.weekday()) + _dt.timedelta(weeks=delta)
    if part == "earlier":
        return _atom(m, _day(monday), _day(ref), "relative", 0.75)
    if part == "later":
        return _atom(m, _day(ref), _day(monday + _dt.timedelta(days=6)), "relative", 0.75)
    return None


# "the 1990s", "the '90s", "the early 2000s", "the end of the 40s"
@_rule(
    r"(?i:\b(?:the\s+)?(?:" + _PART + r"[- ]\s*(?:the\s+)?)?)"
    r"(?:(?P<full>1\d\d0|20\d0)'?s|(?<=the )'?(?P<short>\d0)'?s|'(?P<short2>\d0)s)\b"
)  # fmt: skip
def _decade(m: re.Match, ctx: _Context) -> _Atom | None:
    if m["full"]:
        first = int(m["full"])
    else:
        short = int(m["short"] or m["short2"])
        pivot = ctx.ref.year if ctx.ref else _dt.date.today().year
        first = pivot // 100 * 100 + short
        if first > pivot:
            first -= 100
    a, b = first, first + 9
    if m["part"]:
        key = _part_key(m["part"])
        a, b = {
            "early": (first, first + 3), "beginning": (first, first + 2), "start": (first, first + 2),
            "mid": (first + 3, first + 6), "middle": (first + 3, first + 6), "late": (first + 7, first + 9),
            "end": (first + 7, first + 9), "close": (first + 7, first + 9), "first half": (first, first + 4),
            "second half": (first + 5, first + 9),
        }.get(key, (a, b))  # fmt: skip
    conf = 0.9 if m["full"] else 0.75
    return _atom(m, PartialDate(a), PartialDate(b), "decade", conf)


# "the 19th century", "the early twentieth century", "the first half of the 20th century"
@_rule(
    r"(?i:\b(?:the\s+)?(?:" + _PART + r"[- ]\s*(?:the\s+)?)?"
    r"(?:(?P<num>1\d|20|21|[1-9])(?:st|nd|rd|th)|(?P<word>" + "|".join(sorted(_ORDINALS, key=len, reverse=True))
    + r"))[- ]century\b)"
)  # fmt: skip
def _century(m: re.Match, ctx: _Context) -> _Atom | None:
    n = int(m["num"]) if m["num"] else _ORDINALS[m["word"].lower()]
    first = (n - 1) * 100
    if first < 1:
        first = 1
    a, b = first, (n - 1) * 100 + 99
    if m["part"]:
        key = _part_key(m["part"])
        base = (n - 1) * 100
        a, b = {
            "early": (base, base + 33), "beginning": (base, base + 10), "start": (base, base + 10),
            "mid": (base + 34, base + 66), "middle": (base + 34, base + 66), "late": (base + 67, base + 99),
            "end": (base + 90, base + 99), "close": (base + 90, base + 99), "first half": (base, base + 49),
            "second half": (base + 50, base + 99),
        }.get(key, (a, b))  # fmt: skip
        a = max(a, 1)
    return _atom(m, PartialDate(a), PartialDate(b), "century", 0.85)


# -- relative expressions ------------------------------------------------------
@_rule(r"(?i:\b(?P<w>yesterday|today|tomorrow|tonight|last night|this morning|this afternoon|this evening)\b)")
def _deictic_day(m: re.Match, ctx: _Context) -> _Atom | None:
    if ctx.ref is None:
        return None
    w = m["w"].lower()
    offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(w, 0)
    # "today" often means "nowadays" in analysis prose: lower confidence.
    conf = 0.6 if w == "today" else 0.85
    if ctx.text[m.end() : m.end() + 2] in ("'s", "’s"):
        conf = 0.4  # "yesterday's adversaries" is often figurative
    return _atom(m, _day(ctx.ref + _dt.timedelta(days=offset)), None, "relative", conf)


@_rule(
    r"(?i:\b(?:the\s+)?(?P<rel>last|this|next|past|previous|coming|current)\s+(?P<unit>week|weekend|month|year|quarter|decade)\b)"
)
def _relative_unit(m: re.Match, ctx: _Context) -> _Atom | None:
    if ctx.ref is None:
        return None
    ref = ctx.ref
    rel, unit = m["rel"].lower(), m["unit"].lower()
    delta = {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1, "coming": 1, "past": -1}[rel]
    has_the = m.group(0).lower().startswith("the ")
    if rel == "past" or (rel == "last" and has_the):
        # "the past year", "the last month": a span ending now, not the previous calendar unit.
        if unit == "year":
            y, mo = _month_add(ref.year, ref.month, -12)
            return _atom(m, _month(y, mo), _month(ref.year, ref.month), "relative", 0.7)
        if unit == "month":
            return _atom(m, _day(ref - _dt.timedelta(days=30)), _day(ref), "relative", 0.7)
        if unit in ("week", "weekend"):
            return _atom(m, _day(ref - _dt.timedelta(days=7)), _day(ref), "relative", 0.7)
    if unit == "decade":
        if rel == "past" or rel == "last":
            # "the past decade": ten years up to now, bounds approximate.
            return _atom(m, PartialDate(ref.year - 10), PartialDate(ref.year), "vague", 0.5, vague=True)
        first = ref.year // 10 * 10 + 10 * delta
        return _atom(m, PartialDate(first), PartialDate(first + 9), "relative", 0.6)
    if unit == "year":
        return _atom(m, PartialDate(ref.year + delta), None, "relative", 0.85)
    if unit == "month":
        y, mo = _month_add(ref.year, ref.month, delta)
        return _atom(m, _month(y, mo), None, "relative", 0.85)
    if unit == "quarter":
        q = (ref.month - 1) // 3
        y, mo = _month_add(ref.year, q * 3 + 1, 3 * delta)
        y2, mo2 = _month_add(y, mo, 2)
        return _atom(m, _month(y, mo), _month(y2, mo2), "relative", 0.8)
    monday = ref - _dt.timedelta(days=ref.weekday()) + _dt.timedelta(weeks=delta)
    if unit == "weekend":
        saturday = monday + _dt.timedelta(days=5)
        if rel == "last" and ref.weekday() >= 5:
            saturday -= _dt.timedelta(weeks=1) if delta == -1 else _dt.timedelta(0)
        return _atom(m, _day(saturday), _day(saturday + _dt.timedelta(days=1)), "relative", 0.8)
    return _atom(m, _day(monday), _day(monday + _dt.timedelta(days=6)), "relative", 0.8)


# "last Friday", "next Tuesday", "this Monday"
@_rule(r"(?i:\b(?P<rel>last|this|next|past|coming)\s+)" + _g(_WEEKDAY, "wd") + r"\b")
def _relative_weekday(m: re.Match, ctx: _Context) -> _Atom | None:
    if ctx.ref is None:
        return None
    target, today = _WEEKDAYS[m["wd"]], ctx.ref.weekday()
    rel = m["rel"].lower()
    if rel in ("last", "past"):
        back = (today - target) % 7 or 7
        day = ctx.ref - _dt.timedelta(days=back)
    elif rel in ("next", "coming"):
        ahead = (target - today) % 7 or 7
        day = ctx.ref + _dt.timedelta(days=ahead)
    else:
        day = ctx.ref - _dt.timedelta(days=today) + _dt.timedelta(days=target)
    return _atom(m, _day(day), None, "relative", 0.8)


# "on Friday", "Wednesday": the nearest one, back in time unless the clause speaks of the future.
@_rule(r"(?:(?i:\bon)\s+)?\b" + _g(_WEEKDAY, "wd") + r"\b(?!,?\s+(?:[A-Z][a-z]+\.?\s+\d|\d))")
def _weekday(m: re.Match, ctx: _Context) -> _Atom | None:
    if ctx.ref is None:
        return None
    target, today = _WEEKDAYS[m["wd"]], ctx.ref.weekday()
    if ctx.future(m.start(), m.end()):
        day = ctx.ref + _dt.timedelta(days=(target - today) % 7)
        conf = 0.65
    else:
        day = ctx.ref - _dt.timedelta(days=(today - target) % 7)
        conf = 0.7
    return _atom(m, _day(day), None, "relative", conf)


# "last November", "this March", "next May"
@_rule(r"(?i:\b(?P<rel>last|this|next|past|coming)\s+)" + _g(_MONTH, "mon") + r"\b(?!\s*\d)")
def _relative_month(m: re.Match, ctx: _Context) -> _Atom | None:
    if ctx.ref is None:
        return None
    month, rel = _MONTHS[m["mon"]], m["rel"].lower()
    ref = ctx.ref
    if rel in ("last", "past"):
        year = ref.year if month < ref.month else ref.year - 1
    elif rel in ("next", "coming"):
        year = ref.year if month > ref.month else ref.year + 1
    else:
        year = ref.year
    return _atom(m, _month(year, month), None, "relative", 0.85, month=month, year_explicit=False)


_UNIT_RE = r"(?P<unit>days?|weeks?|months?|years?|decades?)"


# "two years ago", "a month ago", "several weeks ago"
@_rule(r"(?i:\b(?:" + _g(_NUM, "n") + r"|(?P<vn>several|a few|some))\s+" + _UNIT_RE + r"\s+(?:ago|earlier|before now)\b)")
def _ago(m: re.Match, ctx: _Context) -> _Atom | None:
    if ctx.ref is None:
        return None
    if m.group(0).lower().split()[-1] == "earlier":
        return None  # "two years earlier" counts from a date in the text, not from publication
    vague = m["vn"] is not None
    n = _VAGUE_NUMBERS[m["vn"].lower()] if vague else (int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"].lower()])
    unit = m["unit"].lower().rstrip("s")
    ref = ctx.ref
    conf = 0.35 if vague else 0.8
    if unit == "day":
        return _atom(m, _day(ref - _dt.timedelta(days=n)), None, "relative", conf, vague=vague)
    if unit == "week":
        monday = ref - _dt.timedelta(days=ref.weekday()) - _dt.timedelta(weeks=n)
        return _atom(m, _day(monday), _day(monday + _dt.timedelta(days=6)), "relative", conf, vague=vague)
    if unit == "month":
        y, mo = _month_add(ref.year, ref.month, -n)
        return _atom(m, _month(y, mo), None, "relative", conf, vague=vague)
    years = n * (10 if unit == "decade" else 1)
    conf = conf if unit == "year" else min(conf, 0.6)
    return _atom(m, PartialDate(ref.year - years), None, "relative", conf, vague=vague)


# "recent months", "in recent years", "the past few weeks": a span ending now whose start is a guess.
@_rule(
    r"(?i:\b(?:(?:in|over|during)\s+)?(?:the\s+)?(?:recent|(?P<rel>past|last|previous)\s+(?:" + _g(_NUM, "n")
    + r"|(?P<vn>several|few|couple of)))\s+" + _UNIT_RE + r"\b)"
)  # fmt: skip
def _recent(m: re.Match, ctx: _Context) -> _Atom | None:
    if ctx.ref is None:
        return None
    unit = m["unit"].lower().rstrip("s")
    plural = m["unit"].lower().endswith("s")
    vague = m["n"] is None
    if vague:
        n = {"day": 7, "week": 6, "month": 6, "year": 5, "decade": 3}[unit]
    else:
        n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"].lower()]
        if n == 1 and plural:
            return None
    ref = ctx.ref
    conf = 0.35 if vague else 0.75
    if unit in ("day", "week"):
        days = n * (7 if unit == "week" else 1)
        return _atom(m, _day(ref - _dt.timedelta(days=days)), _day(ref), "vague" if vague else "relative", conf, vague=vague)
    if unit == "month":
        y, mo = _month_add(ref.year, ref.month, -n)
        return _atom(m, _month(y, mo), _month(ref.year, ref.month), "vague" if vague else "relative", conf, vague=vague)
    years = n * (10 if unit == "decade" else 1)
    return _atom(m, PartialDate(ref.year - years), PartialDate(ref.year), "vague" if vague else "relative", conf, vague=vague)


# -- assembly ------------------------------------------------------------------
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|until|till|through|thru|and|or)\s*$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?i:\b(?P<w>from|between)\s+(?:the\s+)?)$")
_COARSEN_KINDS = {"relative", "vague"}


def _candidates(ctx: _Context) -> Iterator[_Atom]:
    for order, (pattern, fn) in enumerate(_RULES):
        for m in pattern.finditer(ctx.text):
            atom = fn(m, ctx)
            if atom is not None and atom.end > atom.start:
                yield atom


def _select(atoms: list[_Atom]) -> list[_Atom]:
    """Keep non-overlapping atoms, longest first (earlier rules win ties)."""
    chosen: list[_Atom] = []
    taken: list[tuple[int, int]] = []
    for a in sorted(atoms, key=lambda a: (-(a.end - a.start), a.start)):
        if all(a.end <= s or a.start >= e for s, e in taken):
            chosen.append(a)
            taken.append((a.start, a.end))
    return sorted(chosen, key=lambda a: a.start)


def _inherit_year(left: _Atom, right: _Atom) -> _Atom:
    """Give "March" in "from March to May 2022" the year of the range's end."""
    if left.year_explicit or left.month is None:
        return left
    right_last = right.end_date or right.date
    if right_last.month is None:
        return left
    year = right_last.year if (left.month, left.day or 1) <= (right_last.month, right_last.day or 1) else right_last.year - 1
    if left.day is not None:
        d = _safe_day(year, left.month, left.day)
        if d is None:
            return left
        end = None
        if left.end_date is not None and left.end_date.day is not None:
            end = _safe_day(year, left.month, left.end_date.day)
        return replace(left, date=d, end_date=end)
    return replace(left, date=_month(year, left.month), end_date=None)


def _join_ranges(text: str, atoms: list[_Atom]) -> list[_Atom]:
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        left = atoms[i]
        if i + 1 < len(atoms):
            right = atoms[i + 1]
            between = text[left.end : right.start]
            opener = _RANGE_OPEN.search(text, max(0, left.start - 20), left.start)
            joins = _RANGE_JOIN.match(between)
            word = between.strip().lower()
            needs_between = word in ("and", "or")
            ok = joins and (not needs_between or (opener is not None and opener["w"].lower() == "between" and word == "and"))
            # "in 2019 to discuss" never reaches here: both sides must be dates.
            if ok and right.kind not in ("vague",) and left.kind not in ("vague",):
                left = _inherit_year(left, right)
                last = right.end_date or right.date
                if (last.end >= left.date.start):
                    start = opener.start() if opener is not None else left.start
                    out.append(
                        _Atom(start, right.end, left.date, last, "range", min(left.confidence, right.confidence))
                    )
                    i += 2
                    continue
        out.append(left)
        i += 1
    return out


def _coarsen(p: PartialDate, precision: Precision) -> PartialDate:
    if p.precision <= precision:
        return p
    if precision is Precision.MONTH:
        return PartialDate(p.year, p.month)
    return PartialDate(p.year)


def find_dates(text: str, reference: PartialDate | _dt.date | str | None = None) -> list[DateMention]:
    """Find and resolve the date expressions of a text.

    Args:
        text: Any text (an article, a sentence).
        reference: The publication date that relative expressions count from
            ("last month"); a partial date ("2022-08") coarsens relative results to
            its precision. Without it only self-contained expressions are returned.

    Returns:
        The mentions in text order, never overlapping.

    Raises:
        ValueError: when ``reference`` is not a date.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    ref = PartialDate.parse(reference) if reference is not None else None
    ctx = _Context(text, ref)
    atoms = _join_ranges(text, _select(list(_candidates(ctx))))
    out = []
    for a in atoms:
        date, end_date, conf = a.date, a.end_date, a.confidence
        if ref is not None and ref.precision < Precision.DAY and a.kind in _COARSEN_KINDS:
            # "yesterday" in an article known only to its month is that month, no finer.
            date, end_date = _coarsen(date, ref.precision), _coarsen(end_date, ref.precision) if end_date else None
            if end_date == date:
                end_date = None
            conf *= 0.7
        out.append(DateMention(a.start, a.end, text[a.start : a.end], date, end_date, a.kind, round(conf, 3), a.vague))
    return out
