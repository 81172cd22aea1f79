"""Calendar steps of the time cursor."""

import datetime as dt

import pytest

from briefing_app.viewmodel.time_steps import play_frames, step


def test_month_steps_keep_the_day_and_clamp_at_month_end():
    assert step(dt.date(2023, 1, 31), "month") == dt.date(2023, 2, 28)
    assert step(dt.date(2023, 1, 31), "month", 2) == dt.date(2023, 3, 31)
    assert step(dt.date(2023, 2, 28), "month", 1, anchor_day=31) == dt.date(2023, 3, 31)
    assert step(dt.date(2023, 3, 15), "month", -3) == dt.date(2022, 12, 15)


def test_twelve_month_steps_land_on_the_same_day_a_year_later():
    day = dt.date(2019, 7, 4)
    for _ in range(12):
        day = step(day, "month", 1, anchor_day=4)
    assert day == dt.date(2020, 7, 4)


def test_year_and_day_steps():
    assert step(dt.date(2020, 2, 29), "year") == dt.date(2021, 2, 28)
    assert step(dt.date(2020, 12, 31), "day") == dt.date(2021, 1, 1)
    assert step(dt.date(1, 1, 1), "day", -5) == dt.date(1, 1, 1)
    assert step(dt.date(9999, 6, 1), "year") == dt.date.max


def test_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="unknown step"):
        step(dt.date(2020, 1, 1), "week")


def test_play_reaches_the_end_exactly():
    frames = play_frames(dt.date(2023, 1, 31), dt.date(2023, 6, 10), "month")
    assert frames[0] == dt.date(2023, 1, 31)
    assert frames[-1] == dt.date(2023, 6, 10)
    assert frames[1:-1] == [dt.date(2023, 2, 28), dt.date(2023, 3, 31), dt.date(2023, 4, 30), dt.date(2023, 5, 31)]
    assert all(a < b for a, b in zip(frames, frames[1:]))
