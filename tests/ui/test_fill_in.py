"""A big workspace opens with the text readable at once; the map, highlights and entity list fill in
after the paint, one short step per event-loop turn, and end as an eager build would."""

from __future__ import annotations

import pytest

from briefing_app.ui import fill_in as fill_in_module
from briefing_app.ui.entities.panel import EntityPanel
from briefing_app.ui.fill_in import FillIn, fill_in
from briefing_app.ui.main_window import MainWindow
from briefing_app.ui.map.panel import MapPanel


def _steps(log: list[str], name: str, n: int):
    for i in range(n):
        log.append(f"{name}{i}")
        yield


def test_one_step_per_event_loop_turn_in_queue_order(qtbot):
    queue, log = FillIn(), []
    queue.add("a", _steps(log, "a", 2))
    queue.add("b", lambda: _steps(log, "b", 1))
    assert log == [] and queue.pending("a") and queue.pending()
    qtbot.waitUntil(lambda: not queue.pending())
    assert log == ["a0", "a1", "b0"]


def test_a_job_queued_again_replaces_the_pending_one_and_finish_runs_it_now(qtbot):
    queue, log = FillIn(), []
    queue.add("map", _steps(log, "old", 3))
    queue.add("map", _steps(log, "new", 2))
    queue.finish("map")
    assert log == ["new0", "new1"] and not queue.pending("map")


def test_a_failing_step_drops_its_job_and_the_queue_goes_on(qtbot):
    queue, log = FillIn(), []

    def broken():
        yield
        raise ValueError("bad data")

    queue.add("broken", broken)
    queue.add("ok", _steps(log, "ok", 1))
    with qtbot.captureExceptions() as errors:
        qtbot.waitUntil(lambda: not queue.pending())
    assert log == ["ok0"] and [type(e[1]) for e in errors] == [ValueError]


@pytest.fixture
def big_window(qtbot, monkeypatch, tiny_workspace_path):
    monkeypatch.setattr(fill_in_module, "BIG_ITEMS", 0)  # the tiny workspace counts as big
    w = MainWindow(restore_layout=False)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_path(tiny_workspace_path)
    try:
        yield w
    finally:  # closed here, clean first, so that no "save changes?" question waits
        w.state.undo_stack.setClean()
        w.close()
        w.deleteLater()


def test_a_big_workspace_shows_its_text_first_then_fills_in_as_an_eager_build(qtbot, big_window, monkeypatch):
    w = big_window
    reader, entities, map_panel = w.reader, w.panels["entities"], w.panels["map"]
    assert reader.view.toPlainText()  # readable at once
    assert reader.view._starts == []  # noqa: SLF001 - no highlight before the matcher is built
    assert map_panel.scene.nodes == {} and "map" in w.panels_building()
    assert fill_in(w.state).pending()
    qtbot.waitUntil(lambda: not w.panels_building() and not fill_in(w.state).pending())

    monkeypatch.setattr(fill_in_module, "BIG_ITEMS", 10**9)  # the panels below build at once
    eager_map, eager_entities = MapPanel(w.state), EntityPanel(w.state)
    qtbot.addWidget(eager_map)
    qtbot.addWidget(eager_entities)
    assert set(map_panel.scene.nodes) == set(eager_map.scene.nodes) != set()
    assert set(map_panel.scene.edges) == set(eager_map.scene.edges)
    assert reader.view._starts and reader.view._starts == [m.start for m in w.state.mentions(w.state.current_document)]  # noqa: SLF001

    def rows(panel):
        tree = panel.tree
        return [(tree.topLevelItem(i).text(0), [tree.topLevelItem(i).child(j).text(1)
                                                for j in range(tree.topLevelItem(i).childCount())])
                for i in range(tree.topLevelItemCount())]

    assert rows(entities) == rows(eager_entities) != []


def test_an_edit_while_the_map_fills_in_is_drawn_too(qtbot, big_window):
    w = big_window
    from briefing_app.model.edits import add_alias

    entity = w.state.workspace.entities[0]
    w.state.edit("Add alias", add_alias, entity.id, "Zed")  # before any step ran
    qtbot.waitUntil(lambda: not w.panels_building() and not fill_in(w.state).pending())
    assert w.panels["map"].scene.ws is w.state.workspace


def test_a_job_queued_again_keeps_its_place_in_line(qtbot):
    queue, log = FillIn(), []
    queue.add("reader", _steps(log, "r-old", 1))
    queue.add("map", _steps(log, "m", 1))
    queue.add("reader", _steps(log, "r-new", 1))
    qtbot.waitUntil(lambda: not queue.pending())
    assert log == ["r-new0", "m0"]


def test_a_job_queued_first_runs_next(qtbot):
    queue, log = FillIn(), []
    queue.add("map", _steps(log, "m", 2))
    queue.add("reader", _steps(log, "r", 1), first=True)
    qtbot.waitUntil(lambda: not queue.pending())
    assert log == ["r0", "m0", "m1"]


def test_a_map_image_asked_for_during_the_fill_in_has_the_whole_map(qtbot, big_window):
    panel = big_window.panels["map"]
    assert panel.scene.nodes == {}  # not built yet
    panel.grab_view_image((400, 300))
    assert panel.scene.nodes and not fill_in(big_window.state).pending("map")
    assert panel.scene.items_pending == 0


def test_the_cycle_collector_is_paused_while_steps_are_pending_and_resumes_after(qtbot):
    import gc

    assert gc.isenabled()
    queue, seen, made = FillIn(), [], []

    def watched():
        for _ in range(3):
            seen.append(gc.isenabled())
            made.append([])  # a long-lived object made by a step
            yield

    queue.add("job", watched)
    qtbot.waitUntil(lambda: not queue.pending())
    assert seen == [False, False, False]  # no full collection between steps
    assert gc.isenabled()
    # frozen: tracked, but in none of the generations a collection scans
    assert gc.is_tracked(made[0]) and not any(o is made[0] for o in gc.get_objects())


def test_a_cancelled_last_job_resumes_the_collector(qtbot):
    import gc

    def endless():
        while True:
            yield

    queue = FillIn()
    queue.add("a", endless)
    qtbot.waitUntil(lambda: not gc.isenabled())  # its first step ran
    queue.cancel("a")
    assert gc.isenabled() and not queue.pending()


def test_a_queue_destroyed_with_steps_pending_gives_the_collector_back(qtbot):
    import gc

    from PySide6.QtCore import QObject

    def endless():
        while True:
            yield

    owner = QObject()
    queue = FillIn(owner)
    queue.add("a", endless)
    qtbot.waitUntil(lambda: not gc.isenabled())
    owner.deleteLater()  # the window (and its state) going away mid-fill-in
    qtbot.waitUntil(gc.isenabled)
