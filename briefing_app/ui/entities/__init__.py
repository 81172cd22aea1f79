"""The entity card: properties, aliases and every mention of the selected actor."""

from briefing_app.ui.entities.panel import EntityPanel

__all__ = ["EntityPanel"]
