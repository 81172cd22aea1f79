"""Partial dates: a year, a month or a day, never a fake 1 January.

News and history give dates at different precisions ("1965", "July 2019",
"4 July 2019"). A :class:`PartialDate` keeps the precision so that views can
draw a year as a bracket over the year and queries can treat it as a range.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from enum import IntEnum


class Precision(IntEnum):
    """How much of a date is known; larger is finer."""

    YEAR = 1
    MONTH = 2
    DAY = 3


_PATTERN = re.compile(r"^\s*(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class DateError(ValueError):
    """A value that is not a valid partial date."""


@dataclass(frozen=True, order=False)
class PartialDate:
    """A calendar date known to year, month or day precision.

    Attributes:
        year: Four-digit year (1..9999).
        month: 1..12 or None when only the year is known.
        day: 1..31 or None when only the month (or year) is known.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateError(f"year {self.year} out of range 1..9999")
        if self.month is None and self.day is not None:
            raise DateError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError(f"month {self.month} out of range 1..12")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]  # type: ignore[arg-type]
            if not 1 <= self.day <= last:
                raise DateError(f"day {self.day} out of range 1..{last} for {self.year}-{self.month:02d}")

    # -- construction -------------------------------------------------
    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Build from YAML-ish input: ``1965``, ``"2019-07"``, ``date(2019, 7, 4)``.

        Raises:
            DateError: when the value is not a partial date.
        """
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, _dt.datetime):
            value = value.date()
        if isinstance(value, _dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool):  # bool is an int: refuse it explicitly
            raise DateError(f"not a date: {value!r}")
        if isinstance(value, int):
            source = getattr(value, "source", None)  # 0x7E7, 20_23: not a way to write a year
            if source is not None:
                raise DateError(f"not a date: {source!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
            return cls(value)
        if not isinstance(value, str):
            raise DateError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
        m = _PATTERN.match(value)
        if not m:
            raise DateError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
        y, mo, d = m.groups()
        return cls(int(y), int(mo) if mo else None, int(d) if d else None)

    @classmethod
    def from_date(cls, value: _dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    # -- properties -----------------------------------------------------
    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def start(self) -> _dt.date:
        """First day the date may denote."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> _dt.date:
        """Last day the date may denote (inclusive)."""
        if self.day is not None:
            return self.start
        if self.month is not None:
            return _dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return _dt.date(self.year, 12, 31)

    def sort_key(self) -> tuple[_dt.date, int]:
        """Chronological order; a coarser date sorts before finer ones that start with it."""
        return (self.start, int(self.precision))

    def ends_before(self, other: PartialDate) -> bool:
        """``self.end < other.start``, without making dates (the validator asks it of every state).

        An unknown day counts as 31: it only decides within one month, where no valid first
        day of ``other`` is after the month's last day, as none is after 31.
        """
        return (self.year, self.month or 12, self.day or 31) < (other.year, other.month or 1, other.day or 1)

    def contains(self, day: _dt.date) -> bool:
        return self.start <= day <= self.end

    # -- text -----------------------------------------------------------
    def iso(self) -> str:
        """Canonical text form, as written to YAML: ``1965``, ``2019-07``, ``2019-07-04``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def label(self) -> str:
        """Human form: ``1965``, ``Jul 2019``, ``4 Jul 2019``."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{_MONTH_ABBR[self.month - 1]} {self.year}"
        return f"{self.day} {_MONTH_ABBR[self.month - 1]} {self.year}"

    def __str__(self) -> str:
        return self.iso()

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: PartialDate) -> bool:
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: PartialDate) -> bool:
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: PartialDate) -> bool:
        return self.sort_key() >= other.sort_key()


def parse_day(value: object) -> _dt.date:
    """Parse a full day (``YYYY-MM-DD``) as used by the time cursor and ``--as-of``.

    A partial date is accepted and means its last day: "as of 2019" is the end of 2019.
    """
    return PartialDate.parse(value).end
