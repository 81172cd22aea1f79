"""Text on highlights reads in both palettes; the palettes themselves are what they say."""

import pytest
from PySide6.QtGui import QPalette

from briefing_app.ui.palette import ENTITY_TYPE_COLORS, contrast_ratio, make_palette
from briefing_app.ui.reader.formats import ReaderFormats


@pytest.mark.parametrize("entity_type", [*ENTITY_TYPE_COLORS, "custom-type"])
def test_mention_text_colour_is_chosen_against_its_fill(qapp, entity_type):
    for emphasised in (False, True):
        fmt = ReaderFormats().mention(entity_type, emphasised)
        fg, bg = fmt.foreground().color(), fmt.background().color()
        assert fmt.hasProperty(fmt.Property.ForegroundBrush)  # not left to the palette
        assert contrast_ratio(fg, bg) >= 7.0


def test_dark_palette_is_dark_and_readable(qapp):
    p = make_palette("dark")
    R = QPalette.ColorRole
    assert p.color(R.Base).lightness() < 60
    assert contrast_ratio(p.color(R.Text), p.color(R.Base)) >= 7.0
    assert contrast_ratio(p.color(R.WindowText), p.color(R.Window)) >= 7.0


def test_unknown_palette_is_refused():
    with pytest.raises(ValueError, match="unknown palette"):
        make_palette("sepia")


def test_secondary_text_reads_on_either_palette(qapp):
    from PySide6.QtGui import QColor

    from briefing_app.ui.palette import secondary_text_hex

    old = qapp.palette()
    try:
        for name in ("light", "dark"):
            qapp.setPalette(make_palette(name))
            window = make_palette(name).color(QPalette.ColorRole.Window)
            assert contrast_ratio(QColor(secondary_text_hex()), window) >= 4.5
    finally:
        qapp.setPalette(old)
