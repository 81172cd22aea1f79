"""Evidence chosen from the workspace's annotations: a filterable list of quotes to tick.

A passage selected in the reader but not yet annotated can be offered as
"this passage (new)": the editor adds the annotation in the same undoable
step as the item that cites it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from briefing_app.model.annotations import add_annotation
from briefing_app.model.edits import new_id
from briefing_app.model.types import Selector, Workspace

ID_ROLE = Qt.ItemDataRole.UserRole


def short_quote(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


@dataclass(frozen=True)
class PendingPassage:
    """A passage selected in the reader, to be annotated as evidence when an editor saves."""

    document: str
    selector: Selector
    annotation_id: str

    @classmethod
    def from_selection(cls, ws: Workspace, document: str, text: str, start: int, end: int) -> PendingPassage:
        """Raises ValueError when the range is not inside the text."""
        from briefing_app.analysis.anchoring import make_selector  # the anchoring machinery: first use only

        return cls(document, make_selector(text, start, end), new_id(ws, "annotations", "ann"))

    @property
    def quote(self) -> str:
        return self.selector.exact

    def add_to(self, ws: Workspace, cited: Iterable[str]) -> Workspace:
        """The snapshot with the passage annotated as evidence, if the item cites it."""
        if self.annotation_id not in cited or self.annotation_id in ws.annotation_by_id:
            return ws
        return add_annotation(ws, self.document, self.selector, tag="evidence", annotation_id=self.annotation_id)


class EvidenceList(QWidget):
    """Tick the annotations that support an item.

    Signals:
        changed(): a tick changed.
    """

    changed = Signal()

    def __init__(self, ws: Workspace, pending: tuple[str, str] | None = None, parent: QWidget | None = None) -> None:
        """
        Args:
            ws: The snapshot whose annotations are offered.
            pending: (annotation id, quote) of a passage to be annotated on save.
        """
        super().__init__(parent)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter evidence by quote or document")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setMinimumHeight(80)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        rows = []
        if pending is not None:
            rows.append((f"this passage (new): “{short_quote(pending[1])}”", pending[0]))
        docs = ws.document_by_id
        for a in sorted(ws.annotations, key=lambda a: (a.document, a.selector.start)):
            doc = docs.get(a.document)
            rows.append((f"“{short_quote(a.selector.exact)}” — {doc.title if doc else a.document}", a.id))
        for text, aid in rows:
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, aid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.filter.textChanged.connect(self._on_filter_changed)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())

    def set_checked(self, ids: Iterable[str]) -> None:
        wanted = set(ids)
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(ID_ROLE) in wanted else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)

    def checked(self) -> tuple[str, ...]:
        return tuple(
            self.list.item(i).data(ID_ROLE)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        )

    def _on_filter_changed(self, text: str) -> None:
        needle = text.casefold().strip()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())
