"""Compare mode: two dates, and the list of what changed between them."""

from briefing_app.ui.changes.panel import ChangesPanel

__all__ = ["ChangesPanel"]
