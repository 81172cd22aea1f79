"""Right-click menus of the entity list and the document list lead to the editors."""

import pytest
from PySide6.QtCore import Qt

from briefing_app.state import AppState
from briefing_app.ui.entities.panel import EntityPanel
from briefing_app.ui.sources.document_list import DocumentListPanel


# The offscreen platform cannot grab the keyboard or raise a popup menu; that says nothing about our code.
pytestmark = pytest.mark.qt_log_ignore("grabbing the keyboard", r"support raise\(\)", "propagateSizeHints")


def _menu_texts(panel, open_menu) -> list[str]:
    open_menu()
    menu = panel.last_menu
    texts = [a.text() for a in menu.actions() if a.text()]
    menu.hide()
    return texts


def test_entity_list_menu(qtbot, tiny_workspace_path):
    state = AppState()
    state.open(tiny_workspace_path)
    panel = EntityPanel(state)
    qtbot.addWidget(panel)
    panel.show()
    item = panel._item_for("kor")
    pos = panel.tree.visualItemRect(item).center()
    texts = _menu_texts(panel, lambda: panel.tree.customContextMenuRequested.emit(pos))
    assert texts == ["Edit properties…", "Add alias…", "Delete…", "New entity…"]
    assert state.selection == ("entity", "kor")


def test_document_list_menu(qtbot, tiny_workspace_path):
    state = AppState()
    state.open(tiny_workspace_path)
    panel = DocumentListPanel(state)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.empty_hint.isHidden()
    index = panel.table.model().index(0, 0)
    pos = panel.table.visualRect(index).center()
    texts = _menu_texts(panel, lambda: panel.table.customContextMenuRequested.emit(pos))
    assert texts == ["Properties…", "Remove from workspace…"]
    model = panel.table.model()
    tips = [model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole) for r in range(model.rowCount())]
    assert any("usually reliable source" in tip for tip in tips)
