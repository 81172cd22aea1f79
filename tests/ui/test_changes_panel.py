"""Compare mode: AppState's period, the changes list, the map's status colours, the timeline's shading."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing_app.model.changes import PeriodError
from briefing_app.model.dates import PartialDate as P
from briefing_app.model.io import default_workspace_path, load_workspace
from briefing_app.render.map.style import compare_pen
from briefing_app.state import AppState
from briefing_app.ui.changes import ChangesPanel


@pytest.fixture(scope="module")
def example():
    return load_workspace(default_workspace_path())


@pytest.fixture
def state(example):
    return AppState(example, default_workspace_path())


def test_state_compare_period_signal_cursor_and_refusal(state, qtbot):
    with qtbot.waitSignal(state.compare_period_changed) as sig:
        state.set_compare_period(P.parse("2019-06"), P.parse("2023-06"))
    assert sig.args == ["2019-06", "2023-06"]
    assert state.time_cursor == dt.date(2023, 6, 30)
    report = state.compare_report()
    assert report.statuses["jpn-kor-gsomia"] == "changed"
    assert state.compare_report() is report  # cached per snapshot and period
    with pytest.raises(PeriodError):
        state.set_compare_period(P.parse("2023"), P.parse("2019"))
    assert state.compare_period == (P(2019, 6), P(2023, 6))  # a refused period changes nothing
    with qtbot.waitSignal(state.compare_period_changed) as sig:
        state.set_compare_period(None)
    assert sig.args == ["", ""] and state.compare_report() is None


def _rows(panel):
    out = {}
    for i in range(panel.tree.topLevelItemCount()):
        group = panel.tree.topLevelItem(i)
        out[group.text(0)] = [group.child(j) for j in range(group.childCount())]
    return out


def test_list_groups_rows_and_links_to_evidence(state, qtbot):
    panel = ChangesPanel(state)
    qtbot.addWidget(panel)
    assert panel.compare("2019-06", "2023-06")
    groups = _rows(panel)
    changes = groups["Relation state changes (9)"]
    texts = [(r.text(0), r.text(1), r.text(2)) for r in changes]
    assert ("2023-03", "suspended → restored", "GSOMIA military intelligence sharing") in texts
    assert any(title.startswith("Possibly in the period") for title in groups)
    assert any(title.startswith("Undated (") for title in groups)
    row = next(r for r in changes if r.text(1) == "suspended → restored")
    ann = state.workspace.annotation_by_id["ann-d2-gsomia-restored"]
    with qtbot.waitSignal(state.passage_requested) as sig:
        panel.tree.itemClicked.emit(row, 0)
    assert sig.args == [ann.document, ann.selector.start, ann.selector.end]
    assert state.selection == ("relation", "jpn-kor-gsomia")


def test_quiet_month_and_bad_dates(state, qtbot):
    panel = ChangesPanel(state)
    qtbot.addWidget(panel)
    assert panel.compare("2021-06", "2021-06")
    assert "nothing is known to have changed" in panel.summary.text()
    assert not any(t.startswith("Relation") or t.startswith("Events") for t in _rows(panel))
    assert not panel.compare("June", "")
    assert panel.summary.text().startswith("Not compared:")
    assert state.compare_period == (P(2021, 6), P(2021, 6))  # the bad input changed nothing


def test_map_and_timeline_follow_compare_mode(state, qtbot):
    from briefing_app.ui.map.panel import MapPanel
    from briefing_app.ui.timeline.panel import TimelinePanel

    map_panel = MapPanel(state)
    timeline = TimelinePanel(state, today=dt.date(2026, 1, 1))
    qtbot.addWidget(map_panel)
    qtbot.addWidget(timeline)
    state.set_compare_period(P.parse("2019-06"), P.parse("2023-06"))
    edges = map_panel.scene.edges
    assert edges["jpn-kor-gsomia"].pen() == compare_pen("changed", "intelligence-sharing")
    assert edges["chn-twn-threat"].compare == "new" and edges["chn-twn-threat"].isVisible()
    assert edges["aukus-membership>gbr"].compare == "new"  # a hub's spokes follow their relation
    assert edges["usa-jpn-alliance"].compare == "unchanged"
    assert timeline.view.period.isVisible()
    lo, hi = timeline.view.period.getRegion()
    assert lo < hi
    state.set_compare_period(P.parse("2021-06"), P.parse("2021-06"))  # before AUKUS (Sep 2021)
    assert not edges["aukus-membership>gbr"].isVisible()
    assert not any(n.isVisible() for n in map_panel.scene.nodes.values()
                   if n.spec.type == "hub" and n.spec.relation == "aukus-membership")
    assert edges["jpn-kor-gsomia"].compare == "unchanged" and edges["jpn-kor-gsomia"].isVisible()
    state.set_compare_period(None)
    assert edges["jpn-kor-gsomia"].compare is None
    assert edges["jpn-kor-gsomia"].state == "suspended"  # the cursor stays at the end of the last period
    assert not timeline.view.period.isVisible()
