"""Date rules for expressions that name the calendar: days, months, seasons, years, decades, centuries.

Each rule turns one regular-expression match into an atom (one date or one
compact range such as "March 3–5, 2023" or "1910–1945"); a month or day
without a year takes the nearest year around the reference day. :data:`RULES`
keeps them in definition order, which breaks ties between equally long matches.
"""

from __future__ import annotations

import datetime as _dt
import re

from briefing_app.analysis.dates.context import (
    _atom,
    _Atom,
    _Context,
    _day,
    _infer_year,
    _month,
    _month_add,
    _Rule,
    _rule_registry,
    _safe_day,
    _season_range,
)
from briefing_app.analysis.dates.vocabulary import (
    _DAY,
    _END_WORD,
    _MONTH,
    _MONTHS,
    _NOT_BEFORE_NUMBER,
    _NOT_IN_NUMBER,
    _ORDINALS,
    _PART,
    _PLURAL_AFTER,
    _PREPOSITION_BEFORE,
    _QUANTITY_BEFORE,
    _SEASON,
    _UNIT_AFTER,
    _WEEKDAY,
    _YEAR,
    _YEAR_CUE,
    _YEAR_PARTS,
    _g,
    _part_key,
)
from briefing_app.model.dates import PartialDate

RULES: list[tuple[re.Pattern, _Rule]] = []
_rule = _rule_registry(RULES)


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
