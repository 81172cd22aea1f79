"""The event editor: date with its precision, end, title, kind, participants by name, lane, evidence.

Used for a new event (Edit ▸ New event…, "New event from this passage") and
to edit one after creation (double-click or right-click on the timeline).
Saving is one undoable AppState edit; bad input is named in the dialog.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from briefing_app.model import relation_edits as re_
from briefing_app.model.dates import DateError, PartialDate, Precision
from briefing_app.model.types import Workspace
from briefing_app.state import AppState
from briefing_app.ui.editors.form_parts import error_label, save_cancel_delete
from briefing_app.ui.editors.evidence_list import EvidenceList, PendingPassage
from briefing_app.ui.editors.name_picker import NamePicker, entity_names
from briefing_app.ui.editors.relation_editor import lane_names

_PRECISION_WORDS = {Precision.YEAR: "known to the year", Precision.MONTH: "known to the month",
                    Precision.DAY: "known to the day"}


def precision_hint(text: str) -> str:
    """How precise a typed date is, or why it is not a date ('' when empty)."""
    if not text.strip():
        return ""
    try:
        d = PartialDate.parse(text.strip())
    except DateError as exc:
        return str(exc)
    return f"{d.label()} — {_PRECISION_WORDS[d.precision]}"


def event_kinds(ws: Workspace) -> list[str]:
    return sorted({e.kind for e in ws.events if e.kind}, key=str.casefold)


class EventEditor(QDialog):
    """Create or edit one event.

    Args:
        state: The application state (the only writer).
        event_id: The event to edit; None for a new one.
        title, date, end, participants: Values proposed for a new event.
        passage: A passage that becomes the new event's evidence (from the reader).
    """

    def __init__(self, state: AppState, event_id: str | None = None, *, title: str = "",
                 date: PartialDate | None = None, end: PartialDate | None = None,
                 participants: Sequence[str] = (), passage: PendingPassage | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        ws = state.workspace
        self.event_id = event_id
        self.saved_id: str | None = None
        self.passage = passage
        ev = ws.event_by_id.get(event_id) if event_id else None
        self.setWindowTitle(f"Edit event: {ev.title}" if ev else "New event")

        self.title = QLineEdit(self)
        self.date = QLineEdit(self)
        self.date.setPlaceholderText("YYYY, YYYY-MM or YYYY-MM-DD")
        self.date_hint = QLabel(self)
        self.end = QLineEdit(self)
        self.end.setPlaceholderText("optional: when it ended")
        self.end_hint = QLabel(self)
        for hint in (self.date_hint, self.end_hint):
            hint.setStyleSheet("color: #555")
        self.kind = QComboBox(self)
        self.kind.setEditable(True)
        self.kind.addItems([""] + event_kinds(ws))
        self.kind.lineEdit().setPlaceholderText("e.g. summit, agreement, launch")
        self.participants = NamePicker(entity_names(ws), "Type a participant's name, Enter to add", self)
        self.lane = QComboBox(self)
        self.lane.setEditable(True)
        self.lane.addItems([""] + lane_names(ws))
        self.lane.lineEdit().setPlaceholderText("timeline lane (empty: from the participants)")
        self.evidence = EvidenceList(ws, (passage.annotation_id, passage.quote) if passage else None, self)
        self.description = QPlainTextEdit(self)
        self.description.setMaximumHeight(80)
        self.error = error_label(self)
        buttons, self.delete_button = save_cancel_delete(self, "Delete event…", ev is not None)

        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("Date", self.date)
        form.addRow("", self.date_hint)
        form.addRow("End", self.end)
        form.addRow("", self.end_hint)
        form.addRow("Kind", self.kind)
        form.addRow("Participants", self.participants)
        form.addRow("Lane", self.lane)
        form.addRow("Evidence", self.evidence)
        form.addRow("Description", self.description)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(600, 680)

        self.date.textChanged.connect(lambda t: self.date_hint.setText(precision_hint(t)))
        self.end.textChanged.connect(lambda t: self.end_hint.setText(precision_hint(t)))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.delete_button.clicked.connect(self._delete)

        if ev is not None:
            self.title.setText(ev.title)
            self.date.setText(ev.date.iso() if ev.date else "")
            self.end.setText(ev.end.iso() if ev.end else "")
            self.kind.setCurrentText(ev.kind)
            self.participants.set_selected(ev.participants)
            self.lane.setCurrentText(ev.lane)
            self.evidence.set_checked(ev.evidence)
            self.description.setPlainText(ev.description)
        else:
            self.title.setText(title)
            self.date.setText(date.iso() if date else "")
            self.end.setText(end.iso() if end else "")
            self.participants.set_selected(participants)
            if passage is not None:
                self.evidence.set_checked([passage.annotation_id])

    def fields(self) -> dict:
        return dict(title=self.title.text(), date=self.date.text(), end=self.end.text() or None,
                    kind=self.kind.currentText(), participants=self.participants.selected(),
                    lane=self.lane.currentText(), evidence=self.evidence.checked(),
                    description=self.description.toPlainText().strip())

    def build(self, ws: Workspace) -> tuple[Workspace, str]:
        """The snapshot with this event saved, and its id."""
        fields = self.fields()
        if self.passage is not None:
            ws = self.passage.add_to(ws, fields["evidence"])
        if self.event_id is None:
            eid = re_.new_event_id(ws, fields["title"])
            return re_.create_event(ws, event_id=eid, **fields), eid
        return re_.update_event(ws, self.event_id, **fields), self.event_id

    def accept(self) -> None:  # noqa: D401 - Qt override
        """Save as one undoable edit; on bad input say what is wrong and stay open."""
        try:
            new, eid = self.build(self.state.workspace)
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        what = "New event" if self.event_id is None else "Edit event"
        self.state.apply(f"{what} {new.event_by_id[eid].title}", new)
        self.saved_id = eid
        self.state.select("event", eid)
        super().accept()

    def _delete(self) -> None:
        if self.event_id is not None and confirm_delete_event(self, self.state, self.event_id):
            super().reject()


def confirm_delete_event(parent: QWidget | None, state: AppState, event_id: str) -> bool:
    """Ask, then delete as one undoable edit (its evidence annotations stay)."""
    ev = state.workspace.event_by_id.get(event_id)
    if ev is None:
        return False
    text = f"Delete the event “{ev.title}”?"
    if ev.evidence:
        text += f"\n{len(ev.evidence)} annotation(s) cited as its evidence stay in the annotations list."
    text += "\nNo other item refers to an event. Undo brings it back."
    if QMessageBox.question(parent, "Delete event", text) != QMessageBox.StandardButton.Yes:
        return False
    state.edit(f"Delete event {ev.title}", re_.remove_event, event_id)
    return True


def open_event_editor(state: AppState, parent: QWidget | None = None, event_id: str | None = None,
                      **proposed) -> EventEditor:
    """Show the editor without blocking (window-modal); it saves itself on OK."""
    dlg = EventEditor(state, event_id, parent=parent, **proposed)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg
