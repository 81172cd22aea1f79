"""TimelinePanel: cursor bound to AppState both ways, clicks → selection + passage."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from timeline_sample import sample_workspace

from briefing_app.viewmodel.timeline.coords import day_to_x
from briefing_app.model.types import Event, RelationState, Workspace
from briefing_app.model.dates import PartialDate as P
from briefing_app.state import AppState
from briefing_app.render.timeline.image import render_timeline_image
from briefing_app.ui.timeline.panel import TimelinePanel

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


# -- lanes that do not fit: readable rows and vertical scrolling -------------------------
def _many_lane_workspace(n: int = 12) -> Workspace:
    from briefing_app.model.types import Relation

    rels = tuple(
        Relation(f"r{i}-{k}", "alliance", (f"a{i}", f"b{i}"), (RelationState("active", P(2000 + k)),), label=f"Relation {i}.{k}")
        for i in range(n)
        for k in range(2)
    )
    return Workspace(relations=rels)


@pytest.fixture
def short_panel(qtbot):
    st = AppState(_many_lane_workspace())
    p = TimelinePanel(st, today=TODAY)
    qtbot.addWidget(p)
    p.resize(900, 200)
    p.show()
    qtbot.waitExposed(p)
    return p


def _wheel(qtbot, widget, pos: QPoint, dy: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    from PySide6.QtCore import QPointF as F
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    ev = QWheelEvent(F(pos), F(widget.mapToGlobal(pos)), QPoint(0, 0), QPoint(0, dy), Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, ev)


def test_short_dock_keeps_rows_readable_and_scrolls(short_panel, qtbot):
    v = short_panel.view
    lay = v.layout_v
    assert lay.unit_px >= 20 and lay.scrollable  # SCREEN_MIN_UNIT_PX: 11-px labels still fit
    assert v.v_scroll.isVisible()
    assert v.v_scroll.maximum() > 0 and v.v_scroll.value() == 0
    # the lane axis shows only what fits, without overlaps
    hs = v.lane_axis.headers
    assert hs and all(a.text_bottom <= b.text_top + 1e-6 for a, b in zip(hs, hs[1:]))
    # scroll by the scrollbar, down to the end and not beyond
    v.v_scroll.setValue(v.v_scroll.maximum())
    assert v.layout_v.top == pytest.approx(lay.max_top, abs=0.05)
    top_y, bottom_y = sorted(v.getPlotItem().vb.viewRange()[1])
    assert bottom_y == pytest.approx(short_panel.geom.height + 0.15, abs=0.05)  # the last lane at the bottom edge
    v.scroll_by_px(10_000)
    assert v.layout_v.top == pytest.approx(lay.max_top)
    # the headers moved with the lanes: the last lane's header is now shown
    assert any(h.kind == "lane" and h.index == len(short_panel.geom.lanes) - 1 for h in v.lane_axis.headers)
    v.scroll_by_px(-10_000)
    assert v.layout_v.top == pytest.approx(lay.min_top)


def test_lanes_below_the_view_are_drawn_when_scrolled_to(qtbot):
    st = AppState(_many_lane_workspace(60))
    p = TimelinePanel(st, today=TODAY)
    qtbot.addWidget(p)
    p.resize(900, 200)
    p.show()
    qtbot.waitExposed(p)
    v, g = p.view, p.geom
    last = g.rows[g.lanes[-1].rows[-1]].y
    def drawn(y):
        return bool(np.any(np.abs((v.detail.bar_y0 + v.detail.bar_y1) / 2 - y) < 1e-6))
    assert drawn(g.rows[g.lanes[0].rows[0]].y) and not drawn(last)  # the lanes in view (and a view more), first
    v.v_scroll.setValue(v.v_scroll.maximum())
    assert drawn(last)


def test_wheel_over_headers_or_with_shift_scrolls_lanes_plain_wheel_zooms_time(short_panel, qtbot):
    v = short_panel.view
    vb = v.getPlotItem().vb
    header_pos = v.mapFromScene(v.lane_axis.sceneBoundingRect().center())
    plot_pos = v.mapFromScene(vb.sceneBoundingRect().center())
    x0 = v.x_range()
    _wheel(qtbot, v.viewport(), header_pos, -120)
    assert v.layout_v.top > v.layout_v.min_top
    assert v.x_range() == pytest.approx(x0)
    top = v.layout_v.top
    _wheel(qtbot, v.viewport(), plot_pos, -120, Qt.KeyboardModifier.ShiftModifier)
    assert v.layout_v.top > top
    assert v.x_range() == pytest.approx(x0)
    top = v.layout_v.top
    _wheel(qtbot, v.viewport(), plot_pos, 120)  # zoom in on time, lanes stay
    lo, hi = v.x_range()
    assert hi - lo < x0[1] - x0[0]
    assert v.layout_v.top == pytest.approx(top)


def test_keys_scroll_lanes(short_panel, qtbot):
    v = short_panel.view
    qtbot.keyClick(v, Qt.Key.Key_PageDown)
    assert v.layout_v.top > v.layout_v.min_top
    qtbot.keyClick(v, Qt.Key.Key_Up)
    qtbot.keyClick(v, Qt.Key.Key_PageUp)
    assert v.layout_v.top == pytest.approx(v.layout_v.min_top)


def test_header_hover_names_lane_and_click_selects_relation(short_panel, qtbot):
    v = short_panel.view
    hs = v.lane_axis.headers
    row = next(h for h in hs if h.kind == "row")
    text = v.lane_axis.mapToScene(QPointF(10, v.lane_axis._origin + (row.text_top + row.text_bottom) / 2))
    assert v.header_at(text) == row
    relation = short_panel.geom.rows[row.index].relation
    with qtbot.waitSignal(short_panel.state.selection_changed):
        qtbot.mouseClick(v.viewport(), Qt.MouseButton.LeftButton, pos=v.mapFromScene(text))
    assert short_panel.state.selection == ("relation", relation)


def test_recent_button_shows_the_busy_years(panel):
    panel.recent_button.click()
    lo, hi = panel.view.x_range()
    assert lo < day_to_x(dt.date(2023, 3, 16)) < hi
    assert lo > day_to_x(dt.date(1966, 1, 1))  # the colonial era and 1965 are out of this view
    panel.fit_button.click()
    lo, hi = panel.view.x_range()
    assert lo < day_to_x(dt.date(1910, 1, 1))


def test_cursor_date_is_tagged_on_the_axis(panel, state):
    state.set_time_cursor(dt.date(2019, 8, 22))
    assert panel.view.date_axis._cursor == (pytest.approx(day_to_x(dt.date(2019, 8, 22)) + 0.5), "2019-08-22")


def test_figure_scales_text_with_width_and_grows_to_show_every_lane(qapp):
    from briefing_app.render.timeline.image import figure_scale

    assert figure_scale(700) == figure_scale(800) == 1.0  # screen sizes: as on screen
    assert figure_scale(2000) == pytest.approx(2.5)
    ws = _many_lane_workspace(12)
    small = render_timeline_image(ws, (800, 200), today=TODAY)
    big = render_timeline_image(ws, (2000, 500), today=TODAY)
    assert small.width() == 800 and big.width() == 2000
    # 36 rows at a readable height need more than was asked for: the images grew
    assert small.height() > 200 and big.height() > 500
    # scaled with the width: the print figure is ~2.5 times the screen figure in every direction
    assert big.height() / small.height() == pytest.approx(2.5, rel=0.15)
    # never more than a page: thinner lanes instead
    huge = render_timeline_image(_many_lane_workspace(60), (1000, 300), today=TODAY)
    assert huge.height() <= 1.35 * 1000 + 1
    with pytest.raises(ValueError, match="scale"):
        render_timeline_image(ws, (800, 200), today=TODAY, scale=0.0)


def test_selecting_an_actor_scrolls_its_lanes_into_view(short_panel):
    v = short_panel.view
    last = len(v.geom.lanes) - 1
    assert v.geom.lanes[last].top > v.layout_v.bottom  # the last pair's lane starts out of view
    short_panel.state.select("entity", "a11")
    ln = v.geom.lanes[last]
    assert v.layout_v.top <= ln.top and ln.top < v.layout_v.bottom


def test_opens_on_the_recent_period_not_the_whole_history(qtbot):
    from briefing_app.model.io import load_workspace
    from briefing_app.viewmodel.timeline.layout import recent_range

    ws = load_workspace(Path(__file__).resolve().parents[2] / "data" / "japan-korea.briefing.yaml")
    st = AppState(ws)
    p = TimelinePanel(st, today=TODAY)
    qtbot.addWidget(p)
    p.resize(1200, 400)
    p.show()
    qtbot.waitExposed(p)
    lo, hi = p.view.x_range()
    r_lo, r_hi = recent_range(p.geom)
    e_lo, e_hi = p.geom.extent()
    assert lo >= r_lo - 0.05 * (r_hi - r_lo) and hi <= r_hi + 0.05 * (r_hi - r_lo)
    assert (hi - lo) < 0.5 * (e_hi - e_lo)  # not 1910-2025


def test_selected_event_shows_its_card_with_quote_and_source(panel, state):
    assert panel.card.isHidden()
    state.select("event", "ev-court")
    text = panel.card.text()
    assert not panel.card.isHidden()
    assert "Supreme Court forced-labour ruling" in text and "30 Oct 2018" in text
    ann = state.workspace.annotation_by_id["ann-1"]
    assert " ".join(ann.selector.exact.split())[:40] in text
    assert "Actors: Japan, South Korea" in text
    state.select("entity", "jpn")
    assert panel.card.isHidden()


def test_visible_period_is_kept_per_workspace(qtbot, tiny_workspace_path):
    first_state = AppState()
    first = TimelinePanel(first_state, today=TODAY)
    qtbot.addWidget(first)
    first.remember_view_state = True
    first_state.open(tiny_workspace_path)
    first.view.set_x_range(day_to_x(dt.date(2019, 3, 1)), day_to_x(dt.date(2020, 9, 1)))
    first.save_view_state()

    again = AppState()
    second = TimelinePanel(again, today=TODAY)
    qtbot.addWidget(second)
    second.remember_view_state = True
    again.open(tiny_workspace_path)
    lo, hi = second.view.x_range()
    assert lo == pytest.approx(day_to_x(dt.date(2019, 3, 1)), abs=1.5)
    assert hi == pytest.approx(day_to_x(dt.date(2020, 9, 1)), abs=1.5)


def test_timeline_follows_a_dark_palette(qtbot, state):
    from briefing_app.render.timeline import style as tl_style
    from briefing_app.ui.palette import make_palette

    p = TimelinePanel(state, today=TODAY)
    qtbot.addWidget(p)
    assert p.view.theme is tl_style.LIGHT
    p.setPalette(make_palette("dark"))
    assert p.view.theme is tl_style.DARK
    assert p.view.date_axis.theme is tl_style.DARK and p.view.lane_axis.theme is tl_style.DARK
    img = p.view.grab().toImage()
    assert img.pixelColor(img.width() - 20, img.height() // 2).lightness() < 90  # a dark plot, not a white slab


def test_a_narrow_legend_drops_whole_entries(qtbot, state):
    p = TimelinePanel(state, today=TODAY)
    qtbot.addWidget(p)
    p.resize(1400, 300)
    p.show()
    qtbot.waitExposed(p)
    wide = p.legend.text()
    p.resize(760, 300)
    qtbot.waitUntil(lambda: p.legend.text() != wide, timeout=2000)
    narrow = p.legend.text()
    assert narrow.endswith("…")
    assert narrow.count("&nbsp;&nbsp; ") < wide.count("&nbsp;&nbsp; ")
    assert narrow[: narrow.rindex("&nbsp;&nbsp; …")] in wide  # the entries shown are whole
    assert "proposed" in p.legend.toolTip() and "suspended" in p.legend.toolTip()


def test_selecting_an_event_elsewhere_brings_it_into_view(short_panel):
    from briefing_app.model.types import Event

    v = short_panel.view
    ws = short_panel.state.workspace
    ev = Event("late", P(2005, 6), "Late event", participants=("a11", "b11"))
    short_panel.state.apply("Add event", dataclasses.replace(ws, events=(ev,)))
    k = v.geom.event_index("late")
    lane = v.geom.lanes[int(v.geom.ev_lane[k])]
    short_panel.view.scroll_to(0.0)
    assert lane.top > v.layout_v.bottom
    short_panel.state.select("event", "late")
    assert v.layout_v.top <= lane.event_y <= v.layout_v.bottom
    lo, hi = v.x_range()
    assert lo <= v.geom.ev_x0[k] <= hi
