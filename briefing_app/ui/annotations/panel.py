"""The annotations panel: every annotation with its anchor status.

Lists tag, quote, note, document, anchor status (exact / moved / fuzzy with
its score / ambiguous / orphaned) and confidence; filters by tag, document,
entity and anchor status; searches; sorts by any column. Double-click shows
the passage in the reader; edit, delete and re-attach go through AppState
(undoable). Orphaned and ambiguous annotations stay listed with their quote
and can be re-attached to a new selection.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_app.analysis.anchoring import Anchor, make_selector, reanchor_all
from briefing_app.model import annotations as ann_edits
from briefing_app.model.types import CONFIDENCE_LABELS, Annotation, Workspace
from briefing_app.state import AppState
from briefing_app.ui.editors import delete_annotation_asking
from briefing_app.ui.annotations.annotate_dialog import open_edit_dialog
from briefing_app.ui.palette import anchor_status_text, tag_color, text_on
from briefing_app.ui.when_shown import WhenShown

COLUMNS = ("Tag", "Quote", "Note", "Document", "Anchor", "Confidence", "Modified")
STATUS_FILTERS = {
    "any anchor": None,
    "placed": ("exact", "moved", "fuzzy"),
    "needs attention": ("fuzzy", "ambiguous", "orphaned"),
    "orphaned / ambiguous": ("ambiguous", "orphaned"),
}
_STATUS_COLORS = {"ambiguous": "#e65100", "orphaned": "#c62828", "fuzzy": "#8d6e00"}
_ROLE_ID = Qt.ItemDataRole.UserRole
_ROLE_SORT = Qt.ItemDataRole.UserRole + 1


status_text = anchor_status_text  # the wording the reader's tooltips share


class _SortItem(QTreeWidgetItem):
    """Sorts by a per-column key when one is set (positions, scores)."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:  # noqa: D105 - Qt override
        col = self.treeWidget().sortColumn() if self.treeWidget() else 0
        a, b = self.data(col, _ROLE_SORT), other.data(col, _ROLE_SORT)
        if a is not None and b is not None:
            return a < b
        return self.text(col).lower() < other.text(col).lower()


class AnchorCache:
    """Anchors of every annotation, recomputed per document only when its
    text or its annotations' selectors change."""

    def __init__(self) -> None:
        self._by_doc: dict[str, tuple[object, dict[str, Anchor]]] = {}

    def anchors(self, state: AppState) -> dict[str, Anchor]:
        provided = getattr(state, "anchors", None)
        if callable(provided):  # AppState may cache them itself
            return provided()
        ws = state.workspace
        by_doc: dict[str, list[Annotation]] = {}
        for a in ws.annotations:
            by_doc.setdefault(a.document, []).append(a)
        out: dict[str, Anchor] = {}
        fresh: dict[str, tuple[object, dict[str, Anchor]]] = {}
        for doc_id, anns in by_doc.items():
            if doc_id not in ws.document_by_id:
                continue
            text = state.document_text(doc_id)
            if not text:
                continue
            key = (hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest(),
                   tuple((a.id, a.selector) for a in anns))
            cached = self._by_doc.get(doc_id)
            if cached is not None and cached[0] == key:
                result = cached[1]
            else:
                result = dict(zip((a.id for a in anns), reanchor_all(text, [a.selector for a in anns])))
            fresh[doc_id] = (key, result)
            out.update(result)
        self._by_doc = fresh
        return out


class AnnotationsPanel(QWidget):
    """Annotations list with filters, search, sorting and anchor statuses."""

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self._cache = AnchorCache()
        self._anchors: dict[str, Anchor] = {}
        self._updating = False

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search quotes, notes, tags…")
        self.search.setClearButtonEnabled(True)
        self.tag_filter = QComboBox()
        self.doc_filter = QComboBox()
        self.entity_filter = QComboBox()
        self.status_filter = QComboBox()
        self.status_filter.addItems(list(STATUS_FILTERS))
        for combo in (self.tag_filter, self.doc_filter, self.entity_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        self.tree.setColumnWidth(1, 260)

        self.count_label = QLabel()
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.reattach_button = QPushButton("Re-attach…")
        self.reattach_button.setToolTip("Anchor the annotation to a newly selected passage of its document")

        filters = QHBoxLayout()
        filters.addWidget(self.tag_filter)
        filters.addWidget(self.doc_filter)
        filters.addWidget(self.entity_filter)
        filters.addWidget(self.status_filter)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.reattach_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

        self.search.textChanged.connect(self._apply_filters)
        for combo in (self.tag_filter, self.doc_filter, self.entity_filter, self.status_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.tree.itemDoubleClicked.connect(self._on_item_double_clicked)
        self.tree.itemSelectionChanged.connect(self._on_item_selection_changed)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.reattach_button.clicked.connect(self.reattach_selected)
        self.when_shown = WhenShown(self, "refresh")  # the window defers the rebuild while the tab is hidden
        state.workspace_changed.connect(self._on_workspace_changed)
        state.selection_changed.connect(self._on_selection_changed)
        self.refresh()

    # -- data --------------------------------------------------------------------
    def anchors(self) -> dict[str, Anchor]:
        """The current anchors (annotation id -> Anchor)."""
        self.when_shown.flush()
        return self._anchors

    def refresh(self) -> None:
        """Rebuild filters and rows from the current snapshot."""
        ws = self.state.workspace
        self._anchors = self._cache.anchors(self.state)
        self._fill_filters(ws)
        self._updating = True
        sorting = self.tree.isSortingEnabled()
        self.tree.setSortingEnabled(False)
        self.tree.clear()
        for a in ws.annotations:
            self.tree.addTopLevelItem(self._row(ws, a))
        self.tree.setSortingEnabled(sorting)
        self._updating = False
        self._apply_filters()
        self._select_row(self.state.selection[1] if self.state.selection[0] == "annotation" else "")

    def _row(self, ws: Workspace, a: Annotation) -> QTreeWidgetItem:
        doc = ws.document_by_id.get(a.document)
        anchor = self._anchors.get(a.id)
        quote = " ".join(a.selector.exact.split())
        item = _SortItem(
            [
                a.tag,
                quote,
                " ".join(a.note.split()),
                doc.title if doc else f"{a.document} (missing)",
                status_text(anchor),
                CONFIDENCE_LABELS.get(a.confidence, a.confidence),
                a.modified or a.created,
            ]
        )
        item.setData(0, _ROLE_ID, a.id)
        item.setData(3, _ROLE_SORT, (doc.title.lower() if doc else a.document, anchor.start if anchor and anchor.placed else a.selector.start))
        order = ("exact", "moved", "fuzzy", "ambiguous", "orphaned")
        item.setData(4, _ROLE_SORT, (order.index(anchor.status), -anchor.score) if anchor else (len(order), 0.0))
        levels = list(CONFIDENCE_LABELS)
        item.setData(5, _ROLE_SORT, levels.index(a.confidence) if a.confidence in levels else -1)
        swatch = QColor(a.color or tag_color(a.tag))
        item.setBackground(0, QBrush(swatch.lighter(130)))
        item.setForeground(0, QBrush(text_on(swatch.lighter(130))))  # readable on the swatch in any palette
        item.setToolTip(1, a.selector.exact)
        item.setToolTip(2, a.note)
        if anchor is not None and anchor.status in _STATUS_COLORS:
            item.setForeground(4, QBrush(QColor(_STATUS_COLORS[anchor.status])))
            tip = {
                "fuzzy": "The text changed; this is the closest passage.",
                "ambiguous": "Several passages match equally well: re-attach it to the right one.",
                "orphaned": "The passage is no longer in the document: re-attach it or delete it.",
            }[anchor.status]
            item.setToolTip(4, tip)
        return item

    def _fill_filters(self, ws: Workspace) -> None:
        def refill(combo: QComboBox, everything: str, entries: list[tuple[str, str]]) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for label, value in entries:
                combo.addItem(label, value)
            i = combo.findData(current)
            combo.setCurrentIndex(i if i >= 0 else 0)
            combo.blockSignals(False)

        tags = list(ws.vocabulary.all_annotation_tags())
        tags += sorted({a.tag for a in ws.annotations} - set(tags))
        refill(self.tag_filter, "all tags", [(t, t) for t in tags])
        refill(self.doc_filter, "all documents", [(d.title, d.id) for d in ws.documents])
        refill(self.entity_filter, "all actors", sorted(((e.name, e.id) for e in ws.entities), key=lambda x: x[0].lower()))

    # -- filters -------------------------------------------------------------------
    def matches(self, a: Annotation) -> bool:
        """Whether an annotation passes the current filters and search."""
        tag, doc, entity = self.tag_filter.currentData(), self.doc_filter.currentData(), self.entity_filter.currentData()
        statuses = STATUS_FILTERS[self.status_filter.currentText()]
        if tag and a.tag != tag:
            return False
        if doc and a.document != doc:
            return False
        anchor = self._anchors.get(a.id)
        if statuses and (anchor is None or anchor.status not in statuses):
            return False
        if entity and not self._is_about(a, entity, anchor):
            return False
        needle = self.search.text().strip().lower()
        if needle:
            d = self.state.workspace.document_by_id.get(a.document)
            hay = " ".join((a.selector.exact, a.note, a.tag, d.title if d else a.document)).lower()
            if not all(word in hay for word in needle.split()):
                return False
        return True

    def _is_about(self, a: Annotation, entity_id: str, anchor: Anchor | None) -> bool:
        """Tagged with the entity, or the anchored passage mentions it."""
        if entity_id in a.entities:
            return True
        if anchor is None or not anchor.placed:
            return False
        return any(
            m.entity_id == entity_id and m.start >= anchor.start and m.end <= anchor.end
            for m in self.state.mentions(a.document)
        )

    def _apply_filters(self) -> None:
        ws = self.state.workspace
        shown = 0
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            a = ws.annotation_by_id.get(item.data(0, _ROLE_ID))
            visible = a is not None and self.matches(a)
            item.setHidden(not visible)
            shown += visible
        total = self.tree.topLevelItemCount()
        attention = sum(1 for x in self._anchors.values() if x.status in ("ambiguous", "orphaned"))
        extra = f" · {attention} to re-attach" if attention else ""
        self.count_label.setText(f"{shown} of {total} annotations{extra}")

    def visible_ids(self) -> list[str]:
        """Ids of the rows shown, in display order."""
        self.when_shown.flush()
        return [
            self.tree.topLevelItem(i).data(0, _ROLE_ID)
            for i in range(self.tree.topLevelItemCount())
            if not self.tree.topLevelItem(i).isHidden()
        ]

    # -- actions -------------------------------------------------------------------
    def selected_id(self) -> str | None:
        items = self.tree.selectedItems()
        return items[0].data(0, _ROLE_ID) if items else None

    def show_annotation(self, annotation_id: str) -> None:
        """Show an annotation's passage in the reader (or its best candidate)."""
        a = self.state.workspace.annotation_by_id.get(annotation_id)
        if a is None:
            return
        anchor = self._anchors.get(annotation_id)
        if anchor is not None and anchor.placed:
            self.state.show_passage(a.document, anchor.start, anchor.end)
            if anchor.status == "fuzzy":
                self.state.message_posted.emit(f"The passage changed: closest match {round(anchor.score * 100)}%")
        elif anchor is not None and anchor.candidates:
            c = anchor.candidates[0]
            self.state.show_passage(a.document, c.start, c.end)
            self.state.message_posted.emit(
                f"Annotation is {anchor.status}: showing a candidate passage; use Re-attach to confirm one"
            )
        else:
            self.state.show_document(a.document)
            self.state.message_posted.emit("The annotated passage is no longer in the document: re-attach or delete it")

    def edit_selected(self) -> None:
        aid = self.selected_id()
        if aid:
            open_edit_dialog(self.state, aid, self)

    def delete_selected(self) -> None:
        aid = self.selected_id()
        if not aid:
            return
        delete_annotation_asking(self.state, aid, self)  # says what cites it first

    def reattach_selected(self) -> None:
        aid = self.selected_id()
        if aid:
            dlg = ReattachDialog(self.state, aid, self._anchors.get(aid), self)
            dlg.exec()

    # -- slots ---------------------------------------------------------------------
    def _on_workspace_changed(self) -> None:
        self.when_shown.request()

    def _on_selection_changed(self, kind: str, item_id: str) -> None:
        if kind == "annotation" and not self.when_shown.stale:  # a stale list selects it when rebuilt
            self._select_row(item_id)

    def _on_item_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        self.show_annotation(item.data(0, _ROLE_ID))

    def _on_item_selection_changed(self) -> None:
        if self._updating:
            return
        aid = self.selected_id()
        anchor = self._anchors.get(aid) if aid else None
        self.edit_button.setEnabled(aid is not None)
        self.delete_button.setEnabled(aid is not None)
        self.reattach_button.setEnabled(aid is not None)
        self.reattach_button.setDefault(anchor is not None and not anchor.placed)
        if aid:
            self.state.select("annotation", aid)

    def _select_row(self, annotation_id: str) -> None:
        self._updating = True
        try:
            for i in range(self.tree.topLevelItemCount()):
                item = self.tree.topLevelItem(i)
                if item.data(0, _ROLE_ID) == annotation_id:
                    self.tree.setCurrentItem(item)
                    self.tree.scrollToItem(item)
                    break
            else:
                self.tree.clearSelection()
        finally:
            self._updating = False
        has = self.selected_id() is not None
        for b in (self.edit_button, self.delete_button, self.reattach_button):
            b.setEnabled(has)


class ReattachDialog(QDialog):
    """Pick a new passage for an annotation in its document's text.

    Candidate passages (for ambiguous or weakly matching anchors) are
    highlighted and can be jumped to; the selection when pressing OK
    becomes the annotation's new anchor (one undoable edit).
    """

    def __init__(self, state: AppState, annotation_id: str, anchor: Anchor | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.annotation_id = annotation_id
        ann = state.workspace.annotation_by_id[annotation_id]
        self.setWindowTitle("Re-attach annotation")
        self.text = state.document_text(ann.document)
        info = QLabel(f"Quote: “{' '.join(ann.selector.exact.split())[:300]}”\nSelect the passage it belongs to, then OK.")
        info.setWordWrap(True)
        self.view = QPlainTextEdit(self.text)
        self.view.setReadOnly(True)
        self.view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.candidates = QComboBox()
        spans = []
        if anchor is not None and anchor.placed:
            spans.append((anchor.start, anchor.end, anchor.score))
        if anchor is not None:
            spans.extend((c.start, c.end, c.score) for c in anchor.candidates)
        for s, e, score in spans:
            self.candidates.addItem(f"{round(score * 100)}%: {' '.join(self.text[s:e].split())[:60]}", (s, e))
        self.candidates.setVisible(bool(spans))
        self.candidates.currentIndexChanged.connect(self._on_candidate_chosen)
        self._highlight(spans)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.candidates)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(700, 520)
        if spans:
            self.select_span(*spans[0][:2])

    def _highlight(self, spans: list[tuple[int, int, float]]) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#fff59d"))
        fmt.setForeground(text_on(QColor("#fff59d")))
        selections = []
        for s, e, _ in spans:
            sel = QTextEdit.ExtraSelection()
            cur = QTextCursor(self.view.document())
            cur.setPosition(_qt_pos(self.text, s))
            cur.setPosition(_qt_pos(self.text, e), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cur
            sel.format = fmt
            selections.append(sel)
        self.view.setExtraSelections(selections)

    def _on_candidate_chosen(self, index: int) -> None:
        span = self.candidates.itemData(index)
        if span:
            self.select_span(*span)

    def select_span(self, start: int, end: int) -> None:
        """Select ``text[start:end]`` in the view (Python offsets)."""
        cur = self.view.textCursor()
        cur.setPosition(_qt_pos(self.text, start))
        cur.setPosition(_qt_pos(self.text, end), QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cur)

    def selected_span(self) -> tuple[int, int] | None:
        cur = self.view.textCursor()
        if not cur.hasSelection():
            return None
        return _py_pos(self.text, cur.selectionStart()), _py_pos(self.text, cur.selectionEnd())

    def accept(self) -> None:  # noqa: D401 - Qt override
        span = self.selected_span()
        if span is None or not self.text[span[0] : span[1]].strip():
            self.state.message_posted.emit("Select the passage to re-attach the annotation to")
            return
        selector = make_selector(self.text, *span)
        self.state.edit("Re-attach annotation", ann_edits.reattach_annotation, self.annotation_id, selector)
        super().accept()


def _qt_pos(text: str, offset: int) -> int:
    """Qt counts UTF-16 code units: characters outside the BMP count twice."""
    return offset + sum(1 for ch in text[:offset] if ord(ch) > 0xFFFF)


def _py_pos(text: str, qt_offset: int) -> int:
    """Inverse of :func:`_qt_pos`."""
    units = 0
    for i, ch in enumerate(text):
        if units >= qt_offset:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)
