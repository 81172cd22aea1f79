"""The main window as a user meets it: open, click, read the card, undo, close."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from briefing_app.ui import main_window as mw
from briefing_app.ui.main_window import MainWindow


@pytest.fixture
def window(shown_window, tiny_workspace_path):
    with shown_window(tiny_workspace_path, (1400, 900)) as w:
        yield w


def _click_text(qtbot, view, offset: int) -> None:
    cursor = view.textCursor()
    cursor.setPosition(offset)
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.x() + 3, rect.center().y()))


def test_every_panel_is_docked(window):
    assert set(window.docks) == {"documents", "entities", "map", "annotations", "review", "search", "timeline",
                                 "changes"}


def test_opening_does_not_navigate_or_select(window):
    assert window.state.selection == ("", "")
    assert not window.reader.view.textCursor().hasSelection()


def test_clicking_a_mention_shows_the_entity_card(qtbot, window):
    text = window.state.document_text("doc-1")
    _click_text(qtbot, window.reader.view, text.index("Seoul") + 1)
    assert window.state.selection == ("entity", "kor")
    panel = window.panels["entities"]
    assert "South Korea" in panel.card.toPlainText()
    # The card lists every mention across documents: Seoul in doc-1 and doc-2, South Korea in doc-1.
    assert panel.mentions.count() == 3
    assert "2 document(s)" in panel.mentions_label.text()


def test_clicking_a_listed_mention_jumps_the_reader(qtbot, window):
    window.state.select("entity", "prk")
    panel = window.panels["entities"]
    item = panel.mentions.item(0)
    with qtbot.waitSignal(window.state.passage_requested) as blocker:
        panel.mentions.itemClicked.emit(item)
    doc, start, end = blocker.args
    assert doc == "doc-2" and window.state.current_document == "doc-2"
    assert window.state.document_text(doc)[start:end] in ("North Korea", "Pyongyang")


def test_undo_redo_of_an_alias_added_in_the_card(qtbot, window, monkeypatch):
    window.state.select("entity", "jpn")
    from briefing_app.ui.entities import panel as entity_panel

    monkeypatch.setattr(entity_panel.QInputDialog, "getText", staticmethod(lambda *a, **k: ("Nippon", True)))
    window.panels["entities"].add_alias_button.click()
    assert window.isWindowModified()
    assert "Nippon" in window.panels["entities"].card.toPlainText()
    window.undo_action.trigger()
    assert "Nippon" not in window.panels["entities"].card.toPlainText()
    assert not window.isWindowModified()
    window.redo_action.trigger()
    assert "Nippon" in window.panels["entities"].card.toPlainText()


def test_bad_workspace_keeps_the_current_one(qtbot, window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(mw.ProblemsDialog, "exec", lambda self: shown.append(self.text.toPlainText()) or 0)
    bad = tmp_path / "bad.briefing.yaml"
    bad.write_text("entities:\n- {id: x, name: X, type: planet}\n", encoding="utf-8")
    before = window.state.workspace
    assert not window.open_path(bad)
    assert window.state.workspace is before
    assert shown and "unknown type 'planet'" in shown[0] and f"{bad}:2:" in shown[0]


def test_unsaved_changes_prompt_can_cancel_close(qtbot, window, monkeypatch):
    from briefing_app.model import edits

    window.state.edit("alias", edits.add_alias, "jpn", "Nippon")
    monkeypatch.setattr(mw.QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Cancel))
    assert not window.close()
    assert window.isVisible()
    monkeypatch.setattr(mw.QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard))
    assert window.close()


def test_save_writes_canonical_file(qtbot, window, tiny_workspace_path):
    from briefing_app.model import edits
    from briefing_app.model.io import load_workspace

    window.state.edit("alias", edits.add_alias, "jpn", "Nippon")
    assert window.save()
    assert not window.isWindowModified()
    assert any(a.text == "Nippon" for a in load_workspace(tiny_workspace_path).entity_by_id["jpn"].aliases)
    assert (tiny_workspace_path.parent / (tiny_workspace_path.name + ".bak")).is_file()


def test_layout_is_restored_on_next_start(qtbot, tiny_workspace_path):
    first = MainWindow(restore_layout=False)
    qtbot.addWidget(first)
    first.resize(700, 520)  # inside the offscreen screen (800x600): restoreGeometry clamps to it
    first.show()
    qtbot.waitExposed(first)
    first.docks["timeline"].hide()
    size = (first.width(), first.height())  # docks' minimum sizes may have grown it
    first.save_layout()
    first.close()
    second = MainWindow(restore_layout=True)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.docks["timeline"].isHidden()
    assert (second.width(), second.height()) == size
    second.close()


def test_recent_files_remembered(window, tiny_workspace_path):
    assert window.recent_files()[0] == str(tiny_workspace_path.resolve())


def test_find_opens_the_reader_find_bar(qtbot, window):
    window.find_action.trigger()
    assert window.reader.find_bar.isVisible()


def test_show_changes_enters_compare_mode_and_raises_the_list(window):
    assert window.show_changes("2019-06", "2023-06")
    assert window.state.compare_period is not None
    assert not window.show_changes("2023", "2019")
    assert "Not compared" in window.docks["changes"].widget().summary.text()
