"""A briefing from nothing, through the window only: File ▸ New, Edit ▸ Briefing properties,
File ▸ Import, Edit ▸ New entity, document properties, annotate, Edit ▸ New relation and
New event, save, File ▸ Export; then the
PDF's text says what was typed.

Every step goes through a menu action or a widget the user sees; modal dialogs are
answered by a handler that acts on whichever dialog is up, as a person would.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton, QWidget

from briefing_app.model.io import read_workspace
from briefing_app.ui import main_window as mw
from briefing_app.ui.editors.briefing_dialog import BriefingDialog
from briefing_app.ui.editors.document_dialog import DocumentDialog
from briefing_app.ui.editors.entity_dialog import EntityDialog
from briefing_app.ui.editors.event_editor import EventEditor
from briefing_app.ui.editors.new_workspace_dialog import NewWorkspaceDialog
from briefing_app.ui.editors.relation_editor import RelationEditor
from briefing_app.ui.export_dialog import ExportDialog
from briefing_app.ui.sources import import_dialog
from briefing_app.ui.sources.import_dialog import ImportDialog

# Offscreen Qt cannot raise windows or grab the keyboard for a completer's pop-up; it says so.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")

SOURCES = {
    "niamey-communique.txt": (
        "Niamey communiqué\n\nMali, Burkina Faso and Niger signed the Liptako-Gourma Charter on 16 September 2023, "
        "creating the Alliance of Sahel States for mutual defence.\n"),
    "ecowas-statement.txt": (
        "ECOWAS statement\n\nOn 28 January 2024 the three juntas announced their withdrawal from ECOWAS, "
        "which called for negotiated solutions.\n"),
    "bamako-summit.txt": (
        "Bamako summit report\n\nAt Niamey on 6 July 2024 the leaders turned the alliance into a confederation "
        "and promised a joint force.\n"),
}


def _save(qtbot, dlg) -> None:
    button = dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answer_dialogs(handlers: list[tuple[type, Callable[[QWidget], None]]], polls: int = 1500) -> None:
    """Answer the next modal dialogs in order: each handler gets the dialog of its type once it is up
    (gives up after ``polls`` tries, 20 ms apart, so nothing keeps running after the test)."""
    pending = list(handlers)
    left = [polls]

    def poll() -> None:
        left[0] -= 1
        if not pending or left[0] < 0:
            return
        box = QApplication.activeModalWidget()
        kind, act = pending[0]
        if isinstance(box, kind) and box.isVisible():
            pending.pop(0)
            act(box)
        QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


@pytest.fixture
def window(qtbot):
    w = mw.MainWindow(restore_layout=False)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.state.undo_stack.setClean()
    w.close()
    w.deleteLater()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
def test_briefing_from_nothing_in_the_window(qtbot, window, tmp_path, monkeypatch):
    folder = tmp_path / "sahel"
    for name, text in SOURCES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    # File ▸ New: title and folder.
    def fill_new(d: NewWorkspaceDialog) -> None:
        d.title_edit.setText("Sahel alliance watch")
        d.folder_edit.setText(str(folder))
        ok(d)

    answer_dialogs([(NewWorkspaceDialog, fill_new)])
    window.new_action.trigger()
    path = folder / "sahel-alliance-watch.briefing.yaml"
    assert window.state.path == path and (folder / "documents").is_dir()
    assert window.state.workspace.briefing.title == "Sahel alliance watch"

    # Edit ▸ Briefing properties.
    def fill_briefing(d: BriefingDialog) -> None:
        d.subtitle_edit.setText("Mali, Burkina Faso and Niger close ranks")
        d.author_edit.setText("West Africa desk")
        d.classification_edit.setText("UNCLASSIFIED // TRAINING")
        d.as_of_edit.setText("2024-07-31")
        d.bluf_edit.setPlainText("The three Sahel juntas have bound themselves into a confederation outside ECOWAS.")
        ok(d)

    answer_dialogs([(BriefingDialog, fill_briefing)])
    window.briefing_properties_action.trigger()

    # File ▸ Import documents: three text files, graded B2.
    files = [str(tmp_path / name) for name in SOURCES]
    monkeypatch.setattr(import_dialog.QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: (files, "")))

    def run_import(d: ImportDialog) -> None:
        d.grade.setCurrentIndex(d.grade.findData("B2"))
        d.import_button.click()
        d.cancel_button.click()  # now "Close"

    answer_dialogs([(ImportDialog, run_import)])
    window.import_dialog_action.trigger()
    assert len(window.state.workspace.documents) == 3

    # Edit ▸ New entity: the alliance's three members.
    for name, iso, aliases in (("Mali", "MLI", ["Bamako"]), ("Niger", "NER", ["Niamey"]),
                               ("Burkina Faso", "BFA", ["Ouagadougou"])):
        def fill_entity(d: EntityDialog, name=name, iso=iso, aliases=aliases) -> None:
            d.name_edit.setText(name)
            d.type_combo.setCurrentText("country")
            for a in aliases:
                d.add_alias_row(a)
            d.country_edit.setText(iso)
            ok(d)

        answer_dialogs([(EntityDialog, fill_entity)])
        window.new_entity_action.trigger()
    names = sorted(e.name for e in window.state.workspace.entities)
    assert names == ["Burkina Faso", "Mali", "Niger"]

    # Document properties from the document list: double-click the communiqué.
    doc_table = window.panels["documents"].table
    model = doc_table.model()
    index = next(model.index(r, 0) for r in range(model.rowCount()) if "Niamey" in model.index(r, 0).data())

    def fill_document(d: DocumentDialog) -> None:
        d.publisher_edit.setText("Sahel Monitor")
        d.set_reliability("A1")
        ok(d)

    doc_id = index.data(Qt.ItemDataRole.UserRole)
    answer_dialogs([(DocumentDialog, fill_document)])
    where = doc_table.visualRect(index).center()
    qtbot.mouseClick(doc_table.viewport(), Qt.MouseButton.LeftButton, pos=where)  # QTest's double-click needs a press first
    qtbot.mouseDClick(doc_table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.state.workspace.document_by_id[doc_id].reliability == "A1"

    # Select a passage in the reader and annotate it as a key judgment.
    window.state.show_document(doc_id)
    view = window.reader.view
    text = window.state.document_text(doc_id)
    passage = "creating the Alliance of Sahel States for mutual defence"
    cursor = view.textCursor()
    cursor.setPosition(text.index(passage))
    cursor.setPosition(text.index(passage) + len(passage), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)

    def annotate(d) -> None:
        d.tag.setCurrentIndex(d.tag.findData("key-judgment") if d.tag.findData("key-judgment") >= 0
                              else d.tag.findText("key-judgment"))
        d.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    from briefing_app.ui.annotations.annotate_dialog import AnnotateDialog

    answer_dialogs([(AnnotateDialog, annotate)])
    window.annotate_action.trigger()
    assert [a.tag for a in window.state.workspace.annotations] == ["key-judgment"]

    # Edit ▸ New relation…: Mali and Niger, an alliance in force since the charter, the
    # key judgment's passage as its evidence; then Edit ▸ New event… for the withdrawal.
    window.authoring.new_relation_action.trigger()
    rel_dlg = window.authoring.menus.last_dialog
    assert isinstance(rel_dlg, RelationEditor)
    for name in ("mali", "niger"):  # typed by name, any case
        qtbot.keyClicks(rel_dlg.members.field, name)
        qtbot.keyClick(rel_dlg.members.field, Qt.Key.Key_Return)
    rel_dlg.kind.setCurrentText("alliance")
    qtbot.keyClicks(rel_dlg.label, "Alliance of Sahel States")
    rel_dlg.table.item(0, 1).setText("2023-09-16")
    rel_dlg.evidence.list.item(0).setCheckState(Qt.CheckState.Checked)
    _save(qtbot, rel_dlg)
    assert not rel_dlg.isVisible()
    window.authoring.new_event_action.trigger()
    ev_dlg = window.authoring.menus.last_dialog
    assert isinstance(ev_dlg, EventEditor)
    qtbot.keyClicks(ev_dlg.title, "Juntas announce withdrawal from ECOWAS")
    qtbot.keyClicks(ev_dlg.date, "2024-01-28")
    for name in ("Mali", "Burkina Faso", "Niger"):
        qtbot.keyClicks(ev_dlg.participants.field, name)
        qtbot.keyClick(ev_dlg.participants.field, Qt.Key.Key_Return)
    _save(qtbot, ev_dlg)
    assert not ev_dlg.isVisible()
    relations = window.state.workspace.relations
    assert [(r.kind, r.states[0].state, r.states[0].start.iso(), bool(r.states[0].evidence)) for r in relations] == [
        ("alliance", "active", "2023-09-16", True)]
    assert [e.title for e in window.state.workspace.events] == ["Juntas announce withdrawal from ECOWAS"]

    # File ▸ Save, then File ▸ Export briefing.
    window.save_action.trigger()
    assert not window.state.is_modified
    assert read_workspace(path).errors == []
    pdf = tmp_path / "sahel.pdf"

    def export(d: ExportDialog) -> None:
        d._path.setText(str(pdf))
        next(b for b in d.findChildren(QPushButton) if b.text() == "Export").click()

    answer_dialogs([(ExportDialog, export), (QMessageBox, lambda box: box.accept())])
    window.export_dialog_action.trigger()
    qtbot.waitUntil(pdf.exists, timeout=30000)

    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(out.split())
    for typed in ("Sahel alliance watch", "Mali, Burkina Faso and Niger close ranks", "West Africa desk",
                  "UNCLASSIFIED // TRAINING", "confederation outside ECOWAS", "Sahel Monitor",
                  "Alliance of Sahel States for mutual defence", "[S1] Niamey communiqué",
                  "A1 — completely reliable source, information confirmed by other sources",
                  "Burkina Faso country Ouagadougou", "3 sources · 1 key judgment · 1 relation · 3 actors",
                  "Alliance of Sahel States", "Juntas announce withdrawal from ECOWAS"):
        assert typed in flat, typed
