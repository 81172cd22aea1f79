"""Editors: dialogs that change the workspace, each change one undoable edit through AppState.

Panels and the main window open them; editors never import a panel.

Public API:
    Chooser, ChooserDialog, Choice, choose, choose_many, entity_choices, relation_choices —
        a filterable chooser sorted by name, showing names never ids (chooser.py);
    open_briefing_dialog — Edit ▸ Briefing properties… (briefing_dialog.py);
    open_entity_dialog — edit an entity, or create one (entity_dialog.py);
    open_document_dialog — a document's source details and grade in words (document_dialog.py);
    ask_new_workspace — File ▸ New: title and folder, makes the workspace (new_workspace_dialog.py);
    delete_entity_asking, delete_document_asking, delete_annotation_asking —
        say what refers to the item, then delete with its references (delete.py);
    PropertyDialog — the base of a form applied as one edit (base.py).
"""

from briefing_app.ui.editors.base import PropertyDialog
from briefing_app.ui.editors.briefing_dialog import open_briefing_dialog
from briefing_app.ui.editors.chooser import (
    Choice,
    Chooser,
    ChooserDialog,
    choose,
    choose_many,
    entity_choices,
    relation_choices,
)
from briefing_app.ui.editors.delete import delete_annotation_asking, delete_document_asking, delete_entity_asking
from briefing_app.ui.editors.document_dialog import open_document_dialog
from briefing_app.ui.editors.entity_dialog import open_entity_dialog
from briefing_app.ui.editors.new_workspace_dialog import ask_new_workspace

__all__ = [
    "Choice",
    "Chooser",
    "ChooserDialog",
    "PropertyDialog",
    "ask_new_workspace",
    "choose",
    "choose_many",
    "delete_annotation_asking",
    "delete_document_asking",
    "delete_entity_asking",
    "entity_choices",
    "open_briefing_dialog",
    "open_document_dialog",
    "open_entity_dialog",
    "relation_choices",
]
