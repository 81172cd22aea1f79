"""What the date rules share: the text and reference day, atoms, calendar arithmetic.

:class:`_Context` also reads the tense of the clause around a span, which
decides whether "on Friday" or "in October" lies before or after the
reference day. :func:`_rule_registry` gives each rule module a decorator that
records its rules in order, because order breaks ties between equally long
matches.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Callable

from briefing_app.analysis.dates.vocabulary import _SEASONS
from briefing_app.model.dates import PartialDate, Precision

# Cue words for the tense of a clause.
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


# -- rule registration -----------------------------------------------------------
_Rule = Callable[[re.Match, _Context], "_Atom | None"]


def _rule_registry(rules: list[tuple[re.Pattern, _Rule]]) -> Callable[..., Callable[[_Rule], _Rule]]:
    """A ``@_rule(pattern)`` decorator that appends each rule to ``rules`` in definition order."""

    def _rule(pattern: str, flags: int = 0) -> Callable[[_Rule], _Rule]:
        def register(fn: _Rule) -> _Rule:
            rules.append((re.compile(pattern, flags), fn))
            return fn

        return register

    return _rule


def _atom(m: re.Match, date: PartialDate, end_date: PartialDate | None, kind: str, conf: float, **kw) -> _Atom:
    if end_date is not None and end_date == date:
        end_date = None
    return _Atom(m.start(), m.end(), date, end_date, kind, conf, **kw)
