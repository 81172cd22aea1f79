"""TimelinePanel: cursor bound to AppState both ways, clicks → selection + passage."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from timeline_sample import sample_workspace

from briefing_app.analysis.timeline_geometry import day_to_x
from briefing_app.model.types import Event, RelationState, Workspace
from briefing_app.model.dates import PartialDate as P
from briefing_app.state import AppState
from briefing_app.ui.timeline_panel import TimelinePanel, render_timeline_image

TODAY = dt.date(2024, 1, 1)
# Showing a widget on the offscreen platform warns about size hints: not ours.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def state():
    return AppState(sample_workspace())


@pytest.fixture
def panel(qtbot, state):
    p = TimelinePanel(state, today=TODAY)
    qtbot.addWidget(p)
    p.resize(1100, 520)
    p.show()
    qtbot.waitExposed(p)
    return p


def _viewport_pos(panel: TimelinePanel, x: float, y: float) -> QPoint:
    scene = panel.view.getPlotItem().vb.mapViewToScene(QPointF(x, y))
    return panel.view.mapFromScene(scene)


def test_state_cursor_moves_the_line(panel, state):
    state.set_time_cursor(dt.date(1919, 3, 1))
    assert panel.view.cursor.value() == pytest.approx(day_to_x(dt.date(1919, 3, 1)) + 0.5)
    assert panel.view.cursor_day == dt.date(1919, 3, 1)


def test_dragging_the_line_sets_the_state_cursor(panel, state, qtbot):
    with qtbot.waitSignal(state.time_cursor_changed) as sig:
        panel.view.cursor.setValue(day_to_x(dt.date(2019, 8, 22)) + 0.3)  # what a drag does
    assert sig.args == ["2019-08-22"]
    assert state.time_cursor == dt.date(2019, 8, 22)
    # the same day again: no new signal (no feedback loop)
    with qtbot.assertNotEmitted(state.time_cursor_changed):
        panel.view.cursor.setValue(day_to_x(dt.date(2019, 8, 22)) + 0.7)


def test_click_on_event_selects_it_and_requests_its_passage(panel, state, qtbot):
    g = panel.geom
    panel.view.set_x_range(day_to_x(dt.date(2018, 6, 1)), day_to_x(dt.date(2019, 3, 1)))
    k = g.event_index("ev-court")
    pos = _viewport_pos(panel, g.ev_x0[k] + 0.5, g.ev_y[k])
    with qtbot.waitSignal(state.passage_requested) as sig:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    ann = state.workspace.annotation_by_id["ann-1"]
    assert sig.args == ["doc-a", ann.selector.start, ann.selector.end]
    assert state.selection == ("event", "ev-court")
    assert state.current_document == "doc-a"


def test_click_on_span_selects_relation_and_shows_state_evidence(panel, state, qtbot):
    g = panel.geom
    panel.view.set_x_range(day_to_x(dt.date(2019, 1, 1)), day_to_x(dt.date(2020, 6, 1)))
    row = next(r for r in g.rows if r.relation == "jpn-kor-gsomia")
    pos = _viewport_pos(panel, day_to_x(dt.date(2019, 10, 1)), row.y)  # termination notified
    with qtbot.waitSignal(state.passage_requested) as sig:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    ann = state.workspace.annotation_by_id["ann-2"]
    assert sig.args == [ann.document, ann.selector.start, ann.selector.end]
    assert state.selection == ("relation", "jpn-kor-gsomia")


def test_click_on_unsourced_event_says_so(panel, state, qtbot):
    g = panel.geom
    k = g.event_index("ev-kishida-seoul")
    with qtbot.waitSignal(state.message_posted) as sig, qtbot.assertNotEmitted(state.passage_requested):
        panel.view.event_clicked.emit(k)
    assert "no evidence" in sig.args[0]
    assert state.selection == ("event", "ev-kishida-seoul")


def test_click_on_cluster_zooms_in_until_it_opens(panel, state, qtbot):
    panel.view.fit_all()
    d = panel.view.detail
    i = int(np.argmax(d.pt_count))
    assert d.pt_count[i] > 1
    lo, hi = panel.view.x_range()
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=_viewport_pos(panel, d.pt_x[i], d.pt_y[i]))
    lo2, hi2 = panel.view.x_range()
    assert hi2 - lo2 < (hi - lo) / 5


def test_selecting_an_entity_dims_other_lanes(panel, state):
    state.select("entity", "prk")
    f = panel.view.focus
    assert f.active
    on = [ln.label for ln, flag in zip(panel.geom.lanes, f.lanes) if flag]
    assert on == ["North Korea"]
    assert panel.view.detail.bar_dim.any()
    state.select("", "")
    assert not panel.view.focus.active
    assert not panel.view.detail.bar_dim.any()


def test_arrow_keys_step_through_events_and_move_the_cursor(panel, state, qtbot):
    state.set_time_cursor(dt.date(2023, 3, 1))
    qtbot.keyClick(panel.view, Qt.Key.Key_Right)
    assert state.time_cursor == dt.date(2023, 3, 16)
    assert state.selection == ("event", "ev-yoon-visit")
    qtbot.keyClick(panel.view, Qt.Key.Key_Right)  # same day: the other event
    assert state.selection == ("event", "ev-yoon-kishida")
    qtbot.keyClick(panel.view, Qt.Key.Key_Right)
    assert state.time_cursor == dt.date(2023, 5, 7)
    qtbot.keyClick(panel.view, Qt.Key.Key_Left)
    assert state.selection == ("event", "ev-yoon-kishida")
    lo, hi = panel.view.x_range()
    assert lo <= day_to_x(dt.date(2023, 3, 16)) <= hi


def test_zoom_to_selection_and_fit_all(panel, state):
    state.select("event", "ev-court")
    panel.zoom_to_selection()
    lo, hi = panel.view.x_range()
    assert hi - lo < 120 and lo < day_to_x(dt.date(2018, 10, 30)) < hi
    panel.view.fit_all()
    lo, hi = panel.view.x_range()
    assert lo < day_to_x(dt.date(1910, 1, 1)) and hi > day_to_x(dt.date(2023, 8, 18))


def test_bucket_lists_items_off_the_timeline(panel, state):
    text = panel.bucket_button.text()
    assert "2 off the timeline" in text and "2 unsourced" in text
    actions = [a.text() for a in panel.bucket_button.menu().actions()]
    assert "Talks at some point" in actions
    act = next(a for a in panel.bucket_button.menu().actions() if a.text() == "Talks at some point")
    act.trigger()
    assert state.selection == ("event", "ev-undated")


def test_edits_keep_the_view_and_replacing_fits(panel, state):
    panel.view.set_x_range(day_to_x(dt.date(2020, 1, 1)), day_to_x(dt.date(2021, 1, 1)))
    ws = state.workspace
    state.apply("add event", ws.with_(events=ws.events + (Event("ev-new", P(2020, 6), "New"),)))
    assert panel.geom.event_index("ev-new") is not None
    lo, hi = panel.view.x_range()
    assert lo == pytest.approx(day_to_x(dt.date(2020, 1, 1)))
    state.undo_stack.undo()
    assert panel.geom.event_index("ev-new") is None
    state.replace_workspace(Workspace(events=(Event("e1", P(1800), "Old"),)), None)
    lo, hi = panel.view.x_range()
    assert lo < day_to_x(dt.date(1800, 1, 1)) < hi
    assert [ln.label for ln in panel.geom.lanes] == ["Other events"]


def test_relation_states_open_to_today_are_marked(panel):
    d = panel.view.detail
    assert len(d.open_x) >= 5
    assert (d.open_x == day_to_x(TODAY) + 1).all()


def test_render_timeline_image_headless(qapp):
    img = render_timeline_image(sample_workspace(), (900, 360), dt.date(2023, 4, 30), today=TODAY, grow=False)
    assert (img.width(), img.height()) == (900, 360)
    colours = {img.pixel(x, y) for x in range(0, 900, 7) for y in range(0, 360, 7)}
    assert len(colours) > 10  # lanes, spans and labels were drawn, not a blank page
    with pytest.raises(ValueError, match="too small"):
        render_timeline_image(sample_workspace(), (10, 10))


def test_render_with_range_and_states_before_1970(qapp):
    ws = Workspace(
        relations=(),
        events=(Event("a", P(1910), "Annexation", end=P(1945)), Event("b", P(1919, 3, 1), "March First Movement")),
    )
    img = render_timeline_image(ws, (600, 200), x_range=(dt.date(1900, 1, 1), dt.date(1950, 1, 1)), today=TODAY)
    assert not img.isNull()
    _ = RelationState  # the model type stays importable alongside the panel
