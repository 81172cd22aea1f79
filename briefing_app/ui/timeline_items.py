"""Graphics items of the timeline: a batched rectangle layer and count symbols.

A timeline can hold 100,000 events and 10,000 spans, so nothing here is one
item per datum: :class:`RectLayer` draws every rectangle of one style with a
single ``QPainter.drawRects`` call, and cluster counts are text-shaped
symbols of one ``ScatterPlotItem`` (pyqtgraph caches each distinct symbol as a
pixmap, so a count costs one blit).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QFont, QPainter, QPainterPath, QPen, QTransform


class RectLayer(pg.GraphicsObject):
    """Many axis-aligned rectangles in data coordinates, grouped by style.

    ``set_rects`` builds the QRectF lists once; ``paint`` is then one
    ``drawRects`` per style, so a pan frame costs no Python per rectangle.
    """

    def __init__(self) -> None:
        super().__init__()
        self._groups: list[tuple[QBrush, QPen, list[QRectF]]] = []
        self._bounds = QRectF()

    def set_rects(
        self,
        x0: np.ndarray,
        x1: np.ndarray,
        y0: np.ndarray,
        y1: np.ndarray,
        style: np.ndarray,
        styles: Sequence[tuple[QBrush, QPen]],
    ) -> None:
        """Replace the rectangles; ``style[i]`` indexes ``styles``.

        Styles are drawn in index order, so later styles paint on top.
        """
        self.prepareGeometryChange()
        groups = []
        if len(x0):
            order = np.argsort(style, kind="stable")
            s_sorted = style[order]
            cuts = np.nonzero(np.diff(s_sorted))[0] + 1
            for chunk in np.split(order, cuts):
                k = int(style[chunk[0]])
                b, p = styles[k]
                rects = list(
                    map(QRectF, x0[chunk].tolist(), y0[chunk].tolist(), (x1[chunk] - x0[chunk]).tolist(), (y1[chunk] - y0[chunk]).tolist())
                )
                groups.append((b, p, rects))
            self._bounds = QRectF(float(x0.min()), float(y0.min()), float(x1.max() - x0.min()), float(y1.max() - y0.min()))
        else:
            self._bounds = QRectF()
        self._groups = groups
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt naming)
        return self._bounds

    def paint(self, p: QPainter, *args) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for b, pen, rects in self._groups:
            p.setPen(pen)
            p.setBrush(b)
            p.drawRects(rects)


@lru_cache(maxsize=512)
def count_symbol(text: str) -> QPainterPath:
    """A text-shaped scatter symbol, centred in the unit square.

    Normalised so that counts up to three characters have the same type size.
    """
    font = QFont()
    font.setPointSize(10)
    font.setBold(True)
    path = QPainterPath()
    path.addText(0, 0, font, text)
    br = path.boundingRect()
    scale = 1.0 / max(br.width(), br.height() * 1.75, 1e-9)
    t = QTransform()
    t.scale(scale, scale)
    t.translate(-br.center().x(), -br.center().y())
    return t.map(path)


def count_text(n: int) -> str:
    """A cluster count, short: 7, 42, 999, 1.2k, 12k."""
    if n < 1000:
        return str(n)
    if n < 10_000:
        return f"{n / 1000:.1f}k"
    return f"{n // 1000}k"
