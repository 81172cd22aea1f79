"""The lane header column's width: the longest label, measured only as far as the view's cap needs."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtGui import QFontMetricsF

from briefing_app.render.timeline.axes import LaneAxis


def _geom(lanes, rows):
    return SimpleNamespace(lanes=[SimpleNamespace(label=t) for t in lanes],
                           rows=[SimpleNamespace(label=t) for t in rows])


def test_without_a_cap_the_width_is_the_longest_label_measured(qapp):
    axis = LaneAxis()
    geom = _geom(["Japan–South Korea", "WWWW", "US–Japan–ROK trilateral security cooperation"], ["GSOMIA", "x"])
    fm = QFontMetricsF(axis._lane_font)
    widest = max(fm.horizontalAdvance(t) for t in ["Japan–South Korea", "WWWW",
                                                     "US–Japan–ROK trilateral security cooperation"])
    assert axis.preferred_width(geom) == widest + 14
    # a short label wider than longer ones (W is wide) still counts when the cap is not reached
    narrow = _geom(["iiiiiiiiiiii", "WWWWWWW"], [])
    assert axis.preferred_width(narrow) == max(fm.horizontalAdvance("iiiiiiiiiiii"), fm.horizontalAdvance("WWWWWWW")) + 14


def test_with_a_cap_measuring_stops_once_a_label_needs_it_and_the_capped_width_is_the_same(qapp, monkeypatch):
    axis = LaneAxis()
    lanes = [f"Lane {i}" for i in range(5000)] + ["An agreement whose name runs far past any header column"]
    geom = _geom(lanes, [])
    full = axis.preferred_width(geom)
    calls = []
    real = QFontMetricsF.horizontalAdvance
    monkeypatch.setattr(QFontMetricsF, "horizontalAdvance", lambda self, t: calls.append(t) or real(self, t))
    capped = axis.preferred_width(geom, cap=200.0)
    assert full > 200.0 and capped >= 200.0  # min(want, cap) is the cap either way
    assert len(calls) == 1  # the long name, measured first, settled it
