"""Giving a place to actors the map could not put anywhere: gazetteer suggestions and a click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from briefing_app.model import edits
from briefing_app.state import AppState
from briefing_app.ui.map.panel import MapPanel
from briefing_app.viewmodel.map import gazetteer, geo


def test_gazetteer_finds_cities_by_name_or_alias_most_populous_first():
    found = gazetteer.lookup(["Pusan", "Busan"])
    assert found and found[0].name == "Busan" and found[0].country == "KOR"
    assert found[0].lat == pytest.approx(35.1, abs=0.1) and found[0].lon == pytest.approx(129.0, abs=0.1)
    assert gazetteer.lookup(["seoul"])[0].country == "KOR"  # case does not matter
    assert gazetteer.lookup(["Cold War"]) == []


def test_scene_points_map_back_to_coordinates():
    x, y = geo.project_point(126.98, 37.57)
    lon, lat = gazetteer.scene_to_lonlat(x, y)
    assert (lon, lat) == (pytest.approx(126.98, abs=1e-6), pytest.approx(37.57, abs=1e-6))
    assert gazetteer.scene_to_lonlat(1e6, 0.0) is None


@pytest.fixture
def panel(qtbot, tiny_workspace_path):
    state = AppState()
    state.open(tiny_workspace_path)
    ws, new_id = edits.add_entity(state.workspace, "Busan", "place")
    state.apply("Add Busan", ws)
    p = MapPanel(state)
    qtbot.addWidget(p)
    p.resize(800, 560)
    p.show()
    qtbot.waitExposed(p)
    p.new_id = new_id
    return p


def test_unplaced_actor_offers_a_gazetteer_place(panel):
    assert panel.new_id in panel.scene.placement.unplaced
    assert panel.place_button.isVisibleTo(panel)
    panel.placer.fill_menu()
    sub = next(a.menu() for a in panel.placer.menu.actions() if a.menu() and a.text() == "Busan")
    choice = next(a for a in sub.actions() if a.text().startswith("At Busan, KOR"))
    choice.trigger()
    ent = panel.state.workspace.entity_by_id[panel.new_id]
    assert ent.lat == pytest.approx(35.1, abs=0.1) and ent.lon == pytest.approx(129.0, abs=0.1)
    assert panel.new_id not in panel.scene.placement.unplaced
    panel.state.undo_stack.undo()
    assert panel.state.workspace.entity_by_id[panel.new_id].lat is None


def test_a_click_on_the_map_places_an_actor(panel, qtbot):
    panel.start_placing(panel.new_id)
    target = geo.project_point(129.04, 35.1)
    from PySide6.QtCore import QPointF

    pos = panel.view.mapFromScene(QPointF(*target))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos.x(), pos.y()))
    ent = panel.state.workspace.entity_by_id[panel.new_id]
    assert ent.lat == pytest.approx(35.1, abs=0.5) and ent.lon == pytest.approx(129.04, abs=0.5)


def test_escape_cancels_placing(panel, qtbot):
    panel.start_placing(panel.new_id)
    qtbot.keyClick(panel.view, Qt.Key.Key_Escape)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    assert panel.state.workspace.entity_by_id[panel.new_id].lat is None
