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
