"""The chooser: sorted by name, filtered by typing, ids never shown."""

from PySide6.QtCore import Qt

from briefing_app.model.io import load_workspace
from briefing_app.ui.editors import Choice, Chooser, entity_choices, relation_choices


def test_entities_sorted_by_name_not_id(tiny_workspace_path):
    ws = load_workspace(tiny_workspace_path)
    names = [c.label for c in entity_choices(ws)]
    assert names == sorted(names, key=str.casefold)
    assert names[0] == "Fumio Kishida"  # id 'kishida' would sort after 'gsomia'
    assert [c.label for c in entity_choices(ws, types=["person"])] == ["Fumio Kishida", "Yoon Suk Yeol"]


def test_relations_shown_by_member_names(tiny_workspace_path):
    ws = load_workspace(tiny_workspace_path)
    labels = [c.label for c in relation_choices(ws)]
    assert "Japan – South Korea" in labels and "North Korea – Japan" in labels
    assert not any("jpn" in c.label or "jpn" in c.detail for c in relation_choices(ws))


def test_typing_filters_and_enter_chooses(qtbot):
    chooser = Chooser([Choice("z1", "Zeta"), Choice("a9", "Côte d'Ivoire", "country"), Choice("m", "Mali", "country")])
    qtbot.addWidget(chooser)
    assert chooser.visible_labels() == ["Côte d'Ivoire  (country)", "Mali  (country)", "Zeta"]
    qtbot.keyClicks(chooser.filter_edit, "cote")
    assert chooser.visible_labels() == ["Côte d'Ivoire  (country)"]
    with qtbot.waitSignal(chooser.chosen) as blocker:
        qtbot.keyClick(chooser.filter_edit, Qt.Key.Key_Return)
    assert blocker.args == ["a9"]
    chooser.filter_edit.clear()
    qtbot.keyClicks(chooser.filter_edit, "country")
    qtbot.keyClick(chooser.filter_edit, Qt.Key.Key_Down)
    assert chooser.current_id() == "m"
    chooser.set_filter("nothing like it")
    assert chooser.visible_labels() == [] and chooser.current_id() == ""
    chooser.set_current_id("z1")
    assert chooser.current_id() == "z1" and chooser.filter_edit.text() == ""


def test_ticking_many_survives_filtering(qtbot):
    from briefing_app.ui.editors import ChooserDialog

    d = ChooserDialog("Participants", [Choice("n", "Niger"), Choice("m", "Mali"), Choice("b", "Burkina Faso")],
                      checked=["n"])
    qtbot.addWidget(d)
    seen = []
    d.chooser.checked_changed.connect(seen.append)
    qtbot.keyClicks(d.chooser.filter_edit, "mal")
    qtbot.keyClick(d.chooser.filter_edit, Qt.Key.Key_Return)  # ticks Mali, does not close
    assert not d.result() and seen[-1] == ["m", "n"]
    d.chooser.filter_edit.clear()
    qtbot.keyClicks(d.chooser.filter_edit, "burk")
    qtbot.keyClick(d.chooser.filter_edit, Qt.Key.Key_Return)
    qtbot.keyClick(d.chooser.filter_edit, Qt.Key.Key_Return)  # and off again
    assert d.checked_ids() == ["m", "n"]  # name order: Mali, Niger
