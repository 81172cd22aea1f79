"""Property dialogs as a user meets them: type, press OK, see it applied as one undoable edit."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton

from briefing_app.model.dates import PartialDate
from briefing_app.model.io import read_workspace
from briefing_app.state import AppState
from briefing_app.ui.editors.briefing_dialog import BriefingDialog
from briefing_app.ui.editors.delete import delete_entity_asking
from briefing_app.ui.editors.document_dialog import DocumentDialog
from briefing_app.ui.editors.entity_dialog import EntityDialog


@pytest.fixture
def state(tiny_workspace_path):
    s = AppState()
    s.open(tiny_workspace_path)
    return s


def _ok(dialog):
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_briefing_dialog_applies_one_undoable_edit(state, qtbot):
    d = BriefingDialog(state)
    qtbot.addWidget(d)
    d.title_edit.setText("Sahel watch")
    d.as_of_edit.setText("30 April")
    _ok(d)
    assert "YYYY" in d.error_label.text() and d.result() == 0
    assert state.workspace.briefing.title == "Tiny test briefing"  # nothing applied
    d.as_of_edit.setText("2024-02")
    d.bluf_edit.setPlainText("The juntas align.")
    _ok(d)
    b = state.workspace.briefing
    assert (b.title, b.as_of, b.bluf) == ("Sahel watch", PartialDate(2024, 2), "The juntas align.")
    assert state.undo_stack.count() == 1
    state.undo_stack.undo()
    assert state.workspace.briefing.title == "Tiny test briefing"


def test_entity_dialog_creates_with_aliases_country_affiliation(state, qtbot):
    d = EntityDialog(state, None)
    qtbot.addWidget(d)
    d.name_edit.setText("Han Duck-soo")
    d.type_combo.setCurrentText("person")
    d.add_alias_row("Han")
    d.add_alias_row("HDS", "exact")
    d.country_edit.setText("KOR — South Korea")
    assert d.country_name.text() == "South Korea"
    d.lat_edit.setText("37,57")
    d.lon_edit.setText("126.98")
    def pick(box):
        qtbot.keyClicks(box.chooser.filter_edit, "south k")
        qtbot.keyClick(box.chooser.filter_edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, lambda: pick(QApplication.activeModalWidget()))
    next(b for b in d.findChildren(QPushButton) if b.text() == "Choose…").click()
    assert d.affiliation_edit.text() == "South Korea"
    _ok(d)
    e = state.workspace.entity_by_id[d.created_id]
    assert (e.name, e.type, e.country, e.lat, e.lon, e.affiliation) == ("Han Duck-soo", "person", "KOR", 37.57,
                                                                        126.98, "kor")
    assert [(a.text, a.case) for a in e.aliases] == [("Han", "auto"), ("HDS", "exact")]
    assert state.undo_stack.undoText() == "Add entity Han Duck-soo"


def test_entity_dialog_refuses_bad_values_and_keeps_them(state, qtbot):
    d = EntityDialog(state, "yoon")
    qtbot.addWidget(d)
    d.lat_edit.setText("north")
    _ok(d)
    assert "Latitude" in d.error_label.text() and d.lat_edit.text() == "north"
    d.lat_edit.setText("37.5")
    _ok(d)
    assert "both latitude and longitude" in d.error_label.text()
    assert state.undo_stack.count() == 0
    d.lat_edit.setText("37.57, 126.98")  # pasted from a map
    _ok(d)
    e = state.workspace.entity_by_id["yoon"]
    assert (e.lat, e.lon) == (37.57, 126.98) and state.undo_stack.count() == 1


def test_document_dialog_shows_grade_in_words(state, qtbot):
    d = DocumentDialog(state, "doc-1")
    qtbot.addWidget(d)
    assert d.reliability() == "B2"
    assert d.grade_words.text() == "B2 — usually reliable source, information probably true"
    labels = [d.source_combo.itemText(i) for i in range(d.source_combo.count())]
    assert "A — Completely reliable" in labels and "F — Reliability cannot be judged" in labels
    d.set_reliability("A1")
    assert "confirmed by other sources" in d.grade_words.text()
    d.publisher_edit.setText("Desk wire")
    d.published_edit.setText("2023-04-02")
    d.estimated_box.setChecked(True)
    _ok(d)
    doc = state.workspace.document_by_id["doc-1"]
    assert (doc.reliability, doc.publisher, doc.published) == ("A1", "Desk wire", PartialDate(2023, 4, 2))
    assert doc.published_estimated
    again = DocumentDialog(state, "doc-1")
    qtbot.addWidget(again)
    assert again.estimated_box.isChecked()
    again.estimated_box.setChecked(False)  # checked by the analyst: no longer an estimate
    _ok(again)
    assert not state.workspace.document_by_id["doc-1"].published_estimated


def test_delete_entity_tells_what_refers_to_it(state, qtbot, tiny_workspace_path):
    seen = {}

    def answer(button_text):
        box = QApplication.activeModalWidget()
        seen["text"] = box.text()
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, lambda: answer("Cancel"))
    assert not delete_entity_asking(state, "jpn")
    assert "Fumio Kishida" in seen["text"] and "GSOMIA restored" in seen["text"]
    assert "jpn" not in seen["text"]
    assert "jpn" in state.workspace.entity_by_id
    QTimer.singleShot(0, lambda: answer("Delete and remove references"))
    assert delete_entity_asking(state, "jpn")
    ws = state.workspace
    assert "jpn" not in ws.entity_by_id and ws.entity_by_id["kishida"].affiliation is None
    assert all("jpn" not in ev.participants for ev in ws.events)
    state.save()
    assert read_workspace(tiny_workspace_path).errors == []


def test_delete_document_lists_its_annotations_and_citations(state, tiny_workspace_path):
    seen = {}

    def answer():
        box = QApplication.activeModalWidget()
        seen["text"], seen["details"] = box.text(), box.detailedText()
        next(b for b in box.buttons() if b.text() == "Delete and remove references").click()

    from briefing_app.ui.editors.delete import delete_document_asking

    doc = state.workspace.annotation_by_id["ann-1"].document
    doc_file = state.workspace.document_path(state.workspace.document_by_id[doc])
    QTimer.singleShot(0, answer)
    assert delete_document_asking(state, doc)
    assert "annotation “" in seen["text"] and "state restored from" in seen["text"]
    assert seen["details"].startswith("• annotation “")
    ws = state.workspace
    assert doc not in ws.document_by_id and "ann-1" not in ws.annotation_by_id
    assert all("ann-1" not in s.evidence for r in ws.relations for s in r.states)
    assert doc_file.is_file()  # removed from the workspace, not from the disk
    state.undo_stack.undo()
    assert doc in state.workspace.document_by_id and "ann-1" in state.workspace.annotation_by_id
