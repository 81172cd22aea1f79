"""Map and relationship panel: who stands with whom, at any date.

A toolbar (map/graph switch, filters, fit, export), the view, and a date
slider with a play button. The panel follows AppState (workspace, time
cursor, selection) and changes it only through AppState's commands.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSlider,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing_app.model.queries import display_name
from briefing_app.viewmodel.map import model as mm
from briefing_app.render.map.image import MapExportError, render_scene, write_image
from briefing_app.render.map.scene import MapScene
from briefing_app.render.map.style import state_style
from briefing_app.ui.map.view import MapView

PLAY_STEP_DAYS = 30
PLAY_INTERVAL_MS = 120


class MapPanel(QWidget):
    """The map/graph dock. Dock title "Map", preferred area: right (or centre-right)."""

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.scene = MapScene(self)
        self.view = MapView(self.scene, self)
        self.view.tooltip_text = self.tooltip_text
        self._lo = self._hi = _dt.date.today()
        self._known: dict[int, set[str]] = {}  # filter menu -> names it has offered
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
        self.play_button.setToolTip("Play: step the date forward a month at a time")
        self.play_button.toggled.connect(self._on_play_toggled)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setToolTip("The date the relations are drawn at (the time cursor)")
        self.slider.valueChanged.connect(self._on_slider_moved)
        self.date_label = QLabel(self)
        self.date_label.setMinimumWidth(90)
        self.note_label = QLabel(self)
        self.note_label.setStyleSheet("color: #666;")
        row.addWidget(self.play_button)
        row.addWidget(self.slider, 1)
        row.addWidget(self.date_label)
        row.addWidget(self.note_label)
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
        ws = self.state.workspace
        self.scene.day = self.state.time_cursor
        self.scene.set_workspace(ws, keep_graph=not fit)
        self._fill_filter_menus()
        self._lo, self._hi = mm.date_range(ws)
        self._lo = min(self._lo, self.state.time_cursor)
        self._hi = max(self._hi, self.state.time_cursor)
        self.slider.blockSignals(True)
        self.slider.setRange(0, (self._hi - self._lo).days)
        self.slider.setPageStep(365)
        self.slider.setSingleStep(30)
        self.slider.blockSignals(False)
        self._sync_cursor(self.state.time_cursor)
        report = self.state.compare_report()
        self.scene.set_compare(report.statuses if report is not None else None)
        self.scene.set_selection(*self.state.selection)
        unplaced = len(self.scene.placement.unplaced) if self.scene.placement else 0
        self.note_label.setText(f"{unplaced} not on the map" if unplaced and self.scene.mode == "map" else "")
        if self.scene.placement and unplaced:
            names = ", ".join(display_name(ws, i) for i in self.scene.placement.unplaced[:12])
            self.note_label.setToolTip(f"No place, country, affiliation or relation to put them by: {names}")
        if fit:
            self.view.fit()
        else:
            self.view.schedule_relabel()

    def set_mode(self, mode: str) -> None:
        """Switch between "map" and "graph" (one click on the toolbar)."""
        self.scene.set_mode(mode)
        self.map_action.setChecked(mode == "map")
        self.graph_action.setChecked(mode == "graph")
        self.unpin_action.setEnabled(mode == "graph")
        self.view.fit()
        unplaced = len(self.scene.placement.unplaced) if self.scene.placement else 0
        self.note_label.setText(f"{unplaced} not on the map" if unplaced and mode == "map" else "")
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
        try:
            return write_image(path, self.scene, self.view.visible_scene_rect(), size, self._caption())
        finally:
            self.view.relabel()  # the image placed labels for its own size: put the view's back

    def grab_view_image(self, size: tuple[int, int]):
        """The current view as a QImage (for copy/paste or a report)."""
        try:
            return render_scene(self.scene, self.view.visible_scene_rect(), size, self._caption())
        finally:
            self.view.relabel()

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
        self.scene.pinned.clear()
        self.scene.graph_pos = {}
        self.refresh(fit=True)

    def _on_workspace_changed(self) -> None:
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

    def _on_slider_moved(self, value: int) -> None:
        day = self._lo + _dt.timedelta(days=int(value))
        self.date_label.setText(day.isoformat())
        self.state.set_time_cursor(day)

    def _on_play_toggled(self, on: bool) -> None:
        self.play_button.setText("❚❚" if on else "▶")
        if on:
            if self.slider.value() >= self.slider.maximum():
                self.slider.setValue(0)
            self._play.start()
        else:
            self._play.stop()

    def _play_step(self) -> None:
        nxt = self.slider.value() + PLAY_STEP_DAYS
        if nxt >= self.slider.maximum():
            self.slider.setValue(self.slider.maximum())
            self.play_button.setChecked(False)
            return
        self.slider.setValue(nxt)

    def _unpin(self) -> None:
        self.scene.unpin_all()
        self.view.schedule_relabel()

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
        self.date_label.setText(day.isoformat())
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
