"""Document properties: title, publisher, URL, published date and the Admiralty reliability grade in words."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from briefing_app.model.reliability import INFO_GRADES, SOURCE_GRADES, reliability_phrase
from briefing_app.model.property_edits import parse_optional_date, set_document_properties
from briefing_app.model.types import Workspace
from briefing_app.state import AppState
from briefing_app.ui.editors.base import PropertyDialog, run_dialog

NOT_GRADED = "not graded"


def _grade_combo(grades: dict[str, str], current: str, parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem(NOT_GRADED, "")
    for code, words in grades.items():
        combo.addItem(f"{code} — {words[:1].upper()}{words[1:]}", code)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class DocumentDialog(PropertyDialog):
    """One document's metadata, as one undoable edit."""

    def __init__(self, state: AppState, doc_id: str, parent: QWidget | None = None):
        super().__init__(state, "Document properties", parent)
        self.setMinimumWidth(720)  # room for long titles and both grades in words
        self.doc_id = doc_id
        d = state.workspace.document_by_id[doc_id]
        self.title_edit = QLineEdit(d.title, self)
        self.publisher_edit = QLineEdit(d.publisher, self)
        self.url_edit = QLineEdit(d.url, self)
        self.published_edit = QLineEdit(d.published.iso() if d.published else "", self)
        self.published_edit.setPlaceholderText("YYYY, YYYY-MM or YYYY-MM-DD")
        for edit in (self.title_edit, self.publisher_edit, self.url_edit):
            edit.setCursorPosition(0)  # show the start of a long value, not its end
        self.estimated_box = QCheckBox("estimated, not stated by the source", self)
        self.estimated_box.setChecked(d.published_estimated)
        self.estimated_box.setToolTip(d.published_note or "Untick once you have checked the date")
        published_row = QHBoxLayout()
        published_row.addWidget(self.published_edit, 1)
        published_row.addWidget(self.estimated_box)
        code = (d.reliability or "  ").upper()
        self.source_combo = _grade_combo(SOURCE_GRADES, code[0].strip(), self)
        self.info_combo = _grade_combo(INFO_GRADES, code[1:2].strip(), self)
        self.grade_words = QLabel(self)
        self.grade_words.setWordWrap(True)
        self.source_combo.currentIndexChanged.connect(self._on_grade_changed)
        self.info_combo.currentIndexChanged.connect(self._on_grade_changed)
        self._on_grade_changed()
        grade_row = QHBoxLayout()
        grade_row.addWidget(self.source_combo)
        grade_row.addWidget(self.info_combo)
        self.form.addRow("Title", self.title_edit)
        self.form.addRow("Publisher", self.publisher_edit)
        self.form.addRow("URL", self.url_edit)
        self.form.addRow("Published", published_row)
        self.form.addRow("Source / information", grade_row)
        self.form.addRow("", self.grade_words)
        self.form.addRow("File", QLabel(d.path, self))

    def reliability(self) -> str:
        """The grade chosen, e.g. 'B2', or only the source letter, or ''."""
        return f"{self.source_combo.currentData()}{self.info_combo.currentData()}"

    def set_reliability(self, code: str) -> None:
        code = code.upper()
        self.source_combo.setCurrentIndex(max(0, self.source_combo.findData(code[:1])))
        self.info_combo.setCurrentIndex(max(0, self.info_combo.findData(code[1:2])))

    def _on_grade_changed(self, *_args: object) -> None:
        code = self.reliability()
        if code and not self.source_combo.currentData():
            self.grade_words.setText("Choose the source grade (A–F) as well")
        else:
            self.grade_words.setText(reliability_phrase(code) or "Not graded")

    def build(self, ws: Workspace) -> Workspace:
        return set_document_properties(ws, self.doc_id, title=self.title_edit.text(),
                                       publisher=self.publisher_edit.text(), url=self.url_edit.text(),
                                       published=parse_optional_date(self.published_edit.text(), "Published"),
                                       reliability=self.reliability(), estimated=self.estimated_box.isChecked())

    def edit_label(self) -> str:
        return f"Edit document {' '.join(self.title_edit.text().split())}"


def open_document_dialog(state: AppState, doc_id: str, parent: QWidget | None = None) -> bool:
    """Show the dialog; True when the user applied it."""
    return run_dialog(lambda: DocumentDialog(state, doc_id, parent))
