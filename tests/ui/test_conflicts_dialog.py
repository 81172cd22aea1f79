"""The window offers both values of a merge conflict; a choice is one undoable edit."""

from __future__ import annotations

from dataclasses import replace

from briefing_app.model.io import default_workspace_path, load_workspace
from briefing_app.model.merge import merge_workspaces
from briefing_app.state import AppState
from briefing_app.ui.conflicts_dialog import ConflictsDialog


def _conflicted():
    base = load_workspace(default_workspace_path())

    def labelled(text):
        return base.with_(relations=tuple(replace(r, label=text) if r.id == "jpn-kor-gsomia" else r
                                          for r in base.relations))

    result = merge_workspaces(base, labelled("GSOMIA (Alice)"), labelled("GSOMIA (Bob)"))
    return result.workspace.with_(root=base.root)


def test_both_values_offered_and_choice_is_undoable(qtbot):
    state = AppState(_conflicted(), default_workspace_path())
    dlg = ConflictsDialog(state)
    qtbot.addWidget(dlg)
    assert len(dlg.buttons) == 1
    ours, theirs = dlg.buttons[0]
    assert ours.text() == "Keep ours: GSOMIA (Alice)" and theirs.text() == "Take theirs: GSOMIA (Bob)"
    theirs.click()
    assert state.workspace.relation_by_id["jpn-kor-gsomia"].label == "GSOMIA (Bob)"
    assert dlg.buttons == [] and "No merge conflict is left" in dlg.summary.text()
    state.undo_stack.undo()
    assert state.workspace.relation_by_id["jpn-kor-gsomia"].label == "GSOMIA (Alice)"
    assert len(dlg.buttons) == 1


def test_opening_a_conflicted_file_offers_the_choices(qtbot, tmp_path):
    import shutil

    from briefing_app.model.io import save_workspace
    from briefing_app.ui.main_window import MainWindow

    shutil.copytree(default_workspace_path().parent / "documents", tmp_path / "documents")
    path = tmp_path / "x.briefing.yaml"
    save_workspace(_conflicted(), path, backup=False)
    window = MainWindow(restore_layout=False)
    qtbot.addWidget(window)
    assert window.open_path(path)
    dialogs = [w for w in window.findChildren(ConflictsDialog) if w.isVisible()]
    assert len(dialogs) == 1 and len(dialogs[0].buttons) == 1
    window.state.undo_stack.setClean()
