"""The timeline's two axes: a two-row date axis and a lane-header axis.

Both are thin :class:`pyqtgraph.AxisItem` subclasses: what to draw comes
from the pure functions in :mod:`briefing_app.analysis.timeline_geometry`
(``date_ticks`` works for any year 1..9999, unlike pyqtgraph's
``DateAxisItem``, which assumes POSIX timestamps and is weak before 1970).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from briefing_app.analysis.timeline_geometry import AxisTicks, TimelineGeometry, date_ticks
from briefing_app.ui import timeline_style as style

_ROW = 17.0  # height of one label row in pixels


class DateAxis(pg.AxisItem):
    """Bottom axis: minor labels (days, months, years) over major periods.

    Grid lines for both levels are drawn across the plot, major ones darker.
    """

    def __init__(self) -> None:
        super().__init__("bottom")
        self._minor_font = style.label_font(8.5)
        self._major_font = style.label_font(8.5, bold=True)
        self.setHeight(int(2 * _ROW + 10))
        self.setGrid(255)  # makes boundingRect cover the plot, for our grid lines
        self.last_ticks: AxisTicks | None = None

    def generateDrawSpecs(self, p: QPainter):  # noqa: N802 (Qt naming)
        bounds = self.mapRectFromParent(self.geometry())
        lo, hi = (float(v) for v in self.range)
        if hi < lo:
            lo, hi = hi, lo
        width = bounds.width()
        if hi <= lo or width <= 1:
            return None
        fm = QFontMetricsF(self._minor_font)
        ticks = date_ticks(lo, hi, width, char_px=fm.horizontalAdvance("0000") / 4 + 0.5)
        self.last_ticks = ticks
        sx = width / (hi - lo)

        def px(x: float) -> float:
            return bounds.left() + (x - lo) * sx

        view = self.linkedView()
        top = bounds.top()
        if view is not None:
            top = self.mapRectFromItem(view, view.boundingRect()).top()
        return bounds, ticks, px, top

    def drawPicture(self, p: QPainter, bounds: QRectF, ticks: AxisTicks, px, top: float) -> None:  # noqa: N802
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        y_axis = bounds.top()
        # grid across the plot, then the tick marks on the axis
        for xs, colour, tick_len in ((ticks.minor, style.GRID_MINOR, 4), (ticks.major, style.GRID_MAJOR, 2 * _ROW + 4)):
            grid = QPen(colour)
            grid.setCosmetic(True)
            p.setPen(grid)
            for x in xs:
                X = px(x)
                p.drawLine(QPointF(X, top), QPointF(X, y_axis))
            p.setPen(QPen(style.TEXT_DIM))
            for x in xs:
                X = px(x)
                p.drawLine(QPointF(X, y_axis), QPointF(X, y_axis + tick_len))
        p.setPen(QPen(style.TEXT_DIM))
        p.drawLine(QPointF(bounds.left(), y_axis), QPointF(bounds.right(), y_axis))
        clip = bounds.adjusted(0, 1, 0, 0)
        p.setClipRect(clip)
        p.setPen(QPen(style.TEXT_COLOUR))
        p.setFont(self._minor_font)
        fm_minor = QFontMetricsF(self._minor_font)
        for x, text in ticks.minor_labels:
            X = px(x)
            half = fm_minor.horizontalAdvance(text) / 2
            if X - half < bounds.left() or X + half > bounds.right():
                continue  # a label cut by the edge reads as another word ("n" for "Jan")
            p.drawText(QRectF(X - 60, y_axis + 3, 120, _ROW), int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), text)
        p.setFont(self._major_font)
        fm = QFontMetricsF(self._major_font)
        labels = ticks.major_labels
        for i, (x, text) in enumerate(labels):
            X = max(px(x), bounds.left()) + 4
            # the pinned label slides left out of the way of the next period's label
            if i == 0 and len(labels) > 1:
                X = min(X, px(labels[i + 1][0]) - fm.horizontalAdvance(text) - 8)
            p.drawText(QRectF(X, y_axis + _ROW + 3, fm.horizontalAdvance(text) + 4, _ROW), int(Qt.AlignmentFlag.AlignLeft), text)


class LaneAxis(pg.AxisItem):
    """Left axis: lane headers (bold) and relation row labels (small, grey).

    Lanes outside the current focus are drawn dimmed.
    """

    def __init__(self, width: int = 170) -> None:
        super().__init__("left")
        self._lane_font = style.label_font(9, bold=True)
        self._row_font = style.label_font(8)
        self.setWidth(width)
        self._geom: TimelineGeometry | None = None
        self._lane_on: np.ndarray | None = None

    def set_lanes(self, geom: TimelineGeometry | None, lane_on: np.ndarray | None = None) -> None:
        """Show ``geom``'s lanes; ``lane_on`` (bool per lane) marks emphasised ones."""
        self._geom = geom
        self._lane_on = lane_on
        self.picture = None
        self.update()

    def generateDrawSpecs(self, p: QPainter):  # noqa: N802
        if self._geom is None:
            return None
        bounds = self.mapRectFromParent(self.geometry())
        r0, r1 = (float(v) for v in self.range)
        if r0 == r1:
            return None
        # the view's y axis is inverted, so the range arrives as (bottom, top)
        h = bounds.height()

        def py(y: float) -> float:
            return bounds.bottom() - (y - r0) / (r1 - r0) * h

        return bounds, py

    def drawPicture(self, p: QPainter, bounds: QRectF, py) -> None:  # noqa: N802
        geom = self._geom
        assert geom is not None
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        p.setClipRect(bounds)
        fm_lane = QFontMetricsF(self._lane_font)
        fm_row = QFontMetricsF(self._row_font)
        avail = bounds.width() - 10
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # when lanes are packed tight, relation labels give way to lane headers
        unit_px = abs(py(1.0) - py(0.0))
        show_rows = unit_px * 0.7 >= fm_row.height() + 1
        min_gap = fm_lane.height() + 1
        last_y = -1e9
        for i, lane in enumerate(geom.lanes):
            on = self._lane_on is None or bool(self._lane_on[i])
            p.setPen(QPen(style.TEXT_COLOUR if on else style.TEXT_DIM))
            p.setFont(self._lane_font)
            y = py(lane.event_y)
            if abs(y - last_y) >= min_gap:
                text = fm_lane.elidedText(lane.label, Qt.TextElideMode.ElideRight, avail)
                p.drawText(QRectF(bounds.left(), y - 10, avail + 2, 20), right, text)
                last_y = y
            if not show_rows:
                continue
            p.setFont(self._row_font)
            p.setPen(QPen(style.TEXT_DIM if not on else style.TEXT_COLOUR.lighter(160)))
            for r in lane.rows:
                row = geom.rows[r]
                y = py(row.y)
                text = fm_row.elidedText(row.label, Qt.TextElideMode.ElideRight, avail - 8)
                p.drawText(QRectF(bounds.left(), y - 9, avail + 2, 18), right, text)
        p.setPen(QPen(style.TEXT_DIM))
        p.drawLine(QPointF(bounds.right(), bounds.top()), QPointF(bounds.right(), bounds.bottom()))
