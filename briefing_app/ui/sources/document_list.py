"""The list of source documents: filter by typing, sort by date, source or grade.

Built on a table model (:mod:`briefing_app.ui.sources.document_table`) so that a
workspace with thousands of sources stays quick; a click shows the document
in the reader through AppState.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QMenu, QTableView, QVBoxLayout, QWidget

from briefing_app.state import AppState
from briefing_app.ui import editors  # its dialogs load on first use
from briefing_app.ui.sources.document_table import ID_ROLE, DocumentFilterModel, DocumentTableModel

__all__ = ["DocumentListPanel", "document_label"]

NARROW_PX = 360  # below this width the source column is hidden (filtering still matches it)


def document_label(doc) -> str:  # noqa: ANN001 - model Document
    """Two lines: the title, then publisher · date · grade."""
    date = doc.published.label() if doc.published else "undated"
    if doc.published and doc.published_estimated:
        date = f"≈{date} (estimated)"
    meta = " · ".join(x for x in (doc.publisher, date, doc.reliability and f"grade {doc.reliability}") if x)
    return f"{doc.title}\n{meta}"


class DocumentListPanel(QWidget):
    """Documents of the workspace, newest first; a click shows one in the reader."""

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter documents…")
        self.filter.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.model = DocumentTableModel(self)
        self.proxy = DocumentFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 90)
        header.resizeSection(2, 80)
        header.resizeSection(3, 44)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # newest first
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.empty_hint = QLabel("No documents yet: File ▸ Import documents… (Ctrl+I), or drop files on "
                                 "the window. Double-click a document to edit its source details.", self)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color: #555555; padding: 6px;")
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_context_menu_requested)
        self.last_menu: QMenu | None = None  # the menu shown last (tests read it)
        state.workspace_changed.connect(self._on_workspace_changed)
        state.workspace_replaced.connect(self._on_workspace_changed)
        state.document_shown.connect(self._on_document_shown)
        self._shown_docs: tuple | None = None
        self.refresh()

    def refresh(self) -> None:
        ws = self.state.workspace
        self._shown_docs = ws.documents
        errors = {d.id: e for d in ws.documents if (e := self.state.document_error(d.id))}
        self.table.selectionModel().blockSignals(True)
        self.model.set_documents(ws.documents, errors)
        self.table.selectionModel().blockSignals(False)
        self._update_count()
        empty = not ws.documents
        self.empty_hint.setVisible(empty)
        for widget in (self.filter, self.table, self.count):  # the hint alone has the room it needs
            widget.setVisible(not empty)
        self._on_document_shown(self.state.current_document or "")

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.count.setText(f"{total:,} documents" if shown == total else f"{shown:,} of {total:,} documents")

    def _on_filter_text_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._update_count()

    def _on_workspace_changed(self) -> None:
        if self.state.workspace.documents is not self._shown_docs:
            self.refresh()

    def _on_document_shown(self, doc_id: str) -> None:
        row = self.model.row_of(doc_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return
        sm = self.table.selectionModel()
        sm.blockSignals(True)
        sm.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        sm.blockSignals(False)
        self.table.scrollTo(index)

    def _on_current_row_changed(self, current, _previous) -> None:  # noqa: ANN001 - QModelIndex
        if current.isValid():
            self.state.show_document(current.data(ID_ROLE))

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        # In a narrow side column the title needs the room: the source column comes back when wide.
        self.table.setColumnHidden(1, self.width() < NARROW_PX)
        super().resizeEvent(event)

    def current_document_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _on_double_clicked(self, index) -> None:  # noqa: ANN001 - QModelIndex
        if index.isValid():
            editors.open_document_dialog(self.state, index.data(ID_ROLE), self)

    def _on_context_menu_requested(self, pos) -> None:  # noqa: ANN001 - QPoint
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        doc_id = index.data(ID_ROLE)
        menu = QMenu(self)
        menu.addAction("Properties…", lambda: editors.open_document_dialog(self.state, doc_id, self))
        menu.addAction("Remove from workspace…", lambda: editors.delete_document_asking(self.state, doc_id, self))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_menu = menu
        # popup, not exec: a nested event loop would block scripted use and tests.
        menu.popup(self.table.viewport().mapToGlobal(pos))
