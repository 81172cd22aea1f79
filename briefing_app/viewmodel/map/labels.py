"""Labels that do not collide: greedy placement in screen pixels (pure, no Qt).

Each label tries a few spots around its node (right, left, above, below,
the diagonals, then the same a little further out) and takes the first that
overlaps no placed label, no marker and no reserved area (the legend);
labels are placed in priority order (countries, then actors of relations in
force, then places), so when space runs out it is the least important names
that are left out. Only when no spot is free of markers does a label settle
for one that covers markers of less important nodes, so a country's name is
not pushed out by the minor actors crowded around it. A uniform grid of
buckets keeps the overlap test local, so thousands of labels place in
milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1


LEADER_RINGS = (22.0, 40.0)  # farther spots, drawn with a leader line to their marker


def _candidates(r: float, w: float, h: float, gap: float = 3.0) -> list[tuple[float, float]]:
    """Top-left offsets of the label box relative to the node centre (near spots, then farther ones).

    The farthest rings are used only when every near spot is taken: the
    label then hangs off a leader line (see :func:`leader_line`) rather than
    disappear in a crowded region such as Korea and Japan at world scale.
    """
    spots = _ring(r + gap, w, h) + _ring(r + gap + 7.0, w, h)
    for extra in LEADER_RINGS:
        spots += _ring(r + gap + extra, w, h)
    return spots


def leader_line(offset: tuple[float, float], size: tuple[float, float], radius: float,
                slack: float = 9.0) -> tuple[float, float, float, float] | None:
    """The leader from a marker to its label, or None when the label sits next to it.

    Args:
        offset: The label box's top-left corner relative to the marker centre, pixels.
        size: The label's (width, height).
        radius: The marker's radius.
        slack: How far beyond the marker a label may sit without a leader.

    Returns:
        (x0, y0, x1, y1): from the marker's edge to the nearest point of the label box.
    """
    x0, y0 = offset
    x1, y1 = x0 + size[0], y0 + size[1]
    nx, ny = min(max(0.0, x0), x1), min(max(0.0, y0), y1)  # nearest point of the box to the centre
    d = (nx * nx + ny * ny) ** 0.5
    if d <= radius + slack:
        return None
    return nx * radius / d, ny * radius / d, nx, ny


def _ring(d: float, w: float, h: float) -> list[tuple[float, float]]:
    return [
        (d, -h / 2),  # right
        (-d - w, -h / 2),  # left
        (-w / 2, -d - h),  # above
        (-w / 2, d),  # below
        (d * 0.7, -d * 0.7 - h),  # upper right
        (-d * 0.7 - w, -d * 0.7 - h),  # upper left
        (d * 0.7, d * 0.7),  # lower right
        (-d * 0.7 - w, d * 0.7),  # lower left
    ]


class _Grid:
    def __init__(self, cell: float):
        self.cell = cell
        self.buckets: dict[tuple[int, int], list[Rect]] = {}

    def _keys(self, r: Rect):
        c = self.cell
        for i in range(int(r[0] // c), int(r[2] // c) + 1):
            for j in range(int(r[1] // c), int(r[3] // c) + 1):
                yield i, j

    def add(self, r: Rect) -> None:
        for k in self._keys(r):
            self.buckets.setdefault(k, []).append(r)

    def hits(self, r: Rect, ignore: Rect | None = None) -> bool:
        c = self.cell
        x0, y0, x1, y1 = r
        buckets = self.buckets
        j0, j1 = int(y0 // c), int(y1 // c) + 1
        for i in range(int(x0 // c), int(x1 // c) + 1):
            for j in range(j0, j1):
                for o in buckets.get((i, j), ()):
                    if o is not ignore and x0 < o[2] and o[0] < x1 and y0 < o[3] and o[1] < y1:
                        return True
        return False


def place_labels(
    anchors: Sequence[tuple[float, float]],
    sizes: Sequence[tuple[float, float]],
    radii: Sequence[float],
    order: Sequence[int] | None = None,
    bounds: Rect | None = None,
    ranks: Sequence[int] | None = None,
    obstacles: Sequence[Rect] = (),
) -> list[tuple[float, float] | None]:
    """Choose an offset for each label, or None to hide it.

    Args:
        anchors: Node centres, in pixels.
        sizes: Label (width, height), in pixels.
        radii: Marker radius of each node, in pixels (markers are obstacles too).
        order: Indices, most important first (default: given order).
        bounds: Labels must lie inside this rectangle (the viewport), if given.
        ranks: Importance class per node (0 first). A label prefers a spot
            clear of every marker, but may cover markers of less important
            classes when nothing else is free, so a country's name is not
            pushed out by the minor actors crowded around it.
        obstacles: Rectangles no label may overlap (the legend, an inset).

    Returns:
        Per label, the offset of its top-left corner from its anchor.
    """
    n = len(anchors)
    out: list[tuple[float, float] | None] = [None] * n
    if n == 0:
        return out
    avg_w = sum(s[0] for s in sizes) / n
    labels = _Grid(max(24.0, avg_w))  # placed labels and reserved areas: never overlapped
    for r in obstacles:
        labels.add(tuple(r))
    markers = [(x - r, y - r, x + r, y + r) for (x, y), r in zip(anchors, radii)]
    rank = list(ranks) if ranks is not None else [0] * n
    # Markers are small: cells about their size keep a crowded region's buckets short (the test is exact
    # either way, the cell size only decides how many rectangles each lookup visits).
    marker_cell = max(16.0, 2.0 * max(radii, default=0.0))
    strong = _Grid(marker_cell)  # markers of this label's class and more important ones
    weak = _Grid(marker_cell)  # markers of less important classes
    by_rank = sorted(range(n), key=lambda j: rank[j])
    for j in by_rank:
        weak.add(markers[j])
    added = 0
    for i in order if order is not None else range(n):
        while added < n and rank[by_rank[added]] <= rank[i]:
            strong.add(markers[by_rank[added]])
            added += 1
        x, y = anchors[i]
        w, h = sizes[i]
        # first choice: the first free spot that covers no marker at all; else the first free spot
        # (it covers only lesser markers)
        pick = None
        fallback = None
        for dx, dy in _candidates(radii[i], w, h):
            box = (x + dx, y + dy, x + dx + w, y + dy + h)
            if bounds is not None and (box[0] < bounds[0] or box[1] < bounds[1]
                                       or box[2] > bounds[2] or box[3] > bounds[3]):
                continue
            if labels.hits(box) or strong.hits(box, ignore=markers[i]):
                continue
            if not weak.hits(box, ignore=markers[i]):
                pick = (dx, dy, box)
                break
            if fallback is None:
                fallback = (dx, dy, box)
        pick = pick or fallback
        if pick is not None:
            labels.add(pick[2])
            out[i] = (pick[0], pick[1])
    return out
