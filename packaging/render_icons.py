"""Render the application icon SVG to PNGs at the freedesktop sizes, with QtSvg.

Usage: python packaging/render_icons.py  (writes resources/icons/hicolor/<N>x<N>/apps/<app id>.png
and resources/icons/briefing-desk-<N>.png)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "org.briefingdesk.BriefingDesk"
SVG = ROOT / "resources" / "icons" / "briefing-desk.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path, size: int) -> QImage:
    """The SVG drawn into a transparent size×size image."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - needed for painting
    out = SVG.parent
    for size in SIZES:
        image = render(SVG, size)
        flat = out / f"briefing-desk-{size}.png"
        themed = out / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        themed.parent.mkdir(parents=True, exist_ok=True)
        for target in (flat, themed):
            if not image.save(str(target)):
                print(f"{target}: cannot write", file=sys.stderr)
                return 1
        print(f"{flat.relative_to(ROOT)} {size}x{size}")
    scalable = out / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_bytes(SVG.read_bytes())
    return 0


if __name__ == "__main__":
    sys.exit(main())
