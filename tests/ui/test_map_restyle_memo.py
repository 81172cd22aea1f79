"""The map scene computes what is shown once per topology, states and filters, and again when one changes."""

from __future__ import annotations

import dataclasses
import datetime as dt

from briefing_app.render.map.scene import MapScene
from briefing_app.viewmodel.map import model as mm


def _counting(monkeypatch, name):
    calls = []
    real = getattr(mm, name)
    monkeypatch.setattr(mm, name, lambda *a, **k: calls.append(1) or real(*a, **k))
    return calls


def _shown(scene):
    return {k for k, e in scene.edges.items() if e.isVisible()}, {n for n, i in scene.nodes.items() if i.isVisible()}


def test_restyles_with_nothing_changed_reuse_what_is_shown_and_a_change_recomputes_it(qapp, monkeypatch, tiny_workspace):
    visible = _counting(monkeypatch, "visible_keys")
    states = _counting(monkeypatch, "states_at")
    scene = MapScene()
    scene.day = dt.date(2020, 1, 1)
    scene.set_workspace(tiny_workspace)
    scene.set_day(dt.date(2020, 1, 1))  # the panel's cursor sync after an open: the same day
    scene.set_compare(None)
    scene.set_selection("relation", "jpn-kor-gsomia")
    assert (len(states), len(visible)) == (1, 1)
    assert "jpn-kor-gsomia" in {e.spec.relation for e in scene.edges.values() if e.isVisible()}

    scene.set_filters({"threat"}, None)  # a filter: recomputed, and the GSOMIA line goes
    assert len(visible) == 2
    assert all(scene.edges[k].spec.kind == "threat" for k in _shown(scene)[0])
    scene.set_filters(None, None)
    scene.set_day(dt.date(2010, 1, 1))  # another day: new states, new answer (nothing in force yet)
    assert (len(states), len(visible)) == (2, 4)
    assert _shown(scene)[0] == set()
    scene.set_day(dt.date(2020, 1, 1))
    fresh = MapScene()
    fresh.day = dt.date(2020, 1, 1)
    fresh.set_workspace(tiny_workspace)
    fresh.set_selection("relation", "jpn-kor-gsomia")
    assert _shown(scene) == _shown(fresh)


def test_a_new_snapshot_on_the_same_day_gets_its_own_states(qapp, tiny_workspace):
    scene = MapScene()
    scene.day = dt.date(2020, 1, 1)
    scene.set_workspace(tiny_workspace)
    assert scene.states["jpn-kor-gsomia"] == "termination-notified"
    rel = tiny_workspace.relation_by_id["jpn-kor-gsomia"]
    ended = dataclasses.replace(rel, states=rel.states[:1])  # only the first state (to 2019-08)
    ws2 = tiny_workspace.with_(relations=tuple(ended if r.id == rel.id else r for r in tiny_workspace.relations))
    scene.ws = ws2  # as an image render sets it before a day (render/map/image.py)
    scene.set_day(dt.date(2020, 1, 1))
    assert scene.states["jpn-kor-gsomia"] is None

