"""The zoomable, pannable view of a :class:`MapScene`, with legend, tooltips and clicks."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QTransform, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QToolTip

from briefing_app.render.map import image as map_render
from briefing_app.render.map import style
from briefing_app.render.map.scene import MapScene

CLICK_TOLERANCE_PX = 6.0
INSET_UNTIL_SHARE = 0.3  # the inset shows while the core spans less than this share of the view's width
INSET_SHARES = (0.36, 0.3, 0.25)  # inset widths tried, as shares of the map's width, largest first
INSET_MIN_WIDTH = 140.0  # narrower than this an enlargement shows too little to be worth the corner


def free_inset_box(area: QRectF, core_screen: QRectF, core: QRectF, markers) -> QRectF | None:
    """The largest inset (of ``INSET_SHARES``) whose corner covers no actor and not the region it enlarges.

    Returns None when every size and corner would hide something of the theatre.
    """
    for share in INSET_SHARES:
        if area.width() * share < INSET_MIN_WIDTH:
            break
        box = map_render.inset_box(area, core_screen, core, markers, share=share)
        near = box.adjusted(-4, -4, 4, 4)
        if near.intersects(core_screen):
            continue
        if not any(near.contains(QPointF(x, y)) for x, y, _w in markers):
            return box
    return None


class MapView(QGraphicsView):
    """Wheel zooms at the pointer, dragging pans; click and hover report items.

    Signals:
        item_clicked(kind, id): a node ('entity') or edge ('relation') was
            clicked; ('', '') for empty space.
        node_dropped(node id, x, y): a node was dragged to a scene position
            (graph mode: the panel pins it).
        view_moved(): the user zoomed or panned.
    """

    item_clicked = Signal(str, str)
    node_dropped = Signal(str, float, float)
    view_moved = Signal()  # the user zoomed or panned

    def __init__(self, scene: MapScene, parent=None):
        super().__init__(scene, parent)
        self.map_scene = scene
        self.tooltip_text = None  # callable (kind, id) -> str, set by the panel
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)  # a resize keeps what is in the middle
        # Countries and ocean do not change with the date: one cached pixmap, redrawn on zoom or pan only.
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)  # items set what they use
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.show_legend = True
        self.show_inset = True
        self._inset_box = QRectF()
        self._inset_image: QImage | None = None
        self._inset_for = None  # the view transform the inset was made for
        self._auto_fit = True  # until the user zooms or pans, a resize re-frames the view
        self._press: QPointF | None = None
        self._dragging_node = None
        self._pick = None  # callable(scene point) waiting for the next click (placing an actor)
        self._labels_timer = QTimer(self)
        self._labels_timer.setSingleShot(True)
        self._labels_timer.setInterval(40)
        self._labels_timer.timeout.connect(self.relabel)
        # The scene rect is huge so panning is never stopped at the world's edge.
        self.setSceneRect(QRectF(-20000, -20000, 40000, 40000))

    # -- framing -------------------------------------------------------------------------
    def fit(self, rect: QRectF | None = None, *, relabel: bool = True) -> None:
        """Frame ``rect``, or the theatre (map) / whole graph; the latter keeps framing on resize.

        The rectangle is framed above the legend band, which would otherwise hide its bottom.
        ``relabel=False``: place the labels in the next event-loop pass, not now.
        """
        target = rect if rect is not None else self.map_scene.default_rect()
        vp = self.viewport().rect()
        band = self.legend_rect().height()
        if band > 0 and vp.height() - band > 40 and target.width() > 0 and target.height() > 0:
            free_aspect = vp.width() / (vp.height() - band)
            w, h = target.width(), target.height()
            w, h = max(w, h * free_aspect), max(h, w / free_aspect)
            c = target.center()
            top = c.y() - h / 2
            target = QRectF(c.x() - w / 2, top, w, h * vp.height() / (vp.height() - band))
        self.fitInView(target, Qt.AspectRatioMode.KeepAspectRatio)
        self._auto_fit = rect is None
        if relabel:
            self.relabel()
        else:
            self.schedule_relabel()

    def fit_all(self) -> None:
        """Frame every placed actor, peripheral ones included."""
        self.fit(self.map_scene.all_rect())

    def zoom(self, factor: float) -> None:
        self._auto_fit = False
        scale = self.transform().m11()
        factor = max(1e-3 / scale, min(factor, 500.0 / scale))  # keep within sane bounds
        self.scale(factor, factor)
        self.schedule_relabel()
        self.view_moved.emit()

    @property
    def auto_fit(self) -> bool:
        """True while the view frames the theatre by itself (the user has not zoomed or panned)."""
        return self._auto_fit

    def show_at(self, center: QPointF, scale: float) -> None:
        """Show ``center`` in the middle at ``scale`` pixels per scene unit (a remembered view)."""
        if not (1e-6 < scale < 1e6):
            return
        self.setTransform(QTransform.fromScale(scale, scale))
        self.centerOn(center)
        self._auto_fit = False
        self.schedule_relabel()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom(1.2 ** steps)
        event.accept()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._auto_fit:
            # Labels once the layout has settled: opening a workspace resizes the view several times.
            self.fit(relabel=False)
        else:
            self.schedule_relabel()

    def schedule_relabel(self) -> None:
        self._labels_timer.start()

    def relabel(self) -> int:
        """Place labels for the current view, after redrawing the inset (its labels differ); returns labels shown."""
        self._labels_timer.stop()  # a relabel asked for earlier is done by this one
        vp = QRectF(self.viewport().rect())
        legend = self.legend_rect()
        self._update_inset(vp.adjusted(0, 0, 0, -legend.height()))
        avoid = [r for r in (legend, self.inset_rect()) if not r.isEmpty()]
        return self.map_scene.layout_labels(self.viewportTransform(), vp, avoid)

    # -- inset: the theatre's dense core, enlarged ----------------------------------------------
    def _update_inset(self, area: QRectF) -> None:
        """Show the core (Japan–Korea in the example) enlarged in a corner while it is small on screen."""
        scene = self.map_scene
        self._inset_box, self._inset_image = QRectF(), None
        self._inset_for = None
        if not self.show_inset or scene.mode != "map" or scene.core is None:
            return
        if area.width() < 240 or area.height() < 160:
            return
        transform = self.viewportTransform()
        core_screen = transform.mapRect(scene.core[1])
        if core_screen.width() >= INSET_UNTIL_SHARE * area.width():  # zoomed in enough: no need
            return
        box = free_inset_box(area, core_screen, scene.core[1], map_render.marker_weights(scene, transform))
        if box is None:  # every corner would hide actors of the theatre: better no inset
            return
        ratio = max(1.0, self.devicePixelRatioF())
        image = QImage(int(box.width() * ratio), int(box.height() * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(QColor("white"))
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        try:
            map_render.paint_inset(p, scene, scene.core[1], QRectF(0, 0, box.width(), box.height()), None,
                                   scene.inset_title())  # "click to zoom" is in its tooltip
        finally:
            p.end()
        self._inset_box, self._inset_image = box, image
        self._inset_for = self.viewportTransform()

    def inset_rect(self) -> QRectF:
        """Where the inset is drawn, in viewport pixels (empty when none is shown or the view moved since)."""
        if self._inset_image is None or self._inset_for != self.viewportTransform():
            return QRectF()
        return QRectF(self._inset_box)

    def legend_rect(self) -> QRectF:
        """Where the legend band is drawn, in viewport pixels (empty when there is none)."""
        if not self.show_legend:
            return QRectF()
        kinds, states = self.map_scene.present_kinds_states()
        w = float(self.viewport().width())
        h = style.legend_band_height(kinds, states, w)
        if h <= 0:
            return QRectF()
        return QRectF(0, self.viewport().height() - h, w, h)

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    # -- background and legend ------------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt override
        """A light margin, then the scene's map (cached with it, see CacheBackground).

        The map is a light figure in either palette (its labels are dark), so beyond the
        Earth's outline the view must not show a dark palette's base colour. A background
        brush would do that but replaces the scene's drawBackground, hence this override.
        """
        painter.fillRect(rect, QColor(style.MAP_MARGIN))
        self.map_scene.drawBackground(painter, rect)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt override
        if not self.inset_rect().isEmpty() and self.map_scene.core is not None:
            painter.save()
            outline = self.mapFromScene(self.map_scene.core[1]).boundingRect()
            painter.resetTransform()
            painter.setPen(QPen(QColor("#1d1d1d"), 1.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(outline))
            painter.drawImage(self._inset_box.topLeft(), self._inset_image)
            painter.restore()
        if not self.show_legend:
            return
        kinds, states = self.map_scene.present_kinds_states()
        if not kinds and not states:
            return
        painter.save()
        painter.resetTransform()
        style.paint_legend_band(painter, self.legend_rect(), kinds, states)
        painter.restore()

    # -- mouse --------------------------------------------------------------------------------
    def pick_point(self, callback) -> None:
        """Give the scene position of the next plain left click to ``callback`` (Esc cancels)."""
        self._pick = callback
        self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        self.setFocus()

    def _end_pick(self):
        callback, self._pick = self._pick, None
        self.viewport().unsetCursor()
        return callback

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._pick is not None and event.key() == Qt.Key.Key_Escape:
            self._end_pick()
            event.accept()
            return
        super().keyPressEvent(event)

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
        if not moved and event.button() == Qt.MouseButton.LeftButton and self._pick is not None:
            self._end_pick()(self.mapToScene(event.position().toPoint()))
            return
        if not moved and event.button() == Qt.MouseButton.LeftButton and self.inset_rect().contains(event.position()):
            self.fit(self.map_scene.core[1])  # the inset: zoom the map onto the enlarged region
            return
        if not moved and event.button() == Qt.MouseButton.LeftButton:
            hit = self._hit(event.position().toPoint())
            self.item_clicked.emit(*(hit or ("", "")))
        if moved:
            self._auto_fit = False
            self.schedule_relabel()
            self.view_moved.emit()

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip and self.inset_rect().contains(QPointF(event.pos())):
            QToolTip.showText(event.globalPos(), f"{self.map_scene.inset_title()}: click to zoom the map there", self)
            return True
        if event.type() == QEvent.Type.ToolTip and self.tooltip_text is not None:
            hit = self._hit(event.pos())
            if hit:
                QToolTip.showText(event.globalPos(), self.tooltip_text(*hit), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)
