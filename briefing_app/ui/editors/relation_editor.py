"""The relation editor: members by name, kind, label, lane, and the time-bounded states.

One dialog for a new relation and an existing one. States are rows of a
table (state, from, to, note) with their evidence ticked below; "End" and
"Split" work on the highlighted row at the time cursor's date. Saving is one
undoable AppState edit; bad input shows a one-line message in the dialog,
which stays open so nothing typed is lost.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_app.model import relation_edits as re_
from briefing_app.model.dates import PartialDate
from briefing_app.model.types import RelationState, Workspace
from briefing_app.state import AppState
from briefing_app.ui.editors.form_parts import error_label, save_cancel_delete
from briefing_app.ui.editors.evidence_list import EvidenceList, PendingPassage
from briefing_app.ui.editors.name_picker import NamePicker, entity_names, relation_name

COLUMNS = ("State", "From", "To", "Note")
EVIDENCE_ROLE = Qt.ItemDataRole.UserRole


def lane_names(ws: Workspace) -> list[str]:
    """Lanes already used by relations and events, sorted."""
    return sorted({x.lane for x in (*ws.relations, *ws.events) if x.lane}, key=str.casefold)


def day_text(day: _dt.date) -> str:
    return day.isoformat()


class RelationEditor(QDialog):
    """Create or edit one relation.

    Args:
        state: The application state (the only writer).
        relation_id: The relation to edit; None for a new one.
        members: Members of a new relation (e.g. the two ends of a drag on the graph).
        passage: A passage that becomes the evidence of a new state (from the reader).
        new_state_from: Start date of that new state (e.g. a date found in the passage).
    """

    def __init__(self, state: AppState, relation_id: str | None = None, members: Sequence[str] = (),
                 passage: PendingPassage | None = None, new_state_from: PartialDate | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        ws = state.workspace
        self.relation_id = relation_id
        self.saved_id: str | None = None
        self.passage = passage
        rel = ws.relation_by_id.get(relation_id) if relation_id else None
        self.setWindowTitle(f"Edit relation: {relation_name(ws, relation_id)}" if rel else "New relation")

        self.members = NamePicker(entity_names(ws), "Type a member's name, Enter to add", self)
        self.kind = QComboBox(self)
        self.kind.addItems(list(ws.vocabulary.all_relation_kinds()))
        self.directed = QCheckBox("the first member acts on the second (threat, restriction)", self)
        self.label = QLineEdit(self)
        self.label.setPlaceholderText("e.g. GSOMIA military intelligence sharing")
        self.lane = QComboBox(self)
        self.lane.setEditable(True)
        self.lane.addItems([""] + lane_names(ws))
        self.lane.lineEdit().setPlaceholderText("timeline lane (empty: from the members)")
        self.embodied_by = QComboBox(self)  # the agreement or body, chosen by name
        self.embodied_by.addItem("(none)", None)
        for name, eid in entity_names(ws):
            self.embodied_by.addItem(name, eid)
        self.embodied_by.setEditable(True)
        self.embodied_by.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.embodied_by.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.embodied_by.completer().setCompletionMode(self.embodied_by.completer().CompletionMode.PopupCompletion)
        self.description = QLineEdit(self)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 190)  # "termination-notified" in full
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setMinimumHeight(130)
        self.add_button = QPushButton("Add state", self)
        self.end_button = QPushButton("End at cursor", self)
        self.end_button.setToolTip("End the highlighted state at the time cursor's date")
        self.split_button = QPushButton("Split at cursor", self)
        self.split_button.setToolTip("End the highlighted state at the time cursor's date and start a new one there")
        self.remove_button = QPushButton("Remove state", self)
        self.evidence = EvidenceList(ws, (passage.annotation_id, passage.quote) if passage else None, self)
        self.evidence_label = QLabel("Evidence for the highlighted state:", self)
        self.error = error_label(self)
        buttons, self.delete_button = save_cancel_delete(self, "Delete relation…", rel is not None)

        form = QFormLayout()
        form.addRow("Members", self.members)
        form.addRow("Kind", self.kind)
        form.addRow("", self.directed)
        form.addRow("Label", self.label)
        form.addRow("Lane", self.lane)
        form.addRow("Embodied by", self.embodied_by)
        form.addRow("Description", self.description)
        row = QHBoxLayout()
        for b in (self.add_button, self.end_button, self.split_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("States over time (dates: YYYY, YYYY-MM or YYYY-MM-DD; empty To: still holds)", self))
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.evidence_label)
        layout.addWidget(self.evidence)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, 720)

        self.add_button.clicked.connect(lambda: self.add_state_row())
        self.end_button.clicked.connect(self.end_current_at_cursor)
        self.split_button.clicked.connect(self.split_current_at_cursor)
        self.remove_button.clicked.connect(self.remove_current_row)
        self.table.currentCellChanged.connect(self._on_current_cell_changed)
        self.evidence.changed.connect(self._on_evidence_changed)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.delete_button.clicked.connect(self._delete)

        if rel is not None:
            self.members.set_selected(rel.members)
            self.kind.setCurrentText(rel.kind)
            self.directed.setChecked(rel.directed)
            self.label.setText(rel.label)
            self.lane.setCurrentText(rel.lane)
            self.embodied_by.setCurrentIndex(max(0, self.embodied_by.findData(rel.entity)))
            self.description.setText(rel.description)
            for s in rel.states:
                self.add_state_row(s.state, s.start.iso(), s.end.iso() if s.end else "", s.note, s.evidence)
        else:
            self.members.set_selected(members)
        if passage is not None:
            start = new_state_from.iso() if new_state_from else day_text(state.time_cursor)
            self.add_state_row("active", start, "", "", (passage.annotation_id,))
        elif rel is None:
            self.add_state_row("active", day_text(state.time_cursor))
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)
        self._on_current_cell_changed(self.table.currentRow(), 0, -1, -1)

    # -- rows ------------------------------------------------------------------------
    def add_state_row(self, word: str = "active", start: str = "", end: str = "", note: str = "",
                      evidence: Sequence[str] = (), at: int | None = None) -> int:
        row = self.table.rowCount() if at is None else at
        self.table.insertRow(row)
        combo = QComboBox(self.table)
        combo.addItems(list(self.state.workspace.vocabulary.all_relation_states()))
        combo.setCurrentText(word)
        self.table.setCellWidget(row, 0, combo)
        first = QTableWidgetItem("")
        first.setData(EVIDENCE_ROLE, tuple(evidence))
        self.table.setItem(row, 0, first)
        for col, text in ((1, start), (2, end), (3, note)):
            self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.setCurrentCell(row, 1)
        return row

    def _cell(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text().strip() if item else ""

    def _row_evidence(self, row: int) -> tuple[str, ...]:
        item = self.table.item(row, 0)
        return tuple(item.data(EVIDENCE_ROLE) or ()) if item else ()

    def row_state(self, row: int) -> RelationState:
        """The state a row describes; RelationEditError names the row when a value is bad."""
        word = self.table.cellWidget(row, 0).currentText()
        try:
            return re_.make_state(word, self._cell(row, 1), self._cell(row, 2) or None, self._row_evidence(row),
                                  self._cell(row, 3))
        except re_.RelationEditError as exc:
            raise re_.RelationEditError(f"state {row + 1}: {exc}") from None

    def states(self) -> list[RelationState]:
        return [self.row_state(r) for r in range(self.table.rowCount())]

    def end_current_at_cursor(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.item(row, 2).setText(day_text(self.state.time_cursor))

    def split_current_at_cursor(self) -> None:
        """The highlighted state ends at the cursor; a new row starts there and keeps its old end."""
        row = self.table.currentRow()
        if row < 0:
            return
        at = day_text(self.state.time_cursor)
        old_end = self._cell(row, 2)
        self.table.item(row, 2).setText(at)
        self.add_state_row("active", at, old_end, at=row + 1)

    def remove_current_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def _on_current_cell_changed(self, row: int, _col: int, _prev_row: int, _prev_col: int) -> None:
        self.evidence.setEnabled(row >= 0)
        self.evidence_label.setText(f"Evidence for state {row + 1}:" if row >= 0 else "Evidence: add a state first")
        self.evidence.set_checked(self._row_evidence(row) if row >= 0 else ())

    def _on_evidence_changed(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.item(row, 0).setData(EVIDENCE_ROLE, self.evidence.checked())

    # -- save --------------------------------------------------------------------------
    def build(self, ws: Workspace) -> tuple[Workspace, str]:
        """The snapshot with this relation saved, and its id (pure given the dialog's values)."""
        states = self.states()
        if self.passage is not None:
            ws = self.passage.add_to(ws, [e for s in states for e in s.evidence])
        fields = dict(members=self.members.selected(), kind=self.kind.currentText(), label=self.label.text(),
                      lane=self.lane.currentText(), directed=self.directed.isChecked(),
                      entity=self._embodied_by(), description=self.description.text().strip())
        if self.relation_id is None:
            rid = re_.new_relation_id(ws, fields["members"], fields["kind"])
            return re_.create_relation(ws, states=states, relation_id=rid, **fields), rid
        ws = re_.update_relation(ws, self.relation_id, **fields)
        return re_.set_states(ws, self.relation_id, states), self.relation_id

    def _embodied_by(self) -> str | None:
        """The chosen entity id; a typed name must be an entity's (any case)."""
        text = " ".join(self.embodied_by.currentText().split())
        if not text or text == "(none)":
            return None
        index = self.embodied_by.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            raise re_.RelationEditError(f"embodied by: no entity called “{text}”")
        return self.embodied_by.itemData(index)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def accept(self) -> None:  # noqa: D401 - Qt override
        """Save as one undoable edit; on bad input say what is wrong and stay open."""
        try:
            new, rid = self.build(self.state.workspace)
        except ValueError as exc:
            self.show_error(str(exc))
            return
        what = "New relation" if self.relation_id is None else "Edit relation"
        self.state.apply(f"{what} {relation_name(new, rid)}", new)
        self.saved_id = rid
        self.state.select("relation", rid)
        super().accept()

    def _delete(self) -> None:
        if self.relation_id is None:
            return
        if confirm_delete_relation(self, self.state, self.relation_id):
            super().reject()


def delete_relation_message(ws: Workspace, relation_id: str) -> str:
    """What deleting a relation does, in words: its states go, its evidence passages stay."""
    rel = ws.relation_by_id[relation_id]
    cited = sorted({e for s in rel.states for e in s.evidence})
    text = f"Delete “{relation_name(ws, relation_id)}” and its {len(rel.states)} state(s)?"
    if cited:
        text += f"\n{len(cited)} annotation(s) cited as its evidence stay in the annotations list."
    text += "\nNo other item refers to a relation. Undo brings it back."
    return text


def confirm_delete_relation(parent: QWidget | None, state: AppState, relation_id: str) -> bool:
    """Ask, then delete as one undoable edit."""
    ws = state.workspace
    if relation_id not in ws.relation_by_id:
        return False
    answer = QMessageBox.question(parent, "Delete relation", delete_relation_message(ws, relation_id))
    if answer != QMessageBox.StandardButton.Yes:
        return False
    state.edit(f"Delete relation {relation_name(ws, relation_id)}", re_.remove_relation, relation_id)
    return True


def open_relation_editor(state: AppState, parent: QWidget | None = None, relation_id: str | None = None,
                         members: Sequence[str] = (), passage: PendingPassage | None = None,
                         new_state_from: PartialDate | None = None) -> RelationEditor:
    """Show the editor without blocking (window-modal); it saves itself on OK."""
    dlg = RelationEditor(state, relation_id, members, passage, new_state_from, parent)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg
