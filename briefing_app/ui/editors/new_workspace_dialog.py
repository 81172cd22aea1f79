"""File ▸ New: a title and a new (or empty) folder; makes the workspace there and returns its file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from briefing_app.model.new_workspace import (
    DEFAULT_TITLE,
    NewWorkspaceError,
    create_workspace,
    workspace_file_name,
)
from briefing_app.model.property_edits import PropertyError
from briefing_app.model.types import Workspace
from briefing_app.ui.editors.base import PropertyDialog


class NewWorkspaceDialog(PropertyDialog):
    """Title and folder; OK creates ``FOLDER/<slug>.briefing.yaml`` and ``FOLDER/documents/``.

    Nothing is written to the current workspace (it is not an edit): after
    acceptance :attr:`created` holds the new file.
    """

    def __init__(self, parent: QWidget | None = None, start_folder: Path | None = None):
        super().__init__(None, "New briefing", parent)  # type: ignore[arg-type] - needs no state
        self.created: Path | None = None
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(DEFAULT_TITLE)
        self.folder_edit = QLineEdit(str(start_folder) if start_folder else "", self)
        self.folder_edit.setPlaceholderText("a new or empty folder")
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        self.file_label = QLabel(self)
        self.title_edit.textChanged.connect(self._on_inputs_changed)
        self.folder_edit.textChanged.connect(self._on_inputs_changed)
        self.form.addRow("Title", self.title_edit)
        self.form.addRow("Folder", row)
        self.form.addRow("Workspace file", self.file_label)
        self._on_inputs_changed()

    def _on_inputs_changed(self, *_args: object) -> None:
        self.file_label.setText(workspace_file_name(self.title_edit.text() or DEFAULT_TITLE)
                                + "  and  documents/")

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder for the new briefing", self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def _on_accepted(self) -> None:
        folder = self.folder_edit.text().strip()
        if not folder:
            self.show_error("Folder: choose where the briefing goes (a new or empty folder)")
            return
        try:
            self.created = create_workspace(Path(folder).expanduser(), self.title_edit.text())
        except NewWorkspaceError as exc:
            self.show_error(str(exc))
            return
        self.accept()

    def build(self, ws: Workspace) -> Workspace:  # not an edit of the open workspace
        raise PropertyError("a new briefing is not an edit")


def ask_new_workspace(parent: QWidget | None = None, start_folder: Path | None = None) -> Path | None:
    """Ask for a title and folder and make the workspace; its file, or None when cancelled."""
    dialog = NewWorkspaceDialog(parent, start_folder)
    try:
        return dialog.created if dialog.exec() == NewWorkspaceDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
