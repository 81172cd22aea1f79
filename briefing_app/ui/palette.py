"""Colours and wording shared by the panels: entity types, annotation tags, anchor statuses.

One per entity type, light enough to sit behind text.

The reader paints mentions with these as a text background, the entity
list and the map use them as swatches, so an actor has one colour
everywhere. Hues follow ColorBrewer's qualitative sets, lightened until
black text on them keeps a contrast ratio above 10:1.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

# Built-in entity types (model.types.ENTITY_TYPES) -> colour.
ENTITY_TYPE_COLORS: dict[str, str] = {
    "country": "#b3d4f0",  # blue
    "person": "#fdd5a6",  # orange
    "organization": "#bfe5b4",  # green
    "agreement": "#d6cdea",  # purple
    "military": "#f7b9b3",  # red
    "place": "#aee0da",  # teal
    "event-series": "#f3c6e1",  # pink
}
FALLBACK_COLOR = "#dcdcdc"  # grey: vocabulary-added or unknown types


def entity_type_color(entity_type: str | None) -> QColor:
    """The colour of an entity type; grey for a type without one of its own."""
    return QColor(ENTITY_TYPE_COLORS.get(entity_type or "", FALLBACK_COLOR))


def annotation_color(color: str | None, default: str = "#ffd54f") -> QColor:
    """An annotation's display colour from its ``color`` field (``'#rrggbb'``).

    A missing or malformed value gives ``default`` (amber) rather than an
    invalid QColor, so a hand-edited file cannot break painting.
    """
    c = QColor(color) if color else QColor()
    return c if c.isValid() else QColor(default)


# Default colours per built-in tag (the reader uses the annotation's own colour first).
TAG_COLORS = {
    "key-judgment": "#ffb74d",
    "evidence": "#81c784",
    "assumption": "#ba68c8",
    "question": "#64b5f6",
    "quote": "#fff176",
}
TAG_FALLBACK_COLOR = "#ffd54f"


def tag_color(tag: str) -> str:
    """The default display colour of a tag."""
    return TAG_COLORS.get(tag, TAG_FALLBACK_COLOR)


def anchor_status_text(anchor) -> str:
    """How an anchor's status is worded everywhere: "exact", "fuzzy 87%", "ambiguous (2)", ..."""
    if anchor is None:
        return "no text"
    if anchor.status == "fuzzy":
        return f"fuzzy {round(anchor.score * 100)}%"
    if anchor.status == "ambiguous":
        return f"ambiguous ({len(anchor.candidates)})"
    return anchor.status


# -- text against a highlight, and the application palettes ---------------------------------
DARK_TEXT = "#111111"
LIGHT_TEXT = "#f5f5f5"


def relative_luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour (0 black .. 1 white)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two colours (1 .. 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(background: QColor) -> QColor:
    """The text colour (near-black or near-white) with the higher contrast on ``background``.

    Highlights keep their colour whatever the window palette, so the text on
    them must not follow the palette: light palette text on a pastel fill is
    unreadable in a dark theme.
    """
    dark, light = QColor(DARK_TEXT), QColor(LIGHT_TEXT)
    return dark if contrast_ratio(dark, background) >= contrast_ratio(light, background) else light


PALETTES = ("light", "dark")


def make_palette(name: str):
    """A QPalette for ``name`` ('light' or 'dark'), for the Fusion style.

    Raises:
        ValueError: on an unknown name.
    """
    from PySide6.QtGui import QPalette

    if name not in PALETTES:
        raise ValueError(f"unknown palette {name!r}: use one of {', '.join(PALETTES)}")
    R = QPalette.ColorRole
    p = QPalette()
    if name == "light":
        colours = {R.Window: "#efefef", R.WindowText: "#1d1d1d", R.Base: "#ffffff", R.AlternateBase: "#f4f6f8",
                   R.Text: "#1d1d1d", R.Button: "#e8e8e8", R.ButtonText: "#1d1d1d", R.Highlight: "#2f7bd6",
                   R.HighlightedText: "#ffffff", R.ToolTipBase: "#ffffdc", R.ToolTipText: "#1d1d1d",
                   R.PlaceholderText: "#767676", R.Link: "#1a5fb4", R.BrightText: "#ffffff"}
    else:
        colours = {R.Window: "#2b2d30", R.WindowText: "#e6e6e6", R.Base: "#1e1f22", R.AlternateBase: "#26282b",
                   R.Text: "#e6e6e6", R.Button: "#35383c", R.ButtonText: "#e6e6e6", R.Highlight: "#3d7fd4",
                   R.HighlightedText: "#ffffff", R.ToolTipBase: "#3a3d41", R.ToolTipText: "#eeeeee",
                   R.PlaceholderText: "#9a9a9a", R.Link: "#8ab4f8", R.BrightText: "#ffffff"}
    for role, value in colours.items():
        p.setColor(role, QColor(value))
    disabled = QColor("#8a8a8a" if name == "dark" else "#9a9a9a")
    for role in (R.WindowText, R.Text, R.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def apply_palette(app, name: str) -> None:
    """Give the whole application the light or dark palette (Fusion style, which follows palettes)."""
    app.setStyle("Fusion")
    app.setPalette(make_palette(name))


def secondary_text_hex() -> str:
    """A muted text colour for secondary lines (sources, dates) that reads on the current palette.

    Text and window colours mixed 65 : 35, so it is grey on white and light
    grey on a dark window, where a fixed #555 would vanish.
    """
    from PySide6.QtGui import QGuiApplication, QPalette

    pal = QGuiApplication.palette()
    fg, bg = pal.color(QPalette.ColorRole.WindowText), pal.color(QPalette.ColorRole.Window)
    mix = [round(0.65 * a + 0.35 * b) for a, b in zip(fg.getRgb()[:3], bg.getRgb()[:3])]
    return QColor(*mix).name()
