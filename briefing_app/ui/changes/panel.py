"""The changes panel: compare the workspace between two dates.

Setting a period puts the window in compare mode through
:meth:`AppState.set_compare_period`: the map styles relations as new /
ended / changed / unchanged, the timeline shades the period, and this list
shows what changed, grouped, each row linked to its evidence passage. Items
dated too coarsely to place, undated items and unsourced ones get groups of
their own: nothing is dropped silently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_app.model.changes import (
    CHANGE_KINDS,
    ENTITY,
    EVENT,
    KIND_TITLES,
    SOURCE,
    STATE_CHANGE,
    Change,
    ChangeReport,
    PeriodError,
)
from briefing_app.model.dates import DateError, PartialDate

if TYPE_CHECKING:
    from briefing_app.state import AppState

__all__ = ["ChangesPanel"]

ROLE = Qt.ItemDataRole.UserRole  # (kind, id, first evidence annotation id or "")


def change_text(c: Change) -> str:
    """The "what happened" column of a row."""
    if c.kind == STATE_CHANGE:
        return f"{c.from_state} → {c.to_state}"
    if c.kind in ("began", "ended"):
        return f"{c.kind} ({c.to_state or c.from_state})"
    return c.detail


class ChangesPanel(QWidget):
    """Dock content: the two dates, Compare / Off, a summary line and the grouped list."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.since_edit = QLineEdit(self)
        self.since_edit.setPlaceholderText("since YYYY[-MM[-DD]]")
        self.until_edit = QLineEdit(self)
        self.until_edit.setPlaceholderText("until (default: as of)")
        self.compare_button = QPushButton("Compare", self)
        self.compare_button.setToolTip("Show what changed between the two dates on the map, timeline and here")
        self.off_button = QPushButton("Off", self)
        self.off_button.setToolTip("Leave compare mode")
        self.summary = QLabel("Give two dates and press Compare.", self)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Date", "Change", "Item"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        # The change ("suspended → restored") must stay readable in a narrow dock: it comes
        # before the item, which takes the rest; tooltips hold the full text.
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(0, 92)
        self.tree.setColumnWidth(1, 150)
        # Dates on one row and the buttons on the next: in the narrow left column one row
        # squeezed the dates to "019-06".
        date_width = self.fontMetrics().horizontalAdvance("2023-09-30") + 16
        dates, buttons = QHBoxLayout(), QHBoxLayout()
        for row in (dates, buttons):
            row.setContentsMargins(4, 4, 4, 0)
        for edit in (self.since_edit, self.until_edit):
            edit.setMinimumWidth(date_width)
            dates.addWidget(edit)
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.off_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(dates)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)

        self.compare_button.clicked.connect(self._on_compare_clicked)
        self.since_edit.returnPressed.connect(self._on_compare_clicked)
        self.until_edit.returnPressed.connect(self._on_compare_clicked)
        self.off_button.clicked.connect(self._on_off_clicked)
        self.tree.itemActivated.connect(self._on_item_activated)
        self.tree.itemClicked.connect(self._on_item_activated)
        state.compare_period_changed.connect(self._on_compare_period_changed)
        state.workspace_changed.connect(self._on_workspace_changed)
        self.refresh()

    # -- public ---------------------------------------------------------------------
    def compare(self, since: str, until: str = "") -> bool:
        """Enter compare mode from text dates; False (and a message in the summary) when they are bad."""
        try:
            start = PartialDate.parse(since)
            end = PartialDate.parse(until) if until.strip() else (
                self.state.workspace.briefing.as_of or PartialDate.from_date(self.state.time_cursor))
            self.state.set_compare_period(start, end)
        except (DateError, PeriodError) as exc:
            self.summary.setText(f"Not compared: {exc}. Write dates as YYYY, YYYY-MM or YYYY-MM-DD.")
            return False
        return True

    def refresh(self) -> None:
        """Rebuild the list from the state's compare report."""
        self.tree.clear()
        report = self.state.compare_report()
        self.off_button.setEnabled(report is not None)
        if report is None:
            self.summary.setText("Give two dates and press Compare.")
            return
        since, until = self.state.compare_period  # type: ignore[misc]
        if self.since_edit.text().strip() != since.iso():
            self.since_edit.setText(since.iso())
        if self.until_edit.text().strip() != until.iso():
            self.until_edit.setText(until.iso())
        self.summary.setText(summary_text(report))
        for kind in CHANGE_KINDS:
            rows = report.of_kind(kind)
            if rows:
                self._group(f"{KIND_TITLES[kind]} ({len(rows)})", rows)
        if report.possibly:
            self._group(f"Possibly in the period: dated too coarsely ({len(report.possibly)})", report.possibly,
                        prefix_kind=True)
        if report.unsourced:
            self._group(f"Unsourced ({len(report.unsourced)})", report.unsourced, prefix_kind=True)
        if report.undated:
            group = QTreeWidgetItem(self.tree, [f"Undated ({len(report.undated)})", "", ""])
            group.setFirstColumnSpanned(True)
            for kind, item_id, label in report.undated:
                item = QTreeWidgetItem(group, ["undated", kind, label])
                item.setData(0, ROLE, (kind, item_id, ""))

    # -- helpers --------------------------------------------------------------------------
    def _group(self, title: str, rows: tuple[Change, ...], prefix_kind: bool = False) -> None:
        group = QTreeWidgetItem(self.tree, [title, "", ""])
        group.setFirstColumnSpanned(True)
        group.setExpanded(True)
        for c in rows:
            what = change_text(c)
            if prefix_kind:
                what = f"{KIND_TITLES[c.kind].lower()}: {what}".rstrip(": ")
            item = QTreeWidgetItem(group, [c.date.iso() if c.date else "undated", what, c.label])
            first = next((a for a in c.evidence if a in self.state.workspace.annotation_by_id), "")
            item.setData(0, ROLE, (c.kind, c.item_id, first))
            tip = "Click: show the evidence passage" if first else "No evidence passage in the workspace"
            for col in range(3):
                item.setToolTip(col, f"{c.label}\n{what}\n{tip}")

    # -- slots ------------------------------------------------------------------------------
    def _on_compare_clicked(self) -> None:
        self.compare(self.since_edit.text(), self.until_edit.text())

    def _on_off_clicked(self) -> None:
        self.state.set_compare_period(None)

    def _on_compare_period_changed(self, since: str, until: str) -> None:
        self.refresh()

    def _on_workspace_changed(self) -> None:
        if self.state.compare_period is not None:
            self.refresh()

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, ROLE)
        if not data:
            return
        kind, item_id, annotation_id = data
        selection = {STATE_CHANGE: "relation", "began": "relation", "ended": "relation", EVENT: "event",
                     ENTITY: "entity", SOURCE: "document"}.get(kind, kind)
        if item_id in _ids(self.state, selection):
            self.state.select(selection, item_id)
        if kind == SOURCE:
            self.state.show_document(item_id)
            return
        ann = self.state.workspace.annotation_by_id.get(annotation_id)
        if ann is not None:
            self.state.show_passage(ann.document, ann.selector.start, ann.selector.end)


def _ids(state: AppState, kind: str) -> set[str]:
    ws = state.workspace
    return set({"relation": ws.relation_by_id, "event": ws.event_by_id, "entity": ws.entity_by_id,
                "document": ws.document_by_id}.get(kind, {}))


def summary_text(report: ChangeReport) -> str:
    """One line: the period and the counts, or that nothing changed."""
    head = f"{report.period.label()} ({report.period.start.isoformat()} to {report.period.end.isoformat()}): "
    if report.quiet:
        body = "nothing is known to have changed"
    else:
        body = ", ".join(f"{len(report.of_kind(k))} {KIND_TITLES[k].lower()}" for k in CHANGE_KINDS
                         if report.of_kind(k))
    extras = []
    if report.possibly:
        extras.append(f"{len(report.possibly)} possibly")
    if report.unsourced:
        extras.append(f"{len(report.unsourced)} unsourced")
    if report.undated:
        extras.append(f"{len(report.undated)} undated")
    return head + body + (f" · {', '.join(extras)}" if extras else "") + ". Map: green new, red ended, orange changed, grey unchanged."
