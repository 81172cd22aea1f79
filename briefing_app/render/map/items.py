"""Thin graphics items of the map: countries, nodes with labels, relation edges.

Geometry comes from pure functions (:mod:`briefing_app.viewmodel.map.geo`,
:mod:`map_model`); these items only hold a precomputed QPainterPath and a
shared pen, so restyling is ``setPen`` + ``setVisible`` and painting is
Qt's own.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QPolygonF
from pyqtgraph.functions import create_qpolygonf, ndarray_from_qpolygonf
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
)

from briefing_app.viewmodel.map import geo
from briefing_app.render.map import style
from briefing_app.viewmodel.map.labels import leader_line
from briefing_app.viewmodel.map.model import EdgeSpec, NodeSpec

ROLE = 0  # item.data(ROLE) -> ("entity" | "relation", id)
SEAM_CHECK_UNITS = 0.9 * geo.world_half_width()  # ends closer than this in x never cross the seam


def qpolygon(points) -> QPolygonF:  # noqa: ANN001 - an (n, 2) array or a sequence of (x, y)
    """A QPolygonF filled from an array in one copy (a QPointF per vertex costs ~10x more)."""
    arr = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    poly = create_qpolygonf(len(arr))
    if len(arr):
        ndarray_from_qpolygonf(poly)[:] = arr
    return poly


def polygon_path(polygons) -> QPainterPath:
    """One path for a country's polygons (odd-even fill: holes stay open)."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for poly in polygons:
        for ring in poly:
            path.addPolygon(qpolygon(ring))
            path.closeSubpath()
    return path


def polyline_path(points: np.ndarray, closed: bool = False) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(qpolygon(points))
    if closed:
        path.closeSubpath()
    return path


class NodeItem(QGraphicsPathItem):
    """A node marker of constant screen size, with its label as a child.

    The item ignores the view's zoom, so its own coordinates are pixels;
    the label's offset (chosen by the label placer) is in pixels too.
    """

    def __init__(self, spec: NodeSpec):
        shape, colour, r = style.TYPE_MARKERS.get(spec.type, style.DEFAULT_MARKER)
        super().__init__(style.marker_path(shape, r))
        self.spec = spec
        self.radius = r * 1.25
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setBrush(QBrush(QColor(colour)))
        pen = QPen(QColor("white"), 1.2)
        self.setPen(pen)
        self.setZValue(20 if spec.type in ("country", "hub") else 15)
        self.setData(ROLE, ("relation", spec.relation) if spec.type == "hub" and spec.entity is None
                     else ("entity", spec.entity or spec.id))
        bold = spec.type == "country"  # hubs are told by their gold colour, countries by weight
        name = spec.name if len(spec.name) <= 30 else spec.name[:28].rstrip() + "…"
        self.label = QGraphicsSimpleTextItem(name, self)
        self.label.setFont(style.label_font(8.5 if bold else 7.5, bold=bold))
        if spec.type == "hub":
            font = self.label.font()
            font.setItalic(True)
            self.label.setFont(font)
        self.label.setBrush(QBrush(QColor("#1d1d1d" if spec.type != "hub" else "#7a5a00")))
        self.label.setPos(self.radius + 3, -self.label.boundingRect().height() / 2)
        # a faint plate behind the text keeps it legible where relations cross it
        plate = QGraphicsRectItem(self.label.boundingRect().adjusted(-1.5, 0.5, 1.5, -0.5), self.label)
        plate.setBrush(QColor(255, 255, 255, 150))
        plate.setPen(Qt.PenStyle.NoPen)
        plate.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self.ring: QGraphicsPathItem | None = None
        self._selected = False
        self.offset = (0.0, 0.0)  # marker offset from pos, in pixels (gathered actors)
        self._base_path = self.path()
        self._tether: QGraphicsPathItem | None = None
        self._leader: QGraphicsLineItem | None = None  # to a label placed away from the marker

    def set_pixel_offset(self, dx: float, dy: float) -> None:
        """Draw the marker ``(dx, dy)`` pixels from the item's position, tethered to it."""
        self.offset = (dx, dy)
        self.setPath(self._base_path.translated(dx, dy))
        if self.ring is not None:
            self.ring.setPos(dx, dy)
        if dx or dy:
            if self._tether is None:
                self._tether = QGraphicsPathItem(self)
                self._tether.setPen(QPen(QColor(90, 90, 90, 110), 0.8, Qt.PenStyle.DotLine))
                self._tether.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
            tether = QPainterPath(QPointF(0, 0))
            tether.lineTo(dx, dy)
            self._tether.setPath(tether)
            self._tether.setVisible(True)
        elif self._tether is not None:
            self._tether.setVisible(False)

    def label_size(self) -> tuple[float, float]:
        r = self.label.boundingRect()
        return r.width(), r.height()

    def set_label_offset(self, offset: tuple[float, float] | None) -> None:
        leader = None
        if offset is None:
            self.label.setVisible(False)
        else:
            self.label.setVisible(True)
            self.label.setPos(offset[0] + self.offset[0], offset[1] + self.offset[1])
            leader = leader_line(offset, self.label_size(), self.radius)
        if leader is None:
            if self._leader is not None:
                self._leader.setVisible(False)
            return
        if self._leader is None:
            self._leader = QGraphicsLineItem(self)
            pen = QPen(QColor(60, 60, 60, 170), 0.8)
            self._leader.setPen(pen)
            self._leader.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        dx, dy = self.offset
        self._leader.setLine(leader[0] + dx, leader[1] + dy, leader[2] + dx, leader[3] + dy)
        self._leader.setVisible(True)

    def set_faded(self, on: bool) -> None:
        """Draw faint (a hub whose relation is not in force at the cursor, graph mode)."""
        opacity = 0.35 if on else 1.0
        if self.opacity() != opacity:
            self.setOpacity(opacity)

    def set_selected_look(self, on: bool) -> None:
        if on == self._selected:
            return
        self._selected = on
        if on and self.ring is None:
            self.ring = QGraphicsPathItem(style.marker_path("circle", self.radius + 4), self)
            self.ring.setPos(*self.offset)
            pen = QPen(QColor(style.SELECTION), 2.5)
            self.ring.setPen(pen)
            self.ring.setBrush(Qt.BrushStyle.NoBrush)
        if self.ring is not None:
            self.ring.setVisible(on)
        self.setZValue((40 if on else 20) if self.spec.type in ("country", "hub") else (40 if on else 15))


class EdgeItem(QGraphicsPathItem):
    """One relation edge (or hub spoke): a quadratic curve, an arrow when directed."""

    def __init__(self, spec: EdgeSpec):
        super().__init__()
        self.spec = spec
        self.state: str | None = "\0"  # nothing applied yet
        self.compare: str | None = None  # compare-mode status applied, if any
        self.selected = False
        self.thin = False
        self.pen_scale = 1.0
        self.points = np.zeros((0, 2))
        self.seam = False  # drawn as two pieces across the map's seam
        self.pieces: list[np.ndarray] = []
        self.setData(ROLE, ("relation", spec.relation))
        self.setBrush(Qt.BrushStyle.NoBrush)
        self.setZValue(5 if spec.spoke else 6)

    def set_ends(self, p: tuple[float, float], q: tuple[float, float], wrap: bool = False) -> None:
        """Recompute the curve between two scene points.

        Args:
            p: Start, in scene units.
            q: End, in scene units.
            wrap: On the map: when the short way is across the seam (the
                Atlantic), leave at one edge and come back in at the other
                instead of crossing the whole map the long way.
        """
        if wrap and abs(p[0] - q[0]) > SEAM_CHECK_UNITS and geo.crosses_seam(p, q):
            pieces = geo.seam_pieces(p, q, self.spec.bend, 40)
            path = QPainterPath()
            for piece in pieces:
                path.addPolygon(qpolygon(piece))
            self.points = np.vstack(pieces)
            self.pieces = pieces
            self.seam = True
            if self.spec.directed:
                _add_arrow(path, pieces[-1] if len(pieces[-1]) >= 3 else self.points)
            self.setPath(path)
            return
        self.seam = False
        c = geo.edge_control_point(p, q, self.spec.bend)
        path = QPainterPath(QPointF(*p))
        path.quadTo(QPointF(*c), QPointF(*q))
        self.points = geo.quad_bezier(p, c, q, 24)
        self.pieces = [self.points]
        if self.spec.directed:
            _add_arrow(path, self.points)
        self.setPath(path)

    def apply(self, state: str | None, visible: bool, selected: bool, thin: bool = False,
              compare: str | None = None) -> None:
        """Restyle for a state, or for a compare status (new / ended / changed / unchanged); cheap when nothing changed.

        ``thin``: draw a hairline (a dense view: Qt strokes 1-px lines on a
        fast path, wide antialiased curves an order of magnitude slower).
        """
        if state != self.state or selected != self.selected or thin != self.thin or compare != self.compare:
            if compare is not None:
                self.setPen(style.compare_pen(compare, self.spec.kind, selected, self.spec.spoke, self.pen_scale))
            elif state is not None:
                self.setPen(style.edge_pen(self.spec.kind, state, selected, self.spec.spoke, self.pen_scale,
                                           thin and not selected))
            self.state = state
            self.compare = compare
            self.selected = selected
            self.thin = thin
            self.setZValue(30 if selected else (5 if self.spec.spoke else 6))
        if visible != self.isVisible():
            self.setVisible(visible)

    def distance_to(self, x: float, y: float) -> float:
        """Distance (scene units) from a point to the curve, for clicks and tooltips."""
        return min((_polyline_distance(pts, x, y) for pts in self.pieces), default=math.inf)


def _polyline_distance(pts: np.ndarray, x: float, y: float) -> float:
    """Distance from a point to a polyline (each piece of an edge on its own: no jump across the map)."""
    if len(pts) < 2:
        return math.inf
    a, b = pts[:-1], pts[1:]
    ab = b - a
    t = np.clip(((x - a[:, 0]) * ab[:, 0] + (y - a[:, 1]) * ab[:, 1]) / np.maximum((ab * ab).sum(axis=1), 1e-12),
                0.0, 1.0)
    px = a[:, 0] + t * ab[:, 0] - x
    py = a[:, 1] + t * ab[:, 1] - y
    return float(np.sqrt(px * px + py * py).min())


def _add_arrow(path: QPainterPath, pts: np.ndarray) -> None:
    """A chevron two thirds along the curve, pointing towards its end."""
    i = int(len(pts) * 0.66)
    tip = pts[i]
    d = pts[i] - pts[i - 2]
    length = float(np.hypot(*(pts[-1] - pts[0])))
    norm = float(np.hypot(*d))
    if norm == 0 or length == 0:
        return
    d = d / norm
    size = min(length * 0.06, 90.0)
    n = np.array([-d[1], d[0]])
    left = tip - d * size + n * size * 0.6
    right = tip - d * size - n * size * 0.6
    path.moveTo(QPointF(*left))
    path.lineTo(QPointF(*tip))
    path.lineTo(QPointF(*right))


class LinkItem(QGraphicsPathItem):
    """A faint line from an actor to what it belongs to (a minister to its country)."""

    def __init__(self, a: str, b: str):
        super().__init__()
        self.a, self.b = a, b
        pen = QPen(QColor(90, 90, 90, 90), 0.8)
        pen.setCosmetic(True)
        pen.setStyle(Qt.PenStyle.DotLine)
        self.setPen(pen)
        self.setZValue(2)

    def set_ends(self, p: tuple[float, float], q: tuple[float, float]) -> None:
        path = QPainterPath(QPointF(*p))
        path.lineTo(QPointF(*q))
        self.setPath(path)


def bounding(points) -> QRectF:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    if not xs:
        return QRectF()
    return QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
