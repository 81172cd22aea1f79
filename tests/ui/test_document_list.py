"""The document list with many sources: filter by typing, sort by date, source and grade."""

import dataclasses

import pytest
from PySide6.QtCore import Qt

from briefing_app.model.dates import PartialDate
from briefing_app.model.io import load_workspace
from briefing_app.model.types import Document
from briefing_app.state import AppState
from briefing_app.ui.sources.document_list import DocumentListPanel
from briefing_app.ui.sources.document_table import grade_rank


@pytest.fixture
def big(qtbot, tiny_workspace_path):
    ws = load_workspace(tiny_workspace_path)
    extra = tuple(
        Document(id=f"x{i:04d}", title=f"Wire story {i:04d}", path="documents/doc1.txt",
                 publisher=("Kyodo", "Yonhap", "Reuters")[i % 3],
                 published=PartialDate.parse(f"{2000 + i % 24}-{1 + i % 12:02d}"), reliability=f"{'ABCDEF'[i % 6]}{1 + i % 6}")
        for i in range(1200))
    state = AppState(dataclasses.replace(ws, documents=ws.documents + extra), tiny_workspace_path)
    panel = DocumentListPanel(state)
    qtbot.addWidget(panel)
    return state, panel


def _column(panel, col, n=5):
    return [panel.proxy.index(r, col).data() for r in range(min(n, panel.proxy.rowCount()))]


def test_lists_every_document_newest_first(big):
    _, panel = big
    assert panel.proxy.rowCount() == 1202 and "1,202 documents" in panel.count.text()
    dates = [panel.proxy.index(r, 2).data(Qt.ItemDataRole.UserRole + 1) for r in range(panel.proxy.rowCount())]
    assert dates == sorted(dates, reverse=True)


def test_typing_filters_on_title_source_and_grade(big):
    _, panel = big
    panel.filter.setText("story 011")
    assert set(_column(panel, 0, 20)) == {f"Wire story 011{d}" for d in range(10)}
    assert "10 of 1,202 documents" in panel.count.text()
    panel.filter.setText("yonhap")
    assert panel.proxy.rowCount() == 400 and set(_column(panel, 1, 400)) == {"Yonhap"}
    panel.filter.setText("")
    assert panel.proxy.rowCount() == 1202


def test_sort_by_grade_puts_the_most_reliable_first(big):
    _, panel = big
    panel.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    assert _column(panel, 3, 1) == ["A1"]
    assert grade_rank("A1") < grade_rank("A2") < grade_rank("B1") < grade_rank("F6") < grade_rank("")
    panel.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert _column(panel, 1, 1) == ["Kyodo"]


def test_click_shows_the_document_and_the_reader_choice_is_followed(qtbot, big):
    state, panel = big
    panel.filter.setText("Launch condemned")
    panel.table.setCurrentIndex(panel.proxy.index(0, 0))
    assert state.current_document == "doc-2"
    panel.filter.setText("")
    state.show_document("x0007")
    assert panel.current_document_id() == "x0007"


def test_unreadable_document_is_marked(qtbot, tiny_workspace_path):
    ws = load_workspace(tiny_workspace_path)
    (ws.root / "documents" / "doc2.txt").unlink()
    panel = DocumentListPanel(AppState(ws, tiny_workspace_path))
    qtbot.addWidget(panel)
    row = panel.model.row_of("doc-2")
    index = panel.model.index(row, 0)
    assert "not found" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None


def test_narrow_column_gives_the_title_room(qtbot, big):
    _, panel = big
    panel.resize(250, 400)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.table.isColumnHidden(1)
    panel.resize(600, 400)
    qtbot.waitUntil(lambda: not panel.table.isColumnHidden(1))
