"""What every property dialog shares: a form, a line for what is wrong, OK that applies one undoable edit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from briefing_app.model.property_edits import PropertyError
from briefing_app.model.types import Workspace
from briefing_app.state import AppState


class PropertyDialog(QDialog):
    """A form whose OK applies :meth:`build` as one undoable edit named :meth:`edit_label`.

    A value the model refuses (:class:`PropertyError`) is shown in red under
    the form and the dialog stays open with everything typed kept.
    """

    def __init__(self, state: AppState, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.state = state
        self.form = QFormLayout()
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def build(self, ws: Workspace) -> Workspace:
        """The new snapshot from the form's values; raises PropertyError for a bad value."""
        raise NotImplementedError

    def edit_label(self) -> str:
        """The undo stack's name for the edit."""
        return self.windowTitle()

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _on_accepted(self) -> None:
        try:
            new = self.build(self.state.workspace)
        except PropertyError as exc:
            self.show_error(str(exc))
            return
        self.state.apply(self.edit_label(), new)
        self.accept()


def run_dialog(make: Callable[[], QDialog]) -> bool:
    """Show a dialog modally; True when it was accepted."""
    dialog = make()
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
