"""Edit ▸ Resolve merge conflicts…: both values of each conflict left by ``briefing-app merge``, to choose from.

Each choice is one undoable edit through ``AppState.edit`` with the pure
:func:`briefing_app.model.conflicts.resolve_conflict`; the list refreshes
from the new snapshot, and the dialog says when none is left.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from briefing_app.model.conflicts import recorded_conflicts, resolve_conflict, short

__all__ = ["ConflictsDialog", "open_conflicts_dialog", "show_conflicts_if_any"]


def conflict_title(c: dict) -> str:
    what = f"{c.get('section', '')} '{c.get('id')}'" if c.get("id") else str(c.get("section", ""))
    fld = c.get("field", "")
    return f"{what}: {'the whole item' if fld == '*' else fld}"


class ConflictsDialog(QDialog):
    """One row per conflict: what, then "Keep ours: …" and "Take theirs: …" buttons."""

    def __init__(self, state, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle("Resolve merge conflicts")
        self.resize(760, 420)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.rows = QWidget(self)
        self.rows_layout = QVBoxLayout(self.rows)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rows)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.buttons: list[tuple[QPushButton, QPushButton]] = []
        state.workspace_changed.connect(self._on_workspace_changed)
        self.refresh()

    def refresh(self) -> None:
        while self.rows_layout.count():
            item = self.rows_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.buttons = []
        conflicts = recorded_conflicts(self.state.workspace)
        if not conflicts:
            self.summary.setText("No merge conflict is left. Save, then commit the merge.")
            return
        self.summary.setText(f"{len(conflicts)} merge conflict(s). Ours is in place until you choose; "
                             "each choice can be undone.")
        for i, c in enumerate(conflicts):
            box = QWidget(self.rows)
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 4, 0, 4)
            lay.addWidget(QLabel(f"<b>{html.escape(conflict_title(c))}</b> (base: {html.escape(short(c.get('base')))})",
                                 box))
            row = QHBoxLayout()
            ours = QPushButton(f"Keep ours: {short(c.get('ours'))}", box)
            theirs = QPushButton(f"Take theirs: {short(c.get('theirs'))}", box)
            ours.clicked.connect(lambda _=False, n=i: self.choose(n, "ours"))
            theirs.clicked.connect(lambda _=False, n=i: self.choose(n, "theirs"))
            row.addWidget(ours)
            row.addWidget(theirs)
            lay.addLayout(row)
            self.rows_layout.addWidget(box)
            self.buttons.append((ours, theirs))
        self.rows_layout.addStretch(1)

    def choose(self, index: int, side: str) -> None:
        """Resolve conflict ``index`` to ``side`` as one undoable edit."""
        self.state.edit(f"Resolve merge conflict ({side})", resolve_conflict, index, side)

    def _on_workspace_changed(self) -> None:
        self.refresh()


def open_conflicts_dialog(state, parent: QWidget | None = None) -> None:
    ConflictsDialog(state, parent).exec()


def show_conflicts_if_any(state, parent: QWidget | None = None) -> ConflictsDialog | None:
    """After opening a file with recorded merge conflicts: offer them at once (not modal)."""
    if not recorded_conflicts(state.workspace):
        return None
    dialog = ConflictsDialog(state, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    state.message_posted.emit(f"{len(recorded_conflicts(state.workspace))} merge conflict(s) to resolve")
    return dialog
