"""Korean and Japanese names render as glyphs, not as boxes (.notdef)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter


def _render(text: str) -> QImage:
    img = QImage(200, 60, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setPen(QColor("black"))
    p.setFont(QFont("Sans Serif", 24))
    p.drawText(img.rect(), Qt.AlignmentFlag.AlignCenter, text)
    p.end()
    return img


def _ink(img: QImage) -> int:
    return sum(1 for y in range(img.height()) for x in range(img.width()) if img.pixelColor(x, y).lightness() < 128)


def test_a_font_covers_hangul_and_kanji(qapp):
    assert QFontDatabase.families(QFontDatabase.WritingSystem.Korean), "install fonts-noto-cjk (scripts/setup.sh)"
    assert QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)


@pytest.mark.parametrize("char", ["윤", "석", "岸", "田", "文"])
def test_cjk_characters_are_not_boxes(qapp, char):
    box = _render("\U0010FFFD")  # a private-use code point: no font has it, Qt draws .notdef
    glyph = _render(char)
    assert _ink(glyph) > 20
    assert glyph != box
    # Two different characters draw differently (boxes would look alike).
    assert _render("윤") != _render("岸")
