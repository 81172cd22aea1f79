"""Timeline coordinates: x is a day ordinal, y is measured in row units.

The x coordinate is the proleptic Gregorian *ordinal* of a day
(``datetime.date.toordinal()``: 0001-01-01 is 1). A day ``d`` covers
``[ordinal(d), ordinal(d) + 1)``; a day-precision event sits at the middle of
its day. Ordinals never go negative and need no epoch, so 1910 and 1066 work
exactly like 2023 (unlike POSIX timestamps, which most date axes assume).

The y coordinate grows downwards (the view inverts its y axis): lane 0 is at
the top. Each lane has one event row followed by one row per relation drawn
in it.

Pure Python (no Qt), shared by the geometry, its layout, level of detail and
date axis.
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import Sequence

import numpy as np

from briefing_app.model.dates import PartialDate

__all__ = [
    "BAR_BOTTOM",
    "BAR_TOP",
    "EVENT_ROW_HEIGHT",
    "LANE_GAP",
    "RELATION_ROW_HEIGHT",
    "SPAN_HALF_HEIGHT",
    "X_MAX",
    "X_MIN",
    "day_to_x",
    "partial_bounds",
    "x_to_day",
]

X_MIN = float(_dt.date.min.toordinal())  # 0001-01-01
X_MAX = float(_dt.date.max.toordinal() + 1)  # end of 9999-12-31

# Layout of a lane, in y units (the view maps them to pixels, see
# timeline_layout, so that a marker row and a span bar with its label stay readable).
EVENT_ROW_HEIGHT = 1.0
RELATION_ROW_HEIGHT = 0.8
LANE_GAP = 0.3
SPAN_HALF_HEIGHT = 0.3
BAR_TOP = 0.62  # event ranges/brackets: a thin bar in the lower part of the event row
BAR_BOTTOM = 0.78


def day_to_x(day: _dt.date) -> float:
    """The x of the start of ``day``."""
    return float(day.toordinal())


def x_to_day(x: float) -> _dt.date:
    """The day containing ``x`` (clamped to 0001-01-01 .. 9999-12-31)."""
    if not math.isfinite(x):
        raise ValueError(f"not a finite timeline position: {x!r}")
    o = int(math.floor(x))
    return _dt.date.fromordinal(min(max(o, 1), _dt.date.max.toordinal()))


_CUM_DAYS = np.array([0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334], dtype=np.int64)
_MONTH_DAYS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def _is_leap(y: np.ndarray) -> np.ndarray:
    return (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))


def _ordinals(y: np.ndarray, m: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Vectorised ``date(y, m, d).toordinal()`` (inputs already valid)."""
    y1 = y - 1
    before_year = y1 * 365 + y1 // 4 - y1 // 100 + y1 // 400
    before_month = _CUM_DAYS[m - 1] + ((m > 2) & _is_leap(y))
    return before_year + before_month + d


def partial_bounds(dates: Sequence[PartialDate]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """First-day ordinals, last-day ordinals and precisions of partial dates."""
    if not dates:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.int8)
    # one pass in Python (the only per-item cost: a packed int), then vectorised calendar maths
    code = np.array([p.year * 10000 + (p.month or 0) * 100 + (p.day or 0) for p in dates], dtype=np.int64)
    y, md = np.divmod(code, 10000)
    m, d = np.divmod(md, 100)
    has_m = m > 0
    has_d = d > 0
    m_first = np.where(has_m, m, 1)
    first = _ordinals(y, m_first, np.where(has_d, d, 1))
    m_last = np.where(has_m, m, 12)
    dim = _MONTH_DAYS[m_last - 1] + ((m_last == 2) & _is_leap(y))
    last = _ordinals(y, m_last, np.where(has_d, d, dim))
    precision = np.where(has_d, 3, np.where(has_m, 2, 1)).astype(np.int8)
    return first, last, precision
