"""Map panel: relation styles at dates, selection through AppState, filters, export."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from briefing_app.model.dates import PartialDate
from briefing_app.model.types import Entity, Relation, RelationState, Workspace
from briefing_app.state import AppState
from briefing_app.viewmodel.map import model as mm
from briefing_app.viewmodel.map.labels import place_labels
from briefing_app.ui.map.panel import MapPanel
from briefing_app.render.map.image import MapExportError, render_map_image
from briefing_app.render.map.style import STATE_STYLES, edge_pen

DATA = Path(__file__).resolve().parents[2] / "data" / "japan-korea.briefing.yaml"


def _pd(s: str) -> PartialDate:
    return PartialDate.parse(s)


def built_workspace() -> Workspace:
    """A workspace made here, so the tests do not depend on the bundled data."""
    ents = (
        Entity("jpn", "Japan", "country", country="JPN", lat=35.68, lon=139.69),
        Entity("kor", "South Korea", "country", country="KOR", lat=37.57, lon=126.98),
        Entity("usa", "United States", "country", country="USA", lat=38.9, lon=-77.04),
        Entity("prk", "North Korea", "country", country="PRK"),
        Entity("yoon", "윤석열", "person", affiliation="kor"),
        Entity("kishida", "岸田文雄", "person", affiliation="jpn"),
        Entity("gsomia", "GSOMIA", "agreement"),
        Entity("colonial", "Colonial rule", "event-series"),
    )
    rels = (
        Relation("jpn-kor-gsomia", "intelligence-sharing", ("jpn", "kor"), entity="gsomia", states=(
            RelationState("active", _pd("2016-11"), _pd("2019-08"), evidence=("a1",)),
            RelationState("termination-notified", _pd("2019-08"), _pd("2019-11"), evidence=("a2",)),
            RelationState("suspended", _pd("2019-11"), _pd("2023-03"), evidence=("a2", "a3")),
            RelationState("restored", _pd("2023-03"), evidence=("a4",)),
        )),
        Relation("usa-jpn-alliance", "alliance", ("usa", "jpn"), states=(RelationState("active", _pd("1960")),)),
        Relation("prk-threat", "threat", ("prk", "jpn"), directed=True, states=(RelationState("active", _pd("2017")),)),
        Relation("trilateral", "security-cooperation", ("usa", "jpn", "kor"), label="Trilateral",
                 states=(RelationState("active", _pd("2022-11")),)),
    )
    return Workspace(entities=ents, relations=rels)


def bundled_or_built() -> Workspace:
    if DATA.is_file():
        from briefing_app.model.io import load_workspace

        ws = load_workspace(DATA)
        if "jpn-kor-gsomia" in ws.relation_by_id:
            return ws
    return built_workspace()


@pytest.fixture
def panel(qtbot):
    state = AppState(bundled_or_built())
    p = MapPanel(state)
    qtbot.addWidget(p)
    p.resize(900, 600)
    return p


@pytest.mark.parametrize("day, expected", [
    (dt.date(2019, 6, 15), "active"),
    (dt.date(2019, 12, 15), "suspended"),
    (dt.date(2023, 6, 15), "restored"),
])
def test_gsomia_is_drawn_in_its_state_at_the_cursor(panel, day, expected):
    panel.state.set_time_cursor(day)
    edge = panel.scene.edges["jpn-kor-gsomia"]
    assert edge.state == expected
    assert edge.isVisible()
    assert edge.pen() == edge_pen("intelligence-sharing", expected)
    dashed = bool(STATE_STYLES[expected].dashes)
    assert (edge.pen().dashPattern() != []) == dashed
    assert panel.date_edit.date().toPython() == day


def test_states_look_different():
    pens = {s: edge_pen("intelligence-sharing", s) for s in ("active", "suspended", "restored", "terminated")}
    looks = {(p.widthF(), tuple(p.dashPattern()), p.color().alpha()) for p in pens.values()}
    assert len(looks) == 4


def test_relation_not_yet_in_force_is_hidden(panel):
    panel.state.set_time_cursor(dt.date(2010, 1, 1))
    assert not panel.scene.edges["jpn-kor-gsomia"].isVisible()


def test_slider_moves_the_time_cursor(panel):
    target = dt.date(2019, 12, 15)
    panel.slider.setValue((target - panel._lo).days)
    assert panel.state.time_cursor == target
    assert panel.scene.edges["jpn-kor-gsomia"].state == "suspended"


def test_click_selects_through_appstate_and_selection_highlights(panel, qtbot):
    with qtbot.waitSignal(panel.state.selection_changed):
        panel.view.item_clicked.emit("relation", "jpn-kor-gsomia")
    assert panel.state.selection == ("relation", "jpn-kor-gsomia")
    assert panel.scene.edges["jpn-kor-gsomia"].selected
    panel.state.select("entity", "kor")
    assert panel.scene.nodes["kor"]._selected
    assert not panel.scene.edges["jpn-kor-gsomia"].selected or "kor" in panel.scene.edges["jpn-kor-gsomia"].spec.b + \
        panel.scene.edges["jpn-kor-gsomia"].spec.a


def test_clicking_a_drawn_edge_or_node_finds_it(panel, qtbot):
    from PySide6.QtCore import QPointF, Qt

    panel.show()
    panel.state.set_time_cursor(dt.date(2019, 6, 15))
    edge = panel.scene.edges["jpn-kor-gsomia"]
    panel.view.fitInView(edge.boundingRect().adjusted(-50, -50, 50, 50))
    x, y = edge.points[len(edge.points) // 3]  # the middle is where the GSOMIA node sits
    px = panel.view.mapFromScene(QPointF(x, y))
    assert panel.view._hit(px) == ("relation", "jpn-kor-gsomia")
    with qtbot.waitSignal(panel.state.selection_changed):
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=px)
    assert panel.state.selection == ("relation", "jpn-kor-gsomia")
    node = panel.view.mapFromScene(panel.scene.nodes["jpn"].pos())
    assert panel.view._hit(node) == ("entity", "jpn")


def test_filters_hide_kinds_and_types(panel):
    panel.state.set_time_cursor(dt.date(2023, 6, 15))
    panel.set_filters(kinds={"alliance"})
    assert not panel.scene.edges["jpn-kor-gsomia"].isVisible()
    assert any(e.isVisible() for e in panel.scene.edges.values() if e.spec.kind == "alliance")
    panel.set_filters(kinds=None, types={"country"})
    assert panel.scene.edges["jpn-kor-gsomia"].isVisible()
    persons = [n for n, item in panel.scene.nodes.items() if item.spec.type == "person"]
    assert persons and not any(panel.scene.nodes[n].isVisible() for n in persons)
    panel.set_filters()
    # back, except those folded into a crowded anchor at this zoom
    assert all(panel.scene.nodes[n].isVisible() or n in panel.scene.crowded for n in persons)


def test_mode_switch_and_graph_positions(panel):
    panel.set_mode("graph")
    assert panel.scene.mode == "graph"
    assert panel.graph_action.isChecked()
    jpn = panel.scene.nodes["jpn"].pos()
    panel.state.set_time_cursor(dt.date(2019, 12, 15))
    assert panel.scene.nodes["jpn"].pos() == jpn  # a time step does not move the graph
    panel.set_mode("map")
    assert panel.scene.nodes["jpn"].pos() != jpn


def test_dragged_node_stays_pinned(panel):
    panel.set_mode("graph")
    from PySide6.QtCore import QPointF

    panel.scene.pin("jpn", QPointF(1234.0, -567.0))
    assert panel.scene.nodes["jpn"].pos() == QPointF(1234.0, -567.0)
    panel.state.set_time_cursor(dt.date(2023, 6, 15))
    assert panel.scene.nodes["jpn"].pos() == QPointF(1234.0, -567.0)


def _ink(img: QImage) -> int:
    """Pixels that are clearly not white, on a coarse grid."""
    n = 0
    for y in range(0, img.height(), 7):
        for x in range(0, img.width(), 7):
            if QColor(img.pixel(x, y)).lightness() < 235:
                n += 1
    return n


def test_export_png_and_svg_have_the_asked_size_and_content(panel, tmp_path):
    panel.view.fit()
    png = panel.export_image(tmp_path / "view.png", (640, 400))
    img = QImage(str(png))
    assert (img.width(), img.height()) == (640, 400)
    assert _ink(img) > 200
    svg = panel.export_image(tmp_path / "view.svg", (640, 400))
    text = svg.read_text(encoding="utf-8")
    assert 'width="' in text and "<path" in text
    with pytest.raises(MapExportError, match="unknown image type"):
        panel.export_image(tmp_path / "view.gif", (640, 400))
    with pytest.raises(MapExportError, match="out of range"):
        panel.export_image(tmp_path / "view.png", (0, 400))


@pytest.mark.parametrize("view", ["map", "graph"])
def test_headless_render(qapp, view):
    ws = built_workspace()
    img = render_map_image(ws, dt.date(2023, 6, 15), view, (800, 500))
    assert (img.width(), img.height()) == (800, 500)
    assert _ink(img) > 100
    with pytest.raises(MapExportError):
        render_map_image(ws, dt.date(2023, 6, 15), "globe", (800, 500))


def test_korean_and_japanese_labels_render(qapp):
    ws = built_workspace()
    from briefing_app.render.map.scene import MapScene

    scene = MapScene()
    scene.set_workspace(ws)
    label = scene.nodes["yoon"].label
    assert label.text() == "윤석열"
    assert label.boundingRect().width() > 20


def test_placement_rules():
    ws = built_workspace()
    topo = mm.build_topology(ws)
    place = mm.place_on_map(ws, topo)
    assert place.how["jpn"] == "place" and place.how["prk"] == "country"
    assert place.how["yoon"] == "gathered" and place.anchor["yoon"] == "kor"
    assert place.how["gsomia"] == "on-edge"
    assert "colonial" in place.unplaced
    hub = topo.hub_of["trilateral"]
    assert place.how[hub] == "hub"
    spokes = [e for e in topo.edges if e.relation == "trilateral"]
    assert len(spokes) == 3 and all(e.spoke for e in spokes)


def test_visible_keys_follow_states_and_filters():
    ws = built_workspace()
    topo = mm.build_topology(ws)
    states = mm.states_at(ws, dt.date(2021, 1, 1))
    nodes, edges = mm.visible_keys(topo, states, None, None)
    assert "jpn-kor-gsomia" in edges
    assert topo.hub_of["trilateral"] not in nodes  # not yet in force in 2021
    nodes, edges = mm.visible_keys(topo, states, {"alliance"}, None)
    assert edges == {"usa-jpn-alliance"}


def test_evidence_count():
    rel = built_workspace().relation_by_id["jpn-kor-gsomia"]
    assert mm.evidence_count(rel, dt.date(2020, 1, 1)) == (2, 4)


def test_labels_do_not_overlap():
    anchors = [(100.0 + (i % 5) * 12, 100.0 + (i // 5) * 9) for i in range(25)]
    sizes = [(60.0, 12.0)] * 25
    offs = place_labels(anchors, sizes, [3.0] * 25)
    boxes = [(a[0] + o[0], a[1] + o[1], a[0] + o[0] + 60, a[1] + o[1] + 12) for a, o in zip(anchors, offs) if o]
    assert 0 < len(boxes) < 25
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


# -- framing, hubs, insets, graph fading ---------------------------------------------------------
def peripheral_workspace() -> Workspace:
    """The built workspace plus peripheral partners (the UK, Ukraine) with one relation each."""
    ws = built_workspace()
    ents = ws.entities + (
        Entity("gbr", "United Kingdom", "country", country="GBR", lat=51.51, lon=-0.13),
        Entity("ukr", "Ukraine", "country", country="UKR", lat=50.45, lon=30.52),
    )
    rels = ws.relations + (
        Relation("usa-gbr", "alliance", ("usa", "gbr"), states=(RelationState("active", _pd("1949")),)),
        Relation("jpn-ukr", "diplomatic", ("jpn", "ukr"), states=(RelationState("active", _pd("2022")),)),
        Relation("usa-jpn-trade", "trade", ("usa", "jpn"), states=(RelationState("active", _pd("1990")),)),
        Relation("usa-kor-alliance", "alliance", ("usa", "kor"), states=(RelationState("active", _pd("1953")),)),
    )
    return Workspace(entities=ents, relations=rels)


def test_initial_view_frames_the_theatre_and_fit_all_everything():
    ws = peripheral_workspace()
    place = mm.place_on_map(ws, mm.build_topology(ws))
    assert {"jpn", "kor", "usa"} <= set(place.theatre)
    assert "gbr" not in place.theatre and "ukr" not in place.theatre

    def inside(box, p):
        return box[0] <= p[0] <= box[0] + box[2] and box[1] <= p[1] <= box[1] + box[3]

    for n in ("jpn", "kor", "usa"):
        assert inside(place.view, place.pos[n])
    assert not inside(place.view, place.pos["gbr"])
    assert all(inside(place.view_all, place.pos[n]) for n in ("gbr", "ukr", "jpn", "usa"))
    assert place.view[2] < 0.75 * place.view_all[2]


def test_relation_weights_count_members_and_credit_gathered_actors_to_their_anchor():
    ws = built_workspace()
    rels = ws.relations + (Relation("yoon-kishida", "diplomatic", ("yoon", "kishida"),
                                    states=(RelationState("active", _pd("2023")),)),)
    ws = Workspace(entities=ws.entities, relations=rels)
    w = mm.relation_weights(ws, ["jpn", "kor", "usa", "prk"])
    assert w["jpn"] == 5 and w["kor"] == 3 and w["usa"] == 2 and w["prk"] == 1


def test_hub_sits_next_to_the_member_nearest_the_centroid():
    members = [(0.0, 0.0), (1000.0, 0.0), (0.0, 1000.0), (80.0, 80.0)]
    x, y = mm.hub_position(members, units_per_px=1.0)
    # the centroid is (270, 270); the nearest member (80, 80); the hub moves towards it, capped in pixels
    d_member = math.hypot(x - 80, y - 80)
    assert mm.HUB_OFFSET_PX[0] - 1e-9 <= d_member <= mm.HUB_OFFSET_PX[1] + 1e-9
    assert x > 80 and y > 80  # towards the centroid
    # preferring theatre members: the nearest among them
    x2, y2 = mm.hub_position(members, 1.0, preferred=[True, True, False, False])
    assert math.hypot(x2, y2) < math.hypot(x2 - 1000, y2)


def test_hubs_do_not_land_on_markers_or_each_other():
    ws = built_workspace()
    rels = ws.relations + (Relation("tri2", "intelligence-sharing", ("usa", "jpn", "kor"), label="Tri 2",
                                    states=(RelationState("active", _pd("2023")),)),)
    ws = Workspace(entities=ws.entities, relations=rels)
    topo = mm.build_topology(ws)
    place = mm.place_on_map(ws, topo)
    hubs = [place.pos[topo.hub_of[r]] for r in ("trilateral", "tri2")]
    gap = mm.HUB_GAP_PX * place.units_per_px
    assert math.dist(*hubs) >= gap * 0.99
    for n in ("jpn", "kor", "usa"):
        assert all(math.dist(h, place.pos[n]) >= gap * 0.99 for h in hubs)


def test_crowded_anchors_fold_their_gathered_actors():
    ws = built_workspace()
    place = mm.place_on_map(ws, mm.build_topology(ws))
    countries = {n: place.pos[n] for n in ("jpn", "kor", "usa")}
    d = math.dist(place.pos["jpn"], place.pos["kor"])
    far = mm.crowded_gathered(place, countries, px_per_unit=mm.CROWD_PX / d * 0.5)  # Tokyo–Seoul: half the limit
    assert {"yoon", "kishida"} <= far
    near = mm.crowded_gathered(place, countries, px_per_unit=mm.CROWD_PX / d * 2.0)
    assert not near
    assert "yoon" not in mm.crowded_gathered(place, countries, mm.CROWD_PX / d * 0.5, keep={"yoon"})


def test_choose_corner_avoids_markers_and_forbidden_areas():
    frame = (0.0, 0.0, 400.0, 300.0)
    markers = [(20.0, 280.0, 6.0), (380.0, 20.0, 6.0)]  # bottom-left and top-right taken
    box = mm.choose_corner(frame, (100.0, 80.0), markers)
    assert box[0] > 200 and box[1] > 150  # bottom-right
    box = mm.choose_corner(frame, (100.0, 80.0), markers, avoid=[(290.0, 210.0, 310.0, 230.0)])
    assert box[0] < 200 and box[1] < 150  # top-left, the only free one


def test_core_of_the_bundled_theatre_is_japan_and_korea():
    ws = bundled_or_built()
    place = mm.place_on_map(ws, mm.build_topology(ws))
    core = mm.core_view(ws, place, aspect=1.25)
    assert core is not None
    ids, box = core
    assert {"jpn", "kor"} <= set(ids) and "usa" not in ids
    assert box[2] < 0.45 * place.view[2]


def test_atlantic_edge_is_drawn_in_two_pieces_on_the_map_only(qapp):
    from briefing_app.render.map.scene import MapScene

    scene = MapScene()
    scene.day = dt.date(2023, 6, 15)
    scene.set_workspace(peripheral_workspace())
    edge = scene.edges["usa-gbr"]
    assert edge.seam and len(edge.pieces) == 2
    assert not scene.edges["usa-jpn-alliance"].seam
    w, lo = scene.placement.pos["usa"], scene.placement.pos["gbr"]
    mid_x = (w[0] + lo[0]) / 2  # the long way over Asia passes here; the drawn edge does not
    assert edge.distance_to(mid_x, (w[1] + lo[1]) / 2) > 500
    assert edge.distance_to(*w) < 1e-6 and edge.distance_to(*lo) < 1e-6
    scene.set_mode("graph")
    assert not edge.seam


def test_graph_mode_fades_relations_not_in_force(panel):
    from briefing_app.render.map.style import NOT_IN_FORCE

    panel.state.set_time_cursor(dt.date(2010, 1, 1))  # GSOMIA not yet signed
    edge = panel.scene.edges["jpn-kor-gsomia"]
    assert not edge.isVisible()  # on the map: hidden
    panel.set_mode("graph")
    assert edge.isVisible() and edge.state == NOT_IN_FORCE
    assert edge.pen().color().alphaF() < 0.5
    _, states = panel.scene.present_kinds_states()
    assert NOT_IN_FORCE in states  # and the legend says so
    panel.state.set_time_cursor(dt.date(2023, 6, 15))
    assert edge.state == "restored" and edge.pen() == edge_pen("intelligence-sharing", "restored")


def test_dock_sized_view_shows_the_inset_and_labels_do_not_collide(qtbot):
    state = AppState(bundled_or_built())
    p = MapPanel(state)
    qtbot.addWidget(p)
    p.resize(560, 460)
    p.show()
    p.view.fit()
    inset = p.view.inset_rect()
    assert not inset.isEmpty()
    boxes = []
    for item in p.scene.nodes.values():
        if item.isVisible() and item.label.isVisible():
            r = item.label.sceneBoundingRect()
            boxes.append(p.view.mapFromScene(r).boundingRect())
    assert len(boxes) >= 8
    countries = [n for n, item in p.scene.nodes.items() if item.spec.type == "country" and item.isVisible()
                 and n in p.scene.placement.theatre]
    assert all(p.scene.nodes[n].label.isVisible() for n in countries)
    for i, a in enumerate(boxes):
        assert not a.intersects(inset.toRect().adjusted(1, 1, -1, -1))
        for b in boxes[i + 1:]:
            assert not a.adjusted(1, 1, -1, -1).intersects(b.adjusted(1, 1, -1, -1))


def test_exported_figure_frames_the_theatre_with_an_inset(qapp, monkeypatch):
    from briefing_app.render.map import image as map_render

    seen = {}
    real = map_render.paint_inset

    def spy(p, scene, source, box, outline, title):
        seen["title"], seen["box"] = title, box
        return real(p, scene, source, box, outline, title)

    monkeypatch.setattr(map_render, "paint_inset", spy)
    img = render_map_image(bundled_or_built(), dt.date(2023, 6, 15), "map", (2007, 1244))
    assert (img.width(), img.height()) == (2007, 1244)
    assert "Japan" in seen["title"] and "South Korea" in seen["title"]
    assert seen["box"].width() > 0.3 * map_render.LOGICAL_WIDTH
