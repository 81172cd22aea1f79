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

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QTransform

from briefing_app.model.types import Workspace
from briefing_app.viewmodel.map import model as mm
from briefing_app.render.map import style
from briefing_app.render.map.scene import MODES, MapScene

# The width (px) the drawing is laid out for, whatever the image's size: fonts, pens and markers
# scale with the image. A map figure printed 6.7 in wide (A4 text width) then shows a 7.5 pt
# label at 7.5 pt, and a 2007-px-wide figure is 300 dpi.
LOGICAL_WIDTH = 640.0


class MapExportError(ValueError):
    """The image could not be made (bad size, view or path)."""


def _ensure_app() -> None:
    """Text needs a QGuiApplication: make one (offscreen without a display) when run headless."""
    from briefing_app.render.qt_app import ensure_application

    ensure_application()




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


def _view_transform(source: QRectF, target: QRectF) -> QTransform:
    scale = target.width() / source.width()
    transform = QTransform()
    transform.translate(target.left(), target.top())
    transform.scale(scale, scale)
    transform.translate(-source.left(), -source.top())
    return transform


def _box(r: QRectF | None) -> tuple[float, float, float, float] | None:
    return None if r is None else (r.left(), r.top(), r.right(), r.bottom())


def paint_scene(p: QPainter, scene: MapScene, source: QRectF, logical: QRectF, caption: str = "",
                legend: bool = True, inset: tuple[str, QRectF] | None = None) -> None:
    """Draw ``source`` (scene units) into ``logical`` (painter units), labels placed for it, legend on top.

    Args:
        p: The painter.
        scene: The scene.
        source: The scene rectangle to show (grown to the target's aspect).
        logical: Where to draw, in painter units.
        caption: A title drawn top left.
        legend: Draw the legend as a band below the map.
        inset: (title, scene rectangle) of a region to draw enlarged in
            another corner, with its outline on the main picture.
    """
    kinds, states = scene.present_kinds_states() if legend else ([], [])
    band_h = style.legend_band_height(kinds, states, logical.width())
    band = QRectF(logical.left(), logical.bottom() - band_h, logical.width(), band_h) if band_h else None
    full = logical
    logical = QRectF(logical.left(), logical.top(), logical.width(), logical.height() - band_h)  # the map above it
    source = fit_rect(source, logical.width() / logical.height())
    transform = _view_transform(source, logical)
    cap_box = None
    if caption:
        font = QFont(style.label_font(10.0, bold=True))
        fm = QFontMetricsF(font)
        if fm.horizontalAdvance(caption) > logical.width() * 0.7:  # a long title would cover the map:
            caption = caption.rsplit(" — ", 1)[-1]  # keep the date part ("as of ...")
            caption = caption[:1].upper() + caption[1:]
            caption = fm.elidedText(caption, Qt.TextElideMode.ElideRight, logical.width() * 0.7)
        cap_box = QRectF(logical.left() + 6, logical.top() + 6, fm.horizontalAdvance(caption) + 8, 22)
    box = core_screen = inset_source = None
    if inset is not None:
        inset_source = inset[1]
        core_screen = transform.mapRect(inset_source)
        box = inset_box(logical, core_screen, inset_source, marker_weights(scene, transform),
                        [_box(cap_box)] if cap_box is not None else [])
    scene.layout_labels(transform, logical, [r for r in (box, cap_box) if r is not None])
    p.fillRect(full, QColor("white"))
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.save()
    p.setClipRect(logical)
    scene.render(p, logical, source, Qt.AspectRatioMode.IgnoreAspectRatio)
    p.restore()
    if box is not None and inset_source is not None:
        paint_inset(p, scene, inset_source, box, core_screen, inset[0])
    if band is not None:
        style.paint_legend_band(p, band, kinds, states)
    if caption and cap_box is not None:
        p.setFont(QFont(style.label_font(10.0, bold=True)))
        p.fillRect(cap_box, QColor(255, 255, 255, 210))
        p.setPen(QColor("#1d1d1d"))
        p.drawText(cap_box.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, caption)


def inset_box(frame: QRectF, core_screen: QRectF, core: QRectF, markers, avoid=(), share: float = 0.42) -> QRectF:
    """Where the enlarged core goes in a picture: ``share`` of its width, in the corner that hides least.

    Args:
        frame: The map's area (painter or viewport units).
        core_screen: The core's rectangle as drawn on the map (the inset must not cover it).
        core: The core's rectangle in scene units (its aspect).
        markers: (x, y, weight) of what should stay visible.
        avoid: More (x0, y0, x1, y1) rectangles not to cover.
    """
    iw = frame.width() * share
    ih = iw * core.height() / max(core.width(), 1e-9)
    if ih > frame.height() * 0.62:
        ih = frame.height() * 0.62
        iw = ih * core.width() / max(core.height(), 1e-9)
    corner = mm.choose_corner((frame.left(), frame.top(), frame.width(), frame.height()), (iw, ih), markers,
                              [_box(core_screen), *avoid])
    return QRectF(corner[0], corner[1], iw, ih)


def marker_weights(scene: MapScene, transform: QTransform) -> list[tuple[float, float, float]]:
    """Visible markers as (x, y, weight) in the picture: countries weigh more than other actors."""
    out = []
    for item in scene.nodes.values():
        if item.isVisible():
            pt = transform.map(item.pos())
            out.append((pt.x() + item.offset[0], pt.y() + item.offset[1], 6.0 if item.spec.type == "country" else 1.0))
    return out


def paint_inset(p: QPainter, scene: MapScene, source: QRectF, box: QRectF, outline: QRectF | None, title: str) -> None:
    """The enlarged region: its outline on the main map (if given), then the region itself in ``box``.

    Labels are placed for the inset: call the scene's ``layout_labels`` for the main picture afterwards.
    """
    frame_pen = QPen(QColor("#1d1d1d"), 1.0)
    p.save()
    p.setPen(frame_pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    if outline is not None:
        p.drawRect(outline)
    source = fit_rect(source, box.width() / box.height())
    title_h = 15.0
    view = box.adjusted(0, title_h, 0, 0)
    source = fit_rect(source, view.width() / view.height())
    scene.layout_labels(_view_transform(source, view), view)
    p.setClipRect(box)
    p.fillRect(box, QColor("white"))
    scene.render(p, view, source, Qt.AspectRatioMode.IgnoreAspectRatio)
    p.setClipping(False)
    p.fillRect(QRectF(box.left(), box.top(), box.width(), title_h), QColor(255, 255, 255, 235))
    font = QFont(style.label_font(7.5, bold=True))
    p.setFont(font)
    p.setPen(QColor("#1d1d1d"))
    title = QFontMetricsF(font).elidedText(title, Qt.TextElideMode.ElideRight, box.width() - 10)  # never cut mid-glyph
    p.drawText(QRectF(box.left() + 5, box.top(), box.width() - 10, title_h),
               Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    p.setPen(frame_pen)
    p.drawRect(box)
    p.restore()


def render_scene(scene: MapScene, source: QRectF, size: tuple[int, int], caption: str = "",
                 legend: bool = True, inset: tuple[str, QRectF] | None = None) -> QImage:
    """Draw a scene rectangle into a new image of exactly ``size`` pixels."""
    w, h = _check_size(size)
    ratio = max(1.0, w / LOGICAL_WIDTH)
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor("white"))
    p = QPainter(image)
    scene.set_pen_scale(ratio)  # cosmetic pens ignore the pixel ratio: widen them by hand
    try:
        paint_scene(p, scene, source, QRectF(0, 0, w / ratio, h / ratio), caption, legend, inset)
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
    # The theatre is framed; its dense core (Japan–Korea in the example) gets an enlarged inset.
    inset = (scene.inset_title(), scene.core[1]) if view == "map" and scene.core is not None else None
    return render_scene(scene, scene.default_rect(), (w, h), caption, inset=inset)


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
