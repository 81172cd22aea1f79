"""Annotations: the annotate / edit dialog and the panel that lists, filters and re-attaches them."""

from briefing_app.ui.annotations.annotate_dialog import open_annotate_dialog, open_edit_dialog
from briefing_app.ui.annotations.panel import AnnotationsPanel

__all__ = ["AnnotationsPanel", "open_annotate_dialog", "open_edit_dialog"]
