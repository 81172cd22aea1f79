"""Date axis ticks for the timeline, from single days to millennia, years 1..9999.

Pure Python (no Qt).
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
from dataclasses import dataclass

from briefing_app.viewmodel.timeline.coords import X_MAX, X_MIN, x_to_day

__all__ = ["AxisTicks", "date_ticks"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS_LONG = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# (unit, count) from fine to coarse; days use fixed days of the month.
_STEPS: tuple[tuple[str, int], ...] = (
    ("day", 1),
    ("day", 2),
    ("day", 5),
    ("day", 10),
    ("month", 1),
    ("month", 3),
    ("month", 6),
    ("year", 1),
    ("year", 2),
    ("year", 5),
    ("year", 10),
    ("year", 20),
    ("year", 50),
    ("year", 100),
    ("year", 200),
    ("year", 500),
    ("year", 1000),
)
_STEP_DAYS = {"day": 1.0, "month": 30.44, "year": 365.2425}
_DAY_SETS = {1: tuple(range(1, 32)), 2: tuple(range(1, 30, 2)), 5: (1, 6, 11, 16, 21, 26), 10: (1, 11, 21)}


@dataclass(frozen=True)
class AxisTicks:
    """Ticks of a two-row date axis.

    ``minor`` labels sit on the first row (days "4", months "Jul", years
    "1965"), ``major`` labels on the second row name the enclosing period
    ("July 2019", "2019", "1960s", "20th century"); the first major label is
    the period containing the view's left edge, pinned there, so the reader
    always knows the year. Positions are x values (day ordinals). Labels are
    ``(x, text)``: minor ones centred on x, major ones left-aligned at x.
    """

    step: str  # e.g. "1 day", "3 months", "10 years"
    minor: tuple[float, ...]
    minor_labels: tuple[tuple[float, str], ...]
    major: tuple[float, ...]
    major_labels: tuple[tuple[float, str], ...]


def _label_px(unit: str, count: int, char_px: float) -> float:
    chars = {"day": 2, "month": 3, "year": 4}[unit]
    return chars * char_px + 14.0


def _ordinal_clamped(y: int, m: int = 1, d: int = 1) -> float:
    if y < 1:
        return X_MIN
    if y > 9999:
        return X_MAX
    return float(_dt.date(y, m, d).toordinal())


def _ordinal(y: int, m: int = 1, d: int = 1) -> float:
    return float(_dt.date(y, m, d).toordinal())


def _century(y: int) -> str:
    c = (y - 1) // 100 + 1
    suffix = "th" if 10 <= c % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(c % 10, "th")
    return f"{c}{suffix} century"


def date_ticks(x0: float, x1: float, width_px: float, *, char_px: float = 7.0) -> AxisTicks:
    """Ticks and labels for a date axis showing ``[x0, x1]`` over ``width_px`` pixels.

    Chooses the finest calendar step (days, months, years, decades, centuries)
    whose labels fit, so the same function serves a state-visit week and the
    colonial era; works for any year 1..9999.

    Args:
        x0: Left edge (day ordinal).
        x1: Right edge (day ordinal), greater than ``x0``.
        width_px: Axis length in pixels.
        char_px: Average label character width in pixels.

    Raises:
        ValueError: on an empty or non-finite range or a non-positive width.
    """
    if not (math.isfinite(x0) and math.isfinite(x1)) or x1 <= x0:
        raise ValueError(f"bad axis range {x0!r}..{x1!r}")
    if width_px <= 0:
        raise ValueError(f"bad axis width {width_px!r}")
    x0c, x1c = max(x0, X_MIN), min(x1, X_MAX)
    if x1c <= x0c:
        return AxisTicks("", (), (), (), ())
    px_per_day = width_px / (x1 - x0)
    unit, count = _STEPS[-1]
    for u, c in _STEPS:
        if _STEP_DAYS[u] * c * px_per_day >= _label_px(u, c, char_px):
            unit, count = u, c
            break
    d0, d1 = x_to_day(x0c), x_to_day(min(x1c, X_MAX - 1))
    minor: list[float] = []
    minor_labels: list[tuple[float, str]] = []
    major: list[float] = []
    if unit == "day":
        ym = (d0.year, d0.month)
        while ym <= (d1.year, d1.month):
            y, m = ym
            dim = calendar.monthrange(y, m)[1]
            start = _ordinal(y, m)
            if x0c <= start <= x1c:
                major.append(start)
            for d in _DAY_SETS[count]:
                if d > dim:
                    break
                x = start + d - 1
                if x0c - 1 <= x <= x1c:
                    if d != 1:
                        minor.append(x)
                    # a single-day step labels the middle of the day cell
                    minor_labels.append((x + 0.5 if count == 1 else x, str(d)))
            ym = (y + (m == 12), m % 12 + 1)
        # the longest month label that fits a month: "September 2023", "Sep 2023", "Sep"
        month_px = 28 * px_per_day
        forms = (lambda y, m: f"{_MONTHS_LONG[m - 1]} {y}", lambda y, m: f"{_MONTHS[m - 1]} {y}", lambda y, m: _MONTHS[m - 1])
        form = next((f for f, n in zip(forms, (14, 8, 3)) if n * char_px + 16 <= month_px), forms[-1])
        period = lambda y, m: (_ordinal(y, m), form(y, m))  # noqa: E731
        first_major = period(d0.year, d0.month)
        majors = [period(x_to_day(x).year, x_to_day(x).month) for x in major]
    elif unit == "month":
        for y in range(d0.year, d1.year + 1):
            for m in range(1, 13, count):
                x = _ordinal(y, m)
                if x > x1c:
                    break
                ny, nm0 = divmod(y * 12 + m - 1 + count, 12)
                nxt = _ordinal_clamped(ny, nm0 + 1)
                if nxt < x0c:
                    continue
                if m == 1:
                    if x >= x0c:
                        major.append(x)
                else:
                    minor.append(x)
                lx = (x + nxt) / 2 if count == 1 else x
                minor_labels.append((lx, _MONTHS[m - 1]))
        first_major = (_ordinal(d0.year), str(d0.year))
        majors = [(x, str(x_to_day(x).year)) for x in major]
    else:
        big = 10 if count < 5 else 100 if count < 50 else 1000
        y_first = (d0.year // count) * count
        for y in range(max(y_first, 0), d1.year + 1, count):
            if y < 1:
                continue
            x = _ordinal(y)
            if y % big == 0 and x >= x0c:
                major.append(x)
            else:
                minor.append(x)
            lx = x + _STEP_DAYS["year"] / 2 if count == 1 else x
            if count == 1 or x >= x0c - 1:
                minor_labels.append((lx, str(y)))

        def era(y: int) -> tuple[float, str]:
            start = max((y // big) * big, 1)
            if big == 10:
                return _ordinal(start), f"{(y // 10) * 10}s"
            if big == 100:
                return _ordinal(start), _century(max(start, 1) + (1 if start % 100 == 0 else 0))
            n = y // 1000 + 1
            suffix = {1: "st", 2: "nd", 3: "rd"}.get(n, "th")
            return _ordinal(start), f"{n}{suffix} millennium"

        first_major = era(d0.year)
        majors = [era(x_to_day(x).year) for x in major]
    # pinned label for the period at the left edge, unless a boundary is right there
    labels = [(max(first_major[0], x0c), first_major[1])]
    pin_px = (len(first_major[1]) * char_px + 16) / px_per_day
    for x, text in majors:
        if x > labels[0][0] + pin_px or x == first_major[0]:
            labels.append((x, text))
    labels = _dedupe_labels(labels)
    ticks_minor = tuple(sorted(set(minor) - set(major)))
    return AxisTicks(
        step=f"{count} {unit}{'s' if count > 1 else ''}",
        minor=ticks_minor,
        minor_labels=tuple(minor_labels),
        major=tuple(major),
        major_labels=tuple(labels),
    )


def _dedupe_labels(labels: list[tuple[float, str]]) -> list[tuple[float, str]]:
    out: list[tuple[float, str]] = []
    for x, t in labels:
        if out and out[-1][1] == t:
            continue
        out.append((x, t))
    return out
