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
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QCursor, QImage, QKeyEvent, QPainter
from PySide6.QtWidgets import QApplication, QMenu, QToolTip, QWidget

from briefing_app.analysis import timeline_geometry as tg
from briefing_app.analysis.timeline_geometry import Detail, Focus, TimelineGeometry
from briefing_app.model.types import Workspace
from briefing_app.ui import timeline_style as style
from briefing_app.ui.timeline_axes import DateAxis, LaneAxis
from briefing_app.ui.timeline_items import RectLayer, count_symbol, count_text

MIN_RANGE_DAYS = 3.0
CLUSTER_PX = 16.0
_DIM_ALPHA = 45


class _TimelineViewBox(pg.ViewBox):
    """A ViewBox whose box zoom (and wheel) only changes the time range."""

    def showAxRect(self, ax, **kw) -> None:  # noqa: N802 (pyqtgraph naming)
        r = ax.normalized()
        if r.width() > 0:
            self.setXRange(r.left(), r.right(), padding=0)
        self.sigRangeChangedManually.emit(self.state["mouseEnabled"])


class TimelineView(pg.PlotWidget):
    """The timeline plot widget.

    Signals:
        cursor_moved(object): the user dragged the cursor to another day (a ``date``).
        event_clicked(int): an event index of the current geometry.
        span_clicked(int): a span index of the current geometry.
        step_requested(int): previous (-1) / next (+1) event asked for with the keys.
    """

    cursor_moved = Signal(object)
    event_clicked = Signal(int)
    span_clicked = Signal(int)
    step_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        self._vb = _TimelineViewBox()
        self.date_axis = DateAxis()
        self.lane_axis = LaneAxis()
        super().__init__(parent, background="w", viewBox=self._vb, axisItems={"bottom": self.date_axis, "left": self.lane_axis})
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        pi = self.getPlotItem()
        pi.hideButtons()
        pi.setMenuEnabled(False)
        pi.layout.setContentsMargins(2, 4, 8, 2)
        vb = self._vb
        vb.invertY(True)
        vb.setMouseEnabled(x=True, y=False)
        vb.enableAutoRange(enable=False)
        vb.setLimits(xMin=tg.X_MIN, xMax=tg.X_MAX, minXRange=MIN_RANGE_DAYS)
        self.ws: Workspace | None = None
        self.geom: TimelineGeometry | None = None
        self.detail: Detail | None = None
        self.focus = Focus()
        self._cursor_day: _dt.date | None = None
        self._moving_cursor = False

        self._bands = RectLayer()
        self._bands.setZValue(-10)
        self._bars = RectLayer()
        self._open = pg.ScatterPlotItem(pxMode=True, symbol="t2", size=9)
        self._points = pg.ScatterPlotItem(pxMode=True)
        self._counts = pg.ScatterPlotItem(pxMode=True, pen=None, brush=pg.mkBrush("w"))
        self._ring = pg.ScatterPlotItem(pxMode=True, symbol="o", size=20, brush=None, pen=pg.mkPen(style.SELECTION_COLOUR, width=2.5))
        self._sel_bar = RectLayer()
        for z, item in enumerate((self._bars, self._open, self._points, self._counts, self._ring, self._sel_bar)):
            item.setZValue(z)
            vb.addItem(item)
        vb.addItem(self._bands, ignoreBounds=True)
        for item in (self._points, self._counts, self._open, self._ring):
            item.setAcceptHoverEvents(False)
        self._today = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(style.TODAY_COLOUR, width=1, style=Qt.PenStyle.DotLine))
        self._today.setZValue(20)
        vb.addItem(self._today, ignoreBounds=True)
        self.cursor = pg.InfiniteLine(
            angle=90,
            movable=True,
            pen=pg.mkPen(style.CURSOR_COLOUR, width=2),
            hoverPen=pg.mkPen(style.CURSOR_COLOUR, width=4),
            label="",
            labelOpts={"position": 0.02, "color": style.CURSOR_COLOUR, "fill": (255, 255, 255, 220), "movable": False},
        )
        self.cursor.setZValue(30)
        self.cursor.setBounds((tg.X_MIN, tg.X_MAX - 1))
        vb.addItem(self.cursor, ignoreBounds=True)
        self.cursor.sigPositionChanged.connect(self._on_cursor_dragged)
        self.cursor.sigPositionChangeFinished.connect(self._on_cursor_drag_finished)
        vb.sigXRangeChanged.connect(self._on_x_range_changed)
        vb.sigResized.connect(self._on_resized)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.scene().sigMouseClicked.connect(self._on_mouse_clicked)

    # -- data ------------------------------------------------------------------
    def set_workspace(self, ws: Workspace, geom: TimelineGeometry, *, keep_range: bool = False) -> None:
        """Show a new snapshot (its geometry already built)."""
        self.ws = ws
        self.geom = geom
        self.focus = Focus()
        self.detail = None
        self.lane_axis.set_lanes(geom)
        bands_x0 = np.full(len(geom.lanes), tg.X_MIN)
        bands_x1 = np.full(len(geom.lanes), tg.X_MAX)
        y0 = np.array([ln.top - tg.LANE_GAP / 2 for ln in geom.lanes])
        y1 = np.array([ln.bottom + tg.LANE_GAP / 2 for ln in geom.lanes])
        band_styles = [(style.brush(c), style.NO_PEN) for c in style.BAND_COLOURS]
        self._bands.set_rects(bands_x0, bands_x1, y0, y1, np.arange(len(geom.lanes)) % 2, band_styles)
        self._today.setValue(tg.day_to_x(geom.today) + 1)
        self._vb.setYRange(-0.35, max(geom.height, 1.0) + 0.35, padding=0)
        if keep_range:
            self._refresh_detail(force=True)
        else:
            self.fit_all()

    def set_focus(self, focus: Focus) -> None:
        """Emphasise what a selection concerns and dim the rest."""
        self.focus = focus
        if self.geom is not None:
            self.lane_axis.set_lanes(self.geom, focus.lanes)
        self._refresh_detail(force=True)

    # -- cursor --------------------------------------------------------------------
    @property
    def cursor_day(self) -> _dt.date | None:
        return self._cursor_day

    def set_cursor(self, day: _dt.date) -> None:
        """Move the cursor (from outside: no ``cursor_moved`` is emitted)."""
        self._cursor_day = day
        self._moving_cursor = True
        try:
            self.cursor.setValue(tg.day_to_x(day) + 0.5)
        finally:
            self._moving_cursor = False
        self.cursor.label.setFormat(day.isoformat())

    def _on_cursor_dragged(self) -> None:
        if self._moving_cursor:
            return
        day = tg.x_to_day(float(self.cursor.value()))
        self.cursor.label.setFormat(day.isoformat())
        if day != self._cursor_day:
            self._cursor_day = day
            self.cursor_moved.emit(day)

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
        self._vb.setXRange(max(x0, tg.X_MIN), min(x1, tg.X_MAX), padding=0)

    def fit_all(self) -> None:
        """Show every span and event."""
        if self.geom is None:
            return
        lo, hi = self.geom.extent()
        pad = max((hi - lo) * 0.03, 2.0)
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
        self._refresh_detail()

    def _on_resized(self, *args) -> None:
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
        if not force and self.detail is not None and self.detail.covers(lo, hi, w, cluster_px=CLUSTER_PX):
            return
        self.detail = tg.level_of_detail(g, lo, hi, w, focus=self.focus, cluster_px=CLUSTER_PX)
        self._draw_detail()

    def _draw_detail(self) -> None:
        g, d = self.geom, self.detail
        assert g is not None and d is not None
        # bars: one style per (state or event bar, sourced); dimmed items share
        # style 0, drawn first so that emphasised ones paint over them
        # dimmed items keep a faint tint of their colour and are drawn first
        colours = [style.state_colour(n).name() for n in g.state_names] + [style.MIXED_COLOUR, style.EVENT_BAR_COLOUR]
        n_col = len(colours)
        styles: list[tuple] = [(style.brush(c, _DIM_ALPHA), style.NO_PEN) for c in colours]
        for c in colours:
            styles.append((style.brush(c, 215 if c == style.EVENT_BAR_COLOUR else 255), style.NO_PEN))
            styles.append((style.brush(c, 90), style.pen(c, 1.0, 255, dashed=True)))  # unsourced: pale, dashed
        unsourced = (~d.bar_sourced).astype(np.int64)
        is_event = np.isin(d.bar_kind, (tg.BAR_EVENT, tg.BAR_CAP))
        colour_idx = np.where(is_event, n_col - 1, np.where(d.bar_style >= 0, d.bar_style, n_col - 2)).astype(np.int64)
        idx = np.where(d.bar_dim, colour_idx, n_col + colour_idx * 2 + unsourced)
        self._bars.set_rects(d.bar_x0, d.bar_x1, d.bar_y0, d.bar_y1, idx, styles)

        # markers and clusters
        n = len(d.pt_x)
        size = np.where(d.pt_count > 1, np.minimum(15 + 3 * np.log10(np.maximum(d.pt_count, 1)), 24), 10.0)
        brushes = np.empty(n, dtype=object)
        pens = np.empty(n, dtype=object)
        solid, hollow, dim = style.brush(style.EVENT_COLOUR), style.brush("#ffffff"), style.brush(style.DIM_COLOUR)
        edge, dim_pen = style.pen("#ffffff", 1.2), style.pen(style.DIM_COLOUR, 1.0)
        brushes[:] = solid
        pens[:] = edge
        uns = d.pt_style == tg.PT_UNSOURCED
        brushes[uns] = hollow
        pens[uns] = style.pen(style.EVENT_COLOUR, 1.6)
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
        self._open.setData(x=d.open_x, y=d.open_y, brush=ob, pen=None, symbol="t2", size=10)
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
                np.array([y - 0.5 + tg.BAR_TOP - 0.08]),
                np.array([y - 0.5 + tg.BAR_BOTTOM + 0.08]),
                np.zeros(1, np.int64),
                [(style.brush(style.SELECTION_COLOUR, 60), style.pen(style.SELECTION_COLOUR, 2.0))],
            )

    # -- mouse ------------------------------------------------------------------------
    def hit_at(self, scene_pos: QPointF) -> tg.Hit | None:
        """What lies under a scene position (None outside the plot)."""
        g, d = self.geom, self.detail
        if g is None or d is None or not self._vb.sceneBoundingRect().contains(scene_pos):
            return None
        p = self._vb.mapSceneToView(scene_pos)
        px = self._vb.viewPixelSize()
        return tg.hit_test(g, d, p.x(), p.y(), px[0], px[1])

    def describe(self, hit: tg.Hit) -> str:
        """Hover text for a hit."""
        g, d, ws = self.geom, self.detail, self.ws
        assert g is not None and d is not None and ws is not None
        if hit.kind == "event":
            return tg.describe_event(ws, g.ev_ids[hit.index])
        if hit.kind == "cluster":
            return tg.describe_cluster(ws, g, d.cluster_members(hit.index).tolist())
        if hit.kind == "span":
            return tg.describe_span(ws, g, hit.index)
        b = hit.index
        lo, hi = tg.x_to_day(float(d.bar_x0[b])), tg.x_to_day(float(d.bar_x1[b]) - 1)
        return f"{int(d.bar_count[b])} states between {lo.isoformat()} and {hi.isoformat()}\n(zoom in to tell them apart)"

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
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
        hit = self.hit_at(ev.scenePos())
        if hit is None:
            return
        ev.accept()
        self.activate(hit)

    def activate(self, hit: tg.Hit) -> None:
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
        elif key == Qt.Key.Key_Z:
            self.zoom_to_focus()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(0.5)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(2.0)
        else:
            super().keyPressEvent(ev)
            return
        ev.accept()


def layout_hidden(view: TimelineView, size: QSize) -> None:
    """Give a never-shown view its size and lay its scene out (no window needed).

    Showing a widget offscreen makes some platform plugins warn, so headless
    rendering sizes the scene the way a resize event would.
    """
    view.resize(size)
    view.resizeEvent(None)
    QApplication.processEvents()  # runs the scene's pending layout requests
    view._refresh_detail(force=True)


def render_view_image(view: TimelineView, size: QSize) -> QImage:
    """Paint ``view``'s scene into a new image of ``size`` (the widget need not be shown)."""
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        rect = QRectF(0, 0, size.width(), size.height())
        view.scene().render(painter, rect, rect)
    finally:
        painter.end()
    return image


def ensure_app() -> QApplication:
    """The running QApplication; a clear error when there is none."""
    app = QApplication.instance()
    if app is None:
        raise RuntimeError("a QApplication must exist before rendering the timeline")
    return app  # type: ignore[return-value]
