"""The reader panel: the current document in a :class:`ReaderView`, with a header and a find bar.

Clicking a mention selects its entity (and an annotation, the annotation);
a passage requested anywhere is scrolled to and flashed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from briefing_app.ui.fill_in import fill_in, is_big
from briefing_app.ui.palette import secondary_text_hex, tag_color
from briefing_app.ui.reader.annotation_marks import annotation_tooltip_text
from briefing_app.ui.reader.view import ReaderView

if TYPE_CHECKING:  # pragma: no cover - typing only
    from briefing_app.state import AppState


class _FindBar(QWidget):
    """Find field with next/previous; Enter finds the next, Shift+Enter the previous, Esc closes."""

    def __init__(self, view: ReaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find in document")
        self.field.setClearButtonEnabled(True)
        self.previous_button = QToolButton(self)
        self.previous_button.setText("▲")
        self.previous_button.setToolTip("Previous match (Shift+Enter)")
        self.next_button = QToolButton(self)
        self.next_button.setText("▼")
        self.next_button.setToolTip("Next match (Enter)")
        self.status = QLabel(self)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        for w in (self.field, self.previous_button, self.next_button, self.status, close):
            row.addWidget(w)
        self.field.returnPressed.connect(self._on_return)
        self.field.textEdited.connect(lambda _text: self.find_next(from_selection_start=True))
        self.next_button.clicked.connect(lambda: self.find_next())
        self.previous_button.clicked.connect(lambda: self.find_next(backward=True))
        close.clicked.connect(self.close_bar)

    def _on_return(self) -> None:
        from PySide6.QtWidgets import QApplication

        backward = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier)
        self.find_next(backward=backward)

    def find_next(self, backward: bool = False, from_selection_start: bool = False) -> bool:
        """Find the field's text; typing searches again from the current match's start."""
        text = self.field.text()
        if from_selection_start:
            cursor = self._view.textCursor()
            cursor.setPosition(cursor.selectionStart())
            self._view.setTextCursor(cursor)
        found = self._view.find(text, backward=backward) if text else False
        self.status.setText("" if found or not text else "Not found")
        return found

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.status.clear()
        self._view.setFocus()


class ReaderPanel(QWidget):
    """The current document of the workspace, with a header and a find bar.

    Clicking a mention selects its entity (and an annotation, the annotation);
    a passage requested anywhere is scrolled to and flashed.
    """

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setContentsMargins(8, 6, 8, 4)
        self.view = ReaderView(self)
        self.find_bar = _FindBar(self.view, self)
        self.find_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.find_bar)
        # Ctrl+F here unless the window already binds it (then its action calls show_find_bar).
        self.find_action = QAction("Find in document", self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self.show_find_bar)
        self.addAction(self.find_action)
        self._shown: tuple[str | None, str, int] = (None, "", 0)  # doc id, text identity, mentions identity

        self.view.entity_clicked.connect(self._on_entity_clicked)
        self.view.annotation_clicked.connect(self._on_annotation_clicked)
        self.view.set_tooltip_provider(self._entity_tooltip)
        self.view.set_annotation_tooltip_provider(self._annotation_tooltip)
        state.document_shown.connect(self._on_document_shown)
        state.workspace_changed.connect(self._on_workspace_changed)
        state.passage_requested.connect(self._on_passage_requested)
        state.selection_changed.connect(self._on_selection_changed)
        self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # Two enabled actions with one shortcut cancel each other ("ambiguous
        # shortcut"): step back when the window binds Find already.
        key = self.find_action.shortcut()
        window = self.window()
        taken = window is not self and any(
            a is not self.find_action and a.shortcut() == key for a in window.findChildren(QAction)
        )
        self.find_action.setEnabled(not taken)

    # -- commands --------------------------------------------------------------
    def show_find_bar(self) -> None:
        self.find_bar.open_bar()

    def refresh(self) -> None:
        """Show the current document; keep the scroll position when only annotations or entities changed."""
        state = self.state
        ws = state.workspace
        doc_id = state.current_document
        doc = ws.document_by_id.get(doc_id) if doc_id else None
        self.header.setText(self._header_html(doc))
        if doc is None:
            self.view.set_content("", [], {})
            self.view.set_annotations([])
            self._shown = (None, "", 0)
            return
        text = state.document_text(doc.id)
        if not state.matcher_ready and is_big(state):
            # thousands of aliases: the text shows now, its highlights one event-loop turn later
            mentions = []
            fill_in(state).add("reader", self._highlight_later, first=True)
        else:
            mentions = state.mentions(doc.id)
        types = {e.id: e.type for e in ws.entities}
        same_doc = self._shown[0] == doc.id
        if same_doc and self._shown[1] is text and self._shown[2] == id(mentions):
            self.view.set_entity_types(types)
        else:
            scroll = self.view.verticalScrollBar().value() if same_doc and self._shown[1] == text else None
            self.view.set_content(text, mentions, types)
            if scroll is not None:
                self.view.verticalScrollBar().setValue(scroll)
        self._shown = (doc.id, text, id(mentions))
        self.view.set_annotations(self._annotation_spans(doc.id))
        kind, item = state.selection
        self.view.set_emphasis(item if kind == "entity" else "")
        self.view.set_selected_annotation(item if kind == "annotation" else "")

    def _highlight_later(self) -> Iterator[None]:
        self.state.matcher  # noqa: B018 - builds the matcher (a step of its own)
        yield
        self.refresh()

    def _annotation_spans(self, doc_id: str) -> list[tuple[int, int, str, str, str]]:
        """The document's annotations where they anchor in its current text.

        Colours as in the annotations panel (the annotation's own, else its
        tag's). Ambiguous and orphaned ones are not drawn: they have no one
        place, and the annotations panel lists them for re-attaching.
        """
        anchors = self._anchors()
        spans = []
        for a in self.state.workspace.annotations:
            if a.document != doc_id:
                continue
            anchor = anchors.get(a.id)
            if anchor is None:
                start, end = a.selector.start, a.selector.end
            elif anchor.placed:
                start, end = anchor.start, anchor.end
            else:
                continue
            spans.append((start, end, a.id, a.color or tag_color(a.tag), a.tag))
        return spans

    def _anchors(self) -> dict:
        anchors = getattr(self.state, "anchors", None)
        try:
            return anchors() if callable(anchors) else {}
        except Exception as exc:  # noqa: BLE001 - a bad selector must not blank the reader
            self.state.message_posted.emit(f"Annotations shown at their saved offsets: {exc}")
            return {}

    def _header_html(self, doc) -> str:
        from html import escape

        if doc is None:
            if self.state.workspace.documents:
                return "<i>Choose a document</i>"
            # An empty workspace: say what to do first rather than show a blank page.
            return ("<i>No document yet.</i> Import articles with File ▸ Import documents… (Ctrl+I) or drop "
                    "files on the window; then select a name and press Ctrl+E to make it an actor. "
                    "Edit ▸ Briefing properties… sets the title and the bottom line.")
        parts = []
        if doc.publisher:
            parts.append(escape(doc.publisher))
        if doc.published is not None:
            label = doc.published.label()
            parts.append(("~" if doc.published_estimated else "") + escape(label))
        if doc.reliability:
            parts.append(f"reliability {escape(doc.reliability)}")
        meta = " · ".join(parts)
        return f"<b>{escape(doc.title)}</b>" + (f"<br><span style='color:{secondary_text_hex()}'>{meta}</span>" if meta else "")

    def _annotation_tooltip(self, annotation_id: str) -> str:
        annotation = self.state.workspace.annotation_by_id.get(annotation_id)
        if annotation is None:
            return ""
        return annotation_tooltip_text(annotation, self._anchors().get(annotation_id))

    def _entity_tooltip(self, entity_id: str) -> str:
        entity = self.state.workspace.entity_by_id.get(entity_id)
        if entity is None:
            return entity_id
        text = f"{entity.name} — {entity.type}"
        if entity.description.strip():
            text += "\n" + entity.description.strip().splitlines()[0][:200]
        return text

    # -- slots -----------------------------------------------------------------
    def _on_document_shown(self, _doc_id: str) -> None:
        self.refresh()

    def _on_workspace_changed(self) -> None:
        self.refresh()

    def _on_passage_requested(self, doc_id: str, start: int, end: int) -> None:
        if doc_id != self._shown[0]:
            self.refresh()
        if doc_id == self._shown[0]:
            self.view.highlight_passage(start, end)

    def _on_selection_changed(self, kind: str, item_id: str) -> None:
        self.view.set_emphasis(item_id if kind == "entity" else "")
        self.view.set_selected_annotation(item_id if kind == "annotation" else "")

    def _on_entity_clicked(self, entity_id: str) -> None:
        self.state.select("entity", entity_id)

    def _on_annotation_clicked(self, annotation_id: str) -> None:
        self.state.select("annotation", annotation_id)
