"""Label placement: the bucket grids only speed up the overlap tests; the choice is the plain rule's."""

from __future__ import annotations

import random

from briefing_app.viewmodel.map.labels import _candidates, place_labels


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _place_by_scan(anchors, sizes, radii, order, bounds, ranks, obstacles):
    """The rule of place_labels, every rectangle tested against every other."""
    n = len(anchors)
    out = [None] * n
    placed = [tuple(r) for r in obstacles]
    markers = [(x - r, y - r, x + r, y + r) for (x, y), r in zip(anchors, radii)]
    for i in order:
        x, y = anchors[i]
        w, h = sizes[i]
        strong = [markers[j] for j in range(n) if ranks[j] <= ranks[i] and j != i]
        weak = [markers[j] for j in range(n) if j != i]
        spots = []
        for dx, dy in _candidates(radii[i], w, h):
            box = (x + dx, y + dy, x + dx + w, y + dy + h)
            if box[0] < bounds[0] or box[1] < bounds[1] or box[2] > bounds[2] or box[3] > bounds[3]:
                continue
            if any(_overlaps(box, o) for o in placed) or any(_overlaps(box, m) for m in strong):
                continue
            spots.append((dx, dy, box))
        pick = next((s for s in spots if not any(_overlaps(s[2], m) for m in weak)), spots[0] if spots else None)
        if pick is not None:
            placed.append(pick[2])
            out[i] = (pick[0], pick[1])
    return out


def test_grid_placement_is_the_plain_rule_in_crowded_and_sparse_views():
    rng = random.Random(15)
    for trial in range(40):
        n = rng.randint(1, 120)
        spread = rng.choice([80.0, 300.0, 900.0])  # crowded to sparse
        anchors = [(rng.uniform(0, spread), rng.uniform(0, spread * 0.6)) for _ in range(n)]
        sizes = [(rng.uniform(20, 90), rng.uniform(9, 14)) for _ in range(n)]
        radii = [rng.choice([3.0, 5.0, 8.0, 14.0]) for _ in range(n)]
        ranks = [rng.randint(0, 3) for _ in range(n)]
        order = sorted(range(n), key=lambda i: (ranks[i], i))
        bounds = (0.0, 0.0, spread, spread * 0.6)
        obstacles = [(spread * 0.7, spread * 0.4, spread, spread * 0.6)] if trial % 2 else []
        assert place_labels(anchors, sizes, radii, order, bounds, ranks, obstacles) == \
            _place_by_scan(anchors, sizes, radii, order, bounds, ranks, obstacles)
