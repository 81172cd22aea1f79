"""The review queue: proposed entities, aliases and draft events, accepted one undoable edit at a time."""

from briefing_app.ui.review.queue import ReviewQueuePanel

__all__ = ["ReviewQueuePanel"]
