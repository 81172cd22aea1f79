"""Graphics items of the timeline: batched rectangles, span labels and count symbols.

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
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QLinearGradient, QPainter, QPainterPath, QPen, QStaticText, QTransform


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


class SpanLabelLayer(pg.GraphicsObject):
    """State names written inside their span bars where they fit, and a fade
    on the last stretch of every state still open (it runs on past today).

    Works in device pixels at paint time: only bars on screen are measured
    (vectorised), and only those wide enough get text, so a pan frame over
    10,000 spans costs a few array operations and a handful of drawText calls.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(self.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self._x0 = self._x1 = self._y = np.zeros(0)
        self._text = np.zeros(0, np.int64)
        self._dim = np.zeros(0, bool)
        self._open = np.zeros(0, bool)
        self._texts: list[str] = []
        self._ink: list[QColor] = []
        self._font = QFont()
        self._widths = np.zeros(0)
        self._static: list[QStaticText] = []
        self._text_h = 10.0
        self._half = 0.3
        self._fade_px = 36.0
        self.fade_to = QColor(255, 255, 255)  # the background the open-state fade goes towards
        self._bounds = QRectF()

    def set_font(self, font: QFont, fade_px: float = 36.0) -> None:
        """The label font and how long the open-state fade is, in pixels."""
        self._font = QFont(font)
        self._fade_px = fade_px
        self._measure()
        self.update()

    def set_spans(
        self,
        x0: np.ndarray,
        x1: np.ndarray,
        y: np.ndarray,
        half_height: float,
        text: np.ndarray,
        texts: Sequence[str],
        ink: Sequence[QColor],
        dim: np.ndarray,
        open_: np.ndarray,
    ) -> None:
        """Replace the spans: ``text[i]`` indexes ``texts`` and ``ink`` (text colour per text)."""
        self.prepareGeometryChange()
        self._x0, self._x1, self._y = np.asarray(x0, float), np.asarray(x1, float), np.asarray(y, float)
        self._text, self._dim, self._open = np.asarray(text, np.int64), np.asarray(dim, bool), np.asarray(open_, bool)
        self._texts, self._ink, self._half = list(texts), list(ink), half_height
        self._measure()
        if len(self._x0):
            lo, hi = float(self._x0.min()), float(self._x1.max())
            y0, y1 = float(self._y.min()) - half_height, float(self._y.max()) + half_height
            self._bounds = QRectF(lo, y0, hi - lo, y1 - y0)
        else:
            self._bounds = QRectF()
        self.update()

    def _measure(self) -> None:
        fm = QFontMetricsF(self._font)
        self._widths = np.array([fm.horizontalAdvance(t) for t in self._texts], dtype=float)
        self._text_h = fm.height()
        # laid out once: a pan frame may write hundreds of labels, drawStaticText is the cheap way
        self._static = []
        for t in self._texts:
            st = QStaticText(t)
            st.setTextFormat(Qt.TextFormat.PlainText)
            st.prepare(QTransform(), self._font)
            self._static.append(st)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt naming)
        return self._bounds

    def paint(self, p: QPainter, option, *args) -> None:
        if not len(self._x0):
            return
        ex = option.exposedRect
        on = (self._x1 >= ex.left()) & (self._x0 <= ex.right()) & (self._y + self._half >= ex.top()) & (self._y - self._half <= ex.bottom())
        idx = np.nonzero(on)[0]
        if not len(idx):
            return
        t = p.transform()  # data -> device; the view never rotates
        sx, sy, dx, dy = t.m11(), t.m22(), t.dx(), t.dy()
        left, right = ex.left() * sx + dx, ex.right() * sx + dx
        X0 = np.maximum(self._x0[idx] * sx + dx, left)
        X1 = np.minimum(self._x1[idx] * sx + dx, right)
        Y = self._y[idx] * sy + dy
        bar_h = abs(2 * self._half * sy)
        p.save()
        try:
            p.resetTransform()
            # open states fade out towards their end (today): "still running"
            op = np.nonzero(self._open[idx] & (self._x1[idx] * sx + dx <= right + 1))[0]
            for k in op.tolist():
                end = self._x1[idx[k]] * sx + dx
                fade = min(self._fade_px, (end - X0[k]) / 2)
                if fade < 3:
                    continue
                g = QLinearGradient(end - fade, 0, end, 0)
                c = self.fade_to
                g.setColorAt(0.0, QColor(c.red(), c.green(), c.blue(), 0))
                g.setColorAt(1.0, QColor(c.red(), c.green(), c.blue(), 200))
                p.fillRect(QRectF(end - fade, Y[k] - bar_h / 2, fade, bar_h), QBrush(g))
            if bar_h < self._text_h * 0.8:
                return
            pad = 4.0
            # text stays clear of an open state's fade
            X1 = np.where(self._open[idx], np.minimum(X1, self._x1[idx] * sx + dx - self._fade_px), X1)
            # ... and off bars cut by the view's top or bottom edge (no half letters)
            whole = (self._y[idx] - self._half >= ex.top()) & (self._y[idx] + self._half <= ex.bottom())
            # and bars of a few words' width at least: a pan over a packed decade stays cheap
            need = np.maximum(self._widths[self._text[idx]] + 2 * pad, 5 * self._text_h)
            fits = np.nonzero(whole & (X1 - X0 >= need))[0]
            if not len(fits):
                return
            p.setFont(self._font)
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            dim_ink = QColor(120, 130, 140)
            half_text = self._text_h / 2
            for k, i in zip(fits.tolist(), idx[fits].tolist()):
                ti = int(self._text[i])
                p.setPen(dim_ink if self._dim[i] else self._ink[ti])
                p.drawStaticText(QPointF(X0[k] + pad, Y[k] - half_text), self._static[ti])
        finally:
            p.restore()


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
