"""Never lose work: autosave with recovery after a crash, and the watch for outside changes and locks."""

from briefing_app.ui.safety.autosave import AutosaveController, offer_recovery
from briefing_app.ui.safety.file_watch import ExternalChangeWatcher, check_before_save, note_saved

__all__ = ["AutosaveController", "ExternalChangeWatcher", "check_before_save", "note_saved", "offer_recovery"]
