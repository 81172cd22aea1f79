"""Annotation dialog and panel: create, edit, undo/redo, YAML round trip, filters, orphans."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from briefing_app.model.io import load_workspace, save_workspace
from briefing_app.state import AppState
from briefing_app.ui.annotations.annotate_dialog import AnnotateDialog, evidence_key, proposed_participants
from briefing_app.ui.annotations.panel import AnnotationsPanel, ReattachDialog


@pytest.fixture
def state(tiny_workspace_path: Path, qtbot):
    st = AppState(load_workspace(tiny_workspace_path), tiny_workspace_path)
    return st


def _span(state: AppState, doc_id: str, words: str) -> tuple[int, int]:
    text = state.document_text(doc_id)
    i = text.index(words)
    return i, i + len(words)


def test_dialog_creates_annotation_with_link_and_undo_redo(state, qtbot):
    s, e = _span(state, "doc-1", "Tokyo's envoy met President Yoon Suk Yeol")
    dlg = AnnotateDialog(state, "doc-1", s, e)
    qtbot.addWidget(dlg)
    dlg.tag.setCurrentText("key-judgment")
    dlg.note.setPlainText("Direct contact at the top")
    dlg.confidence.setCurrentIndex(dlg.confidence.findData("very-likely"))
    dlg.evidence.setCurrentIndex(dlg.evidence.findData(evidence_key("relation", "jpn-kor-gsomia", 2)))
    dlg.accept()
    aid = dlg.created_id
    ann = state.workspace.annotation_by_id[aid]
    assert (ann.tag, ann.note, ann.confidence) == ("key-judgment", "Direct contact at the top", "very-likely")
    assert ann.selector.exact == "Tokyo's envoy met President Yoon Suk Yeol"
    assert set(ann.entities) == {"jpn", "yoon"}  # proposed from the mentions in the passage
    assert aid in state.workspace.relation_by_id["jpn-kor-gsomia"].states[2].evidence
    assert state.selection == ("annotation", aid)
    state.undo_stack.undo()
    assert aid not in state.workspace.annotation_by_id
    assert aid not in state.workspace.relation_by_id["jpn-kor-gsomia"].states[2].evidence
    state.undo_stack.redo()
    assert aid in state.workspace.annotation_by_id


def test_new_event_from_passage_proposes_participants(state, qtbot):
    s, e = _span(state, "doc-2", "North Korea fired missiles over Japan")
    assert proposed_participants(state, "doc-2", s, e) == ["prk", "jpn"]
    dlg = AnnotateDialog(state, "doc-2", s, e)
    qtbot.addWidget(dlg)
    dlg.new_event.setChecked(True)
    dlg.event_title.setText("Missiles over Japan")
    dlg.event_date.setText("2022-10")
    dlg.accept()
    ev = next(ev for ev in state.workspace.events if ev.title == "Missiles over Japan")
    assert ev.participants == ("prk", "jpn") and str(ev.date) == "2022-10"
    assert ev.evidence == (dlg.created_id,)
    state.undo_stack.undo()  # annotation and event go in one step
    assert all(ev.title != "Missiles over Japan" for ev in state.workspace.events)


def test_bad_input_keeps_dialog_open_without_edit(state, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    s, e = _span(state, "doc-1", "restore GSOMIA")
    dlg = AnnotateDialog(state, "doc-1", s, e)
    qtbot.addWidget(dlg)
    dlg.new_event.setChecked(True)
    dlg.event_date.setText("sometime")
    before = state.workspace
    dlg.accept()
    assert state.workspace is before and shown and dlg.created_id is None
    dlg.new_event.setChecked(False)
    dlg.color.setText("not-a-colour")
    dlg.accept()
    assert state.workspace is before and "not a colour" in shown[-1]


def test_created_annotation_survives_yaml_round_trip(state, qtbot, tmp_path):
    s, e = _span(state, "doc-1", "agreed in Seoul")
    dlg = AnnotateDialog(state, "doc-1", s, e)
    qtbot.addWidget(dlg)
    dlg.tag.setCurrentText("question")
    dlg.note.setPlainText("Who proposed it?\nSecond line")
    dlg.color.setText("#ff0000")
    dlg.accept()
    out = tmp_path / "round.briefing.yaml"
    save_workspace(state.workspace, out)
    (tmp_path / "documents").mkdir(exist_ok=True)
    back = load_workspace(out)
    a = back.annotation_by_id[dlg.created_id]
    assert a == state.workspace.annotation_by_id[dlg.created_id]
    assert a.color == "#ff0000" and a.note == "Who proposed it?\nSecond line"


def test_panel_lists_filters_and_searches(state, qtbot):
    panel = AnnotationsPanel(state)
    qtbot.addWidget(panel)
    assert sorted(panel.visible_ids()) == ["ann-1", "ann-2"]
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("key-judgment"))
    assert panel.visible_ids() == ["ann-2"]
    panel.tag_filter.setCurrentIndex(0)
    panel.doc_filter.setCurrentIndex(panel.doc_filter.findData("doc-1"))
    assert panel.visible_ids() == ["ann-1"]
    panel.doc_filter.setCurrentIndex(0)
    panel.entity_filter.setCurrentIndex(panel.entity_filter.findData("prk"))  # mentioned in ann-2's passage
    assert panel.visible_ids() == ["ann-2"]
    panel.entity_filter.setCurrentIndex(0)
    panel.search.setText("gsomia")
    assert panel.visible_ids() == ["ann-1"]
    panel.search.setText("")
    assert panel.tree.topLevelItem(0).text(4) in ("exact", "moved")


def test_panel_follows_undo_and_delete(state, qtbot, monkeypatch):
    from briefing_app.ui.editors import delete

    asked = []
    monkeypatch.setattr(delete, "_confirm", lambda _p, _t, what, refs: asked.append((what, refs)) or True)
    panel = AnnotationsPanel(state)
    qtbot.addWidget(panel)
    state.select("annotation", "ann-2")
    assert panel.selected_id() == "ann-2"
    panel.delete_selected()
    texts = [r.text for r in asked[0][1]]
    assert "event “Missile launches over Japan”: evidence" in texts
    assert any(t.startswith("relation “North Korea – Japan”, state active") for t in texts)
    assert panel.visible_ids() == ["ann-1"]
    assert "ann-2" not in state.workspace.event_by_id["ev-launch"].evidence
    state.undo_stack.undo()
    assert sorted(panel.visible_ids()) == ["ann-1", "ann-2"]
    assert "ann-2" in state.workspace.event_by_id["ev-launch"].evidence


def test_double_click_shows_passage(state, qtbot):
    panel = AnnotationsPanel(state)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(state.passage_requested) as sig:
        panel.show_annotation("ann-1")
    assert sig.args == ["doc-1", 22, 55]


def test_orphan_stays_listed_and_can_be_reattached(state, qtbot, tiny_workspace_path):
    doc = tiny_workspace_path.parent / "documents" / "doc1.txt"
    doc.write_text("Completely rewritten text. The envoys met in Busan to revive intelligence sharing.\n", encoding="utf-8")
    state.replace_workspace(load_workspace(tiny_workspace_path), tiny_workspace_path)
    panel = AnnotationsPanel(state)
    qtbot.addWidget(panel)
    assert panel.anchors()["ann-1"].status == "orphaned"
    panel.status_filter.setCurrentText("orphaned / ambiguous")
    assert panel.visible_ids() == ["ann-1"]
    row = next(panel.tree.topLevelItem(i) for i in range(2) if panel.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "ann-1")
    assert row.text(1) == "agreed in Seoul to restore GSOMIA" and row.text(4) == "orphaned"
    dlg = ReattachDialog(state, "ann-1", panel.anchors()["ann-1"])
    qtbot.addWidget(dlg)
    text = state.document_text("doc-1")
    i = text.index("revive intelligence sharing")
    dlg.select_span(i, i + len("revive intelligence sharing"))
    dlg.accept()
    assert state.workspace.annotation_by_id["ann-1"].selector.exact == "revive intelligence sharing"
    assert panel.anchors()["ann-1"].status == "exact"
    state.undo_stack.undo()
    assert panel.anchors()["ann-1"].status == "orphaned"
