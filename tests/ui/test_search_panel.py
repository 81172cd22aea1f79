"""The search panel as a user meets it: index in the background, type, filter, open the passage."""

import pytest

from briefing_app.model.edits import add_alias
from briefing_app.model.io import load_workspace
from briefing_app.state import AppState
from briefing_app.ui.search import SearchPanel


@pytest.fixture
def panel(qtbot, tiny_workspace_path):
    state = AppState(load_workspace(tiny_workspace_path), tiny_workspace_path)
    p = SearchPanel(state)
    qtbot.addWidget(p)
    qtbot.waitUntil(lambda: not p.indexer.running, timeout=10_000)
    yield p
    p.shutdown()


def _rows(p: SearchPanel) -> list[str]:
    return [p.results.item(i).text() for i in range(p.results.count())]


def test_typing_lists_passages_and_a_click_opens_the_words(qtbot, panel):
    qtbot.keyClicks(panel.query, "restore GSOMIA")
    qtbot.waitUntil(lambda: panel.results.count() == 1, timeout=3000)
    assert "«GSOMIA»" in _rows(panel)[0] and "Seoul and Tokyo restore intelligence sharing" in _rows(panel)[0]
    assert "1 passages in 1 documents" in panel.status.text()
    with qtbot.waitSignal(panel.state.passage_requested) as got:
        panel.results.itemClicked.emit(panel.results.item(0))
    doc, start, end = got.args
    assert doc == "doc-1" and panel.state.document_text(doc)[start:end] == "restore"
    assert panel.state.current_document == "doc-1"


def test_actor_filter_is_chosen_by_name(qtbot, panel):
    names = [panel.entity.itemText(i) for i in range(panel.entity.count())]
    assert names[0] == "Any actor" and names[1:] == sorted(names[1:], key=str.casefold)
    assert all("(" in n for n in names[1:])  # names with their type, never bare ids
    panel.entity.setCurrentIndex(panel.entity.findText("North Korea (country)"))
    panel.run_search()  # no words: every passage that mentions North Korea (alias Pyongyang)
    assert len(_rows(panel)) == 1 and "Launch condemned" in _rows(panel)[0]


def test_bad_date_says_so_and_keeps_the_window(qtbot, panel):
    panel.since.setText("2023-02-30")
    panel.query.setText("Japan")
    panel.run_search()
    assert "not a date" in panel.status.text() and panel.results.count() == 0
    panel.since.setText("2023")
    panel.run_search()
    assert panel.results.count() == 1


def test_edits_to_actors_reach_the_index(qtbot, panel):
    panel.state.edit("Add alias", add_alias, "gsomia", "condemned")
    qtbot.waitUntil(lambda: not panel.indexer.running and not panel._reindex.isActive(), timeout=10_000)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not panel.indexer.running, timeout=10_000)
    panel.entity.setCurrentIndex(panel.entity.findText("GSOMIA (agreement)"))
    panel.query.setText("condemned")
    panel.run_search()
    assert len(_rows(panel)) == 1 and "«condemned»" in _rows(panel)[0]


def test_search_dock_in_the_window(qtbot, tiny_workspace_path):
    from briefing_app.ui.main_window import MainWindow

    w = MainWindow(restore_layout=False)
    w.resize(1400, 900)
    assert w.open_path(tiny_workspace_path)
    w.show()
    qtbot.waitExposed(w)
    w.search_sources_action.trigger()
    assert w.docks["search"].isVisible()
    panel = w.panels["search"]
    qtbot.waitUntil(lambda: not panel.indexer.running, timeout=10_000)
    panel.query.setText("Pyongyang")
    panel.run_search()
    assert panel.results.count() == 1
    w.close()
    assert not panel.indexer.running
    w.deleteLater()
