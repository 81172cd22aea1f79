"""The alliance timeline panel: states as spans, events as markers, the time cursor."""

from briefing_app.ui.timeline.panel import TimelinePanel

__all__ = ["TimelinePanel"]
