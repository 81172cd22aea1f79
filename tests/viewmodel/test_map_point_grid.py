"""The hub placement's nearness test by grid cells answers as the scan of every point did."""

from __future__ import annotations

import math
import random

import pytest

from briefing_app.viewmodel.map.placement import _PointGrid


def _scan(points, x, y, gap):
    return any(math.hypot(x - hx, y - hy) < gap for hx, hy in points)


@pytest.mark.parametrize("gap", [0.0, 0.37, 5.0, 120.0])
def test_the_grid_agrees_with_the_scan_of_every_point(gap):
    rng = random.Random(7)
    points = [(rng.uniform(-300, 300), rng.uniform(-200, 200)) for _ in range(400)]
    points += [(0.0, 0.0), (gap, 0.0), (-gap, -gap), (math.inf, 1.0), (math.nan, 2.0)]  # edges, off the plane
    grid = _PointGrid(gap, points)
    queries = [(rng.uniform(-320, 320), rng.uniform(-220, 220)) for _ in range(2000)]
    queries += [(0.0, 0.0), (gap * 0.999, 0.0), (gap * 2, 0.0), (math.inf, 0.0), (math.nan, 0.0)]
    assert [grid.any_closer(x, y) for x, y in queries] == [_scan(points, x, y, gap) for x, y in queries]


def test_points_added_later_are_found():
    grid = _PointGrid(10.0)
    assert not grid.any_closer(3.0, 4.0)
    grid.add(9.0, 9.0)  # 7.8 away, in the next cell
    assert grid.any_closer(3.0, 4.0) and not grid.any_closer(30.0, 30.0)
