"""Timeline geometry: lanes, spans, markers, clusters, buckets and date ticks."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from timeline_sample import sample_workspace

from briefing_app.viewmodel.timeline.axis import date_ticks
from briefing_app.viewmodel.timeline.coords import X_MIN, day_to_x, partial_bounds, x_to_day
from briefing_app.viewmodel.timeline.descriptions import describe_event, describe_span, first_passage
from briefing_app.viewmodel.timeline.detail import (
    BAR_CAP,
    BAR_EVENT,
    BAR_SPAN,
    BAR_SPAN_AGGREGATE,
    hit_test,
    level_of_detail,
)
from briefing_app.viewmodel.timeline.geometry import BRACKET, POINT, RANGE, build_geometry
from briefing_app.viewmodel.timeline.lane_names import OTHER_LANE
from briefing_app.viewmodel.timeline.layout import (
    MAX_UNIT_PX,
    MIN_UNIT_PX,
    Y_PAD,
    content_px,
    header_rects,
    recent_range,
    vertical_layout,
)
from briefing_app.viewmodel.timeline.selection import focus_for, neighbour_event
from briefing_app.model.dates import PartialDate as P
from briefing_app.model.types import Event, Relation, RelationState, Workspace

TODAY = dt.date(2024, 1, 1)


def x(y: int, m: int = 1, d: int = 1) -> float:
    return day_to_x(dt.date(y, m, d))


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return sample_workspace()


@pytest.fixture(scope="module")
def geom(ws):
    return build_geometry(ws, TODAY)


# -- coordinates ---------------------------------------------------------------
def test_day_x_round_trip_before_1970_and_far_past():
    for day in (dt.date(1, 1, 1), dt.date(1066, 10, 14), dt.date(1910, 8, 29), dt.date(1969, 12, 31), dt.date(2023, 3, 16)):
        assert x_to_day(day_to_x(day)) == day
        assert x_to_day(day_to_x(day) + 0.99) == day
    assert day_to_x(dt.date(1910, 1, 1)) < day_to_x(dt.date(1970, 1, 1))


def test_x_to_day_clamps_and_rejects_nan():
    assert x_to_day(-5) == dt.date(1, 1, 1)
    assert x_to_day(1e9) == dt.date(9999, 12, 31)
    with pytest.raises(ValueError):
        x_to_day(float("nan"))


def test_vectorised_ordinals_match_python_dates():
    dates = [P(1900), P(1904, 2), P(2000, 2), P(2023, 12, 31), P(1, 1, 1), P(1600, 2, 29), P(1910)]
    first, last, prec = partial_bounds(dates)
    assert list(first) == [d.start.toordinal() for d in dates]
    assert list(last) == [d.end.toordinal() for d in dates]
    assert list(prec) == [int(d.precision) for d in dates]


# -- lanes -----------------------------------------------------------------------
def test_lanes_derived_from_members_with_short_names(geom):
    labels = [ln.label for ln in geom.lanes]
    assert "Japan–South Korea" in labels
    assert "US–Japan" in labels
    assert "US–Japan–ROK" in labels  # three actors: acronyms for multi-word names
    assert "North Korea" in labels  # an event-only lane for a single actor
    # dyads before the trilateral, and each lane once
    assert labels.index("US–Japan") < labels.index("US–Japan–ROK")
    assert len(labels) == len(set(labels))


def test_explicit_lane_merges_with_derived_lane_of_same_name():
    ws = sample_workspace()
    extra = Event("ev-x", P(2020), "Explicit lane event", lane="Japan–South Korea")
    ws = ws.with_(events=ws.events + (extra,))
    g = build_geometry(ws, TODAY)
    jk = [i for i, ln in enumerate(g.lanes) if ln.label == "Japan–South Korea"]
    assert len(jk) == 1
    assert g.ev_lane[g.event_index("ev-x")] == jk[0]


def test_member_order_does_not_split_lanes():
    rel = Relation("r2", "trade", ("jpn", "usa"), (RelationState("active", P(2000)),))
    ws = sample_workspace()
    g = build_geometry(ws.with_(relations=ws.relations + (rel,)), TODAY)
    us_jp = [ln for ln in g.lanes if set(ln.members) == {"usa", "jpn"}]
    assert len(us_jp) == 1 and len(us_jp[0].rows) == 2


def test_lane_order_is_stable_under_item_order(ws):
    a = build_geometry(ws, TODAY)
    b = build_geometry(ws.with_(relations=ws.relations[::-1], events=ws.events[::-1]), TODAY)
    assert [ln.label for ln in a.lanes] == [ln.label for ln in b.lanes]


def test_lanes_sort_numbers_naturally():
    evs = tuple(Event(f"e{i}", P(2000), "t", lane=f"Lane {i}") for i in (10, 2, 1))
    g = build_geometry(Workspace(events=evs), TODAY)
    assert [ln.label for ln in g.lanes] == ["Lane 1", "Lane 2", "Lane 10"]


def test_rows_sit_inside_their_lane(geom):
    for row in geom.rows:
        lane = geom.lanes[row.lane]
        assert lane.top < row.y < lane.bottom
    tops = [ln.top for ln in geom.lanes]
    assert tops == sorted(tops)


# -- spans and markers ---------------------------------------------------------
def test_spans_cover_states_and_open_ones_run_to_today(geom):
    i = [k for k, r in enumerate(geom.span_relation) if r == "jpn-kor-gsomia"]
    assert geom.span_x0[i[0]] == x(2016, 11, 1)
    assert geom.span_x1[i[0]] == x(2019, 8, 31) + 1  # a month `to` runs to its last day
    last = i[-1]
    assert geom.span_open[last]
    assert geom.span_x1[last] == day_to_x(TODAY) + 1
    assert not geom.span_open[i[0]]
    assert geom.state_names[geom.span_state[last]] == "restored"


def test_partial_dates_are_brackets_over_their_period(geom):
    k = geom.event_index("ev-1965")
    assert geom.ev_shape[k] == BRACKET
    assert (geom.ev_x0[k], geom.ev_x1[k]) == (x(1965), x(1966))  # the whole year, not 1 January
    k = geom.event_index("ev-export")
    assert (geom.ev_x0[k], geom.ev_x1[k]) == (x(2019, 7), x(2019, 8))
    k = geom.event_index("ev-court")
    assert geom.ev_shape[k] == POINT and geom.ev_x1[k] - geom.ev_x0[k] == 1
    k = geom.event_index("ev-colonial")
    assert geom.ev_shape[k] == RANGE
    assert (geom.ev_x0[k], geom.ev_x1[k]) == (x(1910), x(1946))  # `end: 1945` runs through 1945


def test_bucket_counts_undated_stateless_and_unsourced(geom):
    b = geom.bucket
    assert b.undated_events == ("ev-undated",)
    assert b.stateless_relations == ("prk-threat",)
    assert b.unsourced_events == ("ev-kishida-seoul",)
    assert b.unsourced_states == (("jpn-kor-gsomia", 2),)
    assert "1 undated event" in b.summary() and "1 unsourced state" in b.summary()
    # nothing silently dropped: dated events are all drawn
    assert geom.n_events + len(b.undated_events) == len(sample_workspace().events)


def test_evidence_pointing_to_missing_annotation_is_unsourced():
    ws = Workspace(events=(Event("e", P(2000), "t", evidence=("nope",)),))
    g = build_geometry(ws, TODAY)
    assert g.bucket.unsourced_events == ("e",)


def test_empty_workspace_has_an_extent():
    g = build_geometry(Workspace(), TODAY)
    lo, hi = g.extent()
    assert lo < day_to_x(TODAY) < hi
    d = level_of_detail(g, lo, hi, 500)
    assert len(d.pt_x) == 0 and len(d.bar_x0) == 0


# -- level of detail -------------------------------------------------------------
def test_same_day_events_cluster_and_open_up_when_zoomed(geom):
    yoon = {geom.event_index("ev-yoon-visit"), geom.event_index("ev-yoon-kishida")}
    wide = level_of_detail(geom, x(1900), x(2024), 1000)
    holders = [i for i in range(len(wide.pt_x)) if yoon <= set(wide.cluster_members(i))]
    assert holders and wide.pt_count[holders[0]] >= 2
    # two events on the same day stay one cluster even at day level
    day = level_of_detail(geom, x(2023, 3, 10), x(2023, 3, 25), 1000)
    same = [i for i in range(len(day.pt_x)) if yoon <= set(day.cluster_members(i))]
    assert len(same) == 1 and day.pt_count[same[0]] == 2
    # the 7 May visit is a cluster of its own at month level, merged at century level
    k = geom.event_index("ev-kishida-seoul")
    month = level_of_detail(geom, x(2023, 1), x(2023, 7), 1000)
    alone = [i for i in range(len(month.pt_x)) if k in set(month.cluster_members(i))]
    assert month.pt_count[alone[0]] == 1
    merged = [i for i in range(len(wide.pt_x)) if k in set(wide.cluster_members(i))]
    assert wide.pt_count[merged[0]] > 1


def test_clusters_count_every_visible_point_once(geom):
    d = level_of_detail(geom, x(1900), x(2024), 800)
    assert d.pt_count.sum() == len(d.members) == len(set(d.members.tolist()))
    assert (np.diff(d.pt_offsets) == d.pt_count).all()


def test_wide_events_become_bars_with_caps(geom):
    k = geom.event_index("ev-colonial")
    d = level_of_detail(geom, x(1900), x(1960), 1000)
    mine = (d.bar_ref == k) & np.isin(d.bar_kind, (BAR_EVENT, BAR_CAP))
    kinds = sorted(d.bar_kind[mine].tolist())
    assert kinds == sorted([BAR_EVENT, BAR_CAP, BAR_CAP])
    assert k not in set(d.members.tolist())
    # a year-precision event at century scale is a point, at decade scale a bracket
    y65 = geom.event_index("ev-1965")
    assert y65 in set(level_of_detail(geom, x(1000), x(2100), 800).members.tolist())
    d = level_of_detail(geom, x(1960), x(1970), 800)
    assert y65 in set(d.bar_ref[d.bar_kind == BAR_EVENT].tolist())


def test_narrow_spans_are_aggregated_and_wide_ones_kept():
    # 20 years of monthly states: mostly active, every third month strained
    states = tuple(
        RelationState("strained" if i % 3 == 0 else "active", P(2000 + i // 12, i % 12 + 1), P(2000 + i // 12, i % 12 + 1))
        for i in range(240)
    )
    ws = Workspace(relations=(Relation("r", "trade", ("a", "b"), states),))
    g = build_geometry(ws, TODAY)
    far = level_of_detail(g, x(1000), x(2100), 1000)  # a month is far below a pixel
    agg = far.bar_kind == BAR_SPAN_AGGREGATE
    assert agg.sum() == 1  # neighbouring bins of the same dominant state join
    assert far.bar_count[far.bar_kind != BAR_EVENT].sum() == 240
    assert g.state_names[far.bar_style[agg][0]] == "active"  # the state holding longest
    assert far.bar_x0[agg][0] == x(2000) and far.bar_x1[agg][0] == x(2020)
    near = level_of_detail(g, x(2005), x(2006), 1000)
    assert not (near.bar_kind == BAR_SPAN_AGGREGATE).any()
    assert (near.bar_kind == BAR_SPAN).sum() >= 12


def test_detail_reuse_only_within_cover_and_level(geom):
    d = level_of_detail(geom, x(2000), x(2010), 1000)
    w = x(2010) - x(2000)
    assert d.covers(x(2000) + w / 2, x(2010) + w / 2, 1000)
    assert not d.covers(x(2000) + 3 * w, x(2010) + 3 * w, 1000)
    assert not d.covers(x(2000), x(2001), 1000)  # zoomed in: another level


def test_bad_view_range_is_a_clear_error(geom):
    with pytest.raises(ValueError, match="view range"):
        level_of_detail(geom, 10.0, 10.0, 100)
    with pytest.raises(ValueError, match="width"):
        level_of_detail(geom, 0.0, 10.0, 0)


def test_focus_on_entity_dims_other_lanes_and_their_items(ws, geom):
    f = focus_for(ws, geom, "entity", "prk")
    labels = [ln.label for ln, on in zip(geom.lanes, f.lanes) if on]
    assert labels == ["North Korea"]
    assert f.events[geom.event_index("ev-missile")]
    assert not f.events[geom.event_index("ev-camp-david")]
    d = level_of_detail(geom, x(2022), x(2024), 1000, focus=f)
    assert d.pt_dim.any() and not d.pt_dim.all()
    f2 = focus_for(ws, geom, "entity", "gsomia")  # an agreement: the relation it embodies
    assert {geom.span_relation[i] for i in np.nonzero(f2.spans)[0]} == {"jpn-kor-gsomia"}
    assert not focus_for(ws, geom, "entity", "nobody").active


def test_focus_on_event_marks_it_without_dimming(ws, geom):
    f = focus_for(ws, geom, "event", "ev-1965")
    assert f.event == geom.event_index("ev-1965") and not f.active
    assert focus_for(ws, geom, "event", "nope").event is None


def test_focus_on_document_finds_citing_items(ws, geom):
    f = focus_for(ws, geom, "document", "doc-b")
    assert f.events[geom.event_index("ev-camp-david")]
    assert not f.events[geom.event_index("ev-court")]


def test_hit_test_finds_marker_then_span(geom):
    d = level_of_detail(geom, x(2023, 3, 1), x(2023, 4, 1), 1000)
    dpp = d.days_per_px
    k = geom.event_index("ev-yoon-visit")
    ey = geom.ev_y[k]
    hit = hit_test(geom, d, x(2023, 3, 16) + 0.5 + 2 * dpp, ey, dpp, 0.02)
    assert hit is not None and hit.kind == "cluster"  # two events that day
    row = next(r for r in geom.rows if r.relation == "jpn-kor-gsomia")
    hit = hit_test(geom, d, x(2023, 3, 25), row.y, dpp, 0.02)
    assert hit is not None and hit.kind == "span"
    assert geom.span_relation[hit.index] == "jpn-kor-gsomia"
    assert geom.state_names[geom.span_state[hit.index]] == "restored"
    assert hit_test(geom, d, x(2023, 3, 25), geom.lanes[0].event_y, dpp, 0.02) is None


def test_neighbour_event_steps_through_time(geom):
    nxt = neighbour_event(geom, dt.date(2023, 3, 16), +1)
    assert geom.ev_ids[nxt] == "ev-kishida-seoul"
    prv = neighbour_event(geom, dt.date(2023, 3, 16), -1)
    assert geom.ev_ids[prv] == "ev-missile"
    assert neighbour_event(geom, dt.date(1800, 1, 1), -1) is None
    # two events on 16 March 2023: stepping from the first visits the second
    a, b = geom.event_index("ev-yoon-visit"), geom.event_index("ev-yoon-kishida")
    assert neighbour_event(geom, dt.date(2023, 3, 16), +1, current=a) == b
    assert neighbour_event(geom, dt.date(2023, 3, 16), -1, current=b) == a
    assert geom.ev_ids[neighbour_event(geom, dt.date(1800, 1, 1), +1)] == "ev-colonial"


def test_first_passage_and_descriptions(ws, geom):
    assert first_passage(ws, ("missing", "ann-2")) == ("doc-a", 400, 420)
    assert first_passage(ws, ()) is None
    text = describe_event(ws, "ev-1965")
    assert "1965" in text and "Treaty on Basic Relations" in text and "Japan and South Korea" in text
    assert "Unsourced" in describe_event(ws, "ev-kishida-seoul")
    last = max(i for i, r in enumerate(geom.span_relation) if r == "jpn-kor-gsomia")
    assert "since Mar 2023" not in describe_span(ws, geom, last)
    assert "(open)" in describe_span(ws, geom, last)


# -- axis ticks ----------------------------------------------------------------
def _texts(labels):
    return [t for _, t in labels]


@pytest.mark.parametrize(
    ("lo", "hi", "step", "minor", "major"),
    [
        (x(1, 1, 1), x(2100), "100 years", "1900", "2nd millennium"),
        (x(1900), x(2024), "10 years", "1910", "20th century"),
        (x(1900), x(1960), "5 years", "1945", "20th century"),
        (x(1950), x(1970), "1 year", "1950", "1950s"),
        (x(2023), x(2024), "1 month", "Jul", "2023"),
        (x(2023, 3, 10), x(2023, 3, 25), "1 day", "16", "March 2023"),
    ],
)
def test_axis_labels_at_each_zoom_level(lo, hi, step, minor, major):
    t = date_ticks(lo, hi, 1000)
    assert t.step == step
    assert minor in _texts(t.minor_labels)
    assert major in _texts(t.major_labels)


def test_axis_before_1970_and_first_century():
    t = date_ticks(x(1, 1, 1), x(300), 900)
    assert "1st century" in _texts(t.major_labels) or "1st millennium" in _texts(t.major_labels)
    assert all(lo >= X_MIN for lo in t.minor)
    t = date_ticks(x(1812, 6, 1), x(1812, 6, 30), 900)
    assert t.step == "1 day" and "June 1812" in _texts(t.major_labels)


def test_axis_labels_do_not_overlap():
    for lo, hi in [(x(1900), x(2024)), (x(2023), x(2023, 2)), (x(1000), x(2000)), (x(2019), x(2024))]:
        width = 640
        t = date_ticks(lo, hi, width)
        px = [(lx - lo) * width / (hi - lo) for lx, _ in t.minor_labels]
        gaps = np.diff(px)
        widest = max(len(s) for s in _texts(t.minor_labels)) * 7
        assert (gaps >= widest).all()


def test_month_labels_shorten_to_fit_a_month():
    wide = date_ticks(x(2023, 3, 1), x(2023, 4, 15), 1000)
    assert "April 2023" in _texts(wide.major_labels)
    year = date_ticks(x(2023), x(2024), 1100)  # ~90 px a month: "September 2023" would overlap
    assert year.step == "10 days" and "Sep 2023" in _texts(year.major_labels)
    for lo, hi, w in [(x(2023), x(2024), 1100), (x(2023), x(2023, 4), 700)]:
        t = date_ticks(lo, hi, w)
        xs = [(lx - lo) * w / (hi - lo) for lx, _ in t.major_labels]
        for (a, ta), b in zip(zip(xs, _texts(t.major_labels)), xs[1:]):
            assert b - a >= len(ta) * 7, (ta, b - a)


def test_axis_pins_the_enclosing_period_at_the_left_edge():
    t = date_ticks(x(2023, 3, 10), x(2023, 3, 14), 800)  # no month boundary in view
    assert t.major_labels[0] == (x(2023, 3, 10), "March 2023")
    t = date_ticks(x(1913), x(1919), 300)
    assert t.major_labels[0][1] == "1910s"


def test_axis_rejects_bad_ranges():
    with pytest.raises(ValueError):
        date_ticks(5.0, 5.0, 100)
    with pytest.raises(ValueError):
        date_ticks(0.0, 5.0, -1)


# -- vertical layout, headers, recent period ------------------------------------------
def _many_lanes(n: int = 12) -> Workspace:
    rels = tuple(
        Relation(f"r{i}-{k}", "alliance", (f"a{i}", f"b{i}"), (RelationState("active", P(2000 + k)),), label=f"Relation {i}.{k}")
        for i in range(n)
        for k in range(2)
    )
    return Workspace(relations=rels)


@pytest.mark.parametrize("view_px", [40, 60, 100, 150, 200, 400])
def test_headers_never_overlap_at_small_heights(view_px):
    g = build_geometry(_many_lanes(), TODAY)
    for top in (None, 3.3, 7.77, 1e9):
        lay = vertical_layout(g.height, view_px, top)
        assert lay.unit_px >= MIN_UNIT_PX  # rows keep a readable height: the view scrolls instead
        hs = header_rects(g, lay, lane_text_px=15, row_text_px=13)
        assert hs, "some header is always visible"
        spans = sorted((h.text_top, h.text_bottom) for h in hs)
        for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
            assert a1 <= b0 + 1e-9  # no overlap
        for h in hs:
            assert 0 <= h.text_top and h.text_bottom <= view_px + 1e-9  # nothing cut by the view's edges
            assert h.band_top - 1e-9 <= h.text_top and h.text_bottom <= h.band_bottom + 1e-9  # inside its own row


def test_headers_follow_their_lanes_when_scrolled():
    g = build_geometry(_many_lanes(), TODAY)
    lay = vertical_layout(g.height, 150)
    lane3 = g.lanes[3]
    lay = lay.scrolled(lane3.top - lay.top)
    hs = header_rects(g, lay, lane_text_px=15, row_text_px=13)
    first = hs[0]
    assert (first.kind, first.index) == ("lane", 3)
    assert first.band_top == pytest.approx(0.0)
    # pixel position of the header = pixel position of its lane's event row
    assert (first.text_top + first.text_bottom) / 2 == pytest.approx(lay.to_px(lane3.event_y))


def test_headers_too_tight_are_left_out_not_squeezed():
    g = build_geometry(_many_lanes(), TODAY)
    lay = vertical_layout(g.height, 100, min_unit_px=6, max_unit_px=6)  # an overview at 6 px a row
    hs = header_rects(g, lay, lane_text_px=15, row_text_px=13)
    assert hs == []


def test_vertical_scroll_range_stops_at_the_lanes():
    g = build_geometry(_many_lanes(), TODAY)
    lay = vertical_layout(g.height, 150)
    assert lay.scrollable
    assert lay.top == lay.min_top == -Y_PAD
    assert lay.max_top + lay.visible == pytest.approx(g.height + Y_PAD)  # last lane meets the bottom edge
    assert lay.scrolled(1e6).top == lay.max_top
    assert lay.scrolled(-1e6).top == lay.min_top
    assert vertical_layout(g.height, 150, top=-50).top == lay.min_top
    # lanes that fit are stretched (within limits) and do not scroll
    small = build_geometry(_many_lanes(2), TODAY)
    fit = vertical_layout(small.height, 400)
    assert not fit.scrollable and MIN_UNIT_PX <= fit.unit_px <= MAX_UNIT_PX
    assert fit.visible * fit.unit_px == pytest.approx(400)
    needed = content_px(g.height, MIN_UNIT_PX)
    assert not vertical_layout(g.height, needed).scrollable
    with pytest.raises(ValueError):
        vertical_layout(g.height, 0)
    with pytest.raises(ValueError):
        vertical_layout(float("nan"), 100)


def test_lanes_ordered_by_first_date_other_events_last():
    evs = (
        Event("e1", P(2020), "late", lane="Late"),
        Event("e2", P(1950), "early", lane="Early"),
        Event("e3", P(1900), "other"),  # no participants, no lane: "Other events"
    )
    g = build_geometry(Workspace(events=evs), TODAY)
    assert [ln.label for ln in g.lanes] == ["Early", "Late", OTHER_LANE]


def test_recent_range_starts_after_the_last_quiet_gap(geom):
    # the sample: 1910, 1950-1953, 1965, then busy from November 2016 on
    lo, hi = recent_range(geom)
    assert hi == geom.extent()[1]
    assert lo == x(2016)  # 1 January of the busy period's first year
    # busy all along (no quiet gap): the latest half of the items
    evs = tuple(Event(f"e{i}", P(1900 + i), "t", participants=("a",)) for i in range(0, 120, 1))
    g = build_geometry(Workspace(events=evs), TODAY)
    assert recent_range(g)[0] == x(1959)
    # recent is at least two years, or all there is
    g1 = build_geometry(Workspace(events=(Event("a", P(2023, 3, 1), "a"), Event("b", P(2023, 3, 2), "b"))), TODAY)
    assert recent_range(g1) == g1.extent()
    evs2 = (Event("old", P(1900), "o"),) + tuple(Event(f"n{i}", P(2023, 6, 1 + i), "n") for i in range(5))
    lo2, hi2 = recent_range(build_geometry(Workspace(events=evs2), TODAY))
    assert hi2 - lo2 >= 730 and lo2 > x(1990)
    with pytest.raises(ValueError):
        recent_range(geom, min_share=0)


def test_geometry_is_reused_for_a_snapshot_seen_before(ws):
    a = build_geometry(ws, TODAY)
    assert build_geometry(ws.with_(), TODAY) is a or build_geometry(ws, TODAY) is a
    edited = ws.with_(events=ws.events + (Event("ev-z", P(2021), "z"),))
    b = build_geometry(edited, TODAY)
    assert b is not a and b.event_index("ev-z") is not None
    assert build_geometry(ws, TODAY) is a  # back to the first snapshot (an undo): no rebuild
    assert build_geometry(ws, dt.date(2030, 1, 1)) is not a  # another today: other open ends


def test_events_without_a_lane_join_their_participants_relation():
    from briefing_app.model.dates import PartialDate
    from briefing_app.model.types import Entity, Event, Relation, RelationState, Workspace

    ents = tuple(Entity(i, n, "country") for i, n in (("jpn", "Japan"), ("kor", "Korea"), ("usa", "USA"),
                                                      ("prk", "DPRK")))
    rels = (
        Relation("jk", "alliance", ("jpn", "kor"), (RelationState("active", PartialDate(2015)),)),
        Relation("tri", "alliance", ("usa", "jpn", "kor"), (RelationState("active", PartialDate(2017)),),
                 lane="Trilateral"),
    )
    events = (
        Event("e-exact", PartialDate(2019, 7), "Export controls", participants=("kor", "jpn")),
        Event("e-four", PartialDate(2022, 10), "Missile over Japan", participants=("prk", "jpn", "kor", "usa")),
        Event("e-two-of-three", PartialDate(2023, 8), "Camp David", participants=("usa", "kor", "prk")),
        Event("e-alone", PartialDate(2020, 1), "Launch", participants=("prk",)),
        Event("e-explicit", PartialDate(2021, 1), "Talks", participants=("jpn", "kor"), lane="Diplomacy"),
    )
    g = build_geometry(Workspace(entities=ents, relations=rels, events=events), today=dt.date(2024, 1, 1))
    lane_of = {g.ev_ids[k]: g.lanes[int(g.ev_lane[k])].key for k in range(g.n_events)}
    jk_lane = next(ln.key for ln in g.lanes if "jk" in [g.rows[i].relation for i in ln.rows])
    assert lane_of["e-exact"] == jk_lane
    assert lane_of["e-four"] == "Trilateral"  # covers the trilateral's three members: the largest relation inside
    assert lane_of["e-two-of-three"] == "Trilateral"  # shares two actors with it, none with a better fit
    assert lane_of["e-explicit"] == "Diplomacy"
    assert lane_of["e-alone"] not in (jk_lane, "Trilateral")
    assert not any("DPRK" in ln.key and "USA" in ln.key for ln in g.lanes)  # no auto-named group of four


def _lane_by_scan(participants, relation_lanes):
    """The rule of relation_lane_for, written as the plain scan of every relation."""
    actors = frozenset(participants)
    best, best_score = None, (0, 0)
    for members, key in relation_lanes:
        shared = len(members & actors)
        if shared >= 2 and (score := (int(members <= actors), shared)) > best_score:
            best, best_score = key, score
    return best if len(actors) >= 2 else None


def test_indexed_relation_lane_matches_the_scan_of_every_relation():
    import random

    from briefing_app.viewmodel.timeline.geometry import RelationLaneIndex, relation_lane_for

    rng = random.Random(15)
    actors = [f"a{i}" for i in range(9)]
    for _ in range(3000):
        lanes = [(frozenset(rng.sample(actors, rng.randint(1, 4))), f"lane{j}") for j in range(rng.randint(0, 14))]
        index = RelationLaneIndex(lanes)
        participants = rng.sample(actors, rng.randint(0, 6))
        expected = _lane_by_scan(participants, lanes)
        assert relation_lane_for(participants, lanes, {}) == expected
        assert relation_lane_for(participants, index, {}) == expected


def test_event_tooltip_names_its_actors():
    ws = sample_workspace()
    text = describe_event(ws, "ev-1965")
    assert "Actors: Japan, South Korea" in text


def _lane_workspace(n: int) -> Workspace:
    """``n`` lanes, each with two relations (one open) and a few events (some on one day: clusters)."""
    rels, events = [], []
    for i in range(n):
        for k in range(2):
            end = None if k else P(2010 + i % 7)
            rels.append(Relation(f"r{i}-{k}", "alliance", (f"a{i}", f"b{i}"),
                                 (RelationState("active", P(2000 + k), end),)))
        for j in range(3):
            events.append(Event(f"e{i}-{j}", P(2005, 1 + j % 2, 10), f"Event {i}.{j}", participants=(f"a{i}", f"b{i}")))
    return Workspace(relations=tuple(rels), events=tuple(events))


def test_detail_for_the_lanes_in_view_is_the_unbounded_detail_there():
    g = build_geometry(_lane_workspace(40), TODAY)
    full = level_of_detail(g, x(1999), x(2024), 900)
    top, bottom = g.lanes[10].top, g.lanes[20].bottom
    part = level_of_detail(g, x(1999), x(2024), 900, y_range=(top, bottom))

    def bars(d, keep):
        return sorted((a, b, c, e, k, r) for a, b, c, e, k, r, y in zip(
            d.bar_x0.tolist(), d.bar_x1.tolist(), d.bar_y0.tolist(), d.bar_y1.tolist(), d.bar_kind.tolist(),
            d.bar_ref.tolist(), ((d.bar_y0 + d.bar_y1) / 2).tolist()) if keep(y))

    def points(d, keep):
        return sorted((a, b, c) for a, b, c in zip(d.pt_x.tolist(), d.pt_y.tolist(), d.pt_count.tolist()) if keep(b))

    inside = lambda y: top <= y <= bottom  # noqa: E731
    assert 0 < len(part.bar_x0) < len(full.bar_x0)
    assert bars(part, lambda y: True) == bars(full, inside)
    assert points(part, lambda y: True) == points(full, inside)
    assert part.covers(x(1999), x(2024), 900, y=(top + 1, bottom - 1))
    assert not part.covers(x(1999), x(2024), 900, y=(bottom, bottom + 5))  # scrolled past: compute again
    assert full.covers(x(1999), x(2024), 900, y=(bottom, bottom + 5))
