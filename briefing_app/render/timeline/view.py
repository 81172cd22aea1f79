"""The timeline plot: lanes, spans, markers, clusters and a time cursor.

Knows nothing of AppState (the panel wires it), so that the same view renders
headless images for the PDF export. Drawing is a handful of items updated
with ``setData``: one :class:`RectLayer` for every bar, one scatter for event
markers and clusters, one for cluster counts, one for open-state ends. A view
range change recomputes the level of detail only when the zoom level changes
or the view leaves the range computed last (the view plus one width either
side), so most pan frames only repaint.
"""

from __future__ import annotations

import datetime as _dt
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QKeyEvent
from PySide6.QtWidgets import QMenu, QScrollBar, QToolTip, QWidget

from briefing_app.viewmodel.timeline.coords import (
    BAR_BOTTOM,
    BAR_TOP,
    LANE_GAP,
    SPAN_HALF_HEIGHT,
    X_MAX,
    X_MIN,
    day_to_x,
    x_to_day,
)
from briefing_app.viewmodel.timeline.descriptions import describe_cluster, describe_event, describe_header, describe_span
from briefing_app.viewmodel.timeline.detail import (
    BAR_CAP,
    BAR_EVENT,
    BAR_SPAN,
    PT_UNSOURCED,
    Detail,
    Hit,
    hit_test,
    level_of_detail,
)
from briefing_app.viewmodel.timeline.geometry import TimelineGeometry
from briefing_app.viewmodel.timeline.layout import (
    MAX_UNIT_PX,
    MIN_UNIT_PX,
    SCREEN_MIN_UNIT_PX,
    Y_PAD,
    Header,
    VerticalLayout,
    recent_range,
    vertical_layout,
)
from briefing_app.viewmodel.timeline.selection import Focus
from briefing_app.model.types import Workspace
from briefing_app.render.timeline import style
from briefing_app.render.timeline.axes import DateAxis, LaneAxis
from briefing_app.render.timeline.items import RectLayer, SpanLabelLayer, count_symbol, count_text

MIN_RANGE_DAYS = 3.0
CLUSTER_PX = 16.0
WHEEL_SCROLL_PX = 48.0  # lanes scrolled by one wheel notch
_DIM_ALPHA = 45


class _TimelineViewBox(pg.ViewBox):
    """A ViewBox whose zooms only change the time range; lanes scroll instead.

    The wheel zooms time; with Shift it scrolls the lanes. Dragging pans time
    and scrolls the lanes. ``scroll_px`` (set by the view) does the scrolling
    so that its limits stay in one place.
    """

    scroll_px = None  # callable(pixels), set by TimelineView

    def showAxRect(self, ax, **kw) -> None:  # noqa: N802 (pyqtgraph naming)
        r = ax.normalized()
        if r.width() > 0:
            self.setXRange(r.left(), r.right(), padding=0)
        self.sigRangeChangedManually.emit(self.state["mouseEnabled"])

    def wheelEvent(self, ev, axis=None) -> None:  # noqa: N802
        if ev.modifiers() & Qt.KeyboardModifier.ShiftModifier and self.scroll_px is not None:
            self.scroll_px(-ev.delta() / 120 * WHEEL_SCROLL_PX)
            ev.accept()
            return
        super().wheelEvent(ev, axis=0)

    def mouseDragEvent(self, ev, axis=None) -> None:  # noqa: N802
        if (
            axis is None
            and self.scroll_px is not None
            and ev.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.MiddleButton)
            and self.state["mouseMode"] == pg.ViewBox.PanMode
        ):
            dy = ev.pos().y() - ev.lastPos().y()
            if dy:
                self.scroll_px(-dy)
        super().mouseDragEvent(ev, axis)


class TimelineView(pg.PlotWidget):
    """The timeline plot widget.

    Signals:
        cursor_moved(object): the user dragged the cursor to another day (a ``date``).
        event_clicked(int): an event index of the current geometry.
        span_clicked(int): a span index of the current geometry.
        step_requested(int): previous (-1) / next (+1) event asked for with the keys.
        relation_clicked(str): a relation's label in the header column was clicked (its id).
    """

    cursor_moved = Signal(object)
    event_clicked = Signal(int)
    span_clicked = Signal(int)
    step_requested = Signal(int)
    relation_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        self._vb = _TimelineViewBox(enableMenu=False)  # our own menus: pyqtgraph's is never built
        self.theme = style.LIGHT
        self.date_axis = DateAxis()
        self.lane_axis = LaneAxis()
        super().__init__(parent, background="w", viewBox=self._vb, axisItems={"bottom": self.date_axis, "left": self.lane_axis})
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        pi = self.getPlotItem()
        pi.hideButtons()
        pi.setMenuEnabled(False)
        vb = self._vb
        vb.invertY(True)
        vb.setMouseEnabled(x=True, y=False)
        vb.enableAutoRange(enable=False)
        vb.setLimits(xMin=X_MIN, xMax=X_MAX, minXRange=MIN_RANGE_DAYS)
        vb.scroll_px = self.scroll_by_px
        self.lane_axis.on_wheel = lambda delta: self.scroll_by_px(-delta / 120 * WHEEL_SCROLL_PX * self.scale)
        self.ws: Workspace | None = None
        self.geom: TimelineGeometry | None = None
        self.detail: Detail | None = None
        self.focus = Focus()
        self.scale = 1.0
        self.layout_v: VerticalLayout = vertical_layout(1.0, 100.0)
        self._cursor_day: _dt.date | None = None
        self._moving_cursor = False
        self._syncing_scrollbar = False

        self._bands = RectLayer()
        self._bands.setZValue(-10)
        self._bars = RectLayer()
        self._labels = SpanLabelLayer()
        self._open = pg.ScatterPlotItem(pxMode=True, symbol="t2", size=9)
        self._points = pg.ScatterPlotItem(pxMode=True)
        self._counts = pg.ScatterPlotItem(pxMode=True, pen=None, brush=pg.mkBrush("w"))
        self._ring = pg.ScatterPlotItem(pxMode=True, symbol="o", size=20, brush=None, pen=pg.mkPen(style.SELECTION_COLOUR, width=2.5))
        self._sel_bar = RectLayer()
        for z, item in enumerate((self._bars, self._labels, self._open, self._points, self._counts, self._ring, self._sel_bar)):
            item.setZValue(z)
            vb.addItem(item)
        vb.addItem(self._bands, ignoreBounds=True)
        for item in (self._points, self._counts, self._open, self._ring, self._labels):
            item.setAcceptHoverEvents(False)
        self._today = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(style.TODAY_COLOUR, width=1, style=Qt.PenStyle.DotLine))
        self._today.setZValue(20)
        vb.addItem(self._today, ignoreBounds=True)
        # Compare mode: the period compared, shaded behind everything.
        self.period = pg.LinearRegionItem(movable=False, brush=pg.mkBrush(style.PERIOD_COLOUR),
                                          pen=pg.mkPen(style.PERIOD_EDGE_COLOUR, width=1))
        self.period.setZValue(-10)
        self.period.setVisible(False)
        vb.addItem(self.period, ignoreBounds=True)
        self.cursor = pg.InfiniteLine(
            angle=90,
            movable=True,
            pen=pg.mkPen(style.CURSOR_COLOUR, width=2),
            hoverPen=pg.mkPen(style.CURSOR_COLOUR, width=4),
        )
        self.cursor.setZValue(30)
        self.cursor.setBounds((X_MIN, X_MAX - 1))
        vb.addItem(self.cursor, ignoreBounds=True)
        self.cursor.sigPositionChanged.connect(self._on_cursor_dragged)
        self.cursor.sigPositionChangeFinished.connect(self._on_cursor_drag_finished)
        vb.sigXRangeChanged.connect(self._on_x_range_changed)
        vb.sigResized.connect(self._on_resized)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        # lanes scroll with a scrollbar along the plot's right edge (hidden when all fit)
        self.v_scroll = QScrollBar(Qt.Orientation.Vertical, self)
        self.v_scroll.hide()
        self.v_scroll.valueChanged.connect(self._on_scrollbar_moved)
        self.set_scale(1.0)

    # -- theme -------------------------------------------------------------------
    def set_theme(self, theme: style.TimelineTheme) -> None:
        """Draw on a light or a dark background (figures for export always use LIGHT)."""
        if theme is self.theme:
            return
        self.theme = theme
        self.date_axis.theme = self.lane_axis.theme = theme
        self.setBackground(theme.background)
        self._labels.fade_to = QColor(theme.background)
        if self.geom is not None:
            self.set_workspace(self.ws, self.geom, keep_range=True)
        self.date_axis.picture = None
        self.lane_axis.picture = None
        self.date_axis.update()
        self.lane_axis.update()

    # -- scale -------------------------------------------------------------------
    def set_scale(self, scale: float) -> None:
        """Scale text, markers and lane heights (1 on screen, about 2.5 for print at 300 dpi).

        Raises:
            ValueError: on a scale outside 0.5..10.
        """
        if not (math.isfinite(scale) and 0.5 <= scale <= 10):
            raise ValueError(f"timeline scale must be between 0.5 and 10, not {scale!r}")
        self.scale = scale
        self.date_axis.set_scale(scale)
        self.lane_axis.set_scale(scale)
        self._labels.set_font(style.label_font(8 * scale), fade_px=36 * scale)
        self.cursor.setPen(pg.mkPen(style.CURSOR_COLOUR, width=2 * scale))
        self.cursor.setHoverPen(pg.mkPen(style.CURSOR_COLOUR, width=4 * scale))
        self._today.setPen(pg.mkPen(style.TODAY_COLOUR, width=scale, style=Qt.PenStyle.DotLine))
        self._ring.setPen(pg.mkPen(style.SELECTION_COLOUR, width=2.5 * scale))
        self._ring.setSize(20 * scale)
        self.getPlotItem().layout.setContentsMargins(2, 4 * scale, self._right_margin(), 2)
        self._fit_lane_axis()
        if self.geom is not None:
            self._apply_vertical(self.layout_v.top)
            self._refresh_detail(force=True)

    def _right_margin(self) -> float:
        return 8 * self.scale + (self.v_scroll.sizeHint().width() if self.v_scroll.isVisibleTo(self) else 0)

    def _fit_lane_axis(self) -> None:
        """Header column as wide as the longest label, within limits of the view's width."""
        if self.geom is None:
            return
        lo = 120 * self.scale
        hi = max(lo, min(280 * self.scale, 0.28 * max(self.width(), 1)))
        want = self.lane_axis.preferred_width(self.geom, cap=hi)
        w = int(min(max(want, lo), hi))
        if w != int(self.lane_axis.width()):
            self.lane_axis.setWidth(w)

    # -- data ------------------------------------------------------------------
    def set_workspace(self, ws: Workspace, geom: TimelineGeometry, *, keep_range: bool = False) -> None:
        """Show a new snapshot (its geometry already built)."""
        self.ws = ws
        self.geom = geom
        self.focus = Focus()
        self.detail = None
        self.lane_axis.set_lanes(geom)
        self._fit_lane_axis()
        bands_x0 = np.full(len(geom.lanes), X_MIN)
        bands_x1 = np.full(len(geom.lanes), X_MAX)
        y0 = np.array([ln.top - LANE_GAP / 2 for ln in geom.lanes])
        y1 = np.array([ln.bottom + LANE_GAP / 2 for ln in geom.lanes])
        band_styles = [(style.brush(c), style.NO_PEN) for c in self.theme.bands]
        self._bands.set_rects(bands_x0, bands_x1, y0, y1, np.arange(len(geom.lanes)) % 2, band_styles)
        self._today.setValue(day_to_x(geom.today) + 1)
        self._apply_vertical(self.layout_v.top if keep_range else None)
        if keep_range:
            self._refresh_detail(force=True)
        else:
            self.show_recent()  # the period of interest first; "Fit all" shows the whole history

    def set_focus(self, focus: Focus) -> None:
        """Emphasise what a selection concerns and dim the rest."""
        self.focus = focus
        if self.geom is not None:
            self.lane_axis.set_lanes(self.geom, focus.lanes)
        self._refresh_detail(force=True)

    # -- lanes: vertical layout and scrolling ---------------------------------------
    def _view_height_px(self) -> float:
        return float(self._vb.height()) or 100.0

    def _apply_vertical(self, top: float | None) -> None:
        """Lay the lanes out for the plot's height, scrolled to ``top`` (clamped)."""
        g = self.geom
        height = g.height if g is not None else 1.0
        s = self.scale
        min_unit = (SCREEN_MIN_UNIT_PX if s == 1.0 else MIN_UNIT_PX) * s  # scale 1: on screen, lanes scroll
        lay = vertical_layout(height, self._view_height_px(), top, min_unit_px=min_unit, max_unit_px=MAX_UNIT_PX * s)
        self.layout_v = lay
        self._vb.setYRange(lay.top, lay.bottom, padding=0)
        self.lane_axis.set_layout(lay)
        self._sync_scrollbar()
        if self.detail is not None:
            self._refresh_detail()  # scrolled past the lanes computed: compute those now in view

    def _apply_vertical_with_unit(self, unit_px: float) -> None:
        """Show every lane at ``unit_px`` per unit, even below the readable minimum (headless pages)."""
        g = self.geom
        height = g.height if g is not None else 1.0
        lay = vertical_layout(height, self._view_height_px(), None, min_unit_px=unit_px, max_unit_px=unit_px)
        self.layout_v = lay
        self._vb.setYRange(lay.top, lay.bottom, padding=0)
        self.lane_axis.set_layout(lay)
        if self.detail is not None:
            self._refresh_detail()

    def scroll_by_px(self, dpx: float) -> None:
        """Scroll the lanes by ``dpx`` pixels (positive: down), within the lanes."""
        lay = self.layout_v
        if lay.scrollable and dpx:
            self.scroll_to(lay.top + dpx / lay.unit_px)

    def scroll_to(self, top: float) -> None:
        """Put y ``top`` at the top edge (clamped so the view stays on the lanes)."""
        if math.isfinite(top) and abs(top - self.layout_v.top) > 1e-9:
            self._apply_vertical(top)

    def ensure_lane_visible(self, lane: int) -> None:
        """Scroll (if needed) so that lane ``lane`` is in view, as much of it as fits."""
        g, lay = self.geom, self.layout_v
        if g is None or not 0 <= lane < len(g.lanes):
            return
        ln = g.lanes[lane]
        if ln.top >= lay.top and ln.bottom <= lay.bottom:
            return
        self.scroll_to(ln.top - Y_PAD if ln.top < lay.top or ln.height > lay.visible else ln.bottom + Y_PAD - lay.visible)

    def _sync_scrollbar(self) -> None:
        lay, sb = self.layout_v, self.v_scroll
        show = lay.scrollable
        was = sb.isVisibleTo(self)
        self._syncing_scrollbar = True
        try:
            sb.setRange(0, int(round((lay.max_top - lay.min_top) * lay.unit_px)))
            sb.setPageStep(max(1, int(lay.visible * lay.unit_px)))
            sb.setSingleStep(max(1, int(WHEEL_SCROLL_PX * self.scale / 2)))
            sb.setValue(int(round((lay.top - lay.min_top) * lay.unit_px)))
        finally:
            self._syncing_scrollbar = False
        if show != was:
            sb.setVisible(show)
            self.getPlotItem().layout.setContentsMargins(2, 4 * self.scale, self._right_margin(), 2)
        self._place_scrollbar()

    def _place_scrollbar(self) -> None:
        sb = self.v_scroll
        if not sb.isVisibleTo(self):
            return
        r = self.mapFromScene(self._vb.sceneBoundingRect()).boundingRect()
        w = sb.sizeHint().width()
        sb.setGeometry(self.width() - w, r.top(), w, max(r.height(), 20))

    def _on_scrollbar_moved(self, value: int) -> None:
        if self._syncing_scrollbar:
            return
        lay = self.layout_v
        self.scroll_to(lay.min_top + value / lay.unit_px)

    # -- cursor --------------------------------------------------------------------
    def set_shaded_period(self, start: _dt.date | None, end: _dt.date | None) -> None:
        """Shade the days from ``start`` to ``end`` inclusive (None: no shading)."""
        if start is None or end is None:
            self.period.setVisible(False)
            return
        self.period.setRegion((day_to_x(start), day_to_x(end) + 1))
        self.period.setVisible(True)

    @property
    def cursor_day(self) -> _dt.date | None:
        return self._cursor_day

    def set_cursor(self, day: _dt.date) -> None:
        """Move the cursor (from outside: no ``cursor_moved`` is emitted)."""
        self._cursor_day = day
        self._moving_cursor = True
        try:
            self.cursor.setValue(day_to_x(day) + 0.5)
        finally:
            self._moving_cursor = False
        self._place_cursor_label()

    def _place_cursor_label(self) -> None:
        """The cursor's date goes in a tag on the date axis (never over the lanes)."""
        if self._cursor_day is None or not self.cursor.isVisible():
            self.date_axis.set_cursor(None)
        else:
            self.date_axis.set_cursor(float(self.cursor.value()), self._cursor_day.isoformat())

    def _on_cursor_dragged(self) -> None:
        if self._moving_cursor:
            return
        day = x_to_day(float(self.cursor.value()))
        if day != self._cursor_day:
            self._cursor_day = day
            self.cursor_moved.emit(day)
        self._place_cursor_label()

    def _on_cursor_drag_finished(self) -> None:
        if self._cursor_day is not None and not self._moving_cursor:
            self.set_cursor(self._cursor_day)  # snap to the middle of the day

    # -- view range ------------------------------------------------------------------
    def x_range(self) -> tuple[float, float]:
        lo, hi = self._vb.viewRange()[0]
        return float(lo), float(hi)

    def set_x_range(self, x0: float, x1: float) -> None:
        """Show ``[x0, x1]`` (clamped to the years 1..9999 and at least a few days)."""
        if not (math.isfinite(x0) and math.isfinite(x1)):
            return
        if x1 - x0 < MIN_RANGE_DAYS:
            mid = (x0 + x1) / 2
            x0, x1 = mid - MIN_RANGE_DAYS / 2, mid + MIN_RANGE_DAYS / 2
        self._vb.setXRange(max(x0, X_MIN), min(x1, X_MAX), padding=0)

    def fit_all(self) -> None:
        """Show every span and event."""
        if self.geom is None:
            return
        lo, hi = self.geom.extent()
        pad = max((hi - lo) * 0.03, 2.0)
        self.set_x_range(lo - pad, hi + pad)

    def show_recent(self) -> None:
        """Show the recent, busy part of the history (see :func:`recent_range`)."""
        if self.geom is None:
            return
        lo, hi = recent_range(self.geom)
        pad = max((hi - lo) * 0.02, 2.0)
        self.set_x_range(lo - pad, hi + pad)

    def zoom_to(self, lo: float, hi: float, *, margin: float = 0.15, min_days: float = 14.0) -> None:
        """Show ``[lo, hi]`` with a margin, at least ``min_days`` wide."""
        width = max(hi - lo, min_days)
        mid = (lo + hi) / 2
        self.set_x_range(mid - width * (0.5 + margin), mid + width * (0.5 + margin))

    def zoom_to_focus(self) -> bool:
        """Zoom to the focused items; False when nothing is focused."""
        g, f = self.geom, self.focus
        if g is None or not f.active:
            return False
        los, his = [], []
        if f.events is not None and f.events.any():
            los.append(g.ev_x0[f.events].min())
            his.append(g.ev_x1[f.events].max())
        if f.spans is not None and f.spans.any():
            los.append(g.span_x0[f.spans].min())
            his.append(g.span_x1[f.spans].max())
        if not los:
            return False
        self.zoom_to(float(min(los)), float(max(his)))
        return True

    def zoom_by(self, factor: float) -> None:
        lo, hi = self.x_range()
        mid = (lo + hi) / 2
        self.set_x_range(mid - (hi - lo) * factor / 2, mid + (hi - lo) * factor / 2)

    def ensure_visible(self, x: float) -> None:
        """Pan (keeping the zoom) so that ``x`` is inside the view."""
        lo, hi = self.x_range()
        if lo <= x <= hi:
            return
        w = hi - lo
        self.set_x_range(x - w / 2, x + w / 2)

    def set_box_zoom(self, on: bool) -> None:
        """Left-drag draws a zoom box (on) or pans (off)."""
        self._vb.setMouseMode(pg.ViewBox.RectMode if on else pg.ViewBox.PanMode)

    def _on_x_range_changed(self, *args) -> None:
        self._place_cursor_label()
        self._refresh_detail()

    def _on_resized(self, *args) -> None:
        self._fit_lane_axis()
        self._apply_vertical(self.layout_v.top)
        self._refresh_detail()

    # -- level of detail ----------------------------------------------------------------
    def _view_width_px(self) -> float:
        return float(self._vb.width()) or 800.0

    def _refresh_detail(self, force: bool = False) -> None:
        g = self.geom
        if g is None:
            return
        lo, hi = self.x_range()
        if hi <= lo:
            return
        w = self._view_width_px()
        w /= self.scale  # level-of-detail thresholds are in screen pixels
        lay = self.layout_v
        view_y = (lay.top, lay.bottom)
        if not force and self.detail is not None and self.detail.covers(lo, hi, w, cluster_px=CLUSTER_PX, y=view_y):
            return
        # the lanes in view and a view's height above and below: scrolling further computes more
        y_range = (lay.top - lay.visible - 1.0, lay.bottom + lay.visible + 1.0)
        self.detail = level_of_detail(g, lo, hi, w, focus=self.focus, cluster_px=CLUSTER_PX, y_range=y_range)
        self._draw_detail()

    def _draw_detail(self) -> None:
        g, d = self.geom, self.detail
        assert g is not None and d is not None
        # bars: one style per (state or event bar, sourced); dimmed items share
        # style 0, drawn first so that emphasised ones paint over them
        # dimmed items keep a faint tint of their colour and are drawn first
        colours = [style.state_colour(n).name() for n in g.state_names] + [style.MIXED_COLOUR, self.theme.event_bar]
        n_col = len(colours)
        styles: list[tuple] = [(style.brush(c, _DIM_ALPHA), style.NO_PEN) for c in colours]
        for c in colours:
            styles.append((style.brush(c, 215 if c == self.theme.event_bar else 255), style.NO_PEN))
            styles.append((style.brush(c, 90), style.pen(c, self.scale, 255, dashed=True)))  # unsourced: pale, dashed
        unsourced = (~d.bar_sourced).astype(np.int64)
        is_event = np.isin(d.bar_kind, (BAR_EVENT, BAR_CAP))
        colour_idx = np.where(is_event, n_col - 1, np.where(d.bar_style >= 0, d.bar_style, n_col - 2)).astype(np.int64)
        idx = np.where(d.bar_dim, colour_idx, n_col + colour_idx * 2 + unsourced)
        self._bars.set_rects(d.bar_x0, d.bar_x1, d.bar_y0, d.bar_y1, idx, styles)
        # state names inside single-state span bars where they fit; open ones fade out
        one = np.nonzero(np.isin(d.bar_kind, (BAR_SPAN,)) & (d.bar_ref >= 0))[0]
        ref = d.bar_ref[one]
        self._labels.set_spans(
            d.bar_x0[one],
            d.bar_x1[one],
            (d.bar_y0[one] + d.bar_y1[one]) / 2,
            SPAN_HALF_HEIGHT,
            g.span_state[ref],
            [n.replace("-", " ") for n in g.state_names],
            [style.ink_on(style.state_colour(n).name()) for n in g.state_names],
            d.bar_dim[one],
            g.span_open[ref] & (d.bar_x1[one] == g.span_x1[ref]),
        )

        # markers and clusters
        n = len(d.pt_x)
        sc = self.scale
        size = np.where(d.pt_count > 1, np.minimum(15 + 3 * np.log10(np.maximum(d.pt_count, 1)), 24), 10.0) * sc
        brushes = np.empty(n, dtype=object)
        pens = np.empty(n, dtype=object)
        t = self.theme
        solid, hollow, dim = style.brush(t.event), style.brush(t.hollow), style.brush(t.dim)
        edge, dim_pen = style.pen(t.background, 1.2 * sc), style.pen(t.dim, 1.0 * sc)
        brushes[:] = solid
        pens[:] = edge
        uns = d.pt_style == PT_UNSOURCED
        brushes[uns] = hollow
        pens[uns] = style.pen(t.event, 1.6 * sc)
        brushes[d.pt_dim] = dim
        pens[d.pt_dim] = dim_pen
        self._points.setData(x=d.pt_x, y=d.pt_y, size=size, brush=brushes, pen=pens, symbol="o")
        many = np.nonzero(d.pt_count > 1)[0]
        symbols = [count_symbol(count_text(int(c))) for c in d.pt_count[many]]
        self._counts.setData(
            x=d.pt_x[many],
            y=d.pt_y[many],
            symbol=symbols,
            size=size[many] * 0.92,
            brush=style.brush("#ffffff"),
            pen=None,
        )
        # open ends: a triangle pointing on ("still running")
        ob = np.empty(len(d.open_x), dtype=object)
        for i, (st, dm) in enumerate(zip(d.open_style.tolist(), d.open_dim.tolist())):
            ob[i] = style.brush(style.state_colour(g.state_names[st]).name(), _DIM_ALPHA if dm else 255)
        self._open.setData(x=d.open_x, y=d.open_y, brush=ob, pen=None, symbol="t2", size=11 * sc)
        self._draw_selection()

    def _draw_selection(self) -> None:
        g, d, f = self.geom, self.detail, self.focus
        if g is None or d is None or f.event is None:
            self._ring.setData(x=[], y=[])
            self._sel_bar.set_rects(np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0, np.int64), [])
            return
        k = f.event
        where = np.nonzero(d.members == k)[0]
        if len(where):
            i = int(np.searchsorted(d.pt_offsets, where[0], side="right") - 1)
            self._ring.setData(x=[d.pt_x[i]], y=[d.pt_y[i]])
            self._sel_bar.set_rects(np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0, np.int64), [])
        else:
            self._ring.setData(x=[], y=[])
            y = g.ev_y[k]
            self._sel_bar.set_rects(
                np.array([g.ev_x0[k]]),
                np.array([g.ev_x1[k]]),
                np.array([y - 0.5 + BAR_TOP - 0.08]),
                np.array([y - 0.5 + BAR_BOTTOM + 0.08]),
                np.zeros(1, np.int64),
                [(style.brush(style.SELECTION_COLOUR, 60), style.pen(style.SELECTION_COLOUR, 2.0 * self.scale))],
            )

    # -- mouse ------------------------------------------------------------------------
    def hit_at(self, scene_pos: QPointF) -> Hit | None:
        """What lies under a scene position (None outside the plot)."""
        g, d = self.geom, self.detail
        if g is None or d is None or not self._vb.sceneBoundingRect().contains(scene_pos):
            return None
        p = self._vb.mapSceneToView(scene_pos)
        px = self._vb.viewPixelSize()
        return hit_test(g, d, p.x(), p.y(), px[0], px[1])

    def describe(self, hit: Hit) -> str:
        """Hover text for a hit."""
        g, d, ws = self.geom, self.detail, self.ws
        assert g is not None and d is not None and ws is not None
        if hit.kind == "event":
            return describe_event(ws, g.ev_ids[hit.index])
        if hit.kind == "cluster":
            return describe_cluster(ws, g, d.cluster_members(hit.index).tolist())
        if hit.kind == "span":
            return describe_span(ws, g, hit.index)
        b = hit.index
        lo, hi = x_to_day(float(d.bar_x0[b])), x_to_day(float(d.bar_x1[b]) - 1)
        return f"{int(d.bar_count[b])} states between {lo.isoformat()} and {hi.isoformat()}\n(zoom in to tell them apart)"

    def header_at(self, scene_pos: QPointF) -> Header | None:
        """The lane header or relation label under a scene position, if any."""
        ax = self.lane_axis
        if self.geom is None or not ax.sceneBoundingRect().contains(scene_pos):
            return None
        return ax.header_at(ax.mapFromScene(scene_pos).y())

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        header = self.header_at(scene_pos)
        if header is not None and self.ws is not None and self.geom is not None:
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if header.kind == "row" else Qt.CursorShape.ArrowCursor)
            QToolTip.showText(QCursor.pos(), describe_header(self.ws, self.geom, header), self)
            return
        hit = self.hit_at(scene_pos)
        if hit is None:
            QToolTip.hideText()
            self.viewport().unsetCursor()
            return
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        QToolTip.showText(QCursor.pos(), self.describe(hit), self)

    def _on_mouse_clicked(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        header = self.header_at(ev.scenePos())
        if header is not None and header.kind == "row" and self.geom is not None:
            ev.accept()
            self.relation_clicked.emit(self.geom.rows[header.index].relation)
            return
        hit = self.hit_at(ev.scenePos())
        if hit is None:
            return
        ev.accept()
        self.activate(hit)

    def activate(self, hit: Hit) -> None:
        """What a click on ``hit`` does: select, or zoom into a cluster."""
        d = self.detail
        assert d is not None
        if hit.kind == "event":
            self.event_clicked.emit(hit.index)
        elif hit.kind == "span":
            self.span_clicked.emit(hit.index)
        elif hit.kind == "cluster":
            lo, hi = float(d.pt_lo[hit.index]), float(d.pt_hi[hit.index])
            cur_lo, cur_hi = self.x_range()
            if hi - lo <= 1.0 and cur_hi - cur_lo <= 60:
                self._choose_from(d.cluster_members(hit.index).tolist())  # same day: nothing to open up
            else:
                self.zoom_to(lo, hi, min_days=10.0)
        else:
            self.zoom_to(float(d.bar_x0[hit.index]), float(d.bar_x1[hit.index]), min_days=10.0)

    def _choose_from(self, members: list[int]) -> None:
        g, ws = self.geom, self.ws
        assert g is not None and ws is not None
        menu = QMenu(self)
        for i in members[:40]:
            e = ws.event_by_id.get(g.ev_ids[i])
            act = menu.addAction(f"{e.date.label() if e and e.date else ''}  {e.title if e else g.ev_ids[i]}")
            act.triggered.connect(lambda _=False, i=i: self.event_clicked.emit(i))
        menu.popup(QCursor.pos())

    # -- keys ----------------------------------------------------------------------------
    def keyPressEvent(self, ev: QKeyEvent) -> None:  # noqa: N802
        key = ev.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.step_requested.emit(-1 if key == Qt.Key.Key_Left else 1)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_F):
            self.fit_all()
        elif key == Qt.Key.Key_R:
            self.show_recent()
        elif key == Qt.Key.Key_Z:
            self.zoom_to_focus()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(0.5)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(2.0)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.scroll_by_px((WHEEL_SCROLL_PX / 2) * self.scale * (-1 if key == Qt.Key.Key_Up else 1))
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            page = self.layout_v.visible * self.layout_v.unit_px * 0.9
            self.scroll_by_px(page * (-1 if key == Qt.Key.Key_PageUp else 1))
        else:
            super().keyPressEvent(ev)
            return
        ev.accept()

