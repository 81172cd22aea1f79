"""Delete an entity, a document or an annotation, telling the user first what else refers to it.

The question lists every reference in words (relations, events, annotations,
affiliations) and the user chooses: delete and remove those references, or
keep everything. Either way no id is left pointing at nothing, and Undo
brings it all back.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from briefing_app.model.annotations import delete_annotation
from briefing_app.model.edits import remove_entity
from briefing_app.model.property_edits import (
    Reference,
    delete_document,
    references_to_annotation,
    references_to_document,
    references_to_entity,
)
from briefing_app.state import AppState

MAX_LISTED = 12  # lines in the question itself; the rest is under "Show Details"


def deletion_question(what: str, references: list[Reference]) -> tuple[str, str]:
    """(question, details) for deleting ``what`` given what refers to it."""
    if not references:
        return f"Delete {what}? Nothing else refers to it. (Undo brings it back.)", ""
    lines = [f"• {r.text}" for r in references]
    shown = "\n".join(lines[:MAX_LISTED])
    more = f"\n… and {len(lines) - MAX_LISTED} more (Show Details)" if len(lines) > MAX_LISTED else ""
    question = (f"{what[:1].upper()}{what[1:]} is referred to by {len(references)} item(s):\n\n{shown}{more}\n\n"
                "Delete it and remove these references? (Undo brings everything back.)")
    return question, "\n".join(lines)


def _confirm(parent: QWidget | None, title: str, what: str, references: list[Reference]) -> bool:
    question, details = deletion_question(what, references)
    box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.Cancel, parent)
    delete_button = box.addButton("Delete and remove references" if references else "Delete",
                                  QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    if details:
        box.setDetailedText(details)
    box.exec()
    answered = box.clickedButton() is delete_button
    box.deleteLater()
    return answered


def _ask_then_edit(state: AppState, parent: QWidget | None, kind: str, what: str, references: list[Reference],
                   undo_text: str, edit, item_id: str, done: str) -> bool:  # noqa: ANN001 - an edit function
    """Ask about ``what`` (a ``kind``) and its references; on yes, one undoable edit and a status line."""
    if not _confirm(parent, f"Delete {kind}", what, references):
        return False
    state.edit(undo_text, edit, item_id)
    state.message_posted.emit(done)
    return True


def delete_entity_asking(state: AppState, entity_id: str, parent: QWidget | None = None) -> bool:
    """Ask, then delete an entity and every reference to it; True when deleted."""
    ws = state.workspace
    e = ws.entity_by_id.get(entity_id)
    return e is not None and _ask_then_edit(
        state, parent, "entity", f"entity “{e.name}”", references_to_entity(ws, entity_id),
        f"Delete entity {e.name}", remove_entity, entity_id, f"Deleted {e.name}; Undo brings it back")


def delete_document_asking(state: AppState, doc_id: str, parent: QWidget | None = None) -> bool:
    """Ask, then remove a document (its file stays on disk), its annotations and their citations."""
    ws = state.workspace
    d = ws.document_by_id.get(doc_id)
    return d is not None and _ask_then_edit(
        state, parent, "document", f"document “{d.title}”", references_to_document(ws, doc_id),
        f"Delete document {d.title}", delete_document, doc_id,
        f"Removed {d.title} from the workspace (its file {d.path} is kept); Undo brings it back")


def delete_annotation_asking(state: AppState, annotation_id: str, parent: QWidget | None = None) -> bool:
    """Ask, then delete an annotation and the evidence pointers to it."""
    ws = state.workspace
    a = ws.annotation_by_id.get(annotation_id)
    if a is None:
        return False
    flat = " ".join(a.selector.exact.split())
    return _ask_then_edit(
        state, parent, "annotation", f"annotation “{flat[:60]}{'…' if len(flat) > 60 else ''}”",
        references_to_annotation(ws, annotation_id), "Delete annotation", delete_annotation, annotation_id,
        "Deleted the annotation; Undo brings it back")
