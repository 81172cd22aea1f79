"""The dialog that annotates a selected passage (or edits an annotation).

Tag, note, colour, ICD 203 confidence, the actors the passage is about, and
optionally a link as evidence for a relation state or an event, or a new
event proposed from the passage (participants from the entities mentioned
in it, date from its date expressions relative to the document's date).
Everything becomes one undoable :meth:`AppState.edit`.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from PySide6.QtCore import Qt

from briefing_app.analysis.anchoring import make_selector
from briefing_app.model import annotations as ann_edits
from briefing_app.model.dates import DateError, PartialDate
from briefing_app.model.edits import new_id, put_item
from briefing_app.model.types import CONFIDENCE_LABELS, CONFIDENCE_LEVELS, Event, Workspace
from briefing_app.state import AppState
from briefing_app.ui.palette import tag_color

_QUOTE_PREVIEW = 300


def proposed_participants(state: AppState, doc_id: str, start: int, end: int) -> list[str]:
    """Entity ids mentioned inside ``[start, end)``, in order of first mention."""
    return state.entities_mentioned(doc_id, start, end)


def proposed_date(state: AppState, doc_id: str, passage: str) -> tuple[PartialDate | None, PartialDate | None]:
    """The date expression of the passage, resolved against the document's date."""
    return state.passage_dates(doc_id, passage)


def evidence_key(kind: str, target_id: str, state_index: int = -1) -> str:
    """The combo-box key of an evidence target ("relation:<id>:<n>" or "event:<id>")."""
    return f"relation:{target_id}:{state_index}" if kind == "relation" else f"event:{target_id}"


def parse_evidence_key(key: str) -> tuple[str, str, int]:
    """Inverse of :func:`evidence_key`; ("", "", -1) for no link."""
    if key.startswith("relation:"):
        target, _, index = key[len("relation:") :].rpartition(":")
        return "relation", target, int(index)
    if key.startswith("event:"):
        return "event", key[len("event:") :], -1
    return "", "", -1


def _update_and_link(
    ws: Workspace,
    annotation_id: str,
    changes: dict,
    relation_state: tuple[str, int] | None,
    event_id: str | None,
    new_event: Event | None,
) -> Workspace:
    """Edit an annotation and add the chosen evidence link, as one step."""
    ws = ann_edits.update_annotation(ws, annotation_id, **changes)
    if relation_state is not None:
        ws = ann_edits.link_to_relation_state(ws, annotation_id, *relation_state)
    if event_id:
        ws = ann_edits.link_to_event(ws, annotation_id, event_id)
    if new_event is not None:
        ws = put_item(ws, "events", replace(new_event, evidence=new_event.evidence + (annotation_id,)))
    return ws


class AnnotateDialog(QDialog):
    """Annotate ``[start, end)`` of a document, or edit ``annotation_id``.

    Args:
        state: The application state (the only writer).
        doc_id: The document.
        start: Start offset of the selection.
        end: End offset of the selection.
        annotation_id: Edit this annotation instead of creating one.
    """

    def __init__(
        self,
        state: AppState,
        doc_id: str,
        start: int,
        end: int,
        parent: QWidget | None = None,
        annotation_id: str | None = None,
    ):
        super().__init__(parent)
        self.state = state
        self.doc_id = doc_id
        self.start = start
        self.end = end
        self.annotation_id = annotation_id
        self.created_id: str | None = None
        ws = state.workspace
        existing = ws.annotation_by_id.get(annotation_id) if annotation_id else None
        text = state.document_text(doc_id)
        self.passage = existing.selector.exact if existing else text[start:end]
        self.setWindowTitle("Edit annotation" if existing else "Annotate passage")

        quote = self.passage if len(self.passage) <= _QUOTE_PREVIEW else self.passage[:_QUOTE_PREVIEW] + "…"
        self.quote_label = QLabel(f"“{quote}”")
        self.quote_label.setWordWrap(True)
        self.quote_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.tag = QComboBox()
        self.tag.setEditable(True)  # the analyst may type a tag of their own
        self.tag.addItems(list(ws.vocabulary.all_annotation_tags()))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Why this passage matters")
        self.color = QLineEdit()
        self.color.setPlaceholderText("tag colour")
        self.color_button = QPushButton("Choose…")
        self.color_button.clicked.connect(self._choose_color)
        self.confidence = QComboBox()
        self.confidence.addItem("(not stated)", "")
        for level in CONFIDENCE_LEVELS:
            self.confidence.addItem(CONFIDENCE_LABELS[level], level)

        self.entities = QListWidget()
        self.entities.setMaximumHeight(110)
        mentioned = proposed_participants(state, doc_id, start, end) if not existing else list(existing.entities)
        for e in ws.entities:
            item = QListWidgetItem(e.name)
            item.setData(Qt.ItemDataRole.UserRole, e.id)
            item.setCheckState(Qt.CheckState.Checked if e.id in mentioned else Qt.CheckState.Unchecked)
            self.entities.addItem(item)
        self._sort_checked_first(self.entities, mentioned)

        self.evidence = QComboBox()
        self.evidence.addItem("(none)", "")
        for r in ws.relations:
            for i, s in enumerate(r.states):
                label = r.label or " – ".join(ws.entity_by_id[m].name if m in ws.entity_by_id else m for m in r.members)
                to = f" to {s.end}" if s.end else ""
                self.evidence.addItem(f"{label}: {s.state} from {s.start}{to}", evidence_key("relation", r.id, i))
        for e in sorted(ws.events, key=lambda e: (e.date.sort_key() if e.date else (PartialDate(9999).start, 0))):
            self.evidence.addItem(f"Event: {e.title} ({e.date or 'undated'})", evidence_key("event", e.id))

        self.new_event = QGroupBox("New event from this passage")
        self.new_event.setCheckable(True)
        self.new_event.setChecked(False)
        self.event_title = QLineEdit(_title_from(self.passage))
        self.event_date = QLineEdit()
        self.event_end = QLineEdit()
        self.event_date.setPlaceholderText("YYYY, YYYY-MM or YYYY-MM-DD")
        self.event_end.setPlaceholderText("optional end")
        date, end_date = proposed_date(state, doc_id, self.passage)
        if date is not None:
            self.event_date.setText(date.iso())
            if end_date is not None:
                self.event_end.setText(end_date.iso())
        self.date_hint = QLabel(
            "Date proposed from the passage; check it." if date else "No date found in the passage: enter one."
        )
        ev_form = QFormLayout(self.new_event)
        ev_form.addRow("Title", self.event_title)
        ev_form.addRow("Date", self.event_date)
        ev_form.addRow("Until", self.event_end)
        ev_form.addRow("", self.date_hint)
        ev_form.addRow("Participants", QLabel("the checked actors above"))

        form = QFormLayout()
        form.addRow("Tag", self.tag)
        form.addRow("Note", self.note)
        color_row = QHBoxLayout()
        color_row.addWidget(self.color)
        color_row.addWidget(self.color_button)
        form.addRow("Colour", color_row)
        form.addRow("Confidence", self.confidence)
        form.addRow("About", self.entities)
        form.addRow("Evidence for", self.evidence)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quote_label)
        layout.addLayout(form)
        layout.addWidget(self.new_event)
        layout.addWidget(buttons)

        if existing:
            self.tag.setCurrentText(existing.tag)
            self.note.setPlainText(existing.note)
            self.color.setText(existing.color)
            self.confidence.setCurrentIndex(max(0, self.confidence.findData(existing.confidence)))
        else:
            self.tag.setCurrentText("evidence")

    # -- helpers -------------------------------------------------------------
    @staticmethod
    def _sort_checked_first(lst: QListWidget, order: list[str]) -> None:
        """Checked actors first, in the order the passage mentions them."""
        rank = {eid: i for i, eid in enumerate(order)}
        items = [lst.takeItem(0) for _ in range(lst.count())]
        items.sort(key=lambda it: rank.get(it.data(Qt.ItemDataRole.UserRole), len(rank)))
        for it in items:
            lst.addItem(it)

    def _choose_color(self) -> None:
        start = QColor(self.color.text() or tag_color(self.tag.currentText()))
        chosen = QColorDialog.getColor(start, self, "Annotation colour")
        if chosen.isValid():
            self.color.setText(chosen.name())

    def checked_entities(self) -> tuple[str, ...]:
        return tuple(
            self.entities.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.entities.count())
            if self.entities.item(i).checkState() == Qt.CheckState.Checked
        )

    def fields(self) -> dict:
        """The annotation fields as entered."""
        color = self.color.text().strip()
        return {
            "tag": self.tag.currentText().strip(),
            "note": self.note.toPlainText().strip(),
            "color": color,
            "confidence": self.confidence.currentData() or "",
            "entities": self.checked_entities(),
        }

    def _new_event(self, ws: Workspace) -> Event | None:
        if not self.new_event.isChecked():
            return None
        raw_date = self.event_date.text().strip()
        raw_end = self.event_end.text().strip()
        date = PartialDate.parse(raw_date) if raw_date else None
        end = PartialDate.parse(raw_end) if raw_end else None
        if date is not None and end is not None and end < date:
            raise DateError("the event ends before it starts")
        return Event(
            id=new_id(ws, "events", "ev"),
            date=date,
            end=end,
            title=self.event_title.text().strip(),
            participants=self.checked_entities(),
        )

    def _problem(self, message: str) -> None:
        QMessageBox.warning(self, self.windowTitle(), message)

    # -- commit --------------------------------------------------------------
    def accept(self) -> None:  # noqa: D401 - Qt override
        """Apply the dialog as one undoable edit; stay open on bad input."""
        ws = self.state.workspace
        fields = self.fields()
        if fields["color"] and not QColor.isValidColorName(fields["color"]):
            self._problem(f"“{fields['color']}” is not a colour (use #rrggbb or a colour name).")
            return
        if fields["color"]:
            fields["color"] = QColor(fields["color"]).name()
        kind, target, index = parse_evidence_key(self.evidence.currentData() or "")
        relation_state = (target, index) if kind == "relation" else None
        event_id = target if kind == "event" else None
        try:
            new_event = self._new_event(ws)
            if self.annotation_id:
                self.state.edit(
                    "Edit annotation", _update_and_link, self.annotation_id, fields, relation_state, event_id, new_event
                )
            else:
                text = self.state.document_text(self.doc_id)
                selector = make_selector(text, self.start, self.end)
                aid = new_id(ws, "annotations", "ann")
                self.state.edit(
                    f"Annotate “{_short(selector.exact)}”",
                    ann_edits.annotate_with_evidence,
                    self.doc_id,
                    selector,
                    aid,
                    fields,
                    relation_state,
                    event_id,
                    new_event,
                )
                self.created_id = aid
                self.state.select("annotation", aid)
        except (ValueError, KeyError) as exc:  # AnnotationError, DateError, bad selection
            self._problem(str(exc))
            return
        super().accept()


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _title_from(passage: str) -> str:
    """A first guess at an event title: the passage's first clause, shortened."""
    first = " ".join(passage.split()).split(". ")[0]
    return _short(first, 80).rstrip(".")


def open_annotate_dialog(state: AppState, doc_id: str, start: int, end: int, parent: QWidget | None = None) -> str | None:
    """Ask for an annotation of ``[start, end)`` and add it (undoable).

    Returns:
        The new annotation's id, or None when cancelled or the selection is empty.
    """
    text = state.document_text(doc_id)
    if not text or not 0 <= start < end <= len(text) or not text[start:end].strip():
        state.message_posted.emit("Select some text to annotate first")
        return None
    dlg = AnnotateDialog(state, doc_id, start, end, parent)
    dlg.exec()
    return dlg.created_id


def open_edit_dialog(state: AppState, annotation_id: str, parent: QWidget | None = None) -> bool:
    """Edit an existing annotation; True when it was changed."""
    ann = state.workspace.annotation_by_id.get(annotation_id)
    if ann is None:
        return False
    dlg = AnnotateDialog(state, ann.document, ann.selector.start, ann.selector.end, parent, annotation_id=annotation_id)
    return dlg.exec() == QDialog.DialogCode.Accepted
