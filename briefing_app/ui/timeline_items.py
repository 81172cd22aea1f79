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

    ``set_rects`` builds the QRectF lists once, sorted by left edge; ``paint``
    draws only the slice that meets the exposed area, one ``drawRects`` per
    style, so a pan frame costs no Python per rectangle.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(self.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # gives paint() the exposed rect
        # per style: brush, pen, short rects sorted by x0, their x0s, their widest width, long rects
        self._groups: list[tuple[QBrush, QPen, list[QRectF], np.ndarray, float, list[QRectF]]] = []
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
            lo, hi = float(x0.min()), float(x1.max())
            long_w = max((hi - lo) / 8, 1e-9)
            order = np.lexsort((x0, style))
            cuts = np.nonzero(np.diff(style[order]))[0] + 1
            for chunk in np.split(order, cuts):
                b, p = styles[int(style[chunk[0]])]
                w = x1[chunk] - x0[chunk]
                is_long = w > long_w
                short, long_ = chunk[~is_long], chunk[is_long]
                groups.append((b, p, self._rects(x0, x1, y0, y1, short), x0[short], float(w[~is_long].max(initial=0.0)), self._rects(x0, x1, y0, y1, long_)))
            self._bounds = QRectF(lo, float(y0.min()), hi - lo, float(y1.max() - y0.min()))
        else:
            self._bounds = QRectF()
        self._groups = groups
        self.update()

    @staticmethod
    def _rects(x0, x1, y0, y1, idx: np.ndarray) -> list[QRectF]:
        return list(map(QRectF, x0[idx].tolist(), y0[idx].tolist(), (x1[idx] - x0[idx]).tolist(), (y1[idx] - y0[idx]).tolist()))

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt naming)
        return self._bounds

    def paint(self, p: QPainter, option, *args) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        exposed = option.exposedRect
        left, right = exposed.left(), exposed.right()
        for b, pen, short, xs, widest, long_ in self._groups:
            p.setPen(pen)
            p.setBrush(b)
            if long_:
                p.drawRects(long_)
            i0 = int(np.searchsorted(xs, left - widest, side="left"))
            i1 = int(np.searchsorted(xs, right, side="right"))
            if i1 > i0:
                p.drawRects(short[i0:i1])


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


_COUNT_STEPS = (10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000)


def count_text(n: int) -> str:
    """A cluster count as drawn: exact below 10, then "10+", "20+", "50+", "100+" … "1k+".

    Few distinct labels keep the symbol cache small (each is rendered once);
    the hover text gives the exact count.
    """
    if n < 10:
        return str(n)
    step = max(s for s in _COUNT_STEPS if s <= n)
    return f"{step // 1000}k+" if step >= 1000 else f"{step}+"
