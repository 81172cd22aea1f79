"""The zoomable, pannable view of a :class:`MapScene`, with legend, tooltips and clicks."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QToolTip

from briefing_app.ui import map_style as style
from briefing_app.ui.map_scene import MapScene

CLICK_TOLERANCE_PX = 6.0


class MapView(QGraphicsView):
    """Wheel zooms at the pointer, dragging pans; click and hover report items.

    Signals:
        item_clicked(kind, id): a node ('entity') or edge ('relation') was
            clicked; ('', '') for empty space.
        node_dropped(node id, x, y): a node was dragged to a scene position
            (graph mode: the panel pins it).
    """

    item_clicked = Signal(str, str)
    node_dropped = Signal(str, float, float)

    def __init__(self, scene: MapScene, parent=None):
        super().__init__(scene, parent)
        self.map_scene = scene
        self.tooltip_text = None  # callable (kind, id) -> str, set by the panel
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.show_legend = True
        self._auto_fit = True  # until the user zooms or pans, a resize re-frames the view
        self._press: QPointF | None = None
        self._dragging_node = None
        self._labels_timer = QTimer(self)
        self._labels_timer.setSingleShot(True)
        self._labels_timer.setInterval(40)
        self._labels_timer.timeout.connect(self.relabel)
        # The scene rect is huge so panning is never stopped at the world's edge.
        self.setSceneRect(QRectF(-20000, -20000, 40000, 40000))

    # -- framing -------------------------------------------------------------------------
    def fit(self, rect: QRectF | None = None) -> None:
        self.fitInView(rect if rect is not None else self.map_scene.default_rect(), Qt.AspectRatioMode.KeepAspectRatio)
        self._auto_fit = rect is None
        self.relabel()

    def zoom(self, factor: float) -> None:
        self._auto_fit = False
        scale = self.transform().m11()
        factor = max(1e-3 / scale, min(factor, 500.0 / scale))  # keep within sane bounds
        self.scale(factor, factor)
        self.schedule_relabel()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom(1.2 ** steps)
        event.accept()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._auto_fit:
            self.fit()
        else:
            self.schedule_relabel()

    def schedule_relabel(self) -> None:
        self._labels_timer.start()

    def relabel(self) -> int:
        vp = self.viewport().rect()
        return self.map_scene.layout_labels(self.viewportTransform(), QRectF(vp))

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    # -- legend ------------------------------------------------------------------------------
    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt override
        if not self.show_legend:
            return
        kinds, states = self.map_scene.present_kinds_states()
        if not kinds and not states:
            return
        painter.save()
        painter.resetTransform()
        w, h = style.legend_size(kinds, states)
        style.paint_legend(painter, QPointF(8, self.viewport().height() - h - 8), kinds, states)
        painter.restore()

    # -- mouse --------------------------------------------------------------------------------
    def _hit(self, pos) -> tuple[str, str] | None:
        tol = CLICK_TOLERANCE_PX / max(self.transform().m11(), 1e-9)
        return self.map_scene.item_at(self.mapToScene(pos), tol, self.viewportTransform())

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._press = event.position()
        node = None
        if event.button() == Qt.MouseButton.LeftButton and self.map_scene.mode == "graph":
            node = self.map_scene.node_for(self.itemAt(event.position().toPoint()))
        if node is not None:
            self._dragging_node = node
            self.setDragMode(QGraphicsView.DragMode.NoDrag)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._dragging_node is not None:
            self._dragging_node.setPos(self.mapToScene(event.position().toPoint()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        moved = self._press is not None and (event.position() - self._press).manhattanLength() > 4
        node = self._dragging_node
        self._dragging_node = None
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        if node is not None and moved:
            p = node.pos()
            self.node_dropped.emit(node.spec.id, p.x(), p.y())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if not moved and event.button() == Qt.MouseButton.LeftButton:
            hit = self._hit(event.position().toPoint())
            self.item_clicked.emit(*(hit or ("", "")))
        if moved:
            self._auto_fit = False
            self.schedule_relabel()

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip and self.tooltip_text is not None:
            hit = self._hit(event.pos())
            if hit:
                QToolTip.showText(event.globalPos(), self.tooltip_text(*hit), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)
