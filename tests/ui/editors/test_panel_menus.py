"""Right-click menus of the entity list and the document list lead to the editors."""

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from briefing_app.state import AppState
from briefing_app.ui.entities.panel import EntityPanel
from briefing_app.ui.sources.document_list import DocumentListPanel


# The offscreen platform cannot grab the keyboard or raise a popup menu; that says nothing about our code.
pytestmark = pytest.mark.qt_log_ignore("grabbing the keyboard", r"support raise\(\)", "propagateSizeHints")


def _menu_texts(open_menu) -> list[str]:
    seen = []

    def read():
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(20, read)
            return
        seen.extend(a.text() for a in menu.actions() if a.text())
        menu.close()

    QTimer.singleShot(0, read)
    open_menu()
    return seen


def test_entity_list_menu(qtbot, tiny_workspace_path):
    state = AppState()
    state.open(tiny_workspace_path)
    panel = EntityPanel(state)
    qtbot.addWidget(panel)
    panel.show()
    item = panel._item_for("kor")
    pos = panel.tree.visualItemRect(item).center()
    texts = _menu_texts(lambda: panel.tree.customContextMenuRequested.emit(pos))
    assert texts == ["Edit properties…", "Add alias…", "Delete…", "New entity…"]
    assert state.selection == ("entity", "kor")


def test_document_list_menu(qtbot, tiny_workspace_path):
    state = AppState()
    state.open(tiny_workspace_path)
    panel = DocumentListPanel(state)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.empty_hint.isHidden()
    pos = panel.list.visualItemRect(panel.list.item(0)).center()
    texts = _menu_texts(lambda: panel.list.customContextMenuRequested.emit(pos))
    assert texts == ["Properties…", "Remove from workspace…"]
    assert any("usually reliable source" in panel.list.item(i).toolTip() for i in range(panel.list.count()))
