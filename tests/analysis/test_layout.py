"""Force layout: determinism, quality, warm starts, pinned nodes, packing."""

from __future__ import annotations

import numpy as np
import pytest

from briefing_app.analysis.layout import (
    LayoutError,
    count_crossings,
    force_layout,
    layout_graph,
    layout_stress,
)


def grid_edges(w: int, h: int) -> np.ndarray:
    idx = np.arange(w * h).reshape(h, w)
    right = np.column_stack([idx[:, :-1].ravel(), idx[:, 1:].ravel()])
    down = np.column_stack([idx[:-1, :].ravel(), idx[1:, :].ravel()])
    return np.vstack([right, down])


def random_graph(n: int, m: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    tree = np.column_stack([np.arange(1, n), rng.integers(0, np.arange(1, n))])
    extra = rng.integers(0, n, size=(m - (n - 1), 2))
    return np.vstack([tree, extra])


def test_same_input_same_layout():
    e = random_graph(300, 600)
    a = force_layout(300, e, seed=7)
    b = force_layout(300, e, seed=7)
    assert np.array_equal(a, b)


def test_edges_have_about_unit_length_and_nodes_do_not_collapse():
    e = grid_edges(8, 8)
    x = force_layout(64, e)
    lengths = np.linalg.norm(x[e[:, 0]] - x[e[:, 1]], axis=1)
    # grid distances are Manhattan: stress stretches edges a little to fit the diagonals
    assert 0.8 < np.median(lengths) < 1.4
    d = np.linalg.norm(x[:, None] - x[None], axis=2) + np.eye(64) * 99
    assert d.min() > 0.5


def test_a_grid_is_laid_out_as_a_grid():
    e = grid_edges(10, 10)
    x = force_layout(100, e)
    idx = np.arange(100)
    truth = np.column_stack([idx % 10, idx // 10]).astype(float)
    assert layout_stress(x, e) <= layout_stress(truth, e) * 1.05
    assert count_crossings(x, e) == 0


def test_large_component_uses_sparse_pivots_and_stays_good():
    e = grid_edges(30, 20)  # 600 nodes: above the full-stress size
    x = force_layout(600, e)
    idx = np.arange(600)
    truth = np.column_stack([idx % 30, idx // 30]).astype(float)
    assert layout_stress(x, e) <= layout_stress(truth, e) * 1.2
    assert count_crossings(x, e) < 10


def test_warm_start_from_a_converged_layout_moves_little():
    e = random_graph(200, 400, seed=2)
    x = force_layout(200, e, iterations=1000, tol=1e-6)
    y = force_layout(200, e, init=x)
    assert np.abs(y - x).max() < 0.2  # in edge lengths
    # from a default (not fully converged) layout it still hardly moves
    x = force_layout(200, e)
    y = force_layout(200, e, init=x)
    assert np.median(np.linalg.norm(y - x, axis=1)) < 0.2


def test_warm_start_after_a_small_change_keeps_the_picture():
    e = random_graph(150, 300, seed=4)
    x = force_layout(150, e)
    e2 = np.vstack([e, [[3, 77]]])
    y = force_layout(150, e2, init=x)
    moved = np.linalg.norm(y - x, axis=1)
    assert np.median(moved) < 0.5
    cold = force_layout(150, e2, seed=99)
    # a cold layout of the changed graph would typically be somewhere else entirely
    assert np.median(moved) < np.median(np.linalg.norm(cold - x, axis=1))


def test_new_nodes_are_fitted_around_known_ones():
    e = grid_edges(5, 5)
    x = force_layout(25, e)
    e2 = np.vstack([e, [[24, 25], [25, 26]]])
    init = np.vstack([x, np.full((2, 2), np.nan)])
    y = force_layout(27, e2, init=init)
    assert np.linalg.norm(y[25] - y[24]) == pytest.approx(1.0, abs=0.3)
    assert np.abs(y[:25] - x).max() < 0.5


def test_pinned_nodes_stay_exactly():
    e = random_graph(60, 120, seed=1)
    x = force_layout(60, e)
    init = x.copy()
    init[[0, 5]] = [[40.0, -3.0], [41.0, 7.5]]
    pinned = np.zeros(60, dtype=bool)
    pinned[[0, 5]] = True
    y = force_layout(60, e, init=init, pinned=pinned)
    assert np.array_equal(y[[0, 5]], init[[0, 5]])
    # neighbours of a dragged node lean towards it; the rest of the picture stays
    g = {int(b) for a, b in e if a == 0} | {int(a) for a, b in e if b == 0}
    g -= {0, 5}
    nb = sorted(g)[0]
    assert np.linalg.norm(y[nb] - init[0]) < np.linalg.norm(x[nb] - init[0])
    assert np.median(np.linalg.norm(y - x, axis=1)) < 2.0  # the drag was 35 edge lengths


def test_pinned_without_position_is_an_error():
    with pytest.raises(LayoutError, match="no position"):
        force_layout(3, [(0, 1)], pinned=[True, False, False])


def test_bad_edges_are_an_error():
    with pytest.raises(LayoutError, match="out of range"):
        force_layout(3, [(0, 5)])
    with pytest.raises(LayoutError, match="shape"):
        force_layout(3, [(0, 1)], init=np.zeros((2, 2)))


def test_components_and_isolated_nodes_do_not_overlap():
    e = [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5)]
    x = force_layout(9, e)  # 6, 7, 8 isolated
    d = np.linalg.norm(x[:, None] - x[None], axis=2) + np.eye(9) * 99
    assert d.min() > 0.8
    tri = x[:3].mean(axis=0)
    path = x[3:6].mean(axis=0)
    assert np.linalg.norm(tri - path) > 1.5


def test_self_loops_and_duplicates_are_ignored():
    a = force_layout(4, [(0, 1), (1, 2), (2, 3)])
    b = force_layout(4, [(0, 1), (1, 0), (1, 2), (2, 2), (2, 3), (2, 3)])
    assert np.allclose(a, b)


def test_empty_graph():
    assert force_layout(0, []).shape == (0, 2)
    assert force_layout(1, []).shape == (1, 2)


def test_layout_graph_with_ids():
    pos = layout_graph(["jpn", "kor", "usa", "prk"], [("jpn", "kor"), ("usa", "jpn"), ("usa", "kor"), ("x", "usa")])
    assert set(pos) == {"jpn", "kor", "usa", "prk"}
    again = layout_graph(["jpn", "kor", "usa", "prk"], [("jpn", "kor"), ("usa", "jpn"), ("usa", "kor")],
                         previous=pos, pinned=["usa"])
    assert again["usa"] == pos["usa"]


def test_crossing_count():
    pos = np.array([[0, 0], [1, 1], [0, 1], [1, 0], [5, 5]], dtype=float)
    assert count_crossings(pos, [(0, 1), (2, 3)]) == 1
    assert count_crossings(pos, [(0, 1), (1, 4)]) == 0  # a shared end is no crossing
