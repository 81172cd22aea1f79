"""The search panel: every source's text searched as you type, with filters.

A query runs on the GUI thread (milliseconds, SQLite FTS5); indexing runs on
a worker (:mod:`briefing_app.ui.search.indexer`) once the panel exists (the
window makes it when it is first shown) and whenever the documents or actors
change. A result opens its passage in
the reader through AppState.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_app.model.dates import PartialDate
from briefing_app.search import SearchError, SearchFilters, SearchIndex, UpdateReport, default_index_path
from briefing_app.state import AppState
from briefing_app.ui.search.indexer import BackgroundIndexer

__all__ = ["SearchPanel"]

_ROLE_HIT = Qt.ItemDataRole.UserRole
RESULT_LIMIT = 100


class SearchPanel(QWidget):
    """Search all sources: words, "phrases", -excluded, prefix*; by actor, source and date."""

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.query = QLineEdit(self)
        self.query.setPlaceholderText('Search all sources: words, "a phrase", -not, prefix*')
        self.query.setClearButtonEnabled(True)
        self.entity = QComboBox(self)
        self.entity.setEditable(True)  # type to filter a long list of actors
        self.entity.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.entity.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.entity.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.source = QComboBox(self)
        self.since = QLineEdit(self)
        self.since.setPlaceholderText("from YYYY[-MM[-DD]]")
        self.until = QLineEdit(self)
        self.until.setPlaceholderText("until YYYY[-MM[-DD]]")
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.results = QListWidget(self)
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        grid = QGridLayout()
        grid.addWidget(self.entity, 0, 0, 1, 2)
        grid.addWidget(self.source, 0, 2, 1, 2)
        grid.addWidget(self.since, 1, 0, 1, 2)
        grid.addWidget(self.until, 1, 2, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query)
        layout.addLayout(grid)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

        self._index: SearchIndex | None = None
        self._index_path: Path | None = None
        self._indexed = (None, None)  # (documents, entities) sections last sent to the indexer
        self.indexer = BackgroundIndexer(self)
        self.indexer.progressed.connect(self._on_indexer_progressed)
        self.indexer.finished.connect(self._on_indexer_finished)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.run_search)
        self._reindex = QTimer(self)
        self._reindex.setSingleShot(True)
        self._reindex.setInterval(400)
        self._reindex.timeout.connect(self._request_index)

        self.query.textChanged.connect(self._debounce.start)
        self.since.textChanged.connect(self._debounce.start)
        self.until.textChanged.connect(self._debounce.start)
        self.entity.activated.connect(self._debounce.start)
        self.entity.lineEdit().editingFinished.connect(self._debounce.start)
        self.source.activated.connect(self._debounce.start)
        self.results.itemActivated.connect(self._on_item_activated)
        self.results.itemClicked.connect(self._on_item_activated)
        state.workspace_replaced.connect(self._on_workspace_replaced)
        state.workspace_changed.connect(self._on_workspace_changed)
        self._on_workspace_replaced()

    # -- index ---------------------------------------------------------------------
    def _path_for_index(self) -> Path:
        if self.state.path is not None:
            return default_index_path(self.state.path)
        # An unsaved workspace has no folder yet: index it in a private temp file.
        return Path(tempfile.gettempdir()) / f"briefing-desk-unsaved-{os.getpid()}-{id(self)}.sqlite"

    def _on_workspace_replaced(self) -> None:
        self._fill_filters()
        if self._index is not None:
            self._index.close()
            self._index = None
        self._index_path = self._path_for_index()
        self.results.clear()
        self._request_index()

    def _on_workspace_changed(self) -> None:
        self._fill_filters()
        ws = self.state.workspace
        if (ws.documents, ws.entities) != self._indexed:
            self._reindex.start()

    def _request_index(self) -> None:
        ws = self.state.workspace
        self._indexed = (ws.documents, ws.entities)
        if self._index_path is None:
            self._index_path = self._path_for_index()
        self.indexer.request(ws, self._index_path)

    def _on_indexer_progressed(self, done: int, total: int) -> None:
        if total:
            self.status.setText(f"Indexing sources… {done:,} of {total:,} documents "
                                "(results so far are shown)")

    def _on_indexer_finished(self, result: object) -> None:
        if isinstance(result, SearchError):
            self.status.setText(f"Search is unavailable: {result}")
            return
        assert isinstance(result, UpdateReport)
        note = ""
        if result.failed:
            note = f" · {len(result.failed)} not searchable: " + "; ".join(sorted(result.failed.values())[:2])
        self.status.setText(f"{len(self.state.workspace.documents):,} documents indexed{note}")
        self.run_search()

    def _searcher(self) -> SearchIndex | None:
        if self._index is None and self._index_path is not None:
            try:
                self._index = SearchIndex(self._index_path)
            except SearchError as exc:
                self.status.setText(str(exc))
                return None
        return self._index

    # -- filters -------------------------------------------------------------------
    def _fill_filters(self) -> None:
        ws = self.state.workspace
        current_entity = self.entity.currentData()
        current_source = self.source.currentData()
        self.entity.blockSignals(True)
        self.entity.clear()
        self.entity.addItem("Any actor", None)
        for e in sorted(ws.entities, key=lambda e: (e.name.casefold(), e.id)):
            self.entity.addItem(f"{e.name} ({e.type})", e.id)
        i = self.entity.findData(current_entity)
        self.entity.setCurrentIndex(max(0, i))
        self.entity.blockSignals(False)
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItem("Any source", None)
        for d in sorted(ws.documents, key=lambda d: d.title.casefold()):
            self.source.addItem(d.title, d.id)
        for pub in sorted({d.publisher for d in ws.documents if d.publisher}, key=str.casefold):
            self.source.addItem(f"Publisher: {pub}", pub)
        i = self.source.findData(current_source)
        self.source.setCurrentIndex(max(0, i))
        self.source.blockSignals(False)

    def _entity_id(self) -> str | None:
        # An edited but unmatched name means "any": typing must not leave a stale filter.
        text = self.entity.currentText()
        i = self.entity.findText(text)
        return self.entity.itemData(i) if i >= 0 else None

    def filters(self) -> SearchFilters | None:
        """The filters as set, or None (with a message) when a date is not a date."""
        days = []
        for field, end in ((self.since, False), (self.until, True)):
            text = field.text().strip()
            if not text:
                days.append(None)
                continue
            try:
                d = PartialDate.parse(text)
            except ValueError as exc:
                self.status.setText(f"'{text}' is not a date ({exc}); use YYYY, YYYY-MM or YYYY-MM-DD")
                return None
            days.append(d.end if end else d.start)
        return SearchFilters(entity=self._entity_id(), source=self.source.currentData(), since=days[0], until=days[1])

    # -- search --------------------------------------------------------------------
    def run_search(self) -> None:
        """Run the query as typed and list the passages found."""
        filters = self.filters()
        if filters is None:
            return
        self.results.clear()
        if not self.query.text().strip() and filters.entity is None:
            return
        index = self._searcher()
        if index is None:
            return
        t0 = time.perf_counter()
        try:
            hits = index.search(self.query.text(), filters, limit=RESULT_LIMIT)
        except SearchError as exc:
            self.status.setText(str(exc))
            return
        ms = (time.perf_counter() - t0) * 1000
        for h in hits:
            meta = " · ".join(x for x in (h.title, h.published) if x)
            item = QListWidgetItem(f"{h.snippet}\n— {meta}")
            item.setData(_ROLE_HIT, (h.doc_id, h.hit_start, h.hit_end))
            item.setToolTip(f"{h.title}\n{h.publisher}\ncharacters {h.start}–{h.end}")
            self.results.addItem(item)
        docs = len({h.doc_id for h in hits})
        more = f" (first {RESULT_LIMIT})" if len(hits) >= RESULT_LIMIT else ""
        note = ""
        if not index.last_ranked:
            note = (f" · the words are in {index.last_matches:,} passages: shown unranked, "
                    "newest first; add words to narrow")
        if not self.indexer.running:
            self.status.setText(f"{len(hits)} passages{more} in {docs} documents · {ms:.0f} ms{note}")

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        doc_id, start, end = item.data(_ROLE_HIT)
        self.state.show_passage(doc_id, start, end)

    def shutdown(self) -> None:
        """Stop indexing and close the index (the window is closing)."""
        self.indexer.stop()
        if self._index is not None:
            self._index.close()
            self._index = None
