"""Editors: dialogs that change the workspace, each change one undoable edit through AppState.

Public API:
    Chooser, Choice, entity_choices, relation_choices — a filterable, name-sorted chooser (chooser.py).
"""

from briefing_app.ui.editors.chooser import Choice, Chooser, entity_choices, relation_choices

__all__ = ["Choice", "Chooser", "entity_choices", "relation_choices"]
