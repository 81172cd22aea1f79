"""The document reader: mentions coloured by entity type, annotations in the margin.

``panel`` wires it to AppState; ``view`` is the text view; ``formats`` the
per-block highlighting; ``annotation_marks`` the margin bars; ``offsets``
converts Qt positions to Python string offsets.
"""

from briefing_app.ui.reader.panel import ReaderPanel

__all__ = ["ReaderPanel"]
