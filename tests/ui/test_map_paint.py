"""What makes a map time step cheap: cached background, no index churn, hairlines when dense."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsView

from briefing_app.model.dates import PartialDate
from briefing_app.model.types import Entity, Relation, RelationState, Workspace
from briefing_app.render.map import style
from briefing_app.render.map.scene import DENSE_EDGES, MapScene
from briefing_app.ui.map.view import MapView
from briefing_app.viewmodel.map import geo


def _workspace(n_relations: int) -> Workspace:
    isos = sorted(geo.load_countries())[:60]
    ents = tuple(Entity(i.lower(), i, "country", country=i) for i in isos)
    rels = []
    for k in range(n_relations):
        a, b = ents[k % len(ents)], ents[(k * 7 + 1) % len(ents)]
        if a.id == b.id:
            b = ents[(k + 1) % len(ents)]
        rels.append(Relation(f"r{k:04d}", "alliance", (a.id, b.id), (RelationState("active", PartialDate(2000)),)))
    return Workspace(entities=ents, relations=tuple(rels))


def test_background_is_painted_by_the_scene(qapp):
    scene = MapScene()
    scene.set_workspace(_workspace(3))
    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    image.fill(QColor("black"))
    p = QPainter(image)
    scene.render(p, QRectF(0, 0, 400, 300), scene.default_rect())
    p.end()
    colours = {image.pixelColor(x, y).name() for x in range(0, 400, 10) for y in range(0, 300, 10)}
    assert style.OCEAN in colours
    assert style.COUNTRY_FILL in colours or style.COUNTRY_TINT in colours


def test_view_caches_the_background_and_scene_has_no_index(qapp):
    scene = MapScene()
    view = MapView(scene)
    assert view.cacheMode() & QGraphicsView.CacheModeFlag.CacheBackground
    assert scene.itemIndexMethod() == scene.ItemIndexMethod.NoIndex


def test_dense_maps_draw_hairlines_sparse_maps_full_pens(qapp):
    sparse, dense = MapScene(), MapScene()
    sparse.day = dense.day = dt.date(2010, 1, 1)
    sparse.set_workspace(_workspace(20))
    dense.set_workspace(_workspace(DENSE_EDGES + 50))
    assert all(e.pen().widthF() > 1.5 for e in sparse.edges.values() if e.isVisible())
    shown = [e for e in dense.edges.values() if e.isVisible()]
    assert len(shown) > DENSE_EDGES
    assert all(e.pen().widthF() == 1.0 for e in shown)
    first = next(iter(dense.edges))
    dense.set_selection("relation", dense.edges[first].spec.relation)
    assert dense.edges[first].pen().widthF() > 1.5  # the selected one stands out


def test_leader_line_only_for_labels_away_from_their_marker():
    from briefing_app.viewmodel.map.labels import leader_line

    assert leader_line((8.0, -5.0), (40.0, 10.0), 5.0) is None  # right next to it
    line = leader_line((40.0, -5.0), (40.0, 10.0), 5.0)
    assert line is not None
    x0, y0, x1, y1 = line
    assert (x0, y0) == (5.0, 0.0) and (x1, y1) == (40.0, 0.0)  # marker edge to the box's nearest point


def test_crowded_labels_go_further_out_rather_than_vanish():
    from briefing_app.viewmodel.map.labels import place_labels

    # nine actors on top of one another: the near rings hold a few labels, the leader rings the rest
    anchors = [(300.0 + i * 2, 200.0) for i in range(9)]
    offsets = place_labels(anchors, [(60.0, 11.0)] * 9, [4.0] * 9, bounds=(0, 0, 600, 400))
    assert all(o is not None for o in offsets)
    boxes = [(a[0] + o[0], a[1] + o[1], a[0] + o[0] + 60, a[1] + o[1] + 11) for a, o in zip(anchors, offsets)]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_inset_never_covers_an_actor(qtbot):
    from briefing_app.state import AppState
    from briefing_app.ui.map.panel import MapPanel
    from briefing_app.model.io import load_workspace
    from pathlib import Path

    ws = load_workspace(Path(__file__).resolve().parents[2] / "data" / "japan-korea.briefing.yaml")
    for size in ((480, 380), (700, 560), (900, 600)):
        p = MapPanel(AppState(ws))
        qtbot.addWidget(p)
        p.resize(*size)
        p.show()
        qtbot.waitExposed(p)
        p.view.fit()
        inset = p.view.inset_rect()
        if inset.isEmpty():
            continue
        t = p.view.viewportTransform()
        for item in p.scene.nodes.values():
            if item.isVisible():
                pt = t.map(item.pos())
                assert not inset.contains(pt.x() + item.offset[0], pt.y() + item.offset[1]), (size, item.spec.name)


def test_shown_view_paints_ocean_and_land_on_a_light_margin_in_any_palette(qtbot):
    from briefing_app.ui.palette import make_palette

    scene = MapScene()
    scene.set_workspace(_workspace(5))
    view = MapView(scene)
    qtbot.addWidget(view)
    view.setPalette(make_palette("dark"))
    view.show_inset = False  # only the view's own background counts here
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.fit_all()
    image = view.viewport().grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, 600, 6) for y in range(0, 400, 6)}
    assert style.OCEAN in colours
    assert style.COUNTRY_FILL in colours or style.COUNTRY_TINT in colours
    assert all(QColor(c).lightness() > 100 for c in (image.pixelColor(1, 1).name(),))  # margin stays light
