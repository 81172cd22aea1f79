"""Recording relations and events in the window: editors, reader pop-up, graph drag, timeline."""

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from briefing_app.model.dates import PartialDate
from briefing_app.ui.editors.event_editor import EventEditor
from briefing_app.ui.editors.name_picker import ItemChooser
from briefing_app.ui.editors.relation_editor import RelationEditor


# Offscreen Qt cannot raise windows or grab the keyboard for a completer's pop-up; it says so.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


@pytest.fixture
def window(shown_window, tiny_workspace_path):
    with shown_window(tiny_workspace_path, (1500, 950)) as w:
        yield w


def _type_names(qtbot, picker, *names: str) -> None:
    for name in names:
        qtbot.keyClicks(picker.field, name)
        qtbot.keyClick(picker.field, Qt.Key.Key_Return)


def _set_cell(dlg: RelationEditor, row: int, col: int, text: str) -> None:
    dlg.table.item(row, col).setText(text)


def _save(qtbot, dlg) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    button = dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _timeline_point(window, x: float, y: float) -> QPoint:
    view = window.panels["timeline"].view
    scene = view.getPlotItem().getViewBox().mapViewToScene(QPointF(x, y))
    return view.mapFromScene(scene)


def test_new_relation_with_two_states_shows_on_map_and_timeline_and_undoes(qtbot, window):
    state = window.state
    window.authoring.new_relation_action.trigger()
    dlg = window.authoring.menus.last_dialog
    assert isinstance(dlg, RelationEditor) and dlg.isVisible()
    _type_names(qtbot, dlg.members, "united", "south korea")  # filter-as-you-type by name, any case
    assert dlg.members.selected_names() == ["United States", "South Korea"]
    dlg.kind.setCurrentText("alliance")
    qtbot.keyClicks(dlg.label, "US-ROK alliance")
    _set_cell(dlg, 0, 1, "1953-10")
    _set_cell(dlg, 0, 2, "2018-12")
    qtbot.mouseClick(dlg.add_button, Qt.MouseButton.LeftButton)
    dlg.table.cellWidget(1, 0).setCurrentText("strained")
    _set_cell(dlg, 1, 1, "2019-01")
    dlg.evidence.list.item(0).setCheckState(Qt.CheckState.Checked)  # evidence for the second state
    dlg.embodied_by.setEditText("gsomia")  # a name typed in any case
    _save(qtbot, dlg)
    assert not dlg.isVisible()

    rel = state.workspace.relation_by_id["usa-kor-alliance"]
    assert rel.label == "US-ROK alliance" and rel.members == ("usa", "kor") and rel.entity == "gsomia"
    assert [(s.state, s.start.iso(), s.end.iso() if s.end else None) for s in rel.states] == [
        ("active", "1953-10", "2018-12"), ("strained", "2019-01", None)]
    assert rel.states[1].evidence and not rel.states[0].evidence
    edge = window.panels["map"].scene.edges["usa-kor-alliance"]
    state.set_time_cursor(dt.date(2000, 6, 1))
    assert edge.isVisible() and edge.state == "active"
    state.set_time_cursor(dt.date(2021, 6, 1))
    assert edge.state == "strained"
    state.set_time_cursor(dt.date(1950, 1, 1))
    assert not edge.isVisible()  # not yet in force
    geom = window.panels["timeline"].geom
    assert list(geom.span_relation).count("usa-kor-alliance") == 2

    state.undo_stack.undo()
    assert "usa-kor-alliance" not in state.workspace.relation_by_id
    assert "usa-kor-alliance" not in window.panels["map"].scene.edges
    assert "usa-kor-alliance" not in window.panels["timeline"].geom.span_relation


def test_bad_state_keeps_the_editor_open_with_a_message(qtbot, window):
    window.authoring.new_relation_action.trigger()
    dlg = window.authoring.menus.last_dialog
    _type_names(qtbot, dlg.members, "Japan", "North Korea")
    _set_cell(dlg, 0, 1, "2020")
    _set_cell(dlg, 0, 2, "2019")
    before = window.state.workspace
    _save(qtbot, dlg)
    assert dlg.isVisible() and "state 1" in dlg.error.text() and "before it starts" in dlg.error.text()
    assert window.state.workspace is before
    _set_cell(dlg, 0, 2, "")
    _type_names(qtbot, dlg.members, "Atlantis")
    assert "No entity called “Atlantis”" in dlg.members.message.text()
    _save(qtbot, dlg)
    assert not dlg.isVisible()
    assert window.state.workspace.relation_by_id["jpn-prk-alliance"].states[0].end is None
    dlg.close()


def test_event_created_then_edited_from_the_timeline(qtbot, window):
    state = window.state
    window.authoring.new_event_action.trigger()
    dlg = window.authoring.menus.last_dialog
    assert isinstance(dlg, EventEditor)
    qtbot.keyClicks(dlg.title, "Camp David summit")
    qtbot.keyClicks(dlg.date, "2023-08")
    assert dlg.date_hint.text() == "Aug 2023 — known to the month"
    _type_names(qtbot, dlg.participants, "Japan", "United States", "South Korea")
    dlg.kind.setCurrentText("summit")
    _save(qtbot, dlg)
    ev = state.workspace.event_by_id["ev-camp-david-summit"]
    assert ev.date == PartialDate(2023, 8) and ev.participants == ("jpn", "usa", "kor") and ev.kind == "summit"

    # double-click its marker on the timeline to edit it
    timeline = window.panels["timeline"]
    g = timeline.geom
    k = list(g.ev_ids).index(ev.id)
    timeline.view.zoom_to(float(g.ev_x0[k]) - 20, float(g.ev_x0[k]) + 20)  # apart from the other events
    pos = _timeline_point(window, float(g.ev_x0[k]), float(g.ev_y[k]))
    hook = next(h for h in window.authoring.hooks if type(h).__name__ == "TimelineItemMenu")
    assert hook.target_at(pos) == ("event", ev.id, -1)
    qtbot.mouseDClick(timeline.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    edit = window.authoring.menus.last_dialog
    assert isinstance(edit, EventEditor) and edit.event_id == ev.id
    assert edit.participants.selected_names() == ["Japan", "United States", "South Korea"]  # names, never ids
    edit.date.setText("2023-08-18")
    edit.end.setText("2023-08-17")
    _save(qtbot, edit)
    assert "ends" in edit.error.text() and edit.isVisible()
    edit.end.clear()
    _save(qtbot, edit)
    assert state.workspace.event_by_id[ev.id].date == PartialDate(2023, 8, 18)
    assert state.undo_stack.undoText() == "Edit event Camp David summit"
    state.undo_stack.undo()
    assert state.workspace.event_by_id[ev.id].date == PartialDate(2023, 8)


def _select_in_reader(qtbot, view, start: int, end: int) -> None:
    """Drag the mouse over characters [start, end) of the reader, as a person selects text."""
    def point(offset: int) -> QPoint:
        c = view.textCursor()
        c.setPosition(offset)
        r = view.cursorRect(c)
        return QPoint(r.x() + 1, r.center().y())

    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=point(start))
    qtbot.mouseMove(vp, point(end))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=point(end))


def test_reader_popup_makes_a_relation_state_with_the_passage_as_evidence(qtbot, window):
    state = window.state
    view = window.reader.view
    text = state.document_text("doc-1")
    start = text.index("The U.S. welcomed")
    end = start + len("The U.S. welcomed the step")
    _select_in_reader(qtbot, view, start, end)
    assert view.selected_range() == (start, end)
    popup = window.authoring.popup
    assert popup.isVisible()
    actions = {a.text(): a for a in popup.evidence_menu.actions()}
    actions["New state of a relation…"].trigger()
    chooser = window.authoring.passage.last_dialog
    assert isinstance(chooser, ItemChooser)
    names = [chooser.list.item(i).text() for i in range(chooser.list.count())]
    assert names == sorted(names, key=str.casefold) and not any(n in ("jpn-kor-gsomia", "prk-threat") for n in names)
    qtbot.keyClicks(chooser.filter, "intelligence")
    qtbot.keyClick(chooser.filter, Qt.Key.Key_Return)
    editor = window.authoring.passage.last_dialog
    assert isinstance(editor, RelationEditor) and editor.relation_id == "jpn-kor-gsomia"
    row = editor.table.rowCount() - 1
    editor.table.cellWidget(row, 0).setCurrentText("strained")
    _set_cell(editor, row, 1, "2023-04")
    _save(qtbot, editor)

    ws = state.workspace
    rel = ws.relation_by_id["jpn-kor-gsomia"]
    new = [s for s in rel.states if s.state == "strained"]
    assert len(new) == 1 and new[0].start == PartialDate(2023, 4)
    (aid,) = new[0].evidence
    assert ws.annotation_by_id[aid].selector.exact == "The U.S. welcomed the step"
    assert ws.annotation_by_id[aid].document == "doc-1"
    state.undo_stack.undo()  # one step: the state and its annotation go together
    assert aid not in state.workspace.annotation_by_id
    assert all(s.state != "strained" for s in state.workspace.relation_by_id["jpn-kor-gsomia"].states)


def test_reader_popup_new_event_from_passage(qtbot, window):
    state = window.state
    view = window.reader.view
    text = state.document_text("doc-1")
    start = text.index("Japan and South Korea agreed")
    end = text.index(".", start)
    _select_in_reader(qtbot, view, start, end)
    actions = {a.text(): a for a in window.authoring.popup.evidence_menu.actions()}
    actions["New event…"].trigger()
    editor = window.authoring.passage.last_dialog
    assert isinstance(editor, EventEditor)
    assert editor.participants.selected_names()[:2] == ["Japan", "South Korea"]
    assert editor.evidence.checked()  # the passage, to be annotated on save
    qtbot.keyClicks(editor.date, "2023-03-16")
    _save(qtbot, editor)
    ev = state.workspace.event_by_id[editor.saved_id]
    assert ev.title.startswith("Japan and South Korea agreed")
    assert state.workspace.annotation_by_id[ev.evidence[0]].selector.start == start


def test_dragging_between_actors_on_the_graph_records_a_relation(qtbot, window):
    window.set_map_view("graph")
    panel = window.panels["map"]
    view = panel.view
    view.fit_all()
    a = view.mapFromScene(panel.scene.nodes["kor"].pos())
    b = view.mapFromScene(panel.scene.nodes["prk"].pos())
    shift = Qt.KeyboardModifier.ShiftModifier
    before = panel.scene.nodes["kor"].pos()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, shift, a)
    qtbot.mouseMove(view.viewport(), (a + b) / 2)
    qtbot.mouseMove(view.viewport(), b)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, shift, b)
    assert panel.scene.nodes["kor"].pos() == before  # a link drag does not move the actor
    editor = window.authoring.menus.last_dialog
    assert isinstance(editor, RelationEditor)
    assert editor.members.selected_names() == ["South Korea", "North Korea"]
    editor.kind.setCurrentText("dispute")
    _save(qtbot, editor)
    rel = window.state.workspace.relation_by_id["kor-prk-dispute"]
    assert rel.members == ("kor", "prk") and rel.states[0].state == "active"
    assert "kor-prk-dispute" in panel.scene.edges


def _context_menu(widget, pos: QPoint):
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos)))


def test_right_click_on_a_map_edge_edits_and_deletes_the_relation(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    panel = window.panels["map"]
    window.state.set_time_cursor(dt.date(2019, 6, 15))
    edge = panel.scene.edges["jpn-kor-gsomia"]
    panel.view.fitInView(edge.boundingRect().adjusted(-50, -50, 50, 50))
    x, y = edge.points[len(edge.points) // 3]
    _context_menu(panel.view.viewport(), panel.view.mapFromScene(QPointF(x, y)))
    menu = window.authoring.menus.last_menu
    actions = {a.text(): a for a in menu.actions()}
    assert "Edit relation and states…" in actions and "Delete relation…" in actions
    actions["Edit relation and states…"].trigger()
    editor = window.authoring.menus.last_dialog
    assert isinstance(editor, RelationEditor) and editor.relation_id == "jpn-kor-gsomia"
    assert editor.table.rowCount() == 3 and editor.members.selected_names() == ["Japan", "South Korea"]
    assert editor.embodied_by.currentText() == "GSOMIA"  # the agreement, by name
    editor.table.setCurrentCell(2, 1)
    window.state.set_time_cursor(dt.date(2024, 2, 1))
    qtbot.mouseClick(editor.split_button, Qt.MouseButton.LeftButton)
    editor.table.cellWidget(3, 0).setCurrentText("suspended")
    _save(qtbot, editor)
    states = window.state.workspace.relation_by_id["jpn-kor-gsomia"].states
    assert [(s.state, s.start.iso(), s.end.iso() if s.end else None) for s in states[2:]] == [
        ("restored", "2023-03", "2024-02-01"), ("suspended", "2024-02-01", None)]
    assert panel.scene.edges["jpn-kor-gsomia"].state == "suspended"

    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    _context_menu(panel.view.viewport(), panel.view.mapFromScene(QPointF(x, y)))
    {a.text(): a for a in window.authoring.menus.last_menu.actions()}["Delete relation…"].trigger()
    assert "4 state(s)" in asked[0] and "1 annotation(s) cited as its evidence stay" in asked[0]
    assert "jpn-kor-gsomia" not in window.state.workspace.relation_by_id
    window.state.undo_stack.undo()
    assert "jpn-kor-gsomia" in window.state.workspace.relation_by_id


def test_right_click_on_an_entity_offers_a_relation_with_it(qtbot, window):
    tree = window.panels["entities"].tree
    item = next(tree.topLevelItem(0).child(j) for j in range(tree.topLevelItem(0).childCount())
                if tree.topLevelItem(0).child(j).data(0, Qt.ItemDataRole.UserRole) == "usa")
    _context_menu(tree.viewport(), tree.visualItemRect(item).center())
    actions = {a.text(): a for a in window.authoring.menus.last_menu.actions()}
    actions["New relation with United States…"].trigger()
    editor = window.authoring.menus.last_dialog
    assert editor.members.selected_names() == ["United States"]


def test_reader_right_click_tags_a_new_entity_and_an_alias(qtbot, window):
    state = window.state
    view = window.reader.view
    text = state.document_text("doc-1")
    start = text.index("envoy")
    _select_in_reader(qtbot, view, start, start + len("envoy"))
    _context_menu(view.viewport(), view.cursorRect().center())
    actions = {a.text(): a for a in window.authoring.passage.last_menu.actions()}
    assert {"Annotate…", "Tag as new entity…", "Add as alias of…", "Evidence for"} <= set(actions)
    assert any(t.startswith("&Copy") for t in actions)  # Qt's own entries stay
    actions["Tag as new entity…"].trigger()
    dlg = window.authoring.passage.last_dialog
    dlg.setTextValue("person")
    dlg.accept()
    assert state.workspace.entity_by_id["envoy"].type == "person"
    assert state.selection == ("entity", "envoy")

    start = text.index("Prime Minister")
    _select_in_reader(qtbot, view, start, start + len("Prime Minister"))
    qtbot.mouseClick(window.authoring.popup.buttons["alias"], Qt.MouseButton.LeftButton)
    chooser = window.authoring.passage.last_dialog
    qtbot.keyClicks(chooser.filter, "kishi")
    qtbot.keyClick(chooser.filter, Qt.Key.Key_Return)
    assert "Prime Minister" in [a.text for a in state.workspace.entity_by_id["kishida"].aliases]


def test_draw_relation_on_the_map_and_a_new_event_from_an_empty_timeline_spot(qtbot, window):
    panel = window.panels["map"]
    window.set_map_view("map")
    view = panel.view
    view.fit_all()
    window.authoring.linker.action.setChecked(True)  # the toolbar's "Draw relation"
    a = view.mapFromScene(panel.scene.nodes["jpn"].pos())
    b = view.mapFromScene(panel.scene.nodes["usa"].pos())
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(view.viewport(), b)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=b)
    editor = window.authoring.menus.last_dialog
    assert editor.members.selected_names() == ["Japan", "United States"]
    editor.close()

    timeline = window.panels["timeline"].view
    timeline.zoom_to(float(dt.date(1990, 1, 1).toordinal()), float(dt.date(1991, 1, 1).toordinal()))
    hook = next(h for h in window.authoring.hooks if type(h).__name__ == "TimelineItemMenu")
    vb = timeline.getPlotItem().getViewBox()
    pos = timeline.mapFromScene(vb.mapViewToScene(QPointF(float(dt.date(1990, 7, 1).toordinal()), 0.5)))
    assert hook.target_at(pos) is None
    _context_menu(timeline.viewport(), pos)
    actions = {a.text(): a for a in window.authoring.menus.last_menu.actions()}
    entry = next(t for t in actions if t.startswith("New event on 1990-0"))
    actions[entry].trigger()
    assert window.authoring.menus.last_dialog.date.text().startswith("1990-0")
