"""Edit ▸ Briefing properties…: title, subtitle, author, classification banner, as-of date, BLUF."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from briefing_app.model.property_edits import parse_optional_date, set_briefing_properties
from briefing_app.model.types import Workspace
from briefing_app.state import AppState
from briefing_app.ui.editors.base import PropertyDialog, run_dialog

DATE_HINT = "YYYY, YYYY-MM or YYYY-MM-DD; empty: the latest dated item"


class BriefingDialog(PropertyDialog):
    """The briefing's cover page and bottom line, as one undoable edit."""

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(state, "Briefing properties", parent)
        b = state.workspace.briefing
        self.title_edit = QLineEdit(b.title, self)
        self.subtitle_edit = QLineEdit(b.subtitle, self)
        self.author_edit = QLineEdit(b.author, self)
        self.classification_edit = QLineEdit(b.classification, self)
        self.classification_edit.setPlaceholderText("UNCLASSIFIED")
        self.as_of_edit = QLineEdit(b.as_of.iso() if b.as_of else "", self)
        self.as_of_edit.setPlaceholderText(DATE_HINT)
        self.bluf_edit = QPlainTextEdit(b.bluf, self)
        self.bluf_edit.setPlaceholderText("Bottom line up front: the one paragraph a reader must take away")
        self.bluf_edit.setTabChangesFocus(True)
        self.form.addRow("Title", self.title_edit)
        self.form.addRow("Subtitle", self.subtitle_edit)
        self.form.addRow("Author", self.author_edit)
        self.form.addRow("Classification banner", self.classification_edit)
        self.form.addRow("As of", self.as_of_edit)
        self.form.addRow("BLUF", self.bluf_edit)

    def build(self, ws: Workspace) -> Workspace:
        return set_briefing_properties(
            ws, title=self.title_edit.text(), subtitle=self.subtitle_edit.text(), author=self.author_edit.text(),
            classification=self.classification_edit.text(),
            as_of=parse_optional_date(self.as_of_edit.text(), "As of"), bluf=self.bluf_edit.toPlainText())

    def edit_label(self) -> str:
        return "Edit briefing properties"


def open_briefing_dialog(state: AppState, parent: QWidget | None = None) -> bool:
    """Show the dialog; True when the user applied it."""
    return run_dialog(lambda: BriefingDialog(state, parent))
