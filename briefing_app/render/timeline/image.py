"""The timeline as a figure: drawn into an image without a window (PDF export, screenshots).

:func:`render_timeline_image` draws the same timeline the panel shows, with
a colour legend above it, text and markers scaled for print.
"""

from __future__ import annotations

import datetime as _dt
import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QApplication

from briefing_app.model.types import Workspace
from briefing_app.render.timeline import style
from briefing_app.render.timeline.view import TimelineView
from briefing_app.viewmodel.timeline.coords import day_to_x
from briefing_app.viewmodel.timeline.geometry import TimelineGeometry, build_geometry
from briefing_app.viewmodel.timeline.layout import MIN_UNIT_PX, Y_PAD, content_px

__all__ = ["figure_scale", "legend_entries", "render_timeline_image"]


def layout_hidden(view: TimelineView, size: QSize) -> None:
    """Give a never-shown view its size and lay its scene out (no window needed).

    Showing a widget offscreen makes some platform plugins warn, so headless
    rendering sizes the scene the way a resize event would.
    """
    view.resize(size)
    view.resizeEvent(None)
    QApplication.processEvents()  # runs the scene's pending layout requests
    view._apply_vertical(view.layout_v.top)
    view._refresh_detail(force=True)


def render_view_image(view: TimelineView, size: QSize) -> QImage:
    """Paint ``view``'s scene into a new image of ``size`` (the widget need not be shown)."""
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        rect = QRectF(0, 0, size.width(), size.height())
        view.scene().render(painter, rect, rect)
    finally:
        painter.end()
    return image


def ensure_app() -> QApplication:
    """The running QApplication; a clear error when there is none."""
    app = QApplication.instance()
    if app is None:
        raise RuntimeError("a QApplication must exist before rendering the timeline")
    return app  # type: ignore[return-value]


def legend_entries(geom: TimelineGeometry) -> list[tuple[str, str, str]]:
    """What the timeline's symbols mean: ``(kind, colour, text)``, kind one of
    'state', 'event', 'unsourced', 'open'."""
    out = [("state", style.state_colour(s).name(), s.replace("-", " ")) for s in geom.state_names]
    if geom.span_open.any():
        out.append(("open", style.TODAY_COLOUR, "open: runs to today"))
    out.append(("event", style.EVENT_COLOUR, "event"))
    out.append(("unsourced", style.EVENT_COLOUR, "unsourced (hollow, pale)"))
    return out


def figure_scale(width_px: int) -> float:
    """Text and marker scale for an image ``width_px`` wide.

    1 up to screen sizes; beyond, proportional to the width, so that the
    PDF's ~2000-pixel figure printed across A4's text width (17 cm at 300 dpi)
    has 7-point text, as readable as the page's captions.
    """
    return max(1.0, width_px / 800.0)


def _legend_layout(entries, font: QFont, width: float, scale: float) -> tuple[list[tuple[float, float, tuple]], float]:
    """Positions of legend entries wrapped into lines ``width`` wide, and the total height."""
    fm = QFontMetricsF(font)
    sw, gap, line_h = 22 * scale, 14 * scale, fm.height() + 6 * scale
    x, y, placed = 8 * scale, 4 * scale, []
    for e in entries:
        w = sw + 5 * scale + fm.horizontalAdvance(e[2])
        if x + w > width - 8 * scale and placed:
            x, y = 8 * scale, y + line_h
        placed.append((x, y, e))
        x += w + gap
    return placed, y + line_h + 2 * scale


def _paint_legend(p: QPainter, placed, font: QFont, scale: float) -> None:
    fm = QFontMetricsF(font)
    p.setFont(font)
    h = fm.height()
    for x, y, (kind, colour, text) in placed:
        c = QColor(colour)
        box = QRectF(x, y + h * 0.2, 22 * scale, h * 0.6)
        p.setPen(Qt.PenStyle.NoPen)
        if kind == "state":
            p.setBrush(c)
            p.drawRect(box)
        elif kind == "open":
            p.setBrush(style.state_colour("active"))
            p.drawRect(box.adjusted(0, 0, -6 * scale, 0))
            tri = QPolygonF([QPointF(box.right() - 6 * scale, box.top() - 2 * scale), QPointF(box.right() + 2 * scale, box.center().y()),
                             QPointF(box.right() - 6 * scale, box.bottom() + 2 * scale)])
            p.drawPolygon(tri)
        else:
            r = h * 0.3
            p.setBrush(c if kind == "event" else QColor("#ffffff"))
            pen = QPen(c if kind == "unsourced" else QColor("#ffffff"))
            pen.setWidthF(1.6 * scale)
            p.setPen(pen)
            p.drawEllipse(QPointF(box.center().x(), box.center().y()), r, r)
        p.setPen(QPen(style.TEXT_COLOUR))
        p.drawText(QRectF(box.right() + 5 * scale, y, fm.horizontalAdvance(text) + 4, h), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)


def render_timeline_image(
    ws: Workspace,
    size: QSize | tuple[int, int],
    day: _dt.date | None = None,
    *,
    x_range: tuple[_dt.date, _dt.date] | None = None,
    today: _dt.date | None = None,
    scale: float | None = None,
    grow: bool = True,
    legend: bool = True,
    max_aspect: float = 1.35,
) -> QImage:
    """Draw a workspace's timeline into an image, without a window.

    Every lane is shown: when the lanes need more room than ``size`` gives at
    a readable height, the image grows taller (up to ``max_aspect`` times its
    width, a page's worth; beyond that lanes get thinner). Text, markers and
    lanes scale with the width (:func:`figure_scale`) so that a print-size
    figure reads like the screen.

    Args:
        ws: The snapshot to draw.
        size: Image size in pixels (``QSize`` or ``(width, height)``); the width
            is kept, the height is a minimum when ``grow``.
        day: Where the time cursor stands (default: the briefing's as-of date, else none).
        x_range: First and last day to show (default: everything).
        today: Where open states end (default: the real today).
        scale: Text and marker scale (default: from the width).
        grow: Make the image taller when the lanes need it.
        legend: Draw the colour legend above the plot.
        max_aspect: Height limit of a grown image, as a multiple of its width.

    Returns:
        An ARGB32 image with a white background.

    Raises:
        RuntimeError: when no QApplication exists.
        ValueError: on a size smaller than 50×50 pixels or a bad scale.
    """
    ensure_app()
    qsize = size if isinstance(size, QSize) else QSize(int(size[0]), int(size[1]))
    if qsize.width() < 50 or qsize.height() < 50:
        raise ValueError(f"timeline image too small: {qsize.width()}×{qsize.height()} (at least 50×50)")
    width = qsize.width()
    s = figure_scale(width) if scale is None else float(scale)
    if not (math.isfinite(s) and 0.5 <= s <= 10):
        raise ValueError(f"timeline scale must be between 0.5 and 10, not {scale!r}")
    geom = build_geometry(ws, today)
    font = style.label_font(8.5 * s)
    placed, legend_h = _legend_layout(legend_entries(geom), font, width, s) if legend else ([], 0.0)
    legend_px = int(math.ceil(legend_h))
    plot_h = max(qsize.height() - legend_px, 50)
    view = TimelineView()
    try:
        view.set_scale(s)
        layout_hidden(view, QSize(width, plot_h))
        view.set_workspace(ws, geom)
        if grow:
            around = plot_h - view._view_height_px()  # axis and margins
            need = int(math.ceil(around + content_px(geom.height, MIN_UNIT_PX * s)))
            limit = int(width * max_aspect) - legend_px
            new_h = min(max(plot_h, need), max(plot_h, limit))
            if new_h != plot_h:
                plot_h = new_h
                layout_hidden(view, QSize(width, plot_h))
                if need > plot_h:  # more lanes than a page holds: thinner lanes, all shown
                    unit = (plot_h - around) / (geom.height + 2 * Y_PAD)
                    view._apply_vertical_with_unit(unit)
        if x_range is not None:
            view.set_x_range(day_to_x(x_range[0]), day_to_x(x_range[1]) + 1)
        else:
            view.fit_all()
        if day is None and ws.briefing.as_of is not None:
            day = ws.briefing.as_of.end
        if day is not None:
            view.set_cursor(day)
        else:
            view.cursor.hide()
        QApplication.processEvents()
        plot = render_view_image(view, QSize(width, plot_h))
    finally:
        view.close()
        view.deleteLater()
    if not legend:
        return plot
    image = QImage(width, legend_px + plot_h, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    p = QPainter(image)
    try:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        _paint_legend(p, placed, font, s)
        p.drawImage(0, legend_px, plot)
    finally:
        p.end()
    return image
