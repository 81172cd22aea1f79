"""The alliance timeline panel, and a headless renderer for export.

:class:`TimelinePanel` wires a :class:`TimelineView` to :class:`AppState`:
the time cursor both ways, clicks to selection and evidence passages,
selection to emphasis. :func:`render_timeline_image` draws the same timeline
into a QImage without a window (PDF export, screenshots).
"""

from __future__ import annotations

import datetime as _dt
import html
import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QMenu, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from briefing_app.analysis.timeline_coords import day_to_x, x_to_day
from briefing_app.analysis.timeline_descriptions import first_passage
from briefing_app.analysis.timeline_geometry import TimelineGeometry, build_geometry
from briefing_app.analysis.timeline_layout import MIN_UNIT_PX, Y_PAD, content_px
from briefing_app.analysis.timeline_selection import focus_for, neighbour_event
from briefing_app.model.types import Workspace
from briefing_app.ui import timeline_style as style
from briefing_app.ui.timeline_view import TimelineView, ensure_app, layout_hidden, render_view_image

if TYPE_CHECKING:
    from briefing_app.state import AppState

__all__ = ["TimelinePanel", "figure_scale", "legend_entries", "render_timeline_image"]

_MENU_LIMIT = 40


class TimelinePanel(QWidget):
    """Dock content: toolbar, legend, bucket of off-timeline items, and the plot.

    Args:
        state: The application state.
        parent: Qt parent.
        today: Where open states end (default: the real today; tests fix it).
    """

    def __init__(self, state: AppState, parent: QWidget | None = None, *, today: _dt.date | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._today = today
        self.geom: TimelineGeometry | None = None
        self._geom_source: tuple | None = None
        self._fit_next = True

        self.view = TimelineView(self)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 0)
        bar.setSpacing(2)
        self.fit_button = self._button("Fit all", "Show the whole history (F or Home)", self.view.fit_all)
        self.recent_button = self._button("Recent", "Show the recent, busy years (R)", self.view.show_recent)
        self.zoom_sel_button = self._button("Zoom to selection", "Zoom to what the selection concerns (Z)", self.zoom_to_selection)
        self.box_button = self._button("Box zoom", "Drag a box to zoom into (off: drag pans)", None)
        self.box_button.setCheckable(True)
        self.box_button.toggled.connect(self.view.set_box_zoom)
        self.prev_button = self._button("◀ Event", "Previous event (Left arrow)", lambda: self.step_event(-1))
        self.next_button = self._button("Event ▶", "Next event (Right arrow)", lambda: self.step_event(1))
        for b in (self.fit_button, self.recent_button, self.zoom_sel_button, self.box_button, self.prev_button, self.next_button):
            bar.addWidget(b)
        bar.addSpacing(12)
        self.legend = QLabel(self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        # the legend takes the room left of the buttons and is clipped, never widening the dock
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.legend.setMinimumWidth(120)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar.addWidget(self.legend, 1)
        self.bucket_button = QToolButton(self)
        self.bucket_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.bucket_button.setAutoRaise(True)
        bar.addWidget(self.bucket_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        state.workspace_replaced.connect(self._on_workspace_replaced)
        state.workspace_changed.connect(self._on_workspace_changed)
        state.selection_changed.connect(self._on_selection_changed)
        state.time_cursor_changed.connect(self._on_time_cursor_changed)
        self.view.cursor_moved.connect(self._on_cursor_moved)
        self.view.event_clicked.connect(self._on_event_clicked)
        self.view.span_clicked.connect(self._on_span_clicked)
        self.view.step_requested.connect(self._on_step_requested)
        self.view.relation_clicked.connect(self._on_relation_clicked)
        self.refresh()

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.setAutoRaise(True)
        if slot is not None:
            b.clicked.connect(slot)
        return b

    # -- refresh -------------------------------------------------------------------
    def refresh(self) -> None:
        """Rebuild from the current snapshot (only when timeline-relevant parts changed)."""
        ws = self.state.workspace
        source = (ws.relations, ws.events, ws.annotations, ws.entities, ws.documents)
        rebuilt = self._geom_source is None or any(a is not b for a, b in zip(source, self._geom_source))
        if rebuilt:
            self.geom = build_geometry(ws, self._today)
            self._geom_source = source
            self.view.set_workspace(ws, self.geom, keep_range=not self._fit_next)
            self._update_legend()
            self._update_bucket()
        else:
            self.view.ws = ws
        self._fit_next = False
        self.view.set_cursor(self.state.time_cursor)
        kind, item_id = self.state.selection
        self._apply_selection(kind, item_id)

    def _update_legend(self) -> None:
        g = self.geom
        assert g is not None
        parts = []
        for kind, colour, text in legend_entries(g):
            label = html.escape(text).replace(" ", "&nbsp;")
            if kind == "state":
                sw = f'<span style="background-color:{colour}">&nbsp;&nbsp;&nbsp;&nbsp;</span>'
            elif kind == "open":
                sw = f'<span style="color:{colour}">▶</span>'
            else:
                sw = f'<span style="color:{colour}">{"●" if kind == "event" else "○"}</span>'
            parts.append(f"{sw}&nbsp;{label}")
        self.legend.setText("&nbsp;&nbsp; ".join(parts))
        self.legend.setToolTip("\n".join(text for _, _, text in legend_entries(g)))

    def _update_bucket(self) -> None:
        g = self.geom
        assert g is not None
        b = g.bucket
        ws = self.state.workspace
        counts = []
        if b.not_drawn:
            counts.append(f"{b.not_drawn} off the timeline")
        if b.unsourced:
            counts.append(f"{b.unsourced} unsourced")
        self.bucket_button.setText("⚑ " + ", ".join(counts) if counts else "✓ all dated and sourced")
        self.bucket_button.setToolTip(b.summary())
        menu = QMenu(self.bucket_button)
        sections = (
            ("Undated events (not drawn)", [("event", i, ws.event_by_id[i].title or i) for i in b.undated_events]),
            ("Relations without states (not drawn)", [("relation", i, ws.relation_by_id[i].label or i) for i in b.stateless_relations]),
            ("Unsourced events (drawn hollow)", [("event", i, ws.event_by_id[i].title or i) for i in b.unsourced_events]),
            (
                "Unsourced states (drawn pale)",
                [("relation", r, f"{ws.relation_by_id[r].label or r}: {ws.relation_by_id[r].states[k].state}") for r, k in b.unsourced_states],
            ),
        )
        for title, items in sections:
            if not items:
                continue
            menu.addSection(f"{title}: {len(items)}")
            for kind, item_id, text in items[:_MENU_LIMIT]:
                act = menu.addAction(text)
                act.triggered.connect(lambda _=False, k=kind, i=item_id: self.state.select(k, i))
            if len(items) > _MENU_LIMIT:
                menu.addAction(f"… and {len(items) - _MENU_LIMIT} more").setEnabled(False)
        self.bucket_button.setMenu(menu)
        self.bucket_button.setEnabled(bool(counts))

    def _apply_selection(self, kind: str, item_id: str) -> None:
        if self.geom is None:
            return
        self.view.set_focus(focus_for(self.state.workspace, self.geom, kind, item_id))

    # -- AppState → view ---------------------------------------------------------------
    def _on_workspace_replaced(self) -> None:
        self._fit_next = True
        self._geom_source = None

    def _on_workspace_changed(self) -> None:
        self.refresh()

    def _on_selection_changed(self, kind: str, item_id: str) -> None:
        self._apply_selection(kind, item_id)

    def _on_time_cursor_changed(self, iso: str) -> None:
        try:
            day = _dt.date.fromisoformat(iso)
        except ValueError:
            return
        self.view.set_cursor(day)

    # -- view → AppState ------------------------------------------------------------------
    def _on_cursor_moved(self, day: _dt.date) -> None:
        self.state.set_time_cursor(day)

    def _on_event_clicked(self, index: int) -> None:
        g = self.geom
        assert g is not None
        ws = self.state.workspace
        event_id = g.ev_ids[index]
        self.state.select("event", event_id)
        ev = ws.event_by_id.get(event_id)
        passage = first_passage(ws, ev.evidence) if ev is not None else None
        if passage is None:
            self.state.message_posted.emit(f"Event '{event_id}' has no evidence passage")
            return
        self.state.show_passage(*passage)

    def _on_span_clicked(self, index: int) -> None:
        g = self.geom
        assert g is not None
        ws = self.state.workspace
        rel_id = g.span_relation[index]
        self.state.select("relation", rel_id)
        rel = ws.relation_by_id.get(rel_id)
        if rel is None:
            return
        st = rel.states[int(g.span_index[index])]
        passage = first_passage(ws, st.evidence)
        if passage is None:
            self.state.message_posted.emit(f"The '{st.state}' state of '{rel.label or rel_id}' has no evidence passage")
            return
        self.state.show_passage(*passage)

    def _on_relation_clicked(self, relation_id: str) -> None:
        self.state.select("relation", relation_id)

    def _on_step_requested(self, step: int) -> None:
        self.step_event(step)

    # -- commands ---------------------------------------------------------------------------
    def step_event(self, step: int) -> None:
        """Move the cursor to the previous (-1) or next (+1) event and select it."""
        g = self.geom
        if g is None:
            return
        kind, item_id = self.state.selection
        current = g.event_index(item_id) if kind == "event" else None
        k = neighbour_event(g, self.state.time_cursor, step, current)
        if k is None:
            self.state.message_posted.emit("No earlier event" if step < 0 else "No later event")
            return
        day = x_to_day(float(g.ev_x0[k]))
        self.state.set_time_cursor(day)
        self.state.select("event", g.ev_ids[k])
        self.view.ensure_visible(float(g.ev_x0[k]) + 0.5)
        self.view.ensure_lane_visible(int(g.ev_lane[k]))

    def zoom_to_selection(self) -> None:
        """Zoom to the selected event, or to everything the selection concerns."""
        g, f = self.geom, self.view.focus
        if g is not None and f.event is not None:
            self.view.zoom_to(float(g.ev_x0[f.event]), float(g.ev_x1[f.event]), min_days=30.0)
        elif not self.view.zoom_to_focus():
            self.state.message_posted.emit("The selection has nothing on the timeline")


def legend_entries(geom: TimelineGeometry) -> list[tuple[str, str, str]]:
    """What the timeline's symbols mean: ``(kind, colour, text)``, kind one of
    'state', 'event', 'unsourced', 'open'."""
    out = [("state", style.state_colour(s).name(), s.replace("-", " ")) for s in geom.state_names]
    if geom.span_open.any():
        out.append(("open", style.TODAY_COLOUR, "open: runs to today"))
    out.append(("event", style.EVENT_COLOUR, "event"))
    out.append(("unsourced", style.EVENT_COLOUR, "unsourced (hollow, pale)"))
    return out


def figure_scale(width_px: int) -> float:
    """Text and marker scale for an image ``width_px`` wide.

    1 up to screen sizes; beyond, proportional to the width, so that the
    PDF's ~2000-pixel figure printed across A4's text width (17 cm at 300 dpi)
    has 7-point text, as readable as the page's captions.
    """
    return max(1.0, width_px / 800.0)


def _legend_layout(entries, font: QFont, width: float, scale: float) -> tuple[list[tuple[float, float, tuple]], float]:
    """Positions of legend entries wrapped into lines ``width`` wide, and the total height."""
    fm = QFontMetricsF(font)
    sw, gap, line_h = 22 * scale, 14 * scale, fm.height() + 6 * scale
    x, y, placed = 8 * scale, 4 * scale, []
    for e in entries:
        w = sw + 5 * scale + fm.horizontalAdvance(e[2])
        if x + w > width - 8 * scale and placed:
            x, y = 8 * scale, y + line_h
        placed.append((x, y, e))
        x += w + gap
    return placed, y + line_h + 2 * scale


def _paint_legend(p: QPainter, placed, font: QFont, scale: float) -> None:
    fm = QFontMetricsF(font)
    p.setFont(font)
    h = fm.height()
    for x, y, (kind, colour, text) in placed:
        c = QColor(colour)
        box = QRectF(x, y + h * 0.2, 22 * scale, h * 0.6)
        p.setPen(Qt.PenStyle.NoPen)
        if kind == "state":
            p.setBrush(c)
            p.drawRect(box)
        elif kind == "open":
            p.setBrush(style.state_colour("active"))
            p.drawRect(box.adjusted(0, 0, -6 * scale, 0))
            tri = QPolygonF([QPointF(box.right() - 6 * scale, box.top() - 2 * scale), QPointF(box.right() + 2 * scale, box.center().y()),
                             QPointF(box.right() - 6 * scale, box.bottom() + 2 * scale)])
            p.drawPolygon(tri)
        else:
            r = h * 0.3
            p.setBrush(c if kind == "event" else QColor("#ffffff"))
            pen = QPen(c if kind == "unsourced" else QColor("#ffffff"))
            pen.setWidthF(1.6 * scale)
            p.setPen(pen)
            p.drawEllipse(QPointF(box.center().x(), box.center().y()), r, r)
        p.setPen(QPen(style.TEXT_COLOUR))
        p.drawText(QRectF(box.right() + 5 * scale, y, fm.horizontalAdvance(text) + 4, h), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)


def render_timeline_image(
    ws: Workspace,
    size: QSize | tuple[int, int],
    day: _dt.date | None = None,
    *,
    x_range: tuple[_dt.date, _dt.date] | None = None,
    today: _dt.date | None = None,
    scale: float | None = None,
    grow: bool = True,
    legend: bool = True,
    max_aspect: float = 1.35,
) -> QImage:
    """Draw a workspace's timeline into an image, without a window.

    Every lane is shown: when the lanes need more room than ``size`` gives at
    a readable height, the image grows taller (up to ``max_aspect`` times its
    width, a page's worth; beyond that lanes get thinner). Text, markers and
    lanes scale with the width (:func:`figure_scale`) so that a print-size
    figure reads like the screen.

    Args:
        ws: The snapshot to draw.
        size: Image size in pixels (``QSize`` or ``(width, height)``); the width
            is kept, the height is a minimum when ``grow``.
        day: Where the time cursor stands (default: the briefing's as-of date, else none).
        x_range: First and last day to show (default: everything).
        today: Where open states end (default: the real today).
        scale: Text and marker scale (default: from the width).
        grow: Make the image taller when the lanes need it.
        legend: Draw the colour legend above the plot.
        max_aspect: Height limit of a grown image, as a multiple of its width.

    Returns:
        An ARGB32 image with a white background.

    Raises:
        RuntimeError: when no QApplication exists.
        ValueError: on a size smaller than 50×50 pixels or a bad scale.
    """
    ensure_app()
    qsize = size if isinstance(size, QSize) else QSize(int(size[0]), int(size[1]))
    if qsize.width() < 50 or qsize.height() < 50:
        raise ValueError(f"timeline image too small: {qsize.width()}×{qsize.height()} (at least 50×50)")
    width = qsize.width()
    s = figure_scale(width) if scale is None else float(scale)
    if not (math.isfinite(s) and 0.5 <= s <= 10):
        raise ValueError(f"timeline scale must be between 0.5 and 10, not {scale!r}")
    geom = build_geometry(ws, today)
    font = style.label_font(8.5 * s)
    placed, legend_h = _legend_layout(legend_entries(geom), font, width, s) if legend else ([], 0.0)
    legend_px = int(math.ceil(legend_h))
    plot_h = max(qsize.height() - legend_px, 50)
    view = TimelineView()
    try:
        view.set_scale(s)
        layout_hidden(view, QSize(width, plot_h))
        view.set_workspace(ws, geom)
        if grow:
            around = plot_h - view._view_height_px()  # axis and margins
            need = int(math.ceil(around + content_px(geom.height, MIN_UNIT_PX * s)))
            limit = int(width * max_aspect) - legend_px
            new_h = min(max(plot_h, need), max(plot_h, limit))
            if new_h != plot_h:
                plot_h = new_h
                layout_hidden(view, QSize(width, plot_h))
                if need > plot_h:  # more lanes than a page holds: thinner lanes, all shown
                    unit = (plot_h - around) / (geom.height + 2 * Y_PAD)
                    view._apply_vertical_with_unit(unit)
        if x_range is not None:
            view.set_x_range(day_to_x(x_range[0]), day_to_x(x_range[1]) + 1)
        else:
            view.fit_all()
        if day is None and ws.briefing.as_of is not None:
            day = ws.briefing.as_of.end
        if day is not None:
            view.set_cursor(day)
        else:
            view.cursor.hide()
        QApplication.processEvents()
        plot = render_view_image(view, QSize(width, plot_h))
    finally:
        view.close()
        view.deleteLater()
    if not legend:
        return plot
    image = QImage(width, legend_px + plot_h, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    p = QPainter(image)
    try:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        _paint_legend(p, placed, font, s)
        p.drawImage(0, legend_px, plot)
    finally:
        p.end()
    return image
