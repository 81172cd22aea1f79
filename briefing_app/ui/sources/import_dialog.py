"""File ▸ Import and drag and drop: many files, a reliability grade, progress and cancel.

The work is :func:`briefing_app.importers.import_files`; this module only asks
for the files and a grade, shows progress (events are processed between files
so Cancel answers), then applies the new snapshot as one undoable step.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing_app.importers import SUFFIXES, ImportFailure, ImportResult, import_files
from briefing_app.model.types import RELIABILITY_INFO, RELIABILITY_SOURCE
from briefing_app.state import AppState

FILE_FILTER = "Documents (" + " ".join(f"*{s}" for s in sorted(SUFFIXES)) + ");;All files (*)"


class ImportDialog(QDialog):
    """The files to import, a grade for them, a progress bar and Cancel."""

    def __init__(self, state: AppState, paths: list[Path], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import documents")
        self.state = state
        self.paths = paths
        self.result_: ImportResult | None = None
        self._cancel_requested = False
        self._running = False

        self.files = QListWidget(self)
        self.files.addItems([str(p) for p in paths])
        self.grade = QComboBox(self)
        self.grade.addItem("(not graded)", "")
        for s in RELIABILITY_SOURCE:
            for i in RELIABILITY_INFO:
                self.grade.addItem(s + i, s + i)
        self.grade.setToolTip("Admiralty code: source reliability A–F, information credibility 1–6")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, max(1, len(paths)))
        self.progress.setValue(0)
        self.current = QLabel(self)
        self.report = QLabel(self)
        self.report.setWordWrap(True)
        self.import_button = QPushButton("Import", self)
        self.cancel_button = QPushButton("Cancel", self)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.run_import)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)

        form = QFormLayout()
        form.addRow("Reliability", self.grade)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{len(paths)} file(s): text, Markdown, HTML, PDF or DOCX", self))
        layout.addWidget(self.files, 1)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.current)
        layout.addWidget(self.report)
        layout.addLayout(buttons)
        self.resize(560, 420)

    def _on_cancel_clicked(self) -> None:
        if self._running:
            self._cancel_requested = True  # stops after the current file
        else:
            self.reject()

    def _progress(self, done: int, total: int, name: str) -> bool:
        self.progress.setValue(done)
        self.current.setText(f"Reading {name}…" if name else "")
        QApplication.processEvents()
        return not self._cancel_requested

    def run_import(self) -> ImportResult | None:
        """Import the files, apply the result as one undoable edit and show a report."""
        self._running = True
        self.import_button.setEnabled(False)
        try:
            result = import_files(self.state.workspace, self.paths, progress=self._progress,
                                  reliability=self.grade.currentData() or "")  # fmt: skip
        except ImportFailure as exc:
            self.report.setText(str(exc))
            self.state.message_posted.emit(str(exc))
            self._running = False
            self.import_button.setEnabled(True)
            return None
        self._running = False
        self.result_ = result
        if result.imported:
            n = len(result.imported)
            self.state.apply(f"Import {n} document{'s' if n > 1 else ''}", result.workspace)
            self.state.show_document(result.imported[0].document.id)
        lines = [result.summary() + "."]
        lines += [f"{d.source.name}: already in the workspace as {d.existing}" for d in result.duplicates]
        lines += [message for _path, message in result.failures]
        lines += [w for item in result.imported for w in item.warnings]
        self.report.setText("\n".join(lines))
        self.state.message_posted.emit(f"Import: {result.summary()}")
        self.cancel_button.setText("Close")
        return result


def open_import_dialog(state: AppState, parent: QWidget | None = None, paths: list | None = None) -> ImportResult | None:
    """Ask for files (unless given), then import them with progress; returns what happened (None if cancelled)."""
    if paths is None:
        chosen, _filter = QFileDialog.getOpenFileNames(parent, "Import documents", "", FILE_FILTER)
        paths = chosen
    paths = [Path(p) for p in paths]
    if not paths:
        return None
    if state.workspace.root is None:
        state.message_posted.emit("Save the workspace first: imported documents are copied into its folder.")
        return None
    dlg = ImportDialog(state, paths, parent)
    dlg.exec()
    return dlg.result_


