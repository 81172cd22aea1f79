"""Draft events: dated sentences with participants, proposed for review."""

from briefing_app.analysis.events.drafts import DraftEvent, draft_events, split_sentences

__all__ = ["DraftEvent", "draft_events", "split_sentences"]
