"""The list of source documents, with their date and reliability grade."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QMenu, QVBoxLayout, QWidget

from briefing_app.export.compose import reliability_phrase
from briefing_app.state import AppState
from briefing_app.ui.editors import delete_document_asking, open_document_dialog


def document_label(doc) -> str:  # noqa: ANN001 - model Document
    """Two lines: the title, then publisher · date · grade."""
    date = doc.published.label() if doc.published else "undated"
    if doc.published and doc.published_estimated:
        date = f"≈{date} (estimated)"
    meta = " · ".join(x for x in (doc.publisher, date, doc.reliability and f"grade {doc.reliability}") if x)
    return f"{doc.title}\n{meta}"


def _newest_first(doc) -> tuple:  # noqa: ANN001 - model Document
    # Undated documents go last; ties by title.
    if doc.published is None:
        return (1, 0, doc.title.lower())
    return (0, -doc.published.start.toordinal(), doc.title.lower())


class DocumentListPanel(QWidget):
    """Documents of the workspace; a click shows one in the reader."""

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.empty_hint = QLabel("No documents yet: File ▸ Import documents… (Ctrl+I), or drop files on "
                                 "the window. Double-click a document to edit its source details.", self)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color: #555555; padding: 6px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.list)
        self.list.currentItemChanged.connect(self._on_current_item_changed)
        self.list.itemDoubleClicked.connect(self._on_item_double_clicked)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_context_menu_requested)
        state.workspace_changed.connect(self._on_workspace_changed)
        state.document_shown.connect(self._on_document_shown)
        self.refresh()

    def refresh(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        ws = self.state.workspace
        for doc in sorted(ws.documents, key=_newest_first):
            item = QListWidgetItem(document_label(doc))
            item.setData(Qt.ItemDataRole.UserRole, doc.id)
            error = self.state.document_error(doc.id)
            tip = "\n".join(x for x in (doc.published_note or doc.url or doc.path,
                                         reliability_phrase(doc.reliability)) if x)
            if error:
                item.setForeground(Qt.GlobalColor.darkRed)
                tip = error
            item.setToolTip(tip)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.empty_hint.setVisible(not ws.documents)
        self._on_document_shown(self.state.current_document or "")

    def _on_workspace_changed(self) -> None:
        self.refresh()

    def _on_document_shown(self, doc_id: str) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == doc_id:
                self.list.blockSignals(True)
                self.list.setCurrentItem(item)
                self.list.blockSignals(False)
                return

    def _on_current_item_changed(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.state.show_document(item.data(Qt.ItemDataRole.UserRole))

    def _on_item_double_clicked(self, item: QListWidgetItem) -> None:
        open_document_dialog(self.state, item.data(Qt.ItemDataRole.UserRole), self)

    def _on_context_menu_requested(self, pos) -> None:  # noqa: ANN001 - QPoint
        item = self.list.itemAt(pos)
        if item is None:
            return
        doc_id = item.data(Qt.ItemDataRole.UserRole)
        menu = QMenu(self)
        menu.addAction("Properties…", lambda: open_document_dialog(self.state, doc_id, self))
        menu.addAction("Remove from workspace…", lambda: delete_document_asking(self.state, doc_id, self))
        menu.exec(self.list.viewport().mapToGlobal(pos))
