"""The search panel: full-text search across all sources, with actor, source and date filters."""

from briefing_app.ui.search.panel import SearchPanel

__all__ = ["SearchPanel"]
