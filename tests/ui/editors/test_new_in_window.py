"""File ▸ New in the window: asks about unsaved changes, refuses a non-empty folder, opens the empty briefing."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from briefing_app.ui import main_window as mw
from briefing_app.ui.editors.entity_dialog import EntityDialog
from briefing_app.ui.editors.new_workspace_dialog import NewWorkspaceDialog


def _when_up(kind, act):
    def poll():
        box = QApplication.activeModalWidget()
        if isinstance(box, kind):
            act(box)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_new_asks_then_refuses_non_empty_folder_then_opens(qtbot, tmp_path, tiny_workspace_path, monkeypatch):
    w = mw.MainWindow(restore_layout=False)
    qtbot.addWidget(w)
    assert w.open_path(tiny_workspace_path)
    w.state.edit("rename", lambda ws: ws.with_(briefing=ws.briefing.__class__(title="changed")))
    asked = []
    monkeypatch.setattr(mw.QMessageBox, "question",
                        staticmethod(lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Discard))
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("x", encoding="utf-8")
    errors = []

    def fill(d: NewWorkspaceDialog):
        d.title_edit.setText("Arctic shipping")
        d.folder_edit.setText(str(busy))
        d.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        errors.append(d.error_label.text())
        d.folder_edit.setText(str(tmp_path / "arctic"))
        d.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    _when_up(NewWorkspaceDialog, fill)
    w.new_action.trigger()
    assert asked and "Save the changes" in asked[0]
    assert "not empty" in errors[0] and sorted(p.name for p in busy.iterdir()) == ["keep.txt"]
    assert w.state.path == tmp_path / "arctic" / "arctic-shipping.briefing.yaml"
    assert w.state.workspace.entities == () and not w.state.is_modified
    assert not w.panels["documents"].empty_hint.isHidden() and not w.panels["entities"].empty_hint.isHidden()
    assert "arctic-shipping.briefing.yaml" in w.windowTitle()


def test_add_entity_from_selection_opens_the_editor_prefilled(qtbot, tiny_workspace_path):
    w = mw.MainWindow(restore_layout=False)
    qtbot.addWidget(w)
    assert w.open_path(tiny_workspace_path)
    text = w.state.document_text("doc-1")
    start = text.index("GSOMIA")
    cursor = w.reader.view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("GSOMIA"), cursor.MoveMode.KeepAnchor)
    w.reader.view.setTextCursor(cursor)
    seen = []

    def fill(d: EntityDialog):
        seen.append(d.name_edit.text())
        d.name_edit.setText("General Security of Military Information Agreement")
        d.type_combo.setCurrentText("agreement")
        d.add_alias_row("GSOMIA pact")
        d.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    _when_up(EntityDialog, fill)
    w.add_entity_action.trigger()
    assert seen == ["GSOMIA"]
    kind, eid = w.state.selection
    e = w.state.workspace.entity_by_id[eid]
    assert kind == "entity" and e.type == "agreement" and e.aliases[0].text == "GSOMIA pact"
    w.state.undo_stack.setClean()
