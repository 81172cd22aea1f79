"""Map and relationship panel: who stands with whom, at any date.

A toolbar (map/graph switch, filters, fit, export), the view, and a date
slider with a play button. The panel follows AppState (workspace, time
cursor, selection) and changes it only through AppState's commands.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QPointF, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QAbstractSlider,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QSlider,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing_app.model.types import Workspace
from briefing_app.model.queries import display_name
from briefing_app.viewmodel.map import model as mm
from briefing_app.render.map.image import MapExportError, render_scene, write_image
from briefing_app.render.map.scene import MapScene
from briefing_app.render.map.style import state_style
from briefing_app.ui import view_state
from briefing_app.ui.fill_in import fill_in, is_big
from briefing_app.ui.map.placing import ActorPlacer
from briefing_app.ui.map.view import MapView
from briefing_app.viewmodel.time_steps import UNITS, play_frames, step

PLAY_INTERVAL_MS = 33  # 30 frames a second: a step restyles and repaints in well under that
EDGE_BUDGET = 3000  # more edges than this: those shown are built first, the rest in later slices
SAVE_DELAY_MS = 400  # view state is written once the user pauses


class MapPanel(QWidget):
    """The map/graph dock. Dock title "Map", preferred area: right (or centre-right)."""

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.scene = MapScene(self)
        self.scene.build_budget = EDGE_BUDGET
        self.scene.own_timer = False  # its slices run in the window's fill-in queue (see _queue_slices)
        self.view = MapView(self.scene, self)
        self.view.tooltip_text = self.tooltip_text
        self._lo = self._hi = _dt.date.today()
        self._known: dict[int, set[str]] = {}  # filter menu -> names it has offered
        self._frames: list[_dt.date] = []  # what play still has to show
        self._anchor_day: int | None = None  # day of the month calendar steps keep
        self.remember_view_state = False  # the main window turns it on: tests and screenshots start clean
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_view_state)
        self._build_toolbar()
        self._build_slider()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.toolbar)
        lay.addWidget(self.view, 1)
        lay.addLayout(self.slider_row)
        self._play = QTimer(self)
        self._play.setInterval(PLAY_INTERVAL_MS)
        self._play.timeout.connect(self._play_step)
        self.view.item_clicked.connect(self._on_item_clicked)
        self.view.node_dropped.connect(self._on_node_dropped)
        self.view.view_moved.connect(self._on_view_moved)
        state.workspace_replaced.connect(self._on_workspace_replaced)
        state.workspace_changed.connect(self._on_workspace_changed)
        state.time_cursor_changed.connect(self._on_time_cursor_changed)
        state.selection_changed.connect(self._on_selection_changed)
        state.compare_period_changed.connect(self._on_compare_period_changed)
        self.refresh(fit=True)

    # -- widgets ---------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        tb = QToolBar(self)
        tb.setIconSize(QSize(16, 16))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar = tb
        group = QActionGroup(self)
        self.map_action = QAction("Map", self, checkable=True, checked=True)
        self.graph_action = QAction("Graph", self, checkable=True)
        self.map_action.setToolTip("Countries and places, Pacific-centred")
        self.graph_action.setToolTip("Actors laid out by their relations; drag a node to pin it")
        for a in (self.map_action, self.graph_action):
            group.addAction(a)
            tb.addAction(a)
        self.map_action.triggered.connect(lambda: self.set_mode("map"))
        self.graph_action.triggered.connect(lambda: self.set_mode("graph"))
        tb.addSeparator()
        self.kind_menu = QMenu("Relations", self)
        self.type_menu = QMenu("Actors", self)
        for menu, title in ((self.kind_menu, "Relations"), (self.type_menu, "Actors")):
            button = QToolButton(self)
            button.setText(title)
            button.setMenu(menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            tb.addWidget(button)
        tb.addSeparator()
        fit = tb.addAction("Fit")
        fit.setToolTip("Frame the theatre: the places most relations involve (map), or the whole graph")
        fit.triggered.connect(lambda: self.view.fit())
        fit_all = tb.addAction("Fit all")
        fit_all.setToolTip("Frame every actor on the map, peripheral ones included")
        fit_all.triggered.connect(lambda: self.view.fit_all())
        self.fit_all_action = fit_all
        zin = tb.addAction("+")
        zin.triggered.connect(lambda: self.view.zoom(1.25))
        zout = tb.addAction("−")
        zout.triggered.connect(lambda: self.view.zoom(0.8))
        self.unpin_action = tb.addAction("Unpin")
        self.unpin_action.setToolTip("Let every dragged node go back to the layout")
        self.unpin_action.triggered.connect(self._unpin)
        tb.addSeparator()
        export = tb.addAction("Export…")
        export.setToolTip("Save the current view as PNG or SVG")
        export.triggered.connect(self._export_dialog)

    def _build_slider(self) -> None:
        row = QHBoxLayout()
        row.setContentsMargins(4, 0, 4, 2)
        self.play_button = QToolButton(self)
        self.play_button.setText("▶")
        self.play_button.setCheckable(True)
        self.play_button.setToolTip("Play: step the date forward by the chosen unit, up to today")
        self.play_button.toggled.connect(self._on_play_toggled)
        self.back_button = QToolButton(self)
        self.back_button.setText("◀")
        self.back_button.setAutoRaise(True)
        self.back_button.setToolTip("One step back (day, month or year, as chosen)")
        self.back_button.clicked.connect(lambda: self.step_cursor(-1))
        self.forward_button = QToolButton(self)
        self.forward_button.setText("▶|")
        self.forward_button.setAutoRaise(True)
        self.forward_button.setToolTip("One step forward")
        self.forward_button.clicked.connect(lambda: self.step_cursor(1))
        self.unit_box = QComboBox(self)
        self.unit_box.addItems(list(UNITS))
        self.unit_box.setCurrentText("month")
        self.unit_box.setToolTip("What one step (arrows, slider keys, play) moves the date by")
        self.unit_box.currentTextChanged.connect(self._on_unit_changed)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setToolTip("The date the relations are drawn at (the time cursor)")
        self.slider.valueChanged.connect(self._on_slider_moved)
        self.slider.actionTriggered.connect(self._on_slider_action)
        self.slider.installEventFilter(self)  # the wheel steps by the chosen unit too
        self.date_edit = QDateEdit(self)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMinimumDate(QDate(1, 1, 1))
        self.date_edit.setMaximumDate(QDate(9999, 12, 31))
        self.date_edit.setKeyboardTracking(False)  # typing 2 0 1 9 does not jump through years 2, 20, 201
        self.date_edit.setToolTip("Type a date (YYYY-MM-DD) or pick one: the map and timeline follow")
        self.date_edit.dateChanged.connect(self._on_date_edited)
        # "N not on the map": a menu to give each a place (gazetteer suggestion or a click on the map)
        self.placer = ActorPlacer(self.state, self.scene, self.view, self)
        self.place_button = self.placer.button
        for w in (self.play_button, self.back_button):
            row.addWidget(w)
        row.addWidget(self.slider, 1)
        for w in (self.forward_button, self.date_edit, self.unit_box, self.place_button):
            row.addWidget(w)
        self.slider_row = row

    def _fill_filter_menus(self) -> None:
        ws = self.state.workspace
        kinds = list(ws.vocabulary.all_relation_kinds())
        kinds += sorted({r.kind for r in ws.relations} - set(kinds))
        types = list(ws.vocabulary.all_entity_types())
        types += sorted({e.type for e in ws.entities} - set(types))
        old_k = self.checked(self.kind_menu)
        old_t = self.checked(self.type_menu)
        for menu, names, old in ((self.kind_menu, kinds, old_k), (self.type_menu, types, old_t)):
            menu.clear()
            for name in names:
                act = menu.addAction(name.replace("-", " "))
                act.setData(name)
                act.setCheckable(True)
                act.setChecked(old is None or name in old or name not in self._known.get(id(menu), set()))
                act.toggled.connect(self._on_filter_toggled)
            self._known[id(menu)] = set(names)

    @staticmethod
    def checked(menu: QMenu) -> set[str] | None:
        acts = [a for a in menu.actions() if a.isCheckable()]
        if not acts:
            return None
        return {a.data() for a in acts if a.isChecked()}

    # -- public --------------------------------------------------------------------------
    def refresh(self, fit: bool = False) -> None:
        """Rebuild from the current workspace (keeps graph positions of surviving nodes)."""
        self._rebuild(fit)
        if fit:
            self.view.fit()
        else:
            self.view.schedule_relabel()

    def _rebuild(self, fit: bool, prepared: tuple[mm.Topology, mm.MapPlacement] | None = None) -> None:
        """The scene, filters and time slider for the current workspace (the view not fitted yet);
        ``prepared``: its topology and places, already computed."""
        ws = self.state.workspace
        self.scene.day = self.state.time_cursor
        self.scene.set_workspace(ws, keep_graph=not fit, prepared=prepared)
        self._queue_slices()
        self._fill_filter_menus()
        self._lo, self._hi = mm.date_range(ws)
        self._lo = min(self._lo, self.state.time_cursor)
        self._hi = max(self._hi, self.state.time_cursor, _dt.date.today())  # play runs up to today
        self.slider.blockSignals(True)
        self.slider.setRange(0, (self._hi - self._lo).days)
        self.slider.setPageStep(365)
        self.slider.setSingleStep(1)  # key steps are calendar steps (see _on_slider_action)
        self.slider.blockSignals(False)
        self._sync_cursor(self.state.time_cursor)
        report = self.state.compare_report()
        self.scene.set_compare(report.statuses if report is not None else None)
        self.scene.set_selection(*self.state.selection)
        self.placer.update_button()

    def _queue_slices(self) -> None:
        """The scene's edges not in force (and actors off the map) are built one slice per turn."""
        if self.scene.items_pending:
            fill_in(self.state).add("map-slices", self._slices)
        else:
            fill_in(self.state).cancel("map-slices")

    def _slices(self) -> Iterator[None]:
        while self.scene.items_pending:
            self.scene.build_slice()
            yield

    @property
    def building(self) -> bool:
        """True while the map of an opened big workspace, or its edges not drawn at the date (and actors
        not on the map), are still being built."""
        return fill_in(self.state).pending("map") or self.scene.items_pending > 0

    def set_mode(self, mode: str) -> None:
        """Switch between "map" and "graph" (one click on the toolbar)."""
        self.scene.set_mode(mode)
        self.map_action.setChecked(mode == "map")
        self.graph_action.setChecked(mode == "graph")
        self.unpin_action.setEnabled(mode == "graph")
        self.view.fit()
        self.placer.update_button()
        self.view.viewport().update()

    def set_filters(self, kinds: set[str] | None = None, types: set[str] | None = None) -> None:
        """Show only these relation kinds and entity types (None: all)."""
        for menu, wanted in ((self.kind_menu, kinds), (self.type_menu, types)):
            for a in menu.actions():
                a.blockSignals(True)
                a.setChecked(wanted is None or a.data() in wanted)
                a.blockSignals(False)
        self._on_filter_toggled()

    def export_image(self, path: str | Path, size: tuple[int, int] = (1600, 1000)) -> Path:
        """Save the current view (what is visible) as PNG or SVG at ``size`` pixels.

        Raises:
            MapExportError: on an unknown suffix, a bad size or an unwritable path.
        """
        self._finish_filling()
        try:
            return write_image(path, self.scene, self.view.visible_scene_rect(), size, self._caption())
        finally:
            self.view.relabel()  # the image placed labels for its own size: put the view's back

    def grab_view_image(self, size: tuple[int, int]):
        """The current view as a QImage (for copy/paste or a report)."""
        self._finish_filling()
        try:
            return render_scene(self.scene, self.view.visible_scene_rect(), size, self._caption())
        finally:
            self.view.relabel()

    def _finish_filling(self) -> None:
        """An image wants the whole map now, not the part an opening big workspace has built so far."""
        queue = fill_in(self.state)
        queue.finish("map")
        queue.finish("map-slices")

    def tooltip_text(self, kind: str, item_id: str) -> str:
        ws = self.state.workspace
        day = self.scene.day
        if kind == "relation":
            rel = ws.relation_by_id.get(item_id)
            if rel is None:
                return item_id
            now = rel.state_at(day)
            n_now, n_all = mm.evidence_count(rel, day)
            members = " – ".join(display_name(ws, m) for m in rel.members)
            lines = [f"<b>{rel.label or rel.kind.replace('-', ' ')}</b>", members,
                     f"kind: {rel.kind.replace('-', ' ')}" + (" (directed)" if rel.directed else "")]
            if now is None:
                lines.append(f"not in force on {day.isoformat()}")
            else:
                since = now.start.label()
                lines.append(f"state on {day.isoformat()}: <b>{state_style(now.state).label}</b> (since {since})")
            lines.append(f"sources: {n_now} for this state, {n_all} in all")
            return "<br>".join(lines)
        ent = ws.entity_by_id.get(item_id)
        if ent is None:
            return item_id
        rels = [r for r in ws.relations if item_id in r.members or r.entity == item_id]
        live = sum(1 for r in rels if r.state_at(day) is not None)
        how = self.scene.placement.how.get(item_id, "not on the map") if self.scene.placement else ""
        lines = [f"<b>{ent.name}</b> ({ent.type})", f"{live} of {len(rels)} relations in force on {day.isoformat()}"]
        if self.scene.mode == "map" and how:
            lines.append(f"on the map: {how}")
        return "<br>".join(lines)

    # -- slots -----------------------------------------------------------------------------
    def _on_workspace_replaced(self) -> None:
        self._save_timer.stop()
        self.play_button.setChecked(False)
        self.scene.pinned.clear()
        self.scene.graph_pos = {}
        if is_big(self.state):
            # The old map goes at once; the new one is built after the window's first paint, in steps.
            self.scene.set_workspace(Workspace())
            fill_in(self.state).add("map", self._fill_in_steps)
            return
        self._show_opened()

    def _show_opened(self) -> None:
        self.refresh(fit=True)
        self._restore_opened_view()

    def _restore_opened_view(self) -> None:
        if self.remember_view_state:
            self.restore_view_state(view_state.load(self.state.path, "map"))

    def _fill_in_steps(self) -> Iterator[None]:
        """The opened workspace's map in steps: its topology, the places, then the items and the view.
        An edit meanwhile queues the steps again (see _on_workspace_changed), so all are of one snapshot."""
        ws = self.state.workspace
        topo = mm.build_topology(ws)
        yield
        placement = mm.place_on_map(ws, topo)
        yield
        mm.states_at(ws, self.state.time_cursor)  # works out the snapshot's state days, which the build reuses
        yield
        self.scene.prebuild_nodes(topo, placement)
        yield
        self._rebuild(fit=True, prepared=(topo, placement))
        yield
        self.view.fit()
        self._restore_opened_view()

    def _on_workspace_changed(self) -> None:
        queue = fill_in(self.state)
        if queue.pending("map"):
            queue.add("map", self._fill_in_steps)  # not drawn yet: start over on the new snapshot
            return
        if self.scene.ws is self.state.workspace:
            return
        self.refresh(fit=False)

    def _on_time_cursor_changed(self, iso: str) -> None:
        self._sync_cursor(_dt.date.fromisoformat(iso))

    def _on_selection_changed(self, kind: str, item_id: str) -> None:
        self.scene.set_selection(kind, item_id)

    def _on_compare_period_changed(self, since: str, until: str) -> None:
        report = self.state.compare_report()
        self.scene.set_compare(report.statuses if report is not None else None)
        self.view.schedule_relabel()
        self.view.viewport().update()

    def _on_item_clicked(self, kind: str, item_id: str) -> None:
        self.state.select(kind, item_id)

    def _on_node_dropped(self, node_id: str, x: float, y: float) -> None:
        from PySide6.QtCore import QPointF

        self.scene.pin(node_id, QPointF(x, y))
        self.view.schedule_relabel()

    def _on_filter_toggled(self, *_args) -> None:
        self.scene.set_filters(self.checked(self.kind_menu), self.checked(self.type_menu))
        if self.scene.mode == "graph":
            self.scene.relayout()
        self.view.schedule_relabel()
        self._schedule_save()

    def _on_slider_moved(self, value: int) -> None:
        day = self._lo + _dt.timedelta(days=int(value))
        self._anchor_day = None
        self.state.set_time_cursor(day)

    def _on_slider_action(self, action: int) -> None:
        """Arrow keys and wheel step by the chosen calendar unit, not by a fixed number of days."""
        A = QAbstractSlider.SliderAction
        n = {A.SliderSingleStepAdd.value: 1, A.SliderSingleStepSub.value: -1}.get(int(action))
        if n is None:
            return
        day = self._clamped(step(self.state.time_cursor, self.unit, n, self._anchor_day))
        self.slider.setSliderPosition((day - self._lo).days)

    def _on_date_edited(self, qdate: QDate) -> None:
        day = qdate.toPython()
        if day != self.state.time_cursor:
            self._anchor_day = None
            self.state.set_time_cursor(day)

    def _on_unit_changed(self, _unit: str) -> None:
        self._anchor_day = None
        self._schedule_save()

    def _on_view_moved(self) -> None:
        self._schedule_save()

    def _on_play_toggled(self, on: bool) -> None:
        self.play_button.setText("❚❚" if on else "▶")
        if on:
            start = self.state.time_cursor
            if start >= self._hi:
                start = self._lo
            self._frames = play_frames(start, self._hi, self.unit)[1:]
            if start != self.state.time_cursor:
                self.state.set_time_cursor(start)
            self._play.start()
        else:
            self._play.stop()
            self._frames = []

    def _play_step(self) -> None:
        if not self._frames:
            self.play_button.setChecked(False)
            return
        self.state.set_time_cursor(self._frames.pop(0))
        if not self._frames:  # the last frame (today) is shown: stop there
            self.play_button.setChecked(False)

    # -- time cursor ------------------------------------------------------------------------
    @property
    def unit(self) -> str:
        """The step unit chosen: "day", "month" or "year"."""
        return self.unit_box.currentText()

    def step_cursor(self, n: int) -> None:
        """Move the time cursor ``n`` calendar units (keeping the day of the month across short months)."""
        day = self.state.time_cursor
        if self._anchor_day is None:
            self._anchor_day = day.day
        anchor = self._anchor_day
        self.state.set_time_cursor(self._clamped(step(day, self.unit, n, anchor)))
        self._anchor_day = anchor  # set_time_cursor's slots must not forget it

    def _clamped(self, day: _dt.date) -> _dt.date:
        return min(max(day, _dt.date(1, 1, 1)), _dt.date(9999, 12, 31))

    # -- view state ------------------------------------------------------------------------
    def _schedule_save(self) -> None:
        if self.remember_view_state:
            self._save_timer.start()

    def view_state(self) -> dict:
        """Cursor, step unit, hidden filters and (when the user moved it) the map's zoom, as plain values."""
        hidden_kinds = [a.data() for a in self.kind_menu.actions() if a.isCheckable() and not a.isChecked()]
        hidden_types = [a.data() for a in self.type_menu.actions() if a.isCheckable() and not a.isChecked()]
        values = {"cursor": self.state.time_cursor.isoformat(), "unit": self.unit, "mode": self.scene.mode,
                  "hidden_kinds": hidden_kinds, "hidden_types": hidden_types}
        if not self.view.auto_fit:
            c = self.view.mapToScene(self.view.viewport().rect().center())
            values.update(zoom=self.view.transform().m11(), center_x=c.x(), center_y=c.y())
        return values

    def save_view_state(self) -> None:
        self._save_timer.stop()
        if self.remember_view_state:
            view_state.save(self.state.path, "map", self.view_state())

    def restore_view_state(self, values: dict) -> None:
        """Apply what :meth:`view_state` gave (bad or missing entries are skipped)."""
        unit = values.get("unit")
        if unit in UNITS:
            self.unit_box.blockSignals(True)
            self.unit_box.setCurrentText(unit)
            self.unit_box.blockSignals(False)
        if values.get("mode") in ("map", "graph") and values["mode"] != self.scene.mode:
            self.set_mode(values["mode"])
        hidden_k = set(view_state.as_str_list(values.get("hidden_kinds")) or [])
        hidden_t = set(view_state.as_str_list(values.get("hidden_types")) or [])
        if hidden_k or hidden_t:
            kinds = {a.data() for a in self.kind_menu.actions() if a.isCheckable()} - hidden_k
            types = {a.data() for a in self.type_menu.actions() if a.isCheckable()} - hidden_t
            self.set_filters(kinds, types)
        zoom = view_state.as_float(values.get("zoom"))
        cx, cy = view_state.as_float(values.get("center_x")), view_state.as_float(values.get("center_y"))
        if zoom and cx is not None and cy is not None:
            self.view.show_at(QPointF(cx, cy), zoom)
        try:
            day = _dt.date.fromisoformat(str(values.get("cursor")))
        except ValueError:
            day = None
        if day is not None:
            self.state.set_time_cursor(day)

    def _unpin(self) -> None:
        self.scene.unpin_all()
        self.view.schedule_relabel()

    def start_placing(self, entity_id: str) -> None:
        """The next click on the map gives ``entity_id`` that point's coordinates (Esc cancels)."""
        self.placer.start_placing(entity_id)

    def place_entity(self, entity_id: str, lat: float, lon: float) -> None:
        """Give an actor coordinates (one undoable edit)."""
        self.placer.place_entity(entity_id, lat, lon)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if obj is self.slider and event.type() == QEvent.Type.Wheel:
            dy = event.angleDelta().y() or event.angleDelta().x()
            if dy:
                self.step_cursor(1 if dy > 0 else -1)
            return True
        return super().eventFilter(obj, event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._save_timer.isActive():  # the window is closing: write what is pending now
            self.save_view_state()
        super().hideEvent(event)

    # -- helpers -----------------------------------------------------------------------------
    def _sync_cursor(self, day: _dt.date) -> None:
        if day < self._lo or day > self._hi:
            self._lo, self._hi = min(self._lo, day), max(self._hi, day)
            self.slider.blockSignals(True)
            self.slider.setRange(0, (self._hi - self._lo).days)
            self.slider.blockSignals(False)
        self.slider.blockSignals(True)
        self.slider.setValue((day - self._lo).days)
        self.slider.blockSignals(False)
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.blockSignals(False)
        self._anchor_day = None
        self._schedule_save()
        if day != self.scene.day or not self.scene.states:
            self.scene.set_day(day)
            self.view.schedule_relabel()  # label priorities and the legend follow the states
            self.view.viewport().update()

    def _caption(self) -> str:
        return f"As of {self.scene.day.isoformat()}"

    def _export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export the view", "map.png", "PNG image (*.png);;SVG drawing (*.svg)")
        if not path:
            return
        vp = self.view.viewport().size()
        try:
            out = self.export_image(path, (max(vp.width(), 16) * 2, max(vp.height(), 16) * 2))
        except MapExportError as exc:
            self.state.message_posted.emit(str(exc))
            return
        self.state.message_posted.emit(f"Exported the view to {out}")
