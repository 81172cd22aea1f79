"""Right-click menus and double-clicks on the entity list, the map/graph and the timeline.

Each is an event filter or a context-menu slot installed by the window on a
panel's widget, so the panels themselves stay unaware of the editors (and of
each other). The entries open the relation and event editors, add a state,
or delete with the user told what else refers to the item.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QMenu, QWidget

from briefing_app.model.dates import PartialDate
from briefing_app.model.edits import add_alias
from briefing_app.state import AppState
from briefing_app.ui.editors.name_picker import relation_name
from briefing_app.ui import editors  # the editor dialogs load when first opened
from briefing_app.ui.editors.passage_actions import PassageActions, passage_dates
from briefing_app.viewmodel.timeline.coords import x_to_day

ID_ROLE = Qt.ItemDataRole.UserRole



class ItemMenus(QObject):
    """Builds the menus for entities, relations and events, the same wherever they are shown."""

    def __init__(self, state: AppState, window: QWidget, passage: PassageActions) -> None:
        super().__init__(window)
        self.state = state
        self.window = window
        self.passage = passage
        self.last_dialog: QWidget | None = None
        self.last_menu: QMenu | None = None  # the menu shown last (tests drive it)

    # -- editors --------------------------------------------------------------------------
    def edit_relation(self, relation_id: str | None = None, members: tuple[str, ...] = ()) -> QWidget:
        self.last_dialog = editors.open_relation_editor(self.state, self.window, relation_id, members)
        return self.last_dialog

    def edit_event(self, event_id: str | None = None, **proposed) -> QWidget:
        self.last_dialog = editors.open_event_editor(self.state, self.window, event_id, **proposed)
        return self.last_dialog

    # -- menus ------------------------------------------------------------------------------
    def entity_menu(self, menu: QMenu, entity_id: str) -> None:
        ws = self.state.workspace
        entity = ws.entity_by_id.get(entity_id)
        if entity is None:
            return
        name = entity.name
        menu.addAction(f"New relation with {name}…", lambda: self.edit_relation(members=(entity_id,)))
        menu.addAction(f"New event with {name}…", lambda: self.edit_event(participants=(entity_id,)))
        sel = self.passage.selection()
        if sel is not None:
            alias = " ".join(sel[3].split())
            menu.addAction(f"Add “{alias[:30]}” as alias of {name}",
                           lambda: self.state.edit(f"Add alias “{alias}” to {name}", add_alias, entity_id, alias))
        related = sorted((r for r in ws.relations if entity_id in r.members), key=lambda r: relation_name(ws, r.id))
        if related:
            sub = menu.addMenu("Edit relation")
            for r in related[:40]:
                sub.addAction(relation_name(ws, r.id), lambda rid=r.id: self.edit_relation(rid))

    def relation_menu(self, menu: QMenu, relation_id: str, state_index: int = -1) -> None:
        ws = self.state.workspace
        if relation_id not in ws.relation_by_id:
            return
        menu.addAction("Edit relation and states…", lambda: self.edit_relation(relation_id))
        if state_index >= 0:
            rel = ws.relation_by_id[relation_id]
            st = rel.states[state_index]
            menu.addAction(f"Edit the '{st.state}' state from {st.start.label()}…", lambda: self.edit_relation(relation_id))
        if self.passage.selection() is not None:
            menu.addAction("New state from the reader's selection…", lambda: self._state_from_selection(relation_id))
        menu.addSeparator()
        menu.addAction("Delete relation…", lambda: editors.confirm_delete_relation(self.window, self.state, relation_id))

    def event_menu(self, menu: QMenu, event_id: str) -> None:
        if event_id not in self.state.workspace.event_by_id:
            return
        menu.addAction("Edit event…", lambda: self.edit_event(event_id))
        menu.addSeparator()
        menu.addAction("Delete event…", lambda: editors.confirm_delete_event(self.window, self.state, event_id))

    def empty_menu(self, menu: QMenu, day=None) -> None:  # noqa: ANN001 - a date or None
        menu.addAction("New relation…", lambda: self.edit_relation())
        if day is not None:
            menu.addAction(f"New event on {day.isoformat()}…",
                           lambda: self.edit_event(date=PartialDate.from_date(day)))
        else:
            menu.addAction("New event…", lambda: self.edit_event())

    def _state_from_selection(self, relation_id: str) -> None:
        sel = self.passage.selection()
        if sel is None:
            return
        date, _ = passage_dates(self.state, sel[0], sel[3])
        self.last_dialog = editors.open_relation_editor(self.state, self.window, relation_id,
                                                passage=self.passage.pending(sel), new_state_from=date)

    def popup(self, fill: Callable[[QMenu], None], global_pos: QPoint) -> QMenu:
        menu = QMenu(self.window)
        fill(menu)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if menu.actions():
            menu.popup(global_pos)
        self.last_menu = menu
        return menu


class EntityListMenu(QObject):
    """The entity list's right-click menu gains the entity's relation and event entries."""

    def __init__(self, panel, menus: ItemMenus) -> None:  # noqa: ANN001 - the EntityPanel
        super().__init__(panel)
        self.menus = menus
        panel.menu_extensions.append(self._fill)

    def _fill(self, menu: QMenu, entity_id: str | None) -> None:
        if entity_id:
            self.menus.entity_menu(menu, entity_id)
        else:
            self.menus.empty_menu(menu)
        self.menus.last_menu = menu


class MapItemMenu(QObject):
    """Right-click on the map or graph: menus for the actor or relation under the pointer."""

    def __init__(self, view, menus: ItemMenus) -> None:  # noqa: ANN001 - the MapView
        super().__init__(view)
        self.view = view
        self.menus = menus
        view.viewport().installEventFilter(self)

    def item_at(self, pos: QPoint) -> tuple[str, str] | None:
        scale = max(self.view.transform().m11(), 1e-9)
        return self.view.map_scene.item_at(self.view.mapToScene(pos), 6.0 / scale, self.view.viewportTransform())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.ContextMenu:
            return False
        hit = self.item_at(event.pos())
        if hit and hit[0] == "entity":
            fill = lambda m: self.menus.entity_menu(m, hit[1])  # noqa: E731
        elif hit and hit[0] == "relation":
            fill = lambda m: self.menus.relation_menu(m, hit[1])  # noqa: E731
        else:
            fill = self.menus.empty_menu
        self.menus.popup(fill, event.globalPos())
        return True


class TimelineItemMenu(QObject):
    """Right-click and double-click on the timeline: edit the event or relation state under the pointer."""

    def __init__(self, view, menus: ItemMenus) -> None:  # noqa: ANN001 - the TimelineView
        super().__init__(view)
        self.view = view
        self.menus = menus
        view.viewport().installEventFilter(self)

    def target_at(self, pos: QPoint) -> tuple[str, str, int] | None:
        """('event', id, -1) or ('relation', id, state index) under a viewport point."""
        view, g = self.view, self.view.geom
        if g is None:
            return None
        scene_pos = view.mapToScene(pos)
        header = view.header_at(scene_pos)
        if header is not None and header.kind == "row":
            return "relation", g.rows[header.index].relation, -1
        hit = view.hit_at(scene_pos)
        if hit is None:
            return None
        if hit.kind == "event":
            return "event", g.ev_ids[hit.index], -1
        if hit.kind == "span":
            return "relation", g.span_relation[hit.index], int(g.span_index[hit.index])
        return None

    def day_at(self, pos: QPoint):  # noqa: ANN201 - a date or None
        try:
            x = self.view.getPlotItem().getViewBox().mapSceneToView(self.view.mapToScene(pos)).x()
            return x_to_day(float(x))
        except (ValueError, OverflowError):
            return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.MouseButtonDblClick and event.button() == Qt.MouseButton.LeftButton:
            target = self.target_at(event.position().toPoint())
            if target is None:
                return False
            if target[0] == "event":
                self.menus.edit_event(target[1])
            else:
                self.menus.edit_relation(target[1])
            return True
        if kind == QEvent.Type.ContextMenu:
            target = self.target_at(event.pos())
            if target is None:
                day = self.day_at(event.pos())
                fill = lambda m: self.menus.empty_menu(m, day)  # noqa: E731
            elif target[0] == "event":
                fill = lambda m: self.menus.event_menu(m, target[1])  # noqa: E731
            else:
                fill = lambda m: self.menus.relation_menu(m, target[1], target[2])  # noqa: E731
            self.menus.popup(fill, event.globalPos())
            return True
        return False
