"""The map panel's time cursor: typed dates, calendar steps, play up to today, view state kept per workspace."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractSlider

from briefing_app.state import AppState
from briefing_app.ui.map.panel import MapPanel


@pytest.fixture
def panel(qtbot, tiny_workspace_path):
    state = AppState()
    state.open(tiny_workspace_path)
    p = MapPanel(state)
    qtbot.addWidget(p)
    p.resize(900, 600)
    p.show()
    qtbot.waitExposed(p)
    return p


def test_typed_date_moves_the_cursor(panel):
    panel.date_edit.setDate(QDate(2019, 12, 15))
    assert panel.state.time_cursor == dt.date(2019, 12, 15)
    assert panel.scene.edges["jpn-kor-gsomia"].state == "termination-notified"


def test_cursor_changes_show_in_the_date_field(panel):
    panel.state.set_time_cursor(dt.date(2021, 3, 4))
    assert panel.date_edit.date().toPython() == dt.date(2021, 3, 4)


def test_month_steps_do_not_drift(panel):
    panel.unit_box.setCurrentText("month")
    panel.state.set_time_cursor(dt.date(2021, 1, 31))
    seen = []
    for _ in range(3):
        panel.step_cursor(1)
        seen.append(panel.state.time_cursor)
    assert seen == [dt.date(2021, 2, 28), dt.date(2021, 3, 31), dt.date(2021, 4, 30)]
    panel.step_cursor(-1)
    assert panel.state.time_cursor == dt.date(2021, 3, 31)


def test_slider_key_step_is_a_calendar_step(panel):
    panel.unit_box.setCurrentText("year")
    panel.state.set_time_cursor(dt.date(2020, 2, 29))
    panel.slider.triggerAction(QAbstractSlider.SliderAction.SliderSingleStepAdd)
    assert panel.state.time_cursor == dt.date(2021, 2, 28)


def test_play_reaches_today_and_stops(panel, qtbot):
    today = dt.date.today()
    panel.unit_box.setCurrentText("year")
    panel.state.set_time_cursor(today.replace(year=today.year - 3) if not (today.month == 2 and today.day == 29)
                                else dt.date(today.year - 3, 2, 28))
    panel.play_button.setChecked(True)
    qtbot.waitUntil(lambda: not panel.play_button.isChecked(), timeout=3000)
    assert panel.state.time_cursor == today


def test_view_state_is_kept_per_workspace(qtbot, tiny_workspace_path):
    state = AppState()
    first = MapPanel(state)
    qtbot.addWidget(first)
    first.remember_view_state = True
    state.open(tiny_workspace_path)
    first.unit_box.setCurrentText("day")
    first.set_filters(kinds={"threat"}, types=None)
    first.view.zoom(2.0)
    state.set_time_cursor(dt.date(2020, 5, 6))
    first.save_view_state()
    zoom = first.view.transform().m11()

    again = AppState()
    second = MapPanel(again)
    qtbot.addWidget(second)
    second.remember_view_state = True
    again.open(tiny_workspace_path)
    assert again.time_cursor == dt.date(2020, 5, 6)
    assert second.unit == "day"
    assert MapPanel.checked(second.kind_menu) == {"threat"}
    assert second.view.transform().m11() == pytest.approx(zoom)
    assert not second.view.auto_fit


def test_unsaved_workspace_keeps_nothing(qtbot):
    state = AppState()
    p = MapPanel(state)
    qtbot.addWidget(p)
    p.remember_view_state = True
    p.save_view_state()  # no path: nothing to key it by, and no error
    assert state.path is None


def test_wheel_on_the_slider_steps_by_the_unit(panel, qtbot):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    panel.unit_box.setCurrentText("month")
    panel.state.set_time_cursor(dt.date(2021, 1, 31))
    pos = QPointF(panel.slider.rect().center())
    ev = QWheelEvent(pos, panel.slider.mapToGlobal(pos), QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
                     Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(panel.slider, ev)
    assert panel.state.time_cursor == dt.date(2021, 2, 28)
