"""Draft events: dated sentences with participants, proposed for review, with the relation state they change."""

from briefing_app.analysis.events.drafts import DraftEvent, draft_events, split_sentences
from briefing_app.analysis.events.state_changes import StateChange, find_state_change

__all__ = ["DraftEvent", "StateChange", "draft_events", "find_state_change", "split_sentences"]
