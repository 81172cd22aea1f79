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
