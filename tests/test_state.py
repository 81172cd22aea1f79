import datetime as dt

from briefing_app.model import edits
from briefing_app.state import AppState


def test_open_sets_cursor_document_and_clean_stack(qtbot, tiny_workspace_path):
    state = AppState()
    with qtbot.waitSignals([state.workspace_replaced, state.workspace_changed]):
        result = state.open(tiny_workspace_path)
    assert result.blocking == []
    assert state.time_cursor == dt.date(2023, 4, 30)
    assert state.current_document == "doc-1"
    assert not state.is_modified


def test_edit_undo_redo_swaps_snapshots(qtbot, tiny_workspace_path):
    state = AppState()
    state.open(tiny_workspace_path)
    before = state.workspace
    with qtbot.waitSignal(state.workspace_changed):
        state.edit("Add alias", edits.add_alias, "jpn", "Nippon")
    assert state.is_modified
    assert any(a.text == "Nippon" for a in state.workspace.entity_by_id["jpn"].aliases)
    state.undo_stack.undo()
    assert state.workspace is before and not state.is_modified
    state.undo_stack.redo()
    assert any(a.text == "Nippon" for a in state.workspace.entity_by_id["jpn"].aliases)


def test_selection_cleared_when_item_removed(qtbot, tiny_workspace_path):
    state = AppState()
    state.open(tiny_workspace_path)
    state.select("entity", "kishida")
    with qtbot.waitSignal(state.selection_changed) as blocker:
        state.edit("Delete", edits.remove_entity, "kishida")
    assert blocker.args == ["", ""]
    state.undo_stack.undo()
    assert "kishida" in state.workspace.entity_by_id


def test_bad_file_keeps_current_workspace(qtbot, tiny_workspace_path, tmp_path):
    state = AppState()
    state.open(tiny_workspace_path)
    ws = state.workspace
    bad = tmp_path / "bad.briefing.yaml"
    bad.write_text("entities: [{id: x}]\n", encoding="utf-8")
    original = bad.read_bytes()
    result = state.open(bad)
    assert result.blocking
    assert state.workspace is ws and state.path == tiny_workspace_path
    assert bad.read_bytes() == original


def test_mentions_cached_until_entities_change(tiny_workspace_path):
    state = AppState()
    state.open(tiny_workspace_path)
    first = state.mentions("doc-1")
    assert state.mentions("doc-1") is first
    state.edit("Rename", edits.update_item, "events", "ev-restore", title="x")  # not an entity edit
    assert state.mentions("doc-1") is first
    state.edit("Alias", edits.add_alias, "gsomia", "intelligence sharing")
    assert state.mentions("doc-1") is not first


def test_time_cursor_and_passage_signals(qtbot, tiny_workspace_path):
    state = AppState()
    state.open(tiny_workspace_path)
    with qtbot.waitSignal(state.time_cursor_changed) as blocker:
        state.set_time_cursor(dt.date(2019, 12, 1))
    assert blocker.args == ["2019-12-01"]
    with qtbot.waitSignal(state.passage_requested) as blocker:
        state.show_passage("doc-2", 0, 11)
    assert blocker.args == ["doc-2", 0, 11] and state.current_document == "doc-2"


def test_save_as_elsewhere_brings_documents(tiny_workspace_path, tmp_path):
    state = AppState()
    state.open(tiny_workspace_path)
    target = tmp_path / "copy" / "moved.briefing.yaml"
    target.parent.mkdir()
    state.save(target)
    assert (target.parent / "documents" / "doc1.txt").is_file()
    again = AppState()
    assert again.open(target).problems == []
    assert "GSOMIA" in again.document_text("doc-1")


def test_anchors_cached_and_follow_document_changes(tiny_workspace_path):
    state = AppState()
    state.open(tiny_workspace_path)
    anchors = state.anchors()
    assert anchors["ann-1"].status == "exact" and (anchors["ann-1"].start, anchors["ann-1"].end) == (22, 55)
    assert state.anchors() is anchors
    doc = tiny_workspace_path.parent / "documents" / "doc1.txt"
    doc.write_text("Breaking news.\n\n" + doc.read_text(encoding="utf-8"), encoding="utf-8")
    again = AppState()
    again.open(tiny_workspace_path)
    moved = again.anchors()["ann-1"]
    assert moved.status == "moved" and (moved.start, moved.end) == (22 + 16, 55 + 16)
