"""A person records the relations of a topic the project has never seen, in the window only.

Three short sources on Mekong water sharing; no actors yet. Names are
tagged from the reader's pop-up, a relation is drawn on the graph, its
change of state is taken from a second source, an event from a third; the
workspace is saved, validates, and the exported briefing cites them.
"""

import subprocess
import textwrap

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from briefing_app.model.io import read_workspace

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")

DOCS = {
    "doc-mrc": ("Mekong states renew water pact", "2021-05-10",
                "Laos and Cambodia signed a water-sharing accord in Vientiane on 3 May 2021.\n"),
    "doc-dam": ("Dam row strains accord", "2023-02-14",
                "Cambodia accused Laos of breaching the accord after the Don Sahong dam cut dry-season flows.\n"),
    "doc-talks": ("Talks in Phnom Penh", "2024-06-02",
                  "Laos and Cambodia held emergency talks in Phnom Penh on 28 May 2024 to save the accord.\n"),
}


@pytest.fixture
def workspace_path(tmp_path):
    (tmp_path / "documents").mkdir()
    entries = []
    for doc_id, (title, published, text) in DOCS.items():
        (tmp_path / "documents" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        entries.append(f"- {{id: {doc_id}, title: {title}, publisher: River Wire, published: {published}, "
                       f"path: documents/{doc_id}.txt, reliability: B2}}")
    path = tmp_path / "mekong.briefing.yaml"
    path.write_text(textwrap.dedent("""\
        schema: 1
        briefing: {title: Mekong water sharing, as_of: 2024-06-30}
        documents:
        """) + "\n".join(entries) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def window(shown_window, workspace_path):
    with shown_window(workspace_path, (1500, 950)) as w:
        yield w


def _show(window, doc_id: str) -> None:
    panel = window.panels["documents"]
    proxy = panel.proxy
    row = next(i for i in range(proxy.rowCount()) if proxy.index(i, 0).data().startswith(DOCS[doc_id][0]))
    panel.table.setCurrentIndex(proxy.index(row, 0))  # as a click on the row does
    assert window.state.current_document == doc_id


def _select(qtbot, window, words: str, occurrence: int = 0) -> None:
    view = window.reader.view
    text = view.toPlainText()
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)

    def point(offset: int) -> QPoint:
        c = view.textCursor()
        c.setPosition(offset)
        r = view.cursorRect(c)
        return QPoint(r.x() + 1, r.center().y())

    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=point(start))
    qtbot.mouseMove(view.viewport(), point(start + len(words)))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=point(start + len(words)))
    assert window.authoring.popup.isVisible()


def _tag(qtbot, window, name: str, type_: str) -> None:
    _select(qtbot, window, name)
    qtbot.mouseClick(window.authoring.popup.buttons["entity"], Qt.MouseButton.LeftButton)
    dialog = window.authoring.passage.last_dialog
    dialog.setTextValue(type_)
    dialog.accept()


def _evidence(window, entry: str) -> None:
    {a.text(): a for a in window.authoring.popup.evidence_menu.actions()}[entry].trigger()


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error.text()


def test_mekong_relations_from_three_sources_to_the_pdf(qtbot, window, workspace_path, tmp_path):
    state = window.state
    _show(window, "doc-mrc")
    _tag(qtbot, window, "Laos", "country")
    _tag(qtbot, window, "Cambodia", "country")
    _tag(qtbot, window, "water-sharing accord", "agreement")

    # The accord, from the first source: a new relation with the passage as evidence.
    _select(qtbot, window, "Laos and Cambodia signed a water-sharing accord in Vientiane on 3 May 2021")
    _evidence(window, "New relation…")
    editor = window.authoring.passage.last_dialog
    assert editor.members.selected_names() == ["Laos", "Cambodia", "water-sharing accord"]
    editor.members.chosen.setCurrentRow(2)
    qtbot.mouseClick(editor.members.remove_button, Qt.MouseButton.LeftButton)
    editor.kind.setCurrentText("security-cooperation")
    qtbot.keyClicks(editor.label, "Mekong water-sharing accord")
    editor.embodied_by.setEditText("water-sharing accord")
    assert editor.table.item(0, 1).text() == "2021-05-03"  # the date in the passage
    _save(qtbot, editor)
    (rel_id,) = state.workspace.relation_by_id

    # The second source: the accord is strained since the dam row.
    _show(window, "doc-dam")
    _select(qtbot, window, "Cambodia accused Laos of breaching the accord")
    _evidence(window, "New state of a relation…")
    chooser = window.authoring.passage.last_dialog
    qtbot.keyClicks(chooser.filter, "mekong")
    qtbot.keyClick(chooser.filter, Qt.Key.Key_Return)
    editor = window.authoring.passage.last_dialog
    row = editor.table.rowCount() - 1
    editor.table.cellWidget(row, 0).setCurrentText("strained")
    editor.table.item(row, 1).setText("2023-02")
    editor.table.setCurrentCell(0, 1)
    editor.table.item(0, 2).setText("2023-02")
    _save(qtbot, editor)

    # The third source: an event.
    _show(window, "doc-talks")
    _select(qtbot, window, "Laos and Cambodia held emergency talks in Phnom Penh on 28 May 2024")
    _evidence(window, "New event…")
    editor = window.authoring.passage.last_dialog
    assert editor.date.text() == "2024-05-28"
    editor.title.setText("Emergency talks in Phnom Penh")
    editor.kind.setCurrentText("talks")
    _save(qtbot, editor)

    assert window.save()
    result = read_workspace(workspace_path)
    assert [p for p in result.problems if p.severity == "error"] == []
    ws = result.workspace
    rel = ws.relation_by_id[rel_id]
    assert [(s.state, s.start.iso()) for s in rel.states] == [("active", "2021-05-03"), ("strained", "2023-02")]
    assert all(len(s.evidence) == 1 for s in rel.states) and rel.entity == "water-sharing-accord"
    (event,) = ws.events
    assert event.participants == ("laos", "cambodia") and len(event.evidence) == 1
    assert {ws.annotation_by_id[a].document for s in rel.states for a in s.evidence} == {"doc-mrc", "doc-dam"}

    from briefing_app.export import ExportOptions
    from briefing_app.ui.export_dialog import run_export

    pdf = tmp_path / "mekong.pdf"
    assert run_export(state, pdf, ExportOptions()) is not None
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "Mekong water-sharing accord" in text
    assert "Emergency talks in Phnom Penh" in text
    assert "strained" in text
    for title, _published, passage in DOCS.values():  # every source is cited, with its passage
        assert title in text
    assert "“Cambodia accused Laos of breaching the accord”" in text
