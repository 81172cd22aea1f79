"""The documents of a workspace as a table model: sortable by date, source and grade.

A model/view table (not one widget item per row) so that thousands of
sources list, sort and filter at once: Qt asks only for the rows in view.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from briefing_app.model.reliability import reliability_phrase

__all__ = ["COLUMNS", "DocumentFilterModel", "DocumentTableModel", "grade_rank"]

COLUMNS = ("Title", "Source", "Published", "Grade")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole
_ERROR = QColor("#8b0000")

_Index = QModelIndex | QPersistentModelIndex


def grade_rank(grade: str) -> tuple[int, int]:
    """Admiralty grades sort best first: A1 < A2 < B1 … F6; an ungraded source last."""
    g = (grade or "").strip().upper()
    if len(g) == 2 and g[0] in "ABCDEF" and g[1] in "123456":
        return "ABCDEF".index(g[0]), int(g[1])
    return 9, 9


def _date_text(doc) -> str:  # noqa: ANN001 - model Document
    if doc.published is None:
        return "undated"
    label = doc.published.label()
    return f"≈{label}" if doc.published_estimated else label


class DocumentTableModel(QAbstractTableModel):
    """Rows are documents; ``errors`` maps a document id to why it cannot be read."""

    def __init__(self, parent=None):  # noqa: ANN001 - QObject
        super().__init__(parent)
        self._docs: tuple = ()
        self._errors: dict[str, str] = {}

    def set_documents(self, docs: tuple, errors: dict[str, str]) -> None:
        self.beginResetModel()
        self._docs = tuple(docs)
        self._errors = dict(errors)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._docs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: C901 - one switch over roles
        if not index.isValid():
            return None
        doc = self._docs[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (doc.title, doc.publisher, _date_text(doc), doc.reliability or "—")[col]
        if role == SORT_ROLE:
            if col == 2:  # undated sources sort after every dated one
                return (1, 0) if doc.published is None else (0, doc.published.start.toordinal())
            if col == 3:
                return grade_rank(doc.reliability)
            return ((doc.title if col == 0 else doc.publisher) or "").casefold()
        if role == ID_ROLE:
            return doc.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._errors.get(doc.id) or "\n".join(
                x for x in (doc.title, doc.publisher, doc.url, doc.published_note, doc.path,
                             reliability_phrase(doc.reliability)) if x)
        if role == Qt.ItemDataRole.ForegroundRole and doc.id in self._errors:
            return _ERROR
        return None

    def row_of(self, doc_id: str) -> int:
        for i, d in enumerate(self._docs):
            if d.id == doc_id:
                return i
        return -1


class DocumentFilterModel(QSortFilterProxyModel):
    """Filters on every column at once (title, source, date, grade) and sorts on SORT_ROLE."""

    def __init__(self, parent=None):  # noqa: ANN001 - QObject
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def lessThan(self, left: _Index, right: _Index) -> bool:  # noqa: N802 - Qt override
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a == b:  # ties keep a stable, readable order: by title
            return (left.siblingAtColumn(0).data(SORT_ROLE) or "") < (right.siblingAtColumn(0).data(SORT_ROLE) or "")
        return a < b
