"""Installs the relation and event authoring into the main window.

Edit ▸ New relation… and New event…; the reader's selection pop-up and
right-click menu; right-click menus on the entity list, the map/graph and
the timeline; double-click on the timeline to edit; drag between actors on
the graph to draw a relation. The window calls :func:`install_authoring`
once; panels are reached through the widgets they expose, so they need no
code of their own for this and still never import each other.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from briefing_app.state import AppState
from briefing_app.ui.editors.graph_link import GraphLinker
from briefing_app.ui.editors.item_menus import EntityListMenu, ItemMenus, MapItemMenu, TimelineItemMenu
from briefing_app.ui.editors.passage_actions import Annotate, PassageActions, SelectionPopup


class Authoring:
    """What :func:`install_authoring` made, kept for the window's lifetime (and for tests)."""

    def __init__(self, window: QMainWindow, state: AppState, annotate: Annotate) -> None:
        self.window = window
        self.state = state
        reader_view = window.reader.view
        self.passage = PassageActions(state, reader_view, annotate, window)
        self.popup = SelectionPopup(self.passage)
        self.menus = ItemMenus(state, window, self.passage)
        self.new_relation_action = QAction("New &relation…", window)
        self.new_relation_action.triggered.connect(lambda: self.menus.edit_relation())
        self.new_event_action = QAction("New e&vent…", window)
        self.new_event_action.triggered.connect(lambda: self.menus.edit_event())
        self.linker: GraphLinker | None = None
        self.hooks: list[object] = []
        self._install_panels(reader_view)

    def _install_panels(self, reader_view: QWidget) -> None:
        reader_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        reader_view.customContextMenuRequested.connect(self.passage.show_context_menu)
        panels = getattr(self.window, "panels", {})
        entities = panels.get("entities")
        if entities is not None and hasattr(entities, "menu_extensions"):
            self.hooks.append(EntityListMenu(entities, self.menus))
        map_panel = panels.get("map")
        if map_panel is not None and hasattr(map_panel, "view"):
            self.hooks.append(MapItemMenu(map_panel.view, self.menus))
            self.linker = GraphLinker(map_panel.view, self._on_linked)
            toolbar = getattr(map_panel, "toolbar", None)
            if toolbar is not None:
                toolbar.addAction(self.linker.action)
        timeline = panels.get("timeline")
        if timeline is not None and hasattr(timeline, "view"):
            self.hooks.append(TimelineItemMenu(timeline.view, self.menus))

    def add_to_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addAction(self.new_relation_action)
        menu.addAction(self.new_event_action)

    def _on_linked(self, source: str, target: str) -> None:
        self.menus.edit_relation(members=(source, target))


def install_authoring(window: QMainWindow, edit_menu: QMenu, annotate: Callable[..., object]) -> Authoring:
    """Add relation/event authoring to ``window`` (its reader, panels and Edit menu)."""
    authoring = Authoring(window, window.state, annotate)
    authoring.add_to_menu(edit_menu)
    return authoring
