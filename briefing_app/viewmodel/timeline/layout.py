"""How a timeline's lanes meet a view: vertical layout, lane headers, the recent period.

Pure Python + numpy (no Qt).
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass

import numpy as np

from briefing_app.viewmodel.timeline.coords import EVENT_ROW_HEIGHT, RELATION_ROW_HEIGHT, day_to_x, x_to_day
from briefing_app.viewmodel.timeline.geometry import TimelineGeometry

__all__ = [
    "Header",
    "VerticalLayout",
    "content_px",
    "header_rects",
    "recent_range",
    "SCREEN_MIN_UNIT_PX",
    "vertical_layout",
]

# One y unit is between MIN_UNIT_PX and MAX_UNIT_PX pixels, and lanes scroll
# when they do not fit.
MIN_UNIT_PX = 24.0
MAX_UNIT_PX = 34.0
# On screen lanes scroll, so they may be denser than on a page: 20 px a unit shows a dozen
# relation rows in the timeline dock of a 1600 × 1000 window, labels still 11 px high.
SCREEN_MIN_UNIT_PX = 20.0
Y_PAD = 0.15  # margin above the first and below the last lane


@dataclass(frozen=True)
class VerticalLayout:
    """How the lanes meet a view of a given pixel height.

    Attributes:
        unit_px: Pixels per y unit (an event row is one unit).
        top: y at the view's top edge.
        visible: y units the view shows.
        min_top: Smallest allowed ``top`` (a small margin above the first lane).
        max_top: Largest allowed ``top``: the last lane's bottom (plus the
            margin) meets the view's bottom edge, so one cannot scroll into
            emptiness. Equal to ``min_top`` when everything fits.
    """

    unit_px: float
    top: float
    visible: float
    min_top: float
    max_top: float

    @property
    def bottom(self) -> float:
        return self.top + self.visible

    @property
    def scrollable(self) -> bool:
        return self.max_top > self.min_top + 1e-9

    def to_px(self, y: float) -> float:
        """Pixels from the view's top edge to ``y``."""
        return (y - self.top) * self.unit_px

    def scrolled(self, dy: float) -> "VerticalLayout":
        """The same layout with ``top`` moved by ``dy`` units (clamped)."""
        t = min(max(self.top + dy, self.min_top), self.max_top)
        return VerticalLayout(self.unit_px, t, self.visible, self.min_top, self.max_top)


def vertical_layout(
    content_height: float,
    view_px: float,
    top: float | None = None,
    *,
    min_unit_px: float = MIN_UNIT_PX,
    max_unit_px: float = MAX_UNIT_PX,
    pad: float = Y_PAD,
) -> VerticalLayout:
    """Fit lanes ``content_height`` units tall into ``view_px`` pixels.

    Lanes stretch to fill the view up to ``max_unit_px`` per unit and never
    shrink below ``min_unit_px``; when they do not fit they scroll, and
    ``top`` (default: the first lane) is clamped to the scroll range.

    Raises:
        ValueError: on a non-finite or negative height or a non-positive view.
    """
    if not math.isfinite(content_height) or content_height < 0:
        raise ValueError(f"bad content height {content_height!r}")
    if not math.isfinite(view_px) or view_px <= 0:
        raise ValueError(f"bad view height {view_px!r}")
    if not 0 < min_unit_px <= max_unit_px:
        raise ValueError(f"bad unit sizes {min_unit_px!r}..{max_unit_px!r}")
    total = max(content_height, EVENT_ROW_HEIGHT) + 2 * pad
    unit = min(max(view_px / total, min_unit_px), max_unit_px)
    visible = view_px / unit
    min_top = -pad
    max_top = max(min_top, content_height + pad - visible)
    t = min_top if top is None or not math.isfinite(top) else min(max(top, min_top), max_top)
    return VerticalLayout(unit, t, visible, min_top, max_top)


def content_px(content_height: float, unit_px: float, pad: float = Y_PAD) -> float:
    """Pixels needed to show every lane at ``unit_px`` (with the margins)."""
    return (max(content_height, EVENT_ROW_HEIGHT) + 2 * pad) * unit_px


@dataclass(frozen=True)
class Header:
    """A lane header or relation label placed in the header column.

    ``band_top``/``band_bottom`` is the row it labels, ``text_top``/
    ``text_bottom`` where its text goes, all in pixels from the view's top
    edge. ``kind`` is 'lane' (``index`` a lane) or 'row' (a row index).
    """

    kind: str
    index: int
    text: str
    band_top: float
    band_bottom: float
    text_top: float
    text_bottom: float


def header_rects(geom: TimelineGeometry, layout: VerticalLayout, *, lane_text_px: float, row_text_px: float) -> list[Header]:
    """The headers to draw in a view, so that none overlaps another.

    Each label owns the band of its own row (a lane header its lane's event
    row, a relation label its relation row); rows never overlap, so neither
    do labels. A label is left out when its band is shorter than its text,
    and a label cut by the view's edge is moved inside the visible part of
    its band, or left out when that part is too short (no half letters).

    Args:
        geom: The geometry.
        layout: The vertical layout of the view.
        lane_text_px: Height of a lane header's text in pixels.
        row_text_px: Height of a relation label's text in pixels.
    """
    out: list[Header] = []
    if not geom.lanes:
        return out
    view_px = layout.visible * layout.unit_px
    bottoms = np.array([ln.bottom for ln in geom.lanes])
    first = int(np.searchsorted(bottoms, layout.top, side="left"))
    for i in range(first, len(geom.lanes)):
        lane = geom.lanes[i]
        if lane.top > layout.bottom:
            break
        entries = [("lane", i, lane.label, lane.top, lane.top + EVENT_ROW_HEIGHT, lane_text_px)]
        for r in lane.rows:
            row = geom.rows[r]
            h = RELATION_ROW_HEIGHT / 2
            entries.append(("row", r, row.label, row.y - h, row.y + h, row_text_px))
        for kind, idx, text, y0, y1, need in entries:
            a, b = layout.to_px(y0), layout.to_px(y1)
            lo, hi = max(a, 0.0), min(b, view_px)
            if b - a < need or hi - lo < need:
                continue
            t = (a + b - need) / 2
            t = min(max(t, lo), hi - need)
            out.append(Header(kind, idx, text, a, b, t, t + need))
    return out


def recent_range(
    geom: TimelineGeometry, *, min_share: float = 0.5, gap_ratio: float = 0.5, min_days: float = 730.0
) -> tuple[float, float]:
    """The x range of the recent, busy part of the history.

    Dated items (event starts and state changes) are scanned for the latest
    quiet gap (at least a year, and at least ``gap_ratio`` times as long as
    what follows it up to the end) that still leaves ``min_share`` of the
    items after it: 1910, 1945, 1965 … then 2016–2023 gives 2016. Without
    such a gap the busiest ``min_share`` of the latest items is shown. The
    range starts on 1 January, ends where the history ends (today, for open
    states) and is at least ``min_days`` wide.

    Raises:
        ValueError: when ``min_share`` is not in (0, 1].
    """
    if not 0 < min_share <= 1:
        raise ValueError(f"min_share must be in (0, 1], not {min_share!r}")
    lo, hi = geom.extent()
    p = np.sort(np.concatenate((geom.ev_x0, geom.span_x0)))
    if len(p) < 2:
        return lo, hi
    gaps = np.diff(p)
    after = len(p) - np.arange(1, len(p))  # items from p[i + 1] on
    ok = (gaps >= 365.0) & (gaps >= gap_ratio * (hi - p[1:])) & (after >= min_share * len(p))
    if ok.any():
        q = float(p[1:][np.nonzero(ok)[0][-1]])
    else:
        q = float(np.quantile(p, 1.0 - min_share, method="lower"))
    start = day_to_x(_dt.date(x_to_day(q).year, 1, 1))
    start = min(start, hi - min_days)
    return max(start, lo), hi
