"""Pieces the relation and event editors share: the error line and the Save/Cancel/Delete row."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QWidget

ERROR_STYLE = "color: #a00"


def error_label(parent: QWidget) -> QLabel:
    """A hidden, wrapping red line that says why a save was refused."""
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def save_cancel_delete(parent: QWidget, delete_text: str, can_delete: bool) -> tuple[QDialogButtonBox, QPushButton]:
    """Save and Cancel, plus a destructive Delete shown only for an item that exists."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, parent)
    delete_button = buttons.addButton(delete_text, QDialogButtonBox.ButtonRole.DestructiveRole)
    delete_button.setVisible(can_delete)
    return buttons, delete_button
