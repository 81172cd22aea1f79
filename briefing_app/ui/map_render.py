"""Map and graph as images: headless rendering for the PDF export, the CLI and the panel.

``render_map_image(ws, day, view, size)`` draws a workspace at a date
without any window; ``render_scene`` draws a given scene and rectangle (the
panel's current view) into a PNG-ready QImage; ``write_image`` saves PNG or
SVG. The layout is drawn for a screen ~1000 px wide and scaled to the
requested size with the image's device pixel ratio, so that lines and
labels keep their proportions in a 3000-px print image.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QTransform

from briefing_app.model.types import Workspace
from briefing_app.ui import map_style as style
from briefing_app.ui.map_scene import MODES, MapScene

LOGICAL_WIDTH = 1000.0  # the on-screen width the drawing is designed for


class MapExportError(ValueError):
    """The image could not be made (bad size, view or path)."""


def _ensure_app() -> None:
    """Text needs a QGuiApplication: make one (offscreen without a display) when run headless."""
    if QGuiApplication.instance() is not None:
        return
    if not os.environ.get("QT_QPA_PLATFORM") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    global _app
    try:
        from PySide6.QtWidgets import QApplication

        _app = QApplication([])
    except ImportError:  # pragma: no cover - Essentials always has QtWidgets
        _app = QGuiApplication([])


_app = None


def _check_size(size) -> tuple[int, int]:
    try:
        w, h = (size.width(), size.height()) if isinstance(size, QSize) else (int(size[0]), int(size[1]))
    except (TypeError, ValueError, IndexError):
        raise MapExportError(f"size must be (width, height) in pixels, not {size!r}") from None
    if not (16 <= w <= 20000 and 16 <= h <= 20000):
        raise MapExportError(f"image size {w}x{h} is out of range (16..20000 pixels a side)")
    return w, h


def fit_rect(source: QRectF, aspect: float) -> QRectF:
    """Grow ``source`` around its centre to the target aspect (width / height)."""
    w, h = source.width(), source.height()
    if w <= 0 or h <= 0:
        return source
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    c = source.center()
    return QRectF(c.x() - w / 2, c.y() - h / 2, w, h)


def paint_scene(p: QPainter, scene: MapScene, source: QRectF, logical: QRectF, caption: str = "",
                legend: bool = True) -> None:
    """Draw ``source`` (scene units) into ``logical`` (painter units), labels placed for it, legend on top."""
    source = fit_rect(source, logical.width() / logical.height())
    scale = logical.width() / source.width()
    transform = QTransform()
    transform.translate(logical.left(), logical.top())
    transform.scale(scale, scale)
    transform.translate(-source.left(), -source.top())
    scene.layout_labels(transform, logical)
    p.fillRect(logical, QColor("white"))
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(p, logical, source, Qt.AspectRatioMode.IgnoreAspectRatio)
    if legend:
        kinds, states = scene.present_kinds_states()
        if kinds or states:
            w, h = style.legend_size(kinds, states)
            style.paint_legend(p, QPointF(logical.left() + 8, logical.bottom() - h - 8), kinds, states)
    if caption:
        font = QFont(style.label_font(10.0, bold=True))
        p.setFont(font)
        p.setPen(QColor("#1d1d1d"))
        box = QRectF(logical.left() + 10, logical.top() + 6, logical.width() - 20, 24)
        p.fillRect(QRectF(box.left() - 4, box.top(), p.fontMetrics().horizontalAdvance(caption) + 8, 22),
                   QColor(255, 255, 255, 210))
        p.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, caption)


def render_scene(scene: MapScene, source: QRectF, size: tuple[int, int], caption: str = "",
                 legend: bool = True) -> QImage:
    """Draw a scene rectangle into a new image of exactly ``size`` pixels."""
    w, h = _check_size(size)
    ratio = max(1.0, w / LOGICAL_WIDTH)
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor("white"))
    p = QPainter(image)
    scene.set_pen_scale(ratio)  # cosmetic pens ignore the pixel ratio: widen them by hand
    try:
        paint_scene(p, scene, source, QRectF(0, 0, w / ratio, h / ratio), caption, legend)
    finally:
        p.end()
        scene.set_pen_scale(1.0)
    image.setDevicePixelRatio(1.0)
    return image


def render_map_image(ws: Workspace, day: _dt.date | None = None, view: str = "map",
                     size: tuple[int, int] = (1600, 1000)) -> QImage:
    """The workspace's relations at ``day`` as an image, without a window.

    Args:
        ws: The workspace.
        day: The date whose relation states are drawn (default: the as-of date).
        view: "map" (countries, Pacific-centred) or "graph" (force layout).
        size: (width, height) in pixels.

    Raises:
        MapExportError: on a bad size or view.
    """
    if view not in MODES:
        raise MapExportError(f"unknown view {view!r}: use one of {', '.join(MODES)}")
    w, h = _check_size(size)
    _ensure_app()
    if day is None:
        from briefing_app.model.queries import default_day

        day = default_day(ws)
    scene = MapScene()
    scene.day = day
    scene.set_workspace(ws)
    scene.set_mode(view)
    caption = f"{ws.briefing.title} — as of {day.isoformat()}" if ws.briefing.title else f"As of {day.isoformat()}"
    return render_scene(scene, scene.default_rect(), (w, h), caption)


def write_image(path: str | os.PathLike, scene: MapScene, source: QRectF, size: tuple[int, int],
                caption: str = "") -> Path:
    """Save a scene rectangle as PNG (or JPEG) or SVG, chosen by the file's suffix.

    Raises:
        MapExportError: when the suffix is unknown or the file cannot be written.
    """
    out = Path(path)
    suffix = out.suffix.lower()
    w, h = _check_size(size)
    if not out.parent.is_dir():
        raise MapExportError(f"cannot write {out}: the folder {out.parent} does not exist")
    if suffix == ".svg":
        from PySide6.QtSvg import QSvgGenerator

        gen = QSvgGenerator()
        gen.setFileName(str(out))
        gen.setSize(QSize(w, h))
        gen.setViewBox(QRectF(0, 0, w, h))
        gen.setTitle(caption or "Relationship map")
        p = QPainter()
        if not p.begin(gen):
            raise MapExportError(f"cannot write {out}")
        try:
            paint_scene(p, scene, source, QRectF(0, 0, w, h), caption)
        finally:
            p.end()
        if not out.is_file() or out.stat().st_size == 0:
            raise MapExportError(f"cannot write {out}")
        return out
    if suffix not in (".png", ".jpg", ".jpeg"):
        raise MapExportError(f"unknown image type {suffix or '(none)'}: use .png or .svg")
    image = render_scene(scene, source, (w, h), caption)
    if not image.save(str(out)):
        raise MapExportError(f"cannot write {out}")
    return out
