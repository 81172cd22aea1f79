"""Places for the actors the map cannot put anywhere: the "N not on the map" button of the map panel.

Each unplaced actor gets a submenu of gazetteer matches for its names and a
"click on the map" entry; either gives it coordinates in one undoable edit.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from briefing_app.model import edits
from briefing_app.model.queries import display_name
from briefing_app.render.map.scene import MapScene
from briefing_app.state import AppState
from briefing_app.ui.map.view import MapView
from briefing_app.viewmodel.map import gazetteer


class ActorPlacer(QObject):
    """The button, its menu and the click-to-place mode for actors without a place."""

    def __init__(self, state: AppState, scene: MapScene, view: MapView, parent: QWidget):
        super().__init__(parent)
        self.state, self.scene, self.view = state, scene, view
        self.button = QToolButton(parent)
        self.button.setAutoRaise(True)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.button)
        self.menu.aboutToShow.connect(self.fill_menu)
        self.button.setMenu(self.menu)

    def update_button(self) -> None:
        unplaced = list(self.scene.placement.unplaced) if self.scene.placement else []
        shown = bool(unplaced) and self.scene.mode == "map"
        self.button.setVisible(shown)
        if shown:
            ws = self.state.workspace
            names = ", ".join(display_name(ws, i) for i in unplaced[:12])
            self.button.setText(f"{len(unplaced)} not on the map ▾")
            self.button.setToolTip(f"No place, country, affiliation or relation to put them by: {names}. "
                                         "Click to give one a place.")

    def fill_menu(self) -> None:
        """One submenu per unplaced actor: gazetteer matches for its names, and "click on the map"."""
        from PySide6.QtGui import QGuiApplication

        menu = self.menu
        menu.clear()
        ws = self.state.workspace
        unplaced = list(self.scene.placement.unplaced) if self.scene.placement else []
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the gazetteer loads on first use
        try:
            for entity_id in unplaced[:25]:
                ent = ws.entity_by_id.get(entity_id)
                if ent is None:
                    continue
                sub = menu.addMenu(display_name(ws, entity_id))
                for match in gazetteer.lookup([ent.name, *(a.text for a in ent.aliases)]):
                    act = sub.addAction(f"At {match.label()}")
                    act.triggered.connect(lambda _=False, e=entity_id, m=match: self.place_entity(e, m.lat, m.lon))
                if not sub.actions():
                    sub.addAction("(no city of that name in the gazetteer)").setEnabled(False)
                sub.addSeparator()
                pick = sub.addAction("Click on the map to place it…")
                pick.triggered.connect(lambda _=False, e=entity_id: self.start_placing(e))
        finally:
            QGuiApplication.restoreOverrideCursor()

    def start_placing(self, entity_id: str) -> None:
        """The next click on the map gives ``entity_id`` that point's coordinates (Esc cancels)."""
        name = display_name(self.state.workspace, entity_id)
        self.state.message_posted.emit(f"Click on the map where {name} belongs (Esc to cancel)")
        self.view.pick_point(lambda pos, e=entity_id: self._on_point_picked(e, pos))

    def _on_point_picked(self, entity_id: str, pos) -> None:
        where = gazetteer.scene_to_lonlat(pos.x(), pos.y())
        if where is None:
            self.state.message_posted.emit("That point is off the map: nothing placed")
            return
        self.place_entity(entity_id, where[1], where[0])

    def place_entity(self, entity_id: str, lat: float, lon: float) -> None:
        """Give an actor coordinates (one undoable edit)."""
        name = display_name(self.state.workspace, entity_id)
        self.state.edit(f"Place {name} on the map", edits.update_item, "entities", entity_id,
                        lat=round(lat, 4), lon=round(lon, 4))
