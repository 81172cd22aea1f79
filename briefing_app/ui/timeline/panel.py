"""The alliance timeline panel.

:class:`TimelinePanel` wires a :class:`TimelineView` to :class:`AppState`:
the time cursor both ways, clicks to selection and evidence passages,
selection to emphasis. The same timeline as a figure is
:func:`briefing_app.render.timeline.image.render_timeline_image`.
"""

from __future__ import annotations

import datetime as _dt
import gc
import html
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing_app.render.timeline.image import legend_entries
from briefing_app.render.timeline.style import theme_for
from briefing_app.render.timeline.view import TimelineView
from briefing_app.viewmodel.timeline.card import event_card_html
from briefing_app.ui import view_state
from briefing_app.ui.fill_in import fill_in
from briefing_app.viewmodel.timeline.coords import day_to_x, x_to_day
from briefing_app.viewmodel.timeline.descriptions import first_passage
from briefing_app.viewmodel.timeline.geometry import TimelineGeometry, build_geometry, cached_geometry, geometry_steps
from briefing_app.viewmodel.timeline.selection import focus_for, neighbour_event

if TYPE_CHECKING:
    from briefing_app.model.types import Workspace
    from briefing_app.state import AppState

__all__ = ["TimelinePanel"]

_MENU_LIMIT = 40
SLICED_LAYOUT_ITEMS = 5000  # relations + events above which an opened workspace is laid out in slices
SLICE_SECONDS = 0.04  # one slice of that layout: the window answers between slices


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
        self._restore_pending = False
        self._selection_applied: tuple | None = None  # (geometry, snapshot, kind, id) last shown
        # The main window lays a big workspace's timeline out in event-loop slices after an open,
        # so the window paints and answers meanwhile; tests and images lay out at once.
        self.layout_in_slices = False
        self._steps: tuple | None = None  # (snapshot parts, geometry_steps generator) in progress
        self.remember_view_state = False  # the main window turns it on: tests and screenshots start clean
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(400)
        self._save_timer.timeout.connect(self.save_view_state)

        self.view = TimelineView(self)
        self._follow_palette()
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
        # a tool bar folds the buttons it has no room for behind "»", so a narrow dock stays possible
        self.toolbar = QToolBar(self)
        self.toolbar.setIconSize(QSize(16, 16))
        for b in (self.fit_button, self.recent_button, self.zoom_sel_button, self.box_button, self.prev_button, self.next_button):
            self.toolbar.addWidget(b)
        self.toolbar.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        bar.addWidget(self.toolbar, 0)
        bar.addSpacing(12)
        self.legend = QLabel(self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        # the legend takes the room left of the buttons and is clipped, never widening the dock
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.legend.setMinimumWidth(0)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar.addWidget(self.legend, 1)
        self.bucket_button = QToolButton(self)
        self.bucket_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.bucket_button.setAutoRaise(True)
        bar.addWidget(self.bucket_button)
        # the selected event's card: what it says, its actors and lane, each quote with its source
        self.card = QLabel(self)
        self.card.setTextFormat(Qt.TextFormat.RichText)
        self.card.setWordWrap(True)
        self.card.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.card.setFrameShape(QFrame.Shape.StyledPanel)
        self.card.setContentsMargins(6, 3, 6, 3)
        self.card.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Maximum)
        self.card.setMaximumHeight(96)
        self.card.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.card)
        layout.addWidget(self.view, 1)

        state.workspace_replaced.connect(self._on_workspace_replaced)
        state.workspace_changed.connect(self._on_workspace_changed)
        state.selection_changed.connect(self._on_selection_changed)
        state.time_cursor_changed.connect(self._on_time_cursor_changed)
        state.compare_period_changed.connect(self._on_compare_period_changed)
        self.view.cursor_moved.connect(self._on_cursor_moved)
        self.view.event_clicked.connect(self._on_event_clicked)
        self.view.span_clicked.connect(self._on_span_clicked)
        self.view.step_requested.connect(self._on_step_requested)
        self.view.relation_clicked.connect(self._on_relation_clicked)
        self.view.getPlotItem().vb.sigXRangeChanged.connect(self._schedule_save)
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
            if self._steps is not None and all(a is b for a, b in zip(self._steps[0], source)):
                return  # this snapshot is being laid out in slices: shown when done
            self._steps = None
            fill_in(self.state).cancel("timeline")
            geom = cached_geometry(ws, self._today)
            if geom is None and self.layout_in_slices and self._fit_next \
                    and len(ws.relations) + len(ws.events) > SLICED_LAYOUT_ITEMS:
                self._start_slices(ws, source)
                return
            self._show_geometry(ws, geom if geom is not None else build_geometry(ws, self._today), source)
        else:
            self.view.ws = ws
        self._after_refresh()

    def _show_geometry(self, ws: Workspace, geom: TimelineGeometry, source: tuple) -> None:
        self.geom = geom
        self._geom_source = source
        self._selection_applied = None  # the view starts without emphasis
        self.view.set_workspace(ws, self.geom, keep_range=not self._fit_next)
        self._update_legend()
        self._update_bucket()

    def _after_refresh(self) -> None:
        self._fit_next = False
        self.view.set_cursor(self.state.time_cursor)
        kind, item_id = self.state.selection
        self._apply_selection(kind, item_id)
        if self._restore_pending:
            self._restore_pending = False
            if self.remember_view_state:
                self.restore_view_state(view_state.load(self.state.path, "timeline"))

    # -- a big workspace opened: laid out between paints -------------------------------
    @property
    def building(self) -> bool:
        """True while a big workspace's timeline is still being laid out."""
        return self._steps is not None

    def _start_slices(self, ws: Workspace, source: tuple) -> None:
        self._steps = (source, geometry_steps(ws, self._today))
        self.legend.setText(f"Laying out {len(ws.relations):,} relations and {len(ws.events):,} events…")
        fill_in(self.state).add("timeline", self._slices)  # in the window's queue, one slice a turn

    def _slices(self) -> Iterator[None]:
        while self._steps is not None:
            self._layout_slice()
            yield

    def _layout_slice(self) -> None:
        if self._steps is None:
            return
        source, steps = self._steps
        deadline = time.perf_counter() + SLICE_SECONDS
        gc_was_on = gc.isenabled()
        gc.disable()  # as build_geometry does: the many small tuples would set off full collections
        try:
            while time.perf_counter() < deadline:
                next(steps)
        except StopIteration as done:
            self._steps = None
            ws = self.state.workspace
            if all(a is b for a, b in zip(source, (ws.relations, ws.events, ws.annotations, ws.entities,
                                                    ws.documents))):
                self._show_geometry(ws, done.value, source)
                self._after_refresh()
            else:
                self.refresh()  # the snapshot changed meanwhile: lay out the current one
            return
        finally:
            if gc_was_on:
                gc.enable()

    def _update_legend(self) -> None:
        """As many legend entries as fit the label's width, then "…" (all of them are in its tooltip).

        A clipped legend used to end mid-word ("susp"); whole entries are dropped instead.
        """
        g = self.geom
        if g is None:
            return
        entries = legend_entries(g)
        fm = QFontMetrics(self.legend.font())
        room = self.legend.width() - fm.horizontalAdvance(" …")
        parts, used = [], 0
        for kind, colour, text in entries:
            label = html.escape(text).replace(" ", "&nbsp;")
            if kind == "state":
                sw = f'<span style="background-color:{colour}">&nbsp;&nbsp;&nbsp;&nbsp;</span>'
                sw_text = "    "
            elif kind == "open":
                sw, sw_text = f'<span style="color:{colour}">▶</span>', "▶"
            else:
                mark = "●" if kind == "event" else "○"
                sw, sw_text = f'<span style="color:{colour}">{mark}</span>', mark
            need = fm.horizontalAdvance(f"{sw_text} {text}   ")
            if parts and used + need > room:
                parts.append("…")
                break
            parts.append(f"{sw}&nbsp;{label}")
            used += need
        self.legend.setText("&nbsp;&nbsp; ".join(parts))
        self.legend.setToolTip("\n".join(text for _, _, text in entries))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._update_legend()  # whole entries for the new width

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
        if self.geom is None or self._steps is not None:  # being laid out: applied when done
            return
        last = self._selection_applied
        if (last is not None and last[0] is self.geom and last[1] is self.state.workspace
                and last[2:] == (kind, item_id)):
            return  # an open emits the selection after the refresh that applied it: draw once
        self._selection_applied = (self.geom, self.state.workspace, kind, item_id)
        self._update_card(kind, item_id)
        focus = focus_for(self.state.workspace, self.geom, kind, item_id)
        self.view.set_focus(focus)
        if focus.event is not None:  # a selected event: its lane and date into view
            self.view.ensure_lane_visible(int(self.geom.ev_lane[focus.event]))
            self.view.ensure_visible(float(self.geom.ev_x0[focus.event]) + 0.5)
        elif focus.lanes is not None and focus.lanes.any():
            self.view.ensure_lane_visible(int(focus.lanes.argmax()))  # the first lane it concerns, into view

    def _update_card(self, kind: str, item_id: str) -> None:
        text = event_card_html(self.state.workspace, self.geom, item_id) if kind == "event" else ""
        self.card.setText(text)
        self.card.setVisible(bool(text))

    # -- view state (the visible period), per workspace ----------------------------------
    def _schedule_save(self, *_args) -> None:
        if self.remember_view_state:
            self._save_timer.start()

    def save_view_state(self) -> None:
        self._save_timer.stop()
        if self.remember_view_state and self.geom is not None:
            lo, hi = self.view.x_range()
            view_state.save(self.state.path, "timeline", {"from": x_to_day(lo).isoformat(), "to": x_to_day(hi).isoformat()})

    def restore_view_state(self, values: dict) -> None:
        """Show the period saved by :meth:`save_view_state` (ignored when missing or malformed)."""
        try:
            lo, hi = (_dt.date.fromisoformat(str(values.get(k))) for k in ("from", "to"))
        except ValueError:
            return
        if lo < hi:
            self.view.set_x_range(day_to_x(lo), day_to_x(hi))

    def _follow_palette(self) -> None:
        """A dark window gets the dark timeline, so the plot is not a bright slab with dim text."""
        self.view.set_theme(theme_for(self.palette().color(QPalette.ColorRole.Window)))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.PaletteChange:
            self._follow_palette()
        super().changeEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._save_timer.isActive():  # the window is closing: write what is pending now
            self.save_view_state()
        super().hideEvent(event)

    # -- AppState → view ---------------------------------------------------------------
    def _on_workspace_replaced(self) -> None:
        self._save_timer.stop()
        self._fit_next = True
        self._restore_pending = True
        self._geom_source = None

    def _on_workspace_changed(self) -> None:
        self.refresh()

    def _on_selection_changed(self, kind: str, item_id: str) -> None:
        self._apply_selection(kind, item_id)

    def _on_compare_period_changed(self, since: str, until: str) -> None:
        period = self.state.compare_period
        if period is None:
            self.view.set_shaded_period(None, None)
            return
        self.view.set_shaded_period(period[0].start, period[1].end)
        # Show the whole period with a margin, so the shading is seen.
        self.view.zoom_to(day_to_x(period[0].start), day_to_x(period[1].end) + 1, margin=0.08)

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
