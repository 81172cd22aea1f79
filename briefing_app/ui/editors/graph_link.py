"""Drawing a relation on the graph view: drag from one actor to another (as in Analyst's Notebook).

Installed on the map view's viewport as an event filter. A drag that
starts on an actor with Shift held (graph mode) or with "Draw relation"
switched on (graph or map) draws a dashed line instead of moving the actor
or panning; releasing it on another actor calls back with the two entity
ids, and the relation editor asks for the kind and first state. Anywhere
else it is cancelled.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QLineF, QObject, QPointF, Qt
from PySide6.QtGui import QAction, QColor, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsView

PICK_TOLERANCE_PX = 8.0


class GraphLinker(QObject):
    """Turns a drag between two actors of the graph into ``on_linked(source id, target id)``.

    Args:
        view: The map view (a QGraphicsView whose ``map_scene`` has ``mode``
            and ``item_at``).
        on_linked: Called with the two entity ids when a drag ends on another actor.
    """

    def __init__(self, view: QGraphicsView, on_linked: Callable[[str, str], object]) -> None:
        super().__init__(view)
        self.view = view
        self.on_linked = on_linked
        self.action = QAction("Draw relation", self)
        self.action.setCheckable(True)
        self.action.setToolTip("Graph: drag from one actor to another to record a relation between them "
                               "(or hold Shift while dragging)")
        self._source: str | None = None
        self._line: QGraphicsLineItem | None = None
        view.viewport().installEventFilter(self)

    def actor_at(self, pos: QPointF) -> str | None:
        """The entity id of the actor under a viewport point, or None."""
        scale = max(self.view.transform().m11(), 1e-9)
        hit = self.view.map_scene.item_at(self.view.mapToScene(pos.toPoint()), PICK_TOLERANCE_PX / scale,
                                          self.view.viewportTransform())
        return hit[1] if hit and hit[0] == "entity" else None

    def _linking(self, event) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        return self.action.isChecked() or (shift and self.view.map_scene.mode == "graph")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and self._linking(event):
            source = self.actor_at(event.position())
            if source is None:
                return False
            self._source = source
            start = self.view.mapToScene(event.position().toPoint())
            self._line = QGraphicsLineItem(QLineF(start, start))
            pen = QPen(QColor("#c04000"), 2.0, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            self._line.setPen(pen)
            self._line.setZValue(100)
            self.view.scene().addItem(self._line)
            return True
        if kind == QEvent.Type.MouseMove and self._source is not None and self._line is not None:
            line = self._line.line()
            line.setP2(self.view.mapToScene(event.position().toPoint()))
            self._line.setLine(line)
            return True
        if kind == QEvent.Type.MouseButtonRelease and self._source is not None:
            source, self._source = self._source, None
            if self._line is not None:
                self.view.scene().removeItem(self._line)
                self._line = None
            target = self.actor_at(event.position())
            if target is not None and target != source:
                self.on_linked(source, target)
            return True
        return False
