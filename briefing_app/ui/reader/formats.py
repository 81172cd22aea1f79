"""The character formats the reader paints with, made once per look and shared.

Mentions get their entity type's colour as background; annotations stay out
of their way: key judgments and questions add a thin underline, and only the
selected or hovered annotation fills its passage, lightly.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat

from briefing_app.ui.palette import annotation_color, entity_type_color, text_on
from briefing_app.ui.reader.annotation_marks import UNDERLINED_TAGS

_ACTIVE_ALPHA = 70  # the selected/hovered annotation's fill: light, mentions keep their colour


class ReaderFormats:
    """A cache of the reader's ``QTextCharFormat`` objects, one per distinct look."""

    def __init__(self) -> None:
        self._formats: dict[str, QTextCharFormat] = {}

    def clear(self) -> None:
        """Forget every format (the colours or the emphasis changed)."""
        self._formats.clear()

    def mention(self, entity_type: str, emphasised: bool) -> QTextCharFormat:
        """A mention: its type's colour as background, underlined when its entity is emphasised."""
        key = ("\0emph" if emphasised else "\0type") + entity_type  # one format per type, not per entity
        fmt = self._formats.get(key)
        if fmt is None:
            colour = entity_type_color(entity_type)
            fmt = QTextCharFormat()
            fmt.setBackground(colour)
            fmt.setForeground(text_on(colour))  # the fill is fixed, so the text must not follow the palette
            if emphasised:  # no weight change: it would re-wrap lines and move the text
                fmt.setFontUnderline(True)
                fmt.setUnderlineColor(colour.darker(220))
            self._formats[key] = fmt
        return fmt

    def underline(self, color: str, tag: str) -> QTextCharFormat:
        """A thin underline in the annotation's colour: key judgments and questions stand out."""
        key = f"\0under{tag}{color}"
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(UNDERLINED_TAGS[tag])
            fmt.setUnderlineColor(annotation_color(color).darker(130))
            self._formats[key] = fmt
        return fmt

    def active(self, color: str, tag: str) -> QTextCharFormat:
        """The selected or hovered annotation: a light fill of its colour (and its underline)."""
        key = f"\0active{tag}{color}"
        fmt = self._formats.get(key)
        if fmt is None:
            base = annotation_color(color)
            fill = QColor(base)
            fill.setAlpha(_ACTIVE_ALPHA)
            fmt = QTextCharFormat()
            fmt.setBackground(fill)
            fmt.setUnderlineStyle(UNDERLINED_TAGS.get(tag, QTextCharFormat.UnderlineStyle.SingleUnderline))
            fmt.setUnderlineColor(base.darker(130))
            self._formats[key] = fmt
        return fmt

    def flash(self) -> QTextCharFormat:
        """A requested passage, for a moment."""
        name = "\0flash"
        fmt = self._formats.get(name)
        if fmt is None:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#ffeb3b"))
            fmt.setForeground(QColor("#000000"))
            self._formats[name] = fmt
        return fmt
