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

Vocabulary lives in :mod:`date_vocabulary`, the shared context and calendar
arithmetic in :mod:`date_context`, the rules in :mod:`date_calendar_rules` and
:mod:`date_relative_rules`; this module assembles their atoms into mentions.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, replace
from typing import Iterator

from briefing_app.analysis.dates.calendar_rules import RULES as _CALENDAR_RULES
from briefing_app.analysis.dates.context import _Atom, _Context, _month, _safe_day
from briefing_app.analysis.dates.relative_rules import RULES as _RELATIVE_RULES
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



# Calendar rules first: on equally long matches the earlier rule wins.
_RULES = [*_CALENDAR_RULES, *_RELATIVE_RULES]


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
