"""The timeline's two axes: a two-row date axis and a lane-header axis.

Both are thin :class:`pyqtgraph.AxisItem` subclasses: what to draw comes
from the pure functions in :mod:`briefing_app.viewmodel.timeline.axis` and
:mod:`briefing_app.viewmodel.timeline.layout`
(``date_ticks`` works for any year 1..9999, unlike pyqtgraph's
``DateAxisItem``, which assumes POSIX timestamps and is weak before 1970).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from briefing_app.viewmodel.timeline.axis import AxisTicks, date_ticks
from briefing_app.viewmodel.timeline.coords import LANE_GAP
from briefing_app.viewmodel.timeline.geometry import TimelineGeometry
from briefing_app.viewmodel.timeline.layout import Header, VerticalLayout, header_rects
from briefing_app.render.timeline import style

_ROW = 17.0  # height of one label row in pixels


def lo_hi_contains(rng, x: float) -> bool:
    lo, hi = sorted(float(v) for v in rng)
    return lo <= x <= hi


class DateAxis(pg.AxisItem):
    """Bottom axis: minor labels (days, months, years) over major periods.

    Grid lines for both levels are drawn across the plot, major ones darker.
    """

    def __init__(self) -> None:
        super().__init__("bottom")
        self.theme = style.LIGHT  # the view sets DARK in a dark window
        self.setGrid(255)  # makes boundingRect cover the plot, for our grid lines
        self.last_ticks: AxisTicks | None = None
        self._cursor: tuple[float, str] | None = None
        self.set_scale(1.0)

    def set_cursor(self, x: float | None, text: str = "") -> None:
        """Mark the time cursor on the axis with its date (None: no mark)."""
        new = None if x is None else (x, text)
        if new != self._cursor:
            self._cursor = new
            self.picture = None
            self.update()

    def set_scale(self, scale: float) -> None:
        """Scale fonts and rows (1 on screen; larger for print-resolution images)."""
        self._scale = scale
        self._row = _ROW * scale
        self._minor_font = style.label_font(8.5 * scale)
        self._major_font = style.label_font(8.5 * scale, bold=True)
        self.setHeight(int(2 * self._row + 10 * scale))
        self.picture = None
        self.update()

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
        for xs, colour, tick_len in ((ticks.minor, self.theme.grid_minor, 4), (ticks.major, self.theme.grid_major, 2 * self._row + 4)):
            grid = QPen(colour)
            grid.setCosmetic(True)
            p.setPen(grid)
            for x in xs:
                X = px(x)
                p.drawLine(QPointF(X, top), QPointF(X, y_axis))
            p.setPen(QPen(self.theme.text_dim))
            for x in xs:
                X = px(x)
                p.drawLine(QPointF(X, y_axis), QPointF(X, y_axis + tick_len))
        p.setPen(QPen(self.theme.text_dim))
        p.drawLine(QPointF(bounds.left(), y_axis), QPointF(bounds.right(), y_axis))
        clip = bounds.adjusted(0, 1, 0, 0)
        p.setClipRect(clip)
        p.setPen(QPen(self.theme.text))
        p.setFont(self._minor_font)
        fm_minor = QFontMetricsF(self._minor_font)
        for x, text in ticks.minor_labels:
            X = px(x)
            half = fm_minor.horizontalAdvance(text) / 2
            if X - half < bounds.left() or X + half > bounds.right():
                continue  # a label cut by the edge reads as another word ("n" for "Jan")
            p.drawText(QRectF(X - 60 * self._scale, y_axis + 3, 120 * self._scale, self._row), int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), text)
        p.setFont(self._major_font)
        fm = QFontMetricsF(self._major_font)
        labels = ticks.major_labels
        for i, (x, text) in enumerate(labels):
            X = max(px(x), bounds.left()) + 4
            # the pinned label slides left out of the way of the next period's label
            if i == 0 and len(labels) > 1:
                X = min(X, px(labels[i + 1][0]) - fm.horizontalAdvance(text) - 8)
            p.drawText(QRectF(X, y_axis + self._row + 3, fm.horizontalAdvance(text) + 4, self._row), int(Qt.AlignmentFlag.AlignLeft), text)
        if self._cursor is not None and lo_hi_contains(self.range, self._cursor[0]):
            # the cursor's date in a tag on the axis: always readable, never over the lanes
            x, text = self._cursor
            tw = fm.horizontalAdvance(text) + 10 * self._scale
            X = min(max(px(x) - tw / 2, bounds.left()), bounds.right() - tw)
            tag = QRectF(X, y_axis + 1, tw, self._row + 2)
            p.fillRect(tag, QColor(style.CURSOR_COLOUR))
            p.setPen(QPen(QColor("#ffffff")))
            p.drawText(tag, int(Qt.AlignmentFlag.AlignCenter), text)


class LaneAxis(pg.AxisItem):
    """Left axis: lane headers (bold) over their relations' labels (indented).

    Every label sits in its own row's band (:func:`header_rects`), so labels
    never overlap however small the dock; the bands are shaded like the lanes
    in the plot, and long names are elided (the view shows them in full on
    hover). Lanes outside the current focus are drawn dimmed. Wheel turns
    over the headers scroll the lanes (``on_wheel``).
    """

    def __init__(self, width: int = 170) -> None:
        super().__init__("left")
        self.theme = style.LIGHT
        self._geom: TimelineGeometry | None = None
        self._lane_on: np.ndarray | None = None
        self._layout: VerticalLayout | None = None
        self.headers: list[Header] = []
        self._origin = 0.0  # y of the view's top edge in this item's coordinates
        self.on_wheel = None  # callable(delta in eighths of a degree), set by the view
        self.set_scale(1.0)
        self.setWidth(width)

    def set_scale(self, scale: float) -> None:
        """Scale fonts (1 on screen; larger for print-resolution images)."""
        self._scale = scale
        self._lane_font = style.label_font(9 * scale, bold=True)
        self._row_font = style.label_font(8 * scale)
        if hasattr(self, "_geom"):
            self._place_headers()

    def text_heights(self) -> tuple[float, float]:
        """Pixel heights of a lane header and of a relation label."""
        return QFontMetricsF(self._lane_font).height(), QFontMetricsF(self._row_font).height()

    def preferred_width(self, geom: TimelineGeometry, cap: float | None = None) -> float:
        """Width that shows the longest label in full (the view caps it at ``cap``).

        Labels are measured longest first and no further once one needs ``cap``: a workspace
        of 29k lanes spent 0.1 s measuring every one for a column the view caps anyway.
        """
        fm_lane, fm_row = QFontMetricsF(self._lane_font), QFontMetricsF(self._row_font)
        margin = 14 * self._scale
        labels = [(ln.label, fm_lane, 0.0) for ln in geom.lanes]
        labels += [(r.label, fm_row, self._indent()) for r in geom.rows[:2000]]
        labels.sort(key=lambda entry: -len(entry[0]))  # the likeliest to reach the cap first
        w = 0.0
        for text, fm, indent in labels:
            w = max(w, fm.horizontalAdvance(text) + indent)
            if cap is not None and w + margin >= cap:
                break
        return w + margin

    def _indent(self) -> float:
        return 12 * self._scale

    def set_lanes(self, geom: TimelineGeometry | None, lane_on: np.ndarray | None = None) -> None:
        """Show ``geom``'s lanes; ``lane_on`` (bool per lane) marks emphasised ones."""
        self._geom = geom
        self._lane_on = lane_on
        self._place_headers()

    def set_layout(self, layout: VerticalLayout) -> None:
        """The view's vertical layout (where the lanes are)."""
        self._layout = layout
        self._place_headers()

    def _place_headers(self) -> None:
        if self._geom is not None and self._layout is not None:
            lane_h, row_h = self.text_heights()
            self.headers = header_rects(self._geom, self._layout, lane_text_px=lane_h, row_text_px=row_h)
        else:
            self.headers = []
        self.picture = None
        self.update()

    def header_at(self, y: float) -> Header | None:
        """The header whose band holds ``y`` (this item's coordinates)."""
        v = y - self._origin
        for h in self.headers:
            if h.band_top <= v < h.band_bottom:
                return h
        return None

    def wheelEvent(self, ev) -> None:  # noqa: N802 (Qt naming)
        if self.on_wheel is not None:
            self.on_wheel(ev.delta())
            ev.accept()
        else:
            ev.ignore()

    def generateDrawSpecs(self, p: QPainter):  # noqa: N802
        if self._geom is None or self._layout is None:
            return None
        return (self.mapRectFromParent(self.geometry()),)

    def drawPicture(self, p: QPainter, bounds: QRectF) -> None:  # noqa: N802
        geom, layout = self._geom, self._layout
        assert geom is not None and layout is not None
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        p.setClipRect(bounds)
        self._origin = top = bounds.top()
        # lane bands, shaded like the plot's, so a header reads across to its lane
        gap = LANE_GAP / 2
        for i, lane in enumerate(geom.lanes):
            a, b = layout.to_px(lane.top - gap), layout.to_px(lane.bottom + gap)
            if b < 0 or a > bounds.height():
                continue
            p.fillRect(QRectF(bounds.left(), top + a, bounds.width(), b - a), QColor(self.theme.bands[i % 2]))
        fm_lane, fm_row = QFontMetricsF(self._lane_font), QFontMetricsF(self._row_font)
        pad = 6 * self._scale
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for h in self.headers:
            lane_i = h.index if h.kind == "lane" else geom.rows[h.index].lane
            on = self._lane_on is None or bool(self._lane_on[lane_i])
            x = bounds.left() + pad + (0 if h.kind == "lane" else self._indent())
            avail = bounds.right() - x - pad
            if avail <= 4:
                continue
            if h.kind == "lane":
                p.setFont(self._lane_font)
                p.setPen(QPen(self.theme.text if on else self.theme.text_dim))
                text = fm_lane.elidedText(h.text, Qt.TextElideMode.ElideRight, avail)
            else:
                p.setFont(self._row_font)
                p.setPen(QPen(self.theme.text_row if on else self.theme.text_dim))
                text = fm_row.elidedText(h.text, Qt.TextElideMode.ElideRight, avail)
            p.drawText(QRectF(x, top + h.text_top, avail, h.text_bottom - h.text_top), left, text)
        p.setPen(QPen(self.theme.text_dim))
        p.drawLine(QPointF(bounds.right(), bounds.top()), QPointF(bounds.right(), bounds.bottom()))
