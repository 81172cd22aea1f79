"""Editors: dialogs that change the workspace, each change one undoable edit through AppState.

Panels and the main window open them; editors never import a panel, so panels
still never import each other.

Public API (loaded on first use, so start-up does not pay for dialogs):
    Chooser, ChooserDialog, Choice, choose, choose_many, entity_choices, relation_choices —
        a filterable chooser sorted by name, showing names never ids (chooser.py);
    open_briefing_dialog — Edit ▸ Briefing properties… (briefing_dialog.py);
    open_entity_dialog — edit an entity, or create one (entity_dialog.py);
    open_document_dialog — a document's source details and grade in words (document_dialog.py);
    ask_new_workspace — File ▸ New: title and folder, makes the workspace (new_workspace_dialog.py);
    delete_entity_asking, delete_document_asking, delete_annotation_asking —
        say what refers to the item, then delete with its references (delete.py);
    PropertyDialog — the base of a form applied as one edit (base.py).
    open_relation_editor, confirm_delete_relation, open_event_editor, confirm_delete_event —
        relations with their dated states, and events (relation_editor.py, event_editor.py).
The menus and the reader's pop-up that open them: passage_actions, item_menus, graph_link and
authoring (they call the editors through this package, so the dialogs load when first opened).
"""

from importlib import import_module

_EXPORTS = {
    "PropertyDialog": "base",
    "open_briefing_dialog": "briefing_dialog",
    "Choice": "chooser",
    "Chooser": "chooser",
    "ChooserDialog": "chooser",
    "choose": "chooser",
    "choose_many": "chooser",
    "entity_choices": "chooser",
    "relation_choices": "chooser",
    "delete_annotation_asking": "delete",
    "delete_document_asking": "delete",
    "delete_entity_asking": "delete",
    "open_document_dialog": "document_dialog",
    "open_entity_dialog": "entity_dialog",
    "ask_new_workspace": "new_workspace_dialog",
    "open_relation_editor": "relation_editor",
    "confirm_delete_relation": "relation_editor",
    "open_event_editor": "event_editor",
    "confirm_delete_event": "event_editor",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
