"""Calendar steps of the time cursor: by day, month or year, without drift.

Thirty-day steps wander across month ends (1 Jan, 31 Jan, 2 Mar ...);
stepping by calendar unit keeps the day of the month, clamped to the
month's length (31 Jan + 1 month = 28/29 Feb, and back to 31 Mar after).
"""

from __future__ import annotations

import calendar
import datetime as _dt

UNITS = ("day", "month", "year")


def step(day: _dt.date, unit: str, n: int = 1, anchor_day: int | None = None) -> _dt.date:
    """``day`` moved by ``n`` units (negative: back).

    Args:
        day: Where the cursor is.
        unit: "day", "month" or "year".
        n: How many units.
        anchor_day: The day of the month to keep (the one the stepping
            started from), so that a pass through February does not pull
            every later step to the 28th.

    Raises:
        ValueError: on an unknown unit.
    """
    if unit == "day":
        return _clamp_date(day.toordinal() + n)
    if unit not in UNITS:
        raise ValueError(f"unknown step {unit!r}: use one of {', '.join(UNITS)}")
    months = n * (12 if unit == "year" else 1)
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    if year < 1:
        return _dt.date.min
    if year > 9999:
        return _dt.date.max
    want = anchor_day if anchor_day is not None else day.day
    return _dt.date(year, month + 1, min(want, calendar.monthrange(year, month + 1)[1]))


def _clamp_date(ordinal: int) -> _dt.date:
    return _dt.date.fromordinal(min(max(ordinal, 1), _dt.date.max.toordinal()))


def play_frames(start: _dt.date, end: _dt.date, unit: str) -> list[_dt.date]:
    """The days a play from ``start`` shows, by ``unit``, ending exactly on ``end`` (today)."""
    if end <= start:
        return [end]
    frames = [start]
    k = 1
    while True:
        nxt = step(start, unit, k)
        if nxt >= end:
            break
        frames.append(nxt)
        k += 1
    frames.append(end)
    return frames
