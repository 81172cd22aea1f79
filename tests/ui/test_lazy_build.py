"""Panels build what is seen first: hidden tabs wait, the map's hidden edges come in later slices.

Once built, the content is what an eager build gives.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from briefing_app.model.dates import PartialDate
from briefing_app.model.types import Entity, Relation, RelationState, Workspace
from briefing_app.render.map import scene as scene_module
from briefing_app.render.map.scene import MapScene
from briefing_app.ui.annotations.panel import AnnotationsPanel
from briefing_app.ui.review.queue import ReviewQueuePanel
from briefing_app.viewmodel.map import geo
from briefing_app.viewmodel.map import model as mm


@pytest.fixture
def window(shown_window, tiny_workspace_path):
    with shown_window(tiny_workspace_path, (1400, 900)) as w:
        yield w


def _rows(tree) -> list[list[str]]:
    return [[tree.topLevelItem(i).text(c) for c in range(tree.columnCount())] for i in range(tree.topLevelItemCount())]


def test_annotations_behind_a_tab_build_when_brought_to_front(qtbot, window):
    # the entities tab is in front: the annotations panel is not even made at open
    assert not window.panels.is_built("annotations")
    assert "annotations" not in window.panels.built()
    window.docks["annotations"].raise_()
    qtbot.waitUntil(lambda: window.panels.is_built("annotations"))
    panel = window.panels["annotations"]
    assert window.docks["annotations"].widget() is panel
    assert not panel.when_shown.stale
    eager = AnnotationsPanel(window.state)
    qtbot.addWidget(eager)
    assert panel.tree.topLevelItemCount() == len(window.state.workspace.annotations) > 0
    assert _rows(panel.tree) == _rows(eager.tree)
    assert panel.count_label.text() == eager.count_label.text()


def test_hidden_annotations_follow_edits_once_shown(qtbot, window):
    panel = window.panels["annotations"]
    window.docks["annotations"].raise_()
    qtbot.waitUntil(lambda: not panel.when_shown.stale)
    window.docks["entities"].raise_()
    qtbot.waitUntil(lambda: not panel.when_shown.in_view())
    first = window.state.workspace.annotations[0].id
    from briefing_app.model import annotations as ann_edits

    window.state.edit("Delete annotation", ann_edits.delete_annotation, first)
    assert panel.when_shown.stale  # hidden again: the edit waits
    rows = [panel.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) for i in range(panel.tree.topLevelItemCount())]
    assert first in rows
    assert first not in panel.visible_ids()  # asking for the content builds it now


def test_review_queue_behind_a_tab_computes_when_brought_to_front(qtbot, window):
    assert not window.panels.is_built("review")
    window.docks["review"].raise_()
    qtbot.waitUntil(lambda: window.panels.is_built("review"))
    panel = window.panels["review"]
    assert not panel.when_shown.stale
    eager = ReviewQueuePanel(window.state)
    qtbot.addWidget(eager)
    assert [c.name for c in panel.candidates] == [c.name for c in eager.candidates]
    assert [(d.passage, d.date.iso()) for d in panel.drafts] == [(d.passage, d.date.iso()) for d in eager.drafts]
    assert panel.header.text() == eager.header.text()


def test_a_hidden_panel_asked_for_is_built_then_with_its_content(qtbot, window):
    panel = window.panels["review"]  # code asks for it while its tab is behind another
    assert window.panels.is_built("review") and window.docks["review"].widget() is panel
    assert not panel.when_shown.stale and panel.header.text()  # the asker gets it filled
    from briefing_app.model.edits import add_alias

    window.state.edit("Add alias", add_alias, window.state.workspace.entities[0].id, "Zed")
    assert panel.when_shown.stale  # from now on it follows its dock: hidden, later edits wait


def test_panels_in_front_are_built_at_open(window):
    for name in ("entities", "map", "timeline", "documents"):
        gate = getattr(window.panels[name], "when_shown", None)
        assert gate is None or not gate.stale, name


def _map_workspace() -> Workspace:
    """60 countries, 120 relations: half in force in 2010, the others from 2020 (hidden in 2010)."""
    isos = sorted(geo.load_countries())[:60]
    ents = tuple(Entity(i.lower(), i, "country", country=i) for i in isos)
    rels = []
    for k in range(120):
        a, b = ents[k % 60], ents[(k * 7 + 1) % 60]
        if a.id == b.id:
            b = ents[(k + 1) % 60]
        start = PartialDate(2000 if k % 2 else 2020)
        rels.append(Relation(f"r{k:03d}", "alliance" if k % 3 else "trade", (a.id, b.id),
                             (RelationState("active", start),), directed=k % 5 == 0))
    return Workspace(entities=ents, relations=tuple(rels))


def _edges(scene: MapScene) -> dict[str, tuple]:
    return {k: (e.state, e.isVisible(), e.selected, e.thin, e.pen().widthF(), e.pen().color().name(),
                e.path().boundingRect().getRect(), e.seam) for k, e in scene.edges.items()}


def test_map_builds_shown_edges_first_and_the_rest_in_slices(qtbot, monkeypatch):
    monkeypatch.setattr(scene_module, "EDGE_SLICE", 7)
    ws = _map_workspace()
    eager, budgeted = MapScene(), MapScene()
    budgeted.build_budget = 10
    for s in (eager, budgeted):
        s.day = dt.date(2010, 1, 1)
        s.set_workspace(ws)
        s.set_selection("entity", "can")
    shown = {k for k, e in eager.edges.items() if e.isVisible()}
    assert set(budgeted.edges) == shown  # only what is drawn at this date, at first
    assert budgeted.edges_pending == len(ws.relations) - len(shown) > 7
    qtbot.waitUntil(lambda: budgeted.edges_pending == 0)
    assert _edges(budgeted) == _edges(eager)


def test_an_edge_not_built_yet_is_built_when_it_comes_into_force(qapp):
    ws = _map_workspace()
    scene = MapScene()
    scene.build_budget = 10
    scene.day = dt.date(2010, 1, 1)
    scene.set_workspace(ws)
    assert "r000" not in scene.edges  # from 2020
    scene.set_day(dt.date(2021, 1, 1))
    assert scene.edges["r000"].isVisible() and scene.edges["r000"].state == "active"
    scene.finish_edges()
    assert scene.edges_pending == 0 and len(scene.edges) == len(ws.relations)


def test_graph_layout_waits_for_the_graph_mode(qapp, monkeypatch):
    calls = []
    real = mm.place_in_graph
    monkeypatch.setattr(mm, "place_in_graph", lambda *a, **k: calls.append(1) or real(*a, **k))
    ws = _map_workspace()
    scene = MapScene()
    scene.set_workspace(ws)
    assert calls == []  # the map mode never needs it
    scene.set_mode("graph")
    assert calls == [1]
    assert scene.graph_pos == real(mm.build_topology(ws), {}, {})
    assert scene.nodes["can"].pos().x() == scene.graph_pos["can"][0]


def test_timeline_of_a_big_workspace_is_laid_out_between_paints(qtbot, monkeypatch, tiny_workspace_path):
    from briefing_app.ui.main_window import MainWindow
    from briefing_app.ui.timeline import panel as timeline_panel
    from briefing_app.ui.timeline.panel import TimelinePanel
    from briefing_app.viewmodel.timeline import geometry

    monkeypatch.setattr(timeline_panel, "SLICED_LAYOUT_ITEMS", 0)  # the tiny workspace counts as big
    monkeypatch.setattr(geometry, "_STEP", 1)  # a yield per item: several slices
    geometry._CACHE.clear()
    w = MainWindow(restore_layout=False)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    assert w.open_path(tiny_workspace_path)
    panel = w.panels["timeline"]
    assert panel.building and "timeline" in w.panels_building()
    assert panel.geom.lanes == ()  # nothing of the new workspace drawn yet
    w.state.select("event", "ev-restore")  # a selection made meanwhile is applied when done
    qtbot.waitUntil(lambda: not panel.building)
    geometry._CACHE.clear()  # the eager panel lays out again, at once
    eager = TimelinePanel(w.state)
    qtbot.addWidget(eager)
    assert eager.geom is not panel.geom
    def lanes(geom):
        return [(ln.key, ln.top, ln.rows) for ln in geom.lanes]

    assert lanes(panel.geom) == lanes(eager.geom)
    assert panel.geom.span_relation == eager.geom.span_relation
    assert panel.view.focus.event == eager.view.focus.event is not None
    w.state.undo_stack.setClean()


def _with_unplaced_actors(ws: Workspace) -> Workspace:
    """The map workspace plus 20 people with no place on the map, related to each other and to countries."""
    people = tuple(Entity(f"p{i:02d}", f"Person {i:02d}", "person") for i in range(20))
    rels = tuple(Relation(f"q{i:02d}", "diplomatic", (f"p{i:02d}", f"p{(i + 1) % 20:02d}" if i % 2 else "can"),
                          (RelationState("active", PartialDate(2000)),)) for i in range(20))
    return Workspace(entities=ws.entities + people, relations=ws.relations + rels)


def _nodes(scene: MapScene) -> list[tuple]:
    return [(k, n.isVisible(), n.pos().x(), n.pos().y(), n.offset) for k, n in scene.nodes.items()]


def test_actors_without_a_place_on_the_map_are_built_later_and_for_the_graph_at_once(qtbot):
    ws = _with_unplaced_actors(_map_workspace())
    eager, budgeted, switched = MapScene(), MapScene(), MapScene()
    for s in (eager, budgeted, switched):
        s.build_budget = None if s is eager else 10
        s.day = dt.date(2010, 1, 1)
        s.set_workspace(ws)
    unplaced = [n for n in eager.nodes if n.startswith("p")]
    assert unplaced and not any(n in budgeted.nodes for n in unplaced)  # never drawn on the map: later
    assert budgeted.items_pending > 0
    qtbot.waitUntil(lambda: budgeted.items_pending == 0)
    assert _nodes(budgeted) == _nodes(eager)  # same actors, same order, same looks
    assert _edges(budgeted) == _edges(eager)
    switched.set_mode("graph")  # before any slice: the graph needs every actor now
    eager.set_mode("graph")
    assert _nodes(switched) == _nodes(eager)


def test_prebuilt_actor_items_are_the_ones_a_build_would_make_and_are_used_once(qapp):
    ws = _map_workspace()
    topo = mm.build_topology(ws)
    placement = mm.place_on_map(ws, topo)
    eager, prepared = MapScene(), MapScene()
    for s in (eager, prepared):
        s.build_budget = 10
        s.day = dt.date(2021, 1, 1)
    prepared.prebuild_nodes(topo, placement)
    made = prepared._prebuilt[2]
    eager.set_workspace(ws, prepared=(topo, placement))
    prepared.set_workspace(ws, prepared=(topo, placement))
    assert prepared.nodes is made and set(made) == set(eager.nodes)
    assert _edges(prepared) == _edges(eager)
    assert {n: (i.isVisible(), i.pos().x(), i.pos().y()) for n, i in prepared.nodes.items()} == \
        {n: (i.isVisible(), i.pos().x(), i.pos().y()) for n, i in eager.nodes.items()}
    prepared.set_workspace(ws, prepared=(topo, placement))  # a second build makes its own items
    assert prepared.nodes is not made


def test_prebuilt_items_for_another_mode_are_not_used(qapp):
    ws = _map_workspace()
    ws = ws.with_(entities=ws.entities + (Entity("nobody", "A person with no place", "person"),))
    topo = mm.build_topology(ws)
    placement = mm.place_on_map(ws, topo)
    scene = MapScene()
    scene.build_budget = 10
    scene.prebuild_nodes(topo, placement)
    made = scene._prebuilt[2]
    assert "nobody" not in made  # left for later on the map
    scene.set_mode("graph")  # the graph builds every actor: the map's set would miss one
    scene.set_workspace(ws, prepared=(topo, placement))
    assert scene.nodes is not made and "nobody" in scene.nodes and set(scene.nodes) == set(topo.nodes)
